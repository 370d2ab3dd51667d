package org.parley.node;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.federation.Federation;
import org.parley.federation.auth.ItemAuthentication;
import org.parley.federation.bulk.BulkPurpose;
import org.parley.node.files.IncomingPieces;
import org.parley.node.files.PieceRouter;
import org.parley.federation.gossip.Directory;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.NodeKeyFile;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.admin.AccountsAdmin;
import org.parley.node.admin.AdminAction;
import org.parley.node.admin.AdminListener;
import org.parley.node.admin.CertificateReload;
import org.parley.node.admin.ConfigReload;
import org.parley.node.admin.LifecycleAdmin;
import org.parley.node.admin.LinksAdmin;
import org.parley.node.admin.RegistrationAdmin;
import org.parley.node.admin.SessionsAdmin;
import org.parley.node.chat.KeysHandler;
import org.parley.node.chat.MessageRouter;
import org.parley.node.chat.NetworkDelivery;
import org.parley.node.chat.PresenceAnnouncer;
import org.parley.node.chat.UserPresence;
import org.parley.node.group.CoMembers;
import org.parley.node.presence.Contacts;
import org.parley.node.presence.PresenceAudience;
import org.parley.node.presence.PresenceBatches;
import org.parley.node.presence.Watches;
import org.parley.node.store.SqliteContactStore;
import org.parley.node.chat.WhoHandler;
import org.parley.node.config.ConfigSource;
import org.parley.node.config.NodeConfig;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.discovery.DiscoveredPeers;
import org.parley.node.discovery.Discovery;
import org.parley.node.discovery.MdnsDiscovery;
import org.parley.node.delivery.SessionsAndNetwork;
import org.parley.node.bus.ControlBus;
import org.parley.node.group.GroupControl;
import org.parley.node.group.GroupEnvelopes;
import org.parley.node.group.GroupHome;
import org.parley.node.group.GroupRequestHandler;
import org.parley.node.group.GroupsRequestHandler;
import org.parley.node.group.Memberships;
import org.parley.node.limits.ConnectionGate;
import org.parley.node.limits.Limits;
import org.parley.node.limits.LiveLimits;
import org.parley.node.limits.SendRates;
import org.parley.node.login.AccountDeletion;
import org.parley.node.login.LoginHandler;
import org.parley.node.login.LoginLimits;
import org.parley.node.login.PasswordHasher;
import org.parley.node.mailbox.AckHandler;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.metrics.HealthEndpoint;
import org.parley.node.metrics.MetricsEndpoint;
import org.parley.node.metrics.NodeGauges;
import org.parley.node.metrics.NodeMetrics;
import org.parley.node.metrics.Readiness;
import org.parley.node.voice.VoiceDrop;
import org.parley.node.mailbox.ReadReceiptHandler;
import org.parley.node.config.MediaConfig;
import org.parley.node.media.FolderVideoLibrary;
import org.parley.node.media.NoVideos;
import org.parley.node.media.RenditionCache;
import org.parley.node.media.VideoLibrary;
import org.parley.node.session.ClientConnection.State;
import org.parley.node.session.ClientFrameDispatcher;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.AccountStore;
import org.parley.node.store.SqliteAccountStore;
import org.parley.node.store.SqliteDatabase;
import org.parley.node.store.SqliteDirectoryStore;
import org.parley.node.store.SqliteGroupStore;
import org.parley.node.store.SqliteMailboxStore;
import org.parley.node.store.SqliteMembershipStore;
import org.parley.node.store.SqliteOutbox;
import org.parley.node.store.SqlitePinStore;
import org.parley.node.store.SqliteRegistrationStore;
import org.parley.node.registration.Registration;
import org.parley.node.tls.CertificateVouch;
import org.parley.node.tls.NodeCertificate;
import org.parley.node.video.VideoStreaming;
import org.parley.node.web.HlsRequests;
import org.parley.node.web.VideoPassHandler;
import org.parley.node.web.VideoPasses;
import org.parley.node.web.WebAssets;
import org.parley.node.voice.VoiceEnvelopes;
import org.parley.node.voice.VoiceRelay;
import org.parley.node.voice.VoiceRequests;
import org.parley.node.voice.VoiceTimings;
import org.parley.protocol.Protocol;
import org.parley.protocol.discovery.NodeAnnouncement;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.GroupsRequest;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.ReadReceipt;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceLeave;
import org.parley.protocol.message.VoiceWho;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.VideoPassRequest;
import org.parley.protocol.message.VideosRequest;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.WhoRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node's parts in the order they need each other, one step after another, each on what
 * the steps before it made; nothing is handed in later through a setter. The federation is made
 * first and opened only once what takes its arrivals exists, which is what breaks the cycle between
 * the network and the node's users. A step that fails stops, in reverse, what the earlier ones
 * started.
 */
final class NodeStartup {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStartup.class);

    private final Vertx vertx;
    private final NodeConfig config;
    private final PasswordHasher hasher;
    private final ItemAuthentication.Maker authentication;
    /** The library to serve instead of the media folder's (a test's); null to open the folder's. */
    private final VideoLibrary given;
    private final VoiceTimings voiceTimings;
    private final NodeMetrics metrics;
    private final Readiness readiness = new Readiness();
    /** Where the config is read again on a reload. */
    private final ConfigSource source;
    /** The limits in force, replaced by a reload. */
    private final LiveLimits limits;
    /** Set when the node starts draining: logins are refused from then on. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The node's signature on its certificate, given to clients in the hello; replaced when the certificate is. */
    private final AtomicReference<CertificateVouch> vouch = new AtomicReference<>();
    /** The client listeners deployed, one per event loop: each presents the certificate. */
    private final List<ClientListenerVerticle> listeners = new CopyOnWriteArrayList<>();
    /** How to stop what has started so far, last first. */
    private final List<Supplier<Future<?>>> undo = new ArrayList<>();

    // Made by the steps, in this order.
    private SqliteDatabase db;
    private NodeIdentity identity;
    private TransportSecurity security;
    private AccountStore accounts;
    private SessionRegistry registry;
    private Directory directory;
    private Federation federation;
    private DeliveryPort delivery;
    private ControlBus bus;
    private PresenceAnnouncer announcer;
    private CoMembers coMembers;
    private Contacts contacts;
    private Watches watches;
    private Mailboxes mailboxes;
    private GroupHome groups;
    private Memberships memberships;
    private UserPresence presence;
    private VideoLibrary videos;
    private VideoStreaming video;
    private VoiceRelay voice;
    private String listenerDeployment;
    private ClientListenerVerticle.Ports ports;
    private Discovery discovery;
    private Registration registration;
    private AccountDeletion deletion;

    /** @param given the library to serve instead of the media folder's; null to open the folder's */
    NodeStartup(Vertx vertx, NodeConfig config, PasswordHasher hasher, ItemAuthentication.Maker authentication,
                VideoLibrary given, VoiceTimings voiceTimings, NodeMetrics metrics, ConfigSource source) {
        this.metrics = metrics;
        this.source = source;
        this.limits = new LiveLimits(config.limits());
        this.authentication = authentication;
        this.given = given;
        this.voiceTimings = voiceTimings;
        this.vertx = vertx;
        this.config = config;
        this.hasher = hasher;
    }

    Future<Node> run() {
        return openStore()
                .compose(v -> loadRegistration())
                .compose(v -> loadKeys())
                .compose(v -> openLibrary())
                .compose(v -> build())
                .compose(v -> loadContacts())
                .compose(v -> startMailboxes())
                .compose(v -> startGroups())
                .compose(v -> startVoice())
                .compose(v -> openNetwork())
                .compose(v -> listen())
                .compose(v -> discover())
                .map(v -> {
                    long sweeps = vertx.setPeriodic(1000, timer -> presence.sweep());
                    undo.add(() -> {
                        vertx.cancelTimer(sweeps);
                        return Future.succeededFuture();
                    });
                    return new Node(vertx, config, security, db, federation, mailboxes, groups, videos, voice,
                            discovery, listenerDeployment, ports, sweeps, readiness, draining, registry);
                })
                .compose(this::openAdmin)
                .recover(this::stopStarted);
    }

    private Future<Void> openStore() {
        return SqliteDatabase.open(vertx, config.storage().dataDir(), metrics.storeCommits()).map(opened -> {
            db = opened;
            readiness.up(Readiness.Part.STORE);
            undo.add(() -> {
                readiness.down(Readiness.Part.STORE);
                return db.close();
            });
            return null;
        });
    }

    /** Registration mode, invites and locked accounts, with the config's mode (if it names one) in force. */
    private Future<Void> loadRegistration() {
        return Registration.load(config.name(), new SqliteRegistrationStore(db),
                Optional.ofNullable(config.sessions().registration())).map(loaded -> {
                    registration = loaded;
                    return null;
                });
    }

    private Future<Void> loadKeys() {
        return vertx.executeBlocking(() -> NodeKeyFile.loadOrCreate(config.storage().dataDir(), config.name()), false)
                .compose(key -> {
                    identity = key;
                    return vertx.executeBlocking(this::security, false);
                }).map(chosen -> {
                    security = chosen;
                    vouch.set(CertificateVouch.of(identity, chosen));
                    return null;
                });
    }

    /** The video library of the media folder, serving what its cache holds already; none without a folder. */
    private Future<Void> openLibrary() {
        MediaConfig media = config.media();
        if (given != null) {
            videos = given;
            return Future.succeededFuture();
        }
        if (media.mediaDir() == null) {
            videos = new NoVideos();
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(FolderVideoLibrary.open(media.mediaDir(),
                RenditionCache.under(config.storage().dataDir()), media.segmentMillis()), vertx.getOrCreateContext())
                .map(opened -> {
                    videos = opened;
                    undo.add(() -> {
                        opened.close();
                        return Future.succeededFuture();
                    });
                    return null;
                });
    }

    /** TLS with the operator's certificate or the node's own; plaintext only when configured. */
    private TransportSecurity security() throws java.io.IOException {
        if (config.network().plaintext()) {
            LOG.warn("Node {} runs WITHOUT TLS (plaintext is set): anyone on the network path can read and alter"
                    + " what its clients and links send; use this only on a trusted network", config.name());
            return new TransportSecurity.Plaintext();
        }
        TransportSecurity.Tls tls = config.network().tlsCertFile() != null
                ? NodeCertificate.load(config.network().tlsCertFile(), config.network().tlsKeyFile())
                : NodeCertificate.loadOrCreate(config.storage().dataDir(), config.name());
        LOG.info("Node {} serves clients and links over TLS with certificate {}", config.name(), tls.fingerprint());
        return tls;
    }

    /** What needs no I/O to make: the stores' fronts, the directory, the federation (not open yet). */
    private Future<Void> build() {
        accounts = new SqliteAccountStore(db);
        registry = new SessionRegistry();
        directory = new Directory(config.name(), config.federation().directoryQuotas().maxEntriesPerNode());
        federation = Federation.create(vertx, config.federationConfig(security), identity, directory,
                new SqliteDirectoryStore(db), new SqlitePinStore(db), new SqliteOutbox(vertx, db), authentication);
        delivery = new SessionsAndNetwork(config.name(), registry, federation);
        bus = new ControlBus(vertx, config.name());
        coMembers = new CoMembers();
        watches = new Watches();
        video = new VideoStreaming(vertx, config.name(), federation, videos, config.media());
        return Future.succeededFuture();
    }

    /** Who has talked with whom, and so who hears whose presence (with co-members and watches). */
    private Future<Void> loadContacts() {
        return Contacts.load(config.name(), new SqliteContactStore(db)).map(loaded -> {
            contacts = loaded;
            announcer = new PresenceAnnouncer(new PresenceAudience(config.name(), registry, contacts, coMembers, watches),
                    new PresenceBatches((millis, action) -> vertx.setTimer(millis, id -> action.run()),
                            PresenceBatches.WINDOW_MILLIS));
            return null;
        });
    }

    private Future<Void> startMailboxes() {
        Mailboxes.Limits limits = new Mailboxes.Limits(config.storage().mailboxMaxMessages(),
                config.storage().mailboxMaxBytes(), TimeUnit.SECONDS.toMillis(config.storage().mailboxMaxAgeSeconds()));
        return Mailboxes.start(vertx, bus, new SqliteMailboxStore(vertx, db), limits, delivery,
                        config.network().eventLoops())
                .map(started -> {
                    mailboxes = started;
                    undo.add(mailboxes::stop);
                    return null;
                });
    }

    private Future<Void> startGroups() {
        bus.declare(GroupControl.class.getPermittedSubclasses());
        groups = new GroupHome(config.name(), bus.groupHome(), new SqliteGroupStore(db, config.name()), mailboxes,
                delivery, federation, coMembers);
        return vertx.deployVerticle(groups)
                .compose(deployed -> {
                    undo.add(() -> vertx.undeploy(deployed));
                    return Memberships.load(new SqliteMembershipStore(db), config.name(), coMembers);
                }).map(loaded -> {
                    memberships = loaded;
                    return null;
                });
    }

    /** The voice port and its relay, bound before the network opens so that each link can name the port. */
    private Future<Void> startVoice() {
        voice = new VoiceRelay(config.name(), config.network().host(), config.network().voicePort(), federation, groups,
                delivery, voiceTimings);
        return vertx.deployVerticle(voice).map(deployed -> {
            undo.add(() -> vertx.undeploy(deployed));
            return null;
        });
    }

    /** Joins the network with this node's users as they stand, then lists its open groups and videos there. */
    private Future<Void> openNetwork() {
        NetworkDelivery arrivals = new NetworkDelivery(config.name(), delivery, announcer, directory, mailboxes,
                new GroupEnvelopes(config.name(), groups, memberships, coMembers, mailboxes, delivery, directory,
                        federation),
                video.envelopes(), new VoiceEnvelopes(config.name(), voice), contacts);
        federation.bulk().accept(BulkPurpose.FILE, new IncomingPieces(config.name(), directory, mailboxes)::accept);
        return accounts.all().map(UserPresence::offline).compose(initialUsers -> {
            presence = new UserPresence(config.name(), federation, registry, announcer,
                    TimeUnit.SECONDS.toNanos(config.sessions().awaySeconds()), initialUsers);
            return federation.open(vertx, arrivals, initialUsers, voice.port());
        }).compose(opened -> {
            undo.add(() -> vertx.undeploy(federation.deploymentID()));
            readiness.up(Readiness.Part.NETWORK);
            video.advertise();
            return bus.ask(bus.groupHome(), new GroupControl.PublishAll());
        }).mapEmpty();
    }

    private Future<Void> listen() {
        ClientListenerVerticle.Ports wanted = new ClientListenerVerticle.Ports(
                ClientListenerVerticle.listenPort(config.network().port()),
                ClientListenerVerticle.listenPort(config.web().port()));
        if (limits.get() == Limits.NONE) {
            LOG.warn("Node {} runs with no rate limits or connection caps (limits: none): one client can flood it",
                    config.name());
        }
        ConnectionGate gate = new ConnectionGate(limits);
        VideoPasses passes = VideoPasses.withFreshKey();
        HlsRequests hls = new HlsRequests(passes, video,
                user -> !registry.sessionsOf(user).isEmpty() && !registration.locked(user));
        ClientFrameDispatcher dispatcher = dispatcher(passes);
        // One deployment of a listener per event loop: Vert.x shares each server among the instances of a
        // deployment, port 0 included, so they all serve the same two ports.
        Set<ClientListenerVerticle.Ports> bound = ConcurrentHashMap.newKeySet();
        Map<String, Handler<HttpServerRequest>> endpoints = endpoints();
        return vertx.executeBlocking(WebAssets::fromClassPath, false)
                .compose(page -> vertx.deployVerticle(() -> {
                    ClientListenerVerticle listener = new ClientListenerVerticle(config, security, wanted, dispatcher,
                            bound::add, gate, page, endpoints, metrics.traffic(), hls);
                    listeners.add(listener);
                    return listener;
                }, new DeploymentOptions().setInstances(config.network().eventLoops())))
                .compose(id -> {
                    if (bound.size() != 1) {
                        return vertx.undeploy(id).transform(ignored -> Future.failedFuture(new IllegalStateException(
                                "client listeners bound different ports " + bound)));
                    }
                    listenerDeployment = id;
                    ports = bound.iterator().next();
                    undo.add(() -> vertx.undeploy(id));
                    readiness.up(Readiness.Part.LISTENERS);
                    return Future.succeededFuture();
                });
    }

    /**
     * Announces the node on the LAN, with the ports it bound, when discovery is on; otherwise nothing
     * is opened and nothing is sent.
     */
    private Future<Void> discover() {
        if (!config.discovery().enabled()) {
            discovery = new Discovery.Off();
            return Future.succeededFuture();
        }
        NodeAnnouncement self = new NodeAnnouncement(config.name(), ports.client(), federation.s2sPort(), ports.web(),
                voice.port(), federation.fingerprint(), Protocol.VERSION);
        DiscoveredPeers peers = config.discovery().linkDiscovered()
                ? new DiscoveredPeers(config.name(), config.federation(), federation::trustedPeers) : null;
        return MdnsDiscovery.start(vertx, new MdnsDiscovery(config.network().host(), self, federation, peers))
                .recover(failed -> Future.failedFuture(new IllegalStateException(
                        "cannot announce on the LAN: " + failed.getMessage(), failed)))
                .map(started -> {
                    discovery = started;
                    undo.add(started::close);
                    return null;
                });
    }

    /** The web port's endpoints for an operator: health always, metrics unless switched off. */
    private Map<String, Handler<HttpServerRequest>> endpoints() {
        HealthEndpoint health = new HealthEndpoint(readiness);
        Map<String, Handler<HttpServerRequest>> endpoints = new HashMap<>();
        endpoints.put(HealthEndpoint.LIVE_PATH, health.live());
        endpoints.put(HealthEndpoint.READY_PATH, health.ready());
        if (config.metrics().enabled()) {
            Map<String, LongSupplier> dropped = new LinkedHashMap<>();
            for (VoiceDrop why : VoiceDrop.values()) {
                dropped.put(why.name(), () -> voice.dropped(why));
            }
            NodeGauges gauges = new NodeGauges(metrics, federation, new NodeGauges.Sources(mailboxes::waiting,
                    registry::userCount, voice::relayed, dropped));
            endpoints.put(MetricsEndpoint.PATH, new MetricsEndpoint(metrics, gauges, config.metrics().loopbackOnly()));
        }
        return endpoints;
    }

    /**
     * The admin channel, last: it announces itself by writing its token file, which should mean the
     * node is there to be administered.
     */
    private Future<Node> openAdmin(Node node) {
        List<CertificateReload.Presenter> presenters = new ArrayList<>(listeners.stream()
                .<CertificateReload.Presenter>map(listener -> listener::present).toList());
        presenters.add(federation::updateCertificate);
        ConfigReload reload = new ConfigReload(vertx, source, config, limits, registration, federation,
                new CertificateReload(vertx, identity, security, vouch, presenters));
        Map<String, AdminAction> actions = new HashMap<>();
        SessionsAdmin sessions = new SessionsAdmin(config.name(), accounts, registry, registration);
        sessions.addTo(actions);
        new AccountsAdmin(config.name(), accounts, registration, deletion, sessions).addTo(actions);
        new RegistrationAdmin(config.name(), registration).addTo(actions);
        new LinksAdmin(config.name(), federation).addTo(actions);
        new LifecycleAdmin(vertx, config.name(), reload, node::drain).addTo(actions);
        AdminListener admin = new AdminListener(vertx, config.name(), actions);
        return admin.start(config.admin().port(), config.storage().dataDir())
                .map(access -> node.administeredBy(admin, access, reload)); // on failure, run()'s undo stops the rest
    }

    /** Which handler takes each frame, in each state of a connection. */
    private ClientFrameDispatcher dispatcher(VideoPasses passes) {
        LoginHandler login = new LoginHandler(vertx, config.name(), config.sessions().requirePassword(),
                config.sessions().heartbeatSeconds(), accounts, hasher, registry, presence, mailboxes,
                new LoginLimits(vertx, limits), vouch::get, registration, draining::get);
        deletion = new AccountDeletion(accounts, registry, presence, mailboxes, contacts, registration);
        VoiceRequests voiceRequests = new VoiceRequests(config.name(), directory, voice);
        ClientFrameDispatcher dispatcher = new ClientFrameDispatcher((connection, reason) -> {
            login.onClosed(connection, reason);
            video.closed(connection);
            voice.closed(connection);
        })
                .on(State.AWAITING_HELLO, ClientHello.class, login::onHello)
                .on(State.AWAITING_LOGIN, Login.class, login::onLogin)
                .on(State.READY, Send.class, new MessageRouter(config.name(), delivery, accounts, federation,
                        mailboxes, groups, new SendRates(limits),
                        new PieceRouter(config.name(), federation, mailboxes, delivery), contacts))
                .on(State.READY, GroupRequest.class, new GroupRequestHandler(config.name(), groups, federation))
                .on(State.READY, GroupsRequest.class, new GroupsRequestHandler(config.name(), groups, memberships,
                        federation))
                .on(State.READY, Ack.class, new AckHandler(mailboxes))
                .on(State.READY, ReadReceipt.class, new ReadReceiptHandler(config.name(), delivery))
                .on(State.READY, WhoRequest.class, new WhoHandler(config.name(), federation, registry, watches))
                .on(State.READY, KeysRequest.class, new KeysHandler(config.name(), federation, accounts))
                .on(State.READY, VideosRequest.class, video.videos())
                .on(State.READY, Watch.class, video.watch())
                .on(State.READY, Unwatch.class, video.unwatch())
                .on(State.READY, VideoPassRequest.class, new VideoPassHandler(passes))
                .on(State.READY, DeleteAccount.class, deletion)
                .on(State.READY, VoiceJoin.class, voiceRequests::onJoin)
                .on(State.READY, VoiceLeave.class, voiceRequests::onLeave)
                .on(State.READY, VoiceWho.class, voiceRequests::onWho)
                .on(State.READY, Bye.class, (connection, bye, body) -> connection.close("quit"))
                .onVoicePackets(voice::fromWebSocket);
        for (State state : List.of(State.AWAITING_HELLO, State.AWAITING_LOGIN, State.AUTHENTICATING, State.READY)) {
            dispatcher.on(state, Ping.class, (connection, ping, body) -> connection.send(new Pong()));
            dispatcher.on(state, Pong.class, (connection, pong, body) -> { });
        }
        return dispatcher;
    }

    /** Stops what started, last first, and fails with {@code cause}. */
    private Future<Node> stopStarted(Throwable cause) {
        Future<?> stopped = Future.succeededFuture();
        for (int i = undo.size() - 1; i >= 0; i--) {
            Supplier<Future<?>> step = undo.get(i);
            stopped = stopped.transform(ignored -> step.get());
        }
        return stopped.transform(ignored -> Future.failedFuture(cause));
    }
}
