package org.parley.client.e2ee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.parley.client.history.Conversations;
import org.parley.client.history.History;
import org.parley.client.history.HistoryEntry;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.client.net.TryAgain;
import org.parley.client.trust.ContactKeys;
import org.parley.client.trust.KnownUsers;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.voice.VoiceKey;

/**
 * End-to-end encrypted messaging on one connection, as the commands use it: puts together
 * {@link DirectMessages} and {@link GroupMessages} (sealing), {@link GroupKeys} (sender keys),
 * {@link FileRouter} (files), {@link Arrivals} (what comes in) and {@link ContactKeys} (whose keys).
 * A changed key stops a send until the user trusts it; a message that fails its checks becomes a
 * warning. Sends are sealed one after another, so they leave in order; what the node accepted joins
 * the history.
 */
public final class Messenger {

    private final Vertx vertx;
    private final NodeSession session;
    private final IdentityKeys me;
    private final ContactKeys contacts;
    private final Conversations history;
    private final OwnTraffic own = new OwnTraffic();
    private final DirectMessages direct;
    private final GroupMessages groups;
    private final FileRouter files;
    private final Arrivals arrivals;
    private final VoiceKeys voiceKeys;
    /** The last send's sealing: the next one's starts after it. Guarded by this. */
    private Future<?> sending = Future.succeededFuture();

    public Messenger(Vertx vertx, NodeSession session, IdentityKeys me, KnownUsers known, SeenMessages seen,
                     History history, SenderKeys senderKeys) {
        this.vertx = vertx;
        this.session = session;
        this.me = me;
        this.contacts = new ContactKeys(vertx, session::keys, known);
        this.history = new Conversations(vertx, history);
        this.direct = new DirectMessages(vertx, me, session::user, contacts);
        KeyHandover handover = new KeyHandover(session, direct, own);
        GroupKeys keys = new GroupKeys(vertx, senderKeys, handover);
        this.voiceKeys = new VoiceKeys(handover, session::user);
        this.groups = new GroupMessages(vertx, session, me, keys);
        this.files = new FileRouter(vertx, session, contacts, direct, groups, own, this.history);
        this.arrivals = new Arrivals(vertx, session, contacts, direct, groups, keys, voiceKeys, files, seen, history);
        // A name registered again (new keys) comes online: a user's coming and going is when to look again.
        session.onPresence(notice -> contacts.mayHaveChanged(notice.user()));
    }

    /** Sends {@code text}; completes when the node has accepted it. */
    public Future<Accepted> send(String to, String text) {
        return sendSealed(to, text, (id, sealed) -> accepted(id, sealed, text,
                session.send(id, sealed.to(), sealed.body())));
    }

    /** Sends {@code text}; completes when the recipient's client has it (see {@link NodeSession#sendTracked}). */
    public Future<Receipt> sendAndAwaitDelivery(String to, String text) {
        return sendSealed(to, text, (id, sealed) -> {
            NodeSession.Tracked tracked = session.sendTracked(id, sealed.to(), sealed.body(), false);
            accepted(id, sealed, text, tracked.accepted());
            return tracked.receipt();
        });
    }

    /** Seals after every earlier send was sealed and handed over, so messages leave in order. */
    private synchronized <T> Future<T> sendSealed(String to, String text,
                                                  BiFunction<String, Sealed, Future<T>> handOver) {
        try {
            OutgoingText.check(text);
        } catch (IllegalArgumentException refused) {
            return Future.failedFuture(refused);
        }
        String id = NodeSession.newMessageId();
        Future<Sealed> sealed = sending.transform(ignored -> seal(id, to, text));
        // Registered before the next send's seal, so this message is written first.
        // The same sealed message, with its id, goes again while the node limits us: never a second copy.
        Future<T> result = sealed.compose(message -> TryAgain.whileLimited(vertx, () -> handOver.apply(id, message),
                TryAgain.nodeOf(user()), line -> session.notice().accept(line)));
        sending = sealed;
        return result;
    }

    private Future<Sealed> seal(String id, String to, String text) {
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        if (Recipient.EVERYONE.equals(to)) {
            return Future.succeededFuture(new Sealed(to, plaintext));
        }
        return GroupAddress.isGroup(to) ? groups.seal(id, to, plaintext) : direct.seal(to, id, plaintext);
    }

    /**
     * A message the node accepted joins the history (a broadcast does not); one it refused for a
     * recipient it does not know says their keys may be gone with them.
     */
    private Future<Accepted> accepted(String id, Sealed sealed, String text, Future<Accepted> accepted) {
        return accepted.onComplete(done -> {
            if (done.succeeded() && !Recipient.EVERYONE.equals(sealed.to())) {
                history.sent(id, user(), sealed.to(), text);
            } else if (done.failed() && done.cause() instanceof RefusedException refused
                    && refused.code() == ErrorCode.UNKNOWN_USER) {
                contacts.mayHaveChanged(sealed.to());
            }
        });
    }

    /** Where each arriving message goes, once checked. */
    public Messenger onIncoming(Consumer<Incoming> handler) {
        arrivals.to(handler);
        return this;
    }

    /**
     * For a session that only sends (a script's {@code send-file}): hears its recipients' declines
     * and leaves every other message for the next session that reads.
     */
    public Messenger onDeclines(Consumer<Incoming.FileDeclined> handler) {
        session.onDelivery(files.declinesOnly(handler));
        return this;
    }

    /**
     * For a session that only talks in a voice room ({@code voice join}): takes the voice keys that
     * arrive and leaves every other message for the next session that reads.
     */
    public Messenger onVoiceKeysOnly() {
        session.onDelivery(OnlyOneKind.reader(vertx, session, contacts, direct, VoiceKey::fromPlaintext,
                "a voice key", (delivery, key) -> voiceKeys.taken(delivery.from(), key)));
        return this;
    }

    /** Files sent to us go to {@code inbox} from now on (acknowledged once it has them). */
    public Messenger onFiles(FileInbox inbox) {
        files.inbox(inbox);
        return this;
    }

    /** Files on their way out: offers, chunks, refusals. */
    public FileRouter files() {
        return files;
    }

    /**
     * Whether the receipt for message {@code id} is about one the client wrote for itself (a group
     * key given to a member, a piece of a file), not something the user wrote; asked once per receipt.
     */
    public boolean isOwnTraffic(Receipt receipt) {
        return own.isOwn(receipt);
    }

    /** The last {@code limit} messages with {@code peer}, oldest first, read on a worker. */
    public Future<List<HistoryEntry>> history(String peer, int limit) {
        return history.with(peer, limit);
    }

    /** Voice room keys: ours handed to participants, theirs as they arrived on this connection. */
    public VoiceKeys voiceKeys() {
        return voiceKeys;
    }

    /** The keys of the people we write to, for {@code fingerprint} and {@code trust}. */
    public ContactKeys contacts() {
        return contacts;
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
}
