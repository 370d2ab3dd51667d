package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Welcome;

/**
 * What one client, or one address, can make a node do: hold memory before it logs in, open
 * connections, register accounts, send. Past each limit it is refused aloud, and a normal user on
 * the same node keeps chatting.
 */
@ExtendWith(VertxExtension.class)
class AbuseLimitsTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dataDir;

    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stopNodes() throws Exception {
        nodes.stopAll();
    }

    @Test
    void twoThousandConnectionsThatDeclareLargeFramesAndStallKeepTheHeapFlatOnBothPorts(Vertx vertx)
            throws Exception {
        // GIVEN a node with no connection caps, so that every connection gets as far as its first frame
        Node node = nodes.start(vertx, dataDir, Map.of());
        long before = usedHeapAfterGc();
        for (int port : new int[] {node.port(), node.s2sPort()}) {
            List<Socket> stalled = new ArrayList<>();
            try {
                // WHEN 2,000 connections each declare a frame of about 1 MB (a thousand of them also
                // send its first few bytes), then send nothing more
                for (int i = 0; i < 2000; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    stalled.add(socket);
                    OutputStream out = socket.getOutputStream();
                    out.write(ByteBuffer.allocate(4).putInt(1_000_000).array());
                    if (i % 2 == 0) {
                        out.write(new byte[200]);
                    }
                    out.flush();
                }
                // THEN the node holds no more than a few KiB for each of them
                long grown = usedHeapAfterGc() - before;
                assertTrue(grown < 100 * MIB, "the heap grew by " + grown / MIB + " MiB with 2,000 stalled"
                        + " connections on port " + port);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
        // and the node still serves a user
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            alice.send(new Send("m1", "alice"), "still here".getBytes(UTF_8));
            assertEquals("m1", alice.awaitType(Delivery.class).id());
        }
    }

    @Test
    void theLongestPasswordFitsTheFramesAllowedBeforeLogin(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        // 1,024 characters that JSON escapes to six bytes each: the largest login a client can send
        try (TestClient client = TestClient.connect(node.port())) {
            assertEquals("carol@test", client.loginAs("carol", "\u0001".repeat(1024)).user());
        }
    }

    @Test
    void connectionsFromOneAddressPastTheCapAreRefusedWithRetryAfter(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, limits(Map.of("maxConnectionsPerAddress", 3)));
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                TestClient client = TestClient.connect(node.port());
                open.add(client);
                client.hello();
            }
            try (TestClient fourth = TestClient.connect(node.port())) {
                ErrorFrame refusal = fourth.expect(ErrorFrame.class);
                assertEquals(ErrorCode.RATE_LIMITED, refusal.code());
                assertTrue(refusal.message().contains("3 connections are open from 127.0.0.1"), refusal.message());
                assertNotNull(refusal.retryAfterMillis());
                assertTrue(fourth.awaitClosed());
            }
            // one closes: another may come
            open.remove(0).close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try (TestClient again = TestClient.connect(node.port())) {
                    again.send(new org.parley.protocol.message.ClientHello(org.parley.protocol.Protocol.VERSION, "t"));
                    Frame<ServerMessage> answer = again.next();
                    return answer != null && answer.header() instanceof ServerHello;
                }
            });
        } finally {
            for (TestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void aRegistrationFloodIsRefusedAtTheConfiguredRateWhileAUserWithAnAccountLogsIn(Vertx vertx)
            throws Exception {
        Node node = nodes.start(vertx, dataDir, limits(Map.of("registrationBurstPerAddress", 3,
                "registrationsPerHourPerAddress", 1)));
        try (TestClient alice = TestClient.login(node.port(), "alice")) {
            // WHEN one address registers ten accounts in a row (alice's was the first)
            int welcomed = 1;
            List<ErrorFrame> refused = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                try (TestClient flood = TestClient.connect(node.port())) {
                    ServerHello hello = flood.hello();
                    flood.send(flood.signedLogin(hello, "flood" + i, null));
                    Frame<ServerMessage> answer = flood.next();
                    if (answer.header() instanceof Welcome) {
                        welcomed++;
                    } else {
                        refused.add(assertInstanceOf(ErrorFrame.class, answer.header()));
                    }
                }
            }
            // THEN three accounts were made (the burst) and seven refused, each with when to try again
            assertEquals(3, welcomed);
            assertEquals(8, refused.size());
            for (ErrorFrame refusal : refused) {
                assertEquals(ErrorCode.RATE_LIMITED, refusal.code());
                assertTrue(refusal.message().contains("too many new accounts from 127.0.0.1"), refusal.message());
                assertTrue(refusal.retryAfterMillis() > 1000, refusal.toString());
            }
            // and alice, who has an account, still logs in and chats
            try (TestClient again = TestClient.login(node.port(), "alice", alice.keys())) {
                again.send(new Send("m1", "alice"), "hi".getBytes(UTF_8));
                assertEquals("m1", again.awaitType(Delivery.class).id());
            }
        }
    }

    @Test
    void aSendFloodIsRefusedAtTheConfiguredRateWhileOthersKeepChatting(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, limits(Map.of("messagesPerSecond", 20, "messageBurst", 20,
                "broadcastsPerMinute", 2, "broadcastBurst", 2)));
        try (TestClient flooder = TestClient.login(node.port(), "flooder");
             TestClient alice = TestClient.login(node.port(), "alice");
             TestClient bob = TestClient.login(node.port(), "bob")) {
            // WHEN the flooder sends 500 messages to bob at once, and 10 broadcasts
            long started = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                flooder.send(new Send("f" + i, "bob"), "flood".getBytes(UTF_8));
            }
            for (int i = 0; i < 10; i++) {
                flooder.send(new Send("b" + i, "*"), "shout".getBytes(UTF_8));
            }
            // and alice writes to bob meanwhile
            for (int i = 0; i < 20; i++) {
                alice.send(new Send("a" + i, "bob"), ("from alice " + i).getBytes(UTF_8));
            }
            int accepted = 0;
            int limited = 0;
            int broadcastsLimited = 0;
            for (int i = 0; i < 510; i++) {
                ServerMessage answer = flooder.awaitFrame(Accepted.class, ErrorFrame.class).header();
                if (answer instanceof Accepted) {
                    accepted++;
                } else {
                    ErrorFrame error = (ErrorFrame) answer;
                    assertEquals(ErrorCode.RATE_LIMITED, error.code(), error.toString());
                    assertTrue(error.retryAfterMillis() > 0, error.toString());
                    if (error.ref().startsWith("b")) {
                        broadcastsLimited++;
                    } else {
                        limited++;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // THEN the flooder had its burst and the rate accepted, no more, and was told why for the rest
            assertTrue(accepted <= 20 + 2 + Math.ceil(20 * seconds) + 1, accepted + " accepted in " + seconds + " s");
            assertTrue(accepted >= 22, accepted + " accepted");
            assertEquals(8, broadcastsLimited);
            assertEquals(510 - accepted - broadcastsLimited, limited);
            // and every one of alice's messages reached bob
            int fromAlice = 0;
            while (fromAlice < 20) {
                Delivery delivery = bob.awaitType(Delivery.class);
                if (delivery.from().equals("alice@test")) {
                    fromAlice++;
                }
            }
        }
    }

    @Test
    void wrongPasswordsMakeTheAccountWaitLongerAndLonger(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, limits(Map.of("failedLoginsBeforeDelay", 2)));
        org.parley.protocol.crypto.IdentityKeys keys;
        try (TestClient owner = TestClient.connect(node.port())) {
            owner.loginAs("carol", "right password");
            keys = owner.keys();
        }
        // WHEN someone with carol's key guesses her password twice, then a third time
        for (int i = 0; i < 2; i++) {
            try (TestClient thief = TestClient.connect(node.port(), keys)) {
                thief.send(thief.signedLogin(thief.hello(), "carol", "guess " + i));
                assertEquals(ErrorCode.BAD_PASSWORD, thief.expect(ErrorFrame.class).code());
            }
        }
        try (TestClient thief = TestClient.connect(node.port(), keys)) {
            ServerHello hello = thief.hello();
            thief.send(thief.signedLogin(hello, "carol", "right password"));
            // THEN the third attempt must wait, even with the right password, and is told how long
            ErrorFrame wait = thief.expect(ErrorFrame.class);
            assertEquals(ErrorCode.RATE_LIMITED, wait.code());
            assertTrue(wait.retryAfterMillis() > 0 && wait.retryAfterMillis() <= 1000, wait.toString());
            // and, not being closed, may try again on the same connection once the wait is over
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                thief.send(thief.signedLogin(hello, "carol", "right password"));
                return thief.awaitFrame(Welcome.class, ErrorFrame.class).header() instanceof Welcome;
            });
        }
    }

    private static Map<String, Object> limits(Map<String, Object> limits) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("limits", limits);
        return settings;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
