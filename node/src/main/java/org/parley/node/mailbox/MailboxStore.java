package org.parley.node.mailbox;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Where users' mailboxes are kept: every direct message for a user of this node waits here, durably,
 * until the user's client acknowledges it. The mailboxes as a whole are read at start and swept of
 * what waited too long; each shard writes through a {@link Shard} of its own. Implementations do
 * their I/O off the event loop.
 */
public interface MailboxStore {

    /** A waiting message, as it will be delivered. {@code seq} orders a user's mailbox and is unique across users. */
    record Stored(long seq, String id, String sender, String recipient, long sentAt, byte[] body) {
    }

    /** A message gone from a mailbox: acknowledged by {@code user}'s client, or expired. */
    record Removed(String user, String id, String sender, String recipient, long bytes) {
    }

    /** A message of a user, by its id. */
    record UserId(String user, String id) {
    }

    /**
     * What the store held at start: the last sequence number used, how much waits for whom, and the
     * newest messages (at most {@link #NEWEST_REMEMBERED}, oldest first): what a restart may see repeated.
     */
    record Contents(long lastSeq, Map<String, Waiting> counts, List<UserId> newest) {
    }

    /** Part of a user's mailbox, oldest first; {@code more} if there is more after it. */
    record Page(List<Stored> messages, boolean more) {
    }

    /** How many of the newest messages {@link #contents} names. */
    int NEWEST_REMEMBERED = 100_000;

    /** What the mailboxes hold now, for all users. */
    Future<Contents> contents();

    /**
     * Removes, for all users, what was stored before {@code storedBefore} (epoch ms): it waited too
     * long. What a shard has not written yet is younger than that.
     */
    Future<List<Removed>> expire(long storedBefore);

    /** The writes and reads of one shard, to be used from that shard's context only. */
    Shard shard();

    /**
     * The mailboxes of one shard's users. Writes are batched (group commit); a read sees every write
     * made through this shard before it. Not thread-safe: each shard has its own, on its context.
     */
    interface Shard {

        /**
         * Stores a message for {@code user}; resolves once it is on disk, or once it was acknowledged
         * first. {@code handedToReader}: a session has it already, so its acknowledgement is worth
         * waiting for briefly (the message is then never written at all).
         */
        Future<Void> insert(String user, Stored message, boolean handedToReader);

        /** Removes acknowledged messages; resolves with those that were there (repeats are not). */
        Future<List<Removed>> remove(String user, List<String> ids);

        /**
         * Up to {@code limit} of a user's messages after {@code afterSeq}, stopping early once they
         * hold {@code maxBytes} of bodies (a mailbox of file chunks is not read a thousand at a time).
         */
        Future<Page> page(String user, long afterSeq, int limit, long maxBytes);

        /** Empties {@code user}'s mailbox (the account is gone). */
        Future<Void> clear(String user);
    }
}
