package org.parley.node.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.federation.auth.ItemAuthenticator;
import org.parley.federation.auth.PairKey;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.protocol.crypto.Base64Key;

/**
 * What a node between the holder and the viewer's node can do to a video stream it relays: pass it
 * on, lowering its hops. Anything else (another opening, a changed, reordered or foreign piece) fails
 * the holder's tag at the viewer's node.
 */
class VideoTagsTest {

    private static NodeIdentity node(String name) {
        return new NodeIdentity(name, new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    private static NodeRecord record(NodeIdentity node) {
        return new NodeRecord(node.name(), Base64Key.encode(node.publicKey()), Base64Key.encode(node.agreementPublic()),
                List.of(), Map.of(), 1);
    }

    private final NodeIdentity holder = node("node-a");
    private final NodeIdentity viewers = node("node-c");
    private final NodeIdentity relay = node("node-b");
    private final Map<String, NodeRecord> records = Map.of("node-a", record(holder), "node-b", record(relay),
            "node-c", record(viewers));
    private final PairKey sealing = new ItemAuthenticator(holder, name -> Optional.ofNullable(records.get(name)))
            .keyTo("node-c").orElseThrow();
    private final PairKey checking = new ItemAuthenticator(viewers, name -> Optional.ofNullable(records.get(name)))
            .keyFrom("node-a").orElseThrow();
    private final PairKey relaysOwn = new ItemAuthenticator(relay, name -> Optional.ofNullable(records.get(name)))
            .keyTo("node-c").orElseThrow();
    private final StreamOpening opening = new StreamOpening("r1", "node-a", "node-c", "carol@node-c", "lecture",
            List.of("480p"), 12_000, 6, 0, 0);

    @Test
    void anOpeningRelayedWithFewerHopsIsStillTheHolders() {
        StreamOpening.Arrived atRelay = StreamOpening.read(opening.seal(16, sealing));
        StreamOpening.Arrived atViewers = StreamOpening.read(atRelay.forwarded());

        assertEquals(15, atViewers.hops());
        assertEquals(opening, atViewers.opening());
        assertTrue(atViewers.authentic(checking));
    }

    @Test
    void anOpeningMadeOrChangedOnTheWayIsNot() {
        StreamOpening forged = new StreamOpening("r1", "node-a", "node-c", "carol@node-c", "other", List.of("480p"),
                12_000, 6, 0, 0);
        assertFalse(StreamOpening.read(forged.seal(16, relaysOwn)).authentic(checking), "the relay's own key");

        byte[] sealed = opening.seal(16, sealing);
        byte[] changed = new String(sealed, StandardCharsets.ISO_8859_1).replace("lecture", "lectura")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(StreamOpening.read(changed).authentic(checking));
        assertThrows(IllegalArgumentException.class, () -> StreamOpening.read(new byte[] {0, 0, 0, 16}));
    }

    @Test
    void aPieceOpensOnlyAsTheHolderSentItForItsRequest() {
        VideoPiece piece = new VideoPiece(3, 1, 2000, 1 << 20, true, "480p");
        byte[] body = "MPEG-TS bytes".getBytes(StandardCharsets.UTF_8);
        byte[] header = piece.seal("r1", sealing, body);

        assertEquals(piece, VideoPiece.open(header, body, "r1", checking));

        byte[] alteredBody = body.clone();
        alteredBody[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> VideoPiece.open(header, alteredBody, "r1", checking));
        byte[] alteredHeader = header.clone();
        alteredHeader[7] ^= 1; // the piece's number
        assertThrows(IllegalArgumentException.class, () -> VideoPiece.open(alteredHeader, body, "r1", checking));
        assertThrows(IllegalArgumentException.class, () -> VideoPiece.open(header, body, "r2", checking),
                "a piece of another request");
        assertThrows(IllegalArgumentException.class, () -> VideoPiece.open(piece.seal("r1", relaysOwn, body), body,
                "r1", checking), "a piece the relay made");
        assertThrows(IllegalArgumentException.class, () -> VideoPiece.open(new byte[3], body, "r1", checking));
        assertArrayEquals(body, "MPEG-TS bytes".getBytes(StandardCharsets.UTF_8));
    }
}
