package org.parley.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace the test makes and deletes, with only a loopback interface, multicast
 * switched on for it and routed to it: nodes inside discover each other over mDNS, and nothing they
 * send leaves the namespace. Making one needs root ({@code .ci/run} runs as root).
 */
final class NetworkNamespace implements AutoCloseable {

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** A new namespace, or why none can be made here (not root, no {@code ip}, namespaces refused). */
    static Optional<NetworkNamespace> create(List<String> whyNot) throws Exception {
        String name = "parley-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            run("ip", "netns", "add", name);
        } catch (IOException e) {
            whyNot.add("cannot make a network namespace here (needs root and `ip`): " + e.getMessage());
            return Optional.empty();
        }
        NetworkNamespace namespace = new NetworkNamespace(name);
        try {
            namespace.exec("ip", "link", "set", "lo", "up");
            namespace.exec("ip", "link", "set", "lo", "multicast", "on");
            namespace.exec("ip", "route", "add", "224.0.0.0/4", "dev", "lo");
        } catch (IOException e) {
            namespace.close();
            throw e;
        }
        return Optional.of(namespace);
    }

    /** {@code command} run inside the namespace, to its end; fails with what it printed if it fails. */
    void exec(String... command) throws Exception {
        run(inside(command).toArray(String[]::new));
    }

    /** {@code command} as run inside the namespace ({@code ip netns exec} execs it, so the process is it). */
    List<String> inside(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        return line;
    }

    private static void run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        String said = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + said.strip());
        }
    }

    @Override
    public void close() throws Exception {
        run("ip", "netns", "delete", name);
    }
}
