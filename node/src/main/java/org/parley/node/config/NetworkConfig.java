package org.parley.node.config;

import java.nio.file.Path;

/**
 * Where a node listens and how its connections are protected.
 *
 * @param host        address the client and S2S listeners bind
 * @param port        client port (0 picks a free one)
 * @param s2sPort     server-to-server port (0 picks a free one)
 * @param voicePort   UDP port for voice, clients' and other nodes' alike (0 picks a free one)
 * @param eventLoops  client listener instances, one per event loop
 * @param plaintext   serve clients and links without TLS (only when asked for explicitly)
 * @param tlsCertFile the operator's PEM certificate, or null for the node's own self-signed one
 * @param tlsKeyFile  the PEM private key of {@code tlsCertFile}
 */
public record NetworkConfig(String host, int port, int s2sPort, int voicePort, int eventLoops, boolean plaintext,
                            Path tlsCertFile, Path tlsKeyFile) {
}
