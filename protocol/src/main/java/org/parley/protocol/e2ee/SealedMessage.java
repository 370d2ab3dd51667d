package org.parley.protocol.e2ee;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A direct message as it travels: the frame body that nodes store and forward without reading.
 * Everything before the signature is the header; the sender signs header and ciphertext with
 * its Ed25519 key, and the header is also the AES-GCM associated data, so no byte of it can be
 * changed without the recipient noticing.
 *
 * <pre>
 * version 1 | id, from, to (u16 length + UTF-8 each) | sender signing key 32 |
 * recipient agreement key 32 | ephemeral X25519 key 32 | nonce 12 | signature 64 | ciphertext + tag
 * </pre>
 *
 * @param id                    the message id the sender chose (also in the frame header)
 * @param from                  the sender's fully qualified name
 * @param to                    the recipient's fully qualified name, as the sender addressed it
 * @param senderSigningKey      the key the sender signed with (checked against the recipient's pin)
 * @param recipientAgreementKey the recipient key the sender encrypted to
 * @param ephemeralKey          the sender's one-message X25519 key
 * @param nonce                 the AES-GCM nonce
 * @param signature             Ed25519 over the header and the ciphertext
 * @param ciphertext            AES-256-GCM output, tag included
 */
public record SealedMessage(String id, String from, String to, byte[] senderSigningKey, byte[] recipientAgreementKey,
                            byte[] ephemeralKey, byte[] nonce, byte[] signature, byte[] ciphertext) {

    public static final byte VERSION = 1;

    /** The same message with {@code bytes} as its ciphertext. */
    public SealedMessage withCiphertext(byte[] bytes) {
        return new SealedMessage(id, from, to, senderSigningKey, recipientAgreementKey, ephemeralKey, nonce, signature,
                bytes);
    }

    /** The same message with {@code bytes} as its signature. */
    public SealedMessage withSignature(byte[] bytes) {
        return new SealedMessage(id, from, to, senderSigningKey, recipientAgreementKey, ephemeralKey, nonce, bytes,
                ciphertext);
    }

    /** The bytes that are signed and authenticated as associated data: all but signature and ciphertext. */
    public byte[] header() {
        return WireFields.bytes(out -> {
            out.writeByte(VERSION);
            WireFields.writeText(out, id);
            WireFields.writeText(out, from);
            WireFields.writeText(out, to);
            out.write(senderSigningKey);
            out.write(recipientAgreementKey);
            out.write(ephemeralKey);
            out.write(nonce);
        });
    }

    /** What the signature covers: header, then ciphertext. */
    public byte[] signedBytes() {
        byte[] header = header();
        byte[] signed = Arrays.copyOf(header, header.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, signed, header.length, ciphertext.length);
        return signed;
    }

    public byte[] encode() {
        byte[] header = header();
        return ByteBuffer.allocate(header.length + signature.length + ciphertext.length)
                .put(header).put(signature).put(ciphertext).array();
    }

    /** @throws IllegalArgumentException if {@code body} is not a sealed message of this version */
    public static SealedMessage decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("not an encrypted message of version " + VERSION);
            }
            String id = WireFields.readText(in);
            String from = WireFields.readText(in);
            String to = WireFields.readText(in);
            byte[] signing = WireFields.take(in, 32);
            byte[] recipient = WireFields.take(in, 32);
            byte[] ephemeral = WireFields.take(in, 32);
            byte[] nonce = WireFields.take(in, 12);
            byte[] signature = WireFields.take(in, 64);
            byte[] ciphertext = WireFields.take(in, in.remaining());
            return new SealedMessage(id, from, to, signing, recipient, ephemeral, nonce, signature, ciphertext);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the encrypted message is truncated");
        }
    }
}
