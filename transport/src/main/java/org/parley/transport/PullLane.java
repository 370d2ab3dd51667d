package org.parley.transport;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The lower lane of an {@link OutboundQueue}: sources that each may have a frame to write, asked for
 * one frame at a time, round-robin over those that are ready, only when nothing waits in the queue
 * and the transport has room. So a source's frames never count against the queue's limit (they wait
 * with the source until the reader takes them), no source starves another, and a queued frame waits
 * behind at most one of them. A node link's bulk streams and a client's video streams are such
 * sources. Used on the transport's context only.
 */
public final class PullLane {

    /** Something with frames to write when the lane's turn comes. Called on the transport's context. */
    public interface Source {

        /** Its next frame, or null if it may write none now. */
        byte[] nextFrame();

        /** Whether it may write a frame now. */
        boolean ready();
    }

    /** Sources that may write, in turn: the head writes next and goes to the tail. */
    private final LinkedHashSet<Source> ready = new LinkedHashSet<>();
    private boolean closed;

    /** {@code source} may write: it takes its turn. Returns whether it was not waiting already. */
    public boolean ready(Source source) {
        return !closed && ready.add(source);
    }

    /** The next frame of the lane, or null when no source has one: what {@link OutboundQueue} asks. */
    public byte[] next() {
        while (!ready.isEmpty()) {
            Iterator<Source> head = ready.iterator();
            Source source = head.next();
            head.remove();
            byte[] frame = source.nextFrame();
            if (frame != null) {
                if (source.ready()) {
                    ready.add(source);
                }
                return frame;
            }
        }
        return null;
    }

    /** Takes no more sources: the connection is closing. */
    public void close() {
        closed = true;
        ready.clear();
    }
}
