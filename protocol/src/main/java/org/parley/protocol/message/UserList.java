package org.parley.protocol.message;

import java.util.List;

/**
 * The answer to {@link WhoRequest} {@code id}.
 */
public record UserList(String id, List<UserStatus> users) implements ServerMessage {

    public UserList {
        users = List.copyOf(users);
    }
}
