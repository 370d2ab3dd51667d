package org.parley.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.AccountDeleted;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;

/** The directory survives a node's restart: a peer that is down is still known, and waited for. */
class DirectoryRestartTest extends ClusterTest {

    @Test
    void aNodeRestartedWhileItsPeerIsDownQueuesMessagesForThePeersUsersAndTheyArriveWhenItReturns() throws Exception {
        // GIVEN node-a and node-b linked, each knowing alice, carol and bob
        Node a = cluster.start("node-a");
        Node b = cluster.start("node-b", a.s2sPort());
        IdentityKeys aliceKeys;
        IdentityKeys bobKeys;
        try (TestClient alice = TestClient.login(a.port(), "alice");
             TestClient carol = TestClient.login(a.port(), "carol");
             TestClient bob = TestClient.login(b.port(), "bob")) {
            aliceKeys = alice.keys();
            bobKeys = bob.keys();
            cluster.awaitConverged(List.of("alice@node-a", "carol@node-a", "bob@node-b"));
            // node-b goes down; then carol deletes her account, and node-a restarts
            cluster.stop("node-b");
            await().atMost(Cluster.CONVERGE).until(() -> !a.federation().reaches("node-b"));
            carol.send(new DeleteAccount("d1"));
            carol.awaitType(AccountDeleted.class);
        }
        cluster.stop("node-a");
        Node a2 = cluster.start("node-a");

        try (TestClient alice = TestClient.login(a2.port(), "alice", aliceKeys)) {
            // WHEN alice writes to bob while node-b is still down
            alice.send(new Send("m1", "bob@node-b"), "while you were away".getBytes(UTF_8));

            // THEN node-a accepts it (it knows node-b and bob from before its restart) and keeps it
            Frame<ServerMessage> answer = alice.awaitFrame(Accepted.class, ErrorFrame.class);
            assertInstanceOf(Accepted.class, answer.header(), "node-a answered " + answer.header());
            assertEquals(java.util.Map.of("node-b", 1),
                    a2.federation().waiting().toCompletionStage().toCompletableFuture().get());
            // and when node-b returns, bob gets it
            Node b2 = cluster.start("node-b", a2.s2sPort());
            try (TestClient bob = TestClient.login(b2.port(), "bob", bobKeys)) {
                List<Frame<ServerMessage>> got = bob.awaitDeliveries(1, 60);
                assertEquals(List.of("while you were away"), got.stream().map(f -> new String(f.body(), UTF_8)).toList());
                // and node-b, which kept node-a's users of before, drops carol, deleted meanwhile
                await().atMost(Cluster.CONVERGE).until(() ->
                        b2.federation().directory().user(new UserAddress("carol", "node-a")).isEmpty()
                                && b2.federation().directory().user(new UserAddress("alice", "node-a")).isPresent());
            }
        }
    }
}
