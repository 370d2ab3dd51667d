package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Nodes and relays the generator starts as processes of their own, and the ports they report. */
final class Spawned {

    private static final Pattern READY_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    private Spawned() {
    }

    /** Another JVM from this same jar, so that node, relay and generator do not share a heap. */
    static Process spawn(Path log, String mainClass, String... args) throws IOException {
        return spawn(log, List.of(), mainClass, args);
    }

    /** As {@link #spawn(Path, String, String...)}, with options for that JVM ({@code -Xmx256m}, say). */
    static Process spawn(Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        return spawn(log, System.getProperty("java.class.path"), jvmOptions, mainClass, args);
    }

    /** As {@link #spawn(Path, List, String, String...)}, from another build's jar (a baseline, say). */
    static Process spawn(Path log, String classpath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        // "nice=N" among the options: the process runs at that lower CPU priority (a command prefix, not a JVM flag)
        List<String> options = new ArrayList<>();
        for (String option : jvmOptions) {
            if (option.startsWith("nice=")) {
                command.addAll(List.of("nice", "-n", option.substring("nice=".length())));
            } else {
                options.add(option);
            }
        }
        command.add(java);
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PARLEY_PASSPHRASE", "parley-bench");
        return builder.start();
    }

    /** A plaintext node on free ports, its log and store in {@code data}; added to {@code processes}. */
    static Process node(List<Process> processes, Path data, String name, List<String> jvmOptions, String... more)
            throws IOException {
        return node(processes, data, name, jvmOptions, true, more);
    }

    /** As {@link #node(List, Path, String, List, String...)}, over TLS (the node's own certificate) unless {@code plaintext}. */
    static Process node(List<Process> processes, Path data, String name, List<String> jvmOptions, boolean plaintext,
                        String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--name", name, "--port", "0", "--s2s-port", "0",
                "--no-limits", "--data-dir", data.resolve(name).toString()));
        if (plaintext) {
            args.add("--plaintext");
        }
        args.addAll(List.of(more));
        Process process = spawn(data.resolve(name + ".log"), jvmOptions, "org.parley.node.NodeMain",
                args.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    /**
     * Flags that make a node trust the nodes named (federation is closed: a node links only with the
     * nodes it has a fingerprint for), each with its data in {@code data/NAME}, whose key is made
     * there now if the node has not started yet.
     */
    static List<String> trusting(Path data, String... names) throws IOException {
        List<String> flags = new ArrayList<>();
        for (String name : names) {
            flags.add("--peer-fingerprint");
            flags.add(name + "=" + org.parley.federation.link.NodeKeyFile.loadOrCreate(data.resolve(name), name)
                    .fingerprint());
        }
        return flags;
    }

    /** The S2S port in a node's ready line ("nodes on 127.0.0.1:PORT"); call after {@link #readyPort}. */
    static int s2sPort(Path log) throws IOException {
        Matcher m = Pattern.compile("nodes on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(log));
        if (!m.find()) {
            throw new IOException("no S2S port in " + log);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Waits for the process's "ready ... 127.0.0.1:PORT" line in its log. */
    static int readyPort(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = READY_PORT.matcher(line);
                if (line.contains("ready") && m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IOException("process exited before it was ready; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IOException("not ready within 60 s; see " + log);
    }

}
