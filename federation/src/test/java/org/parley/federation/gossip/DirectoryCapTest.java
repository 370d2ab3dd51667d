package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.link.NodeIdentity;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

/** The cap on users and groups kept per origin, and the token bucket that paces a link. */
class DirectoryCapTest {

    private static final long NOW = System.currentTimeMillis() * 1000;
    private final NodeIdentity b = new NodeIdentity("node-b",
            new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    private final Directory directory = new Directory("node-a", 2);

    private Directory.Held held(DirectoryEntry entry) {
        return new Directory.Held(entry, EntrySigner.sign(b, entry));
    }

    private Directory.Held user(String name, Presence presence, long version) {
        return held(DirectoryEntry.ofUser("node-b", new UserRecord(name, "s", "a", presence, 1), version));
    }

    @Test
    void newUsersPastTheCapAreSkippedForGoodWhileThoseHeldStillChange() {
        Directory.Held node = held(DirectoryEntry.ofNode(new NodeRecord("node-b", "k", "a", List.of(), Map.of(),
                NOW + 1), NOW + 1));

        Directory.Outcome first = directory.apply("node-b", 0, List.of(node, user("u1", Presence.ONLINE, NOW + 2),
                user("u2", Presence.ONLINE, NOW + 3), user("u3", Presence.ONLINE, NOW + 4)), 0);
        Directory.Outcome second = directory.apply("node-b", NOW + 4, List.of(user("u1", Presence.AWAY, NOW + 5),
                user("u4", Presence.ONLINE, NOW + 6)), 0);

        assertEquals(1, assertInstanceOf(Directory.Outcome.Applied.class, first).overQuota());
        assertEquals(1, assertInstanceOf(Directory.Outcome.Applied.class, second).overQuota());
        assertEquals(Presence.AWAY, directory.user(new UserAddress("u1", "node-b")).orElseThrow().presence());
        assertTrue(directory.user(new UserAddress("u3", "node-b")).isEmpty());
        assertTrue(directory.user(new UserAddress("u4", "node-b")).isEmpty());
        // what is held moves past what was skipped, so anti-entropy does not ask for it again
        assertEquals(NOW + 6, directory.versionOf("node-b"));
    }

    @Test
    void aNewEpochMakesRoomAgain() {
        directory.apply("node-b", 0, List.of(held(DirectoryEntry.ofNode(new NodeRecord("node-b", "k", "a", List.of(),
                Map.of(), NOW + 1), NOW + 1)), user("u1", Presence.ONLINE, NOW + 2), user("u2", Presence.ONLINE,
                NOW + 3)), 0);

        directory.apply("node-b", NOW + 3, List.of(held(DirectoryEntry.ofNode(new NodeRecord("node-b", "k", "a",
                List.of(), Map.of(), NOW + 10), NOW + 10)), user("u3", Presence.ONLINE, NOW + 11)), 0);

        assertTrue(directory.user(new UserAddress("u3", "node-b")).isPresent());
        assertTrue(directory.user(new UserAddress("u1", "node-b")).isEmpty());
    }

    @Test
    void aTokenBucketGivesItsBurstThenItsRate() {
        TokenBucket bucket = new TokenBucket(1000, 300, 0);

        assertTrue(bucket.tryTake(256, 0));
        assertTrue(!bucket.tryTake(256, 0));
        assertTrue(!bucket.tryTake(256, 100_000_000)); // 44 + 100 tokens
        assertTrue(bucket.tryTake(256, 300_000_000)); // 144 + 200, capped at 300
        assertTrue(bucket.tryTake(256, 10_000_000_000L)); // ten seconds later: full again, 300
        assertTrue(!bucket.tryTake(256, 10_000_000_000L));
    }
}
