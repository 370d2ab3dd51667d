package org.parley.client;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An interactive session as a process of its own, as a user runs it: its standard input is what
 * the user types, its output is gathered line by line.
 */
final class ShellProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Writer in;
    /** Counted down once the whole output has been read. */
    private final java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);

    private ShellProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (java.io.IOException ended) {
                // the process is gone
            } finally {
                read.countDown();
            }
        }, "shell-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code parley ARGS} with {@code environment} added to this one's. */
    static ShellProcess start(Map<String, String> environment, String... args) throws Exception {
        return startIn(null, environment, args);
    }

    /** As {@link #start(Map, String...)}, in {@code folder} (null: this one). */
    static ShellProcess startIn(Path folder, Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = parley(args).redirectErrorStream(true).directory(folder == null ? null
                : folder.toFile());
        builder.environment().putAll(environment);
        return new ShellProcess(builder.start());
    }

    /** Any command (a node, a command run in a network namespace) as a process whose output is gathered. */
    static ShellProcess start(ProcessBuilder builder) throws Exception {
        return new ShellProcess(builder.redirectErrorStream(true).start());
    }

    /** {@code parley ARGS} as a process of its own, on this test's class path. */
    static ProcessBuilder parley(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The test class path holds the node's logback.xml beside the client's (the client's jar has one), and
        // logback says so on stdout, where watch --out - writes the video.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Djava.net.preferIPv4Stack=true",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "-cp",
                System.getProperty("java.class.path"), "org.parley.client.ParleyMain"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    String said() {
        return String.join("\n", lines());
    }

    List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The first line that matches {@code pattern}, once it is printed. */
    String awaitLine(java.util.regex.Pattern pattern) {
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> lines().stream()
                    .anyMatch(line -> pattern.matcher(line).find()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the process never printed /" + pattern + "/; it printed:\n" + said(), e);
        }
        return lines().stream().filter(line -> pattern.matcher(line).find()).findFirst().orElseThrow();
    }

    void awaitSaid(String text) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> said().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the session never said '" + text + "'; it said:\n" + said(), e);
        }
    }

    void type(String line) throws Exception {
        in.write(line + "\n");
        in.flush();
    }

    /** The end of input, as Ctrl-D or the end of a pipe. */
    void endInput() throws Exception {
        in.close();
    }

    /** Waits for the process to end and its output to be read; its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS) || !read.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the session did not end; it said:\n" + said());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
