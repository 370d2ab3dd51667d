package org.parley.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.parley.client.voice.UdpRelay;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceLeave;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.message.VoiceWho;
import org.parley.protocol.message.Welcome;

/**
 * Voice rooms as the client sees its node answer them, scripted in front of real (plaintext) nodes:
 * everything else (login, the direct messages that carry voice keys, federation) is the real nodes'.
 * One room state serves every node fronted here, as a room's home would; its UDP side is a
 * {@link UdpRelay}. A call's room is named, to each side, by the other party; {@link #refusals} makes
 * a join refused as the real node would refuse it.
 */
final class FakeVoiceNodes implements AutoCloseable {

    private final class Connection {
        final NetSocket socket;
        volatile String user;
        Room room;
        int ssrc;
        byte[] token;

        Connection(NetSocket socket) {
            this.socket = socket;
        }

        void send(ServerMessage message) {
            socket.write(Buffer.buffer(FrameEncoder.server().encode(message)));
        }
    }

    /** A group's room ({@code key} is its name) or a call ({@code key} is the two users, sorted). */
    private record Room(String key, List<String> pair, List<Connection> members, long[] epoch) {
        String nameFor(String user) {
            return pair == null ? key : pair.get(0).equals(user) ? pair.get(1) : pair.get(0);
        }
    }

    private final Vertx vertx;
    private final UdpRelay relay;
    private final NetClient client;
    private final List<NetServer> servers = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, Room> rooms = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** A join of this target is refused with this error (its ref filled in). */
    final Map<String, ErrorFrame> refusals = new ConcurrentHashMap<>();
    private int nextSsrc = 1;

    FakeVoiceNodes(Vertx vertx, UdpRelay relay) {
        this.vertx = vertx;
        this.relay = relay;
        this.client = vertx.createNetClient();
    }

    /** A client port in front of the real node at {@code nodePort}. */
    int front(int nodePort) throws Exception {
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(inbound -> {
            inbound.pause();
            Connection connection = new Connection(inbound);
            connections.add(connection);
            client.connect(nodePort, "127.0.0.1").onSuccess(outbound -> {
                FrameRelay.relay(inbound, outbound, FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE),
                        FrameEncoder.client(), frame -> fromClient(connection, frame));
                FrameRelay.relay(outbound, inbound, FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT),
                        FrameEncoder.server(), frame -> {
                            if (frame.header() instanceof Welcome welcome) {
                                connection.user = welcome.user();
                            }
                            return List.of(frame);
                        });
                inbound.closeHandler(v -> {
                    outbound.close();
                    closed(connection);
                });
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        servers.add(server);
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private List<Frame<ClientMessage>> fromClient(Connection connection, Frame<ClientMessage> frame) {
        ClientMessage message = frame.header();
        if (message instanceof VoiceJoin join) {
            join(connection, join);
        } else if (message instanceof VoiceWho who) {
            who(connection, who);
        } else if (message instanceof VoiceLeave leave) {
            connection.send(leave(connection, leave.id()));
        } else {
            return List.of(frame);
        }
        return List.of();
    }

    private synchronized void join(Connection connection, VoiceJoin join) {
        ErrorFrame refusal = refusals.get(join.room());
        if (refusal != null) {
            connection.send(new ErrorFrame(refusal.code(), refusal.message(), join.id()));
            return;
        }
        if (connection.room != null) {
            leave(connection, null);
        }
        Room room = room(connection.user, join.room());
        connection.room = room;
        connection.ssrc = nextSsrc++;
        connection.token = new byte[16];
        random.nextBytes(connection.token);
        relay.admit(connection.token, connection.ssrc);
        room.members().add(connection);
        room.epoch()[0]++;
        connection.send(new VoiceJoined(join.id(), room.nameFor(connection.user),
                Base64.getEncoder().encodeToString(connection.token), relay.port(), connection.ssrc, room.epoch()[0],
                participants(room)));
        announce(room, connection);
    }

    private synchronized void who(Connection connection, VoiceWho who) {
        Room room = rooms.get(key(connection.user, who.room()));
        connection.send(room == null ? new VoiceRoom(who.id(), who.room(), 0, List.of())
                : new VoiceRoom(who.id(), room.nameFor(connection.user), room.epoch()[0], participants(room)));
    }

    private synchronized VoiceRoom leave(Connection connection, String id) {
        Room room = connection.room;
        if (room == null) {
            return new VoiceRoom(id, "", 0, List.of());
        }
        room.members().remove(connection);
        relay.remove(connection.token);
        connection.room = null;
        room.epoch()[0]++;
        announce(room, connection);
        return new VoiceRoom(id, room.nameFor(connection.user), room.epoch()[0], participants(room));
    }

    private synchronized void closed(Connection connection) {
        connections.remove(connection);
        if (connection.room != null) {
            leave(connection, null);
        }
    }

    /** News to the room's other participants, and in a call to the other party even before they join. */
    private void announce(Room room, Connection changed) {
        List<VoiceRoom.Participant> now = participants(room);
        for (Connection other : connections) {
            boolean inRoom = other.room == room;
            boolean called = room.pair() != null && room.pair().contains(other.user);
            if (other != changed && (inRoom || called)) {
                other.send(new VoiceRoom(null, room.nameFor(other.user), room.epoch()[0], now));
            }
        }
    }

    private Room room(String user, String target) {
        String key = key(user, target);
        return rooms.computeIfAbsent(key, k -> new Room(k, target.startsWith("#") ? null
                : List.of(k.split(" ")), new ArrayList<>(), new long[1]));
    }

    private static String key(String user, String target) {
        if (target.startsWith("#")) {
            return target;
        }
        List<String> pair = new ArrayList<>(List.of(user, target));
        pair.sort(null);
        return String.join(" ", pair);
    }

    private List<VoiceRoom.Participant> participants(Room room) {
        return room.members().stream().map(member -> new VoiceRoom.Participant(member.user, member.ssrc,
                relay.speaking(member.ssrc))).toList();
    }

    @Override
    public void close() throws Exception {
        for (NetServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
