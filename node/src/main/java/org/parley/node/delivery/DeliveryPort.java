package org.parley.node.delivery;

import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.protocol.message.ServerMessage;

/**
 * The one place that turns "deliver this to user X" into X's live sessions on this node or a hop
 * across the network. What goes through here is news (receipts, notices, errors about a sent
 * message, broadcasts): a user who is offline misses it. Messages that must wait for their reader
 * go through the mailboxes and the outbox instead. Every method is safe from any thread.
 */
public interface DeliveryPort {

    /** To the sessions of {@code user} of this node, encoded once; how many took it. */
    int toSessions(String user, ServerMessage news);

    /** The same, for a frame already encoded. */
    int toSessions(String user, byte[] frame);

    /** To every session on this node except those of {@code except} (null: none excepted); how many took it. */
    int toEveryoneHere(byte[] frame, UserAddress except);

    /** Whether a user of this node has a session open. */
    boolean online(String user);

    /**
     * To each of {@code users} (qualified) of this node, {@code news} at once; the others are grouped
     * by their node and handed to {@code elsewhere} once per node, for the caller to carry there as
     * the item of its own kind.
     */
    void toUsers(Collection<String> users, ServerMessage news, BiConsumer<String, List<String>> elsewhere);

    /**
     * What became of message {@code id}, for its sender wherever they are: their sessions here, or
     * their node.
     *
     * @param sender    who sent it, qualified as stored
     * @param recipient who received it, qualified
     */
    void receipt(String sender, String recipient, String id, ReceiptStatus status);
}
