package org.parley.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.node.store.StoreFixture.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.group.GroupState;
import org.parley.node.group.GroupStore;
import org.parley.node.group.MembershipStore;
import org.parley.protocol.identity.GroupAddress;

/** Groups this node is home to, and its users' groups elsewhere, in a real SQLite file and read back after a reopen. */
@Timeout(60)
class SqliteGroupStoresTest {

    @TempDir
    Path data;

    private StoreFixture store;
    private SqliteDatabase db;

    @BeforeEach
    void open() throws Exception {
        store = new StoreFixture(data);
        db = store.open();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private void reopen() throws Exception {
        db = store.open();
    }

    @Test
    void aGroupIsKeptWholeAsItLastStoodAndForgottenWhenDeleted() throws Exception {
        GroupStore groups = new SqliteGroupStore(db, "node-a");
        GroupState team = new GroupState(new GroupAddress("team", "node-a"), "alice@node-a", false, 1,
                List.of("alice@node-a"), Set.of());
        GroupState grown = new GroupState(team.address(), "alice@node-a", false, 2,
                List.of("alice@node-a", "bob@node-b"), Set.of("carol@node-c"));
        GroupState gone = new GroupState(new GroupAddress("gone", "node-a"), "dave@node-a", true, 1,
                List.of("dave@node-a"), Set.of());
        await(groups.save(team));
        await(groups.save(grown));
        await(groups.save(gone));
        await(groups.delete("gone"));

        reopen();

        assertEquals(List.of(grown), await(new SqliteGroupStore(db, "node-a").loadGroups()));
    }

    @Test
    void membershipsElsewhereAreKeptPerUserAndALeftGroupIsForgotten() throws Exception {
        MembershipStore memberships = new SqliteMembershipStore(db);
        await(memberships.add("alice", "team@node-b"));
        await(memberships.add("alice", "team@node-b"));
        await(memberships.add("alice", "ops@node-c"));
        await(memberships.add("bob", "ops@node-c"));
        await(memberships.remove("bob", "ops@node-c"));
        await(memberships.remove("bob", "never@node-c"));

        reopen();

        assertEquals(Map.of("alice", Set.of("team@node-b", "ops@node-c")),
                await(new SqliteMembershipStore(db).loadMemberships()));
    }
}
