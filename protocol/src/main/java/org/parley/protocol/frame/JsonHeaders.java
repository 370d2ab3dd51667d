package org.parley.protocol.frame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ServerMessage;

/**
 * Headers as JSON objects whose {@code type} names the record of the family, with the shared
 * {@link WireJson} mapper. Thread-safe.
 *
 * @param <T> the message family
 */
public final class JsonHeaders<T> implements HeaderCodec<T> {

    /** What clients send; one for every connection, as it holds no state. */
    static final JsonHeaders<ClientMessage> CLIENT = new JsonHeaders<>(ClientMessage.class);
    /** What nodes send to clients. */
    static final JsonHeaders<ServerMessage> SERVER = new JsonHeaders<>(ServerMessage.class);

    private final ObjectWriter writer;
    private final ObjectReader reader;

    private JsonHeaders(Class<T> family) {
        this.writer = WireJson.mapper().writerFor(family);
        this.reader = WireJson.mapper().readerFor(family);
    }

    public static <T> JsonHeaders<T> of(Class<T> family) {
        return new JsonHeaders<>(family);
    }

    @Override
    public byte[] write(T header) {
        try {
            return writer.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + header.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T read(byte[] buffer, int offset, int length) throws IOException {
        T header = reader.readValue(buffer, offset, length);
        if (header == null) {
            throw new IOException("header is null");
        }
        return header;
    }
}
