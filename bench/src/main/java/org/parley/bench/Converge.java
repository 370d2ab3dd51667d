package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.parley.federation.PeerAddress;
import org.parley.node.Node;
import org.parley.federation.link.NodeKeyFile;
import org.parley.node.config.NodeConfigLoader;
import org.parley.protocol.identity.UserAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long the directory takes to converge: {@code N} nodes (in this JVM, real sockets on
 * 127.0.0.1), one user logged in on each, are linked in a line at once; the clock runs until every
 * node knows every user and has a route to every node. Then the same with the line cut in two
 * halves that converged on their own, from the moment the middle link is dialled (a partition
 * healing).
 */
@Command(name = "converge", description = "Directory convergence time: a line of N nodes, and a healed partition.")
final class Converge implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "10")
    int count;

    @Option(names = "--rounds", defaultValue = "3")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            long line = measure(false);
            long heal = measure(true);
            BenchMain.print(Map.of("round", round, "nodes", count, "lineMillis", line, "partitionHealMillis", heal));
            samples.computeIfAbsent("line ms", k -> new ArrayList<>()).add(line);
            samples.computeIfAbsent("partition heal ms", k -> new ArrayList<>()).add(heal);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        samples.forEach((name, values) -> summary.put(name, values.stream().sorted().toList().get(values.size() / 2)));
        summary.put("nodes", count);
        summary.put("rounds", rounds);
        BenchMain.print(Map.of("summary", summary));
        return 0;
    }

    /** Milliseconds to converge after the line's links (or only its middle link) are dialled. */
    private long measure(boolean partition) throws Exception {
        Vertx vertx = BenchMain.newVertx();
        Path data = Files.createTempDirectory("parley-converge");
        NetClient client = vertx.createNetClient(); // a field's worth of lifetime: used until the end
        List<Node> nodes = new ArrayList<>();
        try {
            List<String> fingerprints = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fingerprints.add(NodeKeyFile.loadOrCreate(data.resolve("n" + i), "n" + i).fingerprint());
            }
            for (int i = 0; i < count; i++) {
                // Federation is closed: each node of the line trusts its neighbours, and vouches for them.
                Map<String, String> neighbours = new java.util.HashMap<>();
                for (int j : new int[] {i - 1, i + 1}) {
                    if (j >= 0 && j < count) {
                        neighbours.put("n" + j, fingerprints.get(j));
                    }
                }
                Map<String, Object> settings = new java.util.HashMap<>(Map.of("name", "n" + i, "host", "127.0.0.1",
                        "port", 0, "s2sPort", 0, "dataDir", data.resolve("n" + i).toString(), "eventLoops", 1,
                        "plaintext", true, "redialMinMillis", 50, "redialMaxMillis", 1000, "peerFingerprints", neighbours));
                settings.put("limits", "none");
                nodes.add(Node.start(vertx, NodeConfigLoader.of(settings).load())
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
            }
            List<Future<BenchConnection>> users = new ArrayList<>();
            Context context = vertx.getOrCreateContext();
            for (int i = 0; i < count; i++) {
                int port = nodes.get(i).port();
                String user = "u" + i;
                users.add(Future.future(p -> context.runOnContext(v -> BenchConnection.open(client, context,
                        Target.NODE, "127.0.0.1", port, user, 0, 0).onComplete(p))));
            }
            Future.all(users).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            int middle = count / 2;
            if (partition) {
                for (int i = 1; i < count; i++) {
                    if (i != middle) {
                        link(nodes, i);
                    }
                }
                awaitConverged(nodes.subList(0, middle), 0);
                awaitConverged(nodes.subList(middle, count), middle);
            }
            long t0 = System.nanoTime();
            if (partition) {
                link(nodes, middle);
            } else {
                for (int i = 1; i < count; i++) {
                    link(nodes, i);
                }
            }
            awaitConverged(nodes, 0);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        } finally {
            for (Node node : nodes) {
                node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void link(List<Node> nodes, int i) {
        nodes.get(i).federation().dial(new PeerAddress("127.0.0.1", nodes.get(i - 1).s2sPort()));
    }

    /** Polls every millisecond (the measurement, not a test) until the group is converged. */
    private static void awaitConverged(List<Node> group, int firstIndex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!converged(group, firstIndex)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no convergence within 120 s");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static boolean converged(List<Node> group, int firstIndex) {
        for (Node node : group) {
            if (node.federation().routes().reachable().size() < group.size() - 1) {
                return false;
            }
            for (int i = 0; i < group.size(); i++) {
                String name = "n" + (firstIndex + i);
                if (node.federation().directory().user(new UserAddress("u" + (firstIndex + i), name)).isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
