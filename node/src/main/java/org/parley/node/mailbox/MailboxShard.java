package org.parley.node.mailbox;

import org.parley.node.bus.ControlBus;

import org.parley.node.delivery.DeliveryPort;
import org.parley.protocol.message.ReceiptStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.node.session.Session;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailboxes of the users whose names hash to this shard (see {@link Mailboxes}): every direct
 * message for them is stored (group commit) before its sender hears "accepted", handed at once to
 * their sessions that are reading live, and deleted when a client acknowledges it, which is when
 * its sender hears "delivered". A session that logs in first receives what waited, page by page as
 * it acknowledges, oldest first, and only then live traffic, so each sender's messages arrive in
 * the order sent. A user with several sessions keeps a message until every session open has
 * acknowledged it (or ended): a session that reads slowly, or logged in later, reads it from the
 * mailbox instead of losing it to a faster one. All state lives on this verticle's context; the
 * methods may be called from any thread.
 */
final class MailboxShard extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxShard.class);
    /** Messages handed to a session per page of its backlog; the next page goes once half are acknowledged. */
    static final int PAGE = 1000;
    /** And at most this many bytes of bodies per page: a page of file chunks is a few of them. */
    static final long PAGE_BYTES = 8L << 20;
    /**
     * A reader with more than this queued and unread stops being handed messages as they come; it
     * reads the rest from the store, page by page, as it acknowledges (a file's chunks to a slow disk).
     */
    static final long BEHIND_BYTES = 4L << 20;
    private final String controlAddress;
    private final MailboxStore.Shard store;
    private final Mailboxes.Limits limits;
    private final DeliveryPort receipts;
    /** Sequence numbers are unique across shards: the table's key. */
    private final AtomicLong lastSeq;
    private final Map<String, Waiting> counts = new HashMap<>();
    private final Map<String, List<Reader>> readers = new HashMap<>();
    private final Map<Session, Reader> readerOf = new HashMap<>();
    /** More than one origin's window of envelopes in flight (20,000), which is what a restart can repeat. */
    private final RecentMessages recent = new RecentMessages(50_000);
    /** Per user with several sessions: messages some of them acknowledged, and which. */
    private final Map<String, Map<String, Set<Session>>> partlyAcknowledged = new HashMap<>();
    /** Per user: messages handed to their live sessions without being stored (see {@link #pass}), by id. */
    private final Map<String, Map<String, Passing>> passing = new HashMap<>();
    private final MailboxCounts tally;

    /** @param controlAddress where the shard takes {@link MailboxControl} commands */
    MailboxShard(String controlAddress, MailboxStore.Shard store, Mailboxes.Limits limits, DeliveryPort receipts,
                 AtomicLong lastSeq, Map<String, Waiting> counts, List<MailboxStore.UserId> newest,
                 MailboxCounts tally) {
        this.controlAddress = controlAddress;
        this.tally = tally;
        this.store = store;
        this.limits = limits;
        this.receipts = receipts;
        this.lastSeq = lastSeq;
        this.counts.putAll(counts);
        newest.forEach(message -> recent.known(message.user(), message.id()));
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<MailboxControl>consumer(controlAddress,
                command -> ControlBus.answer(command, command.body().on(this))).completion();
    }

    /**
     * Stores a message for {@code user} (a name of this node). Resolves, once the message is safe,
     * with the number of sessions it was handed to; fails with {@link MailboxFullException} if the
     * mailbox is full, and the message is then not stored.
     */
    Future<Integer> deposit(String user, String id, String sender, String recipient, long sentAt, byte[] body) {
        Promise<Integer> accepted = Promise.promise();
        context.runOnContext(v -> {
            try {
                store(user, id, sender, recipient, sentAt, body, null).onComplete(accepted);
            } catch (MailboxFullException full) {
                accepted.fail(full);
            }
        });
        return accepted.future();
    }

    /**
     * The same message for several users of this shard (a group's members): its frame is made
     * once. A user whose mailbox is full goes without, and the others still get it.
     *
     * @return once it is safe for all, the number of sessions it was handed to
     */
    Future<Integer> depositAll(List<String> users, String id, String sender, String recipient, long sentAt,
                               byte[] body, byte[] frame) {
        Promise<Integer> accepted = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Integer>> stored = new ArrayList<>(users.size());
            for (String user : users) {
                try {
                    stored.add(store(user, id, sender, recipient, sentAt, body, frame));
                } catch (MailboxFullException full) {
                    LOG.warn("Message {} to {} was not stored for {}: {}", id, recipient, user, full.getMessage());
                }
            }
            Future.all(stored).map(all -> stored.stream().mapToInt(Future::result).sum()).onComplete(accepted);
        });
        return accepted.future();
    }

    /**
     * Hands a message straight to the user's sessions if every one of them is reading live and keeps
     * up, without storing it: it resolves {@link Handed#DELIVERED} once they have all acknowledged it.
     * Otherwise (no session, or one reading its backlog or behind) it is stored as by
     * {@link #deposit} and resolves {@link Handed#STORED}; a session that ends before acknowledging a
     * message handed this way has it stored then, in its place, and it resolves STORED too. Either way
     * it takes its turn with everything else for the user, so the order of a sender's messages holds.
     * Fails with {@link MailboxFullException} when it must be stored and the mailbox is full.
     */
    Future<Handed> pass(String user, String id, String sender, String recipient, long sentAt, byte[] body) {
        Promise<Handed> outcome = Promise.promise();
        context.runOnContext(v -> {
            List<Reader> reading = readers.get(user);
            if (reading != null && !reading.isEmpty() && reading.stream().allMatch(Reader::keepsUp)
                    && recent.first(user, id) == null) {
                MailboxStore.Stored message = new MailboxStore.Stored(lastSeq.incrementAndGet(), id, sender, recipient,
                        sentAt, body);
                byte[] frame = frame(message);
                Passing handed = new Passing(message, outcome);
                for (Reader reader : reading) {
                    if (reader.take(message.seq(), frame)) {
                        handed.awaiting.add(reader.session);
                    }
                }
                if (!handed.awaiting.isEmpty()) {
                    tally.passed();
                    passing.computeIfAbsent(user, u -> new HashMap<>()).put(id, handed);
                    return;
                }
            }
            try {
                store(user, id, sender, recipient, sentAt, body, null).map(Handed.STORED).onComplete(outcome);
            } catch (MailboxFullException full) {
                outcome.fail(full);
            }
        });
        return outcome.future();
    }

    /** On the context: counts, hands to the user's readers, stores; {@code frame} is made here if null. */
    private Future<Integer> store(String user, String id, String sender, String recipient, long sentAt, byte[] body,
                                  byte[] frame) throws MailboxFullException {
        Future<Integer> first = recent.first(user, id);
        if (first != null) {
            return first.map(0); // a repeat: not stored or shown again, safe when the first is
        }
        return storeNew(user, id, sender, recipient, sentAt, body, frame);
    }

    /** Remembers the message in {@link #recent} once it is accepted, and settles it there as the write completes. */
    private Future<Integer> storeNew(String user, String id, String sender, String recipient, long sentAt,
                                     byte[] body, byte[] frame) throws MailboxFullException {
        Waiting waiting = counts.getOrDefault(user, Waiting.NONE);
        if (waiting.messages() >= limits.maxMessages()) {
            throw new MailboxFullException(false, recipient + " has " + waiting.messages() + " messages waiting,"
                    + " as many as its node keeps; message " + id + " was not accepted, send it again later");
        }
        if (waiting.bytes() + body.length > limits.maxBytes()) {
            throw new MailboxFullException(true, MailboxFullException.overQuota(recipient, waiting.bytes(),
                    limits.maxBytes(), id));
        }
        counts.put(user, waiting.plus(body.length));
        MailboxStore.Stored message = new MailboxStore.Stored(lastSeq.incrementAndGet(), id, sender, recipient,
                sentAt, body);
        int handed = 0;
        List<Reader> reading = readers.get(user);
        if (reading != null) {
            byte[] bytes = frame != null ? frame : frame(message);
            for (Reader reader : reading) {
                if (reader.offer(message.seq(), bytes)) {
                    handed++;
                }
            }
        }
        int sessions = handed;
        tally.stored();
        long taken = recent.take(user, id);
        return store.insert(user, message, handed > 0).transform(done -> {
            if (done.succeeded()) {
                recent.stored(taken);
                return Future.succeededFuture(sessions);
            }
            recent.notStored(taken, done.cause());
            uncount(user, List.of(new MailboxStore.Removed(user, id, sender, recipient, body.length)));
            return Future.failedFuture(done.cause());
        });
    }

    /** A session logged in: it gets its backlog, then live messages. */
    void opened(Session session) {
        context.runOnContext(v -> {
            Reader reader = new Reader(session);
            readers.computeIfAbsent(session.user().name(), name -> new ArrayList<>()).add(reader);
            readerOf.put(session, reader);
            reader.nextPage();
        });
    }

    void closed(Session session) {
        String user = session.user().name();
        context.runOnContext(v -> {
            Reader reader = readerOf.remove(session);
            if (reader != null) {
                reader.closed = true;
                List<Reader> reading = readers.get(user);
                reading.remove(reader);
                if (reading.isEmpty()) {
                    readers.remove(user);
                }
            }
            closedPassing(user, session);
            // What the sessions left open have all acknowledged may go now.
            Map<String, Set<Session>> partly = partlyAcknowledged.get(user);
            if (partly != null) {
                List<String> done = new ArrayList<>();
                partly.entrySet().removeIf(entry -> {
                    boolean all = acknowledgedByAllOpen(user, entry.getValue());
                    if (all) {
                        done.add(entry.getKey());
                    }
                    return all;
                });
                forget(user, partly);
                remove(user, done);
            }
        });
    }

    /**
     * {@code session}'s client has these messages. Once every open session of the user has said so,
     * they leave the mailbox and their senders hear "delivered".
     */
    void acknowledged(Session session, List<String> ids) {
        String user = session.user().name();
        context.runOnContext(v -> {
            Reader reader = readerOf.get(session);
            List<String> stored = acknowledgedPassing(user, session, ids);
            if (stored.isEmpty()) {
                return;
            }
            if (reader != null) {
                reader.acknowledged(stored);
            }
            List<Reader> open = readers.getOrDefault(user, List.of());
            Map<String, Set<Session>> partly = partlyAcknowledged.get(user);
            if (open.size() <= 1 && partly == null) {
                remove(user, stored); // the usual case: one session, nothing to keep track of
                return;
            }
            if (partly == null) {
                partly = new HashMap<>();
                partlyAcknowledged.put(user, partly);
            }
            List<String> done = new ArrayList<>();
            for (String id : stored) {
                Set<Session> by = partly.computeIfAbsent(id, i -> new HashSet<>());
                by.add(session);
                if (acknowledgedByAllOpen(user, by)) {
                    partly.remove(id);
                    done.add(id);
                }
            }
            forget(user, partly);
            remove(user, done);
        });
    }

    /** Settles what of {@code ids} was handed without being stored; returns the rest, which is in the store. */
    private List<String> acknowledgedPassing(String user, Session session, List<String> ids) {
        Map<String, Passing> handed = passing.get(user);
        if (handed == null) {
            return ids;
        }
        List<String> stored = new ArrayList<>(ids.size());
        for (String id : ids) {
            Passing one = handed.get(id);
            if (one == null) {
                stored.add(id);
            } else if (one.awaiting.remove(session)) {
                one.acknowledged = true;
                if (one.awaiting.isEmpty()) {
                    handed.remove(id);
                    one.outcome.tryComplete(Handed.DELIVERED);
                }
            }
        }
        if (handed.isEmpty()) {
            passing.remove(user);
        }
        return stored;
    }

    /**
     * {@code session} ended: a message handed to it without being stored is done if the user's other
     * sessions acknowledged it; if none did, it is stored now, in its place by sequence number, so the
     * next login reads it in order.
     */
    private void closedPassing(String user, Session session) {
        Map<String, Passing> handed = passing.get(user);
        if (handed == null) {
            return;
        }
        List<Passing> settled = new ArrayList<>();
        handed.values().removeIf(one -> {
            if (!one.awaiting.remove(session) || !one.awaiting.isEmpty()) {
                return false;
            }
            settled.add(one);
            return true;
        });
        if (handed.isEmpty()) {
            passing.remove(user);
        }
        settled.sort(Comparator.comparingLong(one -> one.message.seq()));
        for (Passing one : settled) {
            if (one.acknowledged) {
                one.outcome.tryComplete(Handed.DELIVERED);
                continue;
            }
            // Taken past the quota if need be: the sender's node was told nothing yet, and refusing
            // now would leave a gap in what the sender sent.
            counts.put(user, counts.getOrDefault(user, Waiting.NONE).plus(one.message.body().length));
            recent.took(user, one.message.id(), Future.succeededFuture(0));
            tally.stored();
            store.insert(user, one.message, false).onComplete(done -> {
                if (done.succeeded()) {
                    one.outcome.tryComplete(Handed.STORED);
                } else {
                    uncount(user, List.of(new MailboxStore.Removed(user, one.message.id(), one.message.sender(),
                            one.message.recipient(), one.message.body().length)));
                    one.outcome.tryFail(done.cause());
                }
            });
        }
    }

    private boolean acknowledgedByAllOpen(String user, Set<Session> by) {
        for (Reader reader : readers.getOrDefault(user, List.of())) {
            if (!by.contains(reader.session)) {
                return false;
            }
        }
        return true;
    }

    private void forget(String user, Map<String, Set<Session>> partly) {
        if (partly.isEmpty()) {
            partlyAcknowledged.remove(user);
        }
    }

    /** These messages leave the mailbox: their senders hear "delivered". */
    private void remove(String user, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        store.remove(user, ids).onSuccess(removed -> {
            uncount(user, removed);
            for (MailboxStore.Removed gone : removed) {
                receipts.receipt(gone.sender(), gone.recipient(), gone.id(), ReceiptStatus.DELIVERED);
            }
        }).onFailure(e -> LOG.error("Could not remove {} acknowledged message(s) of {}; they will be delivered"
                + " again", ids.size(), user, e));
    }

    /** On the context ({@link MailboxControl.Clear}): the user's account is gone, so is what waited for it. */
    Future<Void> clear(String user) {
        counts.remove(user);
        partlyAcknowledged.remove(user);
        recent.forget(user);
        return store.clear(user);
    }

    /** On the context ({@link MailboxControl.Count}): messages waiting per user of this shard. */
    Map<String, Waiting> waiting() {
        return Map.copyOf(counts);
    }

    /** On the context ({@link MailboxControl.Expired}): these waited too long; their senders hear "expired". */
    void expired(List<MailboxStore.Removed> removed) {
        for (MailboxStore.Removed gone : removed) {
            uncount(gone.user(), List.of(gone));
            receipts.receipt(gone.sender(), gone.recipient(), gone.id(), ReceiptStatus.EXPIRED);
        }
    }

    /**
     * On the context ({@link MailboxControl.Recount}): the store's counts for this shard's users;
     * repeats stored once are counted once, so counts drift by those.
     */
    void recount(Map<String, Waiting> fromTable) {
        counts.clear();
        counts.putAll(fromTable);
    }

    /** These messages no longer wait for {@code user}; a user with none has no entry. */
    private void uncount(String user, List<MailboxStore.Removed> gone) {
        long bytes = 0;
        for (MailboxStore.Removed one : gone) { // every acknowledgement comes here: no stream for a sum
            bytes += one.bytes();
        }
        long removed = bytes;
        counts.computeIfPresent(user, (name, waiting) -> waiting.minus(gone.size(), removed));
    }

    static byte[] frame(MailboxStore.Stored message) {
        return FrameEncoder.server().encode(
                new Delivery(message.id(), message.sender(), message.recipient(), message.sentAt()), message.body());
    }

    /** One session's position: replaying its backlog page by page, or reading live. On the context. */
    private final class Reader {
        private final Session session;
        private boolean replaying = true;
        private boolean fetching;
        private boolean closed;
        private long cursor;
        /** Handed from the backlog and not acknowledged yet: id to body bytes. */
        private final java.util.Map<String, Integer> unacknowledged = new java.util.HashMap<>();
        private long unacknowledgedBytes;
        /** Fell behind while live: reading from the store, offers not kept in memory. */
        private boolean behind;
        private long newestOffered;
        private final Set<Long> replayed = new HashSet<>();
        private final List<Live> buffered = new ArrayList<>();

        Reader(Session session) {
            this.session = session;
        }

        /** A message stored just now; false if this session did not take it now (it will, in order, or next login). */
        boolean offer(long seq, byte[] frame) {
            newestOffered = Math.max(newestOffered, seq);
            if (replaying) {
                if (!behind) {
                    buffered.add(new Live(seq, frame));
                }
                return false;
            }
            if (session.queuedBytes() > BEHIND_BYTES) {
                // The client does not keep up: what comes next waits in the store until it acknowledges.
                LOG.info("{} reads slower than its messages arrive ({} bytes unread); the rest waits in the mailbox",
                        session.user(), session.queuedBytes());
                replaying = true;
                behind = true;
                return false;
            }
            if (session.deliver(frame)) {
                cursor = seq;
                return true;
            }
            return false;
        }

        /** Reading live, with little queued: a message handed now arrives in its place. */
        boolean keepsUp() {
            return !replaying && !closed && session.queuedBytes() <= BEHIND_BYTES;
        }

        /** Hands a message that is not stored; see {@link MailboxShard#pass}. */
        boolean take(long seq, byte[] frame) {
            newestOffered = Math.max(newestOffered, seq);
            if (session.deliver(frame)) {
                cursor = seq;
                return true;
            }
            return false;
        }

        void acknowledged(List<String> ids) {
            for (String id : ids) {
                Integer bytes = unacknowledged.remove(id);
                if (bytes != null) {
                    unacknowledgedBytes -= bytes;
                }
            }
            if (replaying && !fetching && roomForAPage() && session.queuedBytes() <= BEHIND_BYTES) {
                nextPage();
            }
        }

        /** Half a page acknowledged, by count and by bytes: the next one may go. */
        private boolean roomForAPage() {
            return unacknowledged.size() <= PAGE / 2 && unacknowledgedBytes <= PAGE_BYTES / 2;
        }

        void nextPage() {
            fetching = true;
            String user = session.user().name();
            store.page(user, cursor, PAGE, PAGE_BYTES).onComplete(page -> {
                fetching = false;
                if (closed) {
                    return;
                }
                if (page.failed()) {
                    LOG.error("Could not read the mailbox of {}; what waits there is delivered at the next login",
                            session.user(), page.cause());
                    goLive();
                    return;
                }
                for (MailboxStore.Stored message : page.result().messages()) {
                    if (!session.deliver(frame(message))) {
                        return; // the session is closing
                    }
                    cursor = message.seq();
                    if (unacknowledged.put(message.id(), message.body().length) == null) {
                        unacknowledgedBytes += message.body().length;
                    }
                    replayed.add(message.seq());
                }
                if (!page.result().more() && !(behind && newestOffered > cursor)) {
                    goLive();
                } else if (roomForAPage() && session.queuedBytes() <= BEHIND_BYTES) {
                    nextPage(); // (behind: what was offered while the page was read is in the store now)
                }
            });
        }

        /** The backlog is out: what arrived meanwhile follows, in the order it was stored. */
        private void goLive() {
            replaying = false;
            behind = false;
            buffered.sort(Comparator.comparingLong(Live::seq));
            for (Live live : buffered) {
                if (!replayed.contains(live.seq())) {
                    session.deliver(live.frame());
                    cursor = Math.max(cursor, live.seq());
                }
            }
            buffered.clear();
            replayed.clear();
            unacknowledged.clear();
            unacknowledgedBytes = 0;
        }
    }

    private record Live(long seq, byte[] frame) {
    }

    /** A message handed without being stored, and the sessions that have not acknowledged it yet. */
    private static final class Passing {
        private final MailboxStore.Stored message;
        private final Promise<Handed> outcome;
        private final Set<Session> awaiting = new HashSet<>();
        private boolean acknowledged;

        Passing(MailboxStore.Stored message, Promise<Handed> outcome) {
            this.message = message;
            this.outcome = outcome;
        }
    }
}
