package org.parley.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;


/**
 * AES-GCM with a 128-bit tag, through the JDK's own provider, whose AES and GHASH run on the
 * processor's instructions (about 2.7 GiB/s here against 80 MiB/s for Bouncy Castle's, which
 * matters for files). The tag is appended to the ciphertext.
 * Callers own nonce uniqueness: Parley uses each key for one message (or one file, with the
 * chunk number in the nonce).
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private AesGcm() {
    }

    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        return run(true, key, nonce, associatedData, plaintext);
    }

    /**
     * @throws AuthenticationException if the ciphertext, nonce, key or associated data differ
     *                                 in any bit from what was encrypted
     */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
        if (ciphertext.length < TAG_BYTES) {
            throw new AuthenticationException("ciphertext shorter than its tag");
        }
        return run(false, key, nonce, associatedData, ciphertext);
    }

    /**
     * Seals and opens a few thousand tiny messages, so that HotSpot compiles the JDK's GCM code with
     * its full compiler, the only one that uses the AES and carry-less multiply instructions. It
     * does that after thousands of calls, and a file makes one call per chunk: without this the
     * first several hundred MiB of a file go through GHASH in plain Java at about 30 MiB/s. Takes
     * about half a second; for processes about to move files, on a worker.
     */
    public static void warmUp() {
        byte[] key = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        byte[] data = new byte[256];
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >>> 8);
            decrypt(key, nonce, nonce, encrypt(key, nonce, nonce, data));
        }
    }

    private static final int WARM_UP_ROUNDS = 12_000;

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException("authentication tag does not match");
        } catch (GeneralSecurityException e) {
            // AES-GCM is in every JDK; a bad key or nonce length is a programming error
            throw new IllegalArgumentException("AES-GCM: " + e.getMessage(), e);
        }
    }

    /** The data was not what was encrypted under this key: altered, truncated, or for someone else. */
    public static final class AuthenticationException extends RuntimeException {
        public AuthenticationException(String message) {
            super(message);
        }
    }
}
