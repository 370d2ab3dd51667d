package org.parley.federation.gossip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.UserAddress;

/**
 * The network's directory as this node holds it: for every origin node, the newest signed entry
 * of each key, and the highest version held. Merge rules only; signatures are checked before
 * entries get here. Mutated on the federation context; {@link #user}, {@link #users} and
 * {@link #node} may be read from any thread.
 *
 * <p>Entries of one origin arrive in version order from a version the receiver already holds, so
 * "the highest version held" summarises everything held: a peer that holds more sends what lies
 * between (anti-entropy, as in Scuttlebutt).
 */
public final class Directory {

    /** An entry and the signed text it came in, which is what gets passed on. */
    public record Held(DirectoryEntry entry, SignedEntry signed) {
    }

    /** A key's entry before and after a change; either may be null. */
    public record Change(DirectoryEntry before, DirectoryEntry after) {
    }

    /** What applying a delta did. */
    public sealed interface Outcome {
        /** The delta starts past what is held: ask the sender for everything after what is held. */
        record Gap(long held) implements Outcome { }
        /** The origin's node record is older than the expiry: the origin is gone; ignored. */
        record Expired() implements Outcome { }
        /** Applied; {@code changes} lists each key that changed. */
        record Applied(List<Change> changes) implements Outcome { }
    }

    private static final class Origin {
        long max;
        final Map<String, Held> byKey = new HashMap<>();
    }

    private final String self;
    private final Map<String, Origin> origins = new HashMap<>();
    private final ConcurrentHashMap<UserAddress, UserRecord> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NodeRecord> nodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<GroupAddress, GroupRecord> groups = new ConcurrentHashMap<>();

    public Directory(String self) {
        this.self = self;
    }

    /** The highest version held of each origin. */
    public Map<String, Long> digest() {
        Map<String, Long> digest = new HashMap<>();
        origins.forEach((name, origin) -> digest.put(name, origin.max));
        return digest;
    }

    public long versionOf(String origin) {
        Origin held = origins.get(origin);
        return held == null ? 0 : held.max;
    }

    /**
     * The signed entries of {@code origin} newer than {@code from}: the origin's node record first (it
     * carries the key the rest are checked with, so a receiver cut short still holds it), then the
     * rest oldest first.
     */
    public List<SignedEntry> newerThan(String origin, long from) {
        Origin held = origins.get(origin);
        if (held == null || held.max <= from) {
            return List.of();
        }
        return held.byKey.values().stream()
                .filter(h -> h.entry().version() > from)
                .sorted(Comparator.comparing((Held h) -> h.entry().node() == null)
                        .thenComparingLong(h -> h.entry().version()))
                .map(Held::signed)
                .toList();
    }

    /**
     * Applies verified entries of another origin, sent as "everything newer than {@code from}".
     *
     * @param notBeforeMillis an origin whose newest node record was issued before this is gone
     */
    public Outcome apply(String origin, long from, List<Held> entries, long notBeforeMillis) {
        if (origin.equals(self)) {
            return new Outcome.Applied(List.of()); // this node is the authority on itself
        }
        Origin held = origins.get(origin);
        long max = held == null ? 0 : held.max;
        if (max < from) {
            return new Outcome.Gap(max);
        }
        NodeRecord newestNode = held == null || !held.byKey.containsKey(DirectoryEntry.NODE_KEY) ? null
                : held.byKey.get(DirectoryEntry.NODE_KEY).entry().node();
        long newestNodeAt = newestNode == null ? 0
                : held.byKey.get(DirectoryEntry.NODE_KEY).entry().issuedAtMillis();
        for (Held h : entries) {
            if (h.entry().node() != null && h.entry().issuedAtMillis() > newestNodeAt) {
                newestNodeAt = h.entry().issuedAtMillis();
            }
        }
        if (newestNodeAt > 0 && newestNodeAt < notBeforeMillis) {
            return new Outcome.Expired();
        }
        if (held == null) {
            held = new Origin();
            origins.put(origin, held);
        }
        List<Held> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(h -> h.entry().version()));
        List<Change> changes = new ArrayList<>();
        for (Held h : sorted) {
            DirectoryEntry entry = h.entry();
            held.max = Math.max(held.max, entry.version());
            Held previous = held.byKey.get(entry.key());
            if (previous != null && previous.entry().version() >= entry.version()) {
                continue;
            }
            if (entry.node() != null && previous != null && entry.node().epoch() > previous.entry().node().epoch()) {
                changes.addAll(dropOlderThan(held, entry.node().epoch()));
            }
            put(held, h);
            changes.add(new Change(previous == null ? null : previous.entry(), entry));
        }
        return new Outcome.Applied(changes);
    }

    /** Records one of this node's own entries. */
    public Change putOwn(Held own) {
        Origin held = origins.computeIfAbsent(self, name -> new Origin());
        held.max = Math.max(held.max, own.entry().version());
        Held previous = held.byKey.get(own.entry().key());
        put(held, own);
        return new Change(previous == null ? null : previous.entry(), own.entry());
    }

    /** Forgets every entry of {@code origin}; returns what was forgotten. */
    public List<Change> forget(String origin) {
        Origin held = origins.remove(origin);
        if (held == null) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (Held h : held.byKey.values()) {
            unindex(h.entry());
            changes.add(new Change(h.entry(), null));
        }
        return changes;
    }

    /** Origins other than this node whose newest node record was issued before {@code notBeforeMillis}. */
    public List<String> originsOlderThan(long notBeforeMillis) {
        List<String> old = new ArrayList<>();
        origins.forEach((name, origin) -> {
            Held node = origin.byKey.get(DirectoryEntry.NODE_KEY);
            if (!name.equals(self) && (node == null || node.entry().issuedAtMillis() < notBeforeMillis)) {
                old.add(name);
            }
        });
        return old;
    }

    public Optional<UserRecord> user(UserAddress address) {
        return Optional.ofNullable(users.get(address));
    }

    /** Every live user on the network; a snapshot safe to read from any thread. */
    public Map<UserAddress, UserRecord> users() {
        return Map.copyOf(users);
    }

    /** Every open group on the network; a snapshot safe to read from any thread. */
    public Map<GroupAddress, GroupRecord> groups() {
        return Map.copyOf(groups);
    }

    public Optional<NodeRecord> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public Collection<NodeRecord> nodes() {
        return List.copyOf(nodes.values());
    }

    private List<Change> dropOlderThan(Origin held, long epoch) {
        List<Change> dropped = new ArrayList<>();
        held.byKey.values().removeIf(h -> {
            if (h.entry().version() < epoch && h.entry().node() == null) {
                unindex(h.entry());
                dropped.add(new Change(h.entry(), null));
                return true;
            }
            return false;
        });
        return dropped;
    }

    private void put(Origin held, Held h) {
        held.byKey.put(h.entry().key(), h);
        DirectoryEntry entry = h.entry();
        if (entry.node() != null) {
            nodes.put(entry.origin(), entry.node());
        } else if (entry.aboutGroup()) {
            GroupAddress address = new GroupAddress(entry.subject(), entry.origin());
            if (entry.removed()) {
                groups.remove(address);
            } else {
                groups.put(address, entry.group());
            }
        } else if (entry.removed()) {
            users.remove(new UserAddress(entry.subject(), entry.origin()));
        } else {
            users.put(new UserAddress(entry.user().name(), entry.origin()), entry.user());
        }
    }

    private void unindex(DirectoryEntry entry) {
        if (entry.node() != null) {
            nodes.remove(entry.origin());
        } else if (entry.user() != null) {
            users.remove(new UserAddress(entry.user().name(), entry.origin()));
        } else if (entry.group() != null) {
            groups.remove(new GroupAddress(entry.group().name(), entry.origin()));
        }
    }
}
