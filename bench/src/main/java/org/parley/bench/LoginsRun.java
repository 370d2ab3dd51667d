package org.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.protocol.crypto.IdentityKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Logins per second while many users log in and stay: each user with a key of their own, as the
 * real client does (signed login, a new account the first time), a fixed number of logins under
 * way at once so that the node sets the pace, every connection kept open to the end. Counts, at
 * the clients, the presence frames the node sent them, which before presence had an audience grew
 * with the square of the users online.
 */
@Command(name = "logins", mixinStandardHelpOptions = true,
        description = "Logins per second while N users log in and stay connected, and the presence frames they got.")
final class LoginsRun implements Callable<Integer> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--users", defaultValue = "5000")
    int users;

    @Option(names = "--tls", description = "the node serves clients over TLS (its own certificate, not checked here)")
    boolean tls;

    @Option(names = "--in-flight", defaultValue = "64", description = "logins under way at once; each that ends"
            + " starts the next (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--port", description = "a node already running on 127.0.0.1 (its limits apply); else one is"
            + " started, without limits")
    Integer port;

    @Option(names = "--settle-millis", defaultValue = "1000", description = "after the last login, how long presence"
            + " still on its way is waited for before it is counted (default: ${DEFAULT-VALUE})")
    long settleMillis;

    @Option(names = "--node-jvm", split = " ", description = "options for the node's JVM, space-separated")
    List<String> nodeJvm = new ArrayList<>();

    /** Held for the run: a client held only in a local variable closes its sockets when collected. */
    private NetClient client;

    @Override
    public Integer call() throws Exception {
        // Keys first, so that the rate is the node's, not the generator's key making.
        List<IdentityKeys> keys = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            keys.add(IdentityKeys.generate(RANDOM));
        }
        List<Process> processes = new ArrayList<>();
        Vertx vertx = BenchMain.newVertx();
        try {
            int nodePort = port != null ? port : startNode(processes);
            NetClientOptions options = new NetClientOptions().setTcpNoDelay(true);
            if (tls) {
                options.setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm("");
            }
            client = vertx.createNetClient(options);
            BenchMain.print(run(nodePort, keys));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (Process process : processes) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private int startNode(List<Process> processes) throws Exception {
        Path data = Files.createTempDirectory("parley-bench-logins");
        System.err.println("parley-bench: node log in " + data);
        Process node = Spawned.node(processes, data, "node-a", nodeJvm, !tls);
        return Spawned.readyPort(node, data.resolve("node-a.log"));
    }

    private Map<String, Object> run(int nodePort, List<IdentityKeys> keys) throws Exception {
        // A prefix of this run's own, so that a node already running takes them as new users.
        String prefix = "l" + Integer.toString(RANDOM.nextInt(36 * 36 * 36), 36) + "-";
        Queue<BenchConnection> connected = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Queue<String> firstFailures = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> all = new CompletableFuture<>();
        long start = System.nanoTime();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= users) {
                return;
            }
            BenchConnection.open(client, Target.NODE, "127.0.0.1", nodePort, prefix + i, 0, 0, keys.get(i))
                    .onComplete(login -> {
                        if (login.succeeded()) {
                            connected.add(login.result());
                        } else if (failed.incrementAndGet() <= 3) {
                            firstFailures.add(login.cause().getMessage());
                        }
                        if (ended.incrementAndGet() == users) {
                            all.complete(null);
                        } else {
                            launch[0].run();
                        }
                    });
        };
        for (int i = 0; i < Math.min(inFlight, users); i++) {
            launch[0].run();
        }
        all.get(60L + users / 10, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        // What the node sends after the last login (a batch's window, a write queued) is still its cost.
        TimeUnit.MILLISECONDS.sleep(settleMillis);
        long frames = 0;
        long changes = 0;
        long errors = 0;
        for (BenchConnection connection : connected) {
            frames += connection.presenceFrames();
            changes += connection.presenceChanges();
            errors += connection.errors();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("users", users);
        result.put("tls", tls);
        result.put("inFlight", inFlight);
        result.put("loggedIn", connected.size());
        result.put("failed", failed.get());
        if (!firstFailures.isEmpty()) {
            result.put("firstFailures", List.copyOf(firstFailures));
        }
        result.put("seconds", Math.round(elapsed / 1e7) / 100.0);
        result.put("loginsPerSecond", Math.round(connected.size() / (elapsed / 1e9)));
        result.put("presenceFrames", frames);
        result.put("presenceChanges", changes);
        result.put("presenceFramesPerLogin", connected.isEmpty() ? 0 : Math.round(frames * 100.0 / connected.size()) / 100.0);
        result.put("errorFrames", errors);
        for (BenchConnection connection : connected) {
            connection.close();
        }
        return result;
    }
}
