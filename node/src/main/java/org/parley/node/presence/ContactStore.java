package org.parley.node.presence;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where this node keeps who has exchanged direct messages with whom. Implementations do their I/O
 * off the event loop.
 */
public interface ContactStore {

    /** One side of the relation: {@code user} (a local name) deals with {@code contact} (qualified). */
    record Contact(String user, String contact) {
    }

    /** Every contact recorded so far. */
    Future<List<Contact>> loadContacts();

    /** Adds these, in one transaction; those already there stay as they are. */
    Future<Void> add(List<Contact> contacts);

    /** Removes every contact of local user {@code name}. */
    Future<Void> forget(String name);
}
