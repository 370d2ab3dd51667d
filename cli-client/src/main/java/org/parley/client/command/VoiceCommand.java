package org.parley.client.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.parley.client.output.VoiceLines;
import org.parley.client.voice.CallMedia;
import org.parley.client.voice.CallReport;
import org.parley.client.voice.CallSignalling;
import org.parley.client.voice.VoiceCall;
import org.parley.protocol.message.VoiceRoom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley voice ...}: voice rooms, a group's ({@code #team@node-a}) or a call with one user
 * ({@code bob@node-b}). {@code join} takes part until its input ends, {@code --seconds} pass, or
 * Ctrl-C; who joins and leaves, and at the end what was sent and heard, go to stderr.
 */
@Command(name = "voice", description = "Voice rooms: join a group's room or call a user; see who is in a room.",
        mixinStandardHelpOptions = true)
public final class VoiceCommand implements Callable<Integer> {

    /** How long leaving may take (the files are closed, the node told) when Ctrl-C ends the call. */
    private static final Duration LEAVING = Duration.ofSeconds(5);

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "join", description = "Join a voice room: speak --in (or the microphone), hear into --out"
            + " (or the speaker). Audio is end-to-end encrypted.")
    int join(@Parameters(paramLabel = "TARGET", description = "#team@node-a, or bob@node-b for a call") String target,
             @Option(names = "--in", paramLabel = "FILE", description = "a WAV file to speak (48 kHz mono is best;"
                     + " other rates are resampled)") Path in,
             @Option(names = "--out", paramLabel = "FILE", description = "a WAV file to write what you hear into,"
                     + " in time (silence where nobody speaks)") Path out,
             @Option(names = "--seconds", paramLabel = "N", description = "stay N seconds (default: as long as"
                     + " --in lasts; without --in, until Ctrl-C)") Integer seconds,
             @Option(names = "--no-noise-suppression", description = "send your input as it is")
             boolean noNoiseSuppression,
             @Option(names = "--live", description = "with --in: speak the file as a microphone would, each 20 ms"
                     + " frame encoded and sent as its time comes, instead of encoding ahead") boolean live,
             @Option(names = "--timings", paramLabel = "FILE", description = "at the end, write when each frame was"
                     + " captured and sent, and when each heard frame arrived, left the jitter buffer and was"
                     + " written (System.nanoTime, JSON lines): for measuring latency") Path timings)
            throws Exception {
        if (seconds != null && seconds < 1) {
            throw new IllegalArgumentException("--seconds must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> say = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        // The files first: a missing input is said before anything goes to the node.
        if (live && in == null) {
            throw new IllegalArgumentException("--live paces a file given with --in; a microphone is live already");
        }
        CallMedia media = CallMedia.prepare(in, out, !noNoiseSuppression, live, timings, say);
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(err)) {
            // Voice keys only: messages that arrive meanwhile wait at the node for the next session that reads.
            runtime.messenger().onVoiceKeysOnly();
            VoiceCall call = new VoiceCall(runtime.vertx(), CallSignalling.of(runtime.messenger()), media, seconds,
                    say);
            runtime.session().onVoiceRoom(call::news);
            runtime.session().closedFuture().onComplete(closed -> call.leave("the connection to the node was lost: "
                    + runtime.session().closeReason()));
            Await.result(call.join(target), ClientRuntime.REQUEST_TIMEOUT, "joining " + target);
            java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();
            // Ctrl-C: the WAV file is finished and the node told before the process ends.
            Thread leaveOnInterrupt = new Thread(() -> leave(call, "interrupted", say, reported), "parley-voice-leave");
            Runtime.getRuntime().addShutdownHook(leaveOnInterrupt);
            String why = call.ended().toCompletionStage().toCompletableFuture().get();
            CallReport report = leave(call, why, say, reported);
            Runtime.getRuntime().removeShutdownHook(leaveOnInterrupt);
            return report != null && report.ended().startsWith("the connection") ? ExitCode.ERROR : ExitCode.OK;
        } catch (Exception e) {
            media.close(); // never joined, or the runtime failed: the files are still ours to close
            throw e;
        }
    }

    /** Leaves and says what the call did, once however many ask. */
    private static CallReport leave(VoiceCall call, String why, Consumer<String> say,
                                    java.util.concurrent.atomic.AtomicBoolean reported) {
        try {
            CallReport report = Await.result(call.leave(why), LEAVING, "leaving the voice room");
            if (reported.compareAndSet(false, true)) {
                report.lines().forEach(say);
            }
            return report;
        } catch (Exception e) {
            say.accept("parley: leaving the voice room: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "who", description = "Who is in a voice room, across nodes, and who is speaking.")
    int who(@Parameters(paramLabel = "TARGET", description = "#team@node-a, or bob@node-b for a call") String target,
            @Option(names = "--json", description = "one JSON object: room, epoch, participants (user, ssrc,"
                    + " speaking)") boolean json) throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            VoiceRoom room = Await.result(runtime.session().voiceWho(target), ClientRuntime.REQUEST_TIMEOUT,
                    "asking who is in " + target);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(VoiceLines.json(room));
            } else {
                VoiceLines.text(room).forEach(out::println);
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
