package org.parley.client.command;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import org.parley.client.identity.IdentityStore;
import org.parley.client.net.NodeSession;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.identity.Name;

/**
 * What one run of a command needs: a small Vert.x, the user's keys, a logged-in session.
 */
final class ClientRuntime implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final NodeSession session;
    private final String user;

    private ClientRuntime(Vertx vertx, NodeSession session, String user) {
        this.vertx = vertx;
        this.session = session;
        this.user = user;
    }

    static ClientRuntime open(ConnectionOptions options) throws Exception {
        String user = options.user();
        if (!Name.isValid(user)) {
            throw new IllegalArgumentException("invalid user name '" + user + "': " + Name.RULE);
        }
        IdentityKeys keys = new IdentityStore(options.home()).loadOrCreate(user);
        String password = options.password();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            NodeSession session = Await.result(
                    NodeSession.open(vertx, options.host(), options.port(), user, keys, password),
                    REQUEST_TIMEOUT, "logging in");
            return new ClientRuntime(vertx, session, session.user());
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    /** The fully qualified name the node gave us ({@code alice@node-a}). */
    String user() {
        return user;
    }

    NodeSession session() {
        return session;
    }

    /** Says goodbye to the node (briefly) and stops Vert.x. */
    @Override
    public void close() {
        try {
            Await.result(session.bye(), Duration.ofSeconds(2), "leaving");
        } catch (Exception ignored) {
            // Leaving anyway; the node notices the closed socket.
        }
        vertx.close();
    }
}
