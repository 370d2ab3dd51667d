package org.parley.node.session;

import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ClientMessage;

/**
 * What a {@link ClientConnection} reports to: every decoded frame, and its end.
 */
public interface FrameSink {

    void onFrame(ClientConnection connection, Frame<ClientMessage> frame);

    /** The connection is gone; {@code reason} says why in words for the log and for leave notices. */
    void onClosed(ClientConnection connection, String reason);
}
