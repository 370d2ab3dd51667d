package org.parley.federation.net;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.parley.protocol.crypto.Fingerprint;

/**
 * How a node's sockets are protected: TLS with the node's certificate (the default), or plaintext
 * when the operator asked for it explicitly. Certificates are not checked against any authority:
 * clients pin a node's certificate on first contact, and node links bind the accepting node's
 * certificate into the handshake its Ed25519 identity signs.
 */
public sealed interface TransportSecurity {

    /** Sets up a listener: a TCP one, or an HTTP one (whose options are a kind of these). */
    <T extends NetServerOptions> T apply(T options);

    /** Sets up a dialler. */
    NetClientOptions apply(NetClientOptions options);

    /**
     * The fingerprint of the accepting side's certificate, as this side sees it; equal on both
     * ends of a link unless someone in between terminated TLS. {@code "plaintext"} without TLS.
     */
    String binding(NetSocket socket, boolean dialed);

    /** Words for logs. */
    String describe();

    /** TLS with this certificate and key, PEM encoded. */
    record Tls(Buffer certificatePem, Buffer privateKeyPem, String fingerprint) implements TransportSecurity {

        @Override
        public <T extends NetServerOptions> T apply(T options) {
            options.setSsl(true).setKeyCertOptions(keyCert());
            return options;
        }

        @Override
        public NetClientOptions apply(NetClientOptions options) {
            // Trust is decided by pinning after the handshake, not by an authority.
            return options.setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm("")
                    .setKeyCertOptions(keyCert());
        }

        @Override
        public String binding(NetSocket socket, boolean dialed) {
            // The accepting side names the certificate it presented on this socket, not this record's:
            // the operator may renew the certificate while the node runs.
            return dialed ? peerFingerprint(socket) : localFingerprint(socket);
        }

        /** The certificate and key for a listener that is running already ({@code updateSSLOptions}). */
        public ServerSSLOptions serverOptions() {
            return new ServerSSLOptions().setKeyCertOptions(keyCert());
        }

        /** The certificate and key for a dialler that exists already ({@code updateSSLOptions}). */
        public ClientSSLOptions clientOptions() {
            return new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm("")
                    .setKeyCertOptions(keyCert());
        }

        @Override
        public String describe() {
            return "TLS, certificate " + fingerprint;
        }

        private PemKeyCertOptions keyCert() {
            return new PemKeyCertOptions().setCertValue(certificatePem).setKeyValue(privateKeyPem);
        }
    }

    /** No TLS: only with an explicit flag, for tests, benchmarks and trusted networks. */
    record Plaintext() implements TransportSecurity {

        @Override
        public <T extends NetServerOptions> T apply(T options) {
            return options;
        }

        @Override
        public NetClientOptions apply(NetClientOptions options) {
            return options;
        }

        @Override
        public String binding(NetSocket socket, boolean dialed) {
            return "plaintext";
        }

        @Override
        public String describe() {
            return "PLAINTEXT (no TLS)";
        }
    }

    /** The fingerprint of the certificate this end of a TLS socket presented, or "none". */
    static String localFingerprint(NetSocket socket) {
        try {
            javax.net.ssl.SSLSession session = socket.sslSession();
            Certificate[] chain = session == null ? null : session.getLocalCertificates();
            return chain == null || chain.length == 0 ? "none" : Fingerprint.of(chain[0].getEncoded());
        } catch (CertificateEncodingException e) {
            return "none";
        }
    }

    /** The fingerprint of the certificate the other end of a TLS socket presented, or "none". */
    static String peerFingerprint(NetSocket socket) {
        try {
            List<Certificate> chain = socket.peerCertificates();
            return chain == null || chain.isEmpty() ? "none" : Fingerprint.of(chain.get(0).getEncoded());
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return "none";
        }
    }
}
