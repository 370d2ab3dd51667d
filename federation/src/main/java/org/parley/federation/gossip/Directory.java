package org.parley.federation.gossip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
        /**
         * Applied; {@code changes} lists each key that changed, {@code overQuota} counts new keys refused
         * because the origin already holds {@code maxEntriesPerOrigin} (skipped for good: the versions
         * held still move past them, so anti-entropy does not ask for them again).
         */
        record Applied(List<Change> changes, int overQuota) implements Outcome { }
    }

    private static final class Origin {
        long max;
        final Map<String, Held> byKey = new HashMap<>();

        /** Users, groups and videos held, live or removed. */
        int subjects() {
            return byKey.size() - (byKey.containsKey(DirectoryEntry.NODE_KEY) ? 1 : 0);
        }
    }

    /** Users in the order {@code who} pages them: by node, then name. */
    public static final Comparator<UserAddress> USER_ORDER =
            Comparator.comparing(UserAddress::node).thenComparing(UserAddress::name);

    private final String self;
    private final int maxEntriesPerOrigin;
    private final Map<String, Origin> origins = new HashMap<>();
    private final ConcurrentSkipListMap<UserAddress, UserRecord> users = new ConcurrentSkipListMap<>(USER_ORDER);
    /**
     * The same users by hash, for {@link #user}: every message to another node looks its recipient
     * up, and a lookup in the ordered map (which pages {@code who}) costs a comparison of strings at
     * each of its levels.
     */
    private final ConcurrentHashMap<UserAddress, UserRecord> usersByAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NodeRecord> nodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<GroupAddress, GroupRecord> groups = new ConcurrentHashMap<>();
    /** Videos by origin, then name. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, VideoRecord>> videos = new ConcurrentHashMap<>();

    public Directory(String self) {
        this(self, Integer.MAX_VALUE);
    }

    /**
     * @param maxEntriesPerOrigin users and groups (live or removed) kept for one other origin; this
     *                            node's own are not limited
     */
    public Directory(String self, int maxEntriesPerOrigin) {
        this.self = self;
        this.maxEntriesPerOrigin = maxEntriesPerOrigin;
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
        return heldNewerThan(origin, from).stream().map(Held::signed).toList();
    }

    /** As {@link #newerThan}, with each entry read. */
    public List<Held> heldNewerThan(String origin, long from) {
        Origin held = origins.get(origin);
        if (held == null || held.max <= from) {
            return List.of();
        }
        return held.byKey.values().stream()
                .filter(h -> h.entry().version() > from)
                .sorted(Comparator.comparing((Held h) -> h.entry().node() == null)
                        .thenComparingLong(h -> h.entry().version()))
                .toList();
    }

    /**
     * Applies verified entries of another origin, sent as "everything newer than {@code from}".
     *
     * @param notBeforeMillis an origin whose newest node record was issued before this is gone
     */
    public Outcome apply(String origin, long from, List<Held> entries, long notBeforeMillis) {
        if (origin.equals(self)) {
            return new Outcome.Applied(List.of(), 0); // this node is the authority on itself
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
        int overQuota = 0;
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
            if (previous == null && entry.node() == null && held.subjects() >= maxEntriesPerOrigin) {
                overQuota++;
                continue;
            }
            put(held, h);
            changes.add(new Change(previous == null ? null : previous.entry(), entry));
        }
        return new Outcome.Applied(changes, overQuota);
    }

    /**
     * Takes back what was held of other origins before a restart (read from the node's store), so
     * the node still knows, and routes to, nodes that are unreachable when it starts.
     */
    public void restore(List<Held> entries) {
        for (Held h : entries) {
            String origin = h.entry().origin();
            if (origin.equals(self)) {
                continue; // this node re-issues its own at start
            }
            Origin held = origins.computeIfAbsent(origin, name -> new Origin());
            Held previous = held.byKey.get(h.entry().key());
            if (previous == null || previous.entry().version() < h.entry().version()) {
                held.max = Math.max(held.max, h.entry().version());
                put(held, h);
            }
        }
    }

    /** The entry held for {@code key} of {@code origin}, as signed. */
    public Optional<Held> held(String origin, String key) {
        Origin held = origins.get(origin);
        return held == null ? Optional.empty() : Optional.ofNullable(held.byKey.get(key));
    }

    /**
     * Up to {@code limit} live users after {@code after} (null: from the first) in {@link #USER_ORDER};
     * safe to call from any thread.
     */
    public List<Map.Entry<UserAddress, UserRecord>> usersAfter(UserAddress after, int limit) {
        var tail = after == null ? users : users.tailMap(after, false);
        List<Map.Entry<UserAddress, UserRecord>> page = new ArrayList<>(Math.min(limit, 1024));
        for (var each : tail.entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.add(Map.entry(each.getKey(), each.getValue()));
        }
        return page;
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
        return Optional.ofNullable(usersByAddress.get(address));
    }

    /** Every live user on the network; a snapshot safe to read from any thread. */
    public Map<UserAddress, UserRecord> users() {
        return Map.copyOf(users);
    }

    /** Every open group on the network; a snapshot safe to read from any thread. */
    public Map<GroupAddress, GroupRecord> groups() {
        return Map.copyOf(groups);
    }

    /**
     * Every video the network's nodes advertise (this node's own included), by node, each node's
     * sorted by name; a snapshot safe to read from any thread.
     */
    public Map<String, List<VideoRecord>> videos() {
        Map<String, List<VideoRecord>> byNode = new java.util.TreeMap<>();
        videos.forEach((node, named) -> {
            if (!named.isEmpty()) {
                byNode.put(node, named.values().stream().sorted(Comparator.comparing(VideoRecord::name)).toList());
            }
        });
        return byNode;
    }

    /** The video {@code name} as node {@code node} advertises it. */
    public Optional<VideoRecord> video(String node, String name) {
        Map<String, VideoRecord> named = videos.get(node);
        return named == null ? Optional.empty() : Optional.ofNullable(named.get(name));
    }

    /** Live users on the network, this node's own included; from any thread, without a snapshot. */
    public int userCount() {
        return usersByAddress.size();
    }

    /** Open groups on the network; from any thread. */
    public int groupCount() {
        return groups.size();
    }

    /** Nodes whose record is held, this node's own included; from any thread. */
    public int nodeCount() {
        return nodes.size();
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
        } else if (entry.aboutVideo()) {
            if (entry.removed()) {
                unindexVideo(entry.origin(), entry.subject());
            } else {
                videos.computeIfAbsent(entry.origin(), origin -> new ConcurrentHashMap<>())
                        .put(entry.video().name(), entry.video());
            }
        } else if (entry.aboutGroup()) {
            GroupAddress address = new GroupAddress(entry.subject(), entry.origin());
            if (entry.removed()) {
                groups.remove(address);
            } else {
                groups.put(address, entry.group());
            }
        } else if (entry.removed()) {
            removeUser(new UserAddress(entry.subject(), entry.origin()));
        } else {
            UserAddress address = new UserAddress(entry.user().name(), entry.origin());
            users.put(address, entry.user());
            usersByAddress.put(address, entry.user());
        }
    }

    private void removeUser(UserAddress address) {
        users.remove(address);
        usersByAddress.remove(address);
    }

    private void unindex(DirectoryEntry entry) {
        if (entry.node() != null) {
            nodes.remove(entry.origin());
        } else if (entry.user() != null) {
            removeUser(new UserAddress(entry.user().name(), entry.origin()));
        } else if (entry.group() != null) {
            groups.remove(new GroupAddress(entry.group().name(), entry.origin()));
        } else if (entry.video() != null) {
            unindexVideo(entry.origin(), entry.video().name());
        }
    }

    private void unindexVideo(String origin, String name) {
        videos.computeIfPresent(origin, (node, named) -> {
            named.remove(name);
            return named.isEmpty() ? null : named;
        });
    }
}
