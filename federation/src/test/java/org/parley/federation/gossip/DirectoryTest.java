package org.parley.federation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.link.NodeIdentity;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;

class DirectoryTest {

    private static final long NOW = System.currentTimeMillis() * 1000;
    private final NodeIdentity b = new NodeIdentity("node-b",
            new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    private final Directory directory = new Directory("node-a");

    private Directory.Held node(long version, long epoch, String... links) {
        return held(DirectoryEntry.ofNode(new NodeRecord("node-b", "key", "a", List.of(links), java.util.Map.of(), epoch), version));
    }

    private Directory.Held user(String name, Presence presence, long version) {
        return held(DirectoryEntry.ofUser("node-b", new UserRecord(name, "s", "a", presence, 1), version));
    }

    private Directory.Held held(DirectoryEntry entry) {
        return new Directory.Held(entry, EntrySigner.sign(b, entry));
    }

    private Directory.Outcome apply(long from, Directory.Held... entries) {
        return directory.apply("node-b", from, List.of(entries), 0);
    }

    @Test
    void theNewestVersionOfEachKeyWinsAndTheDigestSaysHowFarItGoes() {
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.ONLINE, NOW + 2));
        Directory.Outcome outcome = apply(NOW + 2, user("bob", Presence.OFFLINE, NOW + 3));

        assertInstanceOf(Directory.Outcome.Applied.class, outcome);
        assertEquals(Presence.OFFLINE, directory.user(new UserAddress("bob", "node-b")).orElseThrow().presence());
        assertEquals(NOW + 3, directory.digest().get("node-b"));
    }

    @Test
    void anOlderEntryDoesNotReplaceANewerOne() {
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.OFFLINE, NOW + 5));
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.ONLINE, NOW + 2));

        assertEquals(Presence.OFFLINE, directory.user(new UserAddress("bob", "node-b")).orElseThrow().presence());
    }

    @Test
    void aNodesVideosAreListedByNodeUntilTheirTombstonesOrANewEpoch() {
        apply(0, node(NOW + 1, NOW + 1), video("lecture", NOW + 2), video("concert", NOW + 3));
        assertEquals(List.of("concert", "lecture"),
                directory.videos().get("node-b").stream().map(VideoRecord::name).toList());
        assertEquals(480, directory.video("node-b", "lecture").orElseThrow().renditions().get(1).height());

        apply(NOW + 3, held(DirectoryEntry.removedVideo("node-b", "concert", NOW + 4)));
        assertEquals(List.of("lecture"), directory.videos().get("node-b").stream().map(VideoRecord::name).toList());

        apply(NOW + 4, node(NOW + 10, NOW + 10));
        assertEquals(java.util.Map.of(), directory.videos(), "the node's next run did not list it again");
    }

    @Test
    void aVideoEntryMustCarryAWellFormedRecordOfItsKey() {
        VideoRecord.RenditionRecord rendition = new VideoRecord.RenditionRecord("480p", 854, 480, "h264", 1000, 8000);
        assertEquals(null, DirectoryEntry.ofVideo("node-b", new VideoRecord("lecture", 2000, 1, false,
                List.of(rendition)), 1).problem());
        assertTrue(new DirectoryEntry("node-b", "video:other", 1, false, null, null, null, new VideoRecord("lecture",
                2000, 1, false, List.of(rendition))).problem().contains("does not match"));
        assertTrue(DirectoryEntry.ofVideo("node-b", new VideoRecord("../x", 2000, 1, false, List.of(rendition)), 1)
                .problem().contains("naming rule"));
        assertTrue(DirectoryEntry.ofVideo("node-b", new VideoRecord("lecture", 2000, 1, false, List.of()), 1)
                .problem().contains("renditions"));
        assertTrue(new DirectoryEntry("node-b", "video:lecture", 1, false, null, null, null, null).problem()
                .contains("video record"));
        // a segment count a viewer's node would build a playlist of: bounded, and by the duration
        assertTrue(DirectoryEntry.ofVideo("node-b", new VideoRecord("lecture", Long.MAX_VALUE / 2, Integer.MAX_VALUE,
                false, List.of(rendition)), 1).problem().contains("segments"));
        assertTrue(DirectoryEntry.ofVideo("node-b", new VideoRecord("lecture", 2000, 1000, false, List.of(rendition)),
                1).problem().contains("segments"));
    }

    private Directory.Held video(String name, long version) {
        return held(DirectoryEntry.ofVideo("node-b", new VideoRecord(name, 6000, 3, true, List.of(
                new VideoRecord.RenditionRecord("240p", 426, 240, "h264", 100_000, 200_000),
                new VideoRecord.RenditionRecord("480p", 854, 480, "h264", 300_000, 600_000))), version));
    }

    @Test
    void aDeltaThatStartsPastWhatIsHeldIsAGap() {
        apply(0, node(NOW + 1, NOW + 1));

        Directory.Outcome outcome = apply(NOW + 10, user("bob", Presence.ONLINE, NOW + 11));

        assertEquals(new Directory.Outcome.Gap(NOW + 1), outcome);
        assertEquals(Optional.empty(), directory.user(new UserAddress("bob", "node-b")));
    }

    @Test
    void aNewEpochDropsEntriesTheOriginDidNotReissueAfterItsRestart() {
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.ONLINE, NOW + 2), user("carl", Presence.ONLINE, NOW + 3));

        // node-b restarts: a new node record with a new epoch, and only bob re-issued
        apply(NOW + 3, node(NOW + 10, NOW + 10), user("bob", Presence.OFFLINE, NOW + 11));

        assertTrue(directory.user(new UserAddress("bob", "node-b")).isPresent());
        assertEquals(Optional.empty(), directory.user(new UserAddress("carl", "node-b")));
    }

    @Test
    void aRemovalPropagatesAsATombstone() {
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.ONLINE, NOW + 2));

        apply(NOW + 2, held(DirectoryEntry.removedUser("node-b", "bob", NOW + 3)));

        assertEquals(Optional.empty(), directory.user(new UserAddress("bob", "node-b")));
        assertEquals(1, directory.newerThan("node-b", NOW + 2).size());
    }

    @Test
    void aLookupAndAPageOfWhoSeeTheSameUsers() {
        apply(0, node(NOW + 1, NOW + 1), user("bob", Presence.ONLINE, NOW + 2), user("carl", Presence.ONLINE, NOW + 3));
        apply(NOW + 3, held(DirectoryEntry.removedUser("node-b", "carl", NOW + 4)), user("dave", Presence.AWAY, NOW + 5));

        List<UserAddress> paged = directory.usersAfter(null, 10).stream().map(java.util.Map.Entry::getKey).toList();
        assertEquals(List.of(new UserAddress("bob", "node-b"), new UserAddress("dave", "node-b")), paged);
        for (UserAddress address : paged) {
            assertEquals(directory.users().get(address), directory.user(address).orElseThrow());
        }
        assertEquals(Optional.empty(), directory.user(new UserAddress("carl", "node-b")));
    }

    @Test
    void anOriginWhoseNodeRecordIsOlderThanTheExpiryIsIgnoredAndCanBeForgotten() {
        long old = (System.currentTimeMillis() - 60_000) * 1000;
        Directory.Outcome outcome = directory.apply("node-b", 0, List.of(node(old, old), user("bob", Presence.ONLINE,
                old + 1)), System.currentTimeMillis() - 30_000);
        assertEquals(new Directory.Outcome.Expired(), outcome);

        apply(0, node(old, old), user("bob", Presence.ONLINE, old + 1));
        assertEquals(List.of("node-b"), directory.originsOlderThan(System.currentTimeMillis() - 30_000));
        directory.forget("node-b");
        assertEquals(Optional.empty(), directory.user(new UserAddress("bob", "node-b")));
        assertEquals(0, directory.versionOf("node-b"));
    }

    @Test
    void theNodeRecordLeadsWhatIsSentSoThatAReceiverCutShortHoldsIt() {
        apply(0, user("amy", Presence.ONLINE, NOW + 1), user("bob", Presence.ONLINE, NOW + 2), node(NOW + 3, NOW + 3));

        List<String> keys = directory.newerThan("node-b", 0).stream().map(s -> {
            try {
                return EntrySigner.parse(s).key();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();

        assertEquals(List.of("node", "user:amy", "user:bob"), keys);
    }

    @Test
    void entriesAboutThisNodeFromOthersAreIgnored() {
        DirectoryEntry forged = DirectoryEntry.ofUser("node-a", new UserRecord("eve", "s", "a", Presence.ONLINE, 1),
                NOW);
        directory.apply("node-a", 0, List.of(held(forged)), 0);

        assertEquals(Optional.empty(), directory.user(new UserAddress("eve", "node-a")));
    }

    @Test
    void entriesAreSentOnOldestFirst() {
        apply(0, node(NOW + 1, NOW + 1), user("zed", Presence.ONLINE, NOW + 2), user("amy", Presence.ONLINE, NOW + 3));

        List<Long> versions = directory.newerThan("node-b", NOW + 1).stream().map(s -> {
            try {
                return EntrySigner.parse(s).version();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();

        assertEquals(List.of(NOW + 2, NOW + 3), versions);
    }
}
