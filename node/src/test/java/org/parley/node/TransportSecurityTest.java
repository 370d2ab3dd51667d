package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.parley.federation.net.TransportSecurity;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Send;

/**
 * Nodes without the plaintext flag speak TLS, with a certificate they made themselves, on the
 * client port and the node port alike.
 */
class TransportSecurityTest extends ClusterTest {

    private static final Map<String, Object> TLS = Map.of("plaintext", false);

    private static SSLSocket tlsSocket(int port) throws Exception {
        return TestClient.tlsSocket(port);
    }

    private static String fingerprintOf(SSLSocket socket) throws Exception {
        return Fingerprint.of(socket.getSession().getPeerCertificates()[0].getEncoded());
    }

    @Test
    void bothPortsCompleteATlsHandshakeWithTheNodesOwnCertificate() throws Exception {
        Node a = cluster.start("node-a", TLS);
        String fingerprint = ((TransportSecurity.Tls) a.security()).fingerprint();

        try (SSLSocket client = tlsSocket(a.port()); SSLSocket link = tlsSocket(a.s2sPort())) {
            assertEquals(fingerprint, fingerprintOf(client));
            assertEquals(fingerprint, fingerprintOf(link));
            assertTrue(client.getSession().getProtocol().startsWith("TLSv1."), client.getSession().getProtocol());
        }
        assertTrue(Files.exists(root.resolve("node-a").resolve("tls").resolve("cert.pem")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                root.resolve("node-a").resolve("tls").resolve("key.pem"))));
    }

    @Test
    void opensslCompletesAHandshakeOnBothPorts() throws Exception {
        assumeTrue(new ProcessBuilder("openssl", "version").start().waitFor() == 0, "openssl is installed");
        Node a = cluster.start("node-a", TLS);

        for (int port : new int[] {a.port(), a.s2sPort()}) {
            Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-brief")
                    .redirectErrorStream(true).start();
            openssl.getOutputStream().close();
            assertTrue(openssl.waitFor(30, TimeUnit.SECONDS), "openssl s_client finished");
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(output.contains("CONNECTION ESTABLISHED"), output);
            assertTrue(output.contains("CN=node-a") || output.contains("CN = node-a"), output);
        }
    }

    @Test
    void theNodeKeepsItsCertificateAcrossARestart() throws Exception {
        String first = ((TransportSecurity.Tls) cluster.start("node-a", TLS).security()).fingerprint();
        cluster.stop("node-a");

        String second = ((TransportSecurity.Tls) cluster.start("node-a", TLS).security()).fingerprint();

        assertEquals(first, second);
    }

    @Test
    void aPlaintextClientCannotTalkToATlsNode() throws Exception {
        Node a = cluster.start("node-a", TLS);

        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(FrameEncoder.client().encode(new ClientHello(Protocol.VERSION, "plain/1")));
            byte[] answer = readUntilClosed(plain.getInputStream());
            assertFalse(new String(answer, StandardCharsets.ISO_8859_1).contains("\"hello\""),
                    "a TLS node must not answer a plaintext hello");
        }
    }

    @Test
    void usersOfTwoTlsNodesChatOverTlsLinks() throws Exception {
        Node a = cluster.start("node-a", TLS);
        Node b = cluster.start("node-b", TLS, a.s2sPort());
        try (TestClient alice = TestClient.over(tlsSocket(a.port()), IdentityKeys.generate(new SecureRandom()));
             TestClient bob = TestClient.over(tlsSocket(b.port()), IdentityKeys.generate(new SecureRandom()))) {
            alice.loginAs("alice", null);
            bob.loginAs("bob", null);
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));

            alice.send(new Send("m1", "bob@node-b"), "over tls".getBytes(StandardCharsets.UTF_8));

            var delivery = bob.awaitDeliveries(1, 30).get(0);
            assertEquals("alice@node-a", ((Delivery) delivery.header()).from());
            assertEquals("over tls", new String(delivery.body(), StandardCharsets.UTF_8));
        }
    }

    /** Everything the peer sends until it closes (a TLS node closes on bytes that are not TLS). */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the node neither answered nor closed the connection", e);
        } catch (java.net.SocketException reset) {
            // Closed with a reset: also a refusal.
        }
        return out.toByteArray();
    }
}
