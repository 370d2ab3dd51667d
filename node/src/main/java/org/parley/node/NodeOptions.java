package org.parley.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.parley.node.config.ConfigException;
import org.parley.node.config.NodeConfig;
import org.parley.node.config.NodeConfigLoader;
import picocli.CommandLine.Option;

/** The config file and the flags that override it, shared by {@code parley-node} and its subcommands. */
public final class NodeOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config file (see config/node-a.json)")
    private Path config;

    @Option(names = "--name", description = "node name, the part after @ in its users' addresses (default: parley)")
    private String name;

    @Option(names = "--host", description = "address to bind (default: 127.0.0.1)")
    private String host;

    @Option(names = "--port", description = "client port, 0 for any free port (default: 8080)")
    private Integer port;

    @Option(names = "--s2s-port", description = "server-to-server port (default: 5050)")
    private Integer s2sPort;

    @Option(names = "--web-port", description = "HTTPS port for web clients (WebSocket at /ws), 0 for any free"
            + " port (default: 8443 with the default client port, else any free port)")
    private Integer webPort;

    @Option(names = "--voice-port", description = "UDP port for voice (clients and other nodes), 0 for any free"
            + " port (default: 7070 with the default client port, else any free port)")
    private Integer voicePort;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "peer node to link with (repeatable)")
    private List<String> peers;

    @Option(names = "--peer-fingerprint", paramLabel = "NAME=SHA256:...", description = "a node this one links"
            + " with and vouches for, with its key fingerprint as `parley-node fingerprint` prints it on that"
            + " node's machine (repeatable; replaces the config file's peerFingerprints)")
    private Map<String, String> peerFingerprints;

    @Option(names = "--federation", paramLabel = "closed|open", description = "closed (the default): link only"
            + " with the peers in peerFingerprints; open: trust any node's key on first contact")
    private String federation;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "store folder (default: data/NAME)")
    private Path dataDir;

    @Option(names = "--media-dir", paramLabel = "DIR", description = "folder of videos to serve, named"
            + " NAME_RESOLUTION.mp4 (default: none, no library)")
    private Path mediaDir;

    @Option(names = "--require-password", description = "new accounts must set a password")
    private Boolean requirePassword;

    @Option(names = "--heartbeat-seconds", description = "seconds between heartbeats (default: 15)")
    private Integer heartbeatSeconds;

    @Option(names = "--plaintext", description = "serve clients and links WITHOUT TLS (trusted networks and"
            + " benchmarks only; clients must say --plaintext too)")
    private Boolean plaintext;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate to use instead of the node's"
            + " own self-signed one (DATA/tls/cert.pem)")
    private Path tlsCert;

    @Option(names = "--directory-max-entries-per-node", paramLabel = "N", description = "users and groups kept for"
            + " one other node (default: 10000)")
    private Integer directoryMaxEntriesPerNode;

    @Option(names = "--directory-entries-per-second", paramLabel = "N", description = "directory entries taken"
            + " from one link per second (default: 1000)")
    private Integer directoryEntriesPerSecond;

    @Option(names = "--directory-entries-burst", paramLabel = "N", description = "directory entries one link may"
            + " send at once (default: 20000)")
    private Integer directoryEntriesBurst;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = "one limit instead of the config's or the"
            + " default (repeatable), e.g. messagesPerSecond=50; see README, Limits")
    private java.util.Map<String, String> limits = new java.util.LinkedHashMap<>();

    @Option(names = "--no-limits", description = "no rate limits or connection caps at all (benchmarks only)")
    private boolean noLimits;

    @Option(names = "--discovery", description = "announce this node on the LAN (mDNS, _parley._tcp) with its"
            + " name, ports and key fingerprint, so that `parley discover` finds it (default: off; off, nothing"
            + " is sent to the LAN)")
    private Boolean discovery;

    @Option(names = "--link-discovered", description = "link with the nodes found on the LAN, as far as the"
            + " federation's trust rules allow (closed: only those in peerFingerprints); implies --discovery")
    private Boolean linkDiscovered;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --tls-cert")
    private Path tlsKey;

    /** The settings, or null after saying on {@code err} in one line what is wrong with them. */
    public NodeConfig load(PrintWriter err) {
        try {
            return read();
        } catch (ConfigException e) {
            err.println("parley-node: bad config: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /**
     * The settings: the config file, read now, under the flags. A running node calls this again on a
     * reload, so that a changed file takes effect and the flags still win.
     *
     * @throws ConfigException saying in one line what is wrong with them
     */
    public NodeConfig read() {
        NodeConfigLoader loader = config == null ? NodeConfigLoader.defaults() : NodeConfigLoader.fromFile(config);
        return loader.override("name", name).override("host", host).override("port", port)
                .override("s2sPort", s2sPort).override("webPort", webPort).override("voicePort", voicePort)
                .override("peers", peers)
                .override("peerFingerprints", peerFingerprints).override("federation", federation)
                .override("dataDir", dataDir == null ? null : dataDir.toString())
                .override("media.mediaDir", mediaDir == null ? null : mediaDir.toString())
                .override("requirePassword", requirePassword).override("heartbeatSeconds", heartbeatSeconds)
                .override("plaintext", plaintext)
                .override("tlsCertFile", tlsCert == null ? null : tlsCert.toString())
                .override("tlsKeyFile", tlsKey == null ? null : tlsKey.toString())
                .override("directoryMaxEntriesPerNode", directoryMaxEntriesPerNode)
                .override("directoryEntriesPerSecond", directoryEntriesPerSecond)
                .override("directoryEntriesBurst", directoryEntriesBurst)
                .override("discovery.enabled", Boolean.TRUE.equals(linkDiscovered) ? Boolean.TRUE : discovery)
                .override("discovery.linkDiscovered", linkDiscovered)
                .override("limits", noLimits ? "none" : null)
                .overrideLimits(limits)
                .load();
    }
}
