package org.parley.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.client.command.ConnectionOptions;
import org.parley.client.command.Terminal;
import picocli.CommandLine;

/**
 * One run of the real {@code parley} command line, in this JVM, with its output captured.
 */
final class CliRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new SignallingWriter();
    private final CountDownLatch listening = new CountDownLatch(1);
    int exitCode = -1;
    /** No environment and no terminal unless a test gives them: runs do not depend on the machine. */
    private ConnectionOptions connection = new ConnectionOptions(Map.of(), Terminal.NONE);

    static CliRun run(String... args) {
        CliRun run = new CliRun();
        run.exitCode = run.commandLine().execute(args);
        return run;
    }

    /** A run that sees {@code environment} as its variables and {@code terminal} as the person typing. */
    static CliRun runWith(Map<String, String> environment, Terminal terminal, String... args) {
        CliRun run = new CliRun();
        run.connection = new ConnectionOptions(environment, terminal);
        run.exitCode = run.commandLine().execute(args);
        return run;
    }

    CommandLine commandLine() {
        CommandLine cli = ParleyMain.commandLine(connection);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    /** Runs in a background thread; {@link #awaitListening()} returns once it is logged in. */
    static CliRun start(String... args) {
        CliRun run = new CliRun();
        Thread thread = new Thread(() -> run.exitCode = run.commandLine().execute(args), "parley-cli-test");
        run.thread = thread;
        thread.start();
        return run;
    }

    private Thread thread;

    void awaitListening() throws InterruptedException {
        if (!listening.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("listen never logged in; stderr: " + err);
        }
    }

    int awaitExit() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            throw new AssertionError("command still running; stderr: " + err);
        }
        return exitCode;
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    /** Waits until stderr holds {@code text}. */
    void awaitStderr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (err) {
            while (!err.toString().contains(text)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("stderr never said '" + text + "'; it holds: " + err);
                }
                err.wait(left);
            }
        }
    }

    private final class SignallingWriter extends StringWriter {
        @Override
        public void flush() {
            if (toString().contains("listening as ")) {
                listening.countDown();
            }
            synchronized (this) {
                notifyAll();
            }
        }
    }
}
