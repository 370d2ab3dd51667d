package org.parley.federation.bulk;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.parley.federation.Federation;
import org.parley.federation.FederationConfig;
import org.parley.federation.FederationMode;
import org.parley.federation.LocalUsers;
import org.parley.federation.PeerAddress;
import org.parley.federation.delivery.OutboxStore;
import org.parley.federation.gossip.Directory;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.federation.gossip.DirectoryStore;
import org.parley.federation.gossip.UserRecord;
import org.parley.federation.link.MemoryPinStore;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.net.TransportSecurity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.Flood;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.Refusal;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/**
 * Two real federations in one Vert.x, node-a and node-b, linked over 127.0.0.1: node-b dials
 * node-a through a proxy the test can cut. alice is a user of node-a, carol of node-b; what reaches
 * carol is handed to {@link #chatAtB}.
 */
final class LinkedNodes {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final UserAddress ALICE = new UserAddress("alice", "node-a");
    static final UserAddress CAROL = new UserAddress("carol", "node-b");

    final Federation a;
    final Federation b;
    final Users usersOfB;
    private final Proxy proxy;

    private LinkedNodes(Federation a, Federation b, Users usersOfB, Proxy proxy) {
        this.a = a;
        this.b = b;
        this.usersOfB = usersOfB;
        this.proxy = proxy;
    }

    /** Starts both nodes and waits until they are linked and node-a knows carol. */
    static LinkedNodes start(Vertx vertx, BulkLimits limits) throws Exception {
        NodeIdentity idA = identity("node-a");
        NodeIdentity idB = identity("node-b");
        Federation a = node(vertx, idA, idB, List.of(), limits, new Users(), "alice");
        Proxy proxy = new Proxy(vertx, a.s2sPort());
        int proxyPort = proxy.listen();
        Users usersOfB = new Users();
        Federation b = node(vertx, idB, idA, List.of(new PeerAddress("127.0.0.1", proxyPort)), limits, usersOfB,
                "carol");
        await().atMost(WAIT).until(() -> a.directory().user(CAROL).isPresent()
                && b.directory().user(ALICE).isPresent());
        return new LinkedNodes(a, b, usersOfB, proxy);
    }

    /** node-a alone, which links with {@code peer} only, when it dials; for a test that plays the peer itself. */
    static Federation nodeA(Vertx vertx, BulkLimits limits, NodeIdentity peer) throws Exception {
        return node(vertx, identity("node-a"), peer, List.of(), limits, new Users(), "alice");
    }

    private static Federation node(Vertx vertx, NodeIdentity self, NodeIdentity peer, List<PeerAddress> dial,
                                   BulkLimits limits, Users users, String user) throws Exception {
        Federation node = Federation.create(vertx, config(self, peer, dial, limits), self, new Directory(self.name()),
                new NothingKept(), new MemoryPinStore(), new NoOutbox());
        return node.open(vertx, users, List.of(user(user))).await(10, TimeUnit.SECONDS);
    }

    /** Cuts the link between the nodes for good: both ends see the connection drop. */
    void cut() {
        proxy.cut();
    }

    /** Alice of node-a sends carol of node-b a message over the link, the way chat between nodes goes. */
    Future<Void> chatToCarol(String id, String text) {
        return a.sendDirect(ALICE, CAROL, id, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static FederationConfig config(NodeIdentity self, NodeIdentity peer, List<PeerAddress> dial,
                                           BulkLimits limits) {
        return new FederationConfig(self.name(), "127.0.0.1", 0, dial, Set.of(), Map.of(peer.name(), peer.fingerprint()),
                FederationMode.CLOSED, 5, 50, 1000, 3600, 8, 1000, 1 << 20, new TransportSecurity.Plaintext(),
                DirectoryQuotas.DEFAULTS, limits);
    }

    static NodeIdentity identity(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    private static UserRecord user(String name) {
        return new UserRecord(name, "c2lnbmluZw==", "YWdyZWVtZW50", Presence.ONLINE, 1);
    }

    /** A node's users: chat for them is taken at once, and the test may look at the moment it arrives. */
    static final class Users implements LocalUsers {
        final List<String> chat = new CopyOnWriteArrayList<>();
        /** Runs on the federation's context as each message arrives, before it is listed. */
        volatile Runnable onChat = () -> { };

        @Override
        public Future<Optional<Refusal>> deliver(Envelope envelope, byte[] body) {
            onChat.run();
            chat.add(envelope.id());
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public void undeliverable(Envelope sent, Refusal why) {
        }

        @Override
        public void stored(Envelope sent) {
        }

        @Override
        public void receipt(String user, ReceiptNote note) {
        }

        @Override
        public int deliverBroadcast(Flood flood, byte[] body) {
            return 0;
        }

        @Override
        public void presenceChanged(UserAddress user, Presence presence, String reason) {
        }
    }

    /** A directory store that keeps nothing: these nodes do not restart. */
    private static final class NothingKept implements DirectoryStore {
        @Override
        public Future<List<org.parley.federation.wire.SignedEntry>> loadAll() {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Void> write(List<Write> batch) {
            return Future.succeededFuture();
        }
    }

    /** An outbox that stores nothing: these nodes do not restart. */
    private static final class NoOutbox implements OutboxStore {
        @Override
        public Future<List<Stored>> loadAll() {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Void> append(long row, Envelope envelope, byte[] body) {
            return Future.succeededFuture();
        }

        @Override
        public void removeUpTo(String destination, long row) {
        }
    }

    /** A TCP proxy on 127.0.0.1 in front of node-a; cutting it drops every connection and takes no more. */
    private static final class Proxy {
        private final Vertx vertx;
        private final int target;
        private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
        private NetServer server;
        private NetClient client;

        Proxy(Vertx vertx, int target) {
            this.vertx = vertx;
            this.target = target;
        }

        int listen() throws Exception {
            client = vertx.createNetClient();
            server = vertx.createNetServer();
            server.connectHandler(in -> {
                in.pause();
                client.connect(target, "127.0.0.1").onSuccess(out -> {
                    sockets.add(in);
                    sockets.add(out);
                    in.pipeTo(out);
                    out.pipeTo(in);
                }).onFailure(e -> in.close());
            });
            return server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        }

        void cut() {
            server.close();
            sockets.forEach(NetSocket::close);
        }
    }
}
