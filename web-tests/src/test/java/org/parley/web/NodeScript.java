package org.parley.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A script of this module's run by the machine's Node.js, as the web client's checks need one. */
final class NodeScript {

    private NodeScript() {
    }

    /** This module's folder (package.json, src/test/js). */
    static Path module() {
        return Path.of(System.getProperty("parley.web.tests", "."));
    }

    /** The page's source folder, whose modules the scripts import. */
    static Path webRoot() {
        return Path.of(System.getProperty("parley.web.root", "../node/src/main/web"));
    }

    /** The exit code and everything it printed, once it has ended within {@code seconds}. */
    record Ran(int exitCode, String output) {
    }

    static Ran run(long seconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", module().resolve("src/test/js").resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("parley-node-script", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(module().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not end in " + seconds + " s: " + Files.readString(log));
            }
            return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
