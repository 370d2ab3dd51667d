package org.parley.node;

import org.parley.federation.wire.Refusal;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupEvent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.EntrySigner;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.PeerProof;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupNotice;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.GroupsRequest;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/**
 * Groups across three nodes in a line (a - b - c, so c reaches a through b): the home keeps
 * membership, fans each message out once per node, and no other node may change its groups.
 */
class GroupTest extends ClusterTest {

    private int requests;

    private GroupInfo act(TestClient client, GroupAction action, String group, String user, Boolean open)
            throws Exception {
        String id = "g" + (++requests);
        client.send(new GroupRequest(id, action, group, user, open));
        Frame<ServerMessage> answer = client.awaitFrame(GroupInfo.class, ErrorFrame.class);
        if (answer.header() instanceof ErrorFrame error) {
            throw new AssertionError("group " + action + " refused: " + error.code() + " " + error.message());
        }
        GroupInfo info = (GroupInfo) answer.header();
        assertEquals(id, info.id());
        return info;
    }

    private ErrorFrame refusal(TestClient client, GroupAction action, String group, String user) throws Exception {
        String id = "g" + (++requests);
        client.send(new GroupRequest(id, action, group, user, null));
        Frame<ServerMessage> answer = client.awaitFrame(GroupInfo.class, ErrorFrame.class);
        if (answer.header() instanceof GroupInfo info) {
            throw new AssertionError("group " + action + " was done: " + info);
        }
        ErrorFrame error = (ErrorFrame) answer.header();
        assertEquals(id, error.ref());
        return error;
    }

    private static List<String> texts(List<Frame<ServerMessage>> deliveries) {
        return deliveries.stream().map(frame -> new String(frame.body(), UTF_8)).toList();
    }

    private static List<String> acknowledge(TestClient client, List<Frame<ServerMessage>> deliveries) throws Exception {
        List<String> ids = deliveries.stream().map(frame -> ((Delivery) frame.header()).id()).toList();
        client.send(new Ack(ids));
        return ids;
    }

    @Test
    void membersOnEveryNodeGetEachMessageOnceInTheHomesOrderAndAnOfflineMemberLater() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        Node c = cluster.start("node-c", b.s2sPort());
        TestClient dave = TestClient.login(c.port(), "dave");
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob");
             TestClient carol = TestClient.login(c.port(), "carol")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b", "carol@node-c", "dave@node-c"));
            GroupInfo created = act(alice, GroupAction.CREATE, "#team", null, true);
            assertEquals("#team@node-a", created.group());
            assertEquals("alice@node-a", created.owner());
            act(bob, GroupAction.JOIN, "#team@node-a", null, null);
            act(carol, GroupAction.JOIN, "#team@node-a", null, null);
            GroupInfo full = act(dave, GroupAction.JOIN, "#team@node-a", null, null);
            assertEquals(List.of("alice@node-a", "bob@node-b", "carol@node-c", "dave@node-c"),
                    full.members().stream().map(GroupInfo.GroupMember::user).toList());
            dave.close();

            // WHEN all three online members write at once, 30 messages each
            int each = 30;
            for (int i = 0; i < each; i++) {
                alice.send(new Send("a" + i, "#team@node-a"), ("alice " + i).getBytes(UTF_8));
                bob.send(new Send("b" + i, "#team@node-a"), ("bob " + i).getBytes(UTF_8));
                carol.send(new Send("c" + i, "#team@node-a"), ("carol " + i).getBytes(UTF_8));
            }
            // THEN each gets every other member's messages once, addressed to the group
            Map<String, TestClient> members = Map.of("alice", alice, "bob", bob, "carol", carol);
            Map<String, List<String>> seen = new java.util.HashMap<>();
            for (var member : members.entrySet()) {
                List<Frame<ServerMessage>> got = member.getValue().awaitDeliveries(2 * each, 30);
                assertEquals(2 * each, got.size(), member.getKey() + " got " + texts(got));
                for (Frame<ServerMessage> frame : got) {
                    assertEquals("#team@node-a", ((Delivery) frame.header()).to());
                }
                acknowledge(member.getValue(), got);
                seen.put(member.getKey(), texts(got));
                assertEquals(2 * each, new HashSet<>(seen.get(member.getKey())).size(), "a message came twice");
                assertFalse(seen.get(member.getKey()).stream().anyMatch(t -> t.startsWith(member.getKey())),
                        "a member is not sent their own message");
            }
            // and in one order: what any two members both received, they received in the same order
            for (String x : members.keySet()) {
                for (String y : members.keySet()) {
                    List<String> common = new ArrayList<>(seen.get(x));
                    common.retainAll(seen.get(y));
                    List<String> theirs = new ArrayList<>(seen.get(y));
                    theirs.retainAll(seen.get(x));
                    assertEquals(common, theirs, x + " and " + y + " saw the group's messages in different orders");
                }
            }
            // and dave, who was offline, gets all 90 when he returns, in that same order
            try (TestClient back = TestClient.login(c.port(), "dave", dave.keys())) {
                List<String> waited = texts(back.awaitDeliveries(3 * each, 30));
                assertEquals(3 * each, waited.size());
                List<String> alicesView = new ArrayList<>(waited);
                alicesView.retainAll(seen.get("alice"));
                assertEquals(seen.get("alice"), alicesView);
            }
        }
    }

    @Test
    void aMemberWhoLeftGetsNothingMoreAndOutsidersCannotPostOrJoinUninvited() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        Node c = cluster.start("node-c", b.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob");
             TestClient carol = TestClient.login(c.port(), "carol")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b", "carol@node-c"));
            act(alice, GroupAction.CREATE, "#board", null, false);

            // an invite-only group refuses carol until a member invites her
            assertEquals(ErrorCode.NOT_INVITED, refusal(carol, GroupAction.JOIN, "#board@node-a", null).code());
            // a non-member cannot post: the home refuses, and the error names the message
            carol.send(new Send("x1", "#board@node-a"), "let me in".getBytes(UTF_8));
            assertEquals(1, carol.awaitType(Accepted.class).forwarded());
            ErrorFrame notMember = carol.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.NOT_MEMBER, notMember.code());
            assertEquals("x1", notMember.ref());
            // nor see who is in it, nor invite
            assertEquals(ErrorCode.NOT_MEMBER, refusal(carol, GroupAction.MEMBERS, "#board@node-a", null).code());
            assertEquals(ErrorCode.NOT_MEMBER,
                    refusal(carol, GroupAction.INVITE, "#board@node-a", "carol@node-c").code());

            act(alice, GroupAction.INVITE, "#board@node-a", "bob@node-b", null);
            GroupNotice invited = bob.awaitType(GroupNotice.class);
            assertEquals(GroupEvent.INVITED, invited.event());
            GroupInfo joined = act(bob, GroupAction.JOIN, "#board@node-a", null, null);
            assertEquals(2, joined.epoch());
            act(alice, GroupAction.INVITE, "#board@node-a", "carol@node-c", null);
            act(carol, GroupAction.JOIN, "#board@node-a", null, null);
            // only the owner may remove members
            assertEquals(ErrorCode.NOT_OWNER, refusal(bob, GroupAction.KICK, "#board@node-a", "carol@node-c").code());

            // WHEN alice removes carol, carol is told, and the epoch moves on
            GroupInfo after = act(alice, GroupAction.KICK, "#board@node-a", "carol@node-c", null);
            assertEquals(4, after.epoch());
            GroupNotice removed = carol.awaitType(GroupNotice.class);
            while (!GroupEvent.REMOVED.equals(removed.event())) {
                removed = carol.awaitType(GroupNotice.class);
            }
            assertEquals("carol@node-c", removed.user());
            // THEN what is said next reaches bob, not carol
            alice.send(new Send("m1", "#board@node-a"), "carol is gone".getBytes(UTF_8));
            assertEquals("carol is gone", texts(bob.awaitDeliveries(1, 10)).get(0));
            assertTrue(carol.awaitDeliveries(1, 1).isEmpty());
            // and bob leaving is his to do
            act(bob, GroupAction.LEAVE, "#board@node-a", null, null);
            alice.send(new Send("m2", "#board@node-a"), "alone".getBytes(UTF_8));
            alice.awaitType(Accepted.class);
            assertTrue(bob.awaitDeliveries(1, 1).isEmpty());
        }
    }

    @Test
    void badGroupRequestsGetAClearErrorAndTheConnectionStays() throws Exception {
        Node a = cluster.start("node-a");
        try (TestClient alice = TestClient.login(a.port(), "alice")) {
            act(alice, GroupAction.CREATE, "#team", null, true);
            // an action this node does not know: the request is refused by its id, the connection stays
            alice.sendRaw(RawFrames.frame("{\"type\":\"group\",\"id\":\"dance-1\",\"action\":\"dance\","
                    + "\"group\":\"#team\"}", new byte[0]));
            ErrorFrame dance = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.BAD_REQUEST, dance.code());
            assertEquals("dance-1", dance.ref());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.JOIN, "team", null).code());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.JOIN, null, null).code());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.INVITE, "#team", null).code());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.INVITE, "#team", "no one!").code());
            assertEquals(ErrorCode.GROUP_EXISTS, refusal(alice, GroupAction.CREATE, "#team", null).code());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.CREATE, "#elsewhere@node-z", null).code());
            assertEquals(ErrorCode.UNKNOWN_USER, refusal(alice, GroupAction.JOIN, "#team@node-z", null).code());
            assertEquals(ErrorCode.BAD_REQUEST, refusal(alice, GroupAction.KICK, "#team", "alice@node-a").code());
            // a message to a group that is not there, on this node or on no node
            alice.send(new Send("x1", "#nosuch"), "?".getBytes(UTF_8));
            ErrorFrame noGroup = alice.awaitType(ErrorFrame.class);
            assertEquals(ErrorCode.NO_SUCH_GROUP, noGroup.code());
            assertEquals("x1", noGroup.ref());
            alice.send(new Send("x2", "#team@node-z"), "?".getBytes(UTF_8));
            assertEquals(ErrorCode.UNKNOWN_USER, alice.awaitType(ErrorFrame.class).code());
            // and the session goes on
            assertEquals("#team@node-a", act(alice, GroupAction.MEMBERS, "#team", null, null).group());
        }
    }

    @Test
    void groupsListsTheUsersGroupsAndTheNetworksOpenOnes() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            act(alice, GroupAction.CREATE, "#lobby", null, true);
            act(alice, GroupAction.CREATE, "#secret", null, false);
            act(alice, GroupAction.INVITE, "#secret", "bob@node-b", null);
            act(bob, GroupAction.JOIN, "#secret@node-a", null, null);

            // the open group reaches node-b by gossip; the invite-only one only through bob's join
            org.awaitility.Awaitility.await().atMost(Cluster.CONVERGE).until(() ->
                    b.federation().directory().groups().keySet().stream().anyMatch(g -> g.name().equals("lobby")));
            assertTrue(b.federation().directory().groups().keySet().stream().noneMatch(g -> g.name().equals("secret")));
            bob.send(new GroupsRequest("l1"));
            List<GroupList.GroupSummary> groups = bob.awaitType(GroupList.class).groups();
            assertEquals(List.of("#secret@node-a", "#lobby@node-a"),
                    groups.stream().map(GroupList.GroupSummary::group).toList());
            assertTrue(groups.get(0).member());
            assertFalse(groups.get(1).member());
            assertEquals("alice@node-a", groups.get(1).owner());
        }
    }

    @Test
    void aRogueNodeCannotChangeOrSpeakForAnotherNodesGroup(Vertx vertx) throws Exception {
        // node-a links with the rogue (its operator configured it): what matters is what the rogue then says
        NodeIdentity rogueKey = RogueNode.freshIdentity("rogue");
        Node a = cluster.start("node-a", Map.of("peerFingerprints", Map.of("rogue", rogueKey.fingerprint())));
        Node b = cluster.start("node-b", a.s2sPort());
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b"));
            act(alice, GroupAction.CREATE, "#team", null, false);
            try (RogueNode rogue = linkedRogue(vertx, a, rogueKey)) {
                refusesTheRogue(a, alice, rogue);
            }
        }
    }

    private void refusesTheRogue(Node a, TestClient alice, RogueNode rogue) throws Exception {
        long version = RUN * 1000;
        rogue.send(new GossipDelta("rogue", 0, List.of(EntrySigner.sign(rogue.identity(), DirectoryEntry.ofNode(
                rogue.record(List.of("node-a"), version), version)))));
        org.awaitility.Awaitility.await().atMost(Cluster.CONVERGE).until(() ->
                a.federation().routes().reachable().contains("rogue"));

        // WHEN the rogue joins bob to the invite-only group in his name, claims a message of
        // #team for alice, and tells alice of a change it made up
        // (each sealed with the rogue's own pair key: authentic as the rogue's, so refused for what it says)
        NodeRecord nodeA = a.federation().directory().node("node-a").orElseThrow();
        sendSealed(rogue, nodeA, envelope(1, EnvelopeKind.GROUP_REQUEST, "r1", "bob@node-b", "#team@node-a", null),
                ("{\"type\":\"group\",\"id\":\"r1\",\"action\":\"join\",\"group\":\"#team@node-a\"}").getBytes(UTF_8));
        sendSealed(rogue, nodeA, envelope(2, EnvelopeKind.GROUP, "r2", "bob@node-b", "#team@node-a",
                List.of("alice@node-a")), "forged".getBytes(UTF_8));
        sendSealed(rogue, nodeA, envelope(3, EnvelopeKind.GROUP_NOTICE, "r3", null, "#team@node-a", List.of("alice@node-a")),
                ("{\"type\":\"group-notice\",\"group\":\"#team@node-a\",\"event\":\"removed\","
                        + "\"user\":\"alice@node-a\",\"by\":\"rogue\",\"epoch\":9}").getBytes(UTF_8));

        // THEN node-a refuses all three, and says so in its acknowledgement
        StreamAck ack = rogue.await(StreamAck.class);
        while (ack.seq() < 3) {
            ack = rogue.await(StreamAck.class);
        }
        assertEquals(Set.of(1L, 2L, 3L), ack.failures().keySet());
        assertTrue(ack.failures().values().stream().allMatch(Refusal.REFUSED::equals), ack.failures().toString());
        // and #team is as alice made it: she alone, and nothing arrived in its name
        GroupInfo team = act(alice, GroupAction.MEMBERS, "#team", null, null);
        assertEquals(List.of("alice@node-a"), team.members().stream().map(GroupInfo.GroupMember::user).toList());
        assertEquals(1, team.epoch());
        assertTrue(alice.awaitDeliveries(1, 1).isEmpty());
    }

    /**
     * A rogue node with its link to {@code a} up (node-a pins its key, a write, before it takes
     * anything else on the link). The rogue's handshake stalled once in about ten CI runs (node-a
     * never got its proof; cause not found in the test helper), so a stalled attempt is dropped and
     * made again, at most three times.
     */
    private static RogueNode linkedRogue(Vertx vertx, Node a, NodeIdentity key) throws Exception {
        for (int attempt = 1; ; attempt++) {
            RogueNode rogue = new RogueNode(vertx, key);
            rogue.connect(a.s2sPort()).await(PeerProof.class);
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                        a.federation().linkedPeers().toCompletionStage().toCompletableFuture().get().contains("rogue"));
                return rogue;
            } catch (org.awaitility.core.ConditionTimeoutException stalled) {
                rogue.close();
                if (attempt == 3) {
                    throw stalled;
                }
            }
        }
    }

    private static void sendSealed(RogueNode rogue, NodeRecord destination, Envelope envelope, byte[] body) {
        rogue.send(rogue.sealed(envelope, body, destination), body);
    }

    private static final long RUN = System.currentTimeMillis();

    private static Envelope envelope(long seq, EnvelopeKind kind, String id, String from, String to, List<String> members) {
        // the rogue's run: its record's epoch, in milliseconds (an earlier one would be refused as a replay)
        return new Envelope("rogue", "node-a", 8, RUN, seq, 1, kind, id, from, to, System.currentTimeMillis(), members);
    }
}
