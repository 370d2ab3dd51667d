package org.parley.protocol.message;

/**
 * What became of a message that left for another node: {@code status} is {@code delivered} when
 * the recipient's node handed it to {@code sessions} of the recipient's sessions.
 *
 * @param id       the message id the sender chose
 * @param to       the recipient, qualified
 * @param status   {@code delivered}
 * @param sessions how many of the recipient's sessions received it
 */
public record Receipt(String id, String to, String status, int sessions) implements ServerMessage {

    public static final String DELIVERED = "delivered";
}
