package org.parley.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.Argon2id;
import org.parley.protocol.frame.WireJson;

/**
 * Seals secret bytes under a passphrase: Argon2id stretches the passphrase (with a fresh salt)
 * into an AES-256-GCM key, and the sealed form records the cost it was made with, so a stronger
 * cost can be adopted later without breaking old files. The associated data ties the sealed bytes
 * to their place (whose keys they are), so a sealed blob moved to another user's file does not open.
 */
final class KeyLock {

    private static final int SALT_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Argon2id.Cost cost;
    private final SecureRandom random;

    KeyLock(Argon2id.Cost cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
    }

    ObjectNode seal(String passphrase, byte[] secret, byte[] associatedData) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = Argon2id.derive(bytes(passphrase), salt, cost, AesGcm.KEY_BYTES);
        return WireJson.mapper().createObjectNode()
                .put("kdf", "argon2id")
                .put("memoryKiB", cost.memoryKiB())
                .put("iterations", cost.iterations())
                .put("parallelism", cost.parallelism())
                .put("salt", B64.encodeToString(salt))
                .put("cipher", "aes-256-gcm")
                .put("nonce", B64.encodeToString(nonce))
                .put("ciphertext", B64.encodeToString(AesGcm.encrypt(key, nonce, associatedData, secret)));
    }

    /**
     * @throws WrongPassphraseException if the passphrase (or the sealed data) is not the one sealed
     * @throws IllegalArgumentException if {@code sealed} is not a lock this class understands
     */
    static byte[] open(String passphrase, JsonNode sealed, byte[] associatedData) throws WrongPassphraseException {
        if (!"argon2id".equals(sealed.path("kdf").asText()) || !"aes-256-gcm".equals(sealed.path("cipher").asText())) {
            throw new IllegalArgumentException("sealed with '" + sealed.path("kdf").asText() + "' and '"
                    + sealed.path("cipher").asText() + "', expected argon2id and aes-256-gcm");
        }
        Argon2id.Cost cost = new Argon2id.Cost(sealed.path("memoryKiB").asInt(), sealed.path("iterations").asInt(),
                sealed.path("parallelism").asInt());
        byte[] salt = B64D.decode(sealed.path("salt").asText());
        byte[] nonce = B64D.decode(sealed.path("nonce").asText());
        if (salt.length < 8 || nonce.length != AesGcm.NONCE_BYTES) {
            throw new IllegalArgumentException("salt or nonce has the wrong length");
        }
        byte[] key = Argon2id.derive(bytes(passphrase), salt, cost, AesGcm.KEY_BYTES);
        try {
            return AesGcm.decrypt(key, nonce, associatedData, B64D.decode(sealed.path("ciphertext").asText()));
        } catch (AesGcm.AuthenticationException e) {
            throw new WrongPassphraseException();
        }
    }

    /** NFC first, so the same passphrase typed on two keyboards (composed or not) gives the same key. */
    private static byte[] bytes(String passphrase) {
        return Normalizer.normalize(passphrase, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    }
}
