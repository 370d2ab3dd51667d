package org.parley.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cross-node figures of this build against another build's (the commit before a change, say),
 * in the same run: two linked nodes from each, both pairs up at once, measured in turn each round
 * (the order alternating from round to round, so neither always runs on a machine the other just
 * warmed). Prints every sample, the medians and this build's rate as a ratio of the baseline's.
 */
@Command(name = "compare", description = "Cross-node (or, with --same-node, one node's) rate and latency of this build against a baseline build's jar, measured in turn each round.")
final class CompareRun implements Callable<Integer> {

    @Option(names = "--baseline-jar",
            description = "the -all jar of the bench module built from the baseline commit")
    Path baselineJar;

    @Option(names = "--baseline-unauthenticated",
            description = "the baseline is this build with item authentication taken out (instead of a jar):"
                    + " the ratio is what authenticating every item between nodes costs")
    boolean baselineUnauthenticated;

    @Option(names = "--node-args", defaultValue = "--no-limits",
            description = "more arguments for this build's nodes, space-separated (default: ${DEFAULT-VALUE})")
    String nodeArgs;

    @Option(names = "--baseline-node-args", defaultValue = "",
            description = "more arguments for the baseline's nodes (a build before --no-limits takes none)")
    String baselineNodeArgs;

    @Option(names = "--baseline-closed",
            description = "the baseline's federation is closed too (a build from issue 18 on): its nodes "
                    + "are told each other's keys as this build's are")
    boolean baselineClosed;

    @Option(names = "--same-node",
            description = "senders and receivers on one node of each build (no second node): the single-node"
                    + " path instead of the cross-node one")
    boolean sameNode;

    @Option(names = "--rounds", defaultValue = "5")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1")
    int warmupRounds;

    @Option(names = "--seconds", defaultValue = "8")
    int seconds;

    @Option(names = "--warmup", defaultValue = "2")
    int warmup;

    @Option(names = "--window", defaultValue = "10")
    int window;

    @Option(names = "--size", defaultValue = "100")
    int size;

    /** Two linked nodes of one build: senders log in to the first, receivers to the second. */
    private static final String NODE_MAIN = "org.parley.node.NodeMain";

    private record Pair(String name, int senderPort, Receivers receivers) {
    }

    @Override
    public Integer call() throws Exception {
        if (baselineUnauthenticated == (baselineJar != null)) {
            System.err.println("parley-bench: give either --baseline-jar or --baseline-unauthenticated");
            return 2;
        }
        if (baselineJar != null && !Files.isReadable(baselineJar)) {
            System.err.println("parley-bench: no baseline jar at " + baselineJar);
            return 2;
        }
        String ownClasspath = System.getProperty("java.class.path");
        Path data = Files.createTempDirectory("parley-bench-compare");
        System.err.println("parley-bench: node logs in " + data);
        List<Process> processes = new ArrayList<>();
        try {
            List<Pair> pairs = List.of(
                    start(processes, data, "current", ownClasspath, NODE_MAIN, words(nodeArgs), true),
                    baselineUnauthenticated
                            ? start(processes, data, "baseline", ownClasspath, UnauthenticatedNode.class.getName(),
                                    words(nodeArgs), true)
                            : start(processes, data, "baseline", baselineJar.toAbsolutePath().toString(), NODE_MAIN,
                                    words(baselineNodeArgs), baselineClosed));
            Vertx vertx = BenchMain.newVertx();
            Samples samples = new Samples();
            try {
                for (int round = -warmupRounds; round < rounds; round++) {
                    List<Pair> order = Math.floorMod(round, 2) == 0 ? pairs : List.of(pairs.get(1), pairs.get(0));
                    for (Pair pair : order) {
                        measure(vertx, round, pair, samples);
                    }
                }
            } finally {
                vertx.close();
            }
            Map<String, Object> summary = samples.medians();
            for (int n : new int[] {10, 100}) {
                double ratio = (double) samples.median("current " + n + " pairs msg/s")
                        / samples.median("baseline " + n + " pairs msg/s");
                summary.put("current/baseline " + n + " pairs", Math.round(ratio * 1000) / 1000.0);
                List<Long> current = samples.of("current " + n + " pairs msg/s");
                List<Long> baseline = samples.of("baseline " + n + " pairs msg/s");
                List<Long> perRound = new ArrayList<>();
                for (int i = 0; i < current.size(); i++) {
                    perRound.add(Math.round(1000.0 * current.get(i) / baseline.get(i)));
                }
                summary.put("per-round ratio median " + n + " pairs", Samples.median(perRound) / 1000.0);
            }
            summary.put("rounds", rounds);
            summary.put("cores", Runtime.getRuntime().availableProcessors());
            BenchMain.print(Map.of("summary", summary));
            return 0;
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private Pair start(List<Process> processes, Path data, String build, String classpath, String main,
                       List<String> more, boolean closed) throws Exception {
        Path firstLog = data.resolve(build + "-a.log");
        Path secondLog = data.resolve(build + "-b.log");
        List<String> first = new ArrayList<>(more);
        List<String> linked = new ArrayList<>(more);
        if (closed) {
            // A closed federation: each node must know the other's key (a baseline from before issue
            // 18 links with anyone, and knows no such flag).
            first.addAll(Spawned.trusting(data, build + "-b"));
            linked.addAll(Spawned.trusting(data, build + "-a"));
        }
        Process firstNode = node(processes, data, build + "-a", classpath, main, firstLog, first);
        int senderPort = Spawned.readyPort(firstNode, firstLog);
        if (sameNode) {
            return new Pair(build, senderPort, Receivers.sameNode(senderPort));
        }
        linked.addAll(List.of("--peer", "127.0.0.1:" + Spawned.s2sPort(firstLog)));
        Process second = node(processes, data, build + "-b", classpath, main, secondLog, linked);
        int receiverPort = Spawned.readyPort(second, secondLog);
        return new Pair(build, senderPort, new Receivers(receiverPort, build + "-b", build + "-a", 3));
    }

    private static Process node(List<Process> processes, Path data, String name, String classpath, String main,
                                Path log, List<String> more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", name, "--port", "0", "--s2s-port", "0", "--plaintext",
                "--data-dir", data.resolve(name).toString()));
        args.addAll(more);
        Process process = Spawned.spawn(log, classpath, List.of(), main,
                args.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    private void measure(Vertx vertx, int round, Pair pair, Samples samples) throws Exception {
        for (int n : new int[] {10, 100}) {
            Map<String, Object> r = new ThroughputRun(vertx, Target.NODE, "127.0.0.1", pair.senderPort(),
                    pair.receivers()).run(n, size, window, warmup, seconds);
            BenchMain.print(Map.of("round", round, "build", pair.name(), "result", r));
            samples.add(round, pair.name() + " " + n + " pairs msg/s", (Long) r.get("messagesPerSecond"));
        }
        Map<String, Object> l = new LatencyRun(vertx, Target.NODE, "127.0.0.1", pair.senderPort(), pair.receivers())
                .run(5000, 20000, size);
        BenchMain.print(Map.of("round", round, "build", pair.name(), "result", l));
        samples.add(round, pair.name() + " p50 us", (Long) l.get("p50Micros"));
        samples.add(round, pair.name() + " p99 us", (Long) l.get("p99Micros"));
    }
}
