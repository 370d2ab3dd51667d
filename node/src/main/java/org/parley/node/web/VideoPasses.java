package org.parley.node.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.protocol.identity.Name;

/**
 * Passes to the node's HTTPS video endpoints: a logged-in web session asks for one over its WebSocket
 * ({@code video-pass}), and its player sends it with each playlist and segment request. A pass names
 * the user and when it expires, under an HMAC-SHA256 with a key this node made at start and keeps in
 * memory only: it cannot be forged or stretched, and a restart ends every pass (the page asks again
 * as it logs in again). Thread-safe.
 */
public final class VideoPasses {

    /** How long a pass lasts: the page renews it well before. */
    public static final long LIFETIME_MILLIS = 10 * 60_000L;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    VideoPasses(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** Passes under a fresh random key. */
    public static VideoPasses withFreshKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new VideoPasses(key, Clock.systemUTC());
    }

    /** A pass for user {@code name} of this node, good for {@link #LIFETIME_MILLIS} from now. */
    public Issued issue(String name) {
        long expires = clock.millis() + LIFETIME_MILLIS;
        byte[] claim = (name + "\n" + expires).getBytes(StandardCharsets.UTF_8);
        return new Issued(ENCODER.encodeToString(claim) + "." + ENCODER.encodeToString(mac(claim)), expires);
    }

    /** A pass and when it expires (Unix milliseconds). */
    public record Issued(String pass, long expiresMillis) {
    }

    /** The user {@code pass} was issued to, if this node issued it and it has not expired. */
    public Optional<String> holder(String pass) {
        if (pass == null || pass.length() > 256) {
            return Optional.empty();
        }
        int dot = pass.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] claim;
        byte[] tag;
        try {
            claim = DECODER.decode(pass.substring(0, dot));
            tag = DECODER.decode(pass.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(claim), tag)) {
            return Optional.empty();
        }
        String[] fields = new String(claim, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 2 || !Name.isValid(fields[0])) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return clock.millis() < expires ? Optional.of(fields[0]) : Optional.empty();
    }

    private byte[] mac(byte[] claim) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(claim);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
