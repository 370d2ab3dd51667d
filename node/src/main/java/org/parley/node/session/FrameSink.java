package org.parley.node.session;

import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ClientMessage;

/**
 * What a {@link ClientConnection} reports to: every decoded frame, and its end.
 */
public interface FrameSink {

    void onFrame(ClientConnection connection, Frame<ClientMessage> frame);

    /**
     * A voice packet a logged-in client sent on its WebSocket: a binary message in the voice datagrams'
     * format (docs/PROTOCOL.md, "Voice over the WebSocket") rather than a frame.
     */
    void onVoicePacket(ClientConnection connection, byte[] packet);

    /** The connection is gone; {@code reason} says why in words for the log and for leave notices. */
    void onClosed(ClientConnection connection, String reason);
}
