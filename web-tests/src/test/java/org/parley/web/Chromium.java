package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.frame.WireJson;

/**
 * Debian's Chromium (never a downloaded browser), driven by playwright-core through this module's
 * {@code page-driver.mjs}: each call is one line to it and one answer back. Playwright waits for
 * what it is asked to wait for, up to 30 s, so no call here sleeps.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));
    private static final long ANSWER_SECONDS = 60;

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuilder errors = new StringBuilder();
    private int next;

    private Chromium(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader("page-driver answers", new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), answers::add);
        reader("page-driver errors", new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), line -> {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                });
    }

    /** Starts the driver (the browser on a fresh user-data-dir); returns once the browser is up. */
    static Chromium launch() throws IOException, InterruptedException {
        return launch(List.of());
    }

    /** As {@link #launch()}, with Chromium arguments of the caller's ({@code --use-file-for-fake-audio-capture=...}). */
    static Chromium launch(List<String> arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium (.ci/run does:"
                    + " apt-get install -y chromium)");
        }
        List<String> command = new java.util.ArrayList<>(List.of("node",
                NodeScript.module().resolve("src/test/js/page-driver.mjs").toString(), EXECUTABLE.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(NodeScript.module().toFile()).start();
        Chromium chromium = new Chromium(process);
        chromium.answer(0);
        return chromium;
    }

    private static void reader(String name, BufferedReader lines, java.util.function.Consumer<String> each) {
        Thread thread = new Thread(() -> {
            try (lines) {
                for (String line; (line = lines.readLine()) != null; ) {
                    each.accept(line);
                }
            } catch (IOException ended) {
                // the driver is gone; a waiting call says so
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code op} with the fields given as name, value pairs; its value, or an AssertionError saying why not. */
    synchronized JsonNode call(String op, Object... fields) {
        ObjectNode request = WireJson.mapper().createObjectNode().put("id", ++next).put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            request.set((String) fields[i], WireJson.mapper().valueToTree(fields[i + 1]));
        }
        try {
            requests.write(request + "\n");
            requests.flush();
            return answer(next);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the page driver is gone: " + e + "\n" + errors);
        }
    }

    private JsonNode answer(int id) throws InterruptedException, IOException {
        String line = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no answer from the page driver in " + ANSWER_SECONDS + " s\n" + errors);
        }
        JsonNode answer = WireJson.mapper().readTree(line);
        if (answer.path("id").asInt() != id) {
            throw new AssertionError("the page driver answered " + line + " to request " + id);
        }
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError(answer.path("error").asText());
        }
        return answer.path("value");
    }

    List<String> logs(String page) {
        return WireJson.mapper().convertValue(call("logs", "page", page),
                WireJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            requests.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
