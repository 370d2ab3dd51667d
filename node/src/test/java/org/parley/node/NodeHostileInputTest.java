package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Send;

/**
 * Whatever one connection sends, it gets a clear error and the users beside it keep chatting.
 */
@ExtendWith(VertxExtension.class)
class NodeHostileInputTest {

    @TempDir
    Path dataDir;

    private NodeWithTwoUsers users;
    private Node node;
    private TestClient alice;
    private TestClient bob;

    @BeforeEach
    void startNodeWithTwoUsers(Vertx vertx) throws Exception {
        users = new NodeWithTwoUsers(vertx, dataDir, Map.of("maxQueuedBytes", 65536));
        node = users.node;
        alice = users.alice;
        bob = users.bob;
    }

    @AfterEach
    void stop() throws Exception {
        users.close();
    }

    @Test
    void garbageBytesGetAnErrorAndTheConnectionIsClosed() throws Exception {
        try (TestClient intruder = TestClient.connect(node.port())) {

            // the start of an ELF file: read as a length, two gigabytes (HTTP gets an answer of its own)
            intruder.sendRaw("\u007fELF and more garbage".getBytes(UTF_8));

            assertEquals(ErrorCode.FRAME_TOO_LARGE, intruder.expect(ErrorFrame.class).code());
            assertTrue(intruder.awaitClosed());
        }
        assertAliceAndBobStillChat("after garbage");
    }

    @Test
    void aHundredMebibyteLengthPrefixIsRefusedWithoutWaitingForTheBytes() throws Exception {
        try (TestClient intruder = TestClient.connect(node.port())) {
            intruder.hello();

            intruder.sendRaw(new byte[] {0x06, 0x40, 0x00, 0x00}); // 104,857,600 bytes announced

            ErrorFrame error = intruder.expect(ErrorFrame.class);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
            assertTrue(error.message().contains("104857600"), error.message());
            assertTrue(intruder.awaitClosed());
        }
        assertAliceAndBobStillChat("after an oversized frame");
    }

    @Test
    void aLoggedInUserWhoSendsGarbageIsDisconnectedAndAnnouncedGone() throws Exception {
        alice.watch("carol");
        try (TestClient carol = TestClient.login(node.port(), "carol")) {
            alice.awaitType(PresenceNotice.class);

            carol.sendRaw(RawFrames.frame("{\"type\":\"send\",\"id\":", new byte[0]));

            assertEquals(ErrorCode.MALFORMED_FRAME, carol.expect(ErrorFrame.class).code());
            assertTrue(carol.awaitClosed());
            PresenceNotice gone = alice.awaitType(PresenceNotice.class);
            assertEquals("carol@test", gone.user());
            assertEquals("malformed frame", gone.reason());
        }
        assertAliceAndBobStillChat("after a malformed frame");
    }

    @Test
    void aMessageBeforeLoginIsRefused() throws Exception {
        try (TestClient intruder = TestClient.connect(node.port())) {

            intruder.send(new Send("m1", "alice"), "let me in".getBytes(UTF_8));

            ErrorFrame error = intruder.expect(ErrorFrame.class);
            assertEquals(ErrorCode.NOT_LOGGED_IN, error.code());
            assertTrue(intruder.awaitClosed());
        }
        assertAliceAndBobStillChat("after a frame before login");
    }

    @Test
    void aMessageBetweenHelloAndLoginIsRefused() throws Exception {
        try (TestClient intruder = TestClient.connect(node.port())) {
            intruder.hello();

            intruder.send(new Send("m1", "alice"), new byte[0]);

            assertEquals(ErrorCode.NOT_LOGGED_IN, intruder.expect(ErrorFrame.class).code());
            assertTrue(intruder.awaitClosed());
        }
    }

    @Test
    void aSecondHelloAfterLoginIsUnexpected() throws Exception {
        alice.send(new ClientHello(1, "again"));

        assertEquals(ErrorCode.UNEXPECTED_FRAME, alice.awaitType(ErrorFrame.class).code());
        assertTrue(alice.awaitClosed());
    }

    @Test
    void aReaderThatStallsIsCutOffAndTheSenderCarriesOn() throws Exception {
        alice.watch("dave");
        try (TestClient dave = TestClient.login(node.port(), "dave")) {
            alice.awaitType(PresenceNotice.class);
            dave.pauseReading();

            // WHEN alice sends far more than the kernel buffers and dave's 64 KiB queue can hold
            int messages = 1000;
            byte[] chunk = new byte[60_000];
            for (int i = 0; i < messages; i++) {
                alice.send(new Send("f" + i, "dave"), chunk);
            }

            // THEN every message is accepted: it waits in dave's mailbox, whatever becomes of his connection
            int accepted = 0;
            while (accepted < messages) {
                var frame = alice.next();
                if (frame == null) {
                    break;
                }
                assertTrue(frame.header() instanceof Accepted || frame.header() instanceof PresenceNotice,
                        frame.header().toString());
                if (frame.header() instanceof Accepted) {
                    accepted++;
                }
            }
            assertEquals(messages, accepted);
            // AND dave, once he reads again, is told why he was cut off
            dave.resumeReading();
            assertEquals(ErrorCode.SLOW_CONSUMER, dave.awaitType(ErrorFrame.class).code());
            assertTrue(dave.awaitClosed());
            // AND nothing is lost: all of it waits for his next login
            assertEquals(messages, node.mailboxes().waiting().toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).get("dave"));
        }
        assertAliceAndBobStillChat("after a flood");
    }

    private void assertAliceAndBobStillChat(String when) throws Exception {
        users.assertStillChat(when);
    }

    @Test
    void anHttpRequestToTheClientPortGetsAReadableAnswer() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), node.port())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request"), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("speaks the Parley protocol"), answer);
        }
        // and the node goes on serving its users
        alice.send(new org.parley.protocol.message.Send("after-http", "bob"), "still here".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("after-http", bob.awaitType(org.parley.protocol.message.Delivery.class).id());
    }
}
