package org.parley.protocol.message;

/**
 * Asks a group's home node to do something with the group; answered with a {@link GroupInfo}
 * carrying the same {@code id}, or an {@link ErrorFrame} with {@code ref} = {@code id}. A request
 * for a group of another node is carried there and its answer back.
 *
 * @param id     the client's request id
 * @param action what to do (null if the client named an action this version does not know)
 * @param group  {@code #name@node} ({@code #name} means the client's own node)
 * @param user   whom to invite, remove or make owner; null otherwise
 * @param open   for {@code create}: whether anyone may join (true) or only the invited (false)
 */
public record GroupRequest(String id, GroupAction action, String group, String user, Boolean open)
        implements ClientMessage {

    /** Whether the action names a {@code user}. */
    public boolean needsUser() {
        return action != null && action.needsUser();
    }
}
