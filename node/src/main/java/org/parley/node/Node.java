package org.parley.node;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.node.chat.MessageRouter;
import org.parley.node.chat.PresenceAnnouncer;
import org.parley.node.chat.WhoHandler;
import org.parley.node.config.NodeConfig;
import org.parley.node.login.LoginHandler;
import org.parley.node.login.PasswordHasher;
import org.parley.node.session.ClientConnection.State;
import org.parley.node.session.ClientFrameDispatcher;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.AccountStore;
import org.parley.node.store.SqliteAccountStore;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.WhoRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: wires the store, the session registry and the handlers together and deploys
 * one client listener per event loop.
 */
public final class Node {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final Vertx vertx;
    private final NodeConfig config;
    private final AccountStore accounts;
    private final String deployment;
    private final int port;

    private Node(Vertx vertx, NodeConfig config, AccountStore accounts, String deployment, int port) {
        this.vertx = vertx;
        this.config = config;
        this.accounts = accounts;
        this.deployment = deployment;
        this.port = port;
    }

    /** Opens the store and starts listening; fails if the data folder or the port cannot be had. */
    public static Future<Node> start(Vertx vertx, NodeConfig config) {
        return start(vertx, config, PasswordHasher.DEFAULT);
    }

    static Future<Node> start(Vertx vertx, NodeConfig config, PasswordHasher hasher) {
        return SqliteAccountStore.open(vertx, config.dataDir()).compose(accounts -> {
            SessionRegistry registry = new SessionRegistry();
            PresenceAnnouncer presence = new PresenceAnnouncer(registry);
            LoginHandler login = new LoginHandler(vertx, config.name(), config.requirePassword(),
                    config.heartbeatSeconds(), accounts, hasher, registry, presence);
            ClientFrameDispatcher dispatcher = new ClientFrameDispatcher(login::onClosed)
                    .on(State.AWAITING_HELLO, ClientHello.class, login::onHello)
                    .on(State.AWAITING_LOGIN, Login.class, login::onLogin)
                    .on(State.READY, Send.class, new MessageRouter(config.name(), registry, accounts))
                    .on(State.READY, WhoRequest.class, new WhoHandler(config.name(), registry))
                    .on(State.READY, Bye.class, (connection, bye, body) -> connection.close("quit"));
            for (State state : List.of(State.AWAITING_HELLO, State.AWAITING_LOGIN, State.AUTHENTICATING, State.READY)) {
                dispatcher.on(state, Ping.class, (connection, ping, body) -> connection.send(new Pong()));
                dispatcher.on(state, Pong.class, (connection, pong, body) -> { });
            }
            return deployListeners(vertx, config, dispatcher)
                    .map(started -> new Node(vertx, config, accounts, started.id, started.port))
                    .recover(e -> accounts.close().transform(ignored -> Future.failedFuture(e)));
        }).onSuccess(node -> node.logStarted());
    }

    private record Listeners(String id, int port) {
    }

    /**
     * One deployment of {@code eventLoops} listeners on the configured port. Vert.x shares the
     * server among the instances of a deployment, port 0 included, so they all serve one port.
     */
    private static Future<Listeners> deployListeners(Vertx vertx, NodeConfig config, ClientFrameDispatcher dispatcher) {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        return vertx.deployVerticle(() -> new ClientListenerVerticle(config, config.port(), dispatcher, ports::add),
                        new DeploymentOptions().setInstances(config.eventLoops()))
                .compose(id -> ports.size() == 1
                        ? Future.succeededFuture(new Listeners(id, ports.iterator().next()))
                        : vertx.undeploy(id).transform(ignored -> Future.failedFuture(new IllegalStateException(
                        "client listeners bound different ports " + ports))));
    }

    private void logStarted() {
        LOG.info("Node {} listening for clients on {}:{} with {} event loop(s); data in {}", config.name(),
                config.host(), port, config.eventLoops(), config.dataDir().toAbsolutePath());
        if (!config.peers().isEmpty()) {
            LOG.info("S2S port {} and peers {} are configured; this build does not link nodes yet",
                    config.s2sPort(), config.peers());
        }
    }

    /** The client port actually bound (useful when the config asked for 0). */
    public int port() {
        return port;
    }

    /** Closes every client connection, stops listening and closes the store. */
    public Future<Void> stop() {
        return vertx.undeploy(deployment).transform(ignored -> accounts.close())
                .onComplete(ignored -> LOG.info("Node {} stopped", config.name()));
    }
}
