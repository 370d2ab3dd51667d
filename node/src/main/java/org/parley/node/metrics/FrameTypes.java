package org.parley.node.metrics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.frame.FrameEncoder;

/**
 * The frame types of one direction of the client protocol, by record class and by the name frames
 * carry in their {@code type} field, read once from the family's Jackson subtypes. Also names the
 * type of a frame already encoded, by the bytes its header starts with, without decoding it.
 */
final class FrameTypes {

    /** How the node's encoder starts every header: the type comes first. */
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Map<Class<?>, String> byClass;
    private final String[] names;
    private final byte[][] spelled;

    /** @param family a sealed message family annotated with its {@link JsonSubTypes} */
    FrameTypes(Class<?> family) {
        Map<Class<?>, String> found = new LinkedHashMap<>();
        for (JsonSubTypes.Type subtype : family.getAnnotation(JsonSubTypes.class).value()) {
            found.put(subtype.value(), subtype.name());
        }
        byClass = Map.copyOf(found);
        names = found.values().toArray(String[]::new);
        spelled = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            spelled[i] = (names[i] + "\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Every type name of the family, in the order the family lists them. */
    String[] names() {
        return names.clone();
    }

    /** The name of {@code type}'s frames. */
    String nameOf(Class<?> type) {
        String name = byClass.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type + " is not a frame of this family");
        }
        return name;
    }

    /**
     * The index in {@link #names()} of an encoded frame's type, read from the start of its header;
     * -1 for a frame whose header does not start with a known type.
     */
    int indexOfEncoded(byte[] frame) {
        int at = FrameEncoder.HEADER_OFFSET;
        if (!startsWith(frame, at, TYPE_PREFIX)) {
            return -1;
        }
        at += TYPE_PREFIX.length;
        for (int i = 0; i < spelled.length; i++) {
            if (startsWith(frame, at, spelled[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] frame, int at, byte[] prefix) {
        if (frame.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
