package org.parley.protocol.message;

/**
 * News that a message which left for another node reached a session of its recipient there. It
 * follows the message's {@link Accepted}; a message that could not be delivered gets an
 * {@link ErrorFrame} with the message id as {@code ref} instead.
 *
 * @param id     the message id the sender chose
 * @param to     the recipient, qualified
 * @param status {@code delivered}
 */
public record Receipt(String id, String to, String status) implements ServerMessage {

    public static final String DELIVERED = "delivered";
}
