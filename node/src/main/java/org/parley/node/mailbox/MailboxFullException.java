package org.parley.node.mailbox;

/** The recipient's mailbox holds as many messages as the node allows. */
public final class MailboxFullException extends RuntimeException {

    public MailboxFullException(String message) {
        super(message, null, false, false);
    }
}
