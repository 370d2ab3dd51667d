package org.parley.federation.link;

import org.parley.transport.PullLane;

/**
 * A bulk stream as its link's writer sees it: something that may have a frame to send, when its
 * credit allows. The writer asks for one frame at a time, round-robin over the sources that are
 * ready, only when no control or chat frame waits. Called on the link's context.
 */
public interface BulkSource extends PullLane.Source {

    /** Its next frame (at most 64 KiB of payload and a small header), or null if it may send none now. */
    @Override
    byte[] nextFrame();
}
