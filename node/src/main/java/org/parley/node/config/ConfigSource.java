package org.parley.node.config;

/**
 * Where a node's config comes from, read again when the operator reloads it ({@code parley-node
 * admin reload}, or SIGHUP): the config file under the command line's flags, or a fixed config.
 */
@FunctionalInterface
public interface ConfigSource {

    /** Reads the config as it stands now; throws {@link ConfigException} saying what is wrong with it. */
    NodeConfig read();

    /** A config that never changes: reloading it changes nothing. */
    static ConfigSource fixed(NodeConfig config) {
        return () -> config;
    }
}
