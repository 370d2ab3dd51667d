package org.parley.client.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link FrameTimings} kept in memory while the call runs (the capture and clock threads must not
 * wait for a disk) and written at its end as JSON lines: {@code {"sent":SEQ,"captured":N,"sentAt":N}}
 * for each frame we sent, {@code {"ssrc":S,"seq":SEQ,"arrived":N,"turn":N,"written":N}} for each frame
 * of another's that played as it came (not rebuilt or concealed).
 */
final class FrameTimingsFile implements FrameTimings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Key(int ssrc, long seq) {
    }

    private final Path file;
    /** The clock thread's only, as all but {@link #close}, which comes after the call's last tick. */
    private final Queue<long[]> sent = new ConcurrentLinkedQueue<>();
    private final Map<Key, Long> arrived = new HashMap<>();
    private final Queue<ObjectNode> played = new ConcurrentLinkedQueue<>();

    private FrameTimingsFile(Path file) {
        this.file = file;
    }

    /** Checks now that {@code file} can be written, so that a bad path is said before the call. */
    static FrameTimingsFile create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write " + file + ": no such folder " + folder);
        }
        Files.newBufferedWriter(file).close();
        return new FrameTimingsFile(file);
    }

    @Override
    public void sent(long seq, long captured, long at) {
        sent.add(new long[] {seq, captured, at});
    }

    @Override
    public void arrived(int ssrc, long seq, long nanos) {
        arrived.putIfAbsent(new Key(ssrc, seq), nanos);
    }

    @Override
    public void played(int ssrc, long seq, long turn, long written) {
        Long at = arrived.remove(new Key(ssrc, seq));
        if (at == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode().put("ssrc", Integer.toUnsignedLong(ssrc)).put("seq", seq)
                .put("arrived", at).put("turn", turn).put("written", written);
        played.add(line);
    }

    @Override
    public void close() throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (long[] frame : sent) {
                out.write(JSON.writeValueAsString(JSON.createObjectNode().put("sent", frame[0])
                        .put("captured", frame[1]).put("sentAt", frame[2])));
                out.newLine();
            }
            for (ObjectNode line : played) {
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}
