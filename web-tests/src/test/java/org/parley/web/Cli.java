package org.parley.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.client.ParleyMain;
import org.parley.client.command.ConnectionOptions;
import org.parley.client.command.Terminal;
import org.parley.node.Node;
import picocli.CommandLine;

/** The real {@code parley} command, run in this JVM as a user of one node, with its output kept. */
final class Cli {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Thread thread;
    private volatile int exitCode = -1;

    /** The arguments of {@code command} run as {@code user} of {@code node}, with a home of their own under {@code homes}. */
    static String[] as(Path homes, String user, Node node, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(node.port()),
                "--user", user, "--home", homes.resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    /** Runs to its end. */
    static Cli run(String... args) {
        Cli cli = new Cli();
        cli.exitCode = cli.commandLine().execute(args);
        return cli;
    }

    /** Runs in the background (listen, receive-files); {@link #awaitExit()} joins it. */
    static Cli start(String... args) {
        Cli cli = new Cli();
        cli.thread = new Thread(() -> cli.exitCode = cli.commandLine().execute(args), "parley-cli");
        cli.thread.start();
        return cli;
    }

    private CommandLine commandLine() {
        CommandLine cli = ParleyMain.commandLine(new ConnectionOptions(Map.of(), Terminal.NONE));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    int exitCode() {
        return exitCode;
    }

    String stdout() {
        synchronized (out) {
            return out.toString();
        }
    }

    String stderr() {
        synchronized (err) {
            return err.toString();
        }
    }

    int awaitExit() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(90));
        if (thread.isAlive()) {
            throw new AssertionError("the command is still running; stderr: " + stderr());
        }
        return exitCode;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout: " + stdout() + ", stderr: " + stderr();
    }
}
