package org.parley.node.chat;

import io.vertx.core.Future;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.node.files.PieceRouter;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.federation.Federation;
import org.parley.node.group.GroupHome;
import org.parley.node.session.ClientConnection;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.presence.Contacts;
import org.parley.node.session.FrameHandler;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.store.AccountStore;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.node.limits.SendRates;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Send;

/**
 * Routes a client's message: to the mailbox of a user of this node (which hands it on to their
 * sessions), to the network's durable outbox for users of other nodes, or to everyone online on
 * every node. The body passes through untouched. Only a recipient who is not online costs an
 * account lookup, to tell "offline" (the message waits) from "no such user".
 */
public final class MessageRouter implements FrameHandler<Send> {

    private static final int MAX_ID_LENGTH = 64;

    private final String nodeName;
    private final DeliveryPort delivery;
    private final AccountStore accounts;
    private final Federation federation;
    private final Mailboxes mailboxes;
    private final GroupHome groups;
    private final SendRates rates;
    private final PieceRouter pieces;
    private final Contacts contacts;

    /** @param contacts told who sent a direct message to whom, once it is accepted */
    public MessageRouter(String nodeName, DeliveryPort delivery, AccountStore accounts, Federation federation,
                         Mailboxes mailboxes, GroupHome groups, SendRates rates, PieceRouter pieces,
                         Contacts contacts) {
        this.contacts = contacts;
        this.rates = rates;
        this.pieces = pieces;
        this.nodeName = nodeName;
        this.delivery = delivery;
        this.accounts = accounts;
        this.federation = federation;
        this.mailboxes = mailboxes;
        this.groups = groups;
    }

    @Override
    public void handle(ClientConnection from, Send send, byte[] body) {
        if (!isValidId(send.id())) {
            from.fail(ErrorCode.BAD_REQUEST, "message id must be 1 to 64 characters of letters, digits, '.', '_', ':'"
                    + " or '-'", send.id());
            return;
        }
        if (send.to() == null) {
            from.fail(ErrorCode.BAD_REQUEST, "message " + send.id() + " has no recipient ('to')", send.id());
            return;
        }
        Recipient recipient;
        try {
            recipient = Recipient.parse(send.to(), nodeName);
        } catch (IllegalArgumentException e) {
            from.fail(ErrorCode.BAD_REQUEST, "bad recipient: " + e.getMessage(), send.id());
            return;
        }
        SendRates.Kind kind = recipient instanceof Recipient.User ? SendRates.Kind.MESSAGE
                : recipient instanceof Recipient.Group ? SendRates.Kind.GROUP_POST : SendRates.Kind.BROADCAST;
        long wait = rates.take(from.user().name(), kind);
        if (wait > 0) {
            from.fail(ErrorFrame.rateLimited(nodeName + " takes at most " + rates.describe(kind) + " from one user;"
                    + " message " + send.id() + " was not sent, try again in " + wait + " ms", send.id(), wait));
            return;
        }
        if (recipient instanceof Recipient.User user && send.markedAsPiece()) {
            UserAddress to = user.address();
            pieces.route(from, send, to, body, () -> toOtherNode(from, send, to, body));
        } else if (recipient instanceof Recipient.User user) {
            toUser(from, send, user.address(), body);
        } else if (recipient instanceof Recipient.Group group) {
            toGroup(from, send, group.address(), body);
        } else {
            toEveryone(from, send, body);
        }
    }

    private void toUser(ClientConnection from, Send send, UserAddress to, byte[] body) {
        if (!to.node().equals(nodeName)) {
            toOtherNode(from, send, to, body);
            return;
        }
        // Known without a lookup (online, or in the directory this node publishes), so each sender's
        // messages reach the mailbox in the order sent; only a name not yet published costs a query.
        if (delivery.online(to.name()) || federation.directory().user(to).isPresent()) {
            toMailbox(from, send, to, body);
            return;
        }
        accounts.find(to.name()).onComplete(found -> {
            if (found.failed()) {
                from.fail(ErrorCode.INTERNAL, "could not look up " + to + "; try again", send.id());
            } else if (found.result().isPresent()) {
                toMailbox(from, send, to, body);
            } else {
                from.fail(ErrorCode.UNKNOWN_USER, "no user " + to, send.id());
            }
        });
    }

    /** Accepted once the message is in the recipient's mailbox on disk; a receipt follows when their client has it. */
    private void toMailbox(ClientConnection from, Send send, UserAddress to, byte[] body) {
        // The sender is the session's own user, never anything the client wrote: no spoofed "from".
        mailboxes.deposit(to.name(), send.id(), from.qualifiedName(), to.toString(), System.currentTimeMillis(), body)
                .onComplete(stored -> {
                    if (stored.succeeded()) {
                        contacts.record(from.user().name(), to);
                        from.send(new Accepted(send.id(), stored.result()));
                        if (send.wantsStoredReceipt()) {
                            from.send(new Receipt(send.id(), to.toString(), ReceiptStatus.STORED));
                        }
                    } else {
                        from.execute(() -> refused(from, send, to, stored.cause()));
                    }
                });
    }

    /**
     * Accepted once the message is in the durable outbox; a receipt follows when it is delivered.
     * Resolves when the outbox has it (or will not take it).
     */
    private Future<Void> toOtherNode(ClientConnection from, Send send, UserAddress to, byte[] body) {
        return federation.sendDirect(from.user(), to, send.id(), body, send.wantsStoredReceipt()).onComplete(stored -> {
            if (stored.succeeded()) {
                contacts.record(from.user().name(), to);
                // Queued before the message leaves, so it precedes the receipt (send is thread-safe).
                from.send(new Accepted(send.id(), 0, 1));
            } else {
                from.execute(() -> refused(from, send, to, stored.cause()));
            }
        });
    }

    /**
     * At the group's home: accepted once it is in the mailboxes of the members here and in the
     * outbox for each other node with members. Elsewhere: accepted once it is in the outbox for the
     * home, which may still refuse it (an error with the message's id follows).
     */
    private void toGroup(ClientConnection from, Send send, GroupAddress to, byte[] body) {
        if (to.node().equals(nodeName)) {
            groups.post(from.qualifiedName(), send.id(), System.currentTimeMillis(), to, body).onComplete(posted -> {
                if (posted.succeeded()) {
                    from.send(new Accepted(send.id(), posted.result().handed(), posted.result().nodes(),
                            posted.result().unreached()));
                } else {
                    from.execute(() -> refused(from, send, to, posted.cause()));
                }
            });
            return;
        }
        federation.sendToNode(to.node(), EnvelopeKind.CHAT, send.id(), from.qualifiedName(), to.toString(), null, body)
                .onComplete(stored -> {
                    if (stored.succeeded()) {
                        from.send(new Accepted(send.id(), 0, 1));
                    } else {
                        from.execute(() -> refused(from, send, to, stored.cause()));
                    }
                });
    }

    private static void refused(ClientConnection from, Send send, Object to, Throwable cause) {
        SendRefusal.tell(from, send.id(), to, cause);
    }

    private void toEveryone(ClientConnection from, Send send, byte[] body) {
        byte[] frame = deliveryFrame(from, send.id(), Recipient.EVERYONE, body);
        int delivered = delivery.toEveryoneHere(frame, from.user());
        int nodes = federation.broadcast(from.user(), send.id(), body);
        from.send(new Accepted(send.id(), delivered, nodes));
    }

    /** 1 to 64 of {@code A-Z a-z 0-9 . _ : -}; a loop, since it runs for every message. */
    private static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static byte[] deliveryFrame(ClientConnection from, String id, String to, byte[] body) {
        // The sender is the session's own user, never anything the client wrote: no spoofed "from".
        return FrameEncoder.server().encode(
                new Delivery(id, from.qualifiedName(), to, System.currentTimeMillis()), body);
    }
}
