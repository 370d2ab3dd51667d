package org.parley.node.chat;

import java.util.ArrayList;
import java.util.List;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/**
 * Answers who-is-online from the session registry.
 */
public final class WhoHandler implements FrameHandler<WhoRequest> {

    private final String nodeName;
    private final SessionRegistry registry;

    public WhoHandler(String nodeName, SessionRegistry registry) {
        this.nodeName = nodeName;
        this.registry = registry;
    }

    @Override
    public void handle(ClientConnection connection, WhoRequest request, byte[] body) {
        List<UserStatus> users = new ArrayList<>();
        registry.onlineUsers().forEach((name, sessions) ->
                users.add(new UserStatus(name + "@" + nodeName, nodeName, Presence.ONLINE, sessions)));
        connection.send(new UserList(request.id(), users));
    }
}
