package org.parley.node.group;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ServerMessage;

/**
 * Group requests, answers and notices ride between nodes as the bodies of envelopes, written as
 * the same JSON headers clients send and receive, so the home's answer reaches the user unchanged.
 */
final class GroupWire {

    private static final ObjectWriter SERVER_WRITER = WireJson.mapper().writerFor(ServerMessage.class);
    private static final ObjectWriter CLIENT_WRITER = WireJson.mapper().writerFor(ClientMessage.class);
    private static final ObjectReader SERVER_READER = WireJson.mapper().readerFor(ServerMessage.class);
    private static final ObjectReader CLIENT_READER = WireJson.mapper().readerFor(ClientMessage.class);

    private GroupWire() {
    }

    static byte[] write(ServerMessage message) {
        try {
            return SERVER_WRITER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    static byte[] write(ClientMessage message) {
        try {
            return CLIENT_WRITER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws IOException if the bytes are not a server message header */
    static ServerMessage readServer(byte[] body) throws IOException {
        return SERVER_READER.readValue(body);
    }

    /** @throws IOException if the bytes are not a client message header */
    static ClientMessage readClient(byte[] body) throws IOException {
        return CLIENT_READER.readValue(body);
    }
}
