package org.parley.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;
import org.parley.protocol.frame.WireJson;

/** One node in {@code discover}: a line for people with the command that connects to it, or JSON for scripts. */
public final class DiscoveredLine {

    private DiscoveredLine() {
    }

    public static String text(FoundNode node) {
        NodeAnnouncement a = node.announcement();
        return String.format("%-20s %-15s client %-5d nodes %-5d web %-5d voice %-5d key %s%n"
                        + "    connect: parley --host %s --port %d --user NAME",
                a.name(), node.host(), a.clientPort(), a.s2sPort(), a.webPort(), a.voicePort(), a.fingerprint(),
                node.host(), a.clientPort());
    }

    public static String json(FoundNode node) {
        NodeAnnouncement a = node.announcement();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", a.name());
        fields.put("host", node.host());
        fields.put("port", a.clientPort());
        fields.put("s2sPort", a.s2sPort());
        fields.put("webPort", a.webPort());
        fields.put("voicePort", a.voicePort());
        fields.put("fingerprint", a.fingerprint());
        fields.put("protocol", a.protocolVersion());
        try {
            return WireJson.mapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
