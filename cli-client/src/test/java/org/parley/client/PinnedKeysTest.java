package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.client.Settled.cause;
import static org.parley.client.Settled.result;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.Messenger;
import org.parley.client.e2ee.SeenMessages;
import org.parley.client.e2ee.SenderKeys;
import org.parley.client.history.History;
import org.parley.client.net.NodeSession;
import org.parley.client.net.NodeTrust;
import org.parley.client.trust.KeyChangedException;
import org.parley.client.trust.KnownUsers;
import org.parley.node.Node;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;

/**
 * Messages to a pinned contact are sealed to the pin: the node is asked for their keys once per
 * connection, not for every message, and a key change is still reported. Alice's connection runs
 * through a {@link TamperingNode} that only counts the {@code keys} requests it relays.
 */
class PinnedKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path data;

    @TempDir
    Path home;

    private Vertx vertx;
    private Node node;
    private TamperingNode counting;
    private final AtomicInteger keysRequests = new AtomicInteger();
    private final List<NodeSession> sessions = new ArrayList<>();
    /** Closed once Vert.x has stopped, so no history entry is still being written to them. */
    private final List<AutoCloseable> stores = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, Map.of("name", "node-p", "dataDir", data.toString(), "plaintext", true));
        counting = new TamperingNode(vertx, node.port());
        counting.fromClient = frame -> {
            if (frame.header() instanceof KeysRequest) {
                keysRequests.incrementAndGet();
            }
            return List.of(frame);
        };
    }

    @AfterEach
    void stop() throws Exception {
        for (NodeSession session : sessions) {
            result(session.close());
        }
        counting.close();
        TestNodes.stop(vertx, List.of(node));
        for (AutoCloseable store : stores) {
            store.close();
        }
    }


    private NodeSession logIn(int port, String user, IdentityKeys keys) throws Exception {
        NodeSession session = result(NodeSession.open(vertx, "127.0.0.1", port, NodeTrust.PLAINTEXT, user, keys, null));
        sessions.add(session);
        return session;
    }

    /** Alice's messenger on a new connection through the counting node, with her pins and stores in {@code home}. */
    private Messenger alice(IdentityKeys keys) throws Exception {
        NodeSession session = logIn(counting.port(), "alice", keys);
        SeenMessages seen = SeenMessages.load(home, "alice", 1000);
        History history = History.open(home, "alice", keys);
        SenderKeys senderKeys = SenderKeys.load(home, "alice", session.user(), keys);
        stores.addAll(List.of(seen, history, senderKeys));
        return new Messenger(vertx, session, keys, KnownUsers.load(home, "alice"), seen, history, senderKeys);
    }

    @Test
    void theSecondMessageToAPinnedContactDoesNotAskTheNodeForTheirKeys() throws Exception {
        IdentityKeys aliceKeys = IdentityKeys.generate(RANDOM);
        logIn(node.port(), "bob", IdentityKeys.generate(RANDOM));
        Messenger alice = alice(aliceKeys);

        result(alice.send("bob", "first"));
        result(alice.send("bob", "second"));
        result(alice.send("bob@node-p", "third"));
        assertEquals(2, keysRequests.get(), "one for bob, one for bob@node-p, none after");

        // A new run of the client compares the pin with the network once more, then uses it.
        Messenger again = alice(aliceKeys);
        result(again.send("bob", "fourth"));
        result(again.send("bob", "fifth"));
        assertEquals(3, keysRequests.get());
    }

    @Test
    void aContactWhoRegisteredAgainWithNewKeysIsReportedAsChanged() throws Exception {
        NodeSession bob = logIn(node.port(), "bob", IdentityKeys.generate(RANDOM));
        Messenger alice = alice(IdentityKeys.generate(RANDOM));
        List<PresenceNotice.Entry> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        alice.session().onPresence(heard::add);
        result(alice.send("bob", "first"));
        result(alice.send("bob", "second"));
        assertEquals(1, keysRequests.get());

        // bob loses his keys: he deletes the account and registers the name again, with new ones
        result(bob.deleteAccount());
        logIn(node.port(), "bob", IdentityKeys.generate(RANDOM));
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains(
                new PresenceNotice.Entry("bob@node-p", Presence.ONLINE, null)));

        Throwable refused = cause(alice.send("bob", "third"));
        assertInstanceOf(KeyChangedException.class, refused);
        assertTrue(refused.getMessage().contains("CHANGED"), refused.getMessage());
        assertEquals(2, keysRequests.get(), "bob's coming back made alice ask for his keys again");
    }
}
