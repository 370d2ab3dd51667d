package org.parley.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in a process of its own ({@code NodeMain}, as {@code bin/parley-node} runs it), so a test
 * can kill it with SIGKILL, no shutdown hook and no flush, as a crash would.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("ready: clients on [^:]+:(\\d+), nodes on [^:]+:(\\d+)");

    private final Process process;
    private final int port;
    private final int s2sPort;
    private final String readyLine;

    private NodeProcess(Process process, int port, int s2sPort, String readyLine) {
        this.process = process;
        this.port = port;
        this.s2sPort = s2sPort;
        this.readyLine = readyLine;
    }

    /** Starts {@code name}, plaintext, on free ports, with its store in {@code dataDir}; returns once it is ready. */
    static NodeProcess start(String name, Path dataDir, String... extra) throws Exception {
        return start(List.of(), name, dataDir, extra);
    }

    /** As {@link #start(String, Path, String...)}, with {@code jvmOptions} ({@code -Dparley.log.file=...}). */
    static NodeProcess start(List<String> jvmOptions, String name, Path dataDir, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                "--name", name, "--host", "127.0.0.1", "--port", "0", "--s2s-port", "0",
                "--data-dir", dataDir.toString(), "--plaintext", "--no-limits"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (READY.matcher(line).find()) {
                        ready.complete(line);
                    }
                }
                ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = ready.get(60, TimeUnit.SECONDS);
            Matcher ports = READY.matcher(line);
            ports.find();
            return new NodeProcess(process, Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2)), line);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * The flags with which another node trusts node {@code name} (closed federation links only with
     * configured keys); makes the node's key in {@code dataDir} if it has none yet.
     */
    static List<String> trusting(String name, Path dataDir) throws IOException {
        return List.of("--peer-fingerprint",
                name + "=" + NodeFixture.fingerprint(dataDir, name));
    }

    int port() {
        return port;
    }

    int s2sPort() {
        return s2sPort;
    }

    /** What the node printed when it was ready. */
    String readyLine() {
        return readyLine;
    }

    /** The process id, for signals. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as a service manager stops a node; returns once the process has exited. */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGKILL: the process stops at once, mid-write if it was writing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
