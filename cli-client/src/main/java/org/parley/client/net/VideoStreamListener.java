package org.parley.client.net;

import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.Watching;

/**
 * What one video stream on a connection hears from the node, in the order the node sent it, on the
 * connection's event loop: it began, its pieces, its end, or the connection's end before that.
 */
public interface VideoStreamListener {

    /** The node began the stream ({@code watching}); its pieces follow. */
    void started(Watching watching);

    /** A piece of MPEG-TS: {@code body} holds the bytes of {@code piece.segment()} from {@code piece.offset()}. */
    void piece(VideoData piece, byte[] body);

    /** The stream ended: whole, stopped, or cut ({@code complete} false: watch again from {@code nextSegment}). */
    void ended(VideoEnd end);

    /** The connection ended while the stream was open: nothing more comes on it. */
    void lost(ConnectionClosedException why);
}
