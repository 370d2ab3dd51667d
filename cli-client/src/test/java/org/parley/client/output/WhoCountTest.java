package org.parley.client.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.UserStatus;

/** The shell's who headline counts away users as away, not as online (found by hand). */
class WhoCountTest {

    @Test
    void awayUsersAreCountedApart() {
        List<UserStatus> users = List.of(new UserStatus("alice@node-a", "node-a", Presence.ONLINE, 1),
                new UserStatus("bob@node-b", "node-b", Presence.AWAY, 1),
                new UserStatus("carol@node-a", "node-a", Presence.OFFLINE, 0),
                new UserStatus("dave@node-b", "node-b", Presence.OFFLINE, 0));

        assertEquals("1 online, 1 away, 2 offline", WhoLine.count(users));
        assertEquals("1 online, 2 offline", WhoLine.count(List.of(users.get(0), users.get(2), users.get(3))));
    }
}
