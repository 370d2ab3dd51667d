package org.parley.federation;

import org.parley.federation.wire.EnvelopeKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.auth.FloodSignature;
import org.parley.federation.auth.ItemAuthentication;
import org.parley.federation.auth.OriginRules;
import org.parley.federation.auth.PairKey;
import org.parley.federation.auth.RefusedItems;
import org.parley.federation.bulk.BulkStreams;
import org.parley.federation.bulk.NodeBulkStreams;
import org.parley.federation.delivery.EnvelopeTransport;
import org.parley.federation.delivery.OutboxStore;
import org.parley.federation.delivery.ReceiptBatches;
import org.parley.federation.delivery.StreamManager;
import org.parley.federation.gossip.Directory;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.DirectoryPersistence;
import org.parley.federation.gossip.DirectoryStore;
import org.parley.federation.gossip.GossipEngine;
import org.parley.federation.gossip.GossipScheduler;
import org.parley.federation.gossip.NodeBelief;
import org.parley.federation.gossip.GroupRecord;
import org.parley.federation.gossip.UserRecord;
import org.parley.federation.gossip.VideoRecord;
import org.parley.federation.link.LinkEvents;
import org.parley.federation.link.LinkManager;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.PeerLink;
import org.parley.federation.link.PinStore;
import org.parley.federation.link.PinnedKeys;
import org.parley.federation.net.TransportSecurity;
import org.parley.federation.routing.RoutingTable;
import org.parley.federation.routing.SeenIds;
import org.parley.federation.wire.BulkMessage;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.Flood;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.GossipDigest;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerWire;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.StreamAck;
import org.parley.federation.wire.VoiceHello;
import org.parley.federation.voice.VoiceLinks;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the network: its links, the directory it gossips, the routes it computes,
 * and the streams that carry messages to other nodes. All state lives on this verticle's context;
 * the public methods may be called from any thread.
 */
public final class Federation extends VerticleBase implements LinkEvents, EnvelopeTransport {

    private static final Logger LOG = LoggerFactory.getLogger(Federation.class);
    private static final long GOSSIP_INTERVAL_MILLIS = 2000;
    private static final long STREAM_TICK_MILLIS = 250;
    private static final int STREAM_WINDOW = 20_000;
    private static final int SEEN_FLOODS = 100_000;

    private final FederationConfig config;
    private final NodeIdentity self;
    private final PinStore pinStore;
    private final OutboxStore outbox;
    /** Who takes what arrives: given when the federation opens. */
    private LocalUsers users;
    private List<UserRecord> initialUsers;
    private final Directory directory;
    private final DirectoryPersistence kept;
    private final SeenIds seenFloods = new SeenIds(SEEN_FLOODS);
    private final AtomicLong floodCounter = new AtomicLong();
    /**
     * This run's stream number: its epoch (the version of its first directory entry, in µs) in
     * milliseconds, so that any node holding this node's record can tell an envelope of an earlier
     * run (a replay) from one of this run. Set once the epoch is known, before any link is up.
     */
    private long incarnation;
    private volatile RoutingTable routes = RoutingTable.empty();
    private final RefusedItems refused = new RefusedItems();
    /** Streams between this node and its linked peers, behind chat on each link; there from the start. */
    private final NodeBulkStreams bulk;
    /** Voice between this node and its linked peers, over UDP with keys agreed on each link. */
    private final VoiceLinks voice = new VoiceLinks();
    /** This node's voice port, given when the federation opens; 0: it carries no voice. */
    private int voicePort;
    /**
     * One thread signs and checks broadcasts, in the order they come. Not the context's ordered queue
     * ({@code executeBlocking(..., true)}), which every blocking task of this context (the outbox's
     * commits among them) waits in.
     */
    private io.vertx.core.WorkerExecutor floodCrypto;
    private PinnedKeys pins;
    private ItemAuthentication auth;
    private final ItemAuthentication.Maker authentication;
    private LinkManager links;
    private GossipEngine gossip;
    private StreamManager streams;
    private ReceiptBatches receipts;
    private int s2sPort;
    private final List<Long> timers = new ArrayList<>();
    /** Every node linked since the start, so a link that went down still shows, as down. Context only. */
    private final java.util.Set<String> everLinked = new java.util.TreeSet<>();
    /**
     * The peers this node trusts by name, with their fingerprints: the config's peerFingerprints, then as
     * the operator adds and removes peers while the node runs. The trust rules read it live.
     */
    private final Map<String, String> trustedPeers = new ConcurrentHashMap<>();

    private Federation(Vertx vertx, FederationConfig config, NodeIdentity self, Directory directory,
                       DirectoryStore directoryStore, PinStore pinStore, OutboxStore outbox,
                       ItemAuthentication.Maker authentication) {
        this.authentication = authentication;
        this.kept = new DirectoryPersistence(vertx, config.name(), directory, directoryStore);
        this.config = config;
        this.self = self;
        this.pinStore = pinStore;
        this.outbox = outbox;
        this.directory = directory;
        this.bulk = new NodeBulkStreams(config.name(), config.bulk());
    }

    /**
     * A federation not open yet: the node's parts that send through it can hold it from the start,
     * while those that take what arrives (which need those parts) are built; {@link #open} then
     * joins the network. Nothing may be sent before it opened.
     *
     * @param directory      an empty directory for this node, which the federation keeps up to date
     * @param directoryStore where the directory of other nodes is kept across restarts; read before any
     *                       link comes up
     */
    public static Federation create(Vertx vertx, FederationConfig config, NodeIdentity self, Directory directory,
                                    DirectoryStore directoryStore, PinStore pinStore, OutboxStore outbox) {
        return create(vertx, config, self, directory, directoryStore, pinStore, outbox, ItemAuthentication.PAIR_KEYS);
    }

    /**
     * As {@link #create(Vertx, FederationConfig, NodeIdentity, Directory, DirectoryStore, PinStore, OutboxStore)},
     * sealing and checking items with {@code authentication}: a benchmark's way to measure what
     * {@link ItemAuthentication#PAIR_KEYS} costs.
     */
    public static Federation create(Vertx vertx, FederationConfig config, NodeIdentity self, Directory directory,
                                    DirectoryStore directoryStore, PinStore pinStore, OutboxStore outbox,
                                    ItemAuthentication.Maker authentication) {
        return new Federation(vertx, config, self, directory, directoryStore, pinStore, outbox, authentication);
    }

    /**
     * Starts listening on the S2S port and dialling peers; resolves once listening.
     *
     * @param users        who takes what arrives for this node's users
     * @param initialUsers this node's users as it starts, published before any link comes up
     */
    public Future<Federation> open(Vertx vertx, LocalUsers users, List<UserRecord> initialUsers) {
        return open(vertx, users, initialUsers, 0);
    }

    /**
     * As {@link #open(Vertx, LocalUsers, List)}, for a node that carries voice: each link, once up,
     * agrees a voice path with its peer ({@link #voice()}) for datagrams to and from {@code voicePort}.
     *
     * @param voicePort this node's voice port (UDP), bound already; 0 for none
     */
    public Future<Federation> open(Vertx vertx, LocalUsers users, List<UserRecord> initialUsers, int voicePort) {
        if (this.users != null) {
            return Future.failedFuture(new IllegalStateException("federation of " + config.name() + " is open already"));
        }
        this.users = users;
        this.voicePort = voicePort;
        this.initialUsers = List.copyOf(initialUsers);
        return vertx.deployVerticle(this).map(id -> this);
    }

    @Override
    public Future<?> start() {
        trustedPeers.putAll(config.peerFingerprints());
        Map<String, String> trusted = Collections.unmodifiableMap(trustedPeers);
        return pinStore.loadAll().compose(pinned -> {
            pins = new PinnedKeys(pinned, trusted, pinStore);
            auth = authentication.make(self, directory::node);
            floodCrypto = vertx.createSharedWorkerExecutor("parley-floods-" + config.name() + "-"
                    + System.identityHashCode(this), 1);
            links = new LinkManager(vertx, context, config, self, pins, trusted, this);
            gossip = new GossipEngine(GossipScheduler.onVertx(vertx, config.name()), self, directory, pins,
                    1000L * config.nodeExpirySeconds(), links::up, this::onDirectoryChanges, trusted,
                    config.directoryQuotas(),
                    new NodeBelief(config.name(), config.federation(), trusted, directory, pins));
            return kept.load();
        }).compose(restored -> gossip.start(initialUsers)).compose(published -> {
            incarnation = gossip.epoch() / 1000;
            streams = new StreamManager(context, config.name(), incarnation, outbox, this, users, config.maxHops(),
                    STREAM_WINDOW, config.maxOutbox(), config.maxOutboxBytes(), auth);
            receipts = new ReceiptBatches(context, config.name(), incarnation, streams);
            return streams.load();
        }).compose(loaded -> links.start()).onSuccess(port -> {
            s2sPort = port;
            timers.add(vertx.setPeriodic(GOSSIP_INTERVAL_MILLIS, id -> gossip.sendDigests()));
            timers.add(vertx.setPeriodic(STREAM_TICK_MILLIS, id -> streams.tick()));
            long refresh = Math.max(1000, 1000L * config.nodeExpirySeconds() / 3);
            timers.add(vertx.setPeriodic(refresh, id -> {
                gossip.publishNode(List.copyOf(links.up().keySet()));
                gossip.forgetExpired(routes.reachable());
            }));
            LOG.info("Node {} listening for nodes on {}:{}; key {}; peers to dial: {}", config.name(), config.host(),
                    port, self.fingerprint(), config.peers().isEmpty() ? "none" : config.peers());
            logTrust();
        });
    }

    /** Says whom this node links with, so that an operator sees the choice and what follows from it. */
    private void logTrust() {
        if (config.federation() == FederationMode.OPEN) {
            LOG.warn("Federation is OPEN on node {} (chosen in config): any node may link with it, and a node seen"
                    + " for the first time is trusted with whatever key it presents; set \"federation\": \"closed\""
                    + " and list the peers in peerFingerprints to choose whom it links with", config.name());
        } else if (config.peerFingerprints().isEmpty() && !config.peers().isEmpty()) {
            LOG.warn("Federation is closed on node {} and peerFingerprints is empty: it links with no node, so every"
                    + " dial of {} will be refused; add each peer's name and the fingerprint `parley-node fingerprint`"
                    + " prints on its machine", config.name(), config.peers());
        } else if (config.peerFingerprints().isEmpty()) {
            LOG.info("Federation is closed on node {} and peerFingerprints is empty: it links with no node",
                    config.name());
        } else {
            LOG.info("Federation is closed on node {}: it links only with {} and believes other nodes when one of"
                    + " these vouches for them", config.name(), new java.util.TreeMap<>(config.peerFingerprints()).keySet());
        }
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        Future<Void> linksStopped = links == null ? Future.succeededFuture() : links.stop();
        return linksStopped.transform(stopped -> kept.flush())
                .transform(flushed -> gossip == null ? Future.succeededFuture() : gossip.close())
                .transform(closed -> floodCrypto == null ? Future.succeededFuture() : floodCrypto.close());
    }

    /**
     * Items from other nodes dropped because they could not be authenticated to their origin (no
     * valid tag or signature) or broke its hop bounds, since this node started: each is also logged
     * with the link it came on.
     */
    public long refusedItems() {
        return refused.count();
    }

    /**
     * Bulk streams to and from the nodes this node is linked with (files, video): acceptors may be
     * set before the federation opens; streams open once a link is up.
     */
    public BulkStreams bulk() {
        return bulk;
    }

    /**
     * The key that authenticates what this node sends {@code node} other than envelopes (a video
     * stream's header and pieces, which relays pass on); empty while this node holds no record of
     * it. On the federation context only; the key itself may then be used from any thread.
     */
    public Optional<PairKey> itemKeyTo(String node) {
        return auth.keyTo(node);
    }

    /** As {@link #itemKeyTo}, for what {@code node} sends this node. On the federation context only. */
    public Optional<PairKey> itemKeyFrom(String node) {
        return auth.keyFrom(node);
    }

    /** The most hops an item this node sends may take. */
    public int maxHops() {
        return config.maxHops();
    }

    /**
     * The voice paths to the nodes this node is linked with: a path exists once a link is up and its
     * peer's {@code voice-hello} came, and ends with the link.
     */
    public VoiceLinks voice() {
        return voice;
    }

    /** The S2S port bound. */
    public int s2sPort() {
        return s2sPort;
    }

    /** This node's key fingerprint, which other operators may put in their peerFingerprints. */
    public String fingerprint() {
        return self.fingerprint();
    }

    /** The directory, for lookups from any thread. */
    public Directory directory() {
        return directory;
    }

    /** Whether a route reaches {@code node} now (always true of this node). */
    public boolean reaches(String node) {
        return node.equals(config.name()) || routes.reaches(node);
    }

    public RoutingTable routes() {
        return routes;
    }

    /** The peers linked now, read on the federation context. */
    public Future<Set<String>> linkedPeers() {
        return onContext(() -> Set.copyOf(links.up().keySet()));
    }

    /** Messages waiting for each destination, read on the federation context. */
    public Future<Map<String, Integer>> waiting() {
        return onContext(() -> streams.waiting());
    }

    /**
     * Per other node this node has linked with since it started or has envelopes waiting for: whether
     * it is linked, the link's round trip, the outbox's depth. Read on the federation context.
     */
    public Future<List<PeerFigures>> peerFigures() {
        return onContext(() -> {
            Map<String, PeerLink> up = links.up();
            Map<String, Integer> waiting = streams.waiting();
            java.util.SortedSet<String> nodes = new java.util.TreeSet<>(everLinked);
            nodes.addAll(waiting.keySet());
            List<PeerFigures> figures = new ArrayList<>(nodes.size());
            for (String node : nodes) {
                PeerLink link = up.get(node);
                figures.add(new PeerFigures(node, link != null, link == null ? -1 : link.rttNanos(),
                        waiting.getOrDefault(node, 0)));
            }
            return figures;
        });
    }

    /**
     * Each peer as its operator sees it: the links that are up, the dialled addresses whose links are
     * not, and the trusted peers not linked; each with the messages waiting for it. Read on the
     * federation context.
     */
    public Future<List<LinkStatus>> linkStatus() {
        return onContext(() -> {
            Map<String, Integer> waiting = streams.waiting();
            List<LinkStatus> status = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (LinkStatus link : links.status()) {
                status.add(new LinkStatus(link.node(), link.address(), link.state(), link.rttMillis(),
                        link.node() == null ? 0 : waiting.getOrDefault(link.node(), 0)));
                seen.add(link.node());
            }
            new TreeSet<>(trustedPeers.keySet()).stream().filter(node -> !seen.contains(node))
                    .forEach(node -> status.add(new LinkStatus(node, null, LinkState.DOWN, -1,
                            waiting.getOrDefault(node, 0))));
            return status;
        });
    }

    /**
     * Trusts {@code node} with key {@code fingerprint} from now on, as if the config's peerFingerprints
     * named it, and dials {@code address} (null: wait for it to dial). The trust rules apply as to any
     * configured peer: a key pinned for the node before must match. Fails if a different fingerprint
     * is trusted for the node already.
     */
    public Future<Void> addPeer(String node, String fingerprint, PeerAddress address) {
        return onContext(() -> {
            String before = trustedPeers.putIfAbsent(node, fingerprint);
            if (before != null && !before.equals(fingerprint)) {
                throw new IllegalArgumentException("node " + node + " is trusted with key " + before + " already;"
                        + " remove it first to trust another key");
            }
            if (address != null) {
                links.dial(address);
            }
            gossip.publishNode(List.copyOf(links.up().keySet()));
            LOG.info("Node {} now trusts node {} with key {}{}", config.name(), node, fingerprint,
                    address == null ? "" : " and dials it at " + address);
            return null;
        });
    }

    /**
     * Stops trusting {@code node}: its link closes, it is dialled no more, and this node no longer
     * vouches for it. Resolves to false if it was not a trusted peer. Its pinned key stays pinned.
     */
    public Future<Boolean> removePeer(String node) {
        return onContext(() -> {
            boolean was = trustedPeers.remove(node) != null;
            links.forget(node, "node " + config.name() + "'s operator removed it as a peer");
            gossip.publishNode(List.copyOf(links.up().keySet()));
            LOG.info("Node {} no longer trusts node {} as a peer{}", config.name(), node, was ? "" : " (it was not one)");
            return was;
        });
    }

    /** The peers trusted now, with their fingerprints: the config's, changed by {@link #addPeer} and {@link #removePeer}. */
    public Map<String, String> trustedPeers() {
        return Map.copyOf(trustedPeers);
    }

    /**
     * Presents {@code tls}'s certificate on links made from now on (the operator renewed it); links
     * that are up keep theirs.
     */
    public Future<Void> updateCertificate(TransportSecurity.Tls tls) {
        return onContext(() -> links).compose(manager -> manager.updateCertificate(tls));
    }

    /**
     * Takes no new link from now on (the node is draining): links that are up stay up, so that what
     * waits in the outboxes can still go.
     */
    public Future<Void> closeToNewLinks() {
        return onContext(() -> {
            links.closeToNew();
            return null;
        });
    }

    /** Stops dialling {@code address} (the operator removed it from the config) and closes the link dialled there. */
    public void undial(PeerAddress address) {
        context.runOnContext(v -> links.undial(address, "node " + config.name() + "'s operator removed " + address
                + " from its peers"));
    }

    /** Dials one more peer and keeps it linked. */
    public void dial(PeerAddress peer) {
        context.runOnContext(v -> links.dial(peer));
    }

    /** Publishes (or updates) the directory entry of a user of this node. */
    public void publishUser(UserRecord user) {
        context.runOnContext(v -> gossip.publishUser(user));
    }

    /** Lists an open group of this node network-wide, or updates its listing. */
    public void publishGroup(String name, String owner, int members) {
        GroupRecord record = new GroupRecord(name, owner, members);
        context.runOnContext(v -> gossip.publishGroup(record));
    }

    /** Takes a group of this node off the network's list. */
    public void removeGroup(String name) {
        context.runOnContext(v -> gossip.removeGroup(name));
    }

    /** Lists a video of this node's library network-wide, or updates its listing. */
    public void publishVideo(VideoRecord video) {
        context.runOnContext(v -> gossip.publishVideo(video));
    }

    /** Takes a video of this node off the network's list. */
    public void removeVideo(String name) {
        context.runOnContext(v -> gossip.removeVideo(name));
    }

    /** Publishes that a user of this node is gone for good. */
    public void removeUser(String name) {
        context.runOnContext(v -> gossip.removeUser(name));
    }

    /**
     * Sends a direct message to a user of another node. Resolves once the message is stored in the
     * outbox, so it survives a crash; fails with a {@link FederationRefusal} if the network will not
     * take it.
     */
    public Future<Void> sendDirect(UserAddress from, UserAddress to, String id, byte[] body) {
        return sendDirect(from, to, id, body, false);
    }

    /**
     * As {@link #sendDirect(UserAddress, UserAddress, String, byte[])}; with {@code confirmStored},
     * the sender's sessions also hear a {@code stored} receipt once the recipient's node has the
     * message in the recipient's mailbox (see {@link StreamEvents#stored}).
     */
    public Future<Void> sendDirect(UserAddress from, UserAddress to, String id, byte[] body, boolean confirmStored) {
        if (directory.node(to.node()).isEmpty()) {
            return Future.failedFuture(new FederationRefusal(ErrorCode.UNKNOWN_USER, "no user " + to + ": there is"
                    + " no node " + to.node() + " on the network"));
        }
        var recipient = directory.user(to);
        if (recipient.isEmpty()) {
            return Future.failedFuture(new FederationRefusal(ErrorCode.UNKNOWN_USER, "no user " + to));
        }
        return send(to.node(), EnvelopeKind.CHAT, id, from.toString(), to.toString(), null, body, confirmStored);
    }

    /**
     * Sends a durable envelope of {@code kind} to node {@code destination}: a post to a group of that
     * node, or what a group's home sends the nodes of its members. Resolves once it is in the
     * outbox; fails with a {@link FederationRefusal} if the node is unknown or too much waits for it.
     *
     * @param members for the group kinds, the destination's users it is for
     */
    public Future<Void> sendToNode(String destination, EnvelopeKind kind, String id, String from, String to,
                                   List<String> members, byte[] body) {
        return send(destination, kind, id, from, to, members, body, false);
    }

    /**
     * Sends an envelope of {@code kind} to node {@code destination} on the ordered stream to it, but
     * not through the outbox: a request that is worth nothing after a restart (a video to watch now).
     * It is resent while this node runs and the destination has not acknowledged it. Fails with a
     * {@link FederationRefusal} if the node is unknown or too much waits for it.
     */
    public Future<Void> sendTransient(String destination, EnvelopeKind kind, String id, String from, String to,
                                      byte[] body) {
        return send(destination, kind, id, from, to, null, body, false, false);
    }

    private Future<Void> send(String destination, EnvelopeKind kind, String id, String from, String to,
                              List<String> members, byte[] body, boolean confirmStored) {
        return send(destination, kind, id, from, to, members, body, true, confirmStored);
    }

    private Future<Void> send(String destination, EnvelopeKind kind, String id, String from, String to,
                              List<String> members, byte[] body, boolean durable, boolean confirmStored) {
        if (directory.node(destination).isEmpty()) {
            return Future.failedFuture(new FederationRefusal(ErrorCode.UNKNOWN_USER, "there is no node " + destination
                    + " on the network"));
        }
        Envelope envelope = new Envelope(config.name(), destination, 0, 0, 0, 0, kind, id, from, to,
                System.currentTimeMillis(), members == null ? null : List.copyOf(members));
        Promise<Void> stored = Promise.promise();
        context.runOnContext(v -> {
            if (!streams.hasRoomFor(destination, body.length)) {
                stored.fail(new FederationRefusal(ErrorCode.QUEUE_FULL, "too many messages already wait for node "
                        + destination + ", which is unreachable or slow; try again later"));
                return;
            }
            streams.send(envelope, body, durable, confirmStored, stored);
        });
        return stored.future();
    }

    /**
     * Runs {@code work} on the federation context, after everything handed to it before from the
     * same thread: the way for work that must see the streams as they stand (see
     * {@link #unacknowledgedFrom}) and keep its order with sends made there.
     */
    public void execute(Runnable work) {
        context.runOnContext(v -> work.run());
    }

    /**
     * On the federation context only: direct messages from {@code from} to users of node
     * {@code destination} that are in the outbox and not yet acknowledged by that node.
     */
    public int unacknowledgedFrom(UserAddress from, String destination) {
        return streams.unacknowledgedFrom(from.toString(), destination);
    }

    /**
     * Tells the sender of a message, a user of node {@code senderNode}, what became of it at this
     * node: {@code note} names the message, its recipient (a user of this node) and its sender, both
     * qualified, and its status ({@code delivered}, {@code read} or {@code expired}). Receipts travel
     * the ordered stream, after the message, but are not written to the outbox: a receipt lost in a
     * crash costs a tick, not a message. Those for one node that gather in one turn travel in one
     * envelope.
     */
    public void sendReceipt(String senderNode, ReceiptNote note) {
        context.runOnContext(v -> receipts.add(senderNode, note));
    }

    /**
     * Sends a broadcast to every other node; returns how many nodes it is known to reach now (the
     * flood reaches every node connected to this one, each once).
     */
    public int broadcast(UserAddress from, String id, byte[] body) {
        Flood flood = new Flood(config.name() + ":" + incarnation + ":" + floodCounter.incrementAndGet(),
                config.name(), config.maxHops(), id, from.toString(), System.currentTimeMillis(), null);
        // Signing costs tens of microseconds: a worker's job, on one thread, so broadcasts leave in turn.
        context.runOnContext(v -> floodCrypto.executeBlocking(() -> FloodSignature.sign(self, flood, body), false)
                .onSuccess(signed -> {
                    seenFloods.firstTime(signed.floodId());
                    for (PeerLink link : links.up().values()) {
                        link.send(signed, body);
                    }
                }).onFailure(e -> LOG.error("Could not sign broadcast {} of {}; it reached this node only", id, from,
                        e)));
        return routes.reachable().size();
    }

    // ---- links ----

    @Override
    public void onUp(PeerLink link) {
        everLinked.add(link.peerName());
        bulk.linkUp(link, context);
        if (voicePort > 0) {
            link.send(voice.linkUp(link, voicePort));
        }
        gossip.publishNode(List.copyOf(links.up().keySet()));
        gossip.sendDigest(link);
        recomputeRoutes();
    }

    @Override
    public void onClosed(PeerLink link, String reason) {
        gossip.forget(link);
        voice.linkClosed(link);
        bulk.linkClosed(link, reason);
        if (!links.up().containsKey(link.peerName())) { // not a duplicate that lost to a link still up
            gossip.publishNode(List.copyOf(links.up().keySet()));
            recomputeRoutes();
        }
    }

    @Override
    public void onFrame(PeerLink link, Frame<PeerMessage> frame) {
        PeerMessage message = frame.header();
        if (message instanceof Envelope envelope) {
            onEnvelope(link, envelope, frame.body());
        } else if (message instanceof StreamAck ack) {
            onAck(link, ack);
        } else if (message instanceof BulkMessage bulkFrame) {
            bulk.onFrame(link, bulkFrame, frame.body());
        } else if (message instanceof Flood flood) {
            onFlood(link, flood, frame.body());
        } else if (message instanceof GossipDigest digest) {
            gossip.onDigest(link, digest);
        } else if (message instanceof GossipDelta delta) {
            gossip.onDelta(link, delta);
        } else if (message instanceof VoiceHello hello) {
            String problem = voice.hello(link, hello);
            if (problem != null) {
                link.refuse(problem);
            }
        } else {
            link.refuse("sent " + message.getClass().getSimpleName() + " on a link that is up");
        }
    }

    private void onEnvelope(PeerLink link, Envelope envelope, byte[] body) {
        if (envelope.destination() == null || envelope.origin() == null || !OriginRules.hopsInBounds(envelope.hops())) {
            refused.drop(link, "an envelope (" + envelope.id() + ") without origin or destination, or with "
                    + envelope.hops() + " hops");
        } else if (!envelope.destination().equals(config.name())) {
            relay(envelope.destination(), envelope.hops(), envelope.forwarded(), body);
        } else if (!auth.authentic(envelope, body)) {
            refused.drop(link, "envelope " + envelope.id() + " in the name of node " + envelope.origin()
                    + " without that node's valid tag (forged, altered, or its node record is not known here)");
        } else if (fromAnEarlierRun(envelope)) {
            refused.drop(link, "envelope " + envelope.id() + " of node " + envelope.origin() + "'s run "
                    + envelope.stream() + ", which has ended: a replay");
        } else {
            streams.onEnvelope(envelope, body);
        }
    }

    private void onAck(PeerLink link, StreamAck ack) {
        if (ack.destination() == null || ack.origin() == null || !OriginRules.hopsInBounds(ack.hops())) {
            refused.drop(link, "a stream acknowledgement without origin or destination, or with " + ack.hops()
                    + " hops");
        } else if (!ack.destination().equals(config.name())) {
            relay(ack.destination(), ack.hops(), ack.forwarded(), null);
        } else if (!auth.authentic(ack)) {
            refused.drop(link, "an acknowledgement of position " + ack.seq() + " in the name of node "
                    + ack.origin() + " without that node's valid tag; nothing was forgotten");
        } else {
            streams.onAck(ack);
        }
    }

    /**
     * Whether an authentic envelope comes from a run of its origin older than the one its record
     * here announces: a relay holding on to it to replay it after this node restarted.
     */
    private boolean fromAnEarlierRun(Envelope envelope) {
        return directory.node(envelope.origin()).map(record -> envelope.stream() < record.epoch() / 1000)
                .orElse(false);
    }

    /** Passes on an item for another node; its origin resends what is lost here. */
    private void relay(String destination, int hops, PeerMessage next, byte[] body) {
        if (hops <= 1) {
            LOG.debug("Dropped an item for {}: hop limit reached", destination);
        } else if (!sendToward(destination, body == null ? PeerWire.encoder().encode(next)
                : PeerWire.encoder().encode(next, body))) {
            LOG.debug("Dropped an item for {}: no route; its origin will resend it", destination);
        }
    }

    /**
     * A broadcast: delivered and passed on once, and only with its origin's valid signature (checked on
     * a worker), so no node can make one up in another's name or spend another's flood ids.
     */
    private void onFlood(PeerLink from, Flood flood, byte[] body) {
        if (flood.origin() == null || flood.floodId() == null || !OriginRules.hopsInBounds(flood.hops())) {
            refused.drop(from, "a broadcast without origin or id, or with " + flood.hops() + " hops");
            return;
        }
        if (flood.origin().equals(config.name()) || seenFloods.seen(flood.floodId())) {
            return; // our own, or one that came by another path
        }
        byte[] originKey = pins.keyOf(flood.origin()).orElse(null);
        if (originKey == null) {
            refused.drop(from, "broadcast " + flood.floodId() + " from node " + flood.origin()
                    + ", whose key this node does not know");
            return;
        }
        floodCrypto.executeBlocking(() -> FloodSignature.verify(originKey, flood, body), false).onComplete(checked -> {
            if (checked.failed() || !checked.result()) {
                refused.drop(from, "broadcast " + flood.floodId() + " in the name of node " + flood.origin()
                        + " without that node's valid signature");
                return;
            }
            String problem = OriginRules.problem(flood, System.currentTimeMillis());
            if (problem != null) {
                refused.drop(from, "broadcast " + flood.floodId() + " from node " + flood.origin() + ": " + problem);
                return;
            }
            if (!seenFloods.firstTime(flood.floodId())) {
                return;
            }
            users.deliverBroadcast(flood, body);
            if (flood.hops() > 1) {
                Flood next = flood.forwarded();
                for (PeerLink link : links.up().values()) {
                    if (link != from) {
                        link.send(next, body);
                    }
                }
            }
        });
    }

    @Override
    public boolean sendToward(String destination, byte[] frame) {
        String hop = routes.nextHop(destination).orElse(null);
        PeerLink link = hop == null ? null : links.up().get(hop);
        return link != null && link.sendFrame(frame);
    }

    // ---- directory and routes ----

    private void onDirectoryChanges(List<Directory.Change> changes) {
        kept.changed(changes);
        boolean nodesChanged = false;
        for (Directory.Change change : changes) {
            DirectoryEntry entry = change.after() != null ? change.after() : change.before();
            if (entry.node() != null) {
                nodesChanged = true;
                if (change.after() != null && streams != null) {
                    streams.recordKnown(entry.origin());
                }
            } else if (entry.aboutUser() && !entry.origin().equals(config.name()) && routes.reaches(entry.origin())) {
                announce(entry.origin(), change);
            }
        }
        if (nodesChanged) {
            recomputeRoutes();
        }
    }

    private void announce(String origin, Directory.Change change) {
        Presence before = presenceOf(change.before());
        Presence after = presenceOf(change.after());
        if (before != after) {
            String name = (change.after() != null ? change.after() : change.before()).subject();
            users.presenceChanged(new UserAddress(name, origin), after, after == Presence.OFFLINE ? "left" : null);
        }
    }

    private static Presence presenceOf(DirectoryEntry entry) {
        return entry == null || entry.user() == null ? Presence.OFFLINE : entry.user().presence();
    }

    private void recomputeRoutes() {
        RoutingTable before = routes;
        RoutingTable after = RoutingTable.compute(config.name(), links.up().keySet(), directory.nodes());
        if (after.equals(before)) {
            return;
        }
        routes = after;
        LOG.info("Routes now: {}", after.asMap().isEmpty() ? "no other node reachable" : after.asMap());
        Set<String> lost = new HashSet<>(before.reachable());
        lost.removeAll(after.reachable());
        Set<String> gained = new HashSet<>(after.reachable());
        gained.removeAll(before.reachable());
        directory.users().forEach((address, user) -> {
            if (user.presence() != Presence.OFFLINE && lost.contains(address.node())) {
                users.presenceChanged(address, Presence.OFFLINE, "node " + address.node() + " is unreachable");
            } else if (user.presence() != Presence.OFFLINE && gained.contains(address.node())) {
                users.presenceChanged(address, user.presence(), null);
            }
        });
        if (streams != null) { // null while what was kept from the last run is read back, before any link
            streams.onRoutesChanged();
        }
    }

    private <T> Future<T> onContext(java.util.concurrent.Callable<T> read) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                promise.complete(read.call());
            } catch (Exception e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
