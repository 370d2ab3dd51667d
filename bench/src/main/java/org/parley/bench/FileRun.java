package org.parley.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.client.files.FileHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A file from a user of node-a to a user of node-b with the real {@code send-file} and
 * {@code receive-files}, every JVM a process of its own with its heap capped: the time from
 * send-file's start to the file's final name at the receiver, against a raw loopback TCP copy of
 * the same bytes from disk to disk in the same run (and the {@link FloorRun} pipeline, what this
 * machine allows a transfer at best); each process's peak RSS; and the round trips
 * of chat between two other users of the same two nodes before and during the transfer.
 */
@Command(name = "files", mixinStandardHelpOptions = true,
        description = "File transfer across two nodes: throughput against raw loopback TCP, peak RSS, chat latency.")
final class FileRun implements Callable<Integer> {

    @Option(names = "--size-mib", defaultValue = "1024", description = "file size (default: ${DEFAULT-VALUE})")
    int sizeMiB;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of every JVM (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--nice-clients", defaultValue = "0",
            description = "run the sending and receiving clients at this lower CPU priority (nice), as if they ran on"
                    + " machines of their own rather than beside both nodes (default: ${DEFAULT-VALUE}: as the nodes)")
    int niceClients;

    @Option(names = "--rounds", defaultValue = "1", description = "transfers, each with its own baseline and nodes")
    int rounds;

    @Option(names = "--chat-messages", defaultValue = "3000", description = "round trips per latency measurement")
    int chatMessages;

    @Option(names = "--warmup-mib", defaultValue = "0",
            description = "a file sent first, unmeasured, so the nodes run compiled code as long-running nodes do"
                    + " (default: ${DEFAULT-VALUE}: none)")
    int warmupMiB;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-files");
        System.err.println("parley-bench: logs in " + data);
        Path file = data.resolve("payload.bin");
        byte[] sha = RandomFile.write(file, (long) sizeMiB << 20);
        Path warmup = data.resolve("warmup.bin");
        if (warmupMiB > 0) {
            RandomFile.write(warmup, (long) warmupMiB << 20);
        }
        try {
            for (int round = 0; round < rounds; round++) {
                BenchMain.print(round(data.resolve("round-" + round), file, sha, warmup));
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(warmup);
        }
        return 0;
    }

    private Map<String, Object> round(Path data, Path file, byte[] sha, Path warmup) throws Exception {
        Files.createDirectories(data);
        long size = Files.size(file);
        Path copy = data.resolve("raw-copy.bin");
        double rawSeconds = RawCopy.seconds(file, copy); // and waits for the disk to settle
        double floorSeconds = FloorRun.seconds(file, copy, sha);

        // Each process as its launcher runs it: nodes with the JVM's own collector (bin/parley-node),
        // clients with the serial one (bin/parley); every heap at --heap.
        List<String> nodeJvm = List.of("-Xmx" + heap);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-Xss512k"));
        if (niceClients > 0) {
            jvm.add("nice=" + niceClients);
        }
        List<Process> processes = new ArrayList<>();
        Map<String, Long> peakRss = new ConcurrentHashMap<>();
        Vertx vertx = BenchMain.newVertx();
        try {
            Process a = Spawned.node(processes, data, "node-a", nodeJvm,
                    Spawned.trusting(data, "node-b").toArray(String[]::new));
            int portA = Spawned.readyPort(a, data.resolve("node-a.log"));
            int s2sA = Spawned.s2sPort(data.resolve("node-a.log"));
            List<String> bArgs = new ArrayList<>(List.of("--peer", "127.0.0.1:" + s2sA));
            bArgs.addAll(Spawned.trusting(data, "node-a"));
            Process b = Spawned.node(processes, data, "node-b", nodeJvm, bArgs.toArray(String[]::new));
            int portB = Spawned.readyPort(b, data.resolve("node-b.log"));
            watch(peakRss, "node-a", a);
            watch(peakRss, "node-b", b);
            Receivers crossNodes = new Receivers(portB, "node-b", "node-a", 2);

            client(data, jvm, "bob-who", portB, "bob", "who").waitFor(60, TimeUnit.SECONDS);
            // as many warm-up round trips as the latency command makes: the nodes' chat path compiled
            Map<String, Object> before = new LatencyRun(vertx, Target.NODE, "127.0.0.1", portA, crossNodes)
                    .run(5000, chatMessages, 100);

            Path inbox = data.resolve("inbox");
            if (warmupMiB > 0) {
                Process warmReceiver = client(data, jvm, "warmup-receiver", portB, "bob", "receive-files", "--dir",
                        data.resolve("warmup-inbox").toString(), "--count", "1", "--timeout", "600");
                awaitLine(warmReceiver, data.resolve("warmup-receiver.log"), "receiving files as");
                Process warmSender = client(data, jvm, "warmup-sender", portA, "alice", "send-file", "bob@node-b",
                        warmup.toString(), "--timeout", "600");
                if (!warmReceiver.waitFor(10, TimeUnit.MINUTES) || warmReceiver.exitValue() != 0
                        || !warmSender.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IOException("the warm-up transfer failed; see " + data);
                }
                Files.delete(data.resolve("warmup-inbox").resolve(warmup.getFileName()));
            }
            Process receiver = client(data, jvm, "receiver", portB, "bob", "receive-files", "--dir",
                    inbox.toString(), "--count", "1", "--timeout", "3600");
            awaitLine(receiver, data.resolve("receiver.log"), "receiving files as");
            watch(peakRss, "receiver", receiver);
            long start = System.nanoTime();
            CompletableFuture<Double> flowSeconds = timeBetween(inbox, receiver, size / 10, size * 9 / 10);
            Process sender = client(data, jvm, "sender", portA, "alice", "send-file", "bob@node-b", file.toString(),
                    "--timeout", "3600");
            watch(peakRss, "sender", sender);
            // chat while the file crosses: from the receiver's first progress line, so while pieces flow,
            // not while both clients start (their JIT, the sender hashing the file)
            awaitLine(receiver, data.resolve("receiver.log"), "%");
            // Once, from the receiver's first progress line: the transfer is in full flow by then (with
            // bulk streams it lasts about ten seconds, too short for a second run after one that overlaps
            // the clients' own start).
            CompletableFuture<Map<String, Object>> during = CompletableFuture.supplyAsync(() -> {
                try {
                    if (!receiver.isAlive()) {
                        return Map.of("error", "the transfer ended first");
                    }
                    Map<String, Object> run = new LinkedHashMap<>(new LatencyRun(vertx, Target.NODE, "127.0.0.1",
                            portA, crossNodes).run(200, chatMessages, 100));
                    // whether every round trip was made while the file was crossing
                    run.put("wholeRunDuringTransfer", receiver.isAlive());
                    return run;
                } catch (Exception e) {
                    return Map.of("error", String.valueOf(e.getMessage()));
                }
            });
            if (!receiver.waitFor(60, TimeUnit.MINUTES) || receiver.exitValue() != 0) {
                throw new IOException("receive-files failed; see " + data.resolve("receiver.log"));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sender.waitFor(60, TimeUnit.SECONDS);
            Map<String, Object> chatDuring = during.get(10, TimeUnit.MINUTES);
            Path received = inbox.resolve(file.getFileName());
            boolean intact = Arrays.equals(sha, FileHash.of(received));
            Files.delete(received);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("target", "file-cross-node");
            result.put("bytes", size);
            result.put("heap", heap);
            result.put("niceClients", niceClients);
            result.put("warmupMiB", warmupMiB);
            result.put("intact", intact);
            result.put("seconds", round(seconds));
            result.put("fileMiBps", round(size / 1048576.0 / seconds));
            result.put("rawLoopbackMiBps", round(size / 1048576.0 / rawSeconds));
            result.put("ratio", Math.round(rawSeconds / seconds * 1000) / 1000.0);
            // What this machine allows at best: see FloorRun.
            result.put("floorMiBps", round(size / 1048576.0 / floorSeconds));
            result.put("floorRatio", Math.round(rawSeconds / floorSeconds * 1000) / 1000.0);
            // In full flow: from 10% to 90% on the receiver's disk, so without the clients' start-up
            // (JVM, key unlock, login) and the sender's reading the whole file for its hash first.
            double flow = flowSeconds.get(10, TimeUnit.SECONDS);
            double flowMiBps = size * 0.8 / 1048576.0 / flow;
            result.put("flowMiBps", round(flowMiBps));
            result.put("flowRatio", Math.round(flowMiBps / (size / 1048576.0 / rawSeconds) * 1000) / 1000.0);
            // The figure: Parley in full flow against the floor measured in the same round.
            result.put("flowPerFloor", Math.round(flowMiBps / (size / 1048576.0 / floorSeconds) * 1000) / 1000.0);
            result.put("peakRssMiB", new LinkedHashMap<>(Map.of("node-a", peakRss.get("node-a"), "node-b",
                    peakRss.get("node-b"), "sender", peakRss.get("sender"), "receiver", peakRss.get("receiver"))));
            result.put("chatBefore", before);
            result.put("chatDuringFlow", chatDuring);
            // Chat's p99 in full flow against its p99 before the transfer, in the same round.
            if (before.get("p99Micros") instanceof Number p99Before && p99Before.longValue() > 0
                    && chatDuring.get("p99Micros") instanceof Number p99Flow
                    && Boolean.TRUE.equals(chatDuring.get("wholeRunDuringTransfer"))) {
                result.put("chatP99Ratio", Math.round(p99Flow.doubleValue() / p99Before.doubleValue() * 100) / 100.0);
            }
            return result;
        } finally {
            vertx.close();
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Process client(Path data, List<String> jvm, String name, int port, String user, String... command)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--plaintext", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--user", user, "--home", data.resolve("home-" + user).toString()));
        args.addAll(List.of(command));
        return Spawned.spawn(data.resolve(name + ".log"), jvm, "org.parley.client.ParleyMain",
                args.toArray(String[]::new));
    }

    /** Samples the process's peak resident set (VmHWM, which the kernel keeps) until it exits. */
    private static void watch(Map<String, Long> peaks, String name, Process process) {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        Thread watcher = new Thread(() -> {
            while (process.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                        if (line.startsWith("VmHWM:")) {
                            long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                            peaks.merge(name, kib / 1024, Math::max);
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (IOException | InterruptedException | NumberFormatException gone) {
                    return;
                }
            }
        }, "rss-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Seconds between the moments the files in {@code folder} first hold {@code from} and then
     * {@code to} bytes, sampled every 20 ms while {@code process} runs.
     */
    private static CompletableFuture<Double> timeBetween(Path folder, Process process, long from, long to) {
        return CompletableFuture.supplyAsync(() -> {
            long fromNanos = 0;
            while (process.isAlive()) {
                long bytes = 0;
                try (var files = Files.walk(folder)) {
                    bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                } catch (IOException | java.io.UncheckedIOException notYet) {
                    // the folder appears with the first file
                }
                long now = System.nanoTime();
                if (fromNanos == 0 && bytes >= from) {
                    fromNanos = now;
                }
                if (fromNanos != 0 && bytes >= to) {
                    return (now - fromNanos) / 1e9;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    break;
                }
            }
            return Double.NaN;
        });
    }

    private static void awaitLine(Process process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IOException("never said '" + text + "'; see " + log);
    }
}
