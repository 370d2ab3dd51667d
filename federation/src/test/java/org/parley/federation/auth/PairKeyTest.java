package org.parley.federation.auth;

import org.parley.federation.wire.Refusal;
import org.parley.federation.wire.EnvelopeKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ItemTag;
import org.parley.federation.wire.StreamAck;
import org.parley.protocol.crypto.Base64Key;

/** Tags between two nodes: each side makes the other's, nobody else can, and every covered field counts. */
class PairKeyTest {

    private static NodeIdentity node(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    private static NodeRecord record(NodeIdentity node) {
        return new NodeRecord(node.name(), Base64Key.encode(node.publicKey()), Base64Key.encode(node.agreementPublic()),
                List.of(), Map.of(), 1);
    }

    private final NodeIdentity a = node("node-a");
    private final NodeIdentity b = node("node-b");
    private final NodeIdentity rogue = node("rogue");
    private final Map<String, NodeRecord> records = Map.of("node-a", record(a), "node-b", record(b),
            "rogue", record(rogue));
    private final ItemAuthenticator atA = new ItemAuthenticator(a, name -> Optional.ofNullable(records.get(name)));
    private final ItemAuthenticator atB = new ItemAuthenticator(b, name -> Optional.ofNullable(records.get(name)));
    private final byte[] body = "sealed text".getBytes(StandardCharsets.UTF_8);
    private final Envelope envelope = new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m1",
            "alice@node-a", "bob@node-b", 1795272805000L, null);

    @Test
    void anEnvelopeSealedByItsOriginIsAuthenticAtItsDestinationWhateverTheHops() {
        Envelope sealed = atA.seal(envelope, body).orElseThrow();

        assertNotEquals(ItemTag.NONE, sealed.tag());
        assertTrue(atB.authentic(sealed, body));
        assertTrue(atB.authentic(sealed.forwarded().forwarded(), body), "relays lower the hops; the tag holds");
    }

    @Test
    void changingAnyCoveredFieldOrTheBodyBreaksTheTag() {
        Envelope sealed = atA.seal(envelope, body).orElseThrow();
        ItemTag tag = sealed.tag();
        List<Envelope> altered = List.of(
                new Envelope("node-a", "node-b", 8, 1795272800124L, 42, 40, EnvelopeKind.CHAT, "m1", "alice@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 43, 40, EnvelopeKind.CHAT, "m1", "alice@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 41, EnvelopeKind.CHAT, "m1", "alice@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m2", "alice@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m1", "carol@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m1", "alice@node-a",
                        "dave@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.GROUP, "m1", "alice@node-a",
                        "bob@node-b", 1795272805000L, null, tag),
                new Envelope("node-a", "node-b", 8, 1795272800123L, 42, 40, EnvelopeKind.CHAT, "m1", "alice@node-a",
                        "bob@node-b", 1795272805001L, List.of("bob@node-b"), tag));
        for (Envelope forged : altered) {
            assertFalse(atB.authentic(forged, body), forged.toString());
        }
        byte[] flipped = body.clone();
        flipped[0] ^= 1;
        assertFalse(atB.authentic(sealed, flipped));
    }

    @Test
    void aThirdNodeCannotMakeATagForAnotherOriginNorReflectOneBack() {
        // the rogue seals with its own pair key with node-b, but names node-a as the origin
        ItemAuthenticator atRogue = new ItemAuthenticator(rogue, name -> Optional.ofNullable(records.get(name)));
        Envelope rogueSealed = atRogue.seal(envelope, body).orElseThrow();
        assertFalse(atB.authentic(rogueSealed, body));

        // node-b's own acknowledgement, reflected to it as if node-a had sent it
        StreamAck fromB = atB.seal(new StreamAck("node-b", "node-a", 8, 5, 9, null)).orElseThrow();
        StreamAck reflected = new StreamAck("node-a", "node-b", 8, 5, 9, null, fromB.tag());
        assertFalse(atB.authentic(reflected));
        assertTrue(atA.authentic(fromB));
    }

    @Test
    void anAcknowledgementsFailuresAreCoveredWhateverTheirOrder() {
        StreamAck sealed = atB.seal(new StreamAck("node-b", "node-a", 8, 5, 9, Map.of(7L, Refusal.MAILBOX_FULL, 3L, Refusal.UNKNOWN_USER)))
                .orElseThrow();
        assertTrue(atA.authentic(new StreamAck("node-b", "node-a", 3, 5, 9,
                new java.util.TreeMap<>(Map.of(3L, Refusal.UNKNOWN_USER, 7L, Refusal.MAILBOX_FULL)), sealed.tag())));
        assertFalse(atA.authentic(new StreamAck("node-b", "node-a", 8, 5, 9, Map.of(7L, Refusal.MAILBOX_FULL), sealed.tag())));
        assertFalse(atA.authentic(new StreamAck("node-b", "node-a", 8, 5, 10, Map.of(7L, Refusal.MAILBOX_FULL, 3L, Refusal.UNKNOWN_USER),
                sealed.tag())));
    }

    @Test
    void withoutTheOthersRecordNothingIsSealedOrBelieved() {
        ItemAuthenticator blind = new ItemAuthenticator(b, name -> Optional.empty());
        assertEquals(Optional.empty(), blind.seal(envelope, body));
        assertFalse(blind.authentic(atA.seal(envelope, body).orElseThrow(), body));
    }
}
