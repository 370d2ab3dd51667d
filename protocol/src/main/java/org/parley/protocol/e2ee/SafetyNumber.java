package org.parley.protocol.e2ee;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The number two users read to each other to check that each holds the other's real keys, in the
 * manner of Signal's safety numbers: 30 digits derived from each user's name and both public keys
 * (5,200 rounds of SHA-512, so finding another key with the same digits is costly), the two
 * halves ordered by name, so both sides compute the same 60 digits. Shown as 12 groups of 5.
 */
public final class SafetyNumber {

    private static final byte[] VERSION = "parley-safety-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int ROUNDS = 5200;

    private SafetyNumber() {
    }

    public static String of(String userA, byte[] signingA, byte[] agreementA,
                            String userB, byte[] signingB, byte[] agreementB) {
        String a = digits(userA, signingA, agreementA);
        String b = digits(userB, signingB, agreementB);
        String joined = userA.compareTo(userB) <= 0 ? a + b : b + a;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < joined.length(); i += 5) {
            if (i > 0) {
                out.append(i % 30 == 0 ? "\n" : " ");
            }
            out.append(joined, i, i + 5);
        }
        return out.toString();
    }

    /** One user's 30 digits. */
    static String digits(String user, byte[] signingKey, byte[] agreementKey) {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] keys = new byte[signingKey.length + agreementKey.length];
            System.arraycopy(signingKey, 0, keys, 0, signingKey.length);
            System.arraycopy(agreementKey, 0, keys, signingKey.length, agreementKey.length);
            sha512.update(VERSION);
            sha512.update(keys);
            sha512.update(user.getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha512.digest();
            for (int i = 1; i < ROUNDS; i++) {
                sha512.update(hash);
                sha512.update(keys);
                hash = sha512.digest();
            }
            StringBuilder out = new StringBuilder(30);
            for (int chunk = 0; chunk < 6; chunk++) {
                long value = 0;
                for (int i = 0; i < 5; i++) {
                    value = (value << 8) | (hash[chunk * 5 + i] & 0xff);
                }
                out.append(String.format("%05d", value % 100_000));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }
}
