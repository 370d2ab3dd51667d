package org.parley.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-bench}: the load generator, the bare relay baseline, and a suite that runs both
 * against each other several times and reports medians. Every result is printed as JSON.
 */
@Command(name = "parley-bench", mixinStandardHelpOptions = true,
        subcommands = {BenchMain.Relay.class, BenchMain.Load.class, BenchMain.Latency.class, Suite.class,
                Converge.class, BacklogRun.class, GroupRun.class, FileRun.class, FloorRun.class, CompareRun.class,
                VideoRun.class, VoiceRelayRun.class, VoiceLatencyRun.class, ColdStartRun.class, LoginsRun.class},
        description = "Load generator for Parley. Results are JSON on stdout.")
public final class BenchMain {

    static final Vertx newVertx() {
        return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    }

    static void print(Object result) throws Exception {
        System.out.println(WireJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(result));
        System.out.flush();
    }

    /** Options shared by the commands that drive a target. */
    static final class TargetOptions {
        @Option(names = "--host", defaultValue = "127.0.0.1")
        String host;

        @Option(names = "--port", required = true)
        int port;

        @Option(names = "--target", defaultValue = "node", description = "node or relay")
        String target;

        @Option(names = "--receiver-port", description = "receivers log in on this port (another node)")
        Integer receiverPort;

        @Option(names = "--receiver-node", description = "the receivers' node name, with --receiver-port")
        String receiverNode;

        @Option(names = "--sender-node", description = "the senders' node name, with --receiver-port")
        String senderNode;

        @Option(names = "--settle", defaultValue = "3", description = "seconds for gossip to spread new users"
                + " before traffic, with --receiver-port (default: ${DEFAULT-VALUE})")
        int settle;

        Target target() {
            return Target.valueOf(target.toUpperCase(java.util.Locale.ROOT));
        }

        Receivers receivers() {
            if (receiverPort == null) {
                return Receivers.sameNode(port);
            }
            if (receiverNode == null || senderNode == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--receiver-port needs --receiver-node and --sender-node");
            }
            return new Receivers(receiverPort, receiverNode, senderNode, settle);
        }
    }

    @Command(name = "relay", description = "Run the bare relay and print its port.")
    static final class Relay implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "0")
        int port;

        @Override
        public Integer call() throws Exception {
            Vertx vertx = newVertx();
            Set<Integer> ports = ConcurrentHashMap.newKeySet();
            Map<Integer, BareRelay.End[]> pairs = BareRelay.newPairTable();
            vertx.deployVerticle(() -> new BareRelay(port, pairs, ports::add),
                            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            System.out.println("relay ready on 127.0.0.1:" + ports.iterator().next());
            System.out.flush();
            new CountDownLatch(1).await();
            return 0;
        }
    }

    @Command(name = "load", description = "Messages per second delivered by pairs of users.")
    static final class Load implements Callable<Integer> {
        @CommandLine.Mixin
        TargetOptions target = new TargetOptions();

        @Option(names = "--pairs", defaultValue = "10")
        int pairs;

        @Option(names = "--size", defaultValue = "100", description = "message body bytes")
        int size;

        @Option(names = "--window", defaultValue = "10", description = "messages in flight per pair")
        int window;

        @Option(names = "--warmup", defaultValue = "3")
        int warmup;

        @Option(names = "--seconds", defaultValue = "10")
        int seconds;

        @Option(names = "--e2ee", description = "seal each message for its recipient and open each arrival,"
                + " as real clients do (node target only)")
        boolean e2ee;

        @Option(names = "--offline", description = "receivers log off first: count messages accepted (stored in"
                + " their mailboxes) per second instead of delivered (node target only)")
        boolean offline;

        @Override
        public Integer call() throws Exception {
            if ((e2ee || offline) && target.target() != Target.NODE) {
                throw new IllegalArgumentException("--e2ee needs a node to talk to, not the relay");
            }
            Vertx vertx = newVertx();
            try {
                print(new ThroughputRun(vertx, target.target(), target.host, target.port, target.receivers())
                        .endToEnd(e2ee).offline(offline).run(pairs, size, window, warmup, seconds));
            } finally {
                vertx.close();
            }
            return 0;
        }
    }

    @Command(name = "latency", description = "Round-trip latency of one pair, one message in flight.")
    static final class Latency implements Callable<Integer> {
        @CommandLine.Mixin
        TargetOptions target = new TargetOptions();

        @Option(names = "--messages", defaultValue = "20000")
        int messages;

        @Option(names = "--warmup", defaultValue = "5000")
        int warmup;

        @Option(names = "--size", defaultValue = "100")
        int size;

        @Override
        public Integer call() throws Exception {
            Vertx vertx = newVertx();
            try {
                print(new LatencyRun(vertx, target.target(), target.host, target.port, target.receivers())
                        .run(warmup, messages, size));
            } finally {
                vertx.close();
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new BenchMain()).execute(args);
        System.exit(code);
    }
}
