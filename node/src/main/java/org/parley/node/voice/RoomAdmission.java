package org.parley.node.voice;

import io.vertx.core.Future;
import org.parley.federation.gossip.Directory;
import org.parley.node.group.GroupHome;
import org.parley.node.group.GroupRefusal;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;

/**
 * Who may be in a room, as its home decides: a group's members (the group home's word), and the two
 * parties of a call, if the other is a user the network knows.
 */
final class RoomAdmission {

    private final GroupHome groups;
    private final Directory directory;

    RoomAdmission(GroupHome groups, Directory directory) {
        this.groups = groups;
        this.directory = directory;
    }

    /**
     * Null if {@code user} may be in {@code room}; else the refusal (without its {@code ref}). Completes
     * on any thread.
     */
    Future<ErrorFrame> refusal(Room room, String user) {
        if (room instanceof Room.Call call) {
            if (!call.party(user)) {
                return Future.succeededFuture(ErrorFrame.of(ErrorCode.BAD_REQUEST, user + " is not a party of " + call));
            }
            String other = call.nameFor(user);
            return Future.succeededFuture(directory.user(UserAddress.parse(other, null)).isPresent() ? null
                    : ErrorFrame.of(ErrorCode.UNKNOWN_USER, "no user " + other));
        }
        Room.Group group = (Room.Group) room;
        return groups.isMember(group.address(), user).map(member -> member ? null
                : ErrorFrame.of(ErrorCode.NOT_MEMBER, "only members of " + group.address() + " are in its voice room;"
                + " join the group first")).recover(e -> e instanceof GroupRefusal refusal
                ? Future.succeededFuture(ErrorFrame.of(refusal.code(), refusal.getMessage()))
                : Future.failedFuture(e));
    }
}
