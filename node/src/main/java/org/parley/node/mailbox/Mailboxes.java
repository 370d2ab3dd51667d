package org.parley.node.mailbox;

import io.vertx.core.Context;
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
import org.parley.node.session.Session;
import org.parley.node.store.SqliteMailbox;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every direct message for a user of this node passes through the user's mailbox: it is stored
 * (group commit) before its sender hears "accepted", handed at once to the user's sessions that are
 * reading live, and deleted when a client acknowledges it, which is when its sender hears
 * "delivered". A session that logs in first receives what waited, page by page as it acknowledges,
 * oldest first, and only then live traffic, so each sender's messages arrive in the order sent.
 * All state lives on this verticle's context; the public methods may be called from any thread.
 */
public final class Mailboxes extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);
    /** Messages handed to a session per page of its backlog; the next page goes once half are acknowledged. */
    static final int PAGE = 1000;
    /** Expired messages are looked for this often at most, and four times per age limit at least. */
    private static final long MAX_SWEEP_MILLIS = 60_000;
    private static final long MIN_SWEEP_MILLIS = 250;

    /** Per user: at most {@code maxMessages} waiting, none older than {@code maxAgeMillis}. */
    public record Limits(int maxMessages, long maxAgeMillis) {
    }

    private final SqliteMailbox store;
    private final Limits limits;
    private final ReceiptRouter receipts;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, List<Reader>> readers = new HashMap<>();
    private final Map<Session, Reader> readerOf = new HashMap<>();
    private long lastSeq;
    private long sweepTimer;

    public Mailboxes(SqliteMailbox store, Limits limits, ReceiptRouter receipts) {
        this.store = store;
        this.limits = limits;
        this.receipts = receipts;
    }

    @Override
    public Future<?> start() {
        return store.contents().onSuccess(contents -> {
            lastSeq = contents.lastSeq();
            counts.putAll(contents.counts());
            int waiting = contents.counts().values().stream().mapToInt(Integer::intValue).sum();
            if (waiting > 0) {
                LOG.info("Mailboxes hold {} message(s) for {} user(s); they are delivered when their users log in",
                        waiting, contents.counts().size());
            }
            long every = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, limits.maxAgeMillis() / 4));
            sweepTimer = vertx.setPeriodic(every, id -> sweep());
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweepTimer);
        return Future.succeededFuture();
    }

    /**
     * Stores a message for {@code user} (a name of this node). Resolves, once the message is safe,
     * with the number of sessions it was handed to; fails with {@link MailboxFullException} if the
     * mailbox is full, and the message is then not stored.
     */
    public Future<Integer> deposit(String user, String id, String sender, String recipient, long sentAt, byte[] body) {
        Promise<Integer> accepted = Promise.promise();
        context.runOnContext(v -> {
            int waiting = counts.getOrDefault(user, 0);
            if (waiting >= limits.maxMessages()) {
                accepted.fail(new MailboxFullException(recipient + " has " + waiting + " messages waiting, as many"
                        + " as its node keeps; message " + id + " was not accepted, send it again later"));
                return;
            }
            counts.put(user, waiting + 1);
            SqliteMailbox.Stored message = new SqliteMailbox.Stored(++lastSeq, id, sender, recipient, sentAt, body);
            int handed = 0;
            List<Reader> reading = readers.get(user);
            if (reading != null) {
                byte[] frame = frame(message);
                for (Reader reader : reading) {
                    if (reader.offer(message.seq(), frame)) {
                        handed++;
                    }
                }
            }
            int sessions = handed;
            store.insert(user, message).onComplete(stored -> {
                if (stored.succeeded()) {
                    accepted.complete(sessions);
                } else {
                    counts.merge(user, -1, Integer::sum);
                    accepted.fail(stored.cause());
                }
            });
        });
        return accepted.future();
    }

    /** A session logged in: it gets its backlog, then live messages. */
    public void opened(Session session) {
        context.runOnContext(v -> {
            Reader reader = new Reader(session);
            readers.computeIfAbsent(session.user().name(), name -> new ArrayList<>()).add(reader);
            readerOf.put(session, reader);
            reader.nextPage();
        });
    }

    public void closed(Session session) {
        context.runOnContext(v -> {
            Reader reader = readerOf.remove(session);
            if (reader != null) {
                reader.closed = true;
                List<Reader> reading = readers.get(session.user().name());
                reading.remove(reader);
                if (reading.isEmpty()) {
                    readers.remove(session.user().name());
                }
            }
        });
    }

    /** {@code session}'s client has these messages: they leave the mailbox and their senders hear "delivered". */
    public void acknowledged(Session session, List<String> ids) {
        String user = session.user().name();
        context.runOnContext(v -> {
            Reader reader = readerOf.get(session);
            if (reader != null) {
                reader.acknowledged(ids);
            }
            store.remove(user, ids).onSuccess(removed -> {
                if (!removed.isEmpty()) {
                    counts.computeIfPresent(user, (name, n) -> n - removed.size() > 0 ? n - removed.size() : null);
                }
                for (SqliteMailbox.Removed gone : removed) {
                    receipts.send(gone.sender(), gone.recipient(), gone.id(), Receipt.DELIVERED);
                }
            }).onFailure(e -> LOG.error("Could not remove {} acknowledged message(s) of {}; they will be delivered"
                    + " again", ids.size(), user, e));
        });
    }

    /** The user's account is gone: so is what waited for it. */
    public Future<Void> clear(String user) {
        Promise<Void> cleared = Promise.promise();
        context.runOnContext(v -> {
            counts.remove(user);
            store.clear(user).onComplete(cleared);
        });
        return cleared.future();
    }

    /** Messages waiting per user, for operators and tests. */
    public Future<Map<String, Integer>> waiting() {
        Promise<Map<String, Integer>> waiting = Promise.promise();
        context.runOnContext(v -> waiting.complete(Map.copyOf(counts)));
        return waiting.future();
    }

    private void sweep() {
        store.expire(System.currentTimeMillis() - limits.maxAgeMillis()).onSuccess(removed -> {
            for (SqliteMailbox.Removed gone : removed) {
                counts.computeIfPresent(gone.user(), (name, n) -> n > 1 ? n - 1 : null);
                receipts.send(gone.sender(), gone.recipient(), gone.id(), Receipt.EXPIRED);
            }
            if (!removed.isEmpty()) {
                LOG.info("Dropped {} message(s) that waited longer than {} s for their recipients; their senders"
                        + " were told", removed.size(), limits.maxAgeMillis() / 1000);
            }
        }).compose(ignored -> store.contents()).onSuccess(contents -> {
            // Repeats stored once are counted once; the counts drift from the table only by those.
            counts.clear();
            counts.putAll(contents.counts());
        });
    }

    private static byte[] frame(SqliteMailbox.Stored message) {
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
        private final Set<String> unacknowledged = new HashSet<>();
        private final Set<Long> replayed = new HashSet<>();
        private final List<Live> buffered = new ArrayList<>();

        Reader(Session session) {
            this.session = session;
        }

        /** A message stored just now; false if this session did not take it now (it will, in order, or next login). */
        boolean offer(long seq, byte[] frame) {
            if (replaying) {
                buffered.add(new Live(seq, frame));
                return false;
            }
            return session.deliver(frame);
        }

        void acknowledged(List<String> ids) {
            ids.forEach(unacknowledged::remove);
            if (replaying && !fetching && unacknowledged.size() <= PAGE / 2) {
                nextPage();
            }
        }

        void nextPage() {
            fetching = true;
            String user = session.user().name();
            store.page(user, cursor, PAGE).onComplete(page -> {
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
                for (SqliteMailbox.Stored message : page.result()) {
                    if (!session.deliver(frame(message))) {
                        return; // the session is closing
                    }
                    cursor = message.seq();
                    unacknowledged.add(message.id());
                    replayed.add(message.seq());
                }
                if (page.result().size() < PAGE) {
                    goLive();
                } else if (unacknowledged.size() <= PAGE / 2) {
                    nextPage();
                }
            });
        }

        /** The backlog is out: what arrived meanwhile follows, in the order it was stored. */
        private void goLive() {
            replaying = false;
            buffered.sort(Comparator.comparingLong(Live::seq));
            for (Live live : buffered) {
                if (!replayed.contains(live.seq())) {
                    session.deliver(live.frame());
                }
            }
            buffered.clear();
            replayed.clear();
            unacknowledged.clear();
        }
    }

    private record Live(long seq, byte[] frame) {
    }
}
