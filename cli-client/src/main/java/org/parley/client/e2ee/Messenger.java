package org.parley.client.e2ee;

import org.parley.client.net.RefusedException;
import org.parley.protocol.message.ErrorCode;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.client.history.History;
import org.parley.client.history.HistoryEntry;
import org.parley.client.net.NodeSession;
import org.parley.client.output.MessageLine;
import org.parley.client.trust.KeyChangedException;
import org.parley.client.trust.KnownUsers;
import org.parley.client.trust.PublicKeys;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileDeclined;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.GroupSeal;
import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ServerMessage;

/**
 * End-to-end encryption between this user and the people they write to. Outgoing direct messages
 * are sealed to the recipient's keys, which must match the keys pinned for them (first contact
 * pins them); a changed key stops the send until the user trusts it. Incoming ones are checked
 * against the sender's pinned key, addressed to us, encrypted to our key and not seen before, and
 * only then shown; anything else becomes a warning. Broadcasts to everyone are not encrypted.
 *
 * <p>Sends are handled one after another and arrivals likewise, so both keep their order.
 */
public final class Messenger {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SENDER_LOOKUPS = 6;
    /** How long a group message waits for its sender's key (a direct message that travels apart from it). */
    private static final long KEY_WAIT_MILLIS = 15_000;
    /** Bytes of arrived messages still being handled above which we stop reading from the node, and below which we go on. */
    private static final long BACKLOG_HIGH = 16L << 20;
    private static final long BACKLOG_LOW = 4L << 20;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Messenger.class);

    /** A user as the network names them, with the keys it gives for them. */
    public record Resolved(String user, PublicKeys keys) {
    }

    private final Vertx vertx;
    private final NodeSession session;
    private final IdentityKeys me;
    private final KnownUsers known;
    private final SeenMessages seen;
    private final History history;
    private final SenderKeys senderKeys;
    /** Group messages waiting for the sender key that opens them, by sender, group and key id; guarded by this. */
    private final KeyWaitingRoom waitingForKeys;
    /** Direct messages handed to the node, by id, until it accepts them and they join the history. */
    private final Map<String, HistoryEntry> unaccepted = new ConcurrentHashMap<>();
    private Future<?> sending = Future.succeededFuture();
    private Future<?> receiving = Future.succeededFuture();
    private volatile Consumer<Incoming> incoming = arrival -> { };
    /** Bytes of arrived messages not handled yet; guarded by this. */
    private long backlog;
    private boolean paused;
    /** Where files go; null while no command takes them (they then wait at the node). */
    private volatile FileInbox files;
    /** Files we said wait at the node, so each is said once. */
    private final java.util.Set<String> toldWaiting = ConcurrentHashMap.newKeySet();
    /**
     * Ids of messages the client wrote for itself (group keys given away, pieces of files): their
     * receipts are not news for the user. Each leaves the set at its first receipt.
     */
    private final java.util.Set<String> ownTraffic = ConcurrentHashMap.newKeySet();

    public Messenger(Vertx vertx, NodeSession session, IdentityKeys me, KnownUsers known, SeenMessages seen,
                     History history, SenderKeys senderKeys) {
        this.senderKeys = senderKeys;
        this.vertx = vertx;
        this.session = session;
        this.me = me;
        this.known = known;
        this.waitingForKeys = new KeyWaitingRoom(vertx, KEY_WAIT_MILLIS);
        this.seen = seen;
        this.history = history;
        session.onAccepted(accepted -> {
            HistoryEntry sent = unaccepted.remove(accepted.id());
            if (sent != null) {
                record(new HistoryEntry(sent.id(), sent.me(), sent.peer(), true, sent.text(), System.currentTimeMillis()));
            }
        });
    }

    /** The last {@code limit} messages with {@code peer}, oldest first, read on a worker. */
    public Future<java.util.List<HistoryEntry>> history(String peer, int limit) {
        return vertx.executeBlocking(() -> history.with(peer, limit), false);
    }

    /** Adds to the history on a worker: the file is on disk. */
    private void record(HistoryEntry entry) {
        vertx.executeBlocking(() -> {
            history.append(entry);
            return null;
        }, true).onFailure(e -> LOG.warn("Could not add message {} to the history: {}", entry.id(), e.getMessage()));
    }

    /** What a command that takes files does with their pieces; each future completes once the piece is safe on disk. */
    public interface FileInbox {
        Future<Void> offered(String from, FileOffer offer);

        Future<Void> chunk(String from, FileChunk chunk);
    }

    /** Files sent to us go to {@code inbox} from now on (acknowledged once it has them). */
    public Messenger onFiles(FileInbox inbox) {
        this.files = inbox;
        return this;
    }

    /**
     * A file offer sealed for {@code to} (a user, or a group under our sender key); resolves with
     * their full name once the node accepted it.
     */
    public Future<String> sendOffer(String to, FileOffer offer) {
        String id = NodeSession.newMessageId();
        Future<Sealed> sealed = GroupAddress.isGroup(to)
                ? sealForGroup(id, to, offer.toPlaintext(), "sent the file " + offer.name())
                : sealFor(to, id, offer.toPlaintext());
        return sealed.compose(message -> session.send(id, message.to(), message.body()).map(message.to()));
    }

    /**
     * {@code plaintext} sealed as message {@code id} for {@code to}, whose keys the network gives
     * and must match their pin (pinned now on first contact); fails with {@link KeyChangedException}.
     */
    private Future<Sealed> sealFor(String to, String id, byte[] plaintext) {
        return lookUp(to).compose(resolved -> pin(resolved).compose(verdict -> {
            if (verdict instanceof KnownUsers.Changed changed) {
                return Future.failedFuture(new KeyChangedException(resolved.user(), changed.pinned(),
                        changed.offered()));
            }
            // Sealing (X25519, AES-GCM over up to a megabyte, Ed25519) is off the event loop: with the
            // crypto provider's first use it held the loop long enough for Vert.x's blocked-thread warning.
            return vertx.executeBlocking(() -> new Sealed(resolved.user(), MessageSeal.seal(me, id, user(),
                    resolved.user(), resolved.keys().agreement(), plaintext, RANDOM)), false);
        }));
    }

    /** Tells {@code to}, who offered us {@code offer}, that we do not want it. */
    public Future<Accepted> sendDeclined(String to, FileOffer offer) {
        String id = NodeSession.newMessageId();
        ownTraffic.add(id);
        return sealFor(to, id, new FileDeclined(offer.fileId(), offer.name()).toPlaintext())
                .compose(sealed -> session.send(id, sealed.to(), sealed.body()));
    }

    /**
     * One chunk of a file on its way: {@code accepted} once the node has it; {@code receipt} at the
     * chunk's first receipt ({@code delivered}: the recipient's client has it on disk; for the last
     * chunk possibly {@code stored} first: the recipient's node has it), failing if the recipient's
     * node refused it (a full mailbox, say). {@code receipt} is null for a group, whose messages
     * have no receipts.
     */
    public record ChunkSent(Future<Accepted> accepted, Future<Receipt> receipt) {
    }

    /**
     * Sends one chunk of a file to {@code to} (a full name, as {@link #sendOffer} gave it). For the
     * last chunk to a user the node is asked for a {@code stored} receipt too, so that its receipt
     * comes once the recipient's node has all of the file (or fails if that node refused any of
     * it), even while the recipient is offline.
     */
    public ChunkSent sendChunk(String to, FileChunk chunk) {
        String id = NodeSession.newMessageId();
        Future<Receipt> receipt = null;
        if (!GroupAddress.isGroup(to)) {
            ownTraffic.add(id);
            receipt = session.receiptOf(id);
        }
        Future<Accepted> accepted = receipt != null && chunk.last()
                ? session.sendConfirmingStorage(id, to, chunk.encode())
                : session.send(id, to, chunk.encode());
        if (receipt != null) {
            accepted.onFailure(refused -> session.forgetReceipt(id));
        }
        return new ChunkSent(accepted, receipt);
    }

    /**
     * Whether the receipt for message {@code id} is about one the client wrote for itself (a group
     * key given to a member, a piece of a file), not something the user wrote; asked once per receipt.
     */
    public boolean isOwnTraffic(Receipt receipt) {
        // Only a file's last piece asks for "stored", and that receipt may come before or after its
        // "delivered": it is always ours, and leaves the id for the other one.
        return Receipt.STORED.equals(receipt.status()) || ownTraffic.remove(receipt.id());
    }

    /** The connection this messenger sends and hears on. */
    public NodeSession session() {
        return session;
    }

    /** Our own fully qualified name. */
    public String user() {
        return session.user();
    }

    public IdentityKeys keys() {
        return me;
    }

    /**
     * Compares the keys the network gave for a user with the pinned ones, pinning them on first
     * contact. On a worker: the pins live in a file.
     */
    public Future<KnownUsers.Verdict> pin(Resolved resolved) {
        return vertx.executeBlocking(() -> known.check(resolved.user(), resolved.keys()), false);
    }

    /** Trusts the keys the network gave for a user, replacing the pin; the previous keys, if any. */
    public Future<Optional<PublicKeys>> trust(Resolved resolved) {
        return vertx.executeBlocking(() -> known.trust(resolved.user(), resolved.keys()), false);
    }

    /** Sends {@code text}; completes when the node has accepted it. */
    public Future<Accepted> send(String to, String text) {
        return sendSealed(to, text, (id, sealed) -> session.send(id, sealed.to, sealed.body));
    }

    /** Sends {@code text}; completes when the recipient's client has it (see {@link NodeSession#sendAndAwaitDelivery}). */
    public Future<Receipt> sendAndAwaitDelivery(String to, String text) {
        return sendSealed(to, text, (id, sealed) -> session.sendAndAwaitDelivery(id, sealed.to, sealed.body));
    }

    /** Seals after every earlier send was sealed and handed over, so messages leave in order. */
    private synchronized <T> Future<T> sendSealed(String to, String text, BiFunction<String, Sealed, Future<T>> handOver) {
        try {
            OutgoingText.check(text);
        } catch (IllegalArgumentException refused) {
            return Future.failedFuture(refused);
        }
        String id = NodeSession.newMessageId();
        Future<Sealed> sealed = sending.transform(ignored -> seal(id, to, text));
        // Registered before the next send's seal, so this message is written first.
        // The same sealed message, with its id, goes again while the node limits us: never a second copy.
        Future<T> result = sealed.compose(message -> org.parley.client.net.TryAgain.whileLimited(vertx,
                        () -> handOver.apply(id, message), org.parley.client.net.TryAgain.nodeOf(user()),
                        line -> session.notice().accept(line)))
                .onFailure(e -> unaccepted.remove(id));
        sending = sealed;
        return result;
    }

    /** Where each arriving message goes, once checked. */
    public Messenger onIncoming(Consumer<Incoming> handler) {
        incoming = handler;
        session.onDelivery(frame -> arrived(frame, handler));
        return this;
    }

    /**
     * For a session that only sends (a script's {@code send-file}): hears its recipients' declines
     * and leaves every other message untouched, not acknowledged, not marked seen, not in history,
     * so the node keeps it for the next session that reads.
     */
    public Messenger onDeclines(Consumer<Incoming.FileDeclined> handler) {
        session.onDelivery(frame -> {
            Delivery delivery = (Delivery) frame.header();
            byte[] body = frame.body();
            if (FileChunk.isChunk(body) || Recipient.EVERYONE.equals(delivery.to())
                    || GroupAddress.isGroup(delivery.to())) {
                return;
            }
            senderKeys(delivery.from()).compose(sender -> vertx.executeBlocking(() -> {
                try {
                    return FileDeclined.fromPlaintext(MessageSeal.open(me, user(), delivery.id(), delivery.from(),
                            sender.signing(), body));
                } catch (OpenFailure notOurs) {
                    return Optional.<FileDeclined>empty(); // left for a reader, which will say what is wrong with it
                }
            }, false)).onSuccess(declined -> declined.ifPresent(one -> {
                session.acknowledge(delivery.id());
                handler.accept(new Incoming.FileDeclined(delivery.from(), one));
            })).onFailure(e -> LOG.warn("Could not check message {} from {} for a declined file: {}", delivery.id(),
                    delivery.from(), e.toString()));
        });
        return this;
    }

    /** The keys the network gives now for {@code user} ({@code bob} or {@code bob@node-b}). */
    public Future<Resolved> lookUp(String user) {
        return session.keys(user).compose(answer -> {
            try {
                return Future.succeededFuture(new Resolved(answer.user(), PublicKeys.of(answer)));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("the node sent unusable keys: " + e.getMessage()));
            }
        });
    }

    private record Sealed(String to, byte[] body) {
    }

    private Future<Sealed> seal(String id, String to, String text) {
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        if (Recipient.EVERYONE.equals(to)) {
            return Future.succeededFuture(new Sealed(to, plaintext));
        }
        if (GroupAddress.isGroup(to)) {
            return sealForGroup(id, to, plaintext, text);
        }
        return sealFor(to, id, plaintext).onSuccess(sealed ->
                unaccepted.put(id, new HistoryEntry(id, user(), sealed.to(), true, text, 0)));
    }

    /**
     * A group message is sealed with our key for the group's current membership epoch: made (and
     * given to every other member in an encrypted direct message) the first time we write in an
     * epoch, so who left never gets the key for what follows, and who joined never had the ones
     * before. Every member's keys must check out against their pins, as for a direct message.
     */
    private Future<Sealed> sealForGroup(String id, String to, byte[] plaintext, String historyText) {
        return session.group(GroupRequest.MEMBERS, to, null, null).recover(e -> {
            // An invite-only group tells a non-member only that it is invite-only: to one just kicked, that misled.
            if (e instanceof RefusedException refused && refused.code() == ErrorCode.NOT_MEMBER) {
                return Future.failedFuture(notAMember(to));
            }
            return Future.failedFuture(e);
        }).compose(info -> {
            if (info.members().stream().noneMatch(member -> member.user().equals(user()))) {
                return Future.failedFuture(notAMember(info.group()));
            }
            Future<SenderKey> key = senderKeys.own(info.group(), info.epoch()).map(Future::succeededFuture)
                    .orElseGet(() -> vertx.executeBlocking(() -> senderKeys.newOwn(info.group(), info.epoch()), false)
                            .compose(fresh -> giveKey(fresh, info).map(fresh)));
            return key.compose(ours -> vertx.executeBlocking(() -> {
                unaccepted.put(id, new HistoryEntry(id, user(), info.group(), true, historyText, 0));
                return new Sealed(info.group(), GroupSeal.seal(me, id, user(), ours, plaintext, RANDOM));
            }, false));
        });
    }

    private static IllegalStateException notAMember(String group) {
        return new IllegalStateException("you are not a member of " + group + " (any more, if you were: removed by"
                + " its owner, or you left); nothing was sent");
    }

    /** Gives {@code key} to every other member of the group, each in a direct message sealed for them. */
    private Future<Void> giveKey(SenderKey key, GroupInfo info) {
        java.util.List<Future<?>> given = new java.util.ArrayList<>();
        for (GroupInfo.GroupMember member : info.members()) {
            if (member.user().equals(user())) {
                continue;
            }
            String keyMessage = NodeSession.newMessageId();
            ownTraffic.add(keyMessage);
            given.add(sealFor(member.user(), keyMessage, key.toPlaintext())
                    .compose(sealed -> session.send(keyMessage, sealed.to(), sealed.body()))
                    .recover(e -> {
                        // A member whose node left the network cannot have the key now; the others
                        // still get the post, and the group's home names that node in its answer.
                        if (e instanceof RefusedException refused && refused.code() == ErrorCode.UNKNOWN_USER) {
                            LOG.info("No key for {} of {}: {}", member.user(), info.group(), e.getMessage());
                            return Future.succeededFuture();
                        }
                        return Future.failedFuture(e);
                    }));
        }
        return Future.all(given).mapEmpty();
    }

    private synchronized void arrived(Frame<ServerMessage> frame, Consumer<Incoming> handler) {
        Delivery delivery = (Delivery) frame.header();
        if (FileChunk.isChunk(frame.body()) && !Recipient.EVERYONE.equals(delivery.to())) {
            String behind = GroupAddress.isGroup(delivery.to())
                    ? waitingForKeys.waitingFrom(delivery.from(), delivery.to()) : null;
            if (behind != null) {
                park(behind, frame, handler); // its offer waits there for the sender's key
                return;
            }
            int length = frame.body().length;
            holding(length);
            receiving = receiving.transform(ignored -> takeChunk(delivery, frame.body()))
                    .onComplete(done -> holding(-length));
            return;
        }
        if (GroupAddress.isGroup(delivery.to())) {
            String missing = missingKey(delivery, frame.body());
            if (missing != null) {
                park(missing, frame, handler);
                return;
            }
        }
        receiving = receiving.transform(ignored -> open(delivery, frame.body())).transform(opened -> {
            if (opened.succeeded() && opened.result() instanceof Incoming.FileOffered offered) {
                return takeOffer(delivery, offered.offer());
            }
            if (opened.succeeded() && opened.result() instanceof Incoming.KeyGiven given) {
                session.acknowledge(delivery.id());
                waitingForKeys.release(KeyWaitingRoom.key(given.from(), given.key().group(), given.key().keyIdHex()))
                        .forEach(waited -> arrived(waited, incoming));
                return Future.succeededFuture();
            }
            if (opened.succeeded()) {
                // Checked, and its id recorded as seen: the node may let go of it, before the user is
                // shown it, so a command that exits after showing has acknowledged it. A refused one
                // too, or a forgery would come back at every login.
                if (!Recipient.EVERYONE.equals(delivery.to())) {
                    session.acknowledge(delivery.id());
                }
                handler.accept(opened.result());
            } else {
                // Not judged (the sender's keys could not be had): not acknowledged, so it comes again.
                handler.accept(new Incoming.Refused(delivery.id(), delivery.from(), OpenFailure.Kind.UNDECRYPTABLE,
                        "message " + delivery.id() + " from " + delivery.from() + " could not be checked now ("
                                + opened.cause().getMessage() + "); your node keeps it for your next login"));
            }
            return Future.succeededFuture();
        });
    }

    /** Counts what waits to be handled; past {@link #BACKLOG_HIGH} the node is asked to hold the rest. */
    private synchronized void holding(long bytes) {
        backlog += bytes;
        if (!paused && backlog > BACKLOG_HIGH) {
            paused = true;
            session.pauseReading();
        } else if (paused && backlog < BACKLOG_LOW) {
            paused = false;
            session.resumeReading();
        }
    }

    /** An offer is acknowledged once the file inbox has it; with no inbox it waits at the node. */
    private Future<Void> takeOffer(Delivery delivery, FileOffer offer) {
        FileInbox inbox = files;
        if (inbox == null) {
            if (toldWaiting.add(offer.fileId())) {
                incoming.accept(new Incoming.FileWaiting(delivery.from(), offer.name(), offer.size()));
            }
            return Future.succeededFuture();
        }
        return inbox.offered(delivery.from(), offer).onSuccess(v -> session.acknowledge(delivery.id()))
                .otherwiseEmpty();
    }

    private Future<Void> takeChunk(Delivery delivery, byte[] body) {
        FileInbox inbox = files;
        if (inbox == null) {
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
        return inbox.chunk(delivery.from(), chunk).onSuccess(v -> session.acknowledge(delivery.id()))
                .onFailure(e -> LOG.warn("Could not keep piece {} of a file from {} ({}); it comes again at the next"
                        + " login", chunk.index(), delivery.from(), e.getMessage()))
                .otherwiseEmpty();
    }

    /** The key a group message needs, if we do not have it yet; null if we do (or it is no sealed group message). */
    private String missingKey(Delivery delivery, byte[] body) {
        try {
            GroupSeal.Label label = GroupSeal.label(body);
            String keyId = java.util.HexFormat.of().formatHex(label.keyId());
            return senderKeys.of(delivery.from(), delivery.to(), keyId).isPresent() ? null
                    : KeyWaitingRoom.key(delivery.from(), delivery.to(), keyId);
        } catch (OpenFailure notSealed) {
            return null; // opening it says what is wrong
        }
    }

    /**
     * Holds a group message (or a piece of a file offered in one) until its sender's key arrives. If
     * it does not come in time, the user is warned and the message is left unacknowledged, so the
     * node offers it again at the next login.
     */
    private void park(String key, Frame<ServerMessage> frame, Consumer<Incoming> handler) {
        waitingForKeys.hold(key, frame, late -> {
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
        if (GroupAddress.isGroup(delivery.to())) {
            return openGroup(delivery, body);
        }
        return senderKeys(delivery.from()).compose(sender -> vertx.executeBlocking(() -> {
            try {
                byte[] plaintext = MessageSeal.open(me, user(), delivery.id(), delivery.from(), sender.signing(), body);
                Optional<FileOffer> offer = FileOffer.fromPlaintext(plaintext);
                if (offer.isPresent()) {
                    return (Incoming) new Incoming.FileOffered(delivery.from(), offer.get());
                }
                Optional<FileDeclined> declined = FileDeclined.fromPlaintext(plaintext);
                if (declined.isPresent()) {
                    return (Incoming) new Incoming.FileDeclined(delivery.from(), declined.get());
                }
                Optional<SenderKey> given = SenderKey.fromPlaintext(plaintext);
                if (given.isPresent()) {
                    if (!GroupAddress.isGroup(given.get().group())) {
                        throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "message " + delivery.id() + " from "
                                + delivery.from() + " carries a group key for " + given.get().group()
                                + ", which is no group");
                    }
                    senderKeys.given(delivery.from(), given.get());
                    return (Incoming) new Incoming.KeyGiven(delivery.from(), given.get());
                }
                if (!seen.firstTime(delivery.from(), delivery.id())) {
                    throw new OpenFailure(OpenFailure.Kind.REPLAYED, "message " + delivery.id() + " from "
                            + delivery.from() + " arrived again and is not shown twice (a replay, or a repeat"
                            + " after a reconnect)");
                }
                MessageLine line = MessageLine.of(delivery, plaintext);
                history.append(new HistoryEntry(delivery.id(), delivery.to(), delivery.from(), false, line.text(), delivery.sentAt()));
                return (Incoming) new Incoming.Shown(line);
            } catch (OpenFailure failure) {
                String advice = failure.kind() == OpenFailure.Kind.SENDER_KEY_CHANGED
                        ? " If " + delivery.from() + " has new keys, compare safety numbers and run: parley trust "
                        + delivery.from() : "";
                return new Incoming.Refused(delivery.id(), delivery.from(), failure.kind(),
                        failure.getMessage() + "." + advice);
            }
        }, false));
    }

    private Future<Incoming> openGroup(Delivery delivery, byte[] body) {
        return senderKeys(delivery.from()).compose(sender -> vertx.executeBlocking(() -> {
            try {
                GroupSeal.Label label = GroupSeal.label(body);
                SenderKey key = senderKeys.of(delivery.from(), delivery.to(),
                        java.util.HexFormat.of().formatHex(label.keyId())).orElseThrow(() -> new OpenFailure(
                        OpenFailure.Kind.UNDECRYPTABLE, "group message " + delivery.id() + " from " + delivery.from()
                        + " needs a key " + delivery.from() + " never gave us"));
                byte[] plaintext = GroupSeal.open(delivery.id(), delivery.from(), delivery.to(), sender.signing(), key,
                        body);
                Optional<FileOffer> offer = FileOffer.fromPlaintext(plaintext);
                if (offer.isPresent()) {
                    return (Incoming) new Incoming.FileOffered(delivery.from(), offer.get());
                }
                if (!seen.firstTime(delivery.from(), delivery.id())) {
                    throw new OpenFailure(OpenFailure.Kind.REPLAYED, "group message " + delivery.id() + " from "
                            + delivery.from() + " arrived again and is not shown twice");
                }
                MessageLine line = MessageLine.of(delivery, plaintext);
                history.append(new HistoryEntry(delivery.id(), user(), delivery.to(), false,
                        delivery.from() + ": " + line.text(), delivery.sentAt()));
                return (Incoming) new Incoming.Shown(line);
            } catch (OpenFailure failure) {
                return new Incoming.Refused(delivery.id(), delivery.from(), failure.kind(), failure.getMessage() + ".");
            }
        }, false));
    }

    /**
     * Looks up a sender the network may not have told our node about yet: a message from a new
     * user of another node can outrun the gossip of their keys. Tries for about eight seconds.
     */
    private Future<Resolved> lookUpPatiently(String user, int attempt) {
        return lookUp(user).recover(e -> {
            if (attempt >= SENDER_LOOKUPS || !(e instanceof org.parley.client.net.RefusedException refused)
                    || refused.code() != org.parley.protocol.message.ErrorCode.UNKNOWN_USER) {
                return Future.failedFuture(e);
            }
            return vertx.timer(125L << attempt).compose(ignored -> lookUpPatiently(user, attempt + 1));
        });
    }

    /** The pinned keys of a sender, pinning what the network gives on first contact. */
    private Future<PublicKeys> senderKeys(String from) {
        var pinned = known.pinned(from);
        if (pinned.isPresent()) {
            return Future.succeededFuture(pinned.get());
        }
        return lookUpPatiently(from, 1).compose(resolved -> pin(new Resolved(from, resolved.keys())).map(verdict ->
                verdict instanceof KnownUsers.Changed changed ? changed.pinned() : resolved.keys()));
    }
}
