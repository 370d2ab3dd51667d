package org.parley.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a bare relay and two linked nodes as their own processes, then in each round measures
 * with the same generator: throughput at 10 and 100 pairs, and round-trip latency, on the relay, on
 * one node, and from a user of one node to a user of the other. Prints every sample and the
 * medians, with the node's rate as a ratio of the relay's and the cross-node rate as a ratio of the
 * same-node rate.
 */
@Command(name = "suite", description = "Node against bare relay, several rounds, medians and ratios.")
final class Suite implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "3")
    int rounds;

    /**
     * Rounds run first and not counted: the second node takes traffic only in the cross-node runs,
     * so in a first round it would be measured cold against a first node warmed by the runs before.
     */
    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "rounds run first and not counted, so both nodes are warm (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--window", defaultValue = "10")
    int window;

    @Option(names = "--size", defaultValue = "100")
    int size;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-node");
        Process relay = Spawned.spawn(data.resolve("relay.log"), "org.parley.bench.BenchMain", "relay", "--port", "0");
        List<String> nodeArgs = new ArrayList<>(List.of("--name", "bench", "--port", "0", "--s2s-port", "0",
                "--plaintext", "--no-limits", "--data-dir", data.resolve("bench").toString()));
        nodeArgs.addAll(Spawned.trusting(data, "other"));
        Process node = Spawned.spawn(data.resolve("node.log"), "org.parley.node.NodeMain",
                nodeArgs.toArray(String[]::new));
        Process other = null;
        System.err.println("parley-bench: node and relay logs in " + data);
        try {
            int relayPort = Spawned.readyPort(relay, data.resolve("relay.log"));
            int nodePort = Spawned.readyPort(node, data.resolve("node.log"));
            // A second node linked to the first: its users are the receivers of the cross-node runs.
            List<String> otherArgs = new ArrayList<>(List.of("--name", "other", "--port", "0", "--s2s-port", "0",
                    "--plaintext", "--no-limits", "--peer", "127.0.0.1:" + Spawned.s2sPort(data.resolve("node.log")),
                    "--data-dir", data.resolve("other").toString()));
            otherArgs.addAll(Spawned.trusting(data, "bench"));
            other = Spawned.spawn(data.resolve("other.log"), "org.parley.node.NodeMain",
                    otherArgs.toArray(String[]::new));
            Receivers cross = new Receivers(Spawned.readyPort(other, data.resolve("other.log")), "other", "bench", 3);
            Vertx vertx = BenchMain.newVertx();
            Samples samples = new Samples();
            try {
                for (int round = -warmupRounds; round < rounds; round++) {
                    for (Target target : Target.values()) {
                        int port = target == Target.NODE ? nodePort : relayPort;
                        for (int pairs : new int[] {10, 100}) {
                            Map<String, Object> r = new ThroughputRun(vertx, target, "127.0.0.1", port)
                                    .run(pairs, size, window, warmup, seconds);
                            BenchMain.print(Map.of("round", round, "result", r));
                            samples.add(round, target + " " + pairs + " pairs msg/s", (Long) r.get("messagesPerSecond"));
                        }
                        Map<String, Object> l = new LatencyRun(vertx, target, "127.0.0.1", port).run(5000, 20000, size);
                        BenchMain.print(Map.of("round", round, "result", l));
                        samples.add(round, target + " p50 us", (Long) l.get("p50Micros"));
                        samples.add(round, target + " p99 us", (Long) l.get("p99Micros"));
                    }
                    for (int pairs : new int[] {10, 100}) {
                        Map<String, Object> r = new ThroughputRun(vertx, Target.NODE, "127.0.0.1", nodePort, cross)
                                .run(pairs, size, window, warmup, seconds);
                        BenchMain.print(Map.of("round", round, "result", r));
                        samples.add(round, "CROSS " + pairs + " pairs msg/s", (Long) r.get("messagesPerSecond"));
                    }
                    Map<String, Object> l = new LatencyRun(vertx, Target.NODE, "127.0.0.1", nodePort, cross)
                            .run(5000, 20000, size);
                    BenchMain.print(Map.of("round", round, "result", l));
                    samples.add(round, "CROSS p50 us", (Long) l.get("p50Micros"));
                    samples.add(round, "CROSS p99 us", (Long) l.get("p99Micros"));
                }
            } finally {
                vertx.close();
            }
            Map<String, Object> summary = samples.medians();
            for (int pairs : new int[] {10, 100}) {
                double ratio = (double) samples.median("NODE " + pairs + " pairs msg/s")
                        / samples.median("RELAY " + pairs + " pairs msg/s");
                summary.put("node/relay " + pairs + " pairs", Math.round(ratio * 100) / 100.0);
                double crossRatio = (double) samples.median("CROSS " + pairs + " pairs msg/s")
                        / samples.median("NODE " + pairs + " pairs msg/s");
                summary.put("cross-node/same-node " + pairs + " pairs", Math.round(crossRatio * 100) / 100.0);
            }
            summary.put("rounds", rounds);
            summary.put("cores", Runtime.getRuntime().availableProcessors());
            BenchMain.print(Map.of("summary", summary));
            return 0;
        } finally {
            for (Process p : new Process[] {relay, node, other}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
