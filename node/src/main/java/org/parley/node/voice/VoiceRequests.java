package org.parley.node.voice;

import org.parley.federation.gossip.Directory;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceLeave;
import org.parley.protocol.message.VoiceWho;

/**
 * The client frames of voice ({@code voice-join}, {@code voice-leave}, {@code voice-who}): checked
 * here, on the connection's loop, then handed to the {@link VoiceRelay}.
 */
public final class VoiceRequests {

    private static final int MAX_ID = 64;

    private final String nodeName;
    private final Directory directory;
    private final VoiceRelay relay;

    public VoiceRequests(String nodeName, Directory directory, VoiceRelay relay) {
        this.nodeName = nodeName;
        this.directory = directory;
        this.relay = relay;
    }

    public void onJoin(ClientConnection connection, VoiceJoin join, byte[] body) {
        Room room = room(connection, join.id(), join.room());
        if (room != null) {
            relay.join(connection, join.id(), room);
        }
    }

    public void onLeave(ClientConnection connection, VoiceLeave leave, byte[] body) {
        if (validId(connection, leave.id())) {
            relay.leave(connection, leave.id());
        }
    }

    public void onWho(ClientConnection connection, VoiceWho who, byte[] body) {
        Room room = room(connection, who.id(), who.room());
        if (room != null) {
            relay.who(connection, who.id(), room);
        }
    }

    /** The room a request names, or null after refusing it. */
    private Room room(ClientConnection connection, String id, String text) {
        if (!validId(connection, id)) {
            return null;
        }
        Room room;
        try {
            room = Room.parse(text, connection.user(), nodeName);
        } catch (IllegalArgumentException e) {
            connection.fail(ErrorCode.BAD_REQUEST, "bad voice room: " + e.getMessage(), id);
            return null;
        }
        if (room instanceof Room.Call call) {
            String other = call.nameFor(connection.qualifiedName());
            if (directory.user(UserAddress.parse(other, null)).isEmpty()) {
                connection.fail(ErrorCode.UNKNOWN_USER, "no user " + other + " to call", id);
                return null;
            }
        }
        return room;
    }

    private static boolean validId(ClientConnection connection, String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            connection.fail(ErrorCode.BAD_REQUEST, "a voice request needs an id of 1 to " + MAX_ID + " characters",
                    null);
            return false;
        }
        return true;
    }
}
