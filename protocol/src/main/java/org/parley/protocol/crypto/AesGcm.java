package org.parley.protocol.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM with a 128-bit tag, through Bouncy Castle. The tag is appended to the ciphertext.
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

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, associatedData));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int written = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new AuthenticationException("authentication tag does not match");
        }
        return out;
    }

    /** The data was not what was encrypted under this key: altered, truncated, or for someone else. */
    public static final class AuthenticationException extends RuntimeException {
        public AuthenticationException(String message) {
            super(message);
        }
    }
}
