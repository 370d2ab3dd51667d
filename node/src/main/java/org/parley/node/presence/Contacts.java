package org.parley.node.presence;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.protocol.identity.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who on this node has exchanged direct messages with whom: the users whose presence a user of this
 * node hears because they talked. Recorded as a message is routed (from a user of this node, or to
 * one from elsewhere), read on every presence change, so the relation is held in memory by the user
 * it is about; the store has a copy, written in batches: new contacts that come while a write is
 * under way go together in the next one. Safe from any thread.
 */
public final class Contacts {

    private static final Logger LOG = LoggerFactory.getLogger(Contacts.class);

    private final String nodeName;
    private final ContactStore store;
    /** Qualified user -> names of users of this node who deal with them. */
    private final Map<String, Set<String>> byContact = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ContactStore.Contact> unwritten = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    private Contacts(String nodeName, ContactStore store) {
        this.nodeName = nodeName;
        this.store = store;
    }

    public static Future<Contacts> load(String nodeName, ContactStore store) {
        Contacts contacts = new Contacts(nodeName, store);
        return store.loadContacts().map(loaded -> {
            loaded.forEach(c -> contacts.index(c.user(), c.contact()));
            return contacts;
        });
    }

    /** The names of users of this node who have dealt with {@code user} (qualified). */
    public Set<String> of(String user) {
        return byContact.getOrDefault(user, Set.of());
    }

    /**
     * {@code user} of this node and {@code other} exchanged a direct message: each hears the other's
     * presence from now on (where the other is of this node too).
     */
    public void record(String user, UserAddress other) {
        remember(user, other.toString());
        if (other.node().equals(nodeName) && !other.name().equals(user)) {
            remember(other.name(), new UserAddress(user, nodeName).toString());
        }
    }

    /**
     * {@code user}'s account is gone: whoever registers the name next starts with no contacts, so hears
     * nobody's presence for the old account's sake. Those who dealt with the name still hear of it: for
     * them it is the same address, and a new owner's return is how their client comes to check the
     * keys again (and warn that they changed).
     */
    public Future<Void> forget(UserAddress user) {
        byContact.values().forEach(users -> users.remove(user.name()));
        unwritten.removeIf(c -> c.user().equals(user.name()));
        return store.forget(user.name());
    }

    private void remember(String user, String contact) {
        if (index(user, contact)) {
            unwritten.add(new ContactStore.Contact(user, contact));
            write();
        }
    }

    private boolean index(String user, String contact) {
        Set<String> users = byContact.get(contact);
        if (users != null && users.contains(user)) {
            return false; // the hot path: a pair that talks again
        }
        return byContact.computeIfAbsent(contact, c -> ConcurrentHashMap.newKeySet()).add(user);
    }

    /** One write at a time; what came meanwhile goes in the next. */
    private void write() {
        if (unwritten.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<ContactStore.Contact> batch = new ArrayList<>();
        for (ContactStore.Contact next; (next = unwritten.poll()) != null; ) {
            batch.add(next);
        }
        store.add(batch).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("Could not store {} new contact(s) ({}); they hold until the node restarts", batch.size(),
                        done.cause().getMessage());
            }
            writing.set(false);
            write();
        });
    }
}
