package org.parley.node.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.voice.VoicePacket;

/**
 * A voice client's UDP side, as the protocol has it: a socket of its own on 127.0.0.1, keepalives
 * with the session's token (every 200 ms here, so tests may keep silence timeouts short), audio with
 * synthetic sealed bytes, and the packets the node relays to it.
 */
final class VoiceLine implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress node;
    private final byte[] token;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "voice-line-keepalive");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> keepalives;

    /** @param token as {@code voice-joined} gave it */
    VoiceLine(int nodePort, String token) throws IOException {
        this(nodePort, token, new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    VoiceLine(int nodePort, String token, DatagramSocket socket) {
        this.socket = socket;
        this.node = new InetSocketAddress(InetAddress.getLoopbackAddress(), nodePort);
        this.token = Base64.getDecoder().decode(token);
    }

    /** A line whose socket takes at most a few packets and is never read: a listener that stopped. */
    static VoiceLine stalled(int nodePort, String token) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        socket.setReceiveBufferSize(2048);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new VoiceLine(nodePort, token, socket);
    }

    void keepalive() throws IOException {
        raw(VoicePacket.keepalive(token));
    }

    /** A keepalive now and every 200 ms after, until {@link #silence}. */
    void keepAlive() throws IOException {
        keepalive();
        keepalives = timer.scheduleAtFixedRate(() -> {
            try {
                keepalive();
            } catch (IOException ignored) {
                // closed
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Stops the keepalives; returns once none is on its way any more. */
    void silence() {
        if (keepalives != null) {
            keepalives.cancel(false);
            try {
                timer.submit(() -> { }).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the keepalive timer did not stop", e);
            }
        }
    }

    void audio(int ssrc, long seq, byte[] sealed) throws IOException {
        raw(VoicePacket.fromClient(token, ssrc, seq, sealed));
    }

    void raw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, node));
    }

    /** The next packet the node relays here; fails the test if none comes within 10 s. */
    VoicePacket receive() throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(10_000);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no voice packet within 10 s");
        }
        return VoicePacket.readFromNode(java.util.Arrays.copyOf(buffer, packet.getLength()))
                .orElseThrow(() -> new AssertionError("the node sent something that is not a voice packet"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        socket.close();
    }
}
