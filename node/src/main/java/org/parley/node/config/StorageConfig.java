package org.parley.node.config;

import java.nio.file.Path;

/**
 * Where a node keeps what it stores, and how much may wait for one user.
 *
 * @param dataDir              where the store and node keys live
 * @param mailboxMaxMessages   direct messages that may wait for one user before senders get {@code MAILBOX_FULL}
 * @param mailboxMaxAgeSeconds how long a message may wait for its recipient before it is dropped and its
 *                             sender gets an {@code expired} receipt
 * @param mailboxMaxBytes      bytes of messages that may wait for one user (files, mostly) before senders
 *                             get {@code MAILBOX_FULL}
 */
public record StorageConfig(Path dataDir, int mailboxMaxMessages, long mailboxMaxAgeSeconds, long mailboxMaxBytes) {
}
