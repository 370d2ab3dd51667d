package org.parley.node;

import org.parley.protocol.message.GroupAction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.tls.NodeCertificate;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * A web client on a node's HTTPS port speaks the same protocol as the command-line client, to users
 * on any node: TLS with the node's certificate or the operator's, one frame per binary message.
 */
class WebClientTest extends ClusterTest {

    private static final Map<String, Object> TLS = Map.of("plaintext", false);

    @Test
    void aWebUserChatsWithATcpUserOnAnotherNodePostsInAGroupAndGetsWhatWaitedWhileAway(Vertx vertx)
            throws Exception {
        // GIVEN wendy in a browser on node-a and bob with the command-line client on node-b
        Node a = cluster.start("node-a", TLS);
        Node b = cluster.start("node-b", TLS, a.s2sPort());
        IdentityKeys wendyKeys = IdentityKeys.generate(new SecureRandom());
        try (TestClient bob = TestClient.loginTls(b.port(), "bob")) {
            WebSocketTestClient wendy = WebSocketTestClient.login(vertx, a, "wendy", wendyKeys);
            cluster.awaitConverged(List.of("wendy@node-a", "bob@node-b"));

            // WHEN they write to each other across the nodes
            wendy.send(new Send("w1", "bob@node-b"), "hello from the web".getBytes(UTF_8));
            assertEquals("w1", wendy.awaitType(Accepted.class).id());
            Frame<ServerMessage> atBob = bob.awaitFrame(Delivery.class);
            bob.send(new Send("b1", "wendy@node-a"), "hello from the terminal".getBytes(UTF_8));
            Frame<ServerMessage> atWendy = wendy.awaitFrame(Delivery.class);

            // THEN each gets the other's words
            assertEquals("wendy@node-a", ((Delivery) atBob.header()).from());
            assertEquals("hello from the web", new String(atBob.body(), UTF_8));
            assertEquals("bob@node-b", ((Delivery) atWendy.header()).from());
            assertEquals("hello from the terminal", new String(atWendy.body(), UTF_8));
            wendy.send(new Ack(List.of("b1")));

            // WHEN wendy makes a group that bob joins, and posts in it
            assertGroupAnswer(wendy, new GroupRequest("g1", GroupAction.CREATE, "#web", null, true));
            assertGroupAnswer(bob, new GroupRequest("g2", GroupAction.JOIN, "#web@node-a", null, null));
            wendy.send(new Send("w2", "#web@node-a"), "welcome to #web".getBytes(UTF_8));

            // THEN bob reads her post, and she reads his
            Frame<ServerMessage> post = bob.awaitFrame(Delivery.class);
            assertEquals("#web@node-a", ((Delivery) post.header()).to());
            assertEquals("welcome to #web", new String(post.body(), UTF_8));
            bob.send(new Send("b2", "#web@node-a"), "thanks".getBytes(UTF_8));
            Frame<ServerMessage> reply = wendy.awaitFrame(Delivery.class);
            assertEquals("bob@node-b", ((Delivery) reply.header()).from());
            assertEquals("thanks", new String(reply.body(), UTF_8));
            wendy.send(new Ack(List.of(((Delivery) reply.header()).id())));

            // WHEN wendy closes her tab, and bob writes meanwhile
            wendy.send(new Bye());
            assertEquals((short) 1000, wendy.awaitCloseCode());
            wendy.close();
            bob.send(new Send("b3", "wendy@node-a"), "while you were away".getBytes(UTF_8));
            awaitAccepted(bob, "b3");

            // THEN she gets it when she comes back (after anything her node was not sure she had read)
            WebSocketTestClient back = WebSocketTestClient.login(vertx, a, "wendy", wendyKeys);
            Frame<ServerMessage> waited = back.awaitFrame(Delivery.class);
            while (!"b3".equals(((Delivery) waited.header()).id())) {
                waited = back.awaitFrame(Delivery.class);
            }
            assertEquals("while you were away", new String(waited.body(), UTF_8));
            assertEquals(null, back.unreadable(), "every message from the node held exactly one frame");
            back.close();
        }
    }

    /** Skips the acceptances of earlier messages. */
    private static void awaitAccepted(FrameClient client, String id) throws Exception {
        while (!id.equals(client.awaitType(Accepted.class).id())) {
            // an earlier message's
        }
    }

    private static void assertGroupAnswer(FrameClient client, GroupRequest request) throws Exception {
        client.send(request);
        Frame<ServerMessage> answer = client.awaitFrame(GroupInfo.class, ErrorFrame.class);
        assertTrue(answer.header() instanceof GroupInfo, "group " + request.action() + ": " + answer.header());
    }

    @Test
    void theWebPortServesTheOperatorsCertificateWhenGivenOne(Vertx vertx) throws Exception {
        // GIVEN an operator's certificate and key, in PEM files of their own
        TransportSecurity.Tls operators = NodeCertificate.loadOrCreate(root.resolve("operator"), "chat.example.org");
        Path cert = root.resolve("operator").resolve("tls").resolve("cert.pem");
        Path key = root.resolve("operator").resolve("tls").resolve("key.pem");

        // WHEN a node starts with them
        Node a = cluster.start("node-a", Map.of("plaintext", false, "tlsCertFile", cert.toString(),
                "tlsKeyFile", key.toString()));

        // THEN a web client sees that certificate and logs in over it
        WebSocketTestClient client = WebSocketTestClient.login(vertx, a, "wendy",
                IdentityKeys.generate(new SecureRandom()));
        assertEquals(operators.fingerprint(), Fingerprint.of(client.peerCertificates().get(0).getEncoded()));
        assertTrue(a.webSocketUrl().startsWith("wss://127.0.0.1:"), a.webSocketUrl());
        assertFalse(Files.exists(root.resolve("node-a").resolve("tls").resolve("cert.pem")),
                "the node made no certificate of its own");
        client.close();
    }

    @Test
    void aWebPortInUseIsNamedWhenTheNodeCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Exception refused = assertThrows(Exception.class,
                    () -> cluster.start("node-a", Map.of("webPort", taken.getLocalPort())));

            assertTrue(String.valueOf(refused.getMessage()).contains("web port " + taken.getLocalPort() + ": "),
                    refused.getMessage());
        }
    }

    @Test
    void theWebPortServesThePageUnderAStrictPolicyAndNothingElse(Vertx vertx) throws Exception {
        Node a = cluster.start("node-a", TLS);
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
                .setVerifyHost(false));

        HttpClientResponse page = http.request(HttpMethod.GET, a.webPort(), "127.0.0.1", "/")
                .compose(request -> request.putHeader("Accept-Encoding", "gzip").send()).await(10, TimeUnit.SECONDS);
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.getHeader("Content-Type"));
        assertEquals("gzip", page.getHeader("Content-Encoding"), "the page is served compressed");
        assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"),
                page.getHeader("Content-Security-Policy"));
        assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
        String etag = page.getHeader("ETag");
        assertEquals(304, http.request(HttpMethod.GET, a.webPort(), "127.0.0.1", "/")
                .compose(request -> request.putHeader("If-None-Match", etag).send())
                .await(10, TimeUnit.SECONDS).statusCode(), "a browser that holds the page revalidates it for nothing");

        assertTrue(get(http, a, "/").contains("<title>Parley</title>"));
        assertTrue(get(http, a, "/js/main.js").startsWith("200 "), "the page's modules are served");
        assertEquals("404 Not found.\n", get(http, a, "/nothing-here.html"));
        assertEquals("404 Not found.\n", get(http, a, "/../pom.xml"));
        assertTrue(get(http, a, "/ws").startsWith("400 This is node node-a's WebSocket endpoint"),
                "a plain request to /ws is told what the endpoint is");
        http.close();
    }

    private static String get(HttpClient http, Node node, String path) throws Exception {
        return http.request(HttpMethod.GET, node.webPort(), "127.0.0.1", path)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() + " " + body.toString(UTF_8)))
                .await(10, TimeUnit.SECONDS);
    }
}
