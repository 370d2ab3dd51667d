package org.parley.client.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.NodeSession;
import org.parley.client.output.ProgressDisplay;
import org.parley.client.output.WatchLines;
import org.parley.client.output.WatchProgressLine;
import org.parley.client.video.Destination;
import org.parley.client.video.VideoWatch;
import org.parley.client.video.WatchOptions;
import org.parley.client.video.WatchRequest;
import org.parley.client.video.WatchStatus;
import org.parley.protocol.message.Watching;
import io.vertx.core.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley watch NAME@NODE}: streams a video as MPEG-TS into a file, standard output or
 * ffplay, whole segments only, with its progress on stderr; resumes by itself when the stream or
 * the connection is cut. Exits 0 once all of it is written (or the player was closed); Ctrl-C stops
 * the stream and leaves what was written whole.
 */
@Command(name = "watch", description = "Watch a video: MPEG-TS into a file, standard output or ffplay.",
        mixinStandardHelpOptions = true)
public final class WatchCommand implements Callable<Integer> {

    /** How long Ctrl-C waits for the stream to stop and the output to close. */
    private static final long STOP_WAIT_SECONDS = 10;

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private WatchOptions options;

    @Override
    public Integer call() throws Exception {
        WatchRequest request;
        Destination destination;
        try {
            request = options.request();
            destination = options.destination(parent.connection().environment(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (destination instanceof Destination.StandardOutput && System.console() != null) {
            throw new ParameterException(spec.commandLine(), "--out - would write the video onto your terminal:"
                    + " pipe it (| ffplay -), or give a file");
        }
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch left = new CountDownLatch(1);
        VideoWatch[] watch = new VideoWatch[1];
        // Ctrl-C: stop the stream, so the node frees it and the output ends on a whole segment.
        Thread interrupt = new Thread(() -> {
            try {
                if (watch[0] != null) {
                    watch[0].stop("stopped").toCompletionStage().toCompletableFuture()
                            .get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                }
                left.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception leaving) {
                // leaving anyway
            }
        }, "parley-watch-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupt);
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(err)) {
            ProgressDisplay display = ProgressDisplay.on(err);
            watch[0] = new VideoWatch(runtime.vertx(), connection(runtime), request, destination, shown(display));
            VideoWatch.Result result = Await.result(watch[0].start());
            display.done();
            display.say("parley: " + WatchLines.finished(result));
            return ExitCode.OK;
        } finally {
            left.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
    }

    private static VideoWatch.Connection connection(ClientRuntime runtime) {
        return new VideoWatch.Connection() {
            @Override
            public NodeSession current() {
                return runtime.session();
            }

            @Override
            public Future<NodeSession> again() {
                return runtime.reconnect().map(Messenger::session);
            }
        };
    }

    private static VideoWatch.Listener shown(ProgressDisplay display) {
        WatchProgressLine line = display.watchLine();
        return new VideoWatch.Listener() {
            @Override
            public void started(Watching watching, String where, boolean resumed) {
                display.say("parley: " + WatchLines.started(watching, where, resumed));
            }

            @Override
            public void progress(WatchStatus status) {
                display.progress(line.update(status));
            }

            @Override
            public void notice(String text) {
                display.say("parley: " + text);
            }
        };
    }
}
