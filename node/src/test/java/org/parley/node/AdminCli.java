package org.parley.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine;

/** {@code parley-node admin ...} run in-process, as an operator runs it beside the node, against its config file. */
final class AdminCli {

    /** What one command printed and returned. */
    record Result(int code, String out, String err) {
        /** Its {@code --json} answer. */
        JsonNode json() throws Exception {
            return WireJson.mapper().readTree(out);
        }
    }

    private final Path config;

    AdminCli(Path config) {
        this.config = config;
    }

    /** Runs {@code parley-node admin ARGS... --config FILE}. */
    Result run(String... args) {
        List<String> line = new ArrayList<>(List.of("admin"));
        line.addAll(List.of(args));
        line.addAll(List.of("--config", config.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new NodeMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
        return new Result(code, out.toString().strip(), err.toString().strip());
    }
}
