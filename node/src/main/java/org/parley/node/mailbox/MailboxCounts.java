package org.parley.node.mailbox;

import java.util.concurrent.atomic.LongAdder;

/**
 * Since the node started: messages the mailboxes stored, and messages they handed to live sessions
 * without storing ({@link Mailboxes#pass}). For operators, and for tests that show a file's pieces
 * did not touch the disk. Safe from any thread.
 */
public final class MailboxCounts {

    private final LongAdder stored = new LongAdder();
    private final LongAdder passed = new LongAdder();

    void stored() {
        stored.increment();
    }

    void passed() {
        passed.increment();
    }

    public long storedMessages() {
        return stored.sum();
    }

    public long passedMessages() {
        return passed.sum();
    }
}
