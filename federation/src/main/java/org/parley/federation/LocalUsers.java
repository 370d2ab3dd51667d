package org.parley.federation;

import org.parley.federation.delivery.StreamEvents;
import org.parley.federation.wire.Flood;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/**
 * The node's side of federation: its users' sessions, which receive what arrives from the network.
 * Called on the federation context; implementations hand frames to sessions without blocking.
 */
public interface LocalUsers extends StreamEvents {

    /** A broadcast from a user of another node; returns how many sessions took it. */
    int deliverBroadcast(Flood flood, byte[] body);

    /** A user of another node came online, went away or offline (or its node became unreachable). */
    void presenceChanged(UserAddress user, Presence presence, String reason);
}
