package org.parley.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.admin.AdminAccess;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;

/**
 * {@code parley-node} as a service manager runs it, in a process of its own: SIGHUP reloads its
 * config and it keeps running; SIGTERM drains it (clients hear it is shutting down) before it exits.
 */
class NodeSignalsTest {

    @TempDir
    Path folder;

    private static void signal(String name, long pid) throws Exception {
        assumeTrue(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor() == 0,
                "kill can signal the node");
    }

    @Test
    void sighupReloadsTheConfigAndTheNodeKeepsRunning() throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        file.save();
        AdminCli admin = new AdminCli(file.path());
        try (NodeProcess node = NodeProcess.start("node-a", file.dataDir(), "--config", file.path().toString())) {
            assertEquals("open", admin.run("registration", "--json").json().get("mode").asText());
            // WHEN the operator closes registration in the file and sends SIGHUP
            file.settings().with("sessions").put("registration", "closed");
            file.save();
            signal("HUP", node.pid());
            // THEN the node applies it, and is still there
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.run("registration", "--json").json().get("mode").asText().equals("closed"));
            assertTrue(node.alive());
            try (TestClient carol = TestClient.connect(node.port())) {
                carol.send(LoginTranscript.signedLogin(carol.hello(), "carol", IdentityKeys.generate(new SecureRandom()),
                        null));
                assertEquals(ErrorCode.REGISTRATION_CLOSED, carol.expect(ErrorFrame.class).code());
            }
        }
    }

    @Test
    void sigtermDrainsTellsClientsAndExits() throws Exception {
        ConfigFile file = new ConfigFile(folder, "node-a");
        file.save();
        try (NodeProcess node = NodeProcess.start("node-a", file.dataDir(), "--config", file.path().toString());
             TestClient alice = TestClient.login(node.port(), "alice")) {
            assertTrue(Files.exists(file.dataDir().resolve(AdminAccess.FILE)));
            node.terminate();
            ErrorFrame bye = assertInstanceOf(ErrorFrame.class, alice.awaitType(ErrorFrame.class));
            assertEquals(ErrorCode.NODE_SHUTTING_DOWN, bye.code());
            assertTrue(bye.message().contains("node-a is shutting down"), bye.message());
            assertFalse(node.alive());
            assertFalse(Files.exists(file.dataDir().resolve(AdminAccess.FILE)));
        }
    }
}
