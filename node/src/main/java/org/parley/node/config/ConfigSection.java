package org.parley.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One section of a node's settings ({@code network}, {@code federation}...), read field by field
 * with defaults and bounds. Every refusal names the field as the operator wrote it: its place in
 * the section ({@code network.port}), or its old flat name ({@code port}) where the file used that.
 */
final class ConfigSection {

    private final String name;
    private final ObjectNode values;
    private final Map<String, String> writtenAs;

    /** @param writtenAs for fields given under another name, that name, by field */
    ConfigSection(String name, ObjectNode values, Map<String, String> writtenAs) {
        this.name = name;
        this.values = values;
        this.writtenAs = writtenAs;
    }

    /** Refuses any field not in {@code known}. */
    void allowOnly(List<String> known) {
        for (Iterator<String> fields = values.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!known.contains(field)) {
                throw new ConfigException(label(field) + ": unknown setting; the " + name + " section knows "
                        + String.join(", ", known));
            }
        }
    }

    /** How the operator wrote {@code field}, for messages. */
    String label(String field) {
        return writtenAs.getOrDefault(field, name + "." + field);
    }

    /** The raw value, or null if absent. */
    JsonNode node(String field) {
        JsonNode node = values.get(field);
        return node == null || node.isNull() ? null : node;
    }

    String text(String field, String fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new ConfigException(label(field) + ": must be a string, got " + node);
        }
        return node.asText();
    }

    boolean bool(String field, boolean fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ConfigException(label(field) + ": must be true or false, got " + node);
        }
        return node.asBoolean();
    }

    int integer(String field, int fallback, int min, int max) {
        return (int) longInteger(field, fallback, min, max);
    }

    long longInteger(String field, long fallback, long min, long max) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            throw new ConfigException(label(field) + ": must be a whole number, got " + node);
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw new ConfigException(label(field) + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
