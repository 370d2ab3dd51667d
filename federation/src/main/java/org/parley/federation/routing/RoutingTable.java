package org.parley.federation.routing;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parley.federation.gossip.NodeRecord;

/**
 * The next hop toward every reachable node, computed from the link graph that gossip spreads: a
 * breadth-first search over links both ends report (this node's own links count as soon as they are
 * up). Shortest paths, ties broken by name, so the choice is stable. Immutable.
 */
public final class RoutingTable {

    private final Map<String, String> nextHop;
    private final Map<String, Integer> distance;

    private RoutingTable(Map<String, String> nextHop, Map<String, Integer> distance) {
        this.nextHop = Map.copyOf(nextHop);
        this.distance = Map.copyOf(distance);
    }

    public static RoutingTable empty() {
        return new RoutingTable(Map.of(), Map.of());
    }

    /**
     * @param self    this node
     * @param myLinks the peers this node has a link with now
     * @param records what every other node last said of its links
     */
    public static RoutingTable compute(String self, Set<String> myLinks, Collection<NodeRecord> records) {
        Map<String, Set<String>> claims = new HashMap<>();
        for (NodeRecord record : records) {
            if (!record.name().equals(self)) {
                claims.put(record.name(), new HashSet<>(record.links()));
            }
        }
        Map<String, String> nextHop = new HashMap<>();
        Map<String, Integer> distance = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String peer : new TreeSet<>(myLinks)) {
            nextHop.put(peer, peer);
            distance.put(peer, 1);
            queue.add(peer);
        }
        while (!queue.isEmpty()) {
            String node = queue.poll();
            Set<String> links = claims.getOrDefault(node, Set.of());
            for (String neighbour : new TreeSet<>(links)) {
                boolean confirmed = claims.getOrDefault(neighbour, Set.of()).contains(node);
                if (neighbour.equals(self) || nextHop.containsKey(neighbour) || !confirmed) {
                    continue;
                }
                nextHop.put(neighbour, nextHop.get(node));
                distance.put(neighbour, distance.get(node) + 1);
                queue.add(neighbour);
            }
        }
        return new RoutingTable(nextHop, distance);
    }

    /** The peer to hand an envelope for {@code destination} to, if it can be reached. */
    public Optional<String> nextHop(String destination) {
        return Optional.ofNullable(nextHop.get(destination));
    }

    public boolean reaches(String destination) {
        return nextHop.containsKey(destination);
    }

    /** Every reachable node other than this one. */
    public Set<String> reachable() {
        return nextHop.keySet();
    }

    /** Links to cross to reach {@code destination}; empty if unreachable. */
    public Optional<Integer> distance(String destination) {
        return Optional.ofNullable(distance.get(destination));
    }

    /** Next hop by destination, for logs and tests. */
    public Map<String, String> asMap() {
        return nextHop;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingTable other && nextHop.equals(other.nextHop);
    }

    @Override
    public int hashCode() {
        return nextHop.hashCode();
    }

    @Override
    public String toString() {
        return "RoutingTable" + new java.util.TreeMap<>(nextHop);
    }

}
