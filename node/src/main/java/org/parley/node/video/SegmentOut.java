package org.parley.node.video;

import io.vertx.core.Future;
import org.parley.protocol.message.ErrorCode;

/**
 * Where one segment of a video goes when a web player fetches it: an HTTPS response, as the web
 * package makes it. Called on the context the fetch was started on.
 */
public interface SegmentOut {

    /** The segment is on its way: what is written next is its first bytes. */
    void begin();

    /** Writes the next bytes of the segment; completes once they are on their way to the requester. */
    Future<Void> write(byte[] bytes);

    /** The segment was written whole. */
    void end();

    /** There is no segment to send ({@code code} says why, in the protocol's words), or it broke off. */
    void failed(ErrorCode code, String why);

    /** Runs {@code gone} if the requester goes away before the segment was written whole. */
    void onGone(Runnable gone);
}
