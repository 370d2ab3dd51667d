package org.parley.protocol.e2ee;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;

/**
 * Encrypts a group message with the sender's {@link SenderKey} and opens it again. The body nodes
 * carry:
 * <pre>
 * version 2 | id, from, group (u16 length + UTF-8 each) | epoch 8 | key id 16 | sender signing key 32 |
 * nonce 12 | signature 64 | ciphertext + tag
 * </pre>
 * Everything before the signature is the AES-GCM associated data, and the sender signs it with
 * the ciphertext using its Ed25519 identity key, so members cannot write in each other's name
 * though they share each other's sender keys.
 */
public final class GroupSeal {

    public static final byte VERSION = 2;

    private GroupSeal() {
    }

    /** The parts of a sealed group message that say which key opens it. */
    public record Label(String id, String from, String group, long epoch, byte[] keyId) {
    }

    /** The frame body carrying {@code plaintext} from {@code from} to {@code key.group()}. */
    public static byte[] seal(IdentityKeys sender, String id, String from, SenderKey key, byte[] plaintext,
                              SecureRandom random) {
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] header = header(id, from, key.group(), key.epoch(), key.keyId(), sender.signingPublic(), nonce);
        byte[] ciphertext = AesGcm.encrypt(key.key(), nonce, header, plaintext);
        byte[] signature = sender.sign(concat(header, ciphertext));
        return ByteBuffer.allocate(header.length + signature.length + ciphertext.length)
                .put(header).put(signature).put(ciphertext).array();
    }

    /**
     * Which key a body needs, before it is opened.
     *
     * @throws OpenFailure if it is not a sealed group message
     */
    public static Label label(byte[] body) throws OpenFailure {
        Parsed parsed = parse(body);
        return new Label(parsed.id, parsed.from, parsed.group, parsed.epoch, parsed.keyId);
    }

    /**
     * Checks and decrypts a message the node delivered as {@code id} from {@code from} to
     * {@code group}, with the sender key {@code key} that {@code from} gave us and the signing key we
     * pinned for them.
     */
    public static byte[] open(String id, String from, String group, byte[] pinnedSenderKey, SenderKey key, byte[] body)
            throws OpenFailure {
        Parsed sealed = parse(body);
        if (!MessageDigest.isEqual(sealed.signingKey, pinnedSenderKey)) {
            throw new OpenFailure(OpenFailure.Kind.SENDER_KEY_CHANGED, "group message " + id + " claims to be from "
                    + from + " but is signed with key " + Fingerprint.of(sealed.signingKey) + ", not the pinned "
                    + Fingerprint.of(pinnedSenderKey));
        }
        if (!Ed25519.verify(pinnedSenderKey, concat(sealed.header, sealed.ciphertext), sealed.signature)) {
            throw new OpenFailure(OpenFailure.Kind.BAD_SIGNATURE, "group message " + id + " from " + from
                    + " does not match its sender's signature: it was altered on the way");
        }
        if (!sealed.id.equals(id) || !sealed.from.equals(from)) {
            throw new OpenFailure(OpenFailure.Kind.ENVELOPE_MISMATCH, "group message " + id + " from " + from
                    + " was signed as message " + sealed.id + " from " + sealed.from);
        }
        if (!sealed.group.equals(group)) {
            throw new OpenFailure(OpenFailure.Kind.NOT_FOR_YOU, "group message " + id + " from " + from
                    + " was written to " + sealed.group + ", not " + group + ": it was re-addressed on the way");
        }
        if (!key.group().equals(group) || !Arrays.equals(key.keyId(), sealed.keyId)) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "group message " + id + " from " + from
                    + " needs a sender key we were not given");
        }
        try {
            return AesGcm.decrypt(key.key(), sealed.nonce, sealed.header, sealed.ciphertext);
        } catch (AesGcm.AuthenticationException | IllegalArgumentException e) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "group message " + id + " from " + from
                    + " cannot be decrypted with " + from + "'s sender key: " + e.getMessage());
        }
    }

    private record Parsed(byte[] header, String id, String from, String group, long epoch, byte[] keyId,
                          byte[] signingKey, byte[] nonce, byte[] signature, byte[] ciphertext) {
    }

    private static Parsed parse(byte[] body) throws OpenFailure {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("not an encrypted group message of version " + VERSION);
            }
            String id = WireFields.readText(in);
            String from = WireFields.readText(in);
            String group = WireFields.readText(in);
            long epoch = in.getLong();
            byte[] keyId = WireFields.take(in, SenderKey.KEY_ID_BYTES);
            byte[] signing = WireFields.take(in, Ed25519.KEY_BYTES);
            byte[] nonce = WireFields.take(in, AesGcm.NONCE_BYTES);
            byte[] header = Arrays.copyOf(body, in.position());
            byte[] signature = WireFields.take(in, Ed25519.SIGNATURE_BYTES);
            byte[] ciphertext = WireFields.take(in, in.remaining());
            return new Parsed(header, id, from, group, epoch, keyId, signing, nonce, signature, ciphertext);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new OpenFailure(OpenFailure.Kind.NOT_ENCRYPTED, "a group message that is not end-to-end encrypted ("
                    + (e.getMessage() == null ? "truncated" : e.getMessage()) + ")");
        }
    }

    private static byte[] header(String id, String from, String group, long epoch, byte[] keyId, byte[] signingKey,
                                 byte[] nonce) {
        return WireFields.bytes(out -> {
            out.writeByte(VERSION);
            WireFields.writeText(out, id);
            WireFields.writeText(out, from);
            WireFields.writeText(out, group);
            out.writeLong(epoch);
            out.write(keyId);
            out.write(signingKey);
            out.write(nonce);
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
