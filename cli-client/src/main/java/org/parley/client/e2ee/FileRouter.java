package org.parley.client.e2ee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.parley.client.history.Conversations;
import org.parley.client.net.NodeSession;
import org.parley.client.trust.ContactKeys;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileDeclined;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files on their way out and in. An offer, and a refusal of one, are sealed like messages (to a
 * user, or to a group under our sender key); chunks carry their own sealing and go as they are.
 * What arrives goes to the command's {@link FileInbox}, acknowledged once the inbox has it safe;
 * with no inbox it waits at the node for a command that takes files.
 */
public final class FileRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FileRouter.class);

    private final Vertx vertx;
    private final NodeSession session;
    private final ContactKeys contacts;
    private final DirectMessages direct;
    private final GroupMessages groups;
    private final OwnTraffic own;
    private final Conversations history;
    /** Where files go; null while no command takes them (they then wait at the node). */
    private volatile FileInbox inbox;
    /** Files we said wait at the node, so each is said once. */
    private final Set<String> toldWaiting = ConcurrentHashMap.newKeySet();

    FileRouter(Vertx vertx, NodeSession session, ContactKeys contacts, DirectMessages direct, GroupMessages groups,
               OwnTraffic own, Conversations history) {
        this.vertx = vertx;
        this.session = session;
        this.contacts = contacts;
        this.direct = direct;
        this.groups = groups;
        this.own = own;
        this.history = history;
    }

    /** Files sent to us go to {@code inbox} from now on (acknowledged once it has them). */
    void inbox(FileInbox inbox) {
        this.inbox = inbox;
    }

    /**
     * A file offer sealed for {@code to} (a user, or a group under our sender key); resolves with
     * their full name once the node accepted it. To a group, it joins the history then. To a user,
     * the node is asked for a {@code stored} receipt too ({@link OfferSent#stored}): pieces sent
     * after it cannot overtake the offer on their way.
     */
    public Future<OfferSent> sendOffer(String to, FileOffer offer) {
        String id = NodeSession.newMessageId();
        boolean group = GroupAddress.isGroup(to);
        if (group) {
            return groups.seal(id, to, offer.toPlaintext()).compose(message -> session.send(id, message.to(),
                    message.body()).map(accepted -> {
                        history.sent(id, session.user(), message.to(), "sent the file " + offer.name());
                        return new OfferSent(message.to(), null);
                    }));
        }
        return direct.seal(to, id, offer.toPlaintext()).compose(message -> {
            NodeSession.Tracked sent = session.sendTracked(id, message.to(), message.body(), true);
            return sent.accepted().map(accepted -> new OfferSent(message.to(), sent.receipt()));
        });
    }

    /**
     * An offer the node accepted, for {@code to} (a full name); {@code stored} completes at its first
     * receipt, once the recipient's node has it (null for a group, which sends none).
     */
    public record OfferSent(String to, Future<?> stored) {
    }

    /** Tells {@code to}, who offered us {@code offer}, that we do not want it. */
    public Future<Accepted> sendDeclined(String to, FileOffer offer) {
        String id = NodeSession.newMessageId();
        own.add(id);
        return direct.seal(to, id, new FileDeclined(offer.fileId(), offer.name()).toPlaintext())
                .compose(sealed -> session.send(id, sealed.to(), sealed.body()));
    }

    /**
     * Sends one chunk of a file to {@code to} (a full name, as {@link #sendOffer} gave it). Its
     * receipt comes when the recipient's client has it on disk ({@code delivered}); for the last
     * chunk to a user the node is asked for a {@code stored} receipt too, so that it comes once the
     * recipient's node has all of the file (or fails if that node refused any of it), even while
     * the recipient is offline. A group's messages have no receipts: none is waited for.
     */
    public NodeSession.Tracked sendChunk(String to, FileChunk chunk) {
        String id = NodeSession.newMessageId();
        if (GroupAddress.isGroup(to)) {
            return new NodeSession.Tracked(session.send(id, to, chunk.encode()), null);
        }
        own.add(id);
        return session.sendPiece(id, to, chunk.encode(), chunk.last());
    }

    /** An offer is acknowledged once the file inbox has it; with no inbox it waits at the node, and {@code told} hears so once. */
    Future<Void> takeOffer(Delivery delivery, FileOffer offer, Consumer<Incoming> told) {
        FileInbox files = inbox;
        if (files == null) {
            if (toldWaiting.add(offer.fileId())) {
                told.accept(new Incoming.FileWaiting(delivery.from(), offer.name(), offer.size()));
            }
            return Future.succeededFuture();
        }
        return files.offered(delivery.from(), offer).onSuccess(v -> session.acknowledge(delivery.id()))
                .otherwiseEmpty();
    }

    Future<Void> takeChunk(Delivery delivery, byte[] body) {
        FileInbox files = inbox;
        if (files == null) {
            return Future.succeededFuture();
        }
        FileChunk chunk;
        try {
            chunk = FileChunk.decode(body);
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropped a damaged file chunk from {}: {}", delivery.from(), e.getMessage());
            session.acknowledge(delivery.id());
            return Future.succeededFuture();
        }
        return files.chunk(delivery.from(), chunk).onSuccess(v -> session.acknowledge(delivery.id()))
                .onFailure(e -> LOG.warn("Could not keep piece {} of a file from {} ({}); it comes again at the next"
                        + " login", chunk.index(), delivery.from(), e.getMessage()))
                .otherwiseEmpty();
    }

    /**
     * For a session that only sends (a script's {@code send-file}): what to do with arriving
     * messages so that {@code handler} hears its recipients' declines, and every other message is
     * left untouched, not acknowledged, not marked seen, not in history, so the node keeps it for
     * the next session that reads.
     */
    Consumer<Frame<ServerMessage>> declinesOnly(Consumer<Incoming.FileDeclined> handler) {
        return OnlyOneKind.reader(vertx, session, contacts, direct, FileDeclined::fromPlaintext, "a declined file",
                (delivery, declined) -> handler.accept(new Incoming.FileDeclined(delivery.from(), declined)));
    }
}
