package org.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.parley.transport.OutboundQueue;
import org.parley.transport.TcpTransport;

/**
 * The ceiling a node is measured against: it forwards length-prefixed frames from one socket to
 * its partner with the node's own coalescing writer, and does nothing else: no JSON, no
 * login, no acknowledgements. A connection opens with a 4-byte pair id and a role byte; once
 * both ends of a pair are in, each gets one go-ahead byte.
 */
final class BareRelay extends VerticleBase {

    private final int port;
    private final Map<Integer, End[]> pairs;
    private final IntConsumer boundPort;
    private NetServer server;

    BareRelay(int port, Map<Integer, End[]> pairs, IntConsumer boundPort) {
        this.port = port;
        this.pairs = pairs;
        this.boundPort = boundPort;
    }

    static Map<Integer, End[]> newPairTable() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Future<?> start() {
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port == 0 ? -1 : port)
                .setTcpNoDelay(true));
        server.connectHandler(socket -> new End(socket).start());
        return server.listen().onSuccess(s -> boundPort.accept(s.actualPort()));
    }

    /** One side of a pair. */
    final class End {
        private final NetSocket socket;
        private final OutboundQueue out;
        private final ByteWindow window = new ByteWindow();
        private volatile End partner;
        private boolean introduced;

        End(NetSocket socket) {
            this.socket = socket;
            this.out = new OutboundQueue(context, new TcpTransport(socket), 64L << 20, socket::close);
        }

        void start() {
            socket.handler(this::onData);
        }

        private void onData(Buffer data) {
            window.append(data);
            if (!introduced) {
                if (window.available() < 5) {
                    return;
                }
                introduced = true;
                int pair = window.readInt(0);
                int role = window.byteAt(4);
                window.skip(5);
                join(pair, role);
            }
            while (window.available() >= 4) {
                int length = window.readInt(0);
                if (window.available() < 4 + length) {
                    break;
                }
                byte[] frame = window.take(4 + length);
                End to = partner;
                if (to != null) {
                    to.out.offer(frame);
                }
            }
        }

        private void join(int pair, int role) {
            End[] ends = pairs.computeIfAbsent(pair, p -> new End[2]);
            boolean complete;
            synchronized (ends) {
                ends[role] = this;
                complete = ends[0] != null && ends[1] != null;
                if (complete) {
                    ends[0].partner = ends[1];
                    ends[1].partner = ends[0];
                }
            }
            if (complete) {
                pairs.remove(pair);
                ends[0].out.offer(new byte[] {1});
                ends[1].out.offer(new byte[] {1});
            }
        }
    }
}
