package org.parley.federation.delivery;

import org.parley.federation.wire.PeerMessage;

/**
 * How streams put frames on the network: toward the next hop of a destination, if there is one.
 */
public interface EnvelopeTransport {

    /** Sends a frame toward {@code destination}; false if no route reaches it now. */
    boolean sendToward(String destination, PeerMessage header, byte[] body);

    /** Whether a route reaches {@code destination} now. */
    boolean reaches(String destination);
}
