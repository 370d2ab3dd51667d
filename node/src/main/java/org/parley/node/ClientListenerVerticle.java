package org.parley.node;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.config.NodeConfig;
import org.parley.node.limits.ConnectionGate;
import org.parley.node.metrics.ClientTraffic;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.CloseCauses;
import org.parley.node.session.FrameSink;
import org.parley.node.web.HlsRequests;
import org.parley.node.web.WebAssets;
import org.parley.node.web.WebRequests;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.transport.CloseCause;
import org.parley.transport.TcpTransport;
import org.parley.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts client connections on one event loop, over TCP on the client port and over WebSockets on
 * the web port; both reach the same pipeline. The node deploys one instance per loop on the same
 * ports, so Vert.x spreads connections across them; each instance owns its connections and runs
 * their heartbeats on its own loop.
 */
final class ClientListenerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ClientListenerVerticle.class);

    /** Negative keys, one per listener of each node, for Vert.x's shared random ports. */
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    /** What a logged-in client may send, and so the largest WebSocket message the web port reads. */
    private static final FrameLimits AFTER_LOGIN = FrameLimits.CLIENT_TO_NODE;

    /** The ports to listen on (negative for a shared random one), or the ports bound. */
    record Ports(int client, int web) {
    }

    private final NodeConfig config;
    private final TransportSecurity security;
    private final Ports ports;
    private final FrameSink sink;
    private final Set<ClientConnection> connections = new HashSet<>();
    private NetServer server;
    private HttpServer web;
    private long heartbeatTimer;

    private final Consumer<Ports> bound;
    private final ConnectionGate gate;
    private final WebAssets page;
    private final Map<String, Handler<HttpServerRequest>> endpoints;
    private final ClientTraffic traffic;
    private final HlsRequests videos;
    /** When a refused connection was last logged: a flood of them is logged once a second at most. */
    private long refusalLoggedAt;
    private long refusedSinceLog;
    private String lastRefusal;

    /**
     * The port to give every listener of one kind of one node. Vert.x shares one server among
     * instances bound to the same port, but never port 0; a negative port asks for one random port
     * shared by every server given that same negative number, so each listener in a JVM gets its own.
     */
    static int listenPort(int configured) {
        return configured == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : configured;
    }

    /**
     * @param bound     told the ports this instance ended up listening on
     * @param endpoints the web port's operator endpoints by path (metrics, health)
     * @param traffic   where connections count what they read, write and refuse
     */
    ClientListenerVerticle(NodeConfig config, TransportSecurity security, Ports ports, FrameSink sink,
                           Consumer<Ports> bound, ConnectionGate gate, WebAssets page,
                           Map<String, Handler<HttpServerRequest>> endpoints, ClientTraffic traffic, HlsRequests videos) {
        this.endpoints = endpoints;
        this.traffic = traffic;
        this.gate = gate;
        this.page = page;
        this.videos = videos;
        this.config = config;
        this.security = security;
        this.ports = ports;
        this.sink = sink;
        this.bound = bound;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PLAINTEXT_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A connection failed before it was one (in the TLS handshake). Plain bytes where TLS was expected
     * are most often an HTTP probe or a client with TLS off: said once in words, then at debug, so that
     * probes do not flood the log. (They get no answer: there is no TLS session to send one in.)
     */
    private static void beforeConnecting(Throwable failure) {
        boolean plaintext = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            plaintext |= cause instanceof io.netty.handler.ssl.NotSslRecordException;
        }
        if (plaintext && PLAINTEXT_LOGGED.compareAndSet(false, true)) {
            LOG.warn("A connection to the client port sent plain bytes, not TLS (an HTTP request, or a client with"
                    + " --plaintext against a TLS node); closed it. Further ones are logged at debug");
        } else {
            LOG.debug("A connection to the client port failed before it was one: {}", failure.toString());
        }
    }

    @Override
    public Future<?> start() {
        server = vertx.createNetServer(security.apply(new NetServerOptions()
                .setHost(config.network().host())
                .setPort(ports.client())
                .setTcpNoDelay(true)
                .setReuseAddress(true)));
        server.connectHandler(socket -> admit(new TcpTransport(socket)));
        server.exceptionHandler(ClientListenerVerticle::beforeConnecting);
        web = vertx.createHttpServer(webOptions());
        web.requestHandler(new WebRequests(config.name(), AFTER_LOGIN.maxMessageBytes(), this::admit, page,
                endpoints, videos));
        long heartbeatMillis = TimeUnit.SECONDS.toMillis(config.sessions().heartbeatSeconds());
        heartbeatTimer = vertx.setPeriodic(Math.min(heartbeatMillis, 1000L * config.sessions().loginTimeoutSeconds()),
                id -> checkLiveness());
        // HttpServer.listen() refuses the negative port of a shared random one; listen(port, host) takes it.
        return Future.all(named("client port", config.network().port(), server.listen()),
                        named("web port", config.web().port(), web.listen(ports.web(), config.network().host())))
                .onSuccess(listening -> bound.accept(new Ports(server.actualPort(), web.actualPort())));
    }

    /** A port that cannot be had is named in the failure, so the operator knows which setting to change. */
    private static <T> Future<T> named(String what, int port, Future<T> listening) {
        return listening.recover(e -> Future.failedFuture(what + " " + port + ": " + e.getMessage()));
    }

    /**
     * The web port: the node's TLS, and WebSocket limits that match the frame limits, so a single
     * WebSocket frame over them is refused by the codec before it is read.
     */
    private HttpServerOptions webOptions() {
        HttpServerOptions options = new HttpServerOptions()
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .setMaxWebSocketFrameSize(AFTER_LOGIN.maxMessageBytes())
                .setMaxWebSocketMessageSize(AFTER_LOGIN.maxMessageBytes())
                // End-to-end ciphertext does not compress, and compressing next to secrets invites
                // CRIME-style attacks.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // A live session hears a ping every heartbeat; this ends HTTP connections that never upgrade.
                .setIdleTimeout(3 * config.sessions().heartbeatSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        return security.apply(options);
    }

    private void admit(Transport transport) {
        String address = transport.remoteAddress().hostAddress();
        ConnectionGate.Admission admission = gate.admit(address);
        if (admission instanceof ConnectionGate.Admission.Refused refused) {
            refuse(transport, refused);
            return;
        }
        ClientConnection connection = new ClientConnection(transport, context, sink, AFTER_LOGIN,
                config.sessions().maxQueuedBytes(), ((ConnectionGate.Admission.Admitted) admission).ticket(), traffic);
        connections.add(connection);
        LOG.debug("Connection from {}", connection.remote());
        connection.start();
    }

    /** Says why, then closes: the client hears RATE_LIMITED with when to try again. */
    private void refuse(Transport transport, ConnectionGate.Admission.Refused refused) {
        ErrorFrame error = ErrorFrame.rateLimited("connection refused: " + refused.why() + "; try again later", null,
                refused.retryAfterMillis());
        traffic.sent(error);
        byte[] frame = FrameEncoder.server().encode(error);
        transport.write(List.of(frame)).onComplete(written -> transport.close(CloseCauses.of(ErrorCode.RATE_LIMITED)));
        traffic.rateLimited(ClientTraffic.LimitStage.CONNECTION);
        refusedSinceLog++;
        lastRefusal = refused.why();
        logRefusals(System.nanoTime());
    }

    /** At most once a second; the heartbeat timer reports the rest of a burst that then stopped. */
    private void logRefusals(long now) {
        if (refusedSinceLog > 0 && now - refusalLoggedAt > TimeUnit.SECONDS.toNanos(1)) {
            LOG.warn("Refused {} connection(s) since the last report; the latest: {}", refusedSinceLog, lastRefusal);
            refusalLoggedAt = now;
            refusedSinceLog = 0;
        }
    }

    private void checkLiveness() {
        long now = System.nanoTime();
        logRefusals(now);
        connections.removeIf(c -> c.state() == ClientConnection.State.CLOSED);
        for (ClientConnection connection : Set.copyOf(connections)) {
            connection.checkLiveness(now, TimeUnit.SECONDS.toNanos(config.sessions().heartbeatSeconds()),
                    TimeUnit.SECONDS.toNanos(config.sessions().loginTimeoutSeconds()));
        }
    }

    /** Presents {@code tls}'s certificate on connections from now on, on the client and web ports alike. */
    Future<?> present(TransportSecurity.Tls tls) {
        return Future.all(server.updateSSLOptions(tls.serverOptions()), web.updateSSLOptions(tls.serverOptions()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        for (ClientConnection connection : connections) {
            connection.close("node shutting down", CloseCause.GOING_AWAY);
        }
        return Future.all(server.close(), web.close());
    }
}
