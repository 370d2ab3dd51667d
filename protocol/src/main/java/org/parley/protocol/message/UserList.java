package org.parley.protocol.message;

import java.util.List;

/**
 * One page of the answer to {@link WhoRequest} {@code id}.
 *
 * @param next null on the last page; else what to ask for as {@code after} to get the next
 */
public record UserList(String id, List<UserStatus> users, String next) implements ServerMessage {

    public UserList {
        users = List.copyOf(users);
    }

    /** A last (or only) page. */
    public UserList(String id, List<UserStatus> users) {
        this(id, users, null);
    }
}
