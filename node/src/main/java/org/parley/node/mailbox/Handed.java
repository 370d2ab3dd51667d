package org.parley.node.mailbox;

/** What became of a message handed to a user's mailbox with {@link Mailboxes#pass}. */
public enum Handed {
    /** Every session of the user acknowledged it; it was never stored. */
    DELIVERED,
    /** It is stored in the mailbox, to be read from there. */
    STORED
}
