package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.files.FileHash;

/**
 * A 1 GiB file from a user of node-a to a user of node-b, with every JVM on the way (both nodes,
 * sender, receiver) a process of its own with its heap capped at 256 MiB: neither a node nor a
 * client may hold the file whole, or a large part of it, in memory.
 */
class HugeFileTest {

    private static final long FILE_BYTES = 1L << 30;
    private static final String HEAP = "-Xmx256m";
    private static final Pattern READY = Pattern.compile("clients on 127\\.0\\.0\\.1:(\\d+), nodes on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process spawn(String name, String mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-Djava.net.preferIPv4Stack=true", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("PARLEY_PASSPHRASE", "correct horse");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Starts a node and returns its client and S2S ports, read from its ready line. */
    private int[] node(String name, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", name, "--host", "127.0.0.1", "--port", "0",
                "--s2s-port", "0", "--data-dir", dir.resolve(name).toString(), "--no-limits"));
        args.addAll(List.of(more));
        Process node = spawn(name, "org.parley.node.NodeMain", args.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path log = dir.resolve(name + ".log");
        while (System.nanoTime() < deadline && node.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (ready.find()) {
                return new int[] {Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2))};
            }
            node.waitFor(100, TimeUnit.MILLISECONDS); // polls the log; the node says nothing else
        }
        throw new AssertionError(name + " never said it was ready: " + Files.readString(log));
    }

    /** The flags with which a node trusts {@code name} (federation is closed); makes its key if need be. */
    private String[] trusting(String name) throws IOException {
        return new String[] {"--peer-fingerprint",
                name + "=" + TestNodes.fingerprints(java.util.Map.of(name, dir.resolve(name))).get(name)};
    }

    private Process client(String name, int port, String user, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--user", user, "--home", dir.resolve("home-" + user).toString()));
        args.addAll(List.of(command));
        return spawn(name, "org.parley.client.ParleyMain", args.toArray(String[]::new));
    }

    private int exit(Process process, String name) throws Exception {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            throw new AssertionError(name + " still running: " + Files.readString(dir.resolve(name + ".log")));
        }
        return process.exitValue();
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    /** Writes pseudo-random bytes (fast; their randomness does not matter) and returns their SHA-256. */
    private static byte[] writeFile(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block);
                sha.update(block);
            }
        }
        return sha.digest();
    }

    /** Until alice's node has heard of bob (gossip), alice asks who is there. */
    private void awaitSeenAtNodeA(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertEquals(0, exit(client("alice-who", port, "alice", "who"), "alice-who"), log("alice-who"));
            if (log("alice-who").contains("bob@node-b")) {
                return;
            }
        }
        throw new AssertionError("node-a never heard of bob: " + log("alice-who"));
    }

    @Test
    void aGibibyteCrossesTwoNodesWithEveryHeapCappedAt256MiB() throws Exception {
        Path file = dir.resolve("disk.img");
        byte[] sent = writeFile(file, FILE_BYTES);
        int[] a = node("node-a", trusting("node-b"));
        List<String> linkToA = new ArrayList<>(List.of("--peer", "127.0.0.1:" + a[1]));
        linkToA.addAll(List.of(trusting("node-a")));
        int[] b = node("node-b", linkToA.toArray(String[]::new));
        assertEquals(0, exit(client("bob-who", b[0], "bob", "who"), "bob-who"), log("bob-who"));
        awaitSeenAtNodeA(a[0]);

        Path inbox = dir.resolve("inbox");
        Process receiving = client("receiver", b[0], "bob", "receive-files", "--dir", inbox.toString(), "--count",
                "1", "--timeout", "600");
        Process sending = client("sender", a[0], "alice", "send-file", "bob@node-b", file.toString(),
                "--timeout", "600");
        assertEquals(0, exit(sending, "sender"), log("sender"));
        assertEquals(0, exit(receiving, "receiver"), log("receiver"));

        Files.delete(file);
        Path received = inbox.resolve("disk.img");
        assertEquals(FILE_BYTES, Files.size(received));
        assertArrayEquals(sent, FileHash.of(received));
        for (Process process : processes.subList(0, 2)) {
            assertTrue(process.isAlive(), "a node died on the way: " + log("node-a") + log("node-b"));
        }
        assertTrue(!log("node-a").contains("OutOfMemoryError") && !log("node-b").contains("OutOfMemoryError"));
    }
}
