package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeMainTest {

    @Test
    void aBadSettingIsOneLineNamingTheFieldAndExitTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NodeMain());
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("--port", "70000");

        assertEquals(2, code);
        assertEquals("parley-node: bad config: port: must be between 0 and 65535, got 70000\n", err.toString());
    }
}
