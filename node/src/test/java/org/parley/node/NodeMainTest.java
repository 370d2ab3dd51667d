package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeMainTest {

    @TempDir
    Path dataDir;

    @Test
    void theReadyLineNamesTheWebPortAndTheUrlsWebClientsUse() throws Exception {
        try (NodeProcess node = NodeProcess.start("node-w", dataDir)) {
            Matcher web = Pattern.compile("web on http://127\\.0\\.0\\.1:(\\d+) \\(WebSocket ws://127\\.0\\.0\\.1:(\\d+)/ws\\)")
                    .matcher(node.readyLine());

            assertTrue(web.find(), node.readyLine());
            int webPort = Integer.parseInt(web.group(1));
            assertEquals(webPort, Integer.parseInt(web.group(2)));
            assertNotEquals(node.port(), webPort);
            HttpResponse<String> root = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(root.body().contains("<title>Parley</title>"), "the web port serves the web client");
        }
    }

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
