package org.parley.node.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.node.TestClient;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.Watching;

/**
 * A client's side of one stream, as a test reads it: the {@code watching} (or the error instead),
 * each segment's bytes as its pieces came, and the {@code video-end}. Frames of other streams and
 * other kinds are left to the test.
 */
final class Viewer {

    private static final long STREAM_SECONDS = 60;

    final String id;
    Watching watching;
    ErrorFrame refused;
    /** Each segment's bytes, in the order the segments came; only segments whose last piece came. */
    final Map<Integer, byte[]> whole = new LinkedHashMap<>();
    final List<String> resolutions = new ArrayList<>();
    VideoEnd end;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private int partialSegment = -1;

    private Viewer(String id) {
        this.id = id;
    }

    /** Sends {@code watch} and reads its answer: {@code watching}, or an error. */
    static Viewer start(TestClient client, Watch watch) throws Exception {
        Viewer viewer = new Viewer(watch.id());
        client.send(watch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STREAM_SECONDS);
        while (viewer.watching == null && viewer.refused == null) {
            assertTrue(System.nanoTime() < deadline, "no answer to watch " + watch.id());
            viewer.offer(client.poll(1000));
        }
        return viewer;
    }

    /** Watches to the end: {@code watching}, every piece, {@code video-end}. */
    static Viewer watch(TestClient client, Watch watch) throws Exception {
        Viewer viewer = start(client, watch);
        if (viewer.refused == null) {
            viewer.readToEnd(client);
        }
        return viewer;
    }

    /** Reads this stream's frames until its {@code video-end}. */
    Viewer readToEnd(TestClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STREAM_SECONDS);
        while (end == null) {
            assertTrue(System.nanoTime() < deadline, "stream " + id + " did not end; segments so far "
                    + whole.keySet());
            offer(client.poll(1000));
        }
        return this;
    }

    /** Takes a frame if it belongs to this stream; returns whether it did. */
    boolean offer(Frame<ServerMessage> frame) {
        if (frame == null) {
            return false;
        }
        ServerMessage header = frame.header();
        if (header instanceof Watching w && w.id().equals(id)) {
            watching = w;
        } else if (header instanceof ErrorFrame e && id.equals(e.ref())) {
            refused = e;
        } else if (header instanceof VideoEnd e && e.id().equals(id)) {
            end = e;
        } else if (header instanceof VideoData data && data.id().equals(id)) {
            piece(data, frame.body());
        } else {
            return false;
        }
        return true;
    }

    private void piece(VideoData data, byte[] body) {
        if (data.segment() != partialSegment) {
            assertEquals(0, data.offset(), "segment " + data.segment() + " began at offset " + data.offset());
            partial.reset();
            partialSegment = data.segment();
        }
        assertEquals(partial.size(), data.offset(), "a piece of segment " + data.segment() + " out of place");
        partial.writeBytes(body);
        if (data.last()) {
            whole.put(data.segment(), partial.toByteArray());
            resolutions.add(data.resolution());
            partialSegment = -1;
        }
    }

    /** Every planned segment came whole, byte for byte, in plan order, and nothing else. */
    void assertReceived(WatchPlan plan) {
        assertNotNull(end, "the stream has not ended");
        assertEquals(plan.segments().stream().map(p -> p.segment().index()).toList(), List.copyOf(whole.keySet()),
                "segments");
        for (WatchPlan.Planned planned : plan.segments()) {
            assertArrayEquals(bytesOf(planned), whole.get(planned.segment().index()),
                    "segment " + planned.segment().index() + " of " + planned.resolution());
        }
        assertEquals(plan.segments().stream().map(p -> p.resolution().toString()).toList(), resolutions);
    }

    static byte[] bytesOf(WatchPlan.Planned planned) {
        try {
            return Files.readAllBytes(planned.segment().file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
