package org.parley.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideosRequest;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.Watching;

/**
 * A node with a video library, as its client sees it, played from a script: it stands in front of
 * a real (plaintext) node, which logs the client in and carries everything else, and answers
 * {@code videos}, {@code watch} and {@code unwatch} itself, as each test says. The node side of
 * video is built elsewhere; this speaks the protocol's frames as PROTOCOL.md and the frames'
 * records describe them, so the client is tested against the protocol, not against that build.
 */
final class VideoNode implements AutoCloseable {

    private final NetServer server;
    private final NetClient client; // held in a field: a collected NetClient closes its sockets
    private final int port;
    private final AtomicInteger watchCount = new AtomicInteger();

    /** What {@code videos} answers (the {@code node} filter applied). */
    volatile List<VideoList.VideoSummary> library = List.of();
    /** Every {@code videos} request, as it came. */
    final BlockingQueue<VideosRequest> listings = new LinkedBlockingQueue<>();
    /** Every {@code watch}, as it came. */
    final BlockingQueue<Watch> watches = new LinkedBlockingQueue<>();
    /** The ids of every {@code unwatch}, as they came. */
    final BlockingQueue<String> unwatched = new LinkedBlockingQueue<>();
    /** What the node does with its n-th watch (from 0). */
    volatile BiConsumer<Integer, Stream> onWatch = (n, stream) -> stream.refuse(ErrorCode.UNKNOWN_VIDEO,
            "no such video");
    /** What it does with an {@code unwatch}: by default, ends the stream as a node does. */
    volatile Consumer<Stream> onUnwatch = stream -> stream.end(true, stream.sent, null);

    VideoNode(Vertx vertx, int nodePort) throws Exception {
        client = vertx.createNetClient();
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(inbound -> {
            inbound.pause();
            client.connect(nodePort, "127.0.0.1").onSuccess(outbound -> {
                Streams streams = new Streams();
                FrameDecoder<ClientMessage> fromClient = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);
                inbound.handler(data -> {
                    try {
                        fromClient.feed(data.getBytes(), frame -> {
                            if (!answered(frame.header(), inbound, streams)) {
                                outbound.write(Buffer.buffer(FrameEncoder.client().encode(frame.header(),
                                        frame.body())));
                            }
                        });
                    } catch (ProtocolException e) {
                        inbound.close();
                    }
                });
                // Whole frames only: a scripted frame must not land inside one of the node's.
                FrameDecoder<ServerMessage> fromNode = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
                outbound.handler(data -> {
                    try {
                        fromNode.feed(data.getBytes(), frame -> inbound.write(Buffer.buffer(FrameEncoder.server()
                                .encode(frame.header(), frame.body()))));
                    } catch (ProtocolException e) {
                        outbound.close();
                    }
                });
                inbound.closeHandler(v -> outbound.close());
                outbound.closeHandler(v -> inbound.close());
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    /** The streams of one client connection, by id. */
    private static final class Streams extends java.util.concurrent.ConcurrentHashMap<String, Stream> {
    }

    private boolean answered(ClientMessage message, NetSocket to, Streams streams) {
        if (message instanceof VideosRequest request) {
            listings.add(request);
            List<VideoList.VideoSummary> videos = library.stream()
                    .filter(v -> request.node() == null || v.video().endsWith("@" + request.node())).toList();
            to.write(Buffer.buffer(FrameEncoder.server().encode(new VideoList(request.id(), videos))));
            return true;
        }
        if (message instanceof Watch watch) {
            watches.add(watch);
            Stream stream = new Stream(watch, to);
            streams.put(watch.id(), stream);
            onWatch.accept(watchCount.getAndIncrement(), stream);
            return true;
        }
        if (message instanceof Unwatch unwatch) {
            unwatched.add(unwatch.id());
            Stream stream = streams.get(unwatch.id());
            if (stream != null) {
                onUnwatch.accept(stream);
            }
            return true;
        }
        return false;
    }

    int port() {
        return port;
    }

    /** Takes the next watch the client sent, waiting up to 30 s for it. */
    Watch nextWatch() throws InterruptedException {
        Watch watch = watches.poll(30, TimeUnit.SECONDS);
        if (watch == null) {
            throw new AssertionError("the client sent no watch");
        }
        return watch;
    }

    /** One watch, as the node answers it; its methods may be called from any thread. */
    static final class Stream {
        final Watch watch;
        private final NetSocket client;
        /** The segment after the last one sent whole. */
        volatile int sent;

        Stream(Watch watch, NetSocket client) {
            this.watch = watch;
            this.client = client;
        }

        private void write(ServerMessage header, byte[] body) {
            client.write(Buffer.buffer(FrameEncoder.server().encode(header, body)));
        }

        void watching(List<String> resolutions, long durationMillis, int segments, int first, long startMillis) {
            write(new Watching(watch.id(), watch.video(), resolutions, durationMillis, segments, first, startMillis),
                    new byte[0]);
        }

        /** Sends {@code video}'s segments from {@code from} up to {@code to}, each in pieces of at most {@code pieceBytes}. */
        void segments(TestVideo video, int from, int to, int pieceBytes) {
            for (int i = from; i < to; i++) {
                byte[] bytes = video.segment(i);
                for (int offset = 0; offset < bytes.length; offset += pieceBytes) {
                    int length = Math.min(pieceBytes, bytes.length - offset);
                    piece(video, i, offset, length, offset + length == bytes.length);
                }
                sent = i + 1;
            }
        }

        /** One piece of segment {@code index}: {@code length} bytes from {@code offset}. */
        void piece(TestVideo video, int index, int offset, int length, boolean last) {
            byte[] part = java.util.Arrays.copyOfRange(video.segment(index), offset, offset + length);
            write(new VideoData(watch.id(), index, video.resolution(index), video.startMillis(index), offset, last),
                    part);
        }

        void end(boolean complete, int nextSegment, String reason) {
            write(new VideoEnd(watch.id(), complete, nextSegment, reason), new byte[0]);
        }

        void refuse(ErrorCode code, String message) {
            write(new ErrorFrame(code, message, watch.id()), new byte[0]);
        }

        /** Cuts the client's connection, as a node that stops does. */
        void drop() {
            client.close();
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
