package org.parley.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post to a group one of whose member nodes has left the network: the post succeeds for the
 * other members and says which node it missed, instead of "not sent" (which made scripts post it
 * twice), and the same for a file. Also: one kicked out of a group is told they are no longer a
 * member.
 */
class GroupPostTest {

    @TempDir
    Path data;

    @TempDir
    Path homes;

    private TwoNodes nodes;

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    @Test
    void aPostWhileOneMembersNodeIsGoneSucceedsForTheOthersAndNamesTheNode() throws Exception {
        nodes = new TwoNodes(data, Map.of("nodeExpirySeconds", 2));
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "group", "create", "team")).exitCode);
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.b.federation().directory().node("node-a").isPresent());
        CliRun joined = CliRun.run(TestNodes.as(homes, "carol", nodes.b, "group", "join", "#team@node-a"));
        assertEquals(0, joined.exitCode, joined.stderr());
        assertEquals(0, CliRun.run(TestNodes.as(homes, "dave", nodes.a, "group", "join", "#team@node-a")).exitCode);

        TestNodes.stop(nodes.b);
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.a.federation().directory().node("node-b").isEmpty());
        CliRun listen = CliRun.start(TestNodes.as(homes, "dave", nodes.a, "listen", "--count", "1", "--timeout", "30"));
        listen.awaitListening();

        CliRun post = CliRun.run(TestNodes.as(homes, "alice", nodes.a, "send", "--json", "#team@node-a", "standup"));

        assertEquals(0, post.exitCode, post.stderr());
        assertTrue(post.stderr().contains("parley: sent to #team@node-a, but not to its members on node-b: there is no"
                + " node node-b on the network"), post.stderr());
        assertTrue(post.stdout().contains("\"unreached\":{\"node-b\":"), post.stdout());
        assertEquals(0, listen.awaitExit(), listen.stderr());
        assertTrue(listen.stdout().contains("alice@node-a in #team@node-a: standup"), listen.stdout());

        java.nio.file.Path file = java.nio.file.Files.write(homes.resolve("agenda.txt"), "1. standup".getBytes());
        CliRun sendFile = CliRun.run(TestNodes.as(homes, "alice", nodes.a, "send-file", "#team@node-a",
                file.toString()));
        assertEquals(0, sendFile.exitCode, sendFile.stderr());
        assertTrue(sendFile.stderr().contains("agenda.txt goes to #team@node-a, but not to its members on node-b"),
                sendFile.stderr());
        CliRun daveTakes = CliRun.run(TestNodes.as(homes, "dave", nodes.a, "receive-files", "--dir",
                homes.resolve("dave-files").toString(), "--count", "1", "--timeout", "30"));
        assertEquals(0, daveTakes.exitCode, daveTakes.stderr());
        nodes.startB(0); // for close
    }

    @Test
    void oneKickedOutIsToldTheyAreNoLongerAMember() throws Exception {
        nodes = new TwoNodes(data, Map.of());
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "group", "create", "club", "--invite-only"))
                .exitCode);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "group", "invite", "#club", "erin")).exitCode);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "erin", nodes.a, "group", "join", "#club@node-a")).exitCode);
        assertEquals(0, CliRun.run(TestNodes.as(homes, "alice", nodes.a, "group", "kick", "#club", "erin")).exitCode);

        CliRun post = CliRun.run(TestNodes.as(homes, "erin", nodes.a, "send", "#club@node-a", "still here?"));

        assertEquals(1, post.exitCode);
        assertTrue(post.stderr().contains("you are not a member of #club@node-a (any more, if you were: removed by its"
                + " owner, or you left); nothing was sent"), post.stderr());
    }
}
