package org.parley.federation.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.Base64Key;

/**
 * Streams between two nodes without sockets: real stream managers, authenticators and codec, each
 * node on its own context, joined by a {@link StreamWire} that can lose or repeat frames.
 */
@ExtendWith(VertxExtension.class)
class StreamManagerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long RUN_A = 1_000;
    private static final long RUN_B = 2_000;

    private final NodeIdentity a = identity("node-a");
    private final NodeIdentity b = identity("node-b");
    private final Map<String, NodeRecord> records = Map.of("node-a", record(a), "node-b", record(b));
    private final StreamWire wire = new StreamWire();
    private final MemoryOutbox outboxOfA = new MemoryOutbox();
    private Vertx vertx;
    private StreamNode nodeA;
    private StreamNode nodeB;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        nodeA = new StreamNode(a, vertx.getOrCreateContext(), records, outboxOfA);
        nodeB = new StreamNode(b, vertx.getOrCreateContext(), records, new MemoryOutbox());
        wire.attach("node-a", nodeA);
        wire.attach("node-b", nodeB);
        get(nodeA.start(RUN_A, wire.from("node-a")));
        get(nodeB.start(RUN_B, wire.from("node-b")));
    }

    @Test
    void messagesArriveInTheOrderSentAndTheirSenderHearsOfEach() throws Exception {
        List<String> ids = ids(50);

        ids.forEach(id -> nodeA.send(id, "alice@node-a", "bob@node-b"));

        await().atMost(WAIT).until(() -> nodeA.confirmed().size() == ids.size());
        assertEquals(ids, nodeB.delivered());
        assertEquals(ids, nodeA.confirmed());
        assertEquals(List.of(), nodeB.forged(), "every envelope carried its origin's tag");
    }

    @Test
    void anEnvelopeThatArrivesTwiceIsDeliveredOnce() throws Exception {
        List<String> ids = ids(20);
        wire.copies(message -> message instanceof Envelope ? 2 : 1);

        ids.forEach(id -> nodeA.send(id, "alice@node-a", "bob@node-b"));

        await().atMost(WAIT).until(() -> nodeA.confirmed().size() == ids.size());
        assertEquals(ids, nodeB.delivered());
    }

    @Test
    void anAcknowledgementEmptiesTheOutboxUpToItsPosition() throws Exception {
        // GIVEN five messages delivered whose acknowledgements were lost
        AtomicBoolean acksLost = new AtomicBoolean(true);
        wire.copies(message -> message instanceof StreamAck && acksLost.get() ? 0 : 1);
        List<String> ids = ids(6);
        for (String id : ids.subList(0, 5)) {
            get(nodeA.send(id, "alice@node-a", "bob@node-b"));
        }
        await().atMost(WAIT).until(() -> nodeB.delivered().size() == 5);
        assertEquals(ids.subList(0, 5), outboxOfA.ids());
        assertEquals(Map.of("node-b", 5), nodeA.waiting());

        // WHEN the next one is acknowledged
        acksLost.set(false);
        nodeA.send(ids.get(5), "alice@node-a", "bob@node-b");

        // THEN its acknowledgement covers all six
        await().atMost(WAIT).until(() -> outboxOfA.ids().isEmpty());
        assertEquals(Map.of("node-b", 0), nodeA.waiting());
        assertEquals(ids, nodeA.confirmed());
        assertEquals(ids, nodeB.delivered());
    }

    @Test
    void aLostEnvelopeIsSentAgainAndNothingOvertakesIt() throws Exception {
        List<String> ids = ids(10);
        AtomicBoolean lost = new AtomicBoolean();
        wire.copies(message -> message instanceof Envelope envelope && envelope.id().equals(ids.get(1))
                && lost.compareAndSet(false, true) ? 0 : 1);

        ids.forEach(id -> nodeA.send(id, "alice@node-a", "bob@node-b"));

        await().atMost(WAIT).until(() -> nodeA.confirmed().size() == ids.size());
        assertEquals(ids, nodeB.delivered());
    }

    @Test
    void aRestartedNodeSendsWhatItsOutboxKept() throws Exception {
        // GIVEN messages accepted while node-b was unreachable, and node-a stopping before it came back
        wire.up(false);
        List<String> ids = ids(3);
        for (String id : ids) {
            get(nodeA.send(id, "alice@node-a", "bob@node-b"));
        }
        get(nodeA.crash());
        assertEquals(ids, outboxOfA.ids());

        // WHEN node-a runs again from the same outbox, and node-b becomes reachable
        StreamNode restarted = new StreamNode(a, vertx.getOrCreateContext(), records, outboxOfA);
        wire.attach("node-a", restarted);
        assertEquals(3, get(restarted.start(RUN_A + 1, wire.from("node-a"))));
        wire.up(true);
        restarted.routesChanged();

        // THEN node-b gets them in order, and node-a forgets them once node-b has them
        await().atMost(WAIT).until(() -> outboxOfA.ids().isEmpty());
        assertEquals(ids, nodeB.delivered());
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("m" + i);
        }
        return ids;
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static NodeIdentity identity(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    private static NodeRecord record(NodeIdentity node) {
        return new NodeRecord(node.name(), Base64Key.encode(node.publicKey()),
                Base64Key.encode(node.agreementPublic()), List.of(), Map.of(), 1);
    }
}
