package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.parley.client.command.ExitCode;
import org.parley.client.output.DiscoveredLine;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;

/** What {@code parley discover} says without a LAN; the real LAN is {@link LanDiscoveryTest}'s. */
class DiscoverCommandTest {

    private static final FoundNode NODE_B = new FoundNode("192.168.1.20", new NodeAnnouncement("node-b", 2020, 5051,
            2443, 7071, "SHA256:" + "B".repeat(42) + "E", 1));

    @Test
    void aListeningTimeOutOfRangeIsAUsageError() {
        CliRun run = CliRun.run("discover", "--seconds", "0");

        assertEquals(ExitCode.USAGE, run.exitCode);
        assertEquals("parley: --seconds must be between 1 and 600, got 0\n", run.stderr());
    }

    @Test
    void anAddressOfNoInterfaceHereIsAUsageError() {
        CliRun run = CliRun.run("discover", "--interface", "192.0.2.1");

        assertEquals(ExitCode.USAGE, run.exitCode);
        assertTrue(run.stderr().contains("no interface of this machine has the address 192.0.2.1"), run.stderr());
    }

    @Test
    void aNodeIsOneJsonObjectForScriptsAndForPeopleALineWithHowToConnect() {
        assertEquals("{\"node\":\"node-b\",\"host\":\"192.168.1.20\",\"port\":2020,\"s2sPort\":5051,\"webPort\":2443,"
                + "\"voicePort\":7071,\"fingerprint\":\"SHA256:" + "B".repeat(42) + "E\",\"protocol\":1}",
                DiscoveredLine.json(NODE_B));
        String text = DiscoveredLine.text(NODE_B);
        assertTrue(text.startsWith("node-b               192.168.1.20    client 2020  nodes 5051  web 2443 "), text);
        assertTrue(text.endsWith("connect: parley --host 192.168.1.20 --port 2020 --user NAME"), text);
    }
}
