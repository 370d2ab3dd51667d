package org.parley.protocol.e2ee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.parley.protocol.frame.WireJson;

/**
 * The plaintext of a direct message that the client writes for itself rather than the user (a
 * file offer, a declined file): a marker that starts with NUL, which no text message does, then a
 * JSON record. Each kind has its own marker.
 *
 * @param marker what such a plaintext starts with, for example {@code "\0parley-file-offer-v1\n"}
 */
public record MarkedJson<T>(String marker, Class<T> type) {

    public byte[] encode(T value) {
        byte[] mark = marker.getBytes(StandardCharsets.US_ASCII);
        try {
            byte[] json = WireJson.mapper().writeValueAsBytes(value);
            byte[] out = Arrays.copyOf(mark, mark.length + json.length);
            System.arraycopy(json, 0, out, mark.length, json.length);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a " + type.getSimpleName(), e);
        }
    }

    /**
     * The record a plaintext carries, or empty if it does not start with this marker.
     *
     * @throws IllegalArgumentException if it has the marker but no record of this type after it
     */
    public Optional<T> decode(byte[] plaintext) {
        byte[] mark = marker.getBytes(StandardCharsets.US_ASCII);
        if (!WireFields.startsWith(plaintext, mark)) {
            return Optional.empty();
        }
        try {
            T value = WireJson.mapper().readValue(plaintext, mark.length, plaintext.length - mark.length, type);
            if (value == null) {
                throw new IllegalArgumentException("an empty " + type.getSimpleName());
            }
            return Optional.of(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged " + type.getSimpleName());
        }
    }
}
