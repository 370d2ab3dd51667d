package org.parley.client.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.message.Watching;

/**
 * Writes one watch's whole segments, in order, on a thread of its own: a player that reads at the
 * pace of playback blocks only this thread, never an event loop nor another watch's writes. After
 * a write fails, the rest are refused with the same failure.
 */
final class SegmentWriter {

    private static final AtomicLong WRITERS = new AtomicLong();

    private final WorkerExecutor worker;
    private final Destination destination;
    /** Touched on the worker only. */
    private VideoOutput output;
    private IOException broken;

    SegmentWriter(Vertx vertx, Destination destination) {
        this.destination = destination;
        // A writer blocked on a paused player is waiting, not stuck: no blocked-thread warnings for a day.
        this.worker = vertx.createSharedWorkerExecutor("parley-video-" + WRITERS.incrementAndGet(), 1, 1,
                TimeUnit.DAYS);
    }

    /** Opens the output for a stream that began as {@code watching}; says where it goes. */
    Future<String> open(WatchRequest request, Watching watching) {
        return worker.executeBlocking(() -> {
            output = destination.open(request, watching);
            return output.where();
        }, true);
    }

    Future<Void> write(Segment segment) {
        return worker.executeBlocking(() -> {
            if (broken != null) {
                throw broken;
            }
            if (output != null) {
                try {
                    output.write(segment);
                } catch (IOException e) {
                    broken = e;
                    throw e;
                }
            }
            return null;
        }, true);
    }

    /**
     * Closes the output once what was given is written (a player is waited for); {@code abandon}
     * ends a player at once instead.
     */
    Future<Void> close(boolean abandon) {
        return worker.<Void>executeBlocking(() -> {
            if (output != null) {
                if (abandon) {
                    output.abandon();
                }
                output.close();
            }
            return null;
        }, true).eventually(worker::close);
    }
}
