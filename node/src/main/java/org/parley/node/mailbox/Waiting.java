package org.parley.node.mailbox;

/** How much waits in one user's mailbox: messages, and the bytes of their bodies. */
public record Waiting(int messages, long bytes) {

    public static final Waiting NONE = new Waiting(0, 0);

    public Waiting plus(long body) {
        return new Waiting(messages + 1, bytes + body);
    }

    /** Less what left; null when nothing is left, so that a map drops the entry. */
    public Waiting minus(int gone, long goneBytes) {
        return messages > gone ? new Waiting(messages - gone, Math.max(0, bytes - goneBytes)) : null;
    }
}
