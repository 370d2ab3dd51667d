package org.parley.federation.gossip;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.frame.WireJson;

/**
 * Signs this node's directory entries and checks other nodes' signatures. The signature covers a
 * domain tag and the exact JSON text that travels, so nothing needs re-encoding to verify.
 */
public final class EntrySigner {

    private static final String DOMAIN = "parley-entry-v1\n";

    private EntrySigner() {
    }

    public static SignedEntry sign(NodeIdentity self, DirectoryEntry entry) {
        try {
            String text = WireJson.mapper().writeValueAsString(entry);
            return new SignedEntry(text, Base64Key.encode(self.sign(signedBytes(text))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a directory entry", e);
        }
    }

    /** True if {@code signed} carries a valid signature of {@code originKey}. */
    public static boolean verify(byte[] originKey, SignedEntry signed) {
        if (signed == null || signed.entry() == null) {
            return false;
        }
        return Ed25519.verifyBase64(originKey, signedBytes(signed.entry()), signed.signature());
    }

    /** Parses the signed text; throws if it is not a directory entry. */
    public static DirectoryEntry parse(SignedEntry signed) throws JsonProcessingException {
        DirectoryEntry entry = WireJson.mapper().readValue(signed.entry(), DirectoryEntry.class);
        if (entry == null) {
            throw new IllegalArgumentException("empty entry");
        }
        return entry;
    }

    private static byte[] signedBytes(String text) {
        return (DOMAIN + text).getBytes(StandardCharsets.UTF_8);
    }
}
