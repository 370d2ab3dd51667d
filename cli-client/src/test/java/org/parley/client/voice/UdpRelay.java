package org.parley.client.voice;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.protocol.voice.VoicePacket;

/**
 * A node's voice port as the tests play it, on 127.0.0.1: it knows each participant's token and
 * ssrc, latches the address a token's packets come from, and relays each audio packet to every other
 * participant without the token, as the relay does. Between the speaker and the listeners it is
 * the wire: it may lose packets at random, repeat old ones (a replay), and keeps a copy of what it
 * sent for the tests to try to open.
 */
public final class UdpRelay implements AutoCloseable {

    private record Participant(int ssrc, SocketAddress[] latched) {
    }

    private final DatagramSocket socket;
    private final Map<String, Participant> byToken = new ConcurrentHashMap<>();
    private final Random random = new Random(23);
    /** Every datagram relayed to a listener, as it went. */
    public final List<byte[]> wire = new CopyOnWriteArrayList<>();
    /** Chance of losing each datagram to each listener. */
    public volatile double loss;
    /** Every this many audio packets, the one sent {@link #replayBack} packets before goes again; 0: never. */
    public volatile int replayEvery;
    public volatile int replayBack = 5;
    public final AtomicInteger replayed = new AtomicInteger();
    public final AtomicInteger lost = new AtomicInteger();
    public final AtomicInteger refused = new AtomicInteger();
    /** When each ssrc's audio last came, in nanoseconds. */
    private final Map<Integer, Long> lastAudio = new ConcurrentHashMap<>();

    public UdpRelay(Vertx vertx) throws Exception {
        socket = vertx.createDatagramSocket();
        socket.handler(packet -> arrived(packet.data().getBytes(), packet.sender()));
        socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return socket.localAddress().port();
    }

    /** A participant of the room: their packets carry {@code token}. */
    public void admit(byte[] token, int ssrc) {
        byToken.put(HexFormat.of().formatHex(token), new Participant(ssrc, new SocketAddress[1]));
    }

    /** Whether {@code ssrc}'s audio came in the last half second, as a room's home says "speaking". */
    public boolean speaking(int ssrc) {
        Long last = lastAudio.get(ssrc);
        return last != null && System.nanoTime() - last < 500_000_000L;
    }

    public void remove(byte[] token) {
        byToken.remove(HexFormat.of().formatHex(token));
    }

    private void arrived(byte[] datagram, SocketAddress sender) {
        Optional<VoicePacket> read = VoicePacket.readFromClient(datagram);
        Participant from = read.map(packet -> byToken.get(HexFormat.of().formatHex(packet.token()))).orElse(null);
        if (from == null) {
            refused.incrementAndGet();
            return;
        }
        from.latched()[0] = sender;
        VoicePacket packet = read.get();
        if (packet.kind() != VoicePacket.Kind.AUDIO) {
            return;
        }
        if (packet.ssrc() != from.ssrc()) {
            refused.incrementAndGet();
            return;
        }
        lastAudio.put(packet.ssrc(), System.nanoTime());
        byte[] relayed = VoicePacket.toListener(packet.ssrc(), packet.seq(), packet.sealed());
        int index = wire.size();
        wire.add(relayed);
        for (Participant to : byToken.values()) {
            if (to == from || to.latched()[0] == null) {
                continue;
            }
            if (random.nextDouble() < loss) {
                lost.incrementAndGet();
            } else {
                socket.send(Buffer.buffer(relayed), to.latched()[0].port(), to.latched()[0].host());
            }
            int every = replayEvery;
            if (every > 0 && index >= replayBack && index % every == 0) {
                replayed.incrementAndGet();
                socket.send(Buffer.buffer(wire.get(index - replayBack)), to.latched()[0].port(), to.latched()[0].host());
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
