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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
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
        // (the page acknowledges and, with the conversation open, reads at once: bob's node passes "read" on
        // straight away but "delivered" only once the mailbox dropped the message on disk, so either may come first)
        String reached = WireJson.mapper().readTree(answer.stdout().strip()).path("status").asText();
        assertTrue(List.of("delivered", "read").contains(reached), reached);
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
        gina.createGroup("crew");
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
        Cli ivanTakes = takingOneFile("ivan", nodes.b);
        nodes.awaitKnown("hana@node-a", "ivan@node-b");
        Path outgoing = randomFile(homes.resolve("report.bin"), 2_500_000, 1);

        // WHEN hana sends a file of three chunks
        hana.open("ivan@node-b");
        hana.sendFile(outgoing);

        // THEN ivan has it whole: the same SHA-256
        assertTakenIntact(ivanTakes, outgoing);
        hana.awaitText("#transfers", "sent");

        // WHEN ivan sends one back
        Path back = sentFromCli("ivan", nodes.b, "hana@node-a", randomFile(homes.resolve("photo.jpg"), 1_800_000, 2));

        // THEN hana is offered it, accepts, and saves the very same bytes
        hana.acceptFile("ivan@node-b", "photo.jpg");
        hana.screenshot("web-files");
        assertEquals(sha256(back), sha256(hana.saveFile("photo.jpg", homes.resolve("saved-photo.jpg"))));
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

    @Test
    void whatWaitedAtTheNodeWhileThePageWasClosedArrivesAtTheNextLoginWithReceipts() throws Exception {
        // GIVEN pia, who logged in in the browser on node-a once and closed the page, and quinn on node-b
        WebUser pia = WebUser.register(chromium, "pia", nodes.a);
        assertEquals(0, Cli.run(Cli.as(homes, "quinn", nodes.b, "who")).exitCode());
        nodes.awaitKnown("pia@node-a", "quinn@node-b");
        pia.closePage();

        // WHEN quinn writes to her twice meanwhile, and listens for what becomes of it
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            Cli sent = Cli.run(Cli.as(homes, "quinn", nodes.b, "send", "--json", "pia@node-a", "while you were away " + i));
            assertEquals(0, sent.exitCode(), sent.toString());
            ids[i] = WireJson.mapper().readTree(sent.stdout().strip()).path("id").asText();
        }
        Cli quinnHears = listening(Cli.as(homes, "quinn", nodes.b, "listen", "--count", "1", "--json", "--receipts",
                "--timeout", "60"));

        // THEN when she opens the page again both are there, counted unread, and quinn hears they were delivered
        pia.reopen(nodes.a);
        pia.awaitText("#recipients button[data-conversation=\"quinn@node-b\"]", "2");
        await().atMost(WAIT).until(() -> receipts(quinnHears, "delivered").containsAll(List.of(ids)));

        // AND once she reads them, that they were read
        pia.open("quinn@node-b");
        pia.awaitMessage("quinn@node-b", "while you were away 0");
        pia.awaitMessage("quinn@node-b", "while you were away 1");
        await().atMost(WAIT).until(() -> receipts(quinnHears, "read").containsAll(List.of(ids)));
        pia.send("back now");
        assertEquals(0, quinnHears.awaitExit(), quinnHears.toString());
    }

    @Test
    void aGroupPostThatWaitedWhileThePageWasClosedArrivesAtTheNextLogin() throws Exception {
        // GIVEN rolf in the browser, owner of #later on node-a, which sara on node-b joined, and his page closed
        WebUser rolf = WebUser.register(chromium, "rolf", nodes.a);
        rolf.createGroup("later");
        Cli joined = Cli.run(Cli.as(homes, "sara", nodes.b, "group", "join", "#later@node-a"));
        assertEquals(0, joined.exitCode(), joined.toString());
        rolf.closePage();

        // WHEN sara posts in it (her first post: her sender key goes to rolf's mailbox before it)
        Cli posted = Cli.run(Cli.as(homes, "sara", nodes.b, "send", "#later@node-a", "posted while you were away"));
        assertEquals(0, posted.exitCode(), posted.toString());

        // THEN rolf reads it in the group when he opens the page again
        rolf.reopen(nodes.a);
        rolf.awaitText("#recipients button[data-conversation=\"#later@node-a\"]", "1");
        rolf.open("#later@node-a");
        rolf.awaitMessage("sara@node-b", "posted while you were away");
    }

    @Test
    void broadcastsGoBothWaysBetweenThePageAndTheCommandLine() throws Exception {
        // GIVEN rita in the browser on node-a and sven listening on node-b
        WebUser rita = WebUser.register(chromium, "rita", nodes.a);
        Cli svenListens = listening(Cli.as(homes, "sven", nodes.b, "listen", "--count", "1", "--json", "--timeout", "60"));
        nodes.awaitKnown("rita@node-a", "sven@node-b");

        // WHEN rita writes to everyone
        rita.open("*");
        rita.send("hello everyone, from the browser");

        // THEN sven reads it as a broadcast
        assertEquals(0, svenListens.awaitExit(), svenListens.toString());
        JsonNode heard = WireJson.mapper().readTree(svenListens.stdout().strip());
        assertEquals("rita@node-a", heard.path("from").asText());
        assertEquals("*", heard.path("to").asText());
        assertEquals("hello everyone, from the browser", heard.path("text").asText());

        // WHEN sven broadcasts from the terminal while rita has another conversation open
        rita.open("sven@node-b");
        Cli answer = Cli.run(Cli.as(homes, "sven", nodes.b, "send", "*", "hello everyone, from the terminal"));
        assertEquals(0, answer.exitCode(), answer.toString());

        // THEN Everyone counts it unread, and shows it, after what rita broadcast, when she goes back there
        rita.awaitText("#recipients button[data-conversation=\"*\"]", "1");
        rita.open("*");
        rita.awaitMessage("sven@node-b", "hello everyone, from the terminal");
        rita.awaitText("#messages li.message.mine", "hello everyone, from the browser");
        assertEquals("Everyone (*): broadcasts, not encrypted", rita.text("#conversation-title"));
    }

    @Test
    void aFileDeclinedInThePageIsDeclinedForItsCliSender() throws Exception {
        // GIVEN tina in the browser on node-a, offered a file by ugo on node-b
        WebUser tina = WebUser.register(chromium, "tina", nodes.a);
        assertEquals(0, Cli.run(Cli.as(homes, "ugo", nodes.b, "who")).exitCode());
        nodes.awaitKnown("tina@node-a", "ugo@node-b");
        sentFromCli("ugo", nodes.b, "tina@node-a", randomFile(homes.resolve("unwanted.bin"), 300_000, 3));
        Cli ugoListens = listening(Cli.as(homes, "ugo", nodes.b, "listen", "--count", "1", "--json", "--timeout", "60"));
        tina.open("ugo@node-b");
        tina.awaitText("#transfers", "unwanted.bin");

        // WHEN she declines it
        tina.click("#transfers button[aria-label=\"Decline unwanted.bin\"]");

        // THEN the offer leaves her page, and ugo is told
        chromium.call("waitFor", "page", tina.page, "selector", "#transfers li", "text", "unwanted.bin", "state",
                "detached");
        await().atMost(WAIT).until(() -> ugoListens.stderr().contains("declined"));
        assertTrue(ugoListens.stderr().contains("unwanted.bin"), ugoListens.stderr());
        tina.send("no thanks");
        assertEquals(0, ugoListens.awaitExit(), ugoListens.toString());
    }

    @Test
    void theOwnerInvitesKicksAndLeavesFromThePageAndCliMembersSeeIt() throws Exception {
        // GIVEN vera in the browser, owner of the invite-only group #inner on node-a
        WebUser vera = WebUser.register(chromium, "vera", nodes.a);
        for (String user : new String[] {"walt", "xena"}) {
            assertEquals(0, Cli.run(Cli.as(homes, user, nodes.b, "who")).exitCode());
        }
        nodes.awaitKnown("vera@node-a", "walt@node-b", "xena@node-b");
        vera.check("#create-group-open", false);
        vera.createGroup("inner");
        Cli uninvited = Cli.run(Cli.as(homes, "walt", nodes.b, "group", "join", "#inner@node-a"));
        assertTrue(uninvited.exitCode() != 0, "an uninvited user cannot join: " + uninvited);

        // WHEN she invites walt and xena from the page
        for (String user : new String[] {"walt@node-b", "xena@node-b"}) {
            vera.click("#conversation-actions button:has-text(\"Invite\")");
            vera.fill("#invite-user", user);
            vera.click("#dialog-actions button[value=invite]");
            vera.awaitText("#notices", "#inner@node-a: invite done");
        }

        // THEN both may join from the terminal
        for (String user : new String[] {"walt", "xena"}) {
            Cli joined = Cli.run(Cli.as(homes, user, nodes.b, "group", "join", "#inner@node-a"));
            assertEquals(0, joined.exitCode(), joined.toString());
        }

        // WHEN she kicks walt from the members' list
        vera.click("#conversation-actions button:has-text(\"Members\")");
        vera.awaitText("#dialog-body", "xena@node-b");
        vera.click("#dialog-body button:has-text(\"Kick walt@node-b\")");
        vera.awaitText("#notices", "#inner@node-a: kick done");

        // THEN walt is no member any more, and xena sees him gone
        Cli waltAsks = Cli.run(Cli.as(homes, "walt", nodes.b, "group", "members", "#inner@node-a"));
        assertTrue(waltAsks.exitCode() != 0, "a kicked user is no member: " + waltAsks);
        assertEquals(List.of("vera@node-a", "xena@node-b"), members(Cli.as(homes, "xena", nodes.b, "group", "--json",
                "members", "#inner@node-a")));

        // WHEN vera leaves
        vera.click("#conversation-actions button:has-text(\"Leave\")");

        // THEN her page goes back to Everyone without the group, and xena is left as its only member
        vera.awaitText("#conversation-title", "Everyone");
        chromium.call("waitFor", "page", vera.page, "selector", "#recipients button[data-conversation=\"#inner@node-a\"]",
                "state", "detached");
        assertEquals(List.of("xena@node-b"), members(Cli.as(homes, "xena", nodes.b, "group", "--json", "members",
                "#inner@node-a")));
    }

    @Test
    void aPageUserKickedByACliOwnerLosesTheGroupAndCannotPostInIt() throws Exception {
        // GIVEN #club on node-b, owned by theo on the command line, which nell joined from the page and has open
        Cli created = Cli.run(Cli.as(homes, "theo", nodes.b, "group", "create", "#club"));
        assertEquals(0, created.exitCode(), created.toString());
        WebUser nell = WebUser.register(chromium, "nell", nodes.a);
        nodes.awaitKnown("nell@node-a", "theo@node-b");
        nell.fill("#join-group-name", "#club@node-b");
        nell.click("#join-group-form button[type=submit]");
        nell.awaitText("#conversation-title", "#club@node-b");

        // WHEN theo kicks her
        Cli kicked = Cli.run(Cli.as(homes, "theo", nodes.b, "group", "kick", "#club@node-b", "nell@node-a"));
        assertEquals(0, kicked.exitCode(), kicked.toString());

        // THEN her page drops the group from her list and will not let her write in it
        chromium.call("waitFor", "page", nell.page, "selector", "#recipients button[data-conversation=\"#club@node-b\"]",
                "state", "detached");
        chromium.call("waitFor", "page", nell.page, "selector", "#composer-text:disabled");
    }

    @Test
    void aFileGoesFromThePageToAGroupsCliMemberAndBackIntact() throws Exception {
        // GIVEN abel in the browser, owner of #files on node-a, and cleo on node-b, a member taking files
        WebUser abel = WebUser.register(chromium, "abel", nodes.a);
        abel.createGroup("files");
        Cli joined = Cli.run(Cli.as(homes, "cleo", nodes.b, "group", "join", "#files@node-a"));
        assertEquals(0, joined.exitCode(), joined.toString());
        Cli cleoTakes = takingOneFile("cleo", nodes.b);
        Path outgoing = randomFile(homes.resolve("minutes.bin"), 1_200_000, 4);

        // WHEN abel sends a file to the group
        abel.sendFile(outgoing);

        // THEN cleo has it whole
        assertTakenIntact(cleoTakes, outgoing);
        abel.awaitText("#transfers", "sent");

        // WHEN cleo sends one to the group from the terminal
        Path back = sentFromCli("cleo", nodes.b, "#files@node-a", randomFile(homes.resolve("agenda.bin"), 700_000, 5));

        // THEN abel is offered it in the group, accepts, and saves the very same bytes
        abel.acceptFile("cleo@node-b", "agenda.bin");
        assertEquals(sha256(back), sha256(abel.saveFile("agenda.bin", homes.resolve("saved-agenda.bin"))));
    }

    @Test
    void aMessageArrivingWhileThePageIsHiddenRaisesADesktopNotification() throws Exception {
        // GIVEN yara in the browser, who allowed notifications, with her conversation with zeke open but the page
        // behind another window (seen, it would need no notification)
        WebUser yara = WebUser.register(chromium, "yara", nodes.a);
        assertEquals(0, Cli.run(Cli.as(homes, "zeke", nodes.b, "who")).exitCode());
        nodes.awaitKnown("yara@node-a", "zeke@node-b");
        yara.open("zeke@node-b");
        yara.allowNotifications();
        yara.hide();

        // WHEN zeke writes to her
        Cli sent = Cli.run(Cli.as(homes, "zeke", nodes.b, "send", "yara@node-a", "are you there?"));
        assertEquals(0, sent.exitCode(), sent.toString());

        // THEN the page raises a notification with who wrote and what
        await().atMost(WAIT).until(() -> yara.notifications().contains("zeke@node-b: are you there?"));
    }

    /** A command that logs in and then waits (listen, receive-files), once it is logged in. */
    private static Cli listening(String... args) {
        Cli cli = Cli.start(args);
        await().atMost(WAIT).until(() -> cli.stderr().contains(" as ") || cli.exitCode() >= 0);
        return cli;
    }

    /** The ids of the receipts with {@code status} that a {@code listen --receipts --json} printed so far. */
    private static List<String> receipts(Cli listen, String status) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : listen.stdout().lines().toList()) {
            JsonNode json = WireJson.mapper().readTree(line);
            if (status.equals(json.path("receipt").asText())) {
                ids.add(json.path("id").asText());
            }
        }
        return ids;
    }

    /** The members {@code group --json members} prints, by address. */
    private static List<String> members(String... args) throws IOException {
        Cli asked = Cli.run(args);
        assertEquals(0, asked.exitCode(), asked.toString());
        List<String> members = new ArrayList<>();
        for (String line : asked.stdout().lines().toList()) {
            members.add(WireJson.mapper().readTree(line).path("user").asText());
        }
        return members.stream().sorted().toList();
    }

    /** {@code user} of {@code node} taking one file with {@code receive-files}, logged in. */
    private Cli takingOneFile(String user, Node node) throws IOException {
        Path inbox = Files.createDirectories(homes.resolve(user + "-files"));
        return listening(Cli.as(homes, user, node, "receive-files", "--dir", inbox.toString(), "--count", "1", "--json",
                "--timeout", "90"));
    }

    /** {@code file}, once {@code user} of {@code node} sent it to {@code to} with {@code send-file}. */
    private Path sentFromCli(String user, Node node, String to, Path file) {
        Cli sent = Cli.run(Cli.as(homes, user, node, "send-file", to, file.toString()));
        assertEquals(0, sent.exitCode(), sent.toString());
        return file;
    }

    /** {@code receive-files --json --count 1} ended with {@code sent}'s bytes, by the SHA-256 it printed and on disk. */
    private static void assertTakenIntact(Cli takes, Path sent) throws Exception {
        assertEquals(0, takes.awaitExit(), takes.toString());
        JsonNode taken = WireJson.mapper().readTree(takes.stdout().strip());
        assertEquals(sha256(sent), taken.path("sha256").asText());
        assertEquals(sha256(sent), sha256(Path.of(taken.path("file").asText())));
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
