package org.parley.federation.gossip;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.parley.federation.link.LinkedPeer;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.PinnedKeys;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.GossipDigest;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the directory. This node signs its own entries and pushes each to its links at once;
 * entries learned from a link are checked against the origin's pinned key (on a worker thread),
 * believed only if {@link NodeBelief} says so (in closed federation: configured, or vouched for),
 * applied, and pushed on to the other links. Digests, sent when a link comes up and every few
 * seconds after, repair whatever pushes missed. Runs on the federation context; its links are
 * {@link LinkedPeer}s and its clock and threads a {@link GossipScheduler}, so that tests run it over
 * an in-memory network on a virtual clock.
 */
public final class GossipEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GossipEngine.class);
    /** Entries per delta frame, well inside the link's frame limit. */
    private static final int ENTRIES_PER_DELTA = DirectoryQuotas.ENTRIES_PER_DELTA;
    private static final long QUOTA_LOG_PERIOD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final GossipScheduler scheduler;
    private final NodeIdentity self;
    private final Directory directory;
    private final PinnedKeys pins;
    private final VersionClock clock;
    private final long nodeExpiryMillis;
    private final Supplier<? extends Map<String, ? extends LinkedPeer>> links;
    private final Consumer<List<Directory.Change>> onChanges;
    private final Map<String, String> vouches;
    private final NodeBelief belief;
    private final AwaitingVouch awaitingVouch = new AwaitingVouch();
    /**
     * Keys of origins not pinned yet, from records verified but not yet applied. Deltas are verified in
     * order on a worker while the context applies earlier ones, so a delta of entries that follows its
     * origin's first record is checked with that record's key, not refused for having none.
     */
    private final Map<String, byte[]> keysBeingApplied = new java.util.concurrent.ConcurrentHashMap<>();
    private final DirectoryQuotas quotas;
    /** Per link, what it may still send: checked before any signature is, so a flood costs little. */
    private final Map<LinkedPeer, TokenBucket> buckets = new java.util.HashMap<>();
    private final QuotaLog quotaLog = new QuotaLog(QUOTA_LOG_PERIOD_NANOS);
    private final PacedDeltas outgoing;
    private final long startedAtMillis;
    private long epoch;
    /**
     * Per link and origin: the highest version already sent, and when. A link is reliable and in
     * order, so what was sent arrives; digests that lag behind it (the peer is still checking what
     * it got) need no resend, unless the peer has made no progress for a while (it refused a delta).
     */
    private final Map<LinkedPeer, Map<String, Sent>> sent = new java.util.HashMap<>();

    /** Entries newer than {@code from}, up to {@code upTo}, left on a link at {@code atNanos}. */
    private record Sent(long from, long upTo, long atNanos) {
    }

    /** Per link and origin: when the peer last had all of the origin's entries again on asking (a digest at -1). */
    private final Map<LinkedPeer, Map<String, Long>> offeredAgain = new java.util.HashMap<>();

    /** How long entries sent on a link count as on their way, before a lagging digest has them sent again. */
    static final long RESEND_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    /**
     * @param scheduler its clock, its context and its thread for signatures
     * @param links     the links that are up, by peer name
     * @param onChanges told of every change to the directory, this node's own included
     * @param vouches   the nodes this node vouches for in its record, with their key fingerprints; read
     *                  each time the record is published
     * @param quotas    how much each link may send (the cap per origin is the directory's own)
     * @param belief    whose entries this node believes
     */
    public GossipEngine(GossipScheduler scheduler, NodeIdentity self, Directory directory, PinnedKeys pins,
                        long nodeExpiryMillis, Supplier<? extends Map<String, ? extends LinkedPeer>> links,
                        Consumer<List<Directory.Change>> onChanges, Map<String, String> vouches,
                        DirectoryQuotas quotas, NodeBelief belief) {
        this.vouches = vouches; // read at each publication: the operator may change the peers while the node runs
        this.belief = belief;
        this.quotas = quotas;
        this.outgoing = new PacedDeltas(scheduler);
        this.scheduler = scheduler;
        this.clock = new VersionClock(scheduler::currentTimeMillis);
        this.startedAtMillis = scheduler.currentTimeMillis();
        this.self = self;
        this.directory = directory;
        this.pins = pins;
        this.nodeExpiryMillis = nodeExpiryMillis;
        this.links = links;
        this.onChanges = onChanges;
    }

    /**
     * Issues what this node holds when it starts: its record (whose version fixes the epoch of this
     * run) and an entry for each user. A node may have many accounts, so they are signed on a worker;
     * call this before any link is up.
     */
    public Future<Void> start(List<UserRecord> users) {
        return scheduler.offLoop(() -> {
            List<Directory.Held> own = new ArrayList<>();
            long first = clock.next();
            own.add(signed(DirectoryEntry.ofNode(nodeRecord(List.of(), first), first)));
            for (UserRecord user : users) {
                own.add(signed(DirectoryEntry.ofUser(self.name(), user, clock.next())));
            }
            return own;
        }).map(own -> {
            epoch = own.get(0).entry().version();
            onChanges.accept(own.stream().map(directory::putOwn).toList());
            return null;
        });
    }

    /** The version of this run's first entry (µs); known once {@link #start} has resolved. */
    public long epoch() {
        return epoch;
    }

    /** Re-issues this node's record, with the links it has now. */
    public void publishNode(List<String> myLinks) {
        long version = clock.next();
        publish(DirectoryEntry.ofNode(nodeRecord(myLinks, epoch), version));
    }

    private NodeRecord nodeRecord(List<String> myLinks, long runEpoch) {
        return new NodeRecord(self.name(), Base64Key.encode(self.publicKey()),
                Base64Key.encode(self.agreementPublic()), myLinks.stream().sorted().toList(), vouches, runEpoch);
    }

    private Directory.Held signed(DirectoryEntry entry) {
        return new Directory.Held(entry, EntrySigner.sign(self, entry));
    }

    public void publishUser(UserRecord user) {
        publish(DirectoryEntry.ofUser(self.name(), user, clock.next()));
    }

    public void removeUser(String name) {
        publish(DirectoryEntry.removedUser(self.name(), name, clock.next()));
    }

    public void publishGroup(GroupRecord group) {
        publish(DirectoryEntry.ofGroup(self.name(), group, clock.next()));
    }

    public void removeGroup(String name) {
        publish(DirectoryEntry.removedGroup(self.name(), name, clock.next()));
    }

    public void publishVideo(VideoRecord video) {
        publish(DirectoryEntry.ofVideo(self.name(), video, clock.next()));
    }

    public void removeVideo(String name) {
        publish(DirectoryEntry.removedVideo(self.name(), name, clock.next()));
    }

    private void publish(DirectoryEntry entry) {
        long before = directory.versionOf(self.name());
        Directory.Change change = directory.putOwn(signed(entry));
        onChanges.accept(List.of(change));
        pushNewer(self.name(), before, null);
    }

    /** Stops checking signatures: the federation is stopping. */
    public Future<Void> close() {
        return scheduler.close();
    }

    /** A link closed: what was sent on it no longer counts. */
    public void forget(LinkedPeer link) {
        sent.remove(link);
        offeredAgain.remove(link);
        buckets.remove(link);
        outgoing.forget(link);
    }

    /** Sends this node's digest on a link (when it comes up, and periodically). */
    public void sendDigest(LinkedPeer link) {
        link.send(new GossipDigest(awaitingVouch.askingIn(directory.digest(), scheduler.nanoTime())));
    }

    public void sendDigests() {
        links.get().values().forEach(this::sendDigest);
        quotaLog.flush(scheduler.nanoTime()); // periodic, like the digests: sums up refusals once their period is over
    }

    /**
     * Sends the peer what it lacks. What this node lacks it learns from the peer's answer to its own
     * digest (both sides send one when a link comes up, and every few seconds after).
     */
    public void onDigest(LinkedPeer link, GossipDigest digest) {
        Map<String, Long> versions = directory.digest();
        for (String origin : vouchOrder(versions.keySet())) {
            long held = versions.get(origin);
            long theirs = digest.versions().getOrDefault(origin, 0L);
            if (theirs < 0) {
                // It refused what was sent (no vouch for the origin yet) and has one now: all again, but
                // once per resend period, or a peer could have this node send it everything on every digest.
                Map<String, Long> asked = offeredAgain.computeIfAbsent(link, l -> new java.util.HashMap<>());
                Long last = asked.get(origin);
                long now = scheduler.nanoTime();
                if (last == null || now - last >= RESEND_AFTER_NANOS) {
                    asked.put(origin, now);
                    sent.getOrDefault(link, Map.of()).remove(origin);
                }
                theirs = 0;
            }
            if (held > theirs) {
                sendNewer(link, origin, theirs);
            }
        }
    }

    /**
     * {@code origins} in an order in which a peer that trusts this node can believe each as it
     * arrives: this node, then every node after a node that vouches for it, then the rest.
     */
    private List<String> vouchOrder(java.util.Set<String> origins) {
        java.util.Set<String> order = new java.util.LinkedHashSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(List.of(self.name()));
        while (!next.isEmpty()) {
            String origin = next.poll();
            if (origins.contains(origin) && order.add(origin)) {
                directory.node(origin).ifPresent(record -> next.addAll(record.vouches().keySet()));
            }
        }
        order.addAll(origins);
        return List.copyOf(order);
    }

    public void onDelta(LinkedPeer link, GossipDelta delta) {
        String peer = link.peerName();
        int count = delta.entries().size();
        long now = scheduler.nanoTime();
        // Quotas before signatures: what a link sends past them costs a decode, not a verification.
        if (count > quotas.maxEntriesPerDelta()) {
            quotaLog.refused(peer, delta.origin(), QuotaLog.Quota.PER_DELTA, quotas.maxEntriesPerDelta(), count, now);
            return;
        }
        if (!buckets.computeIfAbsent(link, l -> new TokenBucket(quotas.entriesPerSecond(), quotas.entriesBurst(), now))
                .tryTake(count, now)) {
            // Refused whole, so what this node holds of the origin does not move: a later delta of the
            // same push is a gap, and anti-entropy asks again for what lies between.
            quotaLog.refused(peer, delta.origin(), QuotaLog.Quota.PER_LINK_RATE, quotas.entriesPerSecond(), count, now);
            return;
        }
        scheduler.offLoop(() -> verify(delta)).onComplete(checked -> {
            if (checked.failed()) {
                if (checked.cause() instanceof NoKeyYet && delta.from() > directory.versionOf(delta.origin())) {
                    // A push of news about a node this one does not hold yet: a gap, which the digest fills
                    // (the sender answers with the node's record first).
                    LOG.debug("Gossip from node {} about node {} starts past what is held; asking for it", peer,
                            delta.origin());
                    sendDigest(link);
                    return;
                }
                LOG.warn("Refused gossip from node {} about node {}: {}", peer, delta.origin(),
                        checked.cause().getMessage());
                return;
            }
            Verified verified = checked.result();
            if (verified.newKey != null) {
                keysBeingApplied.remove(delta.origin(), verified.newKey);
            }
            if (delta.origin().equals(self.name())) {
                return; // this node is the authority on itself, and its name is no one else's to pin
            }
            NodeBelief.Verdict believed = belief.check(delta.origin(), verified.key);
            if (believed instanceof NodeBelief.Verdict.Refused refused) {
                LOG.warn("Refused gossip from node {} about node {}: {}", peer, delta.origin(), refused.why());
                awaitingVouch.refused(delta.origin());
                return;
            }
            if (verified.newKey != null) {
                PinnedKeys.Verdict pin = pins.check(delta.origin(), verified.newKey);
                if (pin instanceof PinnedKeys.Verdict.New) {
                    pins.pin(delta.origin(), verified.newKey, "in gossip from node " + peer + ", "
                            + ((NodeBelief.Verdict.Believed) believed).how());
                } else if (pin instanceof PinnedKeys.Verdict.Changed changed) {
                    LOG.warn("Refused gossip from node {} about node {}: it signs with key {}, but {} was pinned"
                            + " for it meanwhile", peer, delta.origin(), changed.presented(), changed.expected());
                    return;
                }
            }
            long before = directory.versionOf(delta.origin());
            Directory.Outcome outcome = directory.apply(delta.origin(), delta.from(), verified.entries,
                    scheduler.currentTimeMillis() - nodeExpiryMillis);
            if (outcome instanceof Directory.Outcome.Gap) {
                sendDigest(link);
            } else if (outcome instanceof Directory.Outcome.Applied applied) {
                if (applied.overQuota() > 0) {
                    quotaLog.refused(peer, delta.origin(), QuotaLog.Quota.PER_NODE, quotas.maxEntriesPerNode(),
                            applied.overQuota(), scheduler.nanoTime());
                }
                if (!applied.changes().isEmpty()) {
                    awaitingVouch.believed(delta.origin());
                    onChanges.accept(applied.changes());
                    pushNewer(delta.origin(), before, peer);
                    applied.changes().stream().map(Directory.Change::after)
                            .filter(entry -> entry != null && entry.node() != null)
                            .forEach(entry -> onVouches(entry.node()));
                }
            }
        });
    }

    /** A believed node's record arrived: its vouches may let in gossip refused before. */
    private void onVouches(NodeRecord record) {
        belief.contradictions(record).forEach(contradiction -> LOG.warn("{}", contradiction));
        if (awaitingVouch.vouched(record.vouches().keySet(), scheduler.nanoTime())) {
            sendDigests();
        }
    }

    /** Forgets nodes whose record is older than the expiry and that no route reaches. */
    public void forgetExpired(java.util.Set<String> reachable) {
        // A node that was down itself heard from no one meanwhile: after a restart every node it kept
        // gets a whole expiry period to come back before it is forgotten.
        long now = scheduler.currentTimeMillis();
        if (now - startedAtMillis < nodeExpiryMillis) {
            return;
        }
        for (String origin : directory.originsOlderThan(now - nodeExpiryMillis)) {
            if (!reachable.contains(origin)) {
                LOG.info("Forgetting node {} and its users: unheard of for longer than {} s", origin,
                        nodeExpiryMillis / 1000);
                onChanges.accept(directory.forget(origin));
            }
        }
    }

    /** Pushes the entries of {@code origin} newer than {@code from} to every link but {@code except}. */
    private void pushNewer(String origin, long from, String except) {
        for (LinkedPeer link : links.get().values()) {
            if (!link.peerName().equals(except)) {
                sendNewer(link, origin, from);
            }
        }
    }

    private void sendNewer(LinkedPeer link, String origin, long from) {
        Map<String, Sent> onLink = sent.computeIfAbsent(link, l -> new java.util.HashMap<>());
        Sent already = onLink.get(origin);
        long now = scheduler.nanoTime();
        long coveredFrom = from;
        // What was sent still counts if the peer holds enough to apply it (else it answered with a gap).
        if (already != null && already.from() <= from && already.upTo() > from
                && now - already.atNanos() < RESEND_AFTER_NANOS) {
            coveredFrom = already.from();
            from = already.upTo(); // the rest is on its way
        }
        List<Directory.Held> entries = directory.heldNewerThan(origin, from);
        if (entries.isEmpty()) {
            return;
        }
        // Chunks go in order on one link and are applied in order, so each may start where the one
        // before ended; the node record leads the first chunk and may be the newest of all.
        long chunkFrom = from;
        long upTo = from;
        for (int i = 0; i < entries.size(); i += ENTRIES_PER_DELTA) {
            List<Directory.Held> chunk = entries.subList(i, Math.min(entries.size(), i + ENTRIES_PER_DELTA));
            outgoing.send(link, new GossipDelta(origin, chunkFrom,
                    chunk.stream().map(Directory.Held::signed).toList()));
            for (Directory.Held entry : chunk) {
                upTo = Math.max(upTo, entry.entry().version());
            }
            chunkFrom = chunk.get(chunk.size() - 1).entry().version();
        }
        onLink.put(origin, new Sent(coveredFrom, upTo, now));
    }

    /** {@code key} checked every entry; {@code newKey} is it too if no key was pinned for the origin yet. */
    private record Verified(List<Directory.Held> entries, byte[] key, byte[] newKey) {
    }

    /** Runs on a worker: parses, checks the shape of, and verifies every entry of a delta. */
    private Verified verify(GossipDelta delta) throws Exception {
        String origin = delta.origin();
        if (origin == null || delta.entries() == null) {
            throw new GossipRefused("the delta names no origin or carries no entries");
        }
        List<Directory.Held> entries = new ArrayList<>();
        NodeRecord offered = null;
        for (SignedEntry signed : delta.entries()) {
            DirectoryEntry entry;
            try {
                entry = EntrySigner.parse(signed);
            } catch (Exception e) {
                throw new GossipRefused("an entry is not readable: " + e.getMessage());
            }
            if (!origin.equals(entry.origin())) {
                throw new GossipRefused("entry " + entry.key() + " claims origin " + entry.origin()
                        + " inside a delta of " + origin);
            }
            String problem = entry.problem();
            if (problem != null) {
                throw new GossipRefused("entry " + entry.key() + " is malformed: " + problem);
            }
            if (entry.node() != null) {
                offered = entry.node();
            }
            entries.add(new Directory.Held(entry, signed));
        }
        Optional<byte[]> pinned = pins.keyOf(origin);
        byte[] key;
        byte[] newKey = null;
        byte[] beingApplied = keysBeingApplied.get(origin);
        if (pinned.isPresent()) {
            key = pinned.get();
        } else if (offered != null || beingApplied != null) {
            key = offered != null ? Base64Key.decode(offered.key(), Ed25519.KEY_BYTES, "node key") : beingApplied;
            if (pins.check(origin, key) instanceof PinnedKeys.Verdict.Changed changed) {
                throw new GossipRefused("node " + origin + " presents key " + changed.presented() + " but config"
                        + " trusts " + changed.expected());
            }
            newKey = key;
        } else {
            throw new NoKeyYet("no key is known for node " + origin + " and the delta carries none");
        }
        for (Directory.Held held : entries) {
            // The record's key first: a record for a pinned name with another key is named as such, with both keys.
            NodeRecord node = held.entry().node();
            if (node != null && !node.key().equals(Base64Key.encode(key))) {
                throw new GossipRefused("node " + origin + " presents a record with key "
                        + org.parley.protocol.crypto.Fingerprint.of(Base64Key.decode(node.key(), 32, "key"))
                        + " but its pinned key is " + org.parley.protocol.crypto.Fingerprint.of(key)
                        + "; the pin is kept");
            }
            if (!EntrySigner.verify(key, held.signed())) {
                throw new GossipRefused("entry " + held.entry().key() + " is not signed by the key of node "
                        + origin + " (" + org.parley.protocol.crypto.Fingerprint.of(key) + ")");
            }
        }
        if (newKey != null && offered != null) {
            keysBeingApplied.put(origin, newKey);
        }
        return new Verified(entries, key, newKey);
    }

    /** Why a delta was refused; logged, never thrown past this class. */
    private static class GossipRefused extends Exception {
        GossipRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** Refused for want of the origin's key: no record of it is held, pinned, or in the delta. */
    private static final class NoKeyYet extends GossipRefused {
        NoKeyYet(String message) {
            super(message);
        }
    }
}
