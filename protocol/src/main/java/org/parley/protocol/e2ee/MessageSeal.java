package org.parley.protocol.e2ee;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.Hkdf;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.X25519;

/**
 * Encrypts a direct message for one recipient and opens it again: a fresh X25519 key per message
 * agrees a secret with the recipient's X25519 key; HKDF-SHA256 turns it into an AES-256-GCM key,
 * with both identities and the message id in the info so the key is bound to exactly this
 * sender, recipient and message; the sender signs header and ciphertext with its Ed25519 key.
 */
public final class MessageSeal {

    private static final byte[] INFO_PREFIX = "parley-e2ee-v1".getBytes(StandardCharsets.US_ASCII);

    private MessageSeal() {
    }

    /** The frame body carrying {@code plaintext} from {@code from} (holder of {@code sender}) to {@code to}. */
    public static byte[] seal(IdentityKeys sender, String id, String from, String to, byte[] recipientAgreementKey,
                              byte[] plaintext, SecureRandom random) {
        byte[] ephemeralPrivate = X25519.newPrivateKey(random);
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(nonce);
        SealedMessage header = new SealedMessage(id, from, to, sender.signingPublic(), recipientAgreementKey.clone(),
                X25519.publicKey(ephemeralPrivate), nonce, new byte[Ed25519.SIGNATURE_BYTES], new byte[0]);
        byte[] key = messageKey(X25519.agree(ephemeralPrivate, recipientAgreementKey), header);
        SealedMessage unsigned = header.withCiphertext(AesGcm.encrypt(key, nonce, header.header(), plaintext));
        return unsigned.withSignature(sender.sign(unsigned.signedBytes())).encode();
    }

    /**
     * Checks and decrypts a message that the node delivered as {@code id} from {@code from} to
     * {@code me}. {@code pinnedSenderKey} is the signing key this recipient trusts for {@code from}.
     * Replays are the caller's to detect (it keeps the ids it has seen).
     */
    public static byte[] open(IdentityKeys me, String myAddress, String id, String from, byte[] pinnedSenderKey,
                              byte[] body) throws OpenFailure {
        SealedMessage sealed;
        try {
            sealed = SealedMessage.decode(body);
        } catch (IllegalArgumentException e) {
            throw new OpenFailure(OpenFailure.Kind.NOT_ENCRYPTED, "message " + id + " from " + from
                    + " is not end-to-end encrypted (" + e.getMessage() + ")");
        }
        if (!MessageDigest.isEqual(sealed.senderSigningKey(), pinnedSenderKey)) {
            throw new OpenFailure(OpenFailure.Kind.SENDER_KEY_CHANGED, "message " + id + " claims to be from " + from
                    + " but is signed with key " + Fingerprint.of(sealed.senderSigningKey()) + ", not the pinned "
                    + Fingerprint.of(pinnedSenderKey));
        }
        if (!Ed25519.verify(pinnedSenderKey, sealed.signedBytes(), sealed.signature())) {
            throw new OpenFailure(OpenFailure.Kind.BAD_SIGNATURE, "message " + id + " from " + from
                    + " does not match its sender's signature: it was altered on the way");
        }
        if (!sealed.id().equals(id) || !sealed.from().equals(from)) {
            throw new OpenFailure(OpenFailure.Kind.ENVELOPE_MISMATCH, "message " + id + " from " + from
                    + " was signed as message " + sealed.id() + " from " + sealed.from());
        }
        if (!sealed.to().equals(myAddress)) {
            throw new OpenFailure(OpenFailure.Kind.NOT_FOR_YOU, "message " + id + " from " + from
                    + " was written to " + sealed.to() + ", not to you: it was re-addressed on the way");
        }
        if (!MessageDigest.isEqual(sealed.recipientAgreementKey(), me.agreementPublic())) {
            throw new OpenFailure(OpenFailure.Kind.WRONG_RECIPIENT_KEY, "message " + id + " from " + from
                    + " was encrypted to a key that is not yours (" + Fingerprint.of(sealed.recipientAgreementKey())
                    + "): the sender was given a false key for you");
        }
        try {
            byte[] key = messageKey(X25519.agree(me.agreementPrivate(), sealed.ephemeralKey()), sealed);
            return AesGcm.decrypt(key, sealed.nonce(), sealed.header(), sealed.ciphertext());
        } catch (AesGcm.AuthenticationException | IllegalArgumentException e) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "message " + id + " from " + from
                    + " cannot be decrypted: " + e.getMessage());
        }
    }

    private static byte[] messageKey(byte[] shared, SealedMessage header) {
        byte[] id = header.id().getBytes(StandardCharsets.UTF_8);
        byte[] from = header.from().getBytes(StandardCharsets.UTF_8);
        byte[] to = header.to().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(INFO_PREFIX);
        for (byte[] part : new byte[][] {id, from, to, header.senderSigningKey(), header.recipientAgreementKey(),
                header.ephemeralKey()}) {
            info.write(part.length >>> 8);
            info.write(part.length);
            info.writeBytes(part);
        }
        return Hkdf.sha256(shared, new byte[0], info.toByteArray(), AesGcm.KEY_BYTES);
    }
}
