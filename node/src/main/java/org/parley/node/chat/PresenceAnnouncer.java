package org.parley.node.chat;

import org.parley.node.presence.PresenceAudience;
import org.parley.node.presence.PresenceBatches;
import org.parley.node.session.Session;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;

/**
 * Tells the online users of this node who deal with someone (here or on another node) that they
 * came online, went away or went offline, through each session's batch. The single form is encoded
 * once, lazily, for every session that takes it at once.
 */
public final class PresenceAnnouncer {

    private final PresenceAudience audience;
    private final PresenceBatches batches;

    public PresenceAnnouncer(PresenceAudience audience, PresenceBatches batches) {
        this.audience = audience;
        this.batches = batches;
    }

    public void announce(UserAddress user, Presence status, String reason) {
        PresenceNotice.Entry change = new PresenceNotice.Entry(user.toString(), status, reason);
        byte[][] single = {null};
        for (Session session : audience.of(user)) {
            batches.offer(session, change, () -> single[0] == null
                    ? single[0] = FrameEncoder.server().encode(new PresenceNotice(change.user(), status, reason))
                    : single[0]);
        }
    }

    /** The session ended: it hears no more, and what waited for it is dropped. */
    public void forget(Session session) {
        audience.forget(session);
        batches.forget(session);
    }
}
