package org.parley.node.chat;

import java.util.List;
import org.parley.federation.LocalUsers;
import org.parley.federation.delivery.StreamManager;
import org.parley.federation.gossip.Directory;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.Flood;
import org.parley.node.session.Session;
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
 * Hands what arrives from other nodes to the sessions of this node's users: direct messages,
 * broadcasts, receipts for messages they sent, and presence changes of remote users.
 */
public final class NetworkDelivery implements LocalUsers {

    private final String nodeName;
    private final SessionRegistry registry;
    private final PresenceAnnouncer announcer;
    private final Directory directory;

    /** @param directory tells "offline" from "no such user" (this node's accounts are in it) */
    public NetworkDelivery(String nodeName, SessionRegistry registry, PresenceAnnouncer announcer,
                           Directory directory) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.announcer = announcer;
        this.directory = directory;
    }

    @Override
    public int deliverChat(Envelope envelope, byte[] body) {
        UserAddress to;
        try {
            to = UserAddress.parse(envelope.to(), nodeName);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (!to.node().equals(nodeName)) {
            return -1;
        }
        List<Session> sessions = registry.sessionsOf(to.name());
        if (sessions.isEmpty()) {
            return directory.user(to).isPresent() ? 0 : -1;
        }
        byte[] frame = FrameEncoder.server().encode(
                new Delivery(envelope.id(), envelope.from(), envelope.to(), envelope.sentAt()), body);
        int delivered = 0;
        for (Session session : sessions) {
            if (session.deliver(frame)) {
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public void receipt(Envelope sent, String status) {
        UserAddress sender;
        try {
            sender = UserAddress.parse(sent.from(), nodeName);
        } catch (IllegalArgumentException e) {
            return;
        }
        List<Session> sessions = registry.sessionsOf(sender.name());
        if (sessions.isEmpty()) {
            return;
        }
        ServerMessage news = switch (status) {
            case StreamManager.DELIVERED -> new Receipt(sent.id(), sent.to(), Receipt.DELIVERED);
            case StreamManager.OFFLINE -> new ErrorFrame(ErrorCode.USER_OFFLINE, sent.to() + " went offline before"
                    + " message " + sent.id() + " arrived; it was not delivered", sent.id());
            default -> new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user " + sent.to() + "; message " + sent.id()
                    + " was not delivered", sent.id());
        };
        byte[] frame = FrameEncoder.server().encode(news);
        sessions.forEach(session -> session.deliver(frame));
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
