package org.parley.node.voice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.Federation;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.group.GroupHome;
import org.parley.node.session.ClientConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's voice: its UDP voice port, the rooms and who is in them ({@link RoomControl}), and the
 * relay of every packet ({@link PacketRelay}), all on this verticle's context. It is a selective
 * forwarding unit: it copies each speaker's sealed audio to the room's other participants (toward
 * other nodes by way of the room's home) and never mixes, decodes or reads it. The public methods
 * may be called from any thread.
 */
public final class VoiceRelay extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceRelay.class);
    /** Room for bursts in the kernel: a relay busy for a moment drops nothing it could still take. */
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final String nodeName;
    private final String host;
    private final int wantedPort;
    private final Federation federation;
    private final GroupHome groups;
    private final DeliveryPort delivery;
    private final VoiceTimings timings;
    private DatagramSocket socket;
    private int port;
    /** Made once the port is bound; read from any thread for metrics. */
    private volatile VoiceDrops drops;
    private final AtomicLong relayed = new AtomicLong();
    private PacketRelay packets;
    private RoomControl rooms;
    private long sweeper;

    /**
     * @param port       the voice port to listen on; 0 for any free one
     * @param federation the node's, which carries what goes between nodes (not open yet is fine: nothing
     *                   is sent before a session joins)
     */
    public VoiceRelay(String nodeName, String host, int port, Federation federation, GroupHome groups,
                      DeliveryPort delivery, VoiceTimings timings) {
        this.nodeName = nodeName;
        this.host = host;
        this.wantedPort = port;
        this.federation = federation;
        this.groups = groups;
        this.delivery = delivery;
        this.timings = timings;
    }

    @Override
    public Future<?> start() {
        socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(SOCKET_BUFFER_BYTES)
                .setSendBufferSize(SOCKET_BUFFER_BYTES));
        return socket.listen(wantedPort, host).recover(e -> Future.failedFuture("voice port " + wantedPort + " (UDP): "
                + e.getMessage())).onSuccess(listening -> {
            port = listening.localAddress().port();
            long now = System.nanoTime();
            Legs legs = new Legs();
            HomeRooms homes = new HomeRooms(TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
            RemoteRooms remotes = new RemoteRooms();
            drops = new VoiceDrops(nodeName, port, now);
            packets = new PacketRelay(nodeName, legs, homes, remotes, federation.voice(), drops,
                    new InOrderSends(socket, drops, relayed), new WebSocketOut(drops, relayed));
            rooms = new RoomControl(nodeName, context, port, legs, homes, remotes, federation,
                    new RoomAdmission(groups, federation.directory()), delivery, timings);
            socket.handler(this::onPacket);
            sweeper = vertx.setPeriodic(timings.sweepMillis(), id -> {
                long at = System.nanoTime();
                rooms.sweep(at);
                drops.report(at);
            });
            LOG.info("Node {} relays voice on {}:{} (UDP)", nodeName, host, port);
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweeper);
        return socket.close();
    }

    private void onPacket(DatagramPacket packet) {
        packets.onDatagram(packet.data().getBytes(), packet.sender().hostAddress(), packet.sender().port(),
                System.nanoTime());
    }

    /**
     * A voice packet {@code session} sent on its WebSocket (a binary message that starts with the
     * datagrams' magic byte): relayed as if it came to the voice port from that WebSocket.
     */
    public void fromWebSocket(ClientConnection session, byte[] packet) {
        long at = System.nanoTime();
        context.runOnContext(v -> packets.onSocketPacket(packet, session, at));
    }

    /** The voice port bound: where clients send their datagrams, and nodes theirs. */
    public int port() {
        return port;
    }

    /** Datagrams dropped since the node started, by why. */
    public Map<VoiceDrop, Long> dropped() {
        return drops.counts();
    }

    /** Datagrams dropped since the node started for {@code why}; 0 before the port is bound. From any thread. */
    public long dropped(VoiceDrop why) {
        VoiceDrops counted = drops;
        return counted == null ? 0 : counted.count(why);
    }

    /** Datagrams the relay sent on since the node started, to sessions and to other nodes. From any thread. */
    public long relayed() {
        return relayed.get();
    }

    // ---- from other threads ----

    void join(ClientConnection session, String ref, Room room) {
        context.runOnContext(v -> rooms.join(session, ref, room, System.nanoTime()));
    }

    void leave(ClientConnection session, String ref) {
        context.runOnContext(v -> rooms.leave(session, ref, System.nanoTime()));
    }

    void who(ClientConnection session, String ref, Room room) {
        context.runOnContext(v -> rooms.who(session, ref, room, System.nanoTime()));
    }

    /** A session ended: out of its room, if it was in one. */
    public void closed(ClientConnection session) {
        context.runOnContext(v -> rooms.closed(session, System.nanoTime()));
    }

    void asked(String origin, String id, String user, Room room, VoiceWire.Ask ask) {
        context.runOnContext(v -> rooms.asked(origin, id, user, room, ask, System.nanoTime()));
    }

    void answered(String origin, String id, String user, VoiceWire.Answer answer) {
        context.runOnContext(v -> rooms.answered(origin, id, user, answer, System.nanoTime()));
    }

    void noticed(String origin, String atHome, List<String> members, VoiceWire.News news) {
        context.runOnContext(v -> rooms.noticed(origin, atHome, members, news));
    }
}
