package org.parley.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.tls.NodeCertificate;
import org.parley.protocol.crypto.Fingerprint;

/**
 * Renewing the operator's TLS certificate without a restart: replace the files, then {@code admin
 * reload}; new connections get the new certificate, on the client and node ports, and links still
 * come up.
 */
@ExtendWith(VertxExtension.class)
class CertificateRenewalTest {

    @TempDir
    Path folder;

    private final List<Node> running = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (Node node : running) {
            node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Node start(Vertx vertx, ConfigFile file) throws Exception {
        file.save();
        Node node = Node.start(vertx, file.source(), file.source().read(), NodeFixture.TEST_HASHER)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        running.add(node);
        return node;
    }

    /** A fresh self-signed certificate and key, as a certificate authority's renewal would hand over. */
    private String makeCertificate(String where) throws Exception {
        return NodeCertificate.loadOrCreate(folder.resolve(where), "node-a").fingerprint();
    }

    private void install(String where, Path cert, Path key) throws Exception {
        Files.copy(folder.resolve(where).resolve("tls").resolve("cert.pem"), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(folder.resolve(where).resolve("tls").resolve("key.pem"), key, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String presented(int port) throws Exception {
        try (SSLSocket socket = TestClient.tlsSocket(port)) {
            return Fingerprint.of(socket.getSession().getPeerCertificates()[0].getEncoded());
        }
    }

    @Test
    void replacedCertificateFilesServeNewConnectionsAfterAReload(Vertx vertx) throws Exception {
        String first = makeCertificate("issued-1");
        String second = makeCertificate("issued-2");
        assertNotEquals(first, second);
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        install("issued-1", cert, key);
        ConfigFile fileA = new ConfigFile(folder, "node-a");
        ConfigFile fileB = new ConfigFile(folder, "node-b");
        fileA.settings().with("network").put("plaintext", false).put("tlsCertFile", cert.toString())
                .put("tlsKeyFile", key.toString());
        fileB.settings().with("network").put("plaintext", false);
        fileA.settings().putObject("federation").putObject("peerFingerprints")
                .put("node-b", NodeFixture.fingerprint(fileB.dataDir(), "node-b"));
        Node a = start(vertx, fileA);
        Node b = start(vertx, fileB);
        assertEquals(first, presented(a.port()));

        // WHEN the operator puts the renewed files in place and reloads
        install("issued-2", cert, key);
        AdminCli.Result reloaded = new AdminCli(fileA.path()).run("reload");
        assertEquals(0, reloaded.code(), reloaded.err());
        assertTrue(reloaded.out().contains("certificate: " + first + " -> " + second), reloaded.out());

        // THEN new connections get the new certificate, on the client and node ports, and users log in
        assertEquals(second, presented(a.port()));
        assertEquals(second, presented(a.s2sPort()));
        try (TestClient alice = TestClient.loginTls(a.port(), "alice")) {
            assertEquals("alice", alice.name());
        }
        // and a node that dials it now links: the link's TLS binding names the renewed certificate
        AdminCli.Result added = new AdminCli(fileB.path()).run("peer", "add", "127.0.0.1:" + a.s2sPort(),
                "--fingerprint", "node-a=" + a.federation().fingerprint());
        assertEquals(0, added.code(), added.err());
        await().atMost(Duration.ofSeconds(30)).until(() -> b.federation().linkedPeers().toCompletionStage()
                .toCompletableFuture().get().contains("node-a"));
    }
}
