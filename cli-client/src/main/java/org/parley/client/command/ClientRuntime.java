package org.parley.client.command;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.time.Duration;
import org.parley.client.e2ee.Messenger;
import org.parley.client.e2ee.SenderKeys;
import org.parley.client.e2ee.SeenMessages;
import org.parley.client.history.History;
import org.parley.client.home.SealedLog;
import org.parley.client.identity.IdentityStore;
import org.parley.client.net.NodeTrust;
import org.parley.client.net.TryAgain;
import org.parley.client.trust.KnownNodes;
import org.parley.client.trust.KnownUsers;
import org.parley.client.net.NodeSession;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.identity.Name;

/**
 * What one run of a command needs: a small Vert.x, the user's keys, a logged-in session.
 */
final class ClientRuntime implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Message ids remembered per user to drop repeats: far more than any backlog a node holds. */
    private static final int SEEN_CAPACITY = 200_000;

    private final Vertx vertx;
    private final ConnectionOptions options;
    private final NodeTrust trust;
    private final IdentityKeys keys;
    private final String password;
    private final KnownUsers known;
    private volatile NodeSession session;
    private volatile Messenger messenger;
    private SealedLog fileOffers;
    private final SeenMessages seen;
    private final History history;
    private final SenderKeys senderKeys;

    private ClientRuntime(ConnectionOptions options, NodeTrust trust, IdentityKeys keys, String password, KnownUsers known,
                          Vertx vertx, NodeSession session, Messenger messenger, SeenMessages seen, History history,
                          SenderKeys senderKeys) {
        this.options = options;
        this.trust = trust;
        this.keys = keys;
        this.password = password;
        this.known = known;
        this.senderKeys = senderKeys;
        this.vertx = vertx;
        this.session = session;
        this.messenger = messenger;
        this.seen = seen;
        this.history = history;
    }

    static ClientRuntime open(ConnectionOptions options) throws Exception {
        String user = options.user();
        if (!Name.isValid(user)) {
            throw new IllegalArgumentException("invalid user name '" + user + "': " + Name.RULE);
        }
        IdentityKeys keys = new IdentityStore(options.home()).loadOrCreate(user, options.passphrases());
        String password = options.password();
        KnownUsers known = KnownUsers.load(options.home(), user);
        SeenMessages seen = SeenMessages.load(options.home(), user, SEEN_CAPACITY);
        History history = History.open(options.home(), user, keys);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            NodeTrust trust = options.plaintext() ? NodeTrust.PLAINTEXT : KnownNodes.load(options.home());
            NodeSession session = Await.result(logIn(vertx, options, trust, keys, password), REQUEST_TIMEOUT,
                    "logging in");
            SenderKeys senderKeys = SenderKeys.load(options.home(), user, session.user(), keys);
            return new ClientRuntime(options, trust, keys, password, known, vertx, session, new Messenger(vertx, session, keys,
                    known, seen, history, senderKeys), seen, history, senderKeys);
        } catch (Exception e) {
            seen.close();
            vertx.close();
            throw e;
        }
    }

    private static Future<NodeSession> logIn(Vertx vertx, ConnectionOptions options, NodeTrust trust, IdentityKeys keys,
                                             String password) {
        // A node that limits logins says when to come back: a script waits rather than fails.
        return TryAgain.whileLimited(vertx, () -> NodeSession.open(vertx, options.host(), options.port(), trust,
                options.user(), keys, password, options.invite()), options.host() + ":" + options.port(), line -> {
                    System.err.println("parley: " + line);
                    System.err.flush();
                });
    }

    /**
     * Logs in again after the connection dropped, with the same keys and password; the new
     * messenger shares this one's pins, history and group keys. For long commands (a file transfer).
     */
    Future<Messenger> reconnect() {
        return logIn(vertx, options, trust, keys, password).map(fresh -> {
            fresh.onNotice(session.notice());
            session = fresh;
            messenger = new Messenger(vertx, fresh, keys, known, seen, history, senderKeys);
            return messenger;
        });
    }

    /** The file offers this user took, kept encrypted in {@code HOME/files/USER.offers}; opened once, closed with this. */
    synchronized SealedLog fileOffers() throws IOException {
        if (fileOffers == null) {
            fileOffers = SealedLog.open(options.home().resolve("files").resolve(options.user() + ".offers"),
                    "file-offers", options.user(), keys);
        }
        return fileOffers;
    }

    /**
     * Says on {@code err} why a request waits (the node limits us: "node-a is limiting you: ...;
     * trying again in 2 s"), for this connection and the ones after a re-login.
     */
    ClientRuntime noticesTo(java.io.PrintWriter err) {
        session.onNotice(line -> {
            synchronized (err) {
                err.println("parley: " + line);
                err.flush();
            }
        });
        return this;
    }

    /** The fully qualified name the node gave us ({@code alice@node-a}). */
    String user() {
        return session.user();
    }

    Vertx vertx() {
        return vertx;
    }

    /** Encrypted sending and checked receiving for this user. */
    Messenger messenger() {
        return messenger;
    }

    History history() {
        return history;
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
        try {
            // Waited for: a history entry or seen id still being written on the worker would land
            // after the files were closed (and after the command had returned).
            Await.result(vertx.close(), Duration.ofSeconds(5), "stopping");
        } catch (Exception ignored) {
            // Leaving anyway.
        }
        try {
            seen.close();
            history.close();
            senderKeys.close();
            if (fileOffers != null) {
                fileOffers.close();
            }
        } catch (java.io.IOException ignored) {
            // Every id and entry was flushed as it was recorded.
        }
    }
}
