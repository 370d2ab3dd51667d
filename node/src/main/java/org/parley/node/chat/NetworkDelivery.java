package org.parley.node.chat;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.parley.federation.LocalUsers;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;
import org.parley.protocol.identity.GroupAddress;
import org.parley.federation.gossip.Directory;
import org.parley.federation.wire.Envelope;
import org.parley.node.group.GroupEnvelopes;
import org.parley.node.video.VideoEnvelopes;
import org.parley.node.voice.VoiceEnvelopes;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.Flood;
import org.parley.node.mailbox.MailboxFullException;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.presence.Contacts;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.delivery.RefusalError;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.protocol.message.ServerMessage;

/**
 * Hands what arrives from other nodes to this node's users: direct messages (into their
 * mailboxes), broadcasts, receipts and refusals for messages they sent, and presence changes of
 * remote users.
 */
public final class NetworkDelivery implements LocalUsers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NetworkDelivery.class);

    private final String nodeName;
    private final DeliveryPort delivery;
    private final PresenceAnnouncer announcer;
    private final Directory directory;
    private final Mailboxes mailboxes;
    private final GroupEnvelopes groups;
    private final VideoEnvelopes videos;
    private final Contacts contacts;
    /** Who takes each kind of envelope; receipts never come here (the streams read them). */
    private final Map<EnvelopeKind, EnvelopeHandler> handlers = new EnumMap<>(EnvelopeKind.class);

    /**
     * @param directory tells a user of this node from no such user (this node's accounts are in it)
     * @param contacts  told who from elsewhere wrote to whom here
     */
    public NetworkDelivery(String nodeName, DeliveryPort delivery, PresenceAnnouncer announcer,
                           Directory directory, Mailboxes mailboxes, GroupEnvelopes groups, VideoEnvelopes videos,
                           VoiceEnvelopes voice, Contacts contacts) {
        this.contacts = contacts;
        this.groups = groups;
        this.videos = videos;
        this.nodeName = nodeName;
        this.delivery = delivery;
        this.announcer = announcer;
        this.directory = directory;
        this.mailboxes = mailboxes;
        handlers.put(EnvelopeKind.CHAT, this::chat);
        handlers.putAll(groups.handlers());
        handlers.putAll(videos.handlers());
        handlers.putAll(voice.handlers());
    }

    @Override
    public Future<Optional<Refusal>> deliver(Envelope envelope, byte[] body) {
        EnvelopeHandler handler = envelope.kind() == null ? null : handlers.get(envelope.kind());
        if (handler == null || envelope.to() == null) {
            LOG.warn("Refused an envelope ({}) from node {}: it has no recipient, or a kind this node does not take"
                    + " here ({})", envelope.id(), envelope.origin(), envelope.kind());
            return EnvelopeHandler.refusal(Refusal.REFUSED);
        }
        try {
            return handler.take(envelope, body);
        } catch (IllegalArgumentException | IOException e) {
            LOG.warn("Refused a {} envelope ({}) from node {}: it is malformed ({})", envelope.kind().word(),
                    envelope.id(), envelope.origin(), e.getMessage());
            return EnvelopeHandler.refusal(Refusal.REFUSED);
        }
    }

    /** A direct message for a user of this node, or a post to a group of this node. */
    private Future<Optional<Refusal>> chat(Envelope envelope, byte[] body) {
        if (GroupAddress.isGroup(envelope.to())) {
            return groups.post(envelope, body);
        }
        UserAddress to;
        try {
            to = UserAddress.parse(envelope.to(), nodeName);
        } catch (IllegalArgumentException e) {
            return EnvelopeHandler.refusal(Refusal.UNKNOWN_USER);
        }
        if (!to.node().equals(nodeName) || directory.user(to).isEmpty()) {
            return EnvelopeHandler.refusal(Refusal.UNKNOWN_USER);
        }
        return mailboxes.deposit(to.name(), envelope.id(), envelope.from(), envelope.to(), envelope.sentAt(), body)
                .onSuccess(stored -> recordContact(to, envelope))
                .transform(stored -> stored.succeeded() ? EnvelopeHandler.TAKEN
                        : stored.cause() instanceof MailboxFullException full
                        ? EnvelopeHandler.refusal(full.overQuota() ? Refusal.OVER_QUOTA : Refusal.MAILBOX_FULL)
                        : Future.failedFuture(stored.cause()));
    }

    /** Its sender and recipient hear each other from now on; a sender that is no user address is no contact. */
    private void recordContact(UserAddress to, Envelope envelope) {
        if (envelope.from() != null && UserAddress.isQualified(envelope.from())) {
            contacts.record(to.name(), UserAddress.parse(envelope.from(), envelope.origin()));
        }
    }

    @Override
    public void undeliverable(Envelope sent, Refusal why) {
        if (videos.owns(sent)) {
            videos.undeliverable(sent, why);
            return;
        }
        if (sent.kind() != EnvelopeKind.CHAT && sent.kind() != EnvelopeKind.GROUP_REQUEST) {
            LOG.warn("Node {} refused {} envelope {} ({}); see that node's log", sent.destination(),
                    sent.kind().word(), sent.id(), why.word());
            return;
        }
        ErrorFrame error = RefusalError.of(why, sent.id(), sent.to(), sent.destination());
        toSessionsOf(sent.from(), error);
    }

    @Override
    public void stored(Envelope sent) {
        toSessionsOf(sent.from(), new Receipt(sent.id(), sent.to(), ReceiptStatus.STORED));
    }

    @Override
    public void receipt(String user, ReceiptNote note) {
        delivery.toSessions(user, new Receipt(note.id(), note.from(), note.status()));
    }

    /** News for a user of this node (the streams hand this node only news for its own users). */
    private void toSessionsOf(String user, ServerMessage news) {
        UserAddress address;
        try {
            address = UserAddress.parse(user, nodeName);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (address.node().equals(nodeName)) {
            delivery.toSessions(address.name(), news);
        }
    }

    @Override
    public int deliverBroadcast(Flood flood, byte[] body) {
        byte[] frame = FrameEncoder.server().encode(
                new Delivery(flood.id(), flood.from(), Recipient.EVERYONE, flood.sentAt()), body);
        return delivery.toEveryoneHere(frame, null);
    }

    @Override
    public void presenceChanged(UserAddress user, Presence presence, String reason) {
        announcer.announce(user, presence, reason);
    }
}
