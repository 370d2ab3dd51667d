package org.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Capture to playback across two nodes, measured on the real pipeline: alice of node-a calls bob of
 * node-b with the real {@code parley voice join}, each in a process of its own, alice speaking a file
 * paced as a microphone ({@code --live}), bob writing what he hears; both write each frame's times
 * ({@code --timings}). Per frame, from the moment its 20 ms had been captured to the moment its
 * decoded audio was written out, less the time it waited in bob's jitter buffer (from reaching his
 * socket to its turn to play): noise suppression, Opus encoding, the wait for the send, sealing, both
 * clients' sockets, both nodes' relays and the UDP path between them, opening, decoding, mixing.
 * Linux's monotonic clock is one for all processes, so alice's and bob's times compare.
 */
@Command(name = "voice-latency", mixinStandardHelpOptions = true,
        description = "Capture-to-playback latency of a call across two nodes, on the real clients and nodes.")
final class VoiceLatencyRun implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 48_000;
    private static final int FRAMES_PER_SECOND = 50;

    @Option(names = "--seconds", defaultValue = "20", description = "how long alice speaks")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of the call left out of the figures"
            + " (the clients' JIT warms up, the keys are handed over)")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (seconds <= warmup || warmup < 0) {
            throw new IllegalArgumentException("--seconds must be more than --warmup");
        }
        Path data = Files.createTempDirectory("parley-bench-voice-latency");
        System.err.println("parley-bench: logs in " + data);
        List<Process> processes = new ArrayList<>();
        try {
            Process nodeA = Spawned.node(processes, data, "node-a", List.of(),
                    with(Spawned.trusting(data, "node-b"), "--voice-port", "0"));
            int portA = Spawned.readyPort(nodeA, data.resolve("node-a.log"));
            Process nodeB = Spawned.node(processes, data, "node-b", List.of(), with(Spawned.trusting(data, "node-a"),
                    "--voice-port", "0", "--peer", "127.0.0.1:" + Spawned.s2sPort(data.resolve("node-a.log"))));
            int portB = Spawned.readyPort(nodeB, data.resolve("node-b.log"));

            // each registers, then each waits until the other's node knows them
            run(data, "alice", portA, "register-alice", "who");
            run(data, "bob", portB, "register-bob", "who");
            untilDelivered(data, "alice", portA, "bob@node-b");
            untilDelivered(data, "bob", portB, "alice@node-a");

            Path speech = data.resolve("speech.wav");
            writeSpeechLike(speech, seconds);
            Path bobTimes = data.resolve("bob-timings.jsonl");
            Path aliceTimes = data.resolve("alice-timings.jsonl");
            Process bob = start(data, "bob", portB, "bob-call", "voice", "join", "alice@node-a", "--out",
                    data.resolve("heard.wav").toString(), "--seconds", String.valueOf(seconds + 4), "--timings",
                    bobTimes.toString());
            await(bob, data.resolve("bob-call.log"), "joined alice@node-a");
            Process alice = start(data, "alice", portA, "alice-call", "voice", "join", "bob@node-b", "--in",
                    speech.toString(), "--live", "--timings", aliceTimes.toString());
            if (!alice.waitFor(seconds + 60L, TimeUnit.SECONDS) || alice.exitValue() != 0
                    || !bob.waitFor(60, TimeUnit.SECONDS) || bob.exitValue() != 0) {
                throw new IOException("a call did not end well; see " + data.resolve("alice-call.log") + " and "
                        + data.resolve("bob-call.log"));
            }
            BenchMain.print(figures(aliceTimes, bobTimes));
            return 0;
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The figures, in microseconds, over the frames bob played as they came after the warm-up. */
    private Map<String, Object> figures(Path aliceTimes, Path bobTimes) throws IOException {
        Map<Long, long[]> sent = new HashMap<>();
        Map<Long, long[]> played = new HashMap<>();
        for (String line : Files.readAllLines(aliceTimes)) {
            JsonNode frame = JSON.readTree(line);
            if (frame.has("sent")) {
                sent.put(frame.get("sent").asLong(), new long[] {frame.get("captured").asLong(),
                        frame.get("sentAt").asLong()});
            }
        }
        for (String line : Files.readAllLines(bobTimes)) {
            JsonNode frame = JSON.readTree(line);
            if (frame.has("seq")) {
                played.put(frame.get("seq").asLong(), new long[] {frame.get("arrived").asLong(),
                        frame.get("turn").asLong(), frame.get("written").asLong()});
            }
        }
        List<long[]> rows = new ArrayList<>();
        for (Map.Entry<Long, long[]> frame : played.entrySet()) {
            long[] from = sent.get(frame.getKey());
            if (from != null && frame.getKey() >= (long) warmup * FRAMES_PER_SECOND) {
                long[] at = frame.getValue();
                rows.add(new long[] {from[0], from[1], at[0], at[1], at[2]});
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", seconds);
        result.put("warmupSeconds", warmup);
        result.put("framesSent", sent.size());
        result.put("framesPlayedAsTheyCame", played.size());
        result.put("framesMeasured", rows.size());
        // captured, sent, arrived, turn, written
        put(result, "captureToPlaybackLessJitterBuffer", rows, r -> (r[4] - r[0]) - (r[3] - r[2]));
        put(result, "captureToPlayback", rows, r -> r[4] - r[0]);
        put(result, "jitterBuffer", rows, r -> r[3] - r[2]);
        put(result, "captureToSend", rows, r -> r[1] - r[0]);
        put(result, "sendToArrival", rows, r -> r[2] - r[1]);
        put(result, "turnToWritten", rows, r -> r[4] - r[3]);
        return result;
    }

    private static void put(Map<String, Object> result, String name, List<long[]> rows,
                            java.util.function.ToLongFunction<long[]> span) {
        long[] micros = rows.stream().mapToLong(span).map(nanos -> nanos / 1000).sorted().toArray();
        if (micros.length == 0) {
            result.put(name, "no frames");
            return;
        }
        result.put(name + "P50Micros", micros[micros.length / 2]);
        result.put(name + "P99Micros", micros[Math.min(micros.length - 1, (int) (micros.length * 0.99))]);
    }

    private static String[] with(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Process start(Path data, String user, int port, String log, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                "--plaintext", "--user", user, "--home", data.resolve("homes").resolve(user).toString()));
        args.addAll(List.of(command));
        return Spawned.spawn(data.resolve(log + ".log"), "org.parley.client.ParleyMain", args.toArray(String[]::new));
    }

    private static int run(Path data, String user, int port, String log, String... command)
            throws IOException, InterruptedException {
        Process process = start(data, user, port, log, command);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("parley " + String.join(" ", command) + " did not end; see " + data.resolve(log + ".log"));
        }
        return process.exitValue();
    }

    /** Sends {@code to} a note until it goes through: their node's directory reached ours. */
    private static void untilDelivered(Path data, String user, int port, String to)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run(data, user, port, user + "-hello", "send", to, "about to call") != 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(to + " never became known to " + user + "'s node; see "
                        + data.resolve(user + "-hello.log"));
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static void await(Process process, Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("never said '" + text + "'; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Syllables of a voiced sound (a 120-180 Hz fundamental and its harmonics) under a 4 Hz envelope,
     * with pauses: enough like speech for noise suppression and Opus to treat as speech.
     */
    private static void writeSpeechLike(Path file, int seconds) throws IOException {
        Random random = new Random(23);
        short[] samples = new short[seconds * RATE];
        double phase = 0;
        double pitch = 150;
        for (int i = 0; i < samples.length; i++) {
            double t = i / (double) RATE;
            if (i % (RATE / 4) == 0) {
                pitch = 120 + random.nextInt(60);
            }
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) * (((int) (t / 1.5)) % 4 == 3 ? 0 : 1);
            phase += 2 * Math.PI * pitch / RATE;
            double voiced = 0;
            for (int h = 1; h <= 8; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            samples[i] = (short) (8000 * syllable * voiced + random.nextGaussian() * 100);
        }
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
