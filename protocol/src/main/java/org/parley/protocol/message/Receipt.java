package org.parley.protocol.message;

/**
 * What became of a direct message after its {@link Accepted}: it is in the recipient's mailbox at
 * their node ({@code stored}, only if the {@link Send} asked for it), the recipient's client has it
 * ({@code delivered}, on the recipient's {@link Ack}), the recipient saw it ({@code read}), or it
 * waited in the recipient's mailbox past the node's age limit and was dropped ({@code expired}).
 * A message that could not be stored at all gets an {@link ErrorFrame} with the message id as
 * {@code ref} instead.
 *
 * @param id     the message id the sender chose
 * @param to     the recipient, qualified
 * @param status what became of it
 */
public record Receipt(String id, String to, ReceiptStatus status) implements ServerMessage {
}
