package org.parley.node.mailbox;

/**
 * The recipient's mailbox holds as many messages, or as many bytes, as the node allows; the
 * message was not stored.
 */
public final class MailboxFullException extends RuntimeException {

    private final boolean overQuota;

    /** @param overQuota the byte quota was the limit (a file, typically), not the message count */
    public MailboxFullException(boolean overQuota, String message) {
        super(message, null, false, false);
        this.overQuota = overQuota;
    }

    public boolean overQuota() {
        return overQuota;
    }

    /** The words a sender reads when the byte quota stops a message: the same for local and remote senders. */
    public static String overQuota(String recipient, long waitingBytes, long quotaBytes, String id) {
        return recipient + " has " + mib(waitingBytes) + " waiting at their node, which keeps at most "
                + mib(quotaBytes) + " for one user; message " + id + " was not accepted there. Send it again"
                + " once they have logged in and taken what waits";
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
