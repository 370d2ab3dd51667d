package org.parley.federation.delivery;

import org.parley.federation.wire.Envelope;

/**
 * What streams hand to the node's users. Called on the federation context.
 */
public interface StreamEvents {

    /**
     * A direct message for a user of this node, in order and once per stream position.
     *
     * @return sessions that took it; 0 if the user is offline, -1 if there is no such user
     */
    int deliverChat(Envelope envelope, byte[] body);

    /**
     * What became of a message a user of this node sent to another node, once that node acknowledged
     * it: {@code delivered}, {@code offline} or {@code unknown}.
     */
    void receipt(Envelope sent, String status);
}
