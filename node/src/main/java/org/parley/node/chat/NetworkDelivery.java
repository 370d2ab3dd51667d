package org.parley.node.chat;

import org.parley.protocol.message.ReceiptStatus;
import io.vertx.core.Future;
import org.parley.federation.LocalUsers;
import org.parley.federation.delivery.StreamManager;
import org.parley.federation.gossip.Directory;
import org.parley.federation.wire.Envelope;
import org.parley.node.group.GroupEnvelopes;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.Flood;
import org.parley.node.mailbox.MailboxFullException;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ServerMessage;

/**
 * Hands what arrives from other nodes to this node's users: direct messages (into their
 * mailboxes), broadcasts, receipts and refusals for messages they sent, and presence changes of
 * remote users.
 */
public final class NetworkDelivery implements LocalUsers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NetworkDelivery.class);

    private final String nodeName;
    private final SessionRegistry registry;
    private final PresenceAnnouncer announcer;
    private final Directory directory;
    private final Mailboxes mailboxes;
    private final GroupEnvelopes groups;

    /** @param directory tells a user of this node from no such user (this node's accounts are in it) */
    public NetworkDelivery(String nodeName, SessionRegistry registry, PresenceAnnouncer announcer,
                           Directory directory, Mailboxes mailboxes, GroupEnvelopes groups) {
        this.groups = groups;
        this.nodeName = nodeName;
        this.registry = registry;
        this.announcer = announcer;
        this.directory = directory;
        this.mailboxes = mailboxes;
    }

    @Override
    public Future<String> deliver(Envelope envelope, byte[] body) {
        if (envelope.kind() == null || envelope.to() == null) {
            LOG.warn("Refused an envelope ({}) from node {}: it has no kind or no recipient", envelope.id(),
                    envelope.origin());
            return Future.succeededFuture(StreamManager.REFUSED);
        }
        if (GroupEnvelopes.handles(envelope)) {
            return groups.deliver(envelope, body);
        }
        if (!Envelope.CHAT.equals(envelope.kind())) {
            LOG.warn("Refused an envelope ({}) from node {}: unknown kind '{}'", envelope.id(), envelope.origin(),
                    envelope.kind());
            return Future.succeededFuture(StreamManager.REFUSED);
        }
        UserAddress to;
        try {
            to = UserAddress.parse(envelope.to(), nodeName);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(StreamManager.UNKNOWN);
        }
        if (!to.node().equals(nodeName) || directory.user(to).isEmpty()) {
            return Future.succeededFuture(StreamManager.UNKNOWN);
        }
        return mailboxes.deposit(to.name(), envelope.id(), envelope.from(), envelope.to(), envelope.sentAt(), body)
                .map(sessions -> (String) null)
                .recover(e -> e instanceof MailboxFullException full
                        ? Future.succeededFuture(full.overQuota() ? StreamManager.QUOTA : StreamManager.FULL)
                        : Future.failedFuture(e));
    }

    @Override
    public void undeliverable(Envelope sent, String status) {
        if (!Envelope.CHAT.equals(sent.kind()) && !Envelope.GROUP_REQUEST.equals(sent.kind())) {
            LOG.warn("Node {} refused {} envelope {} ({}); see that node's log", sent.destination(), sent.kind(),
                    sent.id(), status);
            return;
        }
        String what = sent.to() + ": message " + sent.id() + " was not delivered";
        ErrorFrame error = switch (status) {
            case StreamManager.FULL -> new ErrorFrame(ErrorCode.MAILBOX_FULL, sent.to() + " has as many messages"
                    + " waiting as its node keeps; message " + sent.id() + " was not accepted there, send it again later",
                    sent.id());
            case StreamManager.QUOTA -> new ErrorFrame(ErrorCode.MAILBOX_FULL, sent.to() + " has as much waiting at"
                    + " their node as it keeps for one user (its byte quota); message " + sent.id() + " was not"
                    + " accepted there. Send it again once they have logged in and taken what waits", sent.id());
            case StreamManager.NOT_MEMBER -> new ErrorFrame(ErrorCode.NOT_MEMBER, "you are not a member of " + what,
                    sent.id());
            case StreamManager.NO_GROUP -> new ErrorFrame(ErrorCode.NO_SUCH_GROUP, "no group " + what, sent.id());
            case StreamManager.REFUSED -> new ErrorFrame(ErrorCode.BAD_REQUEST, "node " + sent.destination()
                    + " refused " + sent.id() + " for " + sent.to(), sent.id());
            default -> new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user " + what, sent.id());
        };
        toSessionsOf(sent.from(), error);
    }

    @Override
    public void stored(Envelope sent) {
        toSessionsOf(sent.from(), new Receipt(sent.id(), sent.to(), ReceiptStatus.STORED));
    }

    @Override
    public void receipt(ReceiptNote note) {
        toSessionsOf(note.to(), new Receipt(note.id(), note.from(), note.status()));
    }

    private void toSessionsOf(String user, ServerMessage news) {
        UserAddress address;
        try {
            address = UserAddress.parse(user, nodeName);
        } catch (IllegalArgumentException e) {
            return;
        }
        byte[] frame = FrameEncoder.server().encode(news);
        registry.sessionsOf(address.name()).forEach(session -> session.deliver(frame));
    }

    @Override
    public int deliverBroadcast(Flood flood, byte[] body) {
        byte[] frame = FrameEncoder.server().encode(
                new Delivery(flood.id(), flood.from(), Recipient.EVERYONE, flood.sentAt()), body);
        int[] delivered = {0};
        registry.forEachSession(session -> {
            if (session.deliver(frame)) {
                delivered[0]++;
            }
        });
        return delivered[0];
    }

    @Override
    public void presenceChanged(UserAddress user, Presence presence, String reason) {
        announcer.announce(user, presence, reason);
    }
}
