package org.parley.node.chat;

import org.parley.node.delivery.DeliveryPort;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;

/**
 * Tells every other online user of this node that someone (here or on another node) came online,
 * went away or went offline. The notice is encoded once and the same bytes are queued for every
 * recipient.
 */
public final class PresenceAnnouncer {

    private final DeliveryPort delivery;

    public PresenceAnnouncer(DeliveryPort delivery) {
        this.delivery = delivery;
    }

    public void announce(UserAddress user, Presence status, String reason) {
        byte[] frame = FrameEncoder.server().encode(new PresenceNotice(user.toString(), status, reason));
        delivery.toEveryoneHere(frame, user);
    }
}
