package org.parley.protocol.e2ee;

/**
 * Why an arriving message was not shown. Each kind names what the recipient should suspect, so
 * the warning can say it in words.
 */
public final class OpenFailure extends Exception {

    /** What went wrong, from the recipient's point of view. */
    public enum Kind {
        /** The body is not an encrypted message at all (a client that does not encrypt, or damage). */
        NOT_ENCRYPTED,
        /** Signed by a key other than the one pinned for the sender. */
        SENDER_KEY_CHANGED,
        /** The signature does not cover these bytes: something was altered on the way. */
        BAD_SIGNATURE,
        /** The node's envelope disagrees with what the sender signed (another sender or id). */
        ENVELOPE_MISMATCH,
        /** The sender signed it for someone else: re-addressed on the way. */
        NOT_FOR_YOU,
        /** Encrypted to a key that is not ours: the sender was given a false key for us. */
        WRONG_RECIPIENT_KEY,
        /** Signature fine, decryption failed (should not happen short of a broken sender). */
        UNDECRYPTABLE,
        /** A message id already seen from this sender: a replay, or a repeat after a reconnect. */
        REPLAYED
    }

    private final Kind kind;

    public OpenFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
