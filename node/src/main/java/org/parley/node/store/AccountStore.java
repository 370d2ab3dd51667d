package org.parley.node.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Durable accounts. Every method runs its I/O off the event loop and completes on the caller's
 * context.
 */
public interface AccountStore {

    Future<Optional<Account>> find(String name);

    /** Every account, for publishing the node's users to the network at start. */
    Future<List<Account>> all();

    /** Fails with {@link NameTakenException} if the name is already registered. */
    Future<Void> create(Account account);

    /** Deletes an account; resolves to false if there was none. */
    Future<Boolean> delete(String name);
}
