package org.parley.node.config;

/**
 * A node setting is missing, malformed or out of range. The message names the field.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
