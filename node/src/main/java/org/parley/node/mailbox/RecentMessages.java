package org.parley.node.mailbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest messages a shard took, by user and id, with whether each is safe yet. An origin that
 * resends after a restart (its own, or this node's) repeats messages this node took already: a
 * repeat is neither stored nor handed to the user's sessions again, and is safe when the first is.
 * Bounded: the oldest are forgotten first, long after a resend of them could come. Not thread-safe;
 * used on the shard's context.
 *
 * <p>Every message a node takes is remembered here for as long as the next {@code capacity} take:
 * as objects of its own (a key string, a map entry, a promise) each outlived the young collections
 * of that time and was copied at every one, which cost the receiving node of a cross-node run
 * about 5% of its CPU in collector threads. So the places of the ring are made once and reused, a
 * message's user and id are copied into its place's array, and places are found through a table
 * of primitives: taking a message allocates nothing, and nothing it leaves behind is young. A key
 * whose run in the table would be longer than {@link #MAX_RUN} (ids chosen so that their hashes
 * collide) is kept in an ordinary map instead, which stays fast however keys collide.
 *
 * <p>A message taken is settled by its handle ({@link #stored}, {@link #notStored}) as its write
 * completes; only a repeat that comes while the first is being stored is given something to wait on.
 */
final class RecentMessages {

    /** The most places of the table a key is looked for in; keys that would go further wait in {@link #overflow}. */
    static final int MAX_RUN = 32;
    private static final Future<Integer> SAFE = Future.succeededFuture(0);
    private static final int GOLDEN = 0x9E3779B9;

    /** One place of the ring: a message remembered, reused for a newer one once it is the oldest. */
    private static final class Entry {
        private final int place;
        private char[] key;
        private int length;
        private int hash;
        /** How many messages this place has held: the handle of an earlier one no longer matches. */
        private int use;
        private boolean live;
        private boolean overflowed;
        private boolean safe;
        /** Made only for a repeat that comes while this message is being stored. */
        private Promise<Integer> repeats;

        private Entry(int place) {
            this.place = place;
        }

        private void hold(String user, String id, int hash) {
            int userLength = user.length();
            length = userLength + 1 + id.length();
            if (key == null || key.length < length) {
                key = new char[(length + 15) & ~15];
            }
            user.getChars(0, userLength, key, 0);
            key[userLength] = '\n';
            id.getChars(0, id.length(), key, userLength + 1);
            this.hash = hash;
            use++;
            live = true;
            safe = false;
            repeats = null;
        }

        private boolean is(String user, String id) {
            int userLength = user.length();
            return length == userLength + 1 + id.length() && isOf(user)
                    && matches(id, userLength + 1);
        }

        /** Whether this message is for {@code user}. */
        private boolean isOf(String user) {
            int userLength = user.length();
            return length > userLength && key[userLength] == '\n' && matches(user, 0);
        }

        private boolean matches(String text, int from) {
            for (int i = 0; i < text.length(); i++) {
                if (key[from + i] != text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private String keyString() {
            return new String(key, 0, length);
        }

        private long handle() {
            return (long) use << 32 | place;
        }
    }

    private final Entry[] ring;
    /** The place the next message takes: the oldest one's, once the ring is full. */
    private int next;
    /** Open addressing, linear probing: a key's hash in the high half, its place + 1 in the low; 0 is free. */
    private final long[] table;
    private final int mask;
    private final int shift;
    private final Map<String, Entry> overflow = new HashMap<>();
    /** Repeats still waiting on a message that left the ring before it was settled, by its handle. */
    private final Map<Long, Promise<Integer>> orphans = new HashMap<>();

    RecentMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new Entry[capacity];
        int size = Integer.highestOneBit(Math.max(2, 2 * capacity - 1)) << 1; // at most half full
        this.table = new long[size];
        this.mask = size - 1;
        this.shift = Integer.numberOfLeadingZeros(size) + 1;
    }

    /** When the first of this message was safe, or null if it is new. */
    Future<Integer> first(String user, String id) {
        Entry first = find(user, id, hash(user, id));
        if (first == null) {
            return null;
        }
        if (first.safe) {
            return SAFE;
        }
        if (first.repeats == null) {
            first.repeats = Promise.promise();
        }
        return first.repeats.future();
    }

    /**
     * Remembers a message taken now, which {@link #first} found new, as being stored; the handle
     * returned settles it ({@link #stored}, {@link #notStored}). The oldest message is forgotten if
     * the ring is full.
     */
    long take(String user, String id) {
        int place = next;
        next = next + 1 == ring.length ? 0 : next + 1;
        Entry entry = ring[place];
        if (entry == null) {
            entry = new Entry(place);
            ring[place] = entry;
        } else if (entry.live) {
            unlink(entry);
        }
        entry.hold(user, id, hash(user, id));
        index(entry);
        return entry.handle();
    }

    /** The message of {@code handle} is on disk (or acknowledged before it had to be): its repeats are safe. */
    void stored(long handle) {
        Entry entry = current(handle);
        Promise<Integer> waiting;
        if (entry != null) {
            entry.safe = true;
            waiting = entry.repeats;
            entry.repeats = null;
        } else {
            waiting = orphans.remove(handle);
        }
        if (waiting != null) {
            waiting.complete(0);
        }
    }

    /** The message of {@code handle} was not stored, for {@code cause}: it is forgotten, so that a resend is taken. */
    void notStored(long handle, Throwable cause) {
        Entry entry = current(handle);
        Promise<Integer> waiting;
        if (entry != null) {
            waiting = entry.repeats;
            entry.repeats = null;
            unlink(entry);
        } else {
            waiting = orphans.remove(handle);
        }
        if (waiting != null) {
            waiting.fail(cause);
        }
    }

    /**
     * Remembers a message taken now, whether it was new or not, which is safe once {@code stored}
     * succeeds; forgets it again if storing it fails, so that a resend is taken.
     */
    void took(String user, String id, Future<Integer> stored) {
        long handle = remember(user, id);
        stored.onComplete(done -> {
            if (done.succeeded()) {
                stored(handle);
            } else {
                notStored(handle, done.cause());
            }
        });
    }

    /** A message that was on disk when the node started. */
    void known(String user, String id) {
        stored(remember(user, id));
    }

    /** The user's account is gone: a new account of that name starts afresh. */
    void forget(String user) {
        for (Entry entry : ring) {
            if (entry != null && entry.live && entry.isOf(user)) {
                unlink(entry);
            }
        }
    }

    /**
     * A handle for the message, remembered now if it was not: a message remembered already is
     * held anew in its place, and whoever holds the handle of its earlier use settles only the
     * repeats that waited on that use.
     */
    private long remember(String user, String id) {
        Entry entry = find(user, id, hash(user, id));
        if (entry == null) {
            return take(user, id);
        }
        orphan(entry);
        entry.use++;
        entry.safe = false;
        return entry.handle();
    }

    private Entry current(long handle) {
        Entry entry = ring[(int) handle];
        return entry != null && entry.live && entry.use == (int) (handle >>> 32) ? entry : null;
    }

    /**
     * The user's hash is mixed first: users and ids alike (r-12 and r-13 each sending ids
     * 0001, 0002, ...) would otherwise give many pairs one sum, and their runs would be long.
     */
    private static int hash(String user, String id) {
        int h = user.hashCode();
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        return (h ^ (h >>> 16)) + id.hashCode();
    }

    /** Where a hash's run starts: its top bits after a multiply, which spreads hashes that differ in their low bits. */
    private int home(int hash) {
        return (hash * GOLDEN) >>> shift;
    }

    private Entry find(String user, String id, int hash) {
        for (int i = home(hash), run = 0; run < MAX_RUN; i = (i + 1) & mask, run++) {
            long slot = table[i];
            if (slot == 0) {
                break;
            }
            if ((int) (slot >>> 32) == hash) {
                Entry entry = ring[(int) slot - 1];
                if (entry.is(user, id)) {
                    return entry;
                }
            }
        }
        return overflow.isEmpty() ? null : overflow.get(user + '\n' + id);
    }

    private void index(Entry entry) {
        for (int i = home(entry.hash), run = 0; run < MAX_RUN; i = (i + 1) & mask, run++) {
            if (table[i] == 0) {
                table[i] = slot(entry);
                entry.overflowed = false;
                return;
            }
        }
        overflow.put(entry.keyString(), entry);
        entry.overflowed = true;
    }

    /** Forgets the message in {@code entry}; repeats waiting on it still hear how its store went. */
    private void unlink(Entry entry) {
        orphan(entry);
        entry.live = false;
        if (entry.overflowed) {
            overflow.remove(entry.keyString());
            return;
        }
        long mine = slot(entry);
        int hole = home(entry.hash);
        while (table[hole] != mine) {
            hole = (hole + 1) & mask;
        }
        // Moves back what followed in the run and may take the hole, so that no run has a gap: an
        // entry further than MAX_RUN from the hole cannot, as none is further than that from home.
        for (int j = (hole + 1) & mask; table[j] != 0 && ((j - hole) & mask) < MAX_RUN; j = (j + 1) & mask) {
            int home = home((int) (table[j] >>> 32));
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private void orphan(Entry entry) {
        if (entry.repeats != null) {
            orphans.put(entry.handle(), entry.repeats);
            entry.repeats = null;
        }
    }

    private static long slot(Entry entry) {
        return (long) entry.hash << 32 | (entry.place + 1L);
    }
}
