package org.parley.federation.wire;

/**
 * A broadcast to every online user on every node: each node delivers it to its users once (it
 * remembers {@code floodId}) and passes it to its other links. The frame body is the message body.
 *
 * @param floodId unique on the network: the origin's name, its stream incarnation and a counter
 * @param origin  node where the sender is
 * @param hops    hops left
 * @param id      the message id the sending user chose
 * @param from    sending user, qualified
 * @param sentAt    when the origin accepted it, epoch milliseconds
 * @param signature the origin node's Ed25519 signature (base64) over every field but {@code hops} and
 *                  over the body's SHA-256: a flood goes to every node, so a MAC for one destination
 *                  would not do; null until the origin signs it
 */
public record Flood(String floodId, String origin, int hops, String id, String from, long sentAt,
                    String signature) implements PeerMessage {

    public Flood forwarded() {
        return new Flood(floodId, origin, hops - 1, id, from, sentAt, signature);
    }

    /** The same flood with {@code signature}. */
    public Flood signed(String signature) {
        return new Flood(floodId, origin, hops, id, from, sentAt, signature);
    }
}
