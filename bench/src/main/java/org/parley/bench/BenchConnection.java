package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.function.IntConsumer;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Welcome;

/**
 * One load-generator connection. Against a node it logs in like any client; against the relay
 * it introduces itself with a pair id and role and waits for the relay's go-ahead byte. Then it
 * counts message frames and hands the counts to {@code onMessages}, on its event loop.
 */
final class BenchConnection {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NetSocket socket;
    private final FrameCounter counter = new FrameCounter();
    private IntConsumer onMessages = n -> { };
    /** When set, every frame after login is decoded whole and given here instead of counted. */
    private java.util.function.BiConsumer<ServerMessage, byte[]> onFrames;
    private IdentityKeys keys;
    private String user;

    private BenchConnection(NetSocket socket) {
        this.socket = socket;
    }

    /** Must be called on {@code context}, so that the socket lives on its loop. */
    static Future<BenchConnection> open(NetClient client, Context context, Target target, String host, int port,
                                        String user, int pair, int role) {
        return open(client, target, host, port, user, pair, role, IdentityKeys.generate(RANDOM));
    }

    /** As a user who has {@code keys} (to log in again as someone who was here before). */
    static Future<BenchConnection> open(NetClient client, Target target, String host, int port, String user, int pair,
                                        int role, IdentityKeys keys) {
        return client.connect(port, host).compose(socket -> {
            BenchConnection connection = new BenchConnection(socket);
            return target == Target.NODE ? connection.login(user, keys) : connection.introduce(pair, role);
        });
    }

    private Future<BenchConnection> login(String user, IdentityKeys keys) {
        Promise<BenchConnection> ready = Promise.promise();
        this.keys = keys;
        counter.collectIds();
        socket.handler(data -> {
            if (onFrames != null && ready.future().isComplete()) {
                java.util.List<String> opened = new java.util.ArrayList<>();
                counter.feedFrames(data, (header, body) -> {
                    if (header instanceof Delivery delivery && !"*".equals(delivery.to())) {
                        opened.add(delivery.id());
                    }
                    onFrames.accept(header, body);
                });
                acknowledge(opened);
                return;
            }
            int n = counter.feed(data, () -> !ready.future().isComplete(), header -> {
                if (header instanceof ServerHello hello) {
                    socket.write(Buffer.buffer(FrameEncoder.client().encode(
                            LoginTranscript.signedLogin(hello, user, keys, null))));
                } else if (header instanceof Welcome welcome) {
                    this.user = welcome.user();
                    ready.tryComplete(this);
                } else if (header instanceof ErrorFrame error) {
                    ready.tryFail(user + ": " + error.code() + " " + error.message());
                }
            });
            acknowledge(counter.takeIds());
            if (n > 0) {
                onMessages.accept(n);
            }
        });
        socket.write(Buffer.buffer(FrameEncoder.client().encode(new ClientHello(Protocol.VERSION, "parley-bench"))));
        return ready.future();
    }

    /** One ack per read, as a real client acknowledges per turn of its event loop; the node's mailbox empties. */
    private void acknowledge(java.util.List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Buffer acks = Buffer.buffer();
        for (int from = 0; from < ids.size(); from += Ack.MAX_IDS) {
            acks.appendBytes(FrameEncoder.client().encode(new Ack(ids.subList(from, Math.min(ids.size(),
                    from + Ack.MAX_IDS)))));
        }
        socket.write(acks);
    }

    private Future<BenchConnection> introduce(int pair, int role) {
        Promise<BenchConnection> ready = Promise.promise();
        socket.handler(data -> {
            if (!ready.future().isComplete()) {
                ready.tryComplete(this); // the relay's go-ahead byte; frames only follow it
                if (data.length() > 1) {
                    countMessages(data.getBuffer(1, data.length()));
                }
                return;
            }
            countMessages(data);
        });
        socket.write(Buffer.buffer().appendInt(pair).appendByte((byte) role));
        return ready.future();
    }

    private void countMessages(Buffer data) {
        int n = counter.feed(data);
        if (n > 0) {
            onMessages.accept(n);
        }
    }

    /** Decode every arriving frame whole (for clients that must open each message) instead of counting. */
    void onFrames(java.util.function.BiConsumer<ServerMessage, byte[]> handler) {
        this.onFrames = handler;
    }

    IdentityKeys keys() {
        return keys;
    }

    /** The fully qualified name the node welcomed this user as. */
    String user() {
        return user;
    }

    /** Counts the node's acceptances of what this connection sends, instead of arriving messages. */
    void countAcceptances() {
        counter.countAcceptances();
    }

    void onMessages(IntConsumer handler) {
        this.onMessages = handler;
    }

    long errors() {
        return counter.errors();
    }

    /** Presence frames the node sent this connection so far (counted, not decoded, after login). */
    long presenceFrames() {
        return counter.presenceFrames();
    }

    /** The changes of users those frames carried. */
    long presenceChanges() {
        return counter.presenceChanges();
    }

    /** Stops reading (TCP pushes back on the node), as a player that is far enough ahead does. */
    void pause() {
        socket.pause();
    }

    void resume() {
        socket.resume();
    }

    void write(Buffer frames) {
        socket.write(frames);
    }

    Future<Void> close() {
        return socket.close();
    }
}
