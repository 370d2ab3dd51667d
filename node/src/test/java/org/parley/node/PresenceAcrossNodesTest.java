package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.node.PresenceAudienceTest.awaitPresence;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/** Co-members of a group homed on another node hear each other's presence; a stranger there does not. */
class PresenceAcrossNodesTest extends ClusterTest {

    @Test
    void membersOfAGroupOnAnotherNodeHearEachOtherButAStrangerOnTheirNodeDoesNot() throws Exception {
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        // GIVEN alice's group on node-a, which bob of node-b joined; erin of node-b has no part in it
        TestClient alice = TestClient.login(a.port(), "alice");
        IdentityKeys aliceKeys = alice.keys();
        try (TestClient bob = TestClient.login(b.port(), "bob");
             TestClient erin = TestClient.login(b.port(), "erin")) {
            cluster.awaitConverged(List.of("alice@node-a", "bob@node-b", "erin@node-b"));
            alice.send(new GroupRequest("g1", GroupAction.CREATE, "#team", null, true));
            alice.awaitType(GroupInfo.class);
            bob.send(new GroupRequest("g2", GroupAction.JOIN, "#team@node-a", null, null));
            bob.awaitType(GroupInfo.class);

            // WHEN alice leaves and comes back
            alice.send(new Bye());
            assertTrue(alice.awaitClosed());
            awaitPresence(bob, "alice@node-a", Presence.OFFLINE);
            try (TestClient aliceAgain = TestClient.login(a.port(), "alice", aliceKeys)) {

                // THEN bob, her co-member on another node, hears her come back
                awaitPresence(bob, "alice@node-a", Presence.ONLINE);
                // and erin, on bob's node, heard nothing of her (bob's and hers would be handed out
                // together), yet who lists her
                erin.send(new WhoRequest("w1"));
                UserList list = erin.expect(UserList.class);
                assertTrue(list.users().contains(new UserStatus("alice@node-a", "node-a", Presence.ONLINE, 1)),
                        list.toString());

                // and alice hears bob, a member of her group on another node, leave
                bob.close();
                awaitPresence(aliceAgain, "bob@node-b", Presence.OFFLINE);
            }
        }
    }
}
