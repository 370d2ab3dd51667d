package org.parley.federation.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.NodeRecord;

class RoutingTableTest {

    private static NodeRecord node(String name, String... links) {
        return new NodeRecord(name, "k", "a", List.of(links), Map.of(), 1);
    }

    @Test
    void inALineTheNextHopTowardTheFarEndIsTheMiddle() {
        RoutingTable table = RoutingTable.compute("a", Set.of("b"), List.of(node("b", "a", "c"), node("c", "b", "d"),
                node("d", "c")));

        assertEquals(Map.of("b", "b", "c", "b", "d", "b"), table.asMap());
        assertEquals(Optional.of(3), table.distance("d"));
    }

    @Test
    void inARingTheShorterWayWinsAndTiesGoToTheFirstName() {
        List<NodeRecord> five = List.of(node("b", "a", "c"), node("c", "b", "d"), node("d", "c", "e"),
                node("e", "d", "a"));
        RoutingTable table = RoutingTable.compute("a", Set.of("b", "e"), five);
        assertEquals(Optional.of("b"), table.nextHop("c"));
        assertEquals(Optional.of("e"), table.nextHop("d"));

        List<NodeRecord> four = List.of(node("b", "a", "c"), node("c", "b", "d"), node("d", "c", "a"));
        assertEquals(Optional.of("b"), RoutingTable.compute("a", Set.of("b", "d"), four).nextHop("c"));
    }

    @Test
    void aLinkOnlyOneEndReportsIsNotUsed() {
        // c claims a link with d that d does not confirm (d may be lying, or the link just dropped)
        RoutingTable table = RoutingTable.compute("a", Set.of("b"), List.of(node("b", "a", "c"), node("c", "b", "d"),
                node("d")));

        assertFalse(table.reaches("d"));
    }

    @Test
    void withoutLinksNothingIsReachable() {
        RoutingTable table = RoutingTable.compute("a", Set.of(), List.of(node("b", "c"), node("c", "b")));

        assertEquals(Set.of(), table.reachable());
    }
}
