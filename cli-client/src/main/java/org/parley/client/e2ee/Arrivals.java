package org.parley.client.e2ee;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.client.history.HistoryEntry;
import org.parley.client.history.History;
import org.parley.client.net.NodeSession;
import org.parley.client.net.ReadingBacklog;
import org.parley.client.output.MessageLine;
import org.parley.client.trust.ContactKeys;
import org.parley.client.trust.PublicKeys;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileDeclined;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ServerMessage;

/**
 * Takes each arriving message, one after another so they keep their order, and routes it: a file's
 * chunk to the {@link FileRouter}; a group post whose sender's key has not come to wait for it; the
 * rest opened, checked (the sender's pinned key, addressed to us, not seen before) and then shown,
 * or turned into a warning. Broadcasts to everyone are not encrypted. What is shown joins the
 * history; what is judged (shown or refused) is acknowledged, so the node lets go of it.
 */
final class Arrivals {

    /** Bytes of arrived messages still being handled above which we stop reading from the node, and below which we go on. */
    private static final long BACKLOG_HIGH = 16L << 20;
    private static final long BACKLOG_LOW = 4L << 20;

    private final Vertx vertx;
    private final NodeSession session;
    private final ContactKeys contacts;
    private final DirectMessages direct;
    private final GroupMessages groups;
    private final GroupKeys keys;
    private final VoiceKeys voiceKeys;
    private final FileRouter files;
    private final SeenMessages seen;
    private final History history;
    private final ReadingBacklog backlog;
    /** Guarded by this. */
    private Future<?> receiving = Future.succeededFuture();
    private volatile Consumer<Incoming> handler = arrival -> { };

    Arrivals(Vertx vertx, NodeSession session, ContactKeys contacts, DirectMessages direct, GroupMessages groups,
             GroupKeys keys, VoiceKeys voiceKeys, FileRouter files, SeenMessages seen, History history) {
        this.vertx = vertx;
        this.session = session;
        this.contacts = contacts;
        this.direct = direct;
        this.groups = groups;
        this.keys = keys;
        this.voiceKeys = voiceKeys;
        this.files = files;
        this.seen = seen;
        this.history = history;
        this.backlog = new ReadingBacklog(session, BACKLOG_HIGH, BACKLOG_LOW);
    }

    /** Where each arriving message goes, once checked; from now on, starting with what waited at the node. */
    void to(Consumer<Incoming> handler) {
        this.handler = handler;
        session.onDelivery(this::arrived);
    }

    private synchronized void arrived(Frame<ServerMessage> frame) {
        Delivery delivery = (Delivery) frame.header();
        byte[] body = frame.body();
        if (FileChunk.isChunk(body) && !Recipient.EVERYONE.equals(delivery.to())) {
            String behind = GroupAddress.isGroup(delivery.to()) ? keys.awaitedFrom(delivery.from(), delivery.to())
                    : null;
            if (behind != null) {
                park(behind, frame); // its offer waits there for the sender's key
                return;
            }
            backlog.arrived(body.length);
            receiving = receiving.transform(ignored -> files.takeChunk(delivery, body))
                    .onComplete(done -> backlog.handled(body.length));
            return;
        }
        if (GroupAddress.isGroup(delivery.to())) {
            String missing = keys.missing(delivery, body);
            if (missing != null) {
                park(missing, frame);
                return;
            }
        }
        receiving = receiving.transform(ignored -> open(delivery, body)).transform(opened -> judged(delivery, opened));
    }

    private Future<Void> judged(Delivery delivery, AsyncResult<Incoming> opened) {
        if (opened.failed()) {
            // Not judged (the sender's keys could not be had): not acknowledged, so it comes again.
            handler.accept(new Incoming.Refused(delivery.id(), delivery.from(), OpenFailure.Kind.UNDECRYPTABLE,
                    "message " + delivery.id() + " from " + delivery.from() + " could not be checked now ("
                            + opened.cause().getMessage() + "); your node keeps it for your next login"));
            return Future.succeededFuture();
        }
        Incoming incoming = opened.result();
        if (incoming instanceof Incoming.FileOffered offered) {
            return files.takeOffer(delivery, offered.offer(), handler);
        }
        if (incoming instanceof Incoming.VoiceKeyGiven) {
            session.acknowledge(delivery.id());
            return Future.succeededFuture();
        }
        if (incoming instanceof Incoming.KeyGiven given) {
            session.acknowledge(delivery.id());
            keys.release(given.from(), given.key()).forEach(this::arrived);
            return Future.succeededFuture();
        }
        // Checked, and its id recorded as seen: the node may let go of it, before the user is shown
        // it, so a command that exits after showing has acknowledged it. A refused one too, or a
        // forgery would come back at every login.
        if (!Recipient.EVERYONE.equals(delivery.to())) {
            session.acknowledge(delivery.id());
        }
        handler.accept(incoming);
        return Future.succeededFuture();
    }

    /**
     * Holds a group message (or a piece of a file offered in one) until its sender's key arrives. If
     * it does not come in time, the user is warned and the message is left unacknowledged, so the
     * node offers it again at the next login.
     */
    private void park(String key, Frame<ServerMessage> frame) {
        keys.hold(key, frame, late -> {
            Delivery delivery = (Delivery) late.header();
            if (FileChunk.isChunk(late.body())) {
                return; // its offer's warning says it all; both wait at the node
            }
            handler.accept(new Incoming.Refused(delivery.id(), delivery.from(), OpenFailure.Kind.UNDECRYPTABLE,
                    "group message " + delivery.id() + " from " + delivery.from() + " in " + delivery.to()
                            + " cannot be opened yet: " + delivery.from() + "'s key for the group has not arrived;"
                            + " your node keeps the message for your next login"));
        });
    }

    private Future<Incoming> open(Delivery delivery, byte[] body) {
        if (Recipient.EVERYONE.equals(delivery.to())) {
            return Future.succeededFuture(new Incoming.Shown(MessageLine.of(delivery, body)));
        }
        boolean group = GroupAddress.isGroup(delivery.to());
        return contacts.ofSender(delivery.from()).compose(sender -> vertx.executeBlocking(() -> {
            try {
                return group ? openGroup(delivery, body, sender) : openDirect(delivery, body, sender);
            } catch (OpenFailure failure) {
                return refused(delivery, failure, group);
            }
        }, false));
    }

    /** On a worker. */
    private Incoming openDirect(Delivery delivery, byte[] body, PublicKeys sender) throws OpenFailure, IOException {
        byte[] plaintext = direct.open(delivery, body, sender);
        Optional<FileOffer> offer = FileOffer.fromPlaintext(plaintext);
        if (offer.isPresent()) {
            return new Incoming.FileOffered(delivery.from(), offer.get());
        }
        Optional<FileDeclined> declined = FileDeclined.fromPlaintext(plaintext);
        if (declined.isPresent()) {
            return new Incoming.FileDeclined(delivery.from(), declined.get());
        }
        Optional<SenderKey> given = SenderKey.fromPlaintext(plaintext);
        if (given.isPresent()) {
            keys.taken(delivery, given.get());
            return new Incoming.KeyGiven(delivery.from(), given.get());
        }
        Optional<VoiceKey> voiceKey = VoiceKey.fromPlaintext(plaintext);
        if (voiceKey.isPresent()) {
            voiceKeys.taken(delivery.from(), voiceKey.get());
            return new Incoming.VoiceKeyGiven(delivery.from(), voiceKey.get());
        }
        if (!seen.firstTime(delivery.from(), delivery.id())) {
            throw new OpenFailure(OpenFailure.Kind.REPLAYED, "message " + delivery.id() + " from " + delivery.from()
                    + " arrived again and is not shown twice (a replay, or a repeat after a reconnect)");
        }
        MessageLine line = MessageLine.of(delivery, plaintext);
        history.append(new HistoryEntry(delivery.id(), delivery.to(), delivery.from(), false, line.text(),
                delivery.sentAt()));
        return new Incoming.Shown(line);
    }

    /** On a worker. */
    private Incoming openGroup(Delivery delivery, byte[] body, PublicKeys sender) throws OpenFailure, IOException {
        byte[] plaintext = groups.open(delivery, body, sender);
        Optional<FileOffer> offer = FileOffer.fromPlaintext(plaintext);
        if (offer.isPresent()) {
            return new Incoming.FileOffered(delivery.from(), offer.get());
        }
        if (!seen.firstTime(delivery.from(), delivery.id())) {
            throw new OpenFailure(OpenFailure.Kind.REPLAYED, "group message " + delivery.id() + " from "
                    + delivery.from() + " arrived again and is not shown twice");
        }
        MessageLine line = MessageLine.of(delivery, plaintext);
        history.append(new HistoryEntry(delivery.id(), session.user(), delivery.to(), false,
                delivery.from() + ": " + line.text(), delivery.sentAt()));
        return new Incoming.Shown(line);
    }

    private Incoming refused(Delivery delivery, OpenFailure failure, boolean group) {
        String advice = "";
        if (failure.kind() == OpenFailure.Kind.SENDER_KEY_CHANGED) {
            // Signed by another key than the pinned one: the next message to them asks the node again.
            contacts.mayHaveChanged(delivery.from());
            if (!group) {
                advice = " If " + delivery.from() + " has new keys, compare safety numbers and run: parley trust "
                        + delivery.from();
            }
        }
        return new Incoming.Refused(delivery.id(), delivery.from(), failure.kind(), failure.getMessage() + "."
                + advice);
    }
}
