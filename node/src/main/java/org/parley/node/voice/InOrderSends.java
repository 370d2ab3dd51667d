package org.parley.node.voice;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the relay's datagrams from the voice port in the order the relay sends them. A Vert.x
 * datagram send resolves its host first; the resolver joins lookups of the same host already under
 * way, on whichever event loop started them, and a send whose lookup another loop finishes goes out
 * after sends made later (seen here: another node's relay in the same JVM reordered a listener's
 * packets every few hundred). So while a send has not completed, later ones wait behind it; a send
 * that completes at once, as nearly all do, holds nothing. Runs on the relay's context.
 */
final class InOrderSends implements DatagramOut {

    /** More than this waiting means the relay's context is far behind: audio that late is useless. */
    private static final int MAX_WAITING = 4096;

    private record Waiting(byte[] datagram, String host, int port) {
    }

    private final DatagramSocket socket;
    private final VoiceDrops drops;
    /** Datagrams handed to the socket. */
    private final AtomicLong relayed;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean blocked;

    InOrderSends(DatagramSocket socket, VoiceDrops drops, AtomicLong relayed) {
        this.relayed = relayed;
        this.socket = socket;
        this.drops = drops;
    }

    @Override
    public void send(byte[] datagram, String host, int port) {
        if (!blocked) {
            dispatch(datagram, host, port);
        } else if (waiting.size() < MAX_WAITING) {
            waiting.add(new Waiting(datagram, host, port));
        } else {
            drops.drop(VoiceDrop.UNSENT);
        }
    }

    private void dispatch(byte[] datagram, String host, int port) {
        Future<Void> sent = socket.send(Buffer.buffer(datagram), port, host);
        relayed.incrementAndGet();
        if (!sent.isComplete()) {
            blocked = true;
            sent.onComplete(done -> {
                blocked = false;
                while (!blocked && !waiting.isEmpty()) {
                    Waiting next = waiting.poll();
                    dispatch(next.datagram(), next.host(), next.port());
                }
            });
        }
    }
}
