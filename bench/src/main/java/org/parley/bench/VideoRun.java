package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideosRequest;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Video across two nodes, as issue 22 asks it measured: node-a holds a test card made by
 * {@code parley-node media testcard}, viewers log in to node-b and watch it. Time to first byte
 * (watch sent to first video bytes, one watch at a time), one viewer's delivery rate as a multiple
 * of real time, and many viewers at once: each one's rate, chat's round trips between two other
 * users of the same nodes with them and without them, and each node's peak RSS and CPU.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Video across two nodes: time to first byte, one viewer's rate, many viewers at once.")
final class VideoRun implements Callable<Integer> {

    @Option(names = "--viewers", defaultValue = "100", description = "concurrent viewers (default: ${DEFAULT-VALUE})")
    int viewers;

    @Option(names = "--seconds", defaultValue = "30", description = "length of the test card (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--resolution", defaultValue = "480p", description = "its one rendition (default: ${DEFAULT-VALUE})")
    String resolution;

    @Option(names = "--bitrate", defaultValue = "2M", description = "its target bitrate (default: ${DEFAULT-VALUE})")
    String bitrate;

    @Option(names = "--first-bytes", defaultValue = "50",
            description = "watches started one after another for time to first byte (default: ${DEFAULT-VALUE})")
    int firstBytes;

    @Option(names = "--chat-messages", defaultValue = "3000", description = "round trips per latency measurement")
    int chatMessages;

    @Option(names = "--player-buffer-seconds", defaultValue = "-1",
            description = "the many viewers read as players do: at real time, at most this far ahead of what they"
                    + " have shown (default: ${DEFAULT-VALUE}: as fast as the nodes send)")
    int playerBufferSeconds;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of each node (default: ${DEFAULT-VALUE})")
    String heap;

    private static final String VIDEO = "bench@node-a";

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-video");
        System.err.println("parley-bench: logs in " + data);
        Path media = Files.createDirectories(data.resolve("media"));
        Process card = Spawned.spawn(data.resolve("testcard.log"), "org.parley.node.NodeMain", "media", "testcard",
                "bench", "--seconds", String.valueOf(seconds), "--ladder", resolution, "--bitrate", bitrate,
                "--media-dir", media.toString());
        if (!card.waitFor(10, TimeUnit.MINUTES) || card.exitValue() != 0) {
            throw new IOException("the test card failed; see " + data.resolve("testcard.log"));
        }
        List<Process> processes = new ArrayList<>();
        Vertx vertx = BenchMain.newVertx();
        try {
            List<String> nodeJvm = new ArrayList<>(List.of("-Xmx" + heap));
            if (System.getProperty("parley.bench.nodeLogConfig") != null) {
                // the nodes' own logging for a run being looked into (the bench jar's default says warnings only)
                nodeJvm.add("-Dlogback.configurationFile=" + System.getProperty("parley.bench.nodeLogConfig"));
            }
            List<String> aArgs = new ArrayList<>(List.of("--media-dir", media.toString()));
            aArgs.addAll(Spawned.trusting(data, "node-b"));
            Process a = Spawned.node(processes, data, "node-a", nodeJvm, aArgs.toArray(String[]::new));
            int portA = Spawned.readyPort(a, data.resolve("node-a.log"));
            List<String> bArgs = new ArrayList<>(List.of("--peer", "127.0.0.1:" + Spawned.s2sPort(data.resolve("node-a.log"))));
            bArgs.addAll(Spawned.trusting(data, "node-a"));
            Process b = Spawned.node(processes, data, "node-b", nodeJvm, bArgs.toArray(String[]::new));
            int portB = Spawned.readyPort(b, data.resolve("node-b.log"));
            ProcessGauge gaugeA = new ProcessGauge(a);
            ProcessGauge gaugeB = new ProcessGauge(b);
            NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
            Receivers crossNodes = new Receivers(portB, "node-b", "node-a", 2);

            Viewer first = await(Viewer.open(vertx, client, portB, "viewer-0"), 60);
            Watching shape = first.awaitListed(VIDEO, TimeUnit.SECONDS.toNanos(60));

            List<Long> ttfb = new ArrayList<>();
            for (int i = 0; i < firstBytes; i++) {
                ttfb.add(await(first.timeToFirstByte("t" + i, resolution), 60));
            }
            ttfb.sort(Long::compare);

            Stream single = await(first.watchWhole("one", resolution), 600);

            Map<String, Object> before = new LatencyRun(vertx, Target.NODE, "127.0.0.1", portA, crossNodes)
                    .run(5000, chatMessages, 100);

            List<Viewer> crowd = new ArrayList<>();
            crowd.add(first);
            for (int i = 1; i < viewers; i++) {
                crowd.add(await(Viewer.open(vertx, client, portB, "viewer-" + i), 60));
            }
            gaugeA.mark();
            gaugeB.mark();
            long start = System.nanoTime();
            List<CompletableFuture<Stream>> streams = new ArrayList<>();
            for (Viewer viewer : crowd) {
                viewer.playerBufferMillis = playerBufferSeconds < 0 ? -1 : playerBufferSeconds * 1000L;
                streams.add(viewer.watchWhole("crowd", resolution).toCompletionStage().toCompletableFuture());
            }
            Map<String, Object> during = new LinkedHashMap<>(new LatencyRun(vertx, Target.NODE, "127.0.0.1", portA,
                    crossNodes).run(200, chatMessages, 100));
            during.put("wholeRunDuringViewers", streams.stream().anyMatch(s -> !s.isDone()));
            List<Double> rates = new ArrayList<>();
            for (CompletableFuture<Stream> s : streams) {
                rates.add(s.get(30, TimeUnit.MINUTES).realTimes());
            }
            double crowdSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> cpuA = gaugeA.sinceMark();
            Map<String, Object> cpuB = gaugeB.sinceMark();
            rates.sort(Double::compare);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("target", "video-cross-node");
            result.put("video", Map.of("resolution", resolution, "bitrate", bitrate, "durationMillis",
                    shape.durationMillis(), "segments", shape.segments()));
            result.put("ttfbP50Millis", round(ttfb.get(ttfb.size() / 2) / 1e6));
            result.put("ttfbP99Millis", round(ttfb.get(Math.min(ttfb.size() - 1, (int) (ttfb.size() * 0.99))) / 1e6));
            result.put("oneViewer", Map.of("realTimes", round(single.realTimes()), "MiBps", round(single.mibps()),
                    "bytes", single.bytes));
            result.put("viewers", viewers);
            result.put("playerBufferSeconds", playerBufferSeconds);
            result.put("crowdSeconds", round(crowdSeconds));
            result.put("slowestViewerRealTimes", round(rates.get(0)));
            result.put("medianViewerRealTimes", round(rates.get(rates.size() / 2)));
            result.put("viewersBelowRealTime", rates.stream().filter(r -> r < 1.0).count());
            result.put("chatBefore", before);
            result.put("chatDuringViewers", during);
            if (before.get("p99Micros") instanceof Number p99Before && p99Before.longValue() > 0
                    && during.get("p99Micros") instanceof Number p99During) {
                result.put("chatP99Ratio", round(p99During.doubleValue() / p99Before.doubleValue()));
            }
            result.put("node-a", cpuA);
            result.put("node-b", cpuB);
            BenchMain.print(result);
            Future.join(crowd.stream().map(v -> v.connection.close()).toList())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return 0;
        } finally {
            vertx.close();
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static <T> T await(Future<T> future, int seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One stream as a viewer saw it: its bytes, and how long from the first of them to its end. */
    record Stream(long bytes, long durationMillis, long firstByteNanos, long endNanos) {

        double realTimes() {
            return durationMillis / 1000.0 / ((endNanos - firstByteNanos) / 1e9);
        }

        double mibps() {
            return bytes / 1048576.0 / ((endNanos - firstByteNanos) / 1e9);
        }
    }

    /** A logged-in user of node-b who watches one stream at a time, as fast as the nodes send it. */
    static final class Viewer {

        private final BenchConnection connection;
        private final Context context;
        private String watching;
        private Promise<Stream> done;
        private Promise<Long> firstByte;
        private Promise<VideoList> listed;
        private long sentNanos;
        private long firstNanos;
        private long bytes;
        private long durationMillis;
        private Watching lastWatching;
        /** When not negative, how far ahead of real time (from the first byte) this viewer reads. */
        long playerBufferMillis = -1;
        private boolean paused;

        private Viewer(BenchConnection connection, Context context) {
            this.connection = connection;
            this.context = context;
        }

        static Future<Viewer> open(Vertx vertx, NetClient client, int port, String user) {
            Context context = vertx.getOrCreateContext();
            Promise<Viewer> opened = Promise.promise();
            context.runOnContext(v -> BenchConnection.open(client, context, Target.NODE, "127.0.0.1", port, user, 0, 0)
                    .map(connection -> {
                        Viewer viewer = new Viewer(connection, context);
                        connection.onFrames(viewer::frame);
                        return viewer;
                    }).onComplete(opened));
            return opened.future();
        }

        private void frame(ServerMessage header, byte[] body) {
            if (header instanceof org.parley.protocol.message.Ping) {
                send(new org.parley.protocol.message.Pong()); // a viewer lives longer than a heartbeat
            } else if (header instanceof VideoList list && listed != null) {
                listed.tryComplete(list);
            } else if (header instanceof Watching w && w.id().equals(watching)) {
                durationMillis = w.durationMillis();
                lastWatching = w;
            } else if (header instanceof VideoData d && d.id().equals(watching)) {
                if (bytes == 0) {
                    firstNanos = System.nanoTime();
                    if (firstByte != null) {
                        firstByte.tryComplete(firstNanos - sentNanos);
                    }
                }
                bytes += body.length;
                holdBack(d.startMillis());
            } else if (header instanceof VideoEnd end && end.id().equals(watching)) {
                if (done != null) {
                    if (end.complete()) {
                        done.tryComplete(new Stream(bytes, durationMillis, firstNanos, System.nanoTime()));
                    } else {
                        done.tryFail("stream cut: " + end.reason());
                    }
                }
            } else if (header instanceof ErrorFrame error && watching != null && watching.equals(error.ref())) {
                Promise<?> waiting = done != null ? done : firstByte;
                if (waiting != null) {
                    waiting.tryFail(error.code() + " " + error.message());
                }
            }
        }

        /** A player reads no further than its buffer ahead of what it has shown by now. */
        private void holdBack(long positionMillis) {
            if (playerBufferMillis < 0 || paused) {
                return;
            }
            long shownMillis = (System.nanoTime() - firstNanos) / 1_000_000;
            long aheadMillis = positionMillis - shownMillis - playerBufferMillis;
            if (aheadMillis > 0) {
                paused = true;
                connection.pause();
                context.owner().setTimer(aheadMillis, t -> {
                    paused = false;
                    connection.resume();
                });
            }
        }

        /** Waits until node-b lists {@code video} (gossip carried it), then learns its shape from one watch. */
        Watching awaitListed(String video, long timeoutNanos) throws Exception {
            long deadline = System.nanoTime() + timeoutNanos;
            while (System.nanoTime() < deadline) {
                Promise<VideoList> asked = Promise.promise();
                context.runOnContext(v -> {
                    listed = asked;
                    send(new VideosRequest("list", "node-a"));
                });
                VideoList list = asked.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                if (list.videos().stream().anyMatch(s -> s.video().equals(video))) {
                    watchWhole("shape", null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
                    return lastWatching;
                }
                TimeUnit.MILLISECONDS.sleep(200); // load generator pacing while gossip carries the library
            }
            throw new IOException("node-b never listed " + video);
        }

        /** Starts a watch and answers how long its first video bytes took; the rest of it is stopped. */
        Future<Long> timeToFirstByte(String id, String resolution) {
            Promise<Long> first = Promise.promise();
            Promise<Stream> end = Promise.promise();
            context.runOnContext(v -> {
                begin(id, resolution);
                firstByte = first;
                done = end;
            });
            return first.future().compose(nanos -> {
                context.runOnContext(v -> send(new org.parley.protocol.message.Unwatch(id)));
                return end.future().otherwiseEmpty().map(nanos);
            });
        }

        /** Watches the whole video as fast as the nodes send it. */
        Future<Stream> watchWhole(String id, String resolution) {
            Promise<Stream> end = Promise.promise();
            context.runOnContext(v -> {
                begin(id, resolution);
                firstByte = null;
                done = end;
            });
            return end.future();
        }

        private void begin(String id, String resolution) {
            watching = id;
            bytes = 0;
            firstNanos = 0;
            sentNanos = System.nanoTime();
            send(new Watch(id, VIDEO, resolution, null, null, null));
        }

        private void send(org.parley.protocol.message.ClientMessage message) {
            connection.write(Buffer.buffer(FrameEncoder.client().encode(message)));
        }
    }

    /** A process's CPU time (from /proc/PID/stat) since a mark, and its peak resident set. */
    static final class ProcessGauge {

        private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
        private final Process process;
        private long markTicks;
        private long markNanos;

        ProcessGauge(Process process) {
            this.process = process;
        }

        void mark() throws IOException {
            markTicks = ticks();
            markNanos = System.nanoTime();
        }

        Map<String, Object> sinceMark() throws IOException {
            double cpuSeconds = (ticks() - markTicks) / TICKS_PER_SECOND;
            double wall = (System.nanoTime() - markNanos) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cpuPercentOfACore", Math.round(cpuSeconds / wall * 100));
            out.put("peakRssMiB", peakRssMiB());
            return out;
        }

        private long ticks() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        }

        private long peakRssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
            return -1;
        }
    }
}
