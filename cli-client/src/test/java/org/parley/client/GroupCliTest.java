package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.SenderKeys;
import org.parley.client.identity.IdentityStore;
import org.parley.client.identity.PassphraseSource;
import org.parley.node.Node;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.GroupSeal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.e2ee.SenderKey;

/**
 * Groups with the real {@code parley} commands, over three TLS nodes in a line (a - b - c): group
 * messages are end-to-end encrypted with sender keys, and those keys follow the membership.
 */
class GroupCliTest {

    @TempDir
    static Path data;

    @TempDir
    Path homes;

    private static Vertx vertx;
    private static Node a;
    private static Node b;
    private static Node c;

    @BeforeAll
    static void startNodes() throws Exception {
        vertx = Vertx.vertx();
        // a line, each node trusting its neighbours: node-a and node-c believe each other on node-b's word
        a = TestNodes.start(vertx, Map.of("name", "node-a", "dataDir", data.resolve("a").toString()),
                Map.of("node-b", data.resolve("b")));
        b = TestNodes.start(vertx, Map.of("name", "node-b", "dataDir", data.resolve("b").toString(),
                "peers", List.of("127.0.0.1:" + a.s2sPort())), Map.of("node-a", data.resolve("a"),
                "node-c", data.resolve("c")));
        c = TestNodes.start(vertx, Map.of("name", "node-c", "dataDir", data.resolve("c").toString(),
                "peers", List.of("127.0.0.1:" + b.s2sPort())), Map.of("node-b", data.resolve("b")));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        TestNodes.stop(vertx, List.of(c, b, a));
    }

    private String[] as(String user, Node node, String... command) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(node.port()),
                "--user", user, "--home", homes.resolve(user).toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private CliRun ok(String user, Node node, String... command) {
        CliRun run = CliRun.run(as(user, node, command));
        assertEquals(0, run.exitCode, String.join(" ", command) + ": " + run.stderr());
        return run;
    }

    private static String unique(String name) {
        return name + Integer.toHexString(new SecureRandom().nextInt(1 << 20));
    }

    /** Logs each user in once (so their node publishes them) and waits until every node knows them all. */
    private void register(String... users) {
        for (String user : users) {
            Node home = user.startsWith("alice") ? a : user.startsWith("bob") ? b : c;
            ok(user, home, "who");
        }
        for (Node node : List.of(a, b, c)) {
            for (String user : users) {
                await().atMost(Duration.ofSeconds(30)).until(() -> node.federation().directory().users().keySet()
                        .stream().anyMatch(u -> u.name().equals(user)));
            }
        }
    }

    @Test
    void membersOnThreeNodesTalkInAGroupWithTheRealCommands() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        register(alice, bob, carol);
        String team = "#" + unique("team") + "@node-a";
        String created = ok(alice, a, "group", "create", team.substring(0, team.indexOf('@'))).stdout();
        assertTrue(created.startsWith(team + "  open  1 member(s)  owner " + alice + "@node-a"), created);
        ok(bob, b, "group", "join", team);
        ok(carol, c, "group", "join", team);

        CliRun bobListens = CliRun.start(as(bob, b, "listen", "--count", "2", "--timeout", "60", "--json"));
        CliRun carolListens = CliRun.start(as(carol, c, "listen", "--count", "1", "--timeout", "60"));
        bobListens.awaitListening();
        carolListens.awaitListening();
        ok(alice, a, "send", team, "hello", "team");
        ok(carol, c, "send", team, "hi from the end of the line");

        assertEquals(0, bobListens.awaitExit(), bobListens.stderr());
        List<String> lines = bobListens.stdout().lines().toList();
        assertEquals(2, lines.size(), bobListens.stdout());
        assertTrue(lines.get(0).contains("\"from\":\"" + alice + "@node-a\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"group\":\"" + team + "\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"text\":\"hello team\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"text\":\"hi from the end of the line\""), lines.get(1));
        assertEquals(0, carolListens.awaitExit(), carolListens.stderr());
        assertTrue(carolListens.stdout().contains(alice + "@node-a in " + team + ": hello team"),
                carolListens.stdout());

        String members = ok(bob, b, "group", "members", team, "--json").stdout();
        assertEquals(3, members.lines().count(), members);
        assertTrue(members.contains("{\"user\":\"" + alice + "@node-a\",\"status\":"), members);
        String groups = ok(carol, c, "group", "list").stdout();
        assertTrue(groups.contains(team) && groups.contains("(member)"), groups);
    }

    @Test
    void wrongUseGetsAClearErrorAndANonZeroExit() {
        String alice = unique("alice");
        String carol = unique("carol");
        register(alice, carol);
        String board = "#" + unique("board") + "@node-a";
        ok(alice, a, "group", "create", board, "--invite-only");

        CliRun uninvited = CliRun.run(as(carol, c, "group", "join", board));
        assertEquals(1, uninvited.exitCode);
        assertTrue(uninvited.stderr().contains("invite-only"), uninvited.stderr());
        CliRun notMember = CliRun.run(as(carol, c, "send", board, "let me in"));
        assertEquals(1, notMember.exitCode);
        assertTrue(notMember.stderr().contains("invite-only") || notMember.stderr().contains("not a member"),
                notMember.stderr());
        CliRun noSuch = CliRun.run(as(carol, c, "group", "join", "#nosuch@node-a"));
        assertEquals(1, noSuch.exitCode);
        assertTrue(noSuch.stderr().contains("no group #nosuch@node-a"), noSuch.stderr());
        CliRun badName = CliRun.run(as(carol, c, "group", "join", "team"));
        assertEquals(1, badName.exitCode);
        assertTrue(badName.stderr().contains("starts with #"), badName.stderr());
    }

    @Test
    void aMemberWhoLeftCannotReadWhatFollowsNorAJoinerWhatCameBeforeEvenWithTheCiphertext() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        String dave = unique("carol"); // a "carol" name: register() puts them on node-c
        register(alice, bob, carol, dave);
        String team = "#" + unique("team") + "@node-a";
        ok(alice, a, "group", "create", team);
        ok(bob, b, "group", "join", team);
        ok(carol, c, "group", "join", team);

        // bob stays offline, so each message waits in his mailbox on node-b, where we can take its ciphertext
        ok(alice, a, "send", team, "before carol left");
        byte[] before = awaitCiphertext(bob, "before carol left".length());
        ok(carol, c, "listen", "--count", "1", "--timeout", "60"); // carol gets the key and the message
        ok(carol, c, "group", "leave", team);
        ok(dave, c, "group", "join", team);
        ok(alice, a, "send", team, "after carol left");
        byte[] after = awaitCiphertextOtherThan(bob, before);

        // carol holds alice's first key but not her second: the new message does not open for her
        SenderKeys carols = keysOf(carol, "node-c");
        GroupSeal.Label first = GroupSeal.label(before);
        GroupSeal.Label second = GroupSeal.label(after);
        assertTrue(second.epoch() > first.epoch());
        SenderKey old = carols.of(alice + "@node-a", team, hex(first.keyId())).orElseThrow();
        assertTrue(carols.of(alice + "@node-a", team, hex(second.keyId())).isEmpty());
        IdentityKeys alicesKeys = new IdentityStore(homes.resolve(alice)).loadOrCreate(alice, PassphraseSource.NONE);
        OpenFailure failure = assertThrows(OpenFailure.class, () -> GroupSeal.open(second.id(), alice + "@node-a",
                team, alicesKeys.signingPublic(), old, after));
        assertEquals(OpenFailure.Kind.UNDECRYPTABLE, failure.kind());
        // dave, who joined after the first message, never had the key that opens it
        ok(dave, c, "listen", "--count", "1", "--timeout", "60");
        SenderKeys daves = keysOf(dave, "node-c");
        assertTrue(daves.of(alice + "@node-a", team, hex(second.keyId())).isPresent());
        assertTrue(daves.of(alice + "@node-a", team, hex(first.keyId())).isEmpty());

        // and bob, a member all along, reads both
        CliRun bobReads = CliRun.run(as(bob, b, "listen", "--count", "2", "--timeout", "60"));
        assertEquals(0, bobReads.exitCode, bobReads.stderr() + bobReads.stdout());
        assertTrue(bobReads.stdout().contains("before carol left") && bobReads.stdout().contains("after carol left"),
                bobReads.stdout());
    }

    private SenderKeys keysOf(String user, String node) throws Exception {
        IdentityKeys keys = new IdentityStore(homes.resolve(user)).loadOrCreate(user, PassphraseSource.NONE);
        return SenderKeys.load(homes.resolve(user), user, user + "@" + node, keys);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] awaitCiphertext(String user, int atLeast) {
        List<byte[]> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            found.addAll(mailboxOf(user));
            return !found.isEmpty();
        });
        assertFalse(new String(found.get(0), StandardCharsets.ISO_8859_1).contains("carol left"),
                "the node holds the group message in clear");
        assertTrue(found.get(0).length > atLeast);
        return found.get(0);
    }

    private static byte[] awaitCiphertextOtherThan(String user, byte[] known) {
        List<byte[]> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            found.addAll(mailboxOf(user).stream().filter(body -> !java.util.Arrays.equals(body, known)).toList());
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** The group messages waiting for {@code user} in node-b's store, oldest first. */
    private static List<byte[]> mailboxOf(String user) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("b").resolve("parley.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT body FROM mailbox WHERE user = ? AND recipient LIKE '#%' ORDER BY seq")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    bodies.add(row.getBytes(1));
                }
            }
        }
        return bodies;
    }
}
