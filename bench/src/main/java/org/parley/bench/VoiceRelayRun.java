package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.voice.VoicePacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code speakers} x {@code listeners} in one voice room of one node (a process of its own) on
 * loopback: every speaker sends a packet each 20 ms (50 a second), every other participant hears it.
 * The sealed bytes are made up, with the send time in their first 8 bytes, so each listener measures
 * the time from a speaker's send to its own receipt: the one hop through the node, client sockets
 * included. Reports the loss at the listeners, the packets per second the node took and sent, its CPU
 * (from {@code /proc/PID/stat}, in cores) and the hop's p50 and p99.
 */
@Command(name = "voice-relay", description = "Speakers x listeners in one voice room of one node at 50 packets a"
        + " second each: loss, packets per second, the node's CPU, and the latency of the hop through it.")
final class VoiceRelayRun implements Callable<Integer> {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VOICE_PORT = Pattern.compile("voice on 127\\.0\\.0\\.1:(\\d+)");
    /** Clock ticks per second of /proc/PID/stat (USER_HZ), 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    @Option(names = "--speakers", defaultValue = "5")
    int speakers;

    @Option(names = "--listeners", defaultValue = "10")
    int listeners;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--warmup", defaultValue = "2")
    int warmup;

    @Option(names = "--across", description = "speakers on node-a (the room's home), listeners on node-b linked to it:"
            + " the latency is then the path across two nodes, capture's and playback's sockets included")
    boolean across;

    @Option(names = "--bytes", defaultValue = "100", description = "sealed bytes per packet (an Opus frame of"
            + " 20 ms and its seal: about 100)")
    int bytes;

    /** One participant: its session, its UDP socket, what it was given. */
    private record Participant(BenchConnection connection, DatagramChannel channel, byte[] token, int ssrc,
                               boolean listens, InetSocketAddress relay) {
    }

    private final long[] latencies = new long[1 << 22];
    private int latencyCount;
    private long received;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean running = true;

    @Override
    public Integer call() throws Exception {
        if (speakers < 1 || listeners < 1 || bytes < 8 || bytes > 1100) {
            throw new IllegalArgumentException("--speakers and --listeners at least 1, --bytes from 8 to 1100");
        }
        Path data = Files.createTempDirectory("parley-bench-voice");
        System.err.println("parley-bench: node log in " + data);
        List<Process> processes = new ArrayList<>();
        Vertx vertx = BenchMain.newVertx();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<Participant> room = new ArrayList<>();
        try {
            List<String> aArgs = new ArrayList<>(List.of("--voice-port", "0"));
            if (across) {
                aArgs.addAll(Spawned.trusting(data, "node-b"));
            }
            Process node = Spawned.node(processes, data, "node-a", List.of(), aArgs.toArray(String[]::new));
            Path log = data.resolve("node-a.log");
            int port = Spawned.readyPort(node, log);
            InetSocketAddress relay = voicePort(log);
            int listenersPort = port;
            InetSocketAddress listenersRelay = relay;
            Process other = null;
            if (across) {
                List<String> bArgs = new ArrayList<>(List.of("--voice-port", "0", "--peer",
                        "127.0.0.1:" + Spawned.s2sPort(log)));
                bArgs.addAll(Spawned.trusting(data, "node-a"));
                other = Spawned.node(processes, data, "node-b", List.of(), bArgs.toArray(String[]::new));
                Path otherLog = data.resolve("node-b.log");
                listenersPort = Spawned.readyPort(other, otherLog);
                listenersRelay = voicePort(otherLog);
            }
            room.addAll(join(vertx, port, relay, listenersPort, listenersRelay));
            Selector selector = Selector.open();
            for (Participant participant : room) {
                participant.channel().configureBlocking(false);
                participant.channel().register(selector, SelectionKey.OP_READ, participant);
            }
            Thread receiver = new Thread(() -> receive(selector), "voice-bench-receiver");
            receiver.start();
            long[] seq = new long[room.size()];
            long[] sentInWindow = {0};
            clock.scheduleAtFixedRate(() -> tick(room, seq, sentInWindow), 0, 20, TimeUnit.MILLISECONDS);
            clock.scheduleAtFixedRate(() -> keepalives(room), 0, 2, TimeUnit.SECONDS);

            TimeUnit.SECONDS.sleep(warmup);
            long cpuBefore = cpuTicks(node.pid());
            long otherBefore = other == null ? 0 : cpuTicks(other.pid());
            windowStart = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            windowEnd = System.nanoTime();
            long cpuAfter = cpuTicks(node.pid());
            long otherAfter = other == null ? 0 : cpuTicks(other.pid());
            TimeUnit.MILLISECONDS.sleep(500); // packets of the window still on their way
            running = false;
            clock.shutdownNow();
            selector.wakeup();
            receiver.join(5000);

            double window = (windowEnd - windowStart) / 1e9;
            long expected;
            synchronized (sentInWindow) {
                expected = sentInWindow[0] * listeners;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("speakers", speakers);
            result.put("listeners", listeners);
            result.put("seconds", seconds);
            result.put("sealedBytes", bytes);
            result.put("packetsInPerSecond", Math.round(expected / (double) listeners / window));
            // every packet goes to every participant but its speaker
            result.put("packetsOutPerSecond", Math.round(expected / (double) listeners * (room.size() - 1) / window));
            result.put("expectedAtListeners", expected);
            result.put("receivedAtListeners", received);
            result.put("loss", expected == 0 ? 0 : Math.round((1 - received / (double) expected) * 1e6) / 1e6);
            result.put("across", across);
            result.put("nodeCpuCores", Math.round((cpuAfter - cpuBefore) / TICKS_PER_SECOND / window * 1000) / 1000.0);
            if (across) {
                result.put("listenersNodeCpuCores",
                        Math.round((otherAfter - otherBefore) / TICKS_PER_SECOND / window * 1000) / 1000.0);
            }
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            result.put("hopP50Micros", sorted.length == 0 ? -1 : sorted[sorted.length / 2] / 1000);
            result.put("hopP99Micros", sorted.length == 0 ? -1 : sorted[(int) (sorted.length * 0.99)] / 1000);
            BenchMain.print(result);
            return 0;
        } finally {
            running = false;
            clock.shutdownNow();
            for (Participant participant : room) {
                participant.channel().close();
            }
            vertx.close();
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Every speaker's packet for this 20 ms, its send time in its first 8 bytes. */
    private void tick(List<Participant> room, long[] seq, long[] sentInWindow) {
        byte[] sealed = new byte[bytes];
        for (int i = 0; i < speakers; i++) {
            Participant speaker = room.get(i);
            long now = System.nanoTime();
            ByteBuffer.wrap(sealed).putLong(now);
            try {
                speaker.channel().send(ByteBuffer.wrap(VoicePacket.fromClient(speaker.token(), speaker.ssrc(), seq[i]++,
                        sealed)), speaker.relay());
            } catch (IOException e) {
                continue;
            }
            if (now >= windowStart && now < windowEnd) {
                synchronized (sentInWindow) {
                    sentInWindow[0]++;
                }
            }
        }
    }

    private static void keepalives(List<Participant> room) {
        for (Participant participant : room) {
            try {
                participant.channel().send(ByteBuffer.wrap(VoicePacket.keepalive(participant.token())),
                        participant.relay());
            } catch (IOException ignored) {
                // the run is over
            }
        }
    }

    /** Drains every participant's socket; counts what the listeners got of packets sent in the window. */
    private void receive(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Participant participant = (Participant) key.attachment();
                    while (true) {
                        buffer.clear();
                        if (participant.channel().receive(buffer) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        if (!participant.listens()) {
                            continue;
                        }
                        byte[] datagram = Arrays.copyOf(buffer.array(), buffer.position());
                        VoicePacket.readFromNode(datagram).ifPresent(packet -> {
                            long sentAt = ByteBuffer.wrap(packet.sealed()).getLong();
                            if (sentAt >= windowStart && sentAt < windowEnd) {
                                received++;
                                if (latencyCount < latencies.length) {
                                    latencies[latencyCount++] = now - sentAt;
                                }
                            }
                        });
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("parley-bench: receiving failed: " + e.getMessage());
        }
    }

    /** Logs every participant in, makes the group, has everyone join it and its voice room. */
    private static InetSocketAddress voicePort(Path log) throws IOException {
        Matcher voice = VOICE_PORT.matcher(Files.readString(log));
        if (!voice.find()) {
            throw new IOException("no voice port in " + log);
        }
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(voice.group(1)));
    }

    private List<Participant> join(Vertx vertx, int port, InetSocketAddress relay, int listenersPort,
                                   InetSocketAddress listenersRelay) throws Exception {
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        Context context = vertx.getOrCreateContext();
        String run = Integer.toHexString(RANDOM.nextInt(1 << 24));
        String group = "#voice" + run + "@node-a";
        Map<String, Promise<ServerMessage>> answers = new ConcurrentHashMap<>();
        List<BenchConnection> connections = new ArrayList<>();
        for (int i = 0; i < speakers + listeners; i++) {
            String user = (i < speakers ? "s" : "l") + i + "x" + run;
            Promise<BenchConnection> opened = Promise.promise();
            int at = i < speakers ? port : listenersPort;
            context.runOnContext(v -> BenchConnection.open(client, context, Target.NODE, "127.0.0.1", at, user, 0, 0)
                    .onComplete(opened));
            BenchConnection connection = opened.future().await(30, TimeUnit.SECONDS);
            connection.onFrames((header, body) -> {
                String ref = header instanceof GroupInfo info ? info.id() : header instanceof VoiceJoined joined
                        ? joined.id() : header instanceof ErrorFrame error ? error.ref() : null;
                Promise<ServerMessage> answer = ref == null ? null : answers.remove(ref);
                if (answer != null) {
                    answer.complete(header);
                }
            });
            connections.add(connection);
        }
        ask(context, answers, connections.get(0), new GroupRequest("g0", GroupAction.CREATE, group, null, true));
        List<Participant> room = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            BenchConnection connection = connections.get(i);
            if (i > 0) {
                ask(context, answers, connection, new GroupRequest("g" + i, GroupAction.JOIN, group, null, null));
            }
            if (!(ask(context, answers, connection, new VoiceJoin("v" + i, group)) instanceof VoiceJoined joined)) {
                throw new IOException("participant " + i + " could not join the voice room");
            }
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress("127.0.0.1", 0));
            room.add(new Participant(connection, channel, Base64.getDecoder().decode(joined.token()), joined.ssrc(),
                    i >= speakers, i < speakers ? relay : listenersRelay));
        }
        return room;
    }

    private static ServerMessage ask(Context context, Map<String, Promise<ServerMessage>> answers,
                                     BenchConnection connection, ClientMessage request) throws Exception {
        String id = request instanceof GroupRequest group ? group.id() : ((VoiceJoin) request).id();
        Promise<ServerMessage> answer = Promise.promise();
        answers.put(id, answer);
        context.runOnContext(v -> connection.write(Buffer.buffer(FrameEncoder.client().encode(request))));
        ServerMessage got = answer.future().await(30, TimeUnit.SECONDS);
        if (got instanceof ErrorFrame error) {
            throw new IOException(request.getClass().getSimpleName() + " refused: " + error.code() + " "
                    + error.message());
        }
        return got;
    }

    /** The node's user and system time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
