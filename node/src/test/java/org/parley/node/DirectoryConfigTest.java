package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.federation.gossip.DirectoryQuotas;
import org.parley.node.config.ConfigException;
import org.parley.node.config.NodeConfigLoader;

/** The directory's quotas in a node's settings: defaults a deployment can keep, and clear refusals. */
class DirectoryConfigTest {

    @Test
    void theDefaultsAreTheDocumentedOnesAndReachTheFederation() {
        DirectoryQuotas quotas = NodeConfigLoader.defaults().load().federationConfig(null).directoryQuotas();

        assertEquals(new DirectoryQuotas(10_000, 1_000, 20_000, 256), quotas);
    }

    @Test
    void settingsAreReadAndABadOneIsRefusedNamingTheField() {
        DirectoryQuotas quotas = NodeConfigLoader.of(Map.of("directoryMaxEntriesPerNode", 50_000,
                "directoryEntriesPerSecond", 5_000, "directoryEntriesBurst", 100_000,
                "directoryMaxEntriesPerDelta", 512)).load().federation().directoryQuotas();

        assertEquals(new DirectoryQuotas(50_000, 5_000, 100_000, 512), quotas);
        ConfigException small = assertThrows(ConfigException.class, () ->
                NodeConfigLoader.of(Map.of("directoryMaxEntriesPerDelta", 100)).load());
        assertEquals("directoryMaxEntriesPerDelta: must be between 256 and 10000, got 100", small.getMessage());
        ConfigException zero = assertThrows(ConfigException.class, () ->
                NodeConfigLoader.of(Map.of("directoryMaxEntriesPerNode", 0)).load());
        assertEquals("directoryMaxEntriesPerNode: must be between 1 and 10000000, got 0", zero.getMessage());
    }
}
