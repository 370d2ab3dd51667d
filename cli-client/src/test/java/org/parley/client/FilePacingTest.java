package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.bulk.BulkLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.files.FileSender;
import org.parley.client.net.NodeSession;
import org.parley.client.net.NodeTrust;
import org.parley.node.Node;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.e2ee.FileDeclined;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.frame.Frame;
import org.parley.client.trust.PublicKeys;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A slow receiver slows the sender: bob's client takes one piece of a file every 150 ms, and the
 * sender, far faster, never gets more than its window ahead of him. The pieces cross on a bulk
 * stream, so bob's node holds no more of the file than the credit it granted that stream, and
 * nothing in his mailbox (the rest stays on alice's disk). Without the end-to-end pacing, the whole
 * file would sit at bob's node within a second. And a recipient who declines a file stops a
 * {@code send-file} under way.
 */
class FilePacingTest {

    private static final int PIECES = 48;

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;
    private Vertx vertx;
    private Node a;
    private Node b;

    @BeforeEach
    void startNodes() throws Exception {
        nodes = new TwoNodes(data, Map.of("plaintext", true));
        vertx = nodes.vertx;
        a = nodes.a;
        b = nodes.b;
    }

    @AfterEach
    void stopNodes() throws Exception {
        nodes.close();
    }

    /** Once node-a knows bob: alice's {@code send-file} of {@link #PIECES} pieces of random bytes, under way. */
    private CliRun aliceSendsBob(String name) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> a.federation().directory().users().keySet().stream()
                .anyMatch(u -> u.name().equals("bob")));
        byte[] content = new byte[PIECES * FileSender.CHUNK_BYTES];
        new SecureRandom().nextBytes(content);
        Path file = Files.write(homes.resolve(name), content);
        return CliRun.start("--plaintext", "--host", "127.0.0.1", "--port", String.valueOf(a.port()),
                "--user", "alice", "--home", homes.resolve("alice").toString(), "send-file", "bob@node-b",
                file.toString());
    }

    @Test
    void aSlowReceiverHoldsTheSenderBackAndNothingPilesUpInItsNode() throws Exception {
        NodeSession bob = NodeSession.open(vertx, "127.0.0.1", b.port(), NodeTrust.PLAINTEXT, "bob",
                IdentityKeys.generate(new SecureRandom()), null).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        AtomicInteger taken = new AtomicInteger();
        ArrayDeque<String> arrived = new ArrayDeque<>();
        bob.onDelivery(frame -> arrived.add(((Delivery) frame.header()).id()));
        vertx.setPeriodic(150, t -> { // runs on a Vert.x thread, as onDelivery does: arrived is not shared further
            String id = arrived.poll();
            if (id != null) {
                bob.acknowledge(id);
                taken.incrementAndGet();
            }
        });
        CliRun sending = aliceSendsBob("big.bin");

        AtomicInteger held = new AtomicInteger();
        AtomicLong heldBytes = new AtomicLong();
        long sampler = vertx.setPeriodic(50, t -> {
            heldBytes.accumulateAndGet(b.federation().bulk().bufferedBytes(), Math::max);
            b.mailboxes().waiting().onSuccess(waiting -> held.accumulateAndGet(waiting.getOrDefault("bob", 0),
                    Math::max));
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> taken.get() >= PIECES / 2);
        vertx.cancelTimer(sampler);
        assertTrue(held.get() <= 1, "bob's mailbox held " + held.get() + " messages at once (the offer at most)");
        long most = heldBytes.get();
        assertTrue(most <= BulkLimits.DEFAULTS.windowBytes(), "bob's node held " + most + " bytes of the file");
        assertTrue(most >= FileSender.CHUNK_BYTES, "the sender should keep some pieces coming: " + most + " bytes");
        await().atMost(Duration.ofSeconds(60)).until(() -> taken.get() >= PIECES + 1);
        assertEquals(0, sending.awaitExit(), sending.stderr());
        bob.close();
    }

    @Test
    void aRecipientWhoDeclinesStopsASendFileUnderWay() throws Exception {
        IdentityKeys bobKeys = IdentityKeys.generate(new SecureRandom());
        NodeSession bob = NodeSession.open(vertx, "127.0.0.1", b.port(), NodeTrust.PLAINTEXT, "bob", bobKeys, null)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ConcurrentLinkedQueue<Frame<ServerMessage>> arrived = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unacknowledged = new ConcurrentLinkedQueue<>();
        bob.onDelivery(frame -> {
            arrived.add(frame);
            unacknowledged.add(((Delivery) frame.header()).id());
        });
        // One piece a second: receipts keep coming, so the sender stays within its window (and would
        // need half a minute for the rest), however long the decline takes to reach it.
        long slowly = vertx.setPeriodic(1000, t -> {
            String id = unacknowledged.poll();
            if (id != null) {
                bob.acknowledge(id);
            }
        });
        CliRun sending = aliceSendsBob("unwanted.bin");

        await().atMost(Duration.ofSeconds(60)).until(() -> !arrived.isEmpty());
        Frame<ServerMessage> first = arrived.peek();
        Delivery delivery = (Delivery) first.header();
        PublicKeys alice = PublicKeys.of(bob.keys(delivery.from()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS));
        FileOffer offer = FileOffer.fromPlaintext(MessageSeal.open(bobKeys, "bob@node-b", delivery.id(),
                delivery.from(), alice.signing(), first.body())).orElseThrow();
        String id = NodeSession.newMessageId();
        bob.send(id, delivery.from(), MessageSeal.seal(bobKeys, id, "bob@node-b", delivery.from(), alice.agreement(),
                new FileDeclined(offer.fileId(), offer.name()).toPlaintext(), new SecureRandom()))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(1, sending.awaitExit(), sending.stderr());
        assertTrue(sending.stderr().contains("bob@node-b declined your file 'unwanted.bin'"), sending.stderr());
        assertTrue(arrived.size() < PIECES, "the whole file went out anyway: " + arrived.size() + " messages");
        vertx.cancelTimer(slowly);
        bob.close();
    }
}
