package org.parley.protocol.message;

/**
 * The node's answer to a hello: its version and name, a fresh login challenge (base64, 32 random
 * bytes), how often it sends heartbeats, and whether accounts here must have a password.
 */
public record ServerHello(int version, String node, String challenge, int heartbeatSeconds,
                          boolean passwordRequired) implements ServerMessage {
}
