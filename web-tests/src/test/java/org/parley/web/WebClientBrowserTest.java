package org.parley.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.frame.WireJson;

/**
 * The web client in Debian's Chromium, served by node-a, against users of the command-line client on
 * node-a and node-b: everything the page does travels the real protocol, sealed end to end by the
 * page's WebCrypto and opened by the CLI's Java, and back. The screenshots in docs/ come from here.
 */
class WebClientBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path data;

    private static LinkedNodes nodes;
    private static Chromium chromium;

    @TempDir
    Path homes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new LinkedNodes(data.resolve("nodes"));
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aBrowserUserOnNodeAAndACliUserOnNodeBWriteBothWaysWithReceipts() throws Exception {
        // GIVEN bob listening with the command-line client on node-b, and wendy in the browser on node-a
        Cli bobListens = listening(Cli.as(homes, "bob", nodes.b, "listen", "--count", "1", "--json", "--timeout", "60"));
        WebUser wendy = WebUser.register(chromium, "wendy", nodes.a);
        nodes.awaitKnown("wendy@node-a", "bob@node-b");

        // WHEN wendy writes to bob
        wendy.open("bob@node-b");
        wendy.send("hello bob, from the browser ✓");

        // THEN bob's client opens it, and wendy's page marks it accepted, then delivered
        assertEquals(0, bobListens.awaitExit(), bobListens.toString());
        JsonNode atBob = WireJson.mapper().readTree(bobListens.stdout().strip());
        assertEquals("wendy@node-a", atBob.path("from").asText());
        assertEquals("hello bob, from the browser ✓", atBob.path("text").asText());
        wendy.awaitStatus("hello bob, from the browser", "delivered");

        // WHEN bob answers, listening for what becomes of his message
        Cli bobHears = listening(Cli.as(homes, "bob", nodes.b, "listen", "--count", "1", "--json", "--receipts",
                "--timeout", "60"));
        Cli answer = Cli.run(Cli.as(homes, "bob", nodes.b, "send", "--wait-delivered", "--json", "wendy@node-a",
                "hello wendy, from the terminal"));

        // THEN the page shows it (delivered as soon as it has it), and, shown on screen, tells bob it was read
        assertEquals(0, answer.exitCode(), answer.toString());
        assertEquals("delivered", WireJson.mapper().readTree(answer.stdout().strip()).path("status").asText());
        wendy.awaitMessage("bob@node-b", "hello wendy, from the terminal");
        await().atMost(WAIT).until(() -> bobHears.stdout().contains("\"read\""));
        wendy.send("see you");
        assertEquals(0, bobHears.awaitExit(), bobHears.toString());
        wendy.awaitStatus("see you", "delivered");
        wendy.screenshot("web-conversation");
    }

    @Test
    void aGroupHasABrowserMemberAndCliMembersOnBothNodes() throws Exception {
        // GIVEN gina in the browser on node-a, who makes the group #crew, and carol (node-b) and dave (node-a) who join it
        WebUser gina = WebUser.register(chromium, "gina", nodes.a);
        gina.fill("#create-group-name", "crew");
        gina.click("#create-group-form button[type=submit]");
        gina.awaitText("#conversation-title", "#crew@node-a");
        gina.awaitText("#recipients", "#crew@node-a (g)");
        for (Cli joined : new Cli[] {Cli.run(Cli.as(homes, "carol", nodes.b, "group", "join", "#crew@node-a")),
                Cli.run(Cli.as(homes, "dave", nodes.a, "group", "join", "#crew@node-a"))}) {
            assertEquals(0, joined.exitCode(), joined.toString());
        }
        Cli carol = listening(Cli.as(homes, "carol", nodes.b, "listen", "--count", "1", "--json", "--timeout", "60"));
        Cli dave = listening(Cli.as(homes, "dave", nodes.a, "listen", "--count", "1", "--json", "--timeout", "60"));

        // WHEN gina posts in it
        gina.send("welcome to the crew");

        // THEN both members read it, sealed under gina's sender key that the page gave each of them
        for (Cli member : new Cli[] {carol, dave}) {
            assertEquals(0, member.awaitExit(), member.toString());
            JsonNode post = WireJson.mapper().readTree(member.stdout().strip());
            assertEquals("gina@node-a", post.path("from").asText());
            assertEquals("#crew@node-a", post.path("group").asText());
            assertEquals("welcome to the crew", post.path("text").asText());
        }

        // AND what a member posts from the terminal, gina reads
        Cli post = Cli.run(Cli.as(homes, "carol", nodes.b, "send", "#crew@node-a", "thanks gina"));
        assertEquals(0, post.exitCode(), post.toString());
        gina.awaitMessage("carol@node-b", "thanks gina");
        gina.click("#conversation-actions button:has-text(\"Members\")");
        gina.awaitText("#dialog-body", "carol@node-b");
        gina.screenshot("web-group");
        gina.click("#dialog-actions button[value=close]");
    }

    @Test
    void filesGoFromTheBrowserToACliUserAndBackIntact() throws Exception {
        // GIVEN hana in the browser on node-a and ivan taking files with the command-line client on node-b
        WebUser hana = WebUser.register(chromium, "hana", nodes.a);
        Path inbox = Files.createDirectories(homes.resolve("ivan-files"));
        Cli ivanTakes = listening(Cli.as(homes, "ivan", nodes.b, "receive-files", "--dir", inbox.toString(), "--count",
                "1", "--json", "--timeout", "90"));
        nodes.awaitKnown("hana@node-a", "ivan@node-b");
        Path outgoing = randomFile(homes.resolve("report.bin"), 2_500_000, 1);

        // WHEN hana sends a file of three chunks
        hana.open("ivan@node-b");
        hana.sendFile(outgoing);

        // THEN ivan has it whole: the same SHA-256
        assertEquals(0, ivanTakes.awaitExit(), ivanTakes.toString());
        JsonNode taken = WireJson.mapper().readTree(ivanTakes.stdout().strip());
        assertEquals(sha256(outgoing), taken.path("sha256").asText());
        assertEquals(sha256(outgoing), sha256(Path.of(taken.path("file").asText())));
        hana.awaitText("#transfers", "sent");

        // WHEN ivan sends one back
        Path back = randomFile(homes.resolve("photo.jpg"), 1_800_000, 2);
        Cli sent = Cli.run(Cli.as(homes, "ivan", nodes.b, "send-file", "hana@node-a", back.toString()));
        assertEquals(0, sent.exitCode(), sent.toString());

        // THEN hana is offered it, accepts, and saves the very same bytes
        hana.awaitText("#transfers", "photo.jpg");
        hana.click("#transfers button[aria-label=\"Accept photo.jpg\"]");
        hana.awaitText("#transfers", "ready");
        hana.screenshot("web-files");
        Path saved = homes.resolve("saved-photo.jpg");
        assertEquals("photo.jpg", hana.download("#transfers button[aria-label=\"Save photo.jpg\"]", saved));
        assertEquals(sha256(back), sha256(saved));
    }

    @Test
    void aContactsKeyChangeBlocksSendingUntilTheUserTrustsTheNewKeys() throws Exception {
        // GIVEN jane in the browser, who pinned kim's keys by writing to her
        WebUser jane = WebUser.register(chromium, "jane", nodes.a);
        Cli kimFirst = Cli.run(Cli.as(homes, "kim", nodes.b, "who"));
        assertEquals(0, kimFirst.exitCode(), kimFirst.toString());
        nodes.awaitKnown("jane@node-a", "kim@node-b");
        jane.open("kim@node-b");
        jane.send("hi kim");
        jane.awaitStatus("hi kim", "accepted");

        // WHEN kim's account is deleted and the name registered again with other keys
        assertEquals(0, Cli.run(Cli.as(homes, "kim", nodes.b, "delete-account", "--yes")).exitCode());
        Path otherHomes = Files.createDirectories(homes.resolve("elsewhere"));
        Cli kimAgain = listening(Cli.as(otherHomes, "kim", nodes.b, "listen", "--count", "1", "--json", "--timeout",
                "90"));

        // THEN jane's page warns, and will not send to kim
        jane.awaitText("#key-warning", "kim@node-b's keys have changed");
        assertEquals("", chromium.call("attribute", "page", jane.page, "selector", "#send-button", "attribute",
                "disabled").asText(), "the send button is disabled");
        jane.screenshot("web-key-change");

        // WHEN she compares safety numbers and trusts the new keys
        jane.click("#key-warning button:has-text(\"Compare safety numbers\")");
        String digits = chromium.call("attribute", "page", jane.page, "selector", "#dialog-body .safety", "attribute",
                "data-safety-number").asText();
        assertTrue(digits.matches("(\\d{5} ){11}\\d{5}"), digits);
        jane.screenshot("web-safety-number");
        jane.click("#dialog-actions button[value=close]");
        jane.click("#key-warning button:has-text(\"Trust the new keys\")");
        jane.send("welcome back, kim");

        // THEN kim, with her new keys, reads it
        assertEquals(0, kimAgain.awaitExit(), kimAgain.toString());
        assertEquals("welcome back, kim", WireJson.mapper().readTree(kimAgain.stdout().strip()).path("text").asText());
    }

    @Test
    void aReloadKeepsTheIdentityAndTheHistory() throws Exception {
        // GIVEN lena in the browser, who wrote to max and heard back
        WebUser lena = WebUser.register(chromium, "lena", nodes.a);
        Cli maxListens = listening(Cli.as(homes, "max", nodes.a, "listen", "--count", "1", "--json", "--timeout", "60"));
        lena.open("max@node-a");
        lena.send("before the reload");
        assertEquals(0, maxListens.awaitExit(), maxListens.toString());
        assertEquals(0, Cli.run(Cli.as(homes, "max", nodes.a, "send", "lena", "an answer that stays")).exitCode());
        lena.awaitMessage("max@node-a", "an answer that stays");

        // WHEN the page is reloaded
        lena.reload();

        // THEN it logs in again with the same keys (the node would refuse others) and shows the history
        lena.awaitLoggedIn();
        lena.open("max@node-a");
        lena.awaitText("#messages", "before the reload");
        lena.awaitMessage("max@node-a", "an answer that stays");

        // AND in a phone-sized window the conversation list folds away behind its button
        lena.viewport(390, 760);
        lena.screenshot("web-phone");
        lena.click("#toggle-sidebar");
        lena.awaitText("#sidebar.open", "Everyone");
        lena.screenshot("web-phone-conversations");
    }

    @Test
    void anIdentityExportedFromTheCommandLineLogsInInTheBrowser() throws Exception {
        // GIVEN olga, registered with the command-line client, who exports her identity under a passphrase
        assertEquals(0, Cli.run(Cli.as(homes, "olga", nodes.a, "who")).exitCode());
        Path passphrase = Files.writeString(homes.resolve("passphrase"), "a long passphrase, ✓\n");
        Path export = homes.resolve("olga-identity.json");
        Cli exported = Cli.run(Cli.as(homes, "olga", nodes.a, "identity", "export", export.toString(),
                "--export-passphrase-file", passphrase.toString()));
        assertEquals(0, exported.exitCode(), exported.toString());

        // WHEN she imports it in the page
        WebUser olga = WebUser.importing(chromium, "olga", nodes.a, export, "a long passphrase, ✓");

        // THEN the node takes the page's login as hers (it refuses any other keys for the name), and she writes as olga
        Cli ninaListens = listening(Cli.as(homes, "nina", nodes.a, "listen", "--count", "1", "--json", "--timeout", "60"));
        olga.open("nina@node-a");
        olga.send("it is me, from the browser");
        assertEquals(0, ninaListens.awaitExit(), ninaListens.toString());
        assertEquals("olga@node-a", WireJson.mapper().readTree(ninaListens.stdout().strip()).path("from").asText());
    }

    /** A command that logs in and then waits (listen, receive-files), once it is logged in. */
    private static Cli listening(String... args) {
        Cli cli = Cli.start(args);
        await().atMost(WAIT).until(() -> cli.stderr().contains(" as ") || cli.exitCode() >= 0);
        return cli;
    }

    private static Path randomFile(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
