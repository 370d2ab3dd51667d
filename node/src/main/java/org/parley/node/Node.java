package org.parley.node;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.parley.federation.Federation;
import org.parley.federation.gossip.Directory;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.NodeKeyFile;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.chat.KeysHandler;
import org.parley.node.chat.MessageRouter;
import org.parley.node.chat.NetworkDelivery;
import org.parley.node.chat.UserPresence;
import org.parley.node.chat.PresenceAnnouncer;
import org.parley.node.chat.WhoHandler;
import org.parley.node.config.NodeConfig;
import org.parley.node.login.AccountDeletion;
import org.parley.node.limits.ConnectionGate;
import org.parley.node.limits.Limits;
import org.parley.node.limits.SendRates;
import org.parley.node.login.LoginHandler;
import org.parley.node.login.LoginLimits;
import org.parley.node.login.PasswordHasher;
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
import org.parley.node.mailbox.AckHandler;
import org.parley.node.group.GroupEnvelopes;
import org.parley.node.group.GroupHome;
import org.parley.node.group.GroupStore;
import org.parley.node.group.MembershipStore;
import org.parley.node.group.GroupRequestHandler;
import org.parley.node.group.GroupsRequestHandler;
import org.parley.node.group.Memberships;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.mailbox.ReadReceiptHandler;
import org.parley.node.mailbox.ReceiptRouter;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.ReadReceipt;
import org.parley.node.store.SqlitePinStore;
import org.parley.node.tls.NodeCertificate;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.GroupsRequest;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.WhoRequest;
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
    private final int port;
    private final long presenceTimer;
    private final Mailboxes mailboxes;
    private final GroupHome groups;

    private Node(Vertx vertx, NodeConfig config, TransportSecurity security, SqliteDatabase db, Federation federation,
                 Mailboxes mailboxes, GroupHome groups, String deployment, int port, long presenceTimer) {
        this.mailboxes = mailboxes;
        this.groups = groups;
        this.vertx = vertx;
        this.config = config;
        this.security = security;
        this.db = db;
        this.federation = federation;
        this.deployment = deployment;
        this.port = port;
        this.presenceTimer = presenceTimer;
    }

    /** Opens the store, joins the network and starts listening; fails if a folder or port cannot be had. */
    public static Future<Node> start(Vertx vertx, NodeConfig config) {
        return start(vertx, config, PasswordHasher.DEFAULT);
    }

    static Future<Node> start(Vertx vertx, NodeConfig config, PasswordHasher hasher) {
        return SqliteDatabase.open(vertx, config.dataDir()).compose(db -> vertx.executeBlocking(
                        () -> NodeKeyFile.loadOrCreate(config.dataDir(), config.name()), false)
                .compose(identity -> vertx.executeBlocking(() -> security(config), false)
                        .compose(security -> start(vertx, config, hasher, db, identity, security)))
                .recover(e -> db.close().transform(ignored -> Future.failedFuture(e))))
                .onSuccess(node -> node.logStarted());
    }

    /** TLS with the operator's certificate or the node's own; plaintext only when configured. */
    private static TransportSecurity security(NodeConfig config) throws java.io.IOException {
        if (config.plaintext()) {
            LOG.warn("Node {} runs WITHOUT TLS (plaintext is set): anyone on the network path can read and alter"
                    + " what its clients and links send; use this only on a trusted network", config.name());
            return new TransportSecurity.Plaintext();
        }
        TransportSecurity.Tls tls = config.tlsCertFile() != null
                ? NodeCertificate.load(config.tlsCertFile(), config.tlsKeyFile())
                : NodeCertificate.loadOrCreate(config.dataDir(), config.name());
        LOG.info("Node {} serves clients and links over TLS with certificate {}", config.name(), tls.fingerprint());
        return tls;
    }

    private static Future<Node> start(Vertx vertx, NodeConfig config, PasswordHasher hasher, SqliteDatabase db,
                                      NodeIdentity identity, TransportSecurity security) {
        AccountStore accounts = new SqliteAccountStore(db);
        SessionRegistry registry = new SessionRegistry();
        PresenceAnnouncer announcer = new PresenceAnnouncer(registry);
        Directory directory = new Directory(config.name(), config.directoryQuotas().maxEntriesPerNode());
        ReceiptRouter receipts = new ReceiptRouter(config.name(), registry);
        Mailboxes.Limits limits = new Mailboxes.Limits(config.mailboxMaxMessages(), config.mailboxMaxBytes(),
                TimeUnit.SECONDS.toMillis(config.mailboxMaxAgeSeconds()));
        GroupStore groupStore = new SqliteGroupStore(db, config.name());
        MembershipStore membershipStore = new SqliteMembershipStore(db);
        return Mailboxes.start(vertx, new SqliteMailboxStore(vertx, db), limits, receipts, config.eventLoops())
                .compose(mailboxes -> {
            GroupHome groups = new GroupHome(config.name(), groupStore, mailboxes, registry);
            return vertx.deployVerticle(groups).compose(deployed -> Memberships.load(membershipStore))
                    .compose(memberships -> {
            GroupEnvelopes groupEnvelopes = new GroupEnvelopes(config.name(), groups, memberships, mailboxes, registry,
                    directory);
            NetworkDelivery network = new NetworkDelivery(config.name(), registry, announcer, directory, mailboxes,
                    groupEnvelopes);
            return accounts.all().map(UserPresence::offline)
                .compose(initialUsers -> Federation.start(vertx,
                config.federation(security), identity, directory, new SqliteDirectoryStore(db), new SqlitePinStore(db), new SqliteOutbox(vertx, db), network,
                initialUsers).compose(federation -> {
            receipts.attach(federation);
            groups.attach(federation);
            groupEnvelopes.attach(federation);
            UserPresence presence = new UserPresence(config.name(), federation, registry, announcer,
                    TimeUnit.SECONDS.toNanos(config.awaySeconds()), initialUsers);
            LoginHandler login = new LoginHandler(vertx, config.name(), config.requirePassword(),
                    config.heartbeatSeconds(), accounts, hasher, registry, presence, mailboxes,
                    new LoginLimits(vertx, config.limits()), org.parley.node.tls.CertificateVouch.of(identity, security));
            ClientFrameDispatcher dispatcher = new ClientFrameDispatcher(login::onClosed)
                    .on(State.AWAITING_HELLO, ClientHello.class, login::onHello)
                    .on(State.AWAITING_LOGIN, Login.class, login::onLogin)
                    .on(State.READY, Send.class, new MessageRouter(config.name(), registry, accounts, federation,
                            mailboxes, groups, new SendRates(config.limits())))
                    .on(State.READY, GroupRequest.class, new GroupRequestHandler(config.name(), groups, federation))
                    .on(State.READY, GroupsRequest.class, new GroupsRequestHandler(config.name(), groups, memberships,
                            federation))
                    .on(State.READY, Ack.class, new AckHandler(mailboxes))
                    .on(State.READY, ReadReceipt.class, new ReadReceiptHandler(config.name(), receipts))
                    .on(State.READY, WhoRequest.class, new WhoHandler(config.name(), federation, registry))
                    .on(State.READY, KeysRequest.class, new KeysHandler(config.name(), federation, accounts))
                    .on(State.READY, DeleteAccount.class, new AccountDeletion(accounts, registry, presence, mailboxes))
                    .on(State.READY, Bye.class, (connection, bye, body) -> connection.close("quit"));
            for (State state : List.of(State.AWAITING_HELLO, State.AWAITING_LOGIN, State.AUTHENTICATING, State.READY)) {
                dispatcher.on(state, Ping.class, (connection, ping, body) -> connection.send(new Pong()));
                dispatcher.on(state, Pong.class, (connection, pong, body) -> { });
            }
            return deployListeners(vertx, config, security, dispatcher)
                    .map(started -> new Node(vertx, config, security, db, federation, mailboxes, groups, started.id,
                            started.port, vertx.setPeriodic(1000, id -> presence.sweep())))
                    .recover(e -> vertx.undeploy(federation.deploymentID())
                            .transform(ignored -> Future.failedFuture(e)));
        }));
            }).recover(e -> mailboxes.stop().transform(ignored -> Future.failedFuture(e)));
        });
    }

    private record Listeners(String id, int port) {
    }

    /**
     * One deployment of {@code eventLoops} listeners on the configured port. Vert.x shares the
     * server among the instances of a deployment, port 0 included, so they all serve one port.
     */
    private static Future<Listeners> deployListeners(Vertx vertx, NodeConfig config, TransportSecurity security,
                                                     ClientFrameDispatcher dispatcher) {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        int port = ClientListenerVerticle.listenPort(config.port());
        ConnectionGate gate = new ConnectionGate(config.limits());
        if (config.limits() == Limits.NONE) {
            LOG.warn("Node {} runs with no rate limits or connection caps (limits: none): one client can flood it",
                    config.name());
        }
        return vertx.deployVerticle(() -> new ClientListenerVerticle(config, security, port, dispatcher, ports::add,
                        gate),
                        new DeploymentOptions().setInstances(config.eventLoops()))
                .compose(id -> ports.size() == 1
                        ? Future.succeededFuture(new Listeners(id, ports.iterator().next()))
                        : vertx.undeploy(id).transform(ignored -> Future.failedFuture(new IllegalStateException(
                        "client listeners bound different ports " + ports))));
    }

    private void logStarted() {
        LOG.info("Node {} listening for clients on {}:{} with {} event loop(s); data in {}", config.name(),
                config.host(), port, config.eventLoops(), config.dataDir().toAbsolutePath());
    }

    /** The client port actually bound (useful when the config asked for 0). */
    public int port() {
        return port;
    }

    /** How clients and links are protected: TLS with which certificate, or plaintext. */
    public TransportSecurity security() {
        return security;
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

    /** Closes every client connection and node link, stops listening and closes the store. */
    public Future<Void> stop() {
        vertx.cancelTimer(presenceTimer);
        return vertx.undeploy(deployment)
                .transform(ignored -> vertx.undeploy(federation.deploymentID()))
                .transform(ignored -> vertx.undeploy(groups.deploymentID()))
                .transform(ignored -> mailboxes.stop())
                .transform(ignored -> db.close())
                .onComplete(ignored -> LOG.info("Node {} stopped", config.name()));
    }
}
