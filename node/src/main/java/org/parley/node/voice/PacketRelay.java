package org.parley.node.voice;

import java.util.Optional;
import org.parley.federation.voice.OpenedDatagram;
import org.parley.federation.voice.SealedDatagram;
import org.parley.federation.voice.VoiceLinks;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.voice.VoicePacket;

/**
 * What becomes of each datagram on the voice port, and of each voice packet a browser sends on its
 * WebSocket (the same bytes: a browser cannot send UDP): a client's keepalive latches its address; a
 * client's audio goes to the other sessions of this node in its room and, toward the other nodes in
 * the room, by way of the room's home; a node's datagram is checked ({@link VoiceLinks}) and passed on
 * the same way. It copies the sealed audio and never reads it. Everything else is dropped and counted.
 * Runs on the relay's context only.
 */
final class PacketRelay {

    private final String self;
    private final Legs legs;
    private final HomeRooms homes;
    private final RemoteRooms remotes;
    private final VoiceLinks links;
    private final VoiceDrops drops;
    private final DatagramOut out;
    private final WebSocketOut sockets;

    PacketRelay(String self, Legs legs, HomeRooms homes, RemoteRooms remotes, VoiceLinks links, VoiceDrops drops,
                DatagramOut out, WebSocketOut sockets) {
        this.self = self;
        this.legs = legs;
        this.homes = homes;
        this.remotes = remotes;
        this.links = links;
        this.drops = drops;
        this.out = out;
        this.sockets = sockets;
    }

    void onDatagram(byte[] datagram, String host, int port, long now) {
        if (datagram.length > 0 && datagram[0] == VoiceLinks.MAGIC) {
            fromNode(datagram, now);
        } else {
            fromClient(datagram, new LegAddress.Udp(host, port), now);
        }
    }

    /**
     * A packet that {@code session} sent on its WebSocket: a client's datagram in every byte, taken as
     * one from that WebSocket, and only for a leg of that session (its token was given to it alone).
     */
    void onSocketPacket(byte[] packet, ClientConnection session, long now) {
        fromClient(packet, new LegAddress.WebSocket(session), now);
    }

    private void fromClient(byte[] datagram, LegAddress from, long now) {
        Optional<VoicePacket> read = VoicePacket.readFromClient(datagram);
        if (read.isEmpty()) {
            drops.drop(VoiceDrop.MALFORMED);
            return;
        }
        VoicePacket packet = read.get();
        Leg leg = legs.byToken(VoiceToken.read(packet.token(), 0));
        if (leg == null || from instanceof LegAddress.WebSocket socket && socket.session() != leg.session) {
            drops.drop(VoiceDrop.UNKNOWN_TOKEN);
            return;
        }
        if (packet.kind() == VoicePacket.Kind.KEEPALIVE) {
            // Only a keepalive moves the latch: audio from elsewhere is a stray or a spoof, and a client
            // that really moved says so with a keepalive (one at once, then every 5 s).
            leg.latch(from);
            leg.lastHeardNanos = now;
            return;
        }
        if (!leg.latched() || !leg.latchedAt(from)) {
            drops.drop(VoiceDrop.UNLATCHED);
            return;
        }
        if (leg.state != Leg.State.IN || packet.ssrc() != leg.ssrc) {
            drops.drop(VoiceDrop.WRONG_SSRC);
            return;
        }
        leg.lastHeardNanos = now;
        byte[] toListener = VoicePacket.toListener(packet.ssrc(), packet.seq(), packet.sealed());
        toLegs(leg.room, leg, toListener);
        if (leg.room.home().equals(self)) {
            HomeRoom home = homes.get(leg.room);
            if (home == null) {
                return;
            }
            HomeRoom.Member speaker = home.member(self, leg.id);
            if (speaker != null) {
                speaker.heard(now);
            }
            toNodes(home, null, new RelayPayload(RelayPayload.Way.FROM_HOME, home.number, packet.ssrc(),
                    packet.seq(), packet.sealed()));
        } else {
            send(leg.room.home(), new RelayPayload(RelayPayload.Way.TO_HOME, leg.roomNumber, packet.ssrc(),
                    packet.seq(), packet.sealed()));
        }
    }

    private void fromNode(byte[] datagram, long now) {
        OpenedDatagram opened = links.open(datagram);
        if (opened instanceof OpenedDatagram.Dropped dropped) {
            drops.drop(switch (dropped.why()) {
                case MALFORMED -> VoiceDrop.MALFORMED;
                case UNKNOWN_PATH, BAD_TAG -> VoiceDrop.FORGED;
                case REPLAYED -> VoiceDrop.REPLAYED;
            });
            return;
        }
        OpenedDatagram.Authentic authentic = (OpenedDatagram.Authentic) opened;
        RelayPayload payload = RelayPayload.read(authentic.payload());
        if (payload == null) {
            drops.drop(VoiceDrop.MALFORMED);
            return;
        }
        byte[] toListener = VoicePacket.toListener(payload.ssrc(), payload.seq(), payload.sealed());
        if (payload.way() == RelayPayload.Way.TO_HOME) {
            HomeRoom home = homes.byNumber(payload.room());
            if (home == null) {
                drops.drop(VoiceDrop.UNKNOWN_ROOM);
                return;
            }
            HomeRoom.Member speaker = home.bySsrc(payload.ssrc());
            if (speaker == null || !speaker.node.equals(authentic.node())) {
                drops.drop(VoiceDrop.WRONG_SSRC);
                return;
            }
            speaker.heard(now);
            toLegs(home.room, null, toListener);
            toNodes(home, authentic.node(), new RelayPayload(RelayPayload.Way.FROM_HOME, home.number,
                    payload.ssrc(), payload.seq(), payload.sealed()));
        } else {
            RemoteRoom room = remotes.byNumber(authentic.node(), payload.room());
            if (room == null) {
                drops.drop(VoiceDrop.UNKNOWN_ROOM);
                return;
            }
            toLegs(room.room, null, toListener);
        }
    }

    /** To this node's sessions in {@code room} that are in and latched, but {@code speaker}. */
    private void toLegs(Room room, Leg speaker, byte[] packet) {
        for (Leg listener : legs.in(room)) {
            if (listener == speaker || listener.state != Leg.State.IN) {
                continue;
            }
            if (listener.address instanceof LegAddress.Udp udp) {
                out.send(packet, udp.host(), udp.port());
            } else if (listener.address instanceof LegAddress.WebSocket socket) {
                sockets.send(socket.session(), packet);
            }
        }
    }

    /** Once to each other node with participants in {@code home}, but {@code from}, where it came from. */
    private void toNodes(HomeRoom home, String from, RelayPayload payload) {
        byte[] encoded = null;
        for (String node : home.nodesBut(self)) {
            if (!node.equals(from)) {
                encoded = encoded == null ? payload.encode() : encoded;
                send(node, encoded);
            }
        }
    }

    private void send(String node, RelayPayload payload) {
        send(node, payload.encode());
    }

    private void send(String node, byte[] payload) {
        SealedDatagram sealed = links.seal(node, payload);
        if (sealed != null) {
            out.send(sealed.bytes(), sealed.host(), sealed.port());
        }
    }
}
