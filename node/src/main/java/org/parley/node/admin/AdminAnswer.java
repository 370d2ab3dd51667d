package org.parley.node.admin;

import io.vertx.core.json.JsonObject;

/**
 * What an admin command answers: lines for a person, and the same facts as JSON for scripts
 * ({@code --json}).
 */
public record AdminAnswer(String text, JsonObject data) {
}
