package org.parley.node.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parley.federation.Federation;
import org.parley.federation.gossip.Directory;
import org.parley.federation.gossip.UserRecord;
import org.parley.node.presence.Watches;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.WhoRequest;

/**
 * Answers who, a page at a time: the users of every node this node knows of, by node and name, each
 * page after the user the client names, so that no answer outgrows a frame however large the
 * directory. Users of other nodes come from the network's directory (shown offline while no route
 * reaches their node); users of this node from its own sessions, which are never stale. Asked about
 * one user, it answers with that user alone and the asking session hears their presence from then on.
 */
public final class WhoHandler implements FrameHandler<WhoRequest> {

    private final String nodeName;
    private final Federation federation;
    private final SessionRegistry registry;
    private final Watches watches;

    /** @param watches told which session asked about whom */
    public WhoHandler(String nodeName, Federation federation, SessionRegistry registry, Watches watches) {
        this.watches = watches;
        this.nodeName = nodeName;
        this.federation = federation;
        this.registry = registry;
    }

    @Override
    public void handle(ClientConnection connection, WhoRequest request, byte[] body) {
        if (request.user() != null) {
            about(connection, request);
            return;
        }
        UserAddress after;
        try {
            after = request.after() == null ? null : UserAddress.parse(request.after(), nodeName);
        } catch (IllegalArgumentException e) {
            connection.send(new ErrorFrame(ErrorCode.BAD_REQUEST, "after: " + e.getMessage(), request.id()));
            return;
        }
        if (request.limit() != null && request.limit() < 1) {
            connection.send(new ErrorFrame(ErrorCode.BAD_REQUEST, "limit: must be at least 1", request.id()));
            return;
        }
        int limit = request.limit() == null ? WhoRequest.MAX_PAGE : Math.min(request.limit(), WhoRequest.MAX_PAGE);
        // One more than the page, to know whether another follows.
        TreeMap<UserAddress, UserStatus> page = new TreeMap<>(Directory.USER_ORDER);
        for (Map.Entry<UserAddress, UserRecord> each : federation.directory().usersAfter(after, limit + 1)) {
            page.put(each.getKey(), status(each.getKey(), each.getValue()));
        }
        // A user who has just registered may be online before the directory has their entry.
        registry.onlineUsers().forEach((name, sessions) -> {
            UserAddress address = new UserAddress(name, nodeName);
            if ((after == null || Directory.USER_ORDER.compare(address, after) > 0) && !page.containsKey(address)) {
                page.put(address, new UserStatus(address.toString(), nodeName, Presence.ONLINE, sessions));
            }
        });
        while (page.size() > limit + 1) {
            page.pollLastEntry();
        }
        String next = null;
        if (page.size() > limit) {
            page.pollLastEntry();
            next = page.lastKey().toString();
        }
        List<UserStatus> users = new ArrayList<>(page.values());
        // Online and away first within the page, as one answer listed them before there were pages.
        users.sort(Comparator.comparing((UserStatus u) -> u.status() == Presence.OFFLINE));
        connection.send(new UserList(request.id(), users, next));
    }

    /** One user, whose presence the session hears from now on; unknown (or offline) users are listed offline. */
    private void about(ClientConnection connection, WhoRequest request) {
        UserAddress user;
        try {
            user = UserAddress.parse(request.user(), nodeName);
        } catch (IllegalArgumentException e) {
            connection.send(new ErrorFrame(ErrorCode.BAD_REQUEST, "user: " + e.getMessage(), request.id()));
            return;
        }
        watches.watch(connection, user.toString());
        UserStatus status = federation.directory().user(user).map(record -> status(user, record))
                .orElseGet(() -> {
                    int sessions = user.node().equals(nodeName) ? registry.sessionsOf(user.name()).size() : 0;
                    return new UserStatus(user.toString(), user.node(),
                            sessions == 0 ? Presence.OFFLINE : Presence.ONLINE, sessions);
                });
        connection.send(new UserList(request.id(), List.of(status), null));
    }

    private UserStatus status(UserAddress address, UserRecord user) {
        if (address.node().equals(nodeName)) {
            int sessions = registry.sessionsOf(address.name()).size();
            Presence presence = sessions == 0 ? Presence.OFFLINE
                    : user.presence() == Presence.AWAY ? Presence.AWAY : Presence.ONLINE;
            return new UserStatus(address.toString(), nodeName, presence, sessions);
        }
        Presence presence = federation.reaches(address.node()) ? user.presence() : Presence.OFFLINE;
        return new UserStatus(address.toString(), address.node(), presence,
                presence == Presence.OFFLINE ? 0 : user.sessions());
    }
}
