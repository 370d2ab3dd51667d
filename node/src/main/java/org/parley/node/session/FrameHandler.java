package org.parley.node.session;

import org.parley.protocol.message.ClientMessage;

/**
 * Handles one type of client frame. Runs on the connection's event loop.
 */
@FunctionalInterface
public interface FrameHandler<T extends ClientMessage> {

    void handle(ClientConnection connection, T message, byte[] body);
}
