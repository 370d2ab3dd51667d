package org.parley.client.voice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import org.parley.protocol.voice.VoicePacket;

/**
 * The call's UDP socket to the node's voice port (a Vert.x datagram socket): keepalives and sealed
 * audio out, the others' audio in. What arrives is only parsed on the event loop and queued for the
 * call's clock thread, which opens and plays it; a queue past its bound drops what comes (a clock
 * that stalled has no use for a backlog of old audio).
 */
final class VoiceSocket {

    /** Two seconds of audio from a dozen speakers. */
    private static final int MAX_QUEUED = 1200;

    private final DatagramSocket socket;
    private final String host;
    private final int port;
    private final byte[] token;
    /** A datagram and when it came, by {@link System#nanoTime()}. */
    private record Arrival(long nanos, VoicePacket packet) {
    }

    private final Queue<Arrival> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();

    private VoiceSocket(DatagramSocket socket, String host, int port, byte[] token) {
        this.socket = socket;
        this.host = host;
        this.port = port;
        this.token = token;
    }

    /** Binds a socket on any free port, for the node's voice port {@code port} at {@code host}. */
    static Future<VoiceSocket> open(Vertx vertx, String host, int port, byte[] token) {
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
        VoiceSocket voice = new VoiceSocket(socket, host, port, token);
        socket.handler(packet -> voice.arrived(packet.data()));
        return socket.listen(0, "0.0.0.0").map(voice);
    }

    private void arrived(Buffer data) {
        Optional<VoicePacket> packet = VoicePacket.readFromNode(data.getBytes());
        if (packet.isEmpty()) {
            malformed.incrementAndGet();
        } else if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            overflowed.incrementAndGet();
        } else {
            arrived.add(new Arrival(System.nanoTime(), packet.get()));
        }
    }

    /** Tells the node where we are (and keeps NAT bindings open). */
    void keepalive() {
        socket.send(Buffer.buffer(VoicePacket.keepalive(token)), port, host);
    }

    void send(int ssrc, long seq, byte[] sealed) {
        socket.send(Buffer.buffer(VoicePacket.fromClient(token, ssrc, seq, sealed)), port, host);
    }

    /**
     * Hands every datagram that arrived by {@code nanos} ({@link System#nanoTime()}) to {@code into}, with when it came,
     * in the order they came: a clock catching up after a stall takes, at each tick it runs late,
     * what had come by the time that tick was due, as if it had run on time.
     */
    void drain(long nanos, ObjLongConsumer<VoicePacket> into) {
        Arrival next;
        while ((next = arrived.peek()) != null && next.nanos() - nanos <= 0) {
            arrived.poll();
            queued.decrementAndGet();
            into.accept(next.packet(), next.nanos());
        }
    }

    /** Datagrams that were no voice packet, and ones dropped because the queue was full. */
    long malformed() {
        return malformed.get();
    }

    long overflowed() {
        return overflowed.get();
    }

    /** The local port, for logs. */
    int localPort() {
        return socket.localAddress().port();
    }

    Future<Void> close() {
        return socket.close();
    }
}
