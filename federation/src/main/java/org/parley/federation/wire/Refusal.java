package org.parley.federation.wire;

import org.parley.protocol.message.Spelled;

/**
 * Why a destination did not take an envelope, as its {@link StreamAck} reports it for that
 * position; the origin tells the sender in words of its own.
 */
public enum Refusal implements Spelled {
    /** No such user at the destination. */
    UNKNOWN_USER("unknown"),
    /** The user's mailbox holds as many messages as their node keeps. */
    MAILBOX_FULL("full"),
    /** The user's mailbox holds as many bytes as their node keeps for one user. */
    OVER_QUOTA("quota"),
    /** No such group at its home. */
    NO_GROUP("no-group"),
    /** The sender is not a member of the group. */
    NOT_MEMBER("not-member"),
    /** The destination will not take this from the origin: it is not the origin's to send (a forgery). */
    REFUSED("refused");

    /** Read on every item that carries one: {@code values()} would copy the array each time. */
    private static final Refusal[] ALL = values();

    private final String word;

    Refusal(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    /** The word, so logs read as the wire does. */
    @Override
    public String toString() {
        return word;
    }

    /** The refusal spelled {@code word}; one this version does not know is still a refusal. */
    public static Refusal of(String word) {
        Refusal refusal = Spelled.find(ALL, word);
        return refusal == null ? REFUSED : refusal;
    }
}
