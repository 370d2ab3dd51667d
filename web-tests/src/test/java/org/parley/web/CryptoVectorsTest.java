package org.parley.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.identity.IdentityExport;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileDeclined;
import org.parley.protocol.e2ee.FileKey;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.GroupSeal;
import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.e2ee.SafetyNumber;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.voice.VoicePacket;
import org.parley.protocol.voice.VoiceSeal;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.ServerHello;

/**
 * The web client's JavaScript and the Java protocol agree byte for byte: Java seals with scripted
 * randomness and writes what it made; the page's own modules, run by Node.js's WebCrypto, make the
 * same bytes from the same inputs and open Java's; then they seal afresh, and Java opens theirs.
 */
class CryptoVectorsTest {

    private static final String ALICE = "alice@node-a";
    private static final String BOB = "bob@node-b";
    private static final String GROUP = "#team@node-a";

    @TempDir
    Path folder;

    @Test
    void theJavaScriptMakesAndOpensWhatJavaMakesAndOpensAndJavaOpensWhatTheJavaScriptMakes() throws Exception {
        // GIVEN what Java made, each from fixed keys and scripted randomness
        IdentityKeys alice = new IdentityKeys(bytes(32, 1), bytes(32, 2));
        IdentityKeys bob = new IdentityKeys(bytes(32, 3), bytes(32, 4));
        ObjectNode vectors = WireJson.mapper().createObjectNode();
        vectors.set("alice", identity(alice, ALICE));
        vectors.set("bob", identity(bob, BOB));

        byte[] ephemeral = bytes(32, 5);
        byte[] nonce = bytes(12, 6);
        byte[] text = "héllo bob, ✓ end to end".getBytes(UTF_8);
        vectors.putObject("direct").put("id", "m1").put("from", ALICE).put("to", BOB)
                .put("ephemeralPrivate", b64(ephemeral)).put("nonce", b64(nonce)).put("plaintext", b64(text))
                .put("body", b64(MessageSeal.seal(alice, "m1", ALICE, BOB, bob.agreementPublic(), text,
                        new ScriptedRandom(ephemeral, nonce))));

        SenderKey senderKey = new SenderKey(GROUP, 7, bytes(16, 7), bytes(32, 8));
        byte[] groupNonce = bytes(12, 9);
        vectors.putObject("group").put("id", "g1").put("from", ALICE).put("group", GROUP).put("epoch", 7)
                .put("keyId", b64(senderKey.keyId())).put("key", b64(senderKey.key())).put("nonce", b64(groupNonce))
                .put("plaintext", b64(text)).put("senderKeyPlaintext", b64(senderKey.toPlaintext()))
                .put("body", b64(GroupSeal.seal(alice, "g1", ALICE, senderKey, text, new ScriptedRandom(groupNonce))));

        FileKey fileKey = new FileKey("f1", bytes(32, 10), bytes(4, 11));
        byte[] piece = bytes(1000, 12);
        FileOffer offer = FileOffer.of(fileKey, "notes ü.txt", 2500, "ab".repeat(32), 1000);
        vectors.putObject("file").put("fileId", "f1").put("key", b64(fileKey.key()))
                .put("noncePrefix", b64(fileKey.noncePrefix())).put("plaintext", b64(piece))
                .put("chunk1", b64(new FileChunk("f1", 1, false, fileKey.seal(1, false, piece)).encode()))
                .put("chunk2Last", b64(new FileChunk("f1", 2, true, fileKey.seal(2, true, piece)).encode()))
                .put("offerPlaintext", b64(offer.toPlaintext()))
                .put("declinedPlaintext", b64(new FileDeclined("f1", "notes ü.txt").toPlaintext()));

        VoiceKey voiceKey = new VoiceKey(GROUP, 1795272800123007L, bytes(8, 16), bytes(32, 17));
        byte[] opusFrame = bytes(80, 18);
        byte[] voiceSealed = VoiceSeal.seal(voiceKey, 0xfedcba98, 4_000_000_123L, opusFrame);
        vectors.putObject("voice").put("room", GROUP).put("epoch", voiceKey.epoch()).put("keyId", b64(voiceKey.keyId()))
                .put("key", b64(voiceKey.key())).put("keyPlaintext", b64(voiceKey.toPlaintext()))
                .put("ssrc", 0xfedcba98L).put("seq", 4_000_000_123L).put("frame", b64(opusFrame))
                .put("sealed", b64(voiceSealed)).put("token", b64(bytes(16, 19)))
                .put("packet", b64(VoicePacket.fromClient(bytes(16, 19), 0xfedcba98, 4_000_000_123L, voiceSealed)))
                .put("keepalive", b64(VoicePacket.keepalive(bytes(16, 19))))
                .put("relayed", b64(VoicePacket.toListener(0xfedcba98, 4_000_000_123L, voiceSealed)));

        vectors.putObject("safety").put("number", SafetyNumber.of(ALICE, alice.signingPublic(), alice.agreementPublic(),
                BOB, bob.signingPublic(), bob.agreementPublic()));
        String challenge = b64(bytes(32, 13));
        Login login = LoginTranscript.signedLogin(new ServerHello(1, "node-a", challenge, 15, false, null, null),
                "alice", alice, null);
        vectors.putObject("login").put("node", "node-a").put("user", "alice").put("challenge", challenge)
                .put("signature", login.signature());
        vectors.set("export", IdentityExport.seal("alice", alice, "correct horse ✓", 100_000,
                new ScriptedRandom(bytes(16, 14), bytes(12, 15))));
        vectors.put("exportPassphrase", "correct horse ✓");

        Path in = folder.resolve("java-vectors.json");
        Path out = folder.resolve("js-sealed.json");
        WireJson.mapper().writeValue(in.toFile(), vectors);

        // WHEN the page's modules check them and seal their own
        NodeScript.Ran ran = NodeScript.run(120, "crypto-vectors.mjs", NodeScript.webRoot().toString(), in.toString(),
                out.toString());

        // THEN every check passed there
        assertEquals(0, ran.exitCode(), ran.output());
        // AND Java opens what the JavaScript sealed
        JsonNode js = WireJson.mapper().readTree(out.toFile());
        assertEquals("from the browser, ✓", new String(MessageSeal.open(alice, ALICE, "w1", BOB, bob.signingPublic(),
                b64d(js.path("direct").asText())), UTF_8));
        assertEquals("to the group, ✓", new String(GroupSeal.open("w2", BOB, GROUP, bob.signingPublic(), senderKey,
                b64d(js.path("group").asText())), UTF_8));
        FileChunk chunk = FileChunk.decode(b64d(js.path("chunk").asText()));
        assertArrayEquals(piece, fileKey.open(chunk.index(), chunk.last(), chunk.sealed()));
        assertEquals(alice, IdentityExport.open(js.path("export"), "correct horse ✓"));
        VoicePacket voice = VoicePacket.readFromClient(b64d(js.path("voicePacket").asText())).orElseThrow();
        VoiceKey jsVoiceKey = VoiceKey.fromPlaintext(b64d(js.path("voiceKeyPlaintext").asText())).orElseThrow();
        assertEquals(GROUP, jsVoiceKey.room());
        assertArrayEquals(opusFrame, VoiceSeal.open(jsVoiceKey, voice.ssrc(), voice.seq(), voice.sealed()));
        assertEquals(Fingerprint.of(bob.signingPublic()), js.path("bobFingerprint").asText());
    }

    private static ObjectNode identity(IdentityKeys keys, String user) {
        return WireJson.mapper().createObjectNode().put("user", user)
                .put("signingPrivate", b64(keys.signingPrivate())).put("agreementPrivate", b64(keys.agreementPrivate()))
                .put("signingPublic", b64(keys.signingPublic())).put("agreementPublic", b64(keys.agreementPublic()));
    }

    /** {@code length} bytes counting up from {@code seed}: fixed, and different for each use. */
    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i * 7);
        }
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64Key.encode(bytes);
    }

    private static byte[] b64d(String text) {
        return Base64.getDecoder().decode(text);
    }
}
