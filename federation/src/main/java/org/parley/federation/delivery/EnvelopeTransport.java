package org.parley.federation.delivery;

/**
 * How streams put frames on the network: toward the next hop of a destination, if there is one.
 * Streams hand over frames already encoded, since a sealed item's tag is written into its frame.
 */
public interface EnvelopeTransport {

    /** Sends an encoded frame toward {@code destination}; false if no route reaches it now. */
    boolean sendToward(String destination, byte[] frame);

    /** Whether a route reaches {@code destination} now. */
    boolean reaches(String destination);
}
