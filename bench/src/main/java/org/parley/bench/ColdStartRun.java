package org.parley.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What users meet right after a node starts (a deploy, a crash): two fresh linked nodes, started for
 * each round, and traffic both ways between their users from the moment they are ready, the rate
 * counted in each second; then, on two more fresh nodes, a cross-node ping-pong from the first
 * round trip, against the same ping-pong once those nodes are warm. Reports the rate of the first
 * seconds as a ratio of the last seconds' (the warm rate of the same processes, in the same run).
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
        description = "Fresh nodes: the rate both ways in each of the first seconds, and a cold cross-node ping-pong.")
final class ColdStartRun implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "3")
    int rounds;

    @Option(names = "--pairs", defaultValue = "10", description = "pairs each way (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--seconds", defaultValue = "30")
    int seconds;

    @Option(names = "--early", defaultValue = "5", description = "the first seconds compared with the last as many")
    int early;

    @Option(names = "--round-trips", defaultValue = "2000", description = "round trips of the cold ping-pong")
    int roundTrips;

    @Option(names = "--window", defaultValue = "10")
    int window;

    @Option(names = "--size", defaultValue = "100")
    int size;

    @Option(names = "--node-jvm", split = " ", description = "options for the nodes' JVMs, space-separated"
            + " (-XX:TieredStopAtLevel=1, say)")
    List<String> nodeJvm = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (seconds < 2 * early || early < 1) {
            throw new IllegalArgumentException("--seconds must be at least twice --early");
        }
        Samples samples = new Samples();
        Vertx vertx = BenchMain.newVertx();
        try {
            for (int round = 0; round < rounds; round++) {
                Map<String, Object> traffic = bothWays(vertx);
                BenchMain.print(Map.of("round", round, "result", traffic));
                samples.add(round, "early/warm x1000", Math.round((Double) traffic.get("earlyOverWarm") * 1000));
                samples.add(round, "early msg/s", (Long) traffic.get("earlyMessagesPerSecond"));
                samples.add(round, "warm msg/s", (Long) traffic.get("warmMessagesPerSecond"));
                Map<String, Object> pingPong = pingPong(vertx);
                BenchMain.print(Map.of("round", round, "result", pingPong));
                samples.add(round, "cold p50 us", (Long) pingPong.get("coldP50Micros"));
                samples.add(round, "cold p99 us", (Long) pingPong.get("coldP99Micros"));
                samples.add(round, "warm p50 us", (Long) pingPong.get("warmP50Micros"));
            }
        } finally {
            vertx.close();
        }
        Map<String, Object> summary = samples.medians();
        summary.put("rounds", rounds);
        summary.put("nodeJvm", String.join(" ", nodeJvm));
        BenchMain.print(Map.of("summary", summary));
        return 0;
    }

    /** Two fresh nodes, their ready moments, and what the generator needs to reach them. */
    private record Fresh(List<Process> processes, int portA, int portB, long readyNanos) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Fresh fresh() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-cold");
        System.err.println("parley-bench: node logs in " + data);
        List<Process> processes = new ArrayList<>();
        List<String> aArgs = new ArrayList<>(Spawned.trusting(data, "node-b"));
        Process a = Spawned.node(processes, data, "node-a", nodeJvm, aArgs.toArray(String[]::new));
        int portA = Spawned.readyPort(a, data.resolve("node-a.log"));
        List<String> bArgs = new ArrayList<>(Spawned.trusting(data, "node-a"));
        bArgs.addAll(List.of("--peer", "127.0.0.1:" + Spawned.s2sPort(data.resolve("node-a.log"))));
        Process b = Spawned.node(processes, data, "node-b", nodeJvm, bArgs.toArray(String[]::new));
        int portB = Spawned.readyPort(b, data.resolve("node-b.log"));
        return new Fresh(processes, portA, portB, System.nanoTime());
    }

    private Map<String, Object> bothWays(Vertx vertx) throws Exception {
        try (Fresh nodes = fresh()) {
            CompletableFuture<Map<String, Object>> aToB = CompletableFuture.supplyAsync(() -> run(vertx,
                    nodes.portA(), new Receivers(nodes.portB(), "node-b", "node-a", 3)));
            CompletableFuture<Map<String, Object>> bToA = CompletableFuture.supplyAsync(() -> run(vertx,
                    nodes.portB(), new Receivers(nodes.portA(), "node-a", "node-b", 3)));
            List<Long> one = perSecond(aToB.get(seconds + 180L, TimeUnit.SECONDS));
            List<Long> other = perSecond(bToA.get(seconds + 180L, TimeUnit.SECONDS));
            List<Long> total = new ArrayList<>();
            for (int i = 0; i < Math.min(one.size(), other.size()); i++) {
                total.add(one.get(i) + other.get(i));
            }
            long earlyRate = mean(total.subList(0, early));
            long warmRate = mean(total.subList(total.size() - early, total.size()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("pairsEachWay", pairs);
            result.put("perSecondBothWays", total);
            result.put("earlyMessagesPerSecond", earlyRate);
            result.put("warmMessagesPerSecond", warmRate);
            result.put("earlyOverWarm", Math.round(earlyRate * 1000.0 / warmRate) / 1000.0);
            result.put("secondsFromReadyToTraffic", Math.round((trafficStart - nodes.readyNanos()) / 1e8) / 10.0);
            return result;
        }
    }

    private volatile long trafficStart;

    private Map<String, Object> run(Vertx vertx, int senders, Receivers receivers) {
        try {
            ThroughputRun run = new ThroughputRun(vertx, Target.NODE, "127.0.0.1", senders, receivers).perSecond(true);
            trafficStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(receivers.settleSeconds());
            return run.run(pairs, size, window, 0, seconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> pingPong(Vertx vertx) throws Exception {
        try (Fresh nodes = fresh()) {
            Receivers cross = new Receivers(nodes.portB(), "node-b", "node-a", 3);
            Map<String, Object> cold = new LatencyRun(vertx, Target.NODE, "127.0.0.1", nodes.portA(), cross)
                    .run(0, roundTrips, size);
            Map<String, Object> warm = new LatencyRun(vertx, Target.NODE, "127.0.0.1", nodes.portA(), cross)
                    .run(5000, 20000, size);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("roundTrips", roundTrips);
            result.put("coldP50Micros", cold.get("p50Micros"));
            result.put("coldP99Micros", cold.get("p99Micros"));
            result.put("warmP50Micros", warm.get("p50Micros"));
            result.put("warmP99Micros", warm.get("p99Micros"));
            return result;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Long> perSecond(Map<String, Object> result) {
        return (List<Long>) result.get("perSecond");
    }

    private static long mean(List<Long> values) {
        return Math.round(values.stream().mapToLong(Long::longValue).average().orElse(0));
    }
}
