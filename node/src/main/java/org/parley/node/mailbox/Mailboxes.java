package org.parley.node.mailbox;

import org.parley.node.bus.ControlBus;

import org.parley.node.delivery.DeliveryPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.node.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every direct message for a user of this node passes through the user's mailbox (see
 * {@link MailboxShard}). Users are spread over one shard per event loop by their name, so the
 * mailboxes of different users work in parallel while each user's stay on one context, in order.
 * Also sweeps out what waited longer than the age limit. Any thread may call.
 */
public final class Mailboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Mailboxes.class);
    /** Expired messages are looked for this often at most, and four times per age limit at least. */
    private static final long MAX_SWEEP_MILLIS = 60_000;
    private static final long MIN_SWEEP_MILLIS = 250;

    /**
     * Per user: at most {@code maxMessages} waiting, together at most {@code maxBytes} of bodies (the
     * quota that files for an offline user meet first), none older than {@code maxAgeMillis}.
     */
    public record Limits(int maxMessages, long maxBytes, long maxAgeMillis) {
    }

    private final Vertx vertx;
    private final ControlBus bus;
    private final MailboxStore store;
    private final Limits limits;
    private final List<MailboxShard> shards;
    private final List<String> deployments;
    private final long sweepTimer;
    private final MailboxCounts tally;

    private Mailboxes(Vertx vertx, ControlBus bus, MailboxStore store, Limits limits, List<MailboxShard> shards,
                      List<String> deployments, MailboxCounts tally) {
        this.tally = tally;
        this.vertx = vertx;
        this.bus = bus;
        this.store = store;
        this.limits = limits;
        this.shards = shards;
        this.deployments = deployments;
        long every = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, limits.maxAgeMillis() / 4));
        this.sweepTimer = vertx.setPeriodic(every, id -> sweep());
    }

    /** Reads what waits in the store and starts {@code count} shards. */
    public static Future<Mailboxes> start(Vertx vertx, ControlBus bus, MailboxStore store, Limits limits,
                                          DeliveryPort receipts, int count) {
        bus.declare(MailboxControl.class.getPermittedSubclasses());
        bus.declare(MailboxControl.Counts.class);
        return store.contents().compose(contents -> {
            int waiting = contents.counts().values().stream().mapToInt(Waiting::messages).sum();
            if (waiting > 0) {
                LOG.info("Mailboxes hold {} message(s) for {} user(s); they are delivered when their users log in",
                        waiting, contents.counts().size());
            }
            AtomicLong lastSeq = new AtomicLong(contents.lastSeq());
            MailboxCounts tally = new MailboxCounts();
            List<Map<String, Waiting>> counts = split(contents.counts(), count);
            List<List<MailboxStore.UserId>> newest = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                newest.add(new ArrayList<>());
            }
            contents.newest().forEach(message -> newest.get(indexOf(message.user(), count)).add(message));
            List<MailboxShard> shards = new ArrayList<>();
            List<Future<String>> deployed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                MailboxShard shard = new MailboxShard(bus.mailboxShard(i), store.shard(), limits, receipts, lastSeq,
                        counts.get(i), newest.get(i), tally);
                shards.add(shard);
                deployed.add(vertx.deployVerticle(shard));
            }
            return Future.all(deployed).map(all -> new Mailboxes(vertx, bus, store, limits, shards,
                    deployed.stream().map(Future::result).toList(), tally));
        });
    }

    /** What the mailboxes stored and passed on since the node started. */
    public MailboxCounts counts() {
        return tally;
    }

    public Future<Void> stop() {
        vertx.cancelTimer(sweepTimer);
        return Future.join(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
    }

    private MailboxShard shard(String user) {
        return shards.get(indexOf(user, shards.size()));
    }

    private static int indexOf(String user, int count) {
        return Math.floorMod(user.hashCode(), count);
    }

    private static List<Map<String, Waiting>> split(Map<String, Waiting> byUser, int count) {
        List<Map<String, Waiting>> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(new HashMap<>());
        }
        byUser.forEach((user, n) -> parts.get(indexOf(user, count)).put(user, n));
        return parts;
    }

    /**
     * Stores a message for {@code user} (a name of this node). Resolves, once the message is safe,
     * with the number of sessions it was handed to; fails with {@link MailboxFullException} if the
     * mailbox is full, and the message is then not stored.
     */
    public Future<Integer> deposit(String user, String id, String sender, String recipient, long sentAt, byte[] body) {
        return shard(user).deposit(user, id, sender, recipient, sentAt, body);
    }

    /**
     * Hands a message to the user's sessions without storing it when they all read live, else
     * stores it (see {@link MailboxShard#pass}). Used for pieces of files, which are large and are
     * read at once by a recipient who is online. Resolves with what became of it.
     */
    public Future<Handed> pass(String user, String id, String sender, String recipient, long sentAt, byte[] body) {
        return shard(user).pass(user, id, sender, recipient, sentAt, body);
    }

    /**
     * Stores one message for several users of this node (a group's members, the sender left out).
     * Users whose mailbox is full go without it; the others still get it.
     *
     * @return once it is safe for all: the number of sessions it was handed to
     */
    public Future<Integer> depositAll(List<String> users, String id, String sender, String recipient, long sentAt,
                                      byte[] body) {
        byte[] frame = MailboxShard.frame(new MailboxStore.Stored(0, id, sender, recipient, sentAt, body));
        Map<MailboxShard, List<String>> byShard = new HashMap<>();
        for (String user : users) {
            byShard.computeIfAbsent(shard(user), s -> new ArrayList<>()).add(user);
        }
        List<Future<Integer>> stored = new ArrayList<>();
        byShard.forEach((shard, theirs) -> stored.add(shard.depositAll(theirs, id, sender, recipient, sentAt, body,
                frame)));
        return Future.all(stored).map(all -> stored.stream().mapToInt(Future::result).sum());
    }

    /** A session logged in: it gets its backlog, then live messages. */
    public void opened(Session session) {
        shard(session.user().name()).opened(session);
    }

    public void closed(Session session) {
        shard(session.user().name()).closed(session);
    }

    /** {@code session}'s client has these messages: they leave the mailbox and their senders hear "delivered". */
    public void acknowledged(Session session, List<String> ids) {
        shard(session.user().name()).acknowledged(session, ids);
    }

    /** The user's account is gone: so is what waited for it. */
    public Future<Void> clear(String user) {
        return bus.<Void>ask(bus.mailboxShard(indexOf(user, shards.size())), new MailboxControl.Clear(user));
    }

    /** Messages waiting per user, for operators and tests. */
    public Future<Map<String, Integer>> waiting() {
        List<Future<MailboxControl.Counts>> asked = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            asked.add(bus.ask(bus.mailboxShard(i), new MailboxControl.Count()));
        }
        return Future.all(asked).map(all -> {
            Map<String, Integer> merged = new HashMap<>();
            for (int i = 0; i < shards.size(); i++) {
                all.<MailboxControl.Counts>resultAt(i).byUser().forEach((user, waiting) -> merged.put(user, waiting.messages()));
            }
            return merged;
        });
    }

    private void sweep() {
        store.expire(System.currentTimeMillis() - limits.maxAgeMillis()).onSuccess(removed -> {
            if (removed.isEmpty()) {
                return;
            }
            Map<Integer, List<MailboxStore.Removed>> byShard = new HashMap<>();
            removed.forEach(gone -> byShard.computeIfAbsent(indexOf(gone.user(), shards.size()),
                    i -> new ArrayList<>()).add(gone));
            byShard.forEach((i, gone) -> bus.ask(bus.mailboxShard(i), new MailboxControl.Expired(gone)));
            LOG.info("Dropped {} message(s) that waited longer than {} s for their recipients; their senders were"
                    + " told", removed.size(), limits.maxAgeMillis() / 1000);
        }).compose(ignored -> store.contents()).onSuccess(contents -> {
            List<Map<String, Waiting>> counts = split(contents.counts(), shards.size());
            for (int i = 0; i < shards.size(); i++) {
                bus.ask(bus.mailboxShard(i), new MailboxControl.Recount(counts.get(i)));
            }
        });
    }
}
