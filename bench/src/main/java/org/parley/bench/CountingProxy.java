package org.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits on a link between two nodes (one dials the proxy, the proxy dials the other) and counts what
 * crosses it: bytes both ways, and the frames that carry a group message ({@code "kind":"group"}),
 * so a benchmark can tell one copy per node from one per member.
 */
final class CountingProxy {

    private static final byte[] GROUP_KIND = "\"kind\":\"group\"".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx;
    private final int targetPort;
    /** Kept in fields: Vert.x closes a client or server that is garbage-collected. */
    private final NetClient client;
    private NetServer server;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong groupFrames = new AtomicLong();

    CountingProxy(Vertx vertx, int targetPort) {
        this.vertx = vertx;
        this.targetPort = targetPort;
        this.client = vertx.createNetClient();
    }

    /** Listens on a free port of 127.0.0.1; resolves with it. */
    Future<Integer> start() {
        server = vertx.createNetServer().connectHandler(inbound -> {
            inbound.pause();
            client.connect(targetPort, "127.0.0.1").onSuccess(outbound -> {
                relay(inbound, outbound);
                relay(outbound, inbound);
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
    }

    private void relay(NetSocket from, NetSocket to) {
        Buffer[] pending = {Buffer.buffer()};
        from.handler(data -> {
            bytes.addAndGet(data.length());
            pending[0] = countFrames(pending[0].appendBuffer(data));
            to.write(data);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.closeHandler(v -> to.close());
    }

    /** Counts the whole frames in {@code data}; returns what is left of a frame cut short. */
    private Buffer countFrames(Buffer data) {
        int at = 0;
        while (data.length() - at >= 8) {
            int length = data.getInt(at);
            if (data.length() - at - 4 < length) {
                break;
            }
            int headerLength = data.getInt(at + 4);
            if (contains(data, at + 8, Math.min(headerLength, length - 4), GROUP_KIND)) {
                groupFrames.incrementAndGet();
            }
            at += 4 + length;
        }
        return at == 0 ? data : data.getBuffer(at, data.length());
    }

    private static boolean contains(Buffer data, int from, int length, byte[] needle) {
        outer:
        for (int i = from; i <= from + length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    long bytes() {
        return bytes.get();
    }

    long groupFrames() {
        return groupFrames.get();
    }

    Future<Void> close() {
        return server.close().transform(ignored -> client.close());
    }
}
