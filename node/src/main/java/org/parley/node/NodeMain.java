package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.parley.node.config.ConfigException;
import org.parley.node.config.NodeConfig;
import org.parley.node.config.NodeConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley-node}: starts a node from a config file and flags that override it.
 */
@Command(name = "parley-node", mixinStandardHelpOptions = true, version = "parley-node 0.1.0",
        description = "Runs a Parley node. Every setting has a default; flags override the config file.",
        sortOptions = false)
public final class NodeMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

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

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "peer node to link with (repeatable)")
    private List<String> peers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "store folder (default: data/NAME)")
    private Path dataDir;

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

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --tls-cert")
    private Path tlsKey;

    @Option(names = "--directory-max-entries-per-node", paramLabel = "N", description = "users and groups kept for"
            + " one other node (default: 10000)")
    private Integer directoryMaxEntriesPerNode;

    @Option(names = "--directory-entries-per-second", paramLabel = "N", description = "directory entries taken"
            + " from one link per second (default: 1000)")
    private Integer directoryEntriesPerSecond;

    @Option(names = "--directory-entries-burst", paramLabel = "N", description = "directory entries one link may"
            + " send at once (default: 20000)")
    private Integer directoryEntriesBurst;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig settings;
        try {
            NodeConfigLoader loader = config == null ? NodeConfigLoader.defaults() : NodeConfigLoader.fromFile(config);
            settings = loader.override("name", name).override("host", host).override("port", port)
                    .override("s2sPort", s2sPort).override("peers", peers)
                    .override("dataDir", dataDir == null ? null : dataDir.toString())
                    .override("requirePassword", requirePassword).override("heartbeatSeconds", heartbeatSeconds)
                    .override("plaintext", plaintext)
                    .override("tlsCertFile", tlsCert == null ? null : tlsCert.toString())
                    .override("tlsKeyFile", tlsKey == null ? null : tlsKey.toString())
                    .override("directoryMaxEntriesPerNode", directoryMaxEntriesPerNode)
                    .override("directoryEntriesPerSecond", directoryEntriesPerSecond)
                    .override("directoryEntriesBurst", directoryEntriesBurst)
                    .load();
        } catch (ConfigException e) {
            err.println("parley-node: bad config: " + e.getMessage());
            err.flush();
            return 2;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, settings.eventLoops())));
        Node node;
        try {
            node = Node.start(vertx, settings).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("parley-node: cannot start " + settings.name() + " on " + settings.host() + ":"
                    + settings.port() + ": " + cause.getMessage());
            err.flush();
            vertx.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Clients are told goodbye and the store is closed; that is what must finish.
                node.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                // Vert.x cannot always complete its own close future while its threads wind down.
                vertx.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Exiting anyway; the store is WAL and survives an abrupt stop.
            }
            stopped.countDown();
        }, "parley-node-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("parley-node " + settings.name() + " ready: clients on " + settings.host() + ":" + node.port()
                + ", nodes on " + settings.host() + ":" + node.s2sPort() + ", key " + node.federation().fingerprint()
                + ", " + node.security().describe());
        out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
