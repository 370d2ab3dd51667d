package org.parley.client.shell;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.client.output.WatchLines;
import org.parley.client.output.WatchProgressLine;
import org.parley.client.session.KeptConnection;
import org.parley.client.video.Destination;
import org.parley.client.video.VideoWatch;
import org.parley.client.video.WatchOptions;
import org.parley.client.video.WatchRequest;
import org.parley.client.video.WatchStatus;
import org.parley.protocol.message.Watching;

/**
 * Videos watched in the interactive session, in the background, as files are sent there: each
 * {@code /watch} is numbered, says where it goes, shows its progress now and then above the prompt
 * and says how it ended; {@code /watch} lists them, {@code /unwatch N|NAME} stops one, and leaving
 * the session stops them all, each output ending on a whole segment. A watch cut by a drop of the
 * session's connection goes on once {@link KeptConnection} has logged in again.
 */
final class WatchDesk {

    /** How often a watch's progress is shown above the prompt. */
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    /** How long leaving waits for the watches to stop and close their outputs. */
    private static final long LEAVING_WAIT_SECONDS = 10;

    private record Running(int number, VideoWatch watch, WatchProgressLine line) {
    }

    private final Vertx vertx;
    private final KeptConnection connection;
    private final Map<String, String> environment;
    private final Path folder;
    private final Consumer<String> say;
    /** Guarded by this. */
    private final Map<Integer, Running> running = new TreeMap<>();
    private int numbered;

    /** @param folder where a watch without {@code --out} writes its file */
    WatchDesk(Vertx vertx, KeptConnection connection, Map<String, String> environment, Path folder,
              Consumer<String> say) {
        this.vertx = vertx;
        this.connection = connection;
        this.environment = environment;
        this.folder = folder;
        this.say = say;
    }

    /**
     * {@code /watch NAME@NODE ...}: starts in the background; the future completes once the stream
     * began, or fails if it could not (the node refused it, say), for the session's count of what
     * failed.
     */
    Future<Void> watch(WatchOptions options, WatchRequest request) {
        Destination destination;
        try {
            destination = options.destination(environment, folder);
        } catch (IllegalArgumentException | IllegalStateException e) {
            say.accept("! /watch: " + e.getMessage());
            return Future.failedFuture(e);
        }
        if (destination instanceof Destination.StandardOutput) {
            say.accept("! /watch: the session's output is its own; write a file (--out FILE) or --play");
            return Future.failedFuture(new IllegalArgumentException("standard output"));
        }
        Promise<Void> began = Promise.promise();
        Running one;
        synchronized (this) {
            int number = ++numbered;
            one = new Running(number, new VideoWatch(vertx, connected(), request, destination, shown(number, began)),
                    new WatchProgressLine(PROGRESS_EVERY_NANOS, false));
            running.put(number, one);
        }
        one.watch().start().onComplete(done -> {
            synchronized (this) {
                running.remove(one.number());
            }
            if (done.succeeded()) {
                say.accept("* #" + one.number() + " " + WatchLines.finished(done.result()));
                began.tryComplete();
            } else {
                Throwable cause = done.cause();
                say.accept("! #" + one.number() + " " + request.video() + ": " + cause.getMessage()
                        + (cause instanceof RefusedException refused ? " (" + refused.code() + ")" : ""));
                began.tryFail(cause);
            }
        });
        return began.future();
    }

    private VideoWatch.Connection connected() {
        return new VideoWatch.Connection() {
            @Override
            public NodeSession current() {
                return connection.current().session();
            }

            @Override
            public Future<NodeSession> again() {
                return connection.again().map(Messenger::session);
            }
        };
    }

    private VideoWatch.Listener shown(int number, Promise<Void> began) {
        return new VideoWatch.Listener() {
            @Override
            public void started(Watching watching, String where, boolean resumed) {
                say.accept("  #" + number + " " + WatchLines.started(watching, where, resumed));
                began.tryComplete();
            }

            @Override
            public void progress(WatchStatus status) {
                Running one;
                synchronized (WatchDesk.this) {
                    one = running.get(number);
                }
                String text = one == null || status.complete() ? null : one.line().update(status);
                if (text != null) {
                    say.accept("  #" + number + " " + text);
                }
            }

            @Override
            public void notice(String line) {
                say.accept("* #" + number + " " + line);
            }
        };
    }

    /** {@code /watch} alone: what is being watched. */
    synchronized List<String> list() {
        if (running.isEmpty()) {
            return List.of("nothing is being watched; /watch NAME@NODE starts (/videos lists them)");
        }
        List<String> lines = new ArrayList<>();
        running.values().forEach(one -> lines.add("  #" + one.number() + " " + one.watch().request().video()));
        return lines;
    }

    /** {@code /unwatch N|NAME}: by number, address ({@code lecture@node-b}) or name ({@code lecture}). */
    void stop(String which) {
        List<Running> chosen = new ArrayList<>();
        synchronized (this) {
            for (Running one : running.values()) {
                WatchRequest request = one.watch().request();
                if (which.equals(String.valueOf(one.number())) || which.equals("#" + one.number())
                        || which.equals(request.video()) || which.equals(request.name())) {
                    chosen.add(one);
                }
            }
        }
        if (chosen.isEmpty()) {
            say.accept("! no watch " + which + "; /watch lists them");
        }
        chosen.forEach(one -> one.watch().stop("stopped"));
    }

    /** Leaving: stops every watch and waits (a while) for their outputs to close. Not on an event loop. */
    void stopAll() {
        List<Running> all;
        synchronized (this) {
            all = List.copyOf(running.values());
        }
        List<Future<VideoWatch.Result>> stopping = new ArrayList<>();
        all.forEach(one -> stopping.add(one.watch().stop("stopped as the session ended")));
        try {
            Future.join(stopping).toCompletionStage().toCompletableFuture().get(LEAVING_WAIT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (Exception e) {
            // leaving anyway; each said how it ended, or the node did not answer in time
        }
    }
}
