package org.parley.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.parley.federation.Federation;
import org.parley.federation.auth.ItemAuthentication;
import org.parley.federation.net.TransportSecurity;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.node.admin.AdminAccess;
import org.parley.node.admin.AdminListener;
import org.parley.node.admin.ConfigReload;
import org.parley.node.admin.Drain;
import org.parley.node.config.ConfigSource;
import org.parley.node.config.NodeConfig;
import org.parley.node.discovery.Discovery;
import org.parley.node.session.SessionRegistry;
import org.parley.node.login.PasswordHasher;
import org.parley.node.store.SqliteDatabase;
import org.parley.node.group.GroupHome;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.metrics.NodeMetrics;
import org.parley.node.metrics.Readiness;
import org.parley.node.media.VideoLibrary;
import org.parley.node.voice.VoiceRelay;
import org.parley.node.voice.VoiceTimings;
import org.parley.node.web.WebRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: wires the store, the federation, the session registry and the handlers together
 * and deploys one client listener per event loop.
 */
public final class Node {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final Vertx vertx;
    private final NodeConfig config;
    private final TransportSecurity security;
    private final SqliteDatabase db;
    private final Federation federation;
    private final String deployment;
    private final ClientListenerVerticle.Ports ports;
    private final long presenceTimer;
    private final Mailboxes mailboxes;
    private final GroupHome groups;
    private final VideoLibrary videos;
    private final VoiceRelay voice;
    private final Discovery discovery;
    private final Readiness readiness;
    private final Drain drain;
    private final Promise<Void> stopped = Promise.promise();
    /** The stop under way, once one was asked for: stopping twice is stopping once. */
    private Future<Void> stopping;
    /** The admin channel, set once it listens (the last step of starting). */
    private AdminListener admin;
    private AdminAccess adminAccess;
    private ConfigReload reload;

    Node(Vertx vertx, NodeConfig config, TransportSecurity security, SqliteDatabase db, Federation federation,
                 Mailboxes mailboxes, GroupHome groups, VideoLibrary videos, VoiceRelay voice, Discovery discovery,
                 String deployment, ClientListenerVerticle.Ports ports, long presenceTimer, Readiness readiness,
                 AtomicBoolean draining, SessionRegistry registry) {
        this.discovery = discovery;
        this.readiness = readiness;
        this.drain = new Drain(vertx, config.name(), draining, registry, federation, this::stop);
        this.videos = videos;
        this.voice = voice;
        this.mailboxes = mailboxes;
        this.groups = groups;
        this.vertx = vertx;
        this.config = config;
        this.security = security;
        this.db = db;
        this.federation = federation;
        this.deployment = deployment;
        this.ports = ports;
        this.presenceTimer = presenceTimer;
    }

    /** Opens the store, joins the network and starts listening; fails if a folder or port cannot be had. */
    public static Future<Node> start(Vertx vertx, NodeConfig config) {
        return start(vertx, config, PasswordHasher.DEFAULT);
    }

    static Future<Node> start(Vertx vertx, NodeConfig config, PasswordHasher hasher) {
        return start(vertx, ConfigSource.fixed(config), config, hasher, NodeMetrics.create());
    }

    /**
     * As {@link #start(Vertx, NodeConfig)}, counting into {@code metrics}: those whose
     * {@link NodeMetrics#vertx} made {@code vertx} show Vert.x's own meters beside the node's.
     */
    public static Future<Node> start(Vertx vertx, NodeConfig config, NodeMetrics metrics) {
        return start(vertx, ConfigSource.fixed(config), config, PasswordHasher.DEFAULT, metrics);
    }

    /**
     * Starts a node from {@code source}, which a reload ({@code parley-node admin reload}, SIGHUP) reads
     * again: the config file under the command line's flags, say.
     */
    public static Future<Node> start(Vertx vertx, ConfigSource source) {
        return start(vertx, source, NodeMetrics.create());
    }

    /** As {@link #start(Vertx, ConfigSource)}, counting into {@code metrics}. */
    public static Future<Node> start(Vertx vertx, ConfigSource source, NodeMetrics metrics) {
        NodeConfig config;
        try {
            config = source.read();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return start(vertx, source, config, PasswordHasher.DEFAULT, metrics);
    }

    static Future<Node> start(Vertx vertx, ConfigSource source, NodeConfig config, PasswordHasher hasher) {
        return start(vertx, source, config, hasher, NodeMetrics.create());
    }

    static Future<Node> start(Vertx vertx, ConfigSource source, NodeConfig config, PasswordHasher hasher,
                              NodeMetrics metrics) {
        return new NodeStartup(vertx, config, hasher, ItemAuthentication.PAIR_KEYS, null, VoiceTimings.DEFAULT,
                metrics, source).run()
                .onSuccess(Node::logStarted);
    }

    /**
     * As {@link #start(Vertx, NodeConfig)}, serving {@code library} instead of the media folder's: for
     * tests of streaming, whose libraries need not be real video.
     */
    public static Future<Node> start(Vertx vertx, NodeConfig config, PasswordHasher hasher, VideoLibrary library) {
        return new NodeStartup(vertx, config, hasher, ItemAuthentication.PAIR_KEYS, library, VoiceTimings.DEFAULT,
                NodeMetrics.create(), ConfigSource.fixed(config)).run()
                .onSuccess(Node::logStarted);
    }

    /**
     * Starts a node whose voice rooms keep other times than {@link VoiceTimings#DEFAULT}: for tests, which
     * cannot wait 15 s for a silent participant to drop out.
     */
    public static Future<Node> start(Vertx vertx, NodeConfig config, VoiceTimings voiceTimings) {
        return new NodeStartup(vertx, config, PasswordHasher.DEFAULT, ItemAuthentication.PAIR_KEYS, null,
                voiceTimings, NodeMetrics.create(), ConfigSource.fixed(config)).run()
                .onSuccess(Node::logStarted);
    }

    /**
     * Starts a node whose items to other nodes are sealed and checked by {@code authentication}
     * instead of the pair keys every node uses. Only for a benchmark that measures what
     * authentication costs: such a node cannot talk to a real one, whose checks its items fail.
     */
    public static Future<Node> startAuthenticatingWith(Vertx vertx, NodeConfig config,
                                                       ItemAuthentication.Maker authentication) {
        LOG.warn("Node {} starts with its items to other nodes sealed and checked otherwise than by pair keys:"
                + " a benchmark's node, which real nodes will not believe", config.name());
        return new NodeStartup(vertx, config, PasswordHasher.DEFAULT, authentication, null, VoiceTimings.DEFAULT,
                NodeMetrics.create(), ConfigSource.fixed(config)).run()
                .onSuccess(Node::logStarted);
    }

    private void logStarted() {
        LOG.info("Node {} listening for clients on {}:{}, for web clients on {} ({}) and for voice on {}:{} (UDP),"
                + " with {} event loop(s); data in {}", config.name(), config.network().host(), ports.client(), webUrl(),
                webSocketUrl(), config.network().host(), voice.port(), config.network().eventLoops(),
                config.storage().dataDir().toAbsolutePath());
    }

    /** The client port actually bound (useful when the config asked for 0). */
    public int port() {
        return ports.client();
    }

    /** The web port actually bound: HTTPS, and the WebSocket web clients use. */
    public int webPort() {
        return ports.web();
    }

    /** Where a browser finds this node: {@code https://host:port} (http without TLS). */
    public String webUrl() {
        return (security instanceof TransportSecurity.Plaintext ? "http" : "https") + "://" + config.network().host() + ":"
                + ports.web();
    }

    /** Where web clients open their WebSocket: {@code wss://host:port/ws} (ws without TLS). */
    public String webSocketUrl() {
        return (security instanceof TransportSecurity.Plaintext ? "ws" : "wss") + "://" + config.network().host() + ":"
                + ports.web() + WebRequests.WEBSOCKET_PATH;
    }

    /** How clients and links are protected: TLS with which certificate, or plaintext. */
    public TransportSecurity security() {
        return security;
    }

    /** The voice port actually bound (UDP): clients' datagrams and other nodes' alike. */
    public int voicePort() {
        return voice.port();
    }

    /** The node's voice rooms and relay: its port, and the datagrams it dropped. */
    public VoiceRelay voice() {
        return voice;
    }

    /** The S2S port actually bound. */
    public int s2sPort() {
        return federation.s2sPort();
    }

    public String name() {
        return config.name();
    }

    /** This node's part in the network: links, directory, routes. */
    /** What waits for this node's users. */
    public Mailboxes mailboxes() {
        return mailboxes;
    }

    public Federation federation() {
        return federation;
    }

    /** The videos this node serves from its media folder (none without one). */
    public VideoLibrary videoLibrary() {
        return videos;
    }

    /** The node's part on the LAN: {@link Discovery.Off} unless discovery is on. */
    public Discovery discovery() {
        return discovery;
    }

    /** The admin channel is listening: what {@link #stop} closes, {@link #reload} applies. */
    Node administeredBy(AdminListener listener, AdminAccess access, ConfigReload configReload) {
        this.admin = listener;
        this.adminAccess = access;
        this.reload = configReload;
        return this;
    }

    /** How {@code parley-node admin} reaches this node: what {@code DATA/admin.json} holds. */
    public AdminAccess adminAccess() {
        return adminAccess;
    }

    /**
     * Reads the config again and applies its limits, peers, registration and certificate; resolves to
     * what changed, in words. {@code who} asked (an operator's name, {@code SIGHUP}), for the log.
     */
    public Future<List<String>> reload(String who) {
        return reload.reload(who);
    }

    /**
     * Stops gracefully: no new logins or links, clients told goodbye, outboxes given up to
     * {@code boundMillis} to reach the other nodes, then {@link #stop}. Resolves once stopped.
     */
    public Future<Void> drain(String who, long boundMillis) {
        return drain.run(who, boundMillis);
    }

    /** Completes once the node has stopped, however it was asked to. */
    public Future<Void> whenStopped() {
        return stopped.future();
    }

    /**
     * Withdraws its LAN announcement, closes every client connection and node link, stops listening
     * and closes the store.
     */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            stopping = stopParts().onComplete(stopped);
        }
        return stopping;
    }

    private Future<Void> stopParts() {
        readiness.stopping();
        vertx.cancelTimer(presenceTimer);
        videos.close();
        Future<Void> adminStopped = admin == null ? Future.succeededFuture() : admin.stop();
        return adminStopped.transform(ignored -> discovery.close())
                .transform(ignored -> vertx.undeploy(deployment))
                .transform(ignored -> vertx.undeploy(voice.deploymentID()))
                .transform(ignored -> vertx.undeploy(federation.deploymentID()))
                .transform(ignored -> vertx.undeploy(groups.deploymentID()))
                .transform(ignored -> mailboxes.stop())
                .transform(ignored -> db.close())
                .onComplete(ignored -> LOG.info("Node {} stopped", config.name()));
    }
}
