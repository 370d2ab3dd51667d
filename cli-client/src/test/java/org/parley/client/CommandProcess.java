package org.parley.client;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One {@code parley} command as a process of its own, run in a folder of the test's, its standard
 * output kept as bytes (a video) apart from its standard error (what it says); and Ctrl-C.
 */
final class CommandProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CommandProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code parley ARGS} in {@code folder}; its outputs go to files in {@code outputs}. */
    static CommandProcess start(Path folder, Path outputs, String... args) throws Exception {
        Path out = Files.createTempFile(outputs, "stdout", ".bin");
        Path err = Files.createTempFile(outputs, "stderr", ".txt");
        Process process = ShellProcess.parley(args).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new CommandProcess(process, out, err);
    }

    byte[] stdout() throws Exception {
        return Files.readAllBytes(stdout);
    }

    String stderr() throws Exception {
        return Files.readString(stderr);
    }

    void awaitStderr(String text) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> stderr().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the command never said '" + text + "'; it said:\n" + quietly(), e);
        }
    }

    /**
     * As Ctrl-C: SIGTERM, on which the JVM runs its shutdown hooks as it does on SIGINT (a SIGINT
     * from here could be ignored: a background job's is, and the child inherits that).
     */
    void interrupt() {
        process.destroy();
    }

    int awaitExit() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the command did not end; it said:\n" + quietly());
        }
        return process.exitValue();
    }

    private String quietly() {
        try {
            return stderr();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
