package org.parley.client.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.parley.client.home.PrivateFiles;
import org.parley.client.net.ConnectionClosedException;
import org.parley.client.net.NodeTrust;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.CertificateProof;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ServerHello;

/**
 * The nodes this home has connected to, as SSH's known_hosts: {@code HOME/known-nodes.json} maps
 * {@code host:port} to the node's Ed25519 identity key seen first ({@code {"key": "SHA256:...",
 * "certificate": "SHA256:..."}}, the certificate only as last seen). The node's hello proves each
 * TLS certificate with that key, so a renewed certificate is accepted; a different key is refused
 * with both fingerprints. Pins written before nodes proved their certificates hold a certificate
 * fingerprint alone (a plain string); such a pin becomes a key pin the first time the same
 * certificate comes with the node's proof. A node that proves nothing (an older node) is pinned by
 * its certificate, as before.
 */
public final class KnownNodes implements NodeTrust {

    /** One node's pin: its key's fingerprint (null for a certificate-only pin) and the certificate last seen. */
    private record Pin(String key, String certificate) {
    }

    private final Path file;
    private final Map<String, Pin> pins = new TreeMap<>();

    private KnownNodes(Path file) {
        this.file = file;
    }

    public static KnownNodes load(Path home) throws IOException {
        KnownNodes known = new KnownNodes(home.resolve("known-nodes.json"));
        if (Files.exists(known.file)) {
            JsonNode json = WireJson.mapper().readTree(known.file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode pin = entry.getValue();
                known.pins.put(entry.getKey(), pin.isTextual() ? new Pin(null, pin.asText())
                        : new Pin(pin.path("key").asText(null), pin.path("certificate").asText(null)));
            }
        }
        return known;
    }

    @Override
    public boolean tls() {
        return true;
    }

    @Override
    public synchronized void check(String address, String certificate, ServerHello hello)
            throws ConnectionClosedException {
        String key = provenKey(address, certificate, hello);
        Pin pin = pins.get(address);
        if (pin == null) {
            remember(address, new Pin(key, certificate));
        } else if (pin.key() != null) {
            if (key == null) {
                throw new ConnectionClosedException("the node at " + address + " did not prove its TLS certificate "
                        + certificate + " with a node key, but you trusted node key " + pin.key() + " for it."
                        + " Someone may be intercepting the connection.");
            }
            if (!pin.key().equals(key)) {
                throw new ConnectionClosedException("the node at " + address + " has node key " + key + ", but you"
                        + " trusted node key " + pin.key() + " for it. Someone may be intercepting the connection."
                        + " If the node's operator really replaced the node's key, remove the entry for " + address
                        + " from " + file + " and connect again.");
            }
            if (!certificate.equals(pin.certificate())) {
                remember(address, new Pin(key, certificate)); // renewed, and signed by the key we know
            }
        } else if (certificate.equals(pin.certificate())) {
            if (key != null) {
                remember(address, new Pin(key, certificate)); // an old certificate pin becomes a key pin
            }
        } else {
            throw new ConnectionClosedException("the node at " + address + " presented TLS certificate "
                    + certificate + ", but you trusted " + pin.certificate() + " for it"
                    + (key == null ? "" : " (its node key is " + key + "; you had pinned only its certificate)")
                    + ". Someone may be intercepting the connection. If the node's operator really replaced the"
                    + " certificate, remove the entry for " + address + " from " + file + " and connect again.");
        }
    }

    /** The fingerprint of the node key that signed {@code certificate}; null if the hello proves nothing. */
    private static String provenKey(String address, String certificate, ServerHello hello) {
        if (hello.nodeKey() == null) {
            return null;
        }
        if (!CertificateProof.verify(hello.nodeKey(), certificate, hello.certificateSignature())) {
            throw new ConnectionClosedException("the node at " + address + " presented TLS certificate " + certificate
                    + ", which the node key it names did not sign. Someone may be intercepting the connection.");
        }
        return Fingerprint.of(Base64Key.decode(hello.nodeKey(), Ed25519.KEY_BYTES, "node key"));
    }

    private void remember(String address, Pin pin) {
        pins.put(address, pin);
        try {
            ObjectNode json = WireJson.mapper().createObjectNode();
            pins.forEach((where, one) -> {
                if (one.key() == null) {
                    json.put(where, one.certificate());
                } else {
                    json.putObject(where).put("key", one.key()).put("certificate", one.certificate());
                }
            });
            PrivateFiles.writeAtomically(file, WireJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(json));
        } catch (IOException e) {
            throw new ConnectionClosedException("cannot remember the node at " + address + " in " + file + ": "
                    + e.getMessage());
        }
    }
}
