package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.frame.WireJson;

/** The node's logging as config/logback.xml sets it up: JSON on request, into a file kept across starts. */
class NodeLogTest {

    @TempDir
    Path dir;

    @Test
    void aNamedLogFileGetsJsonEventsAndIsKeptAcrossStartsWhileTheReadyLineStaysOnStdout() throws Exception {
        // GIVEN the shipped logging config, asked for JSON into a file
        Path log = dir.resolve("logs/node.log");
        List<String> options = List.of("-Dlogback.configurationFile=" + Path.of("../config/logback.xml").toAbsolutePath(),
                "-Dparley.log.format=json", "-Dparley.log.file=" + log);

        // WHEN the node starts twice
        for (int start = 0; start < 2; start++) {
            try (NodeProcess node = NodeProcess.start(options, "node-l", dir.resolve("data"))) {
                // THEN its ready line is still on stdout, where scripts read it
                assertTrue(node.readyLine().startsWith("parley-node node-l ready: clients on"), node.readyLine());
            }
        }

        // AND the file holds one JSON event per line, in words, from both starts
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            events.add(WireJson.mapper().readTree(line));
        }
        List<String> listening = events.stream().map(event -> event.path("formattedMessage").asText())
                .filter(message -> message.startsWith("Node node-l listening for clients on 127.0.0.1:")).toList();
        assertEquals(2, listening.size(), "one start's log was emptied by the next: " + events);
        assertTrue(events.stream().allMatch(event -> event.has("level") && event.has("loggerName")
                && event.has("timestamp")), "every line is a whole event");
    }
}
