package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;

/**
 * What a hostile or broken web client gets: the same error frames as over TCP, then a WebSocket
 * close code that says why, while the node's other users keep chatting.
 */
@ExtendWith(VertxExtension.class)
class WebSocketHostileInputTest {

    /** Few enough that a test can reach it; alice and bob have logged in, so they do not count. */
    private static final int MAX_PENDING_LOGINS = 3;

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private NodeWithTwoUsers users;
    private Node node;

    @BeforeEach
    void startNodeWithTwoUsers(Vertx vertx) throws Exception {
        this.vertx = vertx;
        users = new NodeWithTwoUsers(vertx, dataDir, Map.of("limits", Map.of("maxPendingLogins",
                MAX_PENDING_LOGINS, "registrationBurstPerAddress", 100)));
        node = users.node;
    }

    @AfterEach
    void stop() throws Exception {
        users.close();
    }

    @Test
    void badFramesGetTheSameErrorsOverAWebSocketAsOverTcpAndACloseCodeThatSaysWhy() throws Exception {
        record Bad(String what, byte[] bytes, boolean loggedIn, ErrorCode code, short closeCode) { }
        List<Bad> cases = List.of(
                // the start of an ELF file: read as a length, two gigabytes
                new Bad("garbage", "\u007fELF and more garbage".getBytes(UTF_8), false, ErrorCode.FRAME_TOO_LARGE,
                        (short) 1009),
                new Bad("a message before login", FrameEncoder.client().encode(new Send("m1", "alice"),
                        "let me in".getBytes(UTF_8)), false, ErrorCode.NOT_LOGGED_IN, (short) 1002),
                new Bad("an unknown type", RawFrames.frame("{\"type\":\"nonsense\"}", new byte[0]), false,
                        ErrorCode.MALFORMED_FRAME, (short) 1002),
                new Bad("a header cut short", RawFrames.frame("{\"type\":\"send\",\"id\":", new byte[0]), true,
                        ErrorCode.MALFORMED_FRAME, (short) 1002),
                new Bad("a second hello", FrameEncoder.client().encode(new ClientHello(Protocol.VERSION, "again")),
                        true, ErrorCode.UNEXPECTED_FRAME, (short) 1002));
        int logins = 0;
        for (Bad bad : cases) {
            ErrorFrame overTcp;
            try (TestClient tcp = TestClient.connect(node.port())) {
                if (bad.loggedIn()) {
                    tcp.loginAs("tcp" + ++logins, null);
                }
                overTcp = refusal(tcp, bad.bytes());
            }
            try (WebSocketTestClient web = WebSocketTestClient.connect(vertx, node)) {
                if (bad.loggedIn()) {
                    web.loginAs("web" + logins, null);
                }
                ErrorFrame overWeb = refusal(web, bad.bytes());

                assertEquals(bad.code(), overWeb.code(), bad.what());
                assertEquals(overTcp, overWeb, bad.what() + ": the same error as over TCP");
                assertEquals(bad.closeCode(), web.awaitCloseCode(), bad.what());
            }
        }
        users.assertStillChat("after bad frames over both");
    }

    private static ErrorFrame refusal(FrameClient client, byte[] bytes) throws Exception {
        client.sendRaw(bytes);
        ErrorFrame error = client.awaitType(ErrorFrame.class);
        assertTrue(client.awaitClosed(), "closed after " + error);
        return error;
    }

    @Test
    void aTextMessageIsRefusedAndTheWebSocketClosedAsUnsupportedData() throws Exception {
        try (WebSocketTestClient web = WebSocketTestClient.connect(vertx, node)) {
            web.sendText("{\"type\":\"hello\",\"version\":1,\"agent\":\"a text client\"}");

            assertEquals(ErrorCode.MALFORMED_FRAME, web.awaitType(ErrorFrame.class).code());
            assertEquals((short) 1003, web.awaitCloseCode());
        }
        users.assertStillChat("after a text message");
    }

    @Test
    void aMessageOverThePreLoginLimitIsRefusedAsTooLarge() throws Exception {
        try (WebSocketTestClient web = WebSocketTestClient.connect(vertx, node)) {
            web.hello();

            // a frame that fits the limits of a logged-in user, but not those of a stranger
            web.send(new Send("m1", "alice"), new byte[FrameLimits.BEFORE_LOGIN.maxFrameBytes()]);

            ErrorFrame error = web.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
            assertTrue(error.message().contains(String.valueOf(FrameLimits.BEFORE_LOGIN.maxFrameBytes())),
                    error.message());
            assertEquals((short) 1009, web.awaitCloseCode());
        }
        users.assertStillChat("after an oversized message before login");
    }

    @Test
    void aMessageOverTheFrameLimitAfterLoginIsRefusedAsTooLargeInPiecesOrWhole() throws Exception {
        byte[] tooLarge = new byte[FrameLimits.CLIENT_TO_NODE.maxFrameBytes()];
        // GIVEN a web user whose client sends a long message in WebSocket frames of 64 KiB
        try (WebSocketTestClient pieces = WebSocketTestClient.connect(vertx, node)) {
            pieces.loginAs("carol", null);

            pieces.send(new Send("m1", "alice"), tooLarge);

            // THEN the node refuses it as it grows past the limit, in words, then closes
            assertEquals(ErrorCode.FRAME_TOO_LARGE, pieces.awaitType(ErrorFrame.class).code());
            assertEquals((short) 1009, pieces.awaitCloseCode());
        }
        // GIVEN one whose client sends it as a single WebSocket frame
        try (WebSocketTestClient whole = WebSocketTestClient.connect(vertx, node, 4 << 20,
                IdentityKeys.generate(new SecureRandom()))) {
            whole.loginAs("dave", null);

            whole.send(new Send("m2", "alice"), tooLarge);

            // THEN the WebSocket codec refuses the frame by its declared size, before reading it
            assertEquals(ErrorCode.FRAME_TOO_LARGE, whole.awaitType(ErrorFrame.class).code());
            assertEquals((short) 1009, whole.awaitCloseCode());
        }
        users.assertStillChat("after oversized messages");
    }

    @Test
    void aFloodOfConnectionsThatDoNotLogInIsRefusedWithRetryAfterAndAskedToTryAgainLater() throws Exception {
        // GIVEN as many web clients waiting to log in as the node allows
        List<WebSocketTestClient> waiting = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING_LOGINS; i++) {
            WebSocketTestClient client = WebSocketTestClient.connect(vertx, node);
            waiting.add(client);
            assertNotNull(client.hello(), "admitted");
        }
        try {
            // WHEN more come
            for (int i = 0; i < 5; i++) {
                try (WebSocketTestClient refused = WebSocketTestClient.connect(vertx, node)) {

                    // THEN each is told why and when to try again, and closed as "try again later"
                    ErrorFrame error = refused.expect(ErrorFrame.class);
                    assertEquals(ErrorCode.RATE_LIMITED, error.code());
                    assertTrue(error.retryAfterMillis() != null && error.retryAfterMillis() > 0, error.toString());
                    assertEquals((short) 1013, refused.awaitCloseCode());
                }
            }
            users.assertStillChat("during a flood of connections");
        } finally {
            for (WebSocketTestClient client : waiting) {
                client.close();
            }
        }
    }

    @Test
    void aFloodOfFramesBeforeLoginEndsAtTheFirstOneOutOfTurn() throws Exception {
        try (WebSocketTestClient web = WebSocketTestClient.connect(vertx, node)) {
            for (int i = 0; i < 100; i++) {
                web.flood(FrameEncoder.client().encode(new ClientHello(Protocol.VERSION, "flood " + i)));
            }

            web.expect(ServerHello.class);
            assertEquals(ErrorCode.NOT_LOGGED_IN, web.expect(ErrorFrame.class).code());
            assertEquals((short) 1002, web.awaitCloseCode());
            web.assertNothingPending();
        }
        users.assertStillChat("after a flood of frames");
    }
}
