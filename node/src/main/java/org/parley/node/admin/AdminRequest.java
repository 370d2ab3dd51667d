package org.parley.node.admin;

import io.vertx.core.json.JsonObject;

/**
 * One admin command as the node receives it.
 *
 * @param operator who asked: the OS user the CLI runs as (the token proves access, this says who), or
 *                 {@code SIGHUP} for a signal
 * @param command  the command's name ({@code users}, {@code kick}, ...)
 * @param args     its arguments
 */
public record AdminRequest(String operator, String command, JsonObject args) {

    /** A text argument the command cannot do without; refuses the request if it is missing. */
    public String required(String name) {
        String value = args.getString(name);
        if (value == null || value.isBlank()) {
            throw new AdminRefusal(command + " needs " + name);
        }
        return value;
    }
}
