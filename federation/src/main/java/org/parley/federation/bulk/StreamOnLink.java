package org.parley.federation.bulk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.federation.wire.BulkReset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both ends of a bulk stream share: its link, its number and purpose, the node's count of the
 * bytes its streams hold, and how it ends, once, letting go of what it holds first. The ending runs
 * on the link's context.
 */
abstract sealed class StreamOnLink permits OutgoingBulkStream, IncomingBulkStream {

    private static final Logger LOG = LoggerFactory.getLogger(StreamOnLink.class);

    final LinkBulkStreams link;
    final int id;
    final BulkPurpose purpose;
    /** The bytes this node holds for all its bulk streams. */
    final AtomicLong nodeHeld;
    private final EndNotice end;

    StreamOnLink(LinkBulkStreams link, int id, BulkPurpose purpose, AtomicLong nodeHeld) {
        this.link = link;
        this.id = id;
        this.purpose = purpose;
        this.nodeHeld = nodeHeld;
        this.end = new EndNotice(link.context());
    }

    public String peer() {
        return link.peer();
    }

    public int id() {
        return id;
    }

    public void ended(Consumer<BulkEnd> handler) {
        end.handler(handler);
    }

    boolean hasEnded() {
        return end.hasEnded();
    }

    /** Ends the stream from this side, telling the other end why. */
    void resetHere(String why) {
        if (!hasEnded()) {
            link.send(new BulkReset(id, why));
            ended(BulkEnd.Cause.RESET_HERE, why);
        }
    }

    /** The stream ended: what it holds is let go, and its upper layer hears it. */
    final void ended(BulkEnd.Cause cause, String why) {
        if (hasEnded()) {
            return;
        }
        long dropped = letGo();
        link.forget(this);
        LOG.debug("{} ended ({}): {}; {} bytes dropped", this, cause, why, dropped);
        end.ended(new BulkEnd(cause, why, lastSettled()));
    }

    /** Lets go of every byte this end holds of the stream; returns how many. */
    abstract long letGo();

    /** The highest item number settled, as this end knows it. */
    abstract long lastSettled();
}
