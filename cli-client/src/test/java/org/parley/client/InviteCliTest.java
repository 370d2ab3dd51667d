package org.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.NodeMain;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine;

/**
 * {@code parley --invite CODE}: on a node whose operator registers new names by invite, a new user
 * gets in with a code the operator made, and not without one.
 */
class InviteCliTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path homes;

    private final Vertx vertx = Vertx.vertx();
    private Node node;

    @AfterEach
    void stopNode() throws Exception {
        TestNodes.stop(vertx, node == null ? List.of() : List.of(node));
    }

    /** {@code parley-node admin ARGS --data-dir DATA --json}, as the node's operator runs it. */
    private String admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new java.util.ArrayList<>(List.of("admin"));
        line.addAll(List.of(args));
        line.addAll(List.of("--name", "test", "--data-dir", dataDir.toString(), "--json"));
        int code = new CommandLine(new NodeMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(line.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void aNewUserRegistersWithAnInviteCodeAndNotWithoutOne() throws Exception {
        node = TestNodes.start(vertx, Map.of("name", "test", "dataDir", dataDir.toString(), "registration", "invite"));
        CliRun without = CliRun.run(TestNodes.as(homes, "erin", node, "send", "erin", "hello"));
        assertEquals(1, without.exitCode, without.stdout());
        assertTrue(without.stderr().contains("INVITE_REQUIRED"), without.stderr());
        assertTrue(without.stderr().contains("--invite"), without.stderr());

        String code = WireJson.mapper().readTree(admin("invite", "create", "--uses", "1")).get("code").asText();
        String[] args = TestNodes.as(homes, "erin", node, "--invite", code, "send", "erin", "hello");
        CliRun with = CliRun.run(args);
        assertEquals(0, with.exitCode, with.stderr());

        // erin has an account now: she needs no code, and the used-up code lets nobody else in
        CliRun again = CliRun.run(TestNodes.as(homes, "erin", node, "send", "erin", "again"));
        assertEquals(0, again.exitCode, again.stderr());
        CliRun frank = CliRun.run(TestNodes.as(homes, "frank", node, "--invite", code, "send", "frank", "hi"));
        assertEquals(1, frank.exitCode);
        assertTrue(frank.stderr().contains("used up"), frank.stderr());
    }
}
