package org.parley.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.parley.federation.net.TransportSecurity;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.parley.node.config.NodeConfig;
import org.parley.node.limits.ConnectionGate;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameSink;
import org.parley.protocol.frame.FrameLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts client connections on one event loop. The node deploys one instance per loop on the
 * same port, so Vert.x spreads connections across them; each instance owns its connections and
 * runs their heartbeats on its own loop.
 */
final class ClientListenerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ClientListenerVerticle.class);

    /** Negative keys, one per node, for Vert.x's shared random ports. */
    private static final java.util.concurrent.atomic.AtomicInteger SHARED_RANDOM_PORTS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final NodeConfig config;
    private final TransportSecurity security;
    private final int port;
    private final FrameSink sink;
    private final Set<ClientConnection> connections = new HashSet<>();
    private NetServer server;
    private long heartbeatTimer;

    private final IntConsumer boundPort;
    private final ConnectionGate gate;
    /** When a refused connection was last logged: a flood of them is logged once a second at most. */
    private long refusalLoggedAt;
    private long refusedSinceLog;
    private String lastRefusal;

    /**
     * The port to give every listener of one node. Vert.x shares one server among instances bound
     * to the same port, but never port 0; a negative port asks for one random port shared by every
     * server given that same negative number, so each node in a JVM gets its own.
     */
    static int listenPort(int configured) {
        return configured == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : configured;
    }

    /** @param boundPort told the port this instance ended up listening on */
    ClientListenerVerticle(NodeConfig config, TransportSecurity security, int port, FrameSink sink,
                           IntConsumer boundPort, ConnectionGate gate) {
        this.gate = gate;
        this.config = config;
        this.security = security;
        this.port = port;
        this.sink = sink;
        this.boundPort = boundPort;
    }

    @Override
    public Future<?> start() {
        server = vertx.createNetServer(security.apply(new NetServerOptions()
                .setHost(config.network().host())
                .setPort(port)
                .setTcpNoDelay(true)
                .setReuseAddress(true)));
        server.connectHandler(socket -> {
            String address = socket.remoteAddress().hostAddress();
            ConnectionGate.Admission admission = gate.admit(address);
            if (admission instanceof ConnectionGate.Admission.Refused refused) {
                refuse(socket, refused);
                return;
            }
            ClientConnection connection = new ClientConnection(socket, context, sink, FrameLimits.CLIENT_TO_NODE,
                    config.sessions().maxQueuedBytes(), ((ConnectionGate.Admission.Admitted) admission).ticket());
            connections.add(connection);
            LOG.debug("Connection from {}", connection.remote());
            connection.start();
        });
        long heartbeatMillis = TimeUnit.SECONDS.toMillis(config.sessions().heartbeatSeconds());
        heartbeatTimer = vertx.setPeriodic(Math.min(heartbeatMillis, 1000L * config.sessions().loginTimeoutSeconds()),
                id -> checkLiveness());
        return server.listen().onSuccess(listening -> boundPort.accept(listening.actualPort()));
    }

    /** Says why, then closes: the client hears RATE_LIMITED with when to try again. */
    private void refuse(io.vertx.core.net.NetSocket socket, ConnectionGate.Admission.Refused refused) {
        byte[] frame = org.parley.protocol.frame.FrameEncoder.server().encode(
                org.parley.protocol.message.ErrorFrame.rateLimited("connection refused: " + refused.why()
                        + "; try again later", null, refused.retryAfterMillis()));
        socket.write(io.vertx.core.buffer.Buffer.buffer(frame)).onComplete(written -> socket.close());
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

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        for (ClientConnection connection : connections) {
            connection.close("node shutting down");
        }
        return server.close();
    }
}
