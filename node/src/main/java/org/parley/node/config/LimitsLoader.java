package org.parley.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.parley.node.limits.Limits;
import org.parley.node.limits.Rate;

/**
 * Reads the {@code limits} setting: absent for the defaults, {@code "none"} for no limits at all (a
 * benchmark's node), or an object whose fields each replace one default. Each refusal names the field.
 */
final class LimitsLoader {

    static final List<String> FIELDS = List.of("messagesPerSecond", "messageBurst", "broadcastsPerMinute",
            "broadcastBurst", "groupPostsPerSecond", "groupPostBurst", "connectionsPerMinutePerAddress",
            "connectionBurstPerAddress", "registrationsPerHourPerAddress", "registrationBurstPerAddress",
            "loginsPerMinutePerAddress", "loginBurstPerAddress", "maxConnectionsPerAddress", "maxPendingLogins",
            "failedLoginsBeforeDelay", "maxPasswordHashesWaiting");

    private LimitsLoader() {
    }

    static Limits load(JsonNode node) {
        if (node == null || node.isNull()) {
            return Limits.DEFAULTS;
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return Limits.NONE;
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException("limits: must be an object of limits (see README, Limits) or \"none\"");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new ConfigException("limits." + field + ": unknown limit; known limits are "
                        + String.join(", ", FIELDS));
            }
        }
        Limits d = Limits.DEFAULTS;
        return new Limits(
                new Rate(number(object, "messagesPerSecond", d.messages().perSecond()),
                        whole(object, "messageBurst", d.messages().burst())),
                Rate.perMinute(number(object, "broadcastsPerMinute", d.broadcasts().perSecond() * 60),
                        whole(object, "broadcastBurst", d.broadcasts().burst())),
                new Rate(number(object, "groupPostsPerSecond", d.groupPosts().perSecond()),
                        whole(object, "groupPostBurst", d.groupPosts().burst())),
                Rate.perMinute(number(object, "connectionsPerMinutePerAddress", d.connections().perSecond() * 60),
                        whole(object, "connectionBurstPerAddress", d.connections().burst())),
                Rate.perHour(number(object, "registrationsPerHourPerAddress", d.registrations().perSecond() * 3600),
                        whole(object, "registrationBurstPerAddress", d.registrations().burst())),
                Rate.perMinute(number(object, "loginsPerMinutePerAddress", d.logins().perSecond() * 60),
                        whole(object, "loginBurstPerAddress", d.logins().burst())),
                whole(object, "maxConnectionsPerAddress", d.maxConnectionsPerAddress()),
                whole(object, "maxPendingLogins", d.maxPendingLogins()),
                whole(object, "failedLoginsBeforeDelay", d.failedLoginsBeforeDelay()),
                whole(object, "maxPasswordHashesWaiting", d.maxPasswordHashesWaiting()));
    }

    /** Flags like {@code messagesPerSecond=50} laid over {@code base} (the file's limits object, or null). */
    static JsonNode withOverrides(JsonNode base, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        if (base != null && !(base instanceof ObjectNode)) {
            throw new ConfigException("limits: --limit cannot refine limits of \"none\"");
        }
        ObjectNode merged = base == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : ((ObjectNode) base).deepCopy();
        overrides.forEach((name, value) -> {
            try {
                merged.put(name, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new ConfigException("limits." + name + ": must be a number, got '" + value + "'");
            }
        });
        return merged;
    }

    private static double number(ObjectNode object, String field, double fallback) {
        JsonNode node = object.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble())) {
            throw new ConfigException("limits." + field + ": must be a positive number, got " + node);
        }
        return node.asDouble();
    }

    private static int whole(ObjectNode object, String field, int fallback) {
        JsonNode node = object.get(field);
        if (node == null) {
            return fallback;
        }
        double value = node.asDouble();
        if (!node.isNumber() || value < 1 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw new ConfigException("limits." + field + ": must be a whole number of at least 1, got " + node);
        }
        return (int) value;
    }
}
