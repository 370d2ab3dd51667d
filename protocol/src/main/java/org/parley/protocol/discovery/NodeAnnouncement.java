package org.parley.protocol.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.identity.Name;

/**
 * What a node tells the LAN about itself in its DNS-SD announcement ({@value #SERVICE_TYPE}), as the
 * TXT record's keys: its name, its ports and its key fingerprint, and the client protocol it speaks.
 * The host is not in it: a listener takes the address the announcement came from.
 *
 * <p>Nothing here is proof of anything. Anyone on the LAN can announce any name and fingerprint; a
 * node or user who connects still checks the key in the TLS handshake and the link's or login's own
 * authentication. The fingerprint only lets a listener say which node it found.
 *
 * @param name            the node's name, the part after {@code @} in its users' addresses
 * @param clientPort      its client port (TCP), where {@code parley --port} connects
 * @param s2sPort         its server-to-server port (TCP), where other nodes link
 * @param webPort         its HTTPS port, for web clients
 * @param voicePort       its voice port (UDP)
 * @param fingerprint     its key's fingerprint, {@code SHA256:...}, as {@code parley-node fingerprint} prints it
 * @param protocolVersion the client protocol version its hello speaks
 */
public record NodeAnnouncement(String name, int clientPort, int s2sPort, int webPort, int voicePort,
                               String fingerprint, int protocolVersion) {

    /** The DNS-SD service type Parley nodes announce, with JmDNS's trailing dot. */
    public static final String SERVICE_TYPE = "_parley._tcp.local.";

    /** TXT keys; short, as DNS-SD asks, since the whole record should fit one packet. */
    static final String NAME = "node";
    static final String CLIENT_PORT = "port";
    static final String S2S_PORT = "s2s";
    static final String WEB_PORT = "web";
    static final String VOICE_PORT = "voice";
    static final String FINGERPRINT = "key";
    static final String PROTOCOL = "proto";

    /** @throws IllegalArgumentException naming the field that is not valid */
    public NodeAnnouncement {
        if (!Name.isValid(name)) {
            throw new IllegalArgumentException("node name '" + name + "' does not follow the rule: " + Name.RULE);
        }
        requirePort(CLIENT_PORT, clientPort);
        requirePort(S2S_PORT, s2sPort);
        requirePort(WEB_PORT, webPort);
        requirePort(VOICE_PORT, voicePort);
        if (!Fingerprint.isWellFormed(fingerprint)) {
            throw new IllegalArgumentException("key '" + fingerprint + "' is not a fingerprint (SHA256: and 43 base64"
                    + " characters)");
        }
        if (protocolVersion < 1) {
            throw new IllegalArgumentException("protocol version must be 1 or more, got " + protocolVersion);
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " port must be between 1 and 65535, got " + port);
        }
    }

    /** The TXT record's keys and values, in a fixed order. */
    public Map<String, String> toTxt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put(NAME, name);
        txt.put(CLIENT_PORT, Integer.toString(clientPort));
        txt.put(S2S_PORT, Integer.toString(s2sPort));
        txt.put(WEB_PORT, Integer.toString(webPort));
        txt.put(VOICE_PORT, Integer.toString(voicePort));
        txt.put(FINGERPRINT, fingerprint);
        txt.put(PROTOCOL, Integer.toString(protocolVersion));
        return txt;
    }

    /**
     * Reads a TXT record; keys it does not know are ignored, so later versions may add some.
     *
     * @throws IllegalArgumentException saying which key is missing or wrong, for a record that is
     *                                  not a Parley node's announcement
     */
    public static NodeAnnouncement fromTxt(Map<String, String> txt) {
        return new NodeAnnouncement(text(txt, NAME), number(txt, CLIENT_PORT), number(txt, S2S_PORT),
                number(txt, WEB_PORT), number(txt, VOICE_PORT), text(txt, FINGERPRINT), number(txt, PROTOCOL));
    }

    private static String text(Map<String, String> txt, String key) {
        String value = txt.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no '" + key + "' in the announcement");
        }
        return value;
    }

    private static int number(Map<String, String> txt, String key) {
        String value = text(txt, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is not a number: '" + value + "'");
        }
    }
}
