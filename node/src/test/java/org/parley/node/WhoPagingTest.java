package org.parley.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.PeerProof;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/** who with a directory far larger than one frame holds. */
class WhoPagingTest extends ClusterTest {

    private static final int USERS = 20_000;
    private static final java.time.Duration SLOW = java.time.Duration.ofMinutes(2);

    @Test
    void whoListsEveryUserOfALargeDirectoryOnceInPagesThatEachFitAFrame(Vertx vertx) throws Exception {
        try (RogueNode big = new RogueNode(vertx, "big")) {
            // GIVEN node-a, whose quotas take a node of 20,000 users at once, linked with that node
            Node a = cluster.start("node-a", Map.of("peerFingerprints", Map.of("big", big.identity().fingerprint()),
                    "directoryMaxEntriesPerNode", 30_000, "directoryEntriesBurst", 30_000, "linkHeartbeatSeconds", 5));
            List<GossipDelta> deltas = RogueUsers.deltas(big, List.of("node-a"), USERS, 256);
            big.connect(a.s2sPort()).await(PeerProof.class);
            await().atMost(Cluster.CONVERGE).until(() -> a.federation().linkedPeers()
                    .toCompletionStage().toCompletableFuture().get().contains("big"));
            for (GossipDelta delta : deltas) {
                big.sendWhenWritable(delta);
            }
            // each entry's signature is checked on one worker: on a loaded machine this takes a while
            await().atMost(SLOW).until(() -> a.federation().directory().users().size() == USERS);
            try (TestClient alice = TestClient.login(a.port(), "alice")) {
                // WHEN alice asks for who page by page, first as large as the node gives, then 700 at a time
                List<Frame<ServerMessage>> fullPages = pages(alice, null);
                List<Frame<ServerMessage>> smallPages = pages(alice, 700);

                // THEN every user comes once, alice too, in pages no larger than a frame may be
                for (List<Frame<ServerMessage>> pages : List.of(fullPages, smallPages)) {
                    Set<String> seen = new HashSet<>();
                    for (Frame<ServerMessage> page : pages) {
                        int bytes = FrameEncoder.server().encode(page.header()).length;
                        assertTrue(bytes < FrameLimits.NODE_TO_CLIENT.maxHeaderBytes(), bytes + " bytes");
                        for (UserStatus user : ((UserList) page.header()).users()) {
                            assertTrue(seen.add(user.user()), "listed twice: " + user.user());
                        }
                    }
                    assertEquals(USERS + 1, seen.size());
                    assertTrue(seen.containsAll(List.of("alice@node-a", "u1@big", "u20000@big")));
                }
                assertEquals((USERS + 1 + WhoRequest.MAX_PAGE - 1) / WhoRequest.MAX_PAGE, fullPages.size());
                assertEquals((USERS + 1 + 699) / 700, smallPages.size());
                // and a cursor that is no user address is a clear error
                alice.send(new WhoRequest("bad", "not an address!", null));
                ErrorFrame error = alice.awaitType(ErrorFrame.class);
                assertEquals(ErrorCode.BAD_REQUEST, error.code());
                assertEquals("bad", error.ref());
            }
        }
    }

    private static List<Frame<ServerMessage>> pages(TestClient client, Integer limit) throws Exception {
        List<Frame<ServerMessage>> pages = new ArrayList<>();
        String after = null;
        do {
            client.send(new WhoRequest("w" + pages.size(), after, limit));
            Frame<ServerMessage> page = client.awaitFrame(UserList.class);
            pages.add(page);
            UserList list = (UserList) page.header();
            assertEquals("w" + (pages.size() - 1), list.id());
            after = list.next();
        } while (after != null);
        assertNull(((UserList) pages.get(pages.size() - 1).header()).next());
        return pages;
    }
}
