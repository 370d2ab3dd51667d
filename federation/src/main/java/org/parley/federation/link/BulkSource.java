package org.parley.federation.link;

/**
 * A bulk stream as its link's writer sees it: something that may have a frame to send, when its
 * credit allows. The writer asks for one frame at a time, round-robin over the sources that are
 * ready, only when no control or chat frame waits. Called on the link's context.
 */
public interface BulkSource {

    /** Its next frame (at most 64 KiB of payload and a small header), or null if it may send none now. */
    byte[] nextFrame();

    /** Whether it may send a frame now. */
    boolean ready();
}
