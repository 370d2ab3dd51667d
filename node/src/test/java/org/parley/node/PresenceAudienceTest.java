package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/**
 * A user's presence reaches the users of the node who deal with them (a group in common, a direct
 * message exchanged, a {@code who} about them) and no one else; {@code who} still tells anyone.
 */
@ExtendWith(VertxExtension.class)
class PresenceAudienceTest {

    @TempDir
    Path dataDir;
    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stopNodes() throws Exception {
        nodes.stopAll();
    }

    @Test
    void aLoginIsHeardByACoMemberAndAContactButNotByAStrangerWhoStillSeesItInWho(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        // GIVEN uma's group has carol, dave has written to uma, and erin has nothing to do with her
        TestClient uma = TestClient.login(node.port(), "uma");
        IdentityKeys umaKeys = uma.keys();
        uma.send(new GroupRequest("g1", GroupAction.CREATE, "#team", null, true));
        uma.awaitType(GroupInfo.class);
        try (TestClient carol = TestClient.login(node.port(), "carol");
             TestClient dave = TestClient.login(node.port(), "dave");
             TestClient erin = TestClient.login(node.port(), "erin")) {
            carol.send(new GroupRequest("g2", GroupAction.JOIN, "#team", null, null));
            carol.awaitType(GroupInfo.class);
            dave.send(new Send("m1", "uma"), "hello uma".getBytes(UTF_8));
            assertEquals("m1", dave.awaitType(Accepted.class).id());
            uma.send(new Bye());
            assertTrue(uma.awaitClosed());
            awaitPresence(carol, "uma@test", Presence.OFFLINE);
            awaitPresence(dave, "uma@test", Presence.OFFLINE);

            // WHEN uma logs in again
            try (TestClient back = TestClient.login(node.port(), "uma", umaKeys)) {

                // THEN her co-member and her contact hear it
                awaitPresence(carol, "uma@test", Presence.ONLINE);
                awaitPresence(dave, "uma@test", Presence.ONLINE);
                // and erin hears nothing of her (the announcement to carol and dave is made; erin's
                // would have come before any answer), yet who lists her online
                erin.send(new WhoRequest("w1"));
                UserList list = erin.expect(UserList.class);
                assertTrue(list.users().contains(new UserStatus("uma@test", "test", Presence.ONLINE, 1)),
                        list.toString());
            }
        }
    }

    @Test
    void whoeverAsksAboutAUserHearsTheirPresenceFromThen(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        try (TestClient erin = TestClient.login(node.port(), "erin")) {

            UserStatus before = erin.watch("uma");

            assertEquals(new UserStatus("uma@test", "test", Presence.OFFLINE, 0), before);
            try (TestClient uma = TestClient.login(node.port(), "uma")) {
                awaitPresence(erin, "uma@test", Presence.ONLINE);
            }
            awaitPresence(erin, "uma@test", Presence.OFFLINE);
        }
    }

    @Test
    void contactsSurviveARestartOfTheNode(Vertx vertx) throws Exception {
        Node node = nodes.start(vertx, dataDir, Map.of());
        TestClient uma = TestClient.login(node.port(), "uma");
        TestClient dave = TestClient.login(node.port(), "dave");
        dave.send(new Send("m1", "uma"), "hello uma".getBytes(UTF_8));
        assertEquals("m1", dave.awaitType(Accepted.class).id());
        IdentityKeys umaKeys = uma.keys();
        IdentityKeys daveKeys = dave.keys();
        uma.close();
        dave.close();
        nodes.stop(node);

        // WHEN the node is back and dave is in before uma
        Node again = nodes.start(vertx, dataDir, Map.of());
        try (TestClient daveAgain = TestClient.login(again.port(), "dave", daveKeys);
             TestClient umaAgain = TestClient.login(again.port(), "uma", umaKeys)) {

            // THEN dave hears uma come online
            awaitPresence(daveAgain, "uma@test", Presence.ONLINE);
        }
    }

    /** Skips other frames and other users' presence until {@code user}'s is {@code status}, in either form. */
    static void awaitPresence(TestClient client, String user, Presence status) throws InterruptedException {
        for (;;) {
            PresenceNotice notice = client.awaitType(PresenceNotice.class);
            for (PresenceNotice.Entry change : notice.changes()) {
                if (change.user().equals(user) && change.status() == status) {
                    return;
                }
            }
        }
    }
}
