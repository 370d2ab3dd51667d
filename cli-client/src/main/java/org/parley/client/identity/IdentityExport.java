package org.parley.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;

/**
 * A user's identity as a file that moves between the command-line client and the web client: the
 * two private keys sealed with AES-256-GCM under a key PBKDF2-HMAC-SHA256 stretches from a
 * passphrase, the owner's name bound in as associated data. PBKDF2, not the Argon2id of
 * {@link KeyLock}, because it is the only password hash a browser's WebCrypto has; the iteration
 * count makes up for it (docs/SECURITY.md). The web client reads the same JSON
 * ({@code js/crypto/identity-export.js}).
 */
public final class IdentityExport {

    public static final String FORMAT = "parley-identity-v1";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). */
    public static final int ITERATIONS = 600_000;
    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int KEY_BYTES = 32;

    private IdentityExport() {
    }

    /** The export file's JSON for {@code user}'s keys. */
    public static ObjectNode seal(String user, IdentityKeys keys, String passphrase, SecureRandom random) {
        return seal(user, keys, passphrase, ITERATIONS, random);
    }

    /** As {@link #seal(String, IdentityKeys, String, SecureRandom)} with another cost (the test vectors). */
    public static ObjectNode seal(String user, IdentityKeys keys, String passphrase, int iterations,
                                  SecureRandom random) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] secret = Arrays.copyOf(keys.signingPrivate(), 2 * KEY_BYTES);
        System.arraycopy(keys.agreementPrivate(), 0, secret, KEY_BYTES, KEY_BYTES);
        byte[] sealed = AesGcm.encrypt(key(passphrase, salt, iterations), nonce, associatedData(user), secret);
        Arrays.fill(secret, (byte) 0);
        Base64.Encoder b64 = Base64.getEncoder();
        return WireJson.mapper().createObjectNode().put("format", FORMAT).put("user", user)
                .put("kdf", "pbkdf2-sha256").put("iterations", iterations).put("salt", b64.encodeToString(salt))
                .put("cipher", "aes-256-gcm").put("nonce", b64.encodeToString(nonce))
                .put("ciphertext", b64.encodeToString(sealed));
    }

    /** Whose identity an export holds, read before it is opened. */
    public static String user(JsonNode exported) {
        return exported.path("user").asText("");
    }

    /**
     * The keys an export holds.
     *
     * @throws WrongPassphraseException if the passphrase does not open it (or the file was altered)
     * @throws IllegalArgumentException if it is not a Parley identity export
     */
    public static IdentityKeys open(JsonNode exported, String passphrase) throws WrongPassphraseException {
        if (!FORMAT.equals(exported.path("format").asText()) || !"pbkdf2-sha256".equals(exported.path("kdf").asText())
                || !"aes-256-gcm".equals(exported.path("cipher").asText())) {
            throw new IllegalArgumentException("not a Parley identity export (made by parley identity export)");
        }
        int iterations = exported.path("iterations").asInt();
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the export asks for " + iterations + " PBKDF2 iterations; expected "
                    + MIN_ITERATIONS + " to " + MAX_ITERATIONS);
        }
        byte[] secret;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] nonce = b64.decode(exported.path("nonce").asText());
            if (nonce.length != AesGcm.NONCE_BYTES) {
                throw new IllegalArgumentException("the export's nonce is not 12 bytes");
            }
            secret = AesGcm.decrypt(key(passphrase, b64.decode(exported.path("salt").asText()), iterations), nonce,
                    associatedData(user(exported)), b64.decode(exported.path("ciphertext").asText()));
        } catch (AesGcm.AuthenticationException e) {
            throw new WrongPassphraseException();
        }
        if (secret.length != 2 * KEY_BYTES) {
            throw new IllegalArgumentException("the export does not hold two 32-byte keys");
        }
        return new IdentityKeys(Arrays.copyOf(secret, KEY_BYTES), Arrays.copyOfRange(secret, KEY_BYTES, 2 * KEY_BYTES));
    }

    private static byte[] key(String passphrase, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(Normalizer.normalize(passphrase, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8), salt,
                iterations);
        return ((KeyParameter) generator.generateDerivedParameters(KEY_BYTES * 8)).getKey();
    }

    private static byte[] associatedData(String user) {
        return ("parley identity export of " + user).getBytes(StandardCharsets.UTF_8);
    }
}
