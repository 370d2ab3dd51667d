package org.parley.node.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.federation.Federation;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/**
 * Answers who: every user on every node this node knows of, with presence, online users first.
 * Users of other nodes come from the network's directory (shown offline while no route reaches
 * their node); users of this node from its own sessions, which are never stale.
 */
public final class WhoHandler implements FrameHandler<WhoRequest> {

    private final String nodeName;
    private final Federation federation;
    private final SessionRegistry registry;

    public WhoHandler(String nodeName, Federation federation, SessionRegistry registry) {
        this.nodeName = nodeName;
        this.federation = federation;
        this.registry = registry;
    }

    @Override
    public void handle(ClientConnection connection, WhoRequest request, byte[] body) {
        Map<String, UserStatus> users = new HashMap<>();
        federation.directory().users().forEach((address, user) -> {
            Presence presence = federation.reaches(address.node()) ? user.presence() : Presence.OFFLINE;
            users.put(address.toString(), new UserStatus(address.toString(), address.node(), presence,
                    presence == Presence.OFFLINE ? 0 : user.sessions()));
        });
        registry.onlineUsers().forEach((name, sessions) -> {
            String address = new UserAddress(name, nodeName).toString();
            UserStatus published = users.get(address);
            Presence presence = published != null && published.status() == Presence.AWAY ? Presence.AWAY
                    : Presence.ONLINE;
            users.put(address, new UserStatus(address, nodeName, presence, sessions));
        });
        users.values().stream().filter(u -> u.node().equals(nodeName) && u.status() != Presence.OFFLINE
                        && registry.sessionsOf(UserAddress.parse(u.user(), nodeName).name()).isEmpty())
                .toList()
                .forEach(u -> users.put(u.user(), new UserStatus(u.user(), nodeName, Presence.OFFLINE, 0)));
        List<UserStatus> sorted = new ArrayList<>(users.values());
        sorted.sort(Comparator.comparing((UserStatus u) -> u.status() == Presence.OFFLINE)
                .thenComparing(UserStatus::node).thenComparing(UserStatus::user));
        connection.send(new UserList(request.id(), sorted));
    }
}
