package org.parley.node.mailbox;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * What a mailbox shard is told over the control bus, at its own address: everything but the
 * per-message path (deposits, hand-outs, acknowledgements), which calls the shard directly. Each
 * command runs on the shard's context and answers with what it resolves with.
 */
sealed interface MailboxControl {

    /** Does it, on the shard's context. */
    Future<?> on(MailboxShard shard);

    /** The user's account is gone: so is what waited for it. Answers once it is gone from the store. */
    record Clear(String user) implements MailboxControl {
        @Override
        public Future<?> on(MailboxShard shard) {
            return shard.clear(user);
        }
    }

    /** How much waits, per user of the shard; answered with {@link Counts}. */
    record Count() implements MailboxControl {
        @Override
        public Future<?> on(MailboxShard shard) {
            return Future.succeededFuture(new Counts(shard.waiting()));
        }
    }

    /** The answer to {@link Count}. */
    record Counts(Map<String, Waiting> byUser) {
        public Counts {
            byUser = Map.copyOf(byUser);
        }
    }

    /** These messages waited too long and are gone from the store: their senders hear "expired". */
    record Expired(List<MailboxStore.Removed> removed) implements MailboxControl {
        public Expired {
            removed = List.copyOf(removed);
        }

        @Override
        public Future<?> on(MailboxShard shard) {
            shard.expired(removed);
            return Future.succeededFuture();
        }
    }

    /** The store's counts for the shard's users, to correct drift. */
    record Recount(Map<String, Waiting> fromStore) implements MailboxControl {
        public Recount {
            fromStore = Map.copyOf(fromStore);
        }

        @Override
        public Future<?> on(MailboxShard shard) {
            shard.recount(fromStore);
            return Future.succeededFuture();
        }
    }
}
