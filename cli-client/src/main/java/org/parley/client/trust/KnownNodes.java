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
import org.parley.protocol.frame.WireJson;

/**
 * The certificates of the nodes this home has connected to, as SSH's known_hosts:
 * {@code HOME/known-nodes.json} maps {@code host:port} to the fingerprint seen first. A new node
 * is accepted and remembered; a changed certificate is refused with both fingerprints.
 */
public final class KnownNodes implements NodeTrust {

    private final Path file;
    private final Map<String, String> pins = new TreeMap<>();

    private KnownNodes(Path file) {
        this.file = file;
    }

    public static KnownNodes load(Path home) throws IOException {
        KnownNodes known = new KnownNodes(home.resolve("known-nodes.json"));
        if (Files.exists(known.file)) {
            JsonNode json = WireJson.mapper().readTree(known.file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                known.pins.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return known;
    }

    @Override
    public boolean tls() {
        return true;
    }

    @Override
    public synchronized void check(String address, String fingerprint) throws ConnectionClosedException {
        String pinned = pins.get(address);
        if (pinned == null) {
            pins.put(address, fingerprint);
            try {
                ObjectNode json = WireJson.mapper().createObjectNode();
                pins.forEach(json::put);
                PrivateFiles.writeAtomically(file, WireJson.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(json));
            } catch (IOException e) {
                throw new ConnectionClosedException("cannot remember the certificate of " + address + " in " + file
                        + ": " + e.getMessage());
            }
        } else if (!pinned.equals(fingerprint)) {
            throw new ConnectionClosedException("the node at " + address + " presented TLS certificate "
                    + fingerprint + ", but you trusted " + pinned + " for it. Someone may be intercepting the"
                    + " connection. If the node's operator really replaced the certificate, remove the line for "
                    + address + " from " + file + " and connect again.");
        }
    }
}
