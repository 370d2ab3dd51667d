package org.parley.protocol.message;

/**
 * A message from the client. {@code id} is chosen by the sender and unique among its messages;
 * {@code to} is {@code bob}, {@code bob@node-b}, or {@code *} for everyone. The frame body carries
 * the payload, which the node forwards without reading.
 *
 * @param confirmStored for a direct message: also send a {@link Receipt#STORED} receipt once the
 *                      message is in the recipient's mailbox at their node, so a sender can learn
 *                      that the recipient's node took it (or, with an error, that it did not) even
 *                      while the recipient is offline; null or false for none
 * @param piece         the body is a piece of a file ({@code FileChunk}) for a user: the nodes may
 *                      carry it on a bulk stream instead of storing it, and "accepted" then comes
 *                      once the recipient's client or node has it; null or false for an ordinary message
 */
public record Send(String id, String to, Boolean confirmStored, Boolean piece) implements ClientMessage {

    public Send(String id, String to) {
        this(id, to, null, null);
    }

    public Send(String id, String to, Boolean confirmStored) {
        this(id, to, confirmStored, null);
    }

    /** Whether the sender says the body is a piece of a file. */
    public boolean markedAsPiece() {
        return Boolean.TRUE.equals(piece);
    }

    /** Whether the sender asked for a {@link Receipt#STORED} receipt. */
    public boolean wantsStoredReceipt() {
        return Boolean.TRUE.equals(confirmStored);
    }
}
