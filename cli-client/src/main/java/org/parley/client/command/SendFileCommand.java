package org.parley.client.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.parley.client.e2ee.Incoming;
import org.parley.client.files.FileSender;
import org.parley.client.output.ProgressDisplay;
import org.parley.client.output.ProgressLine;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley send-file TO PATH}: sends a file, end-to-end encrypted, in chunks; exits 0 once the
 * recipient's node has every chunk (it keeps them if the recipient is offline; for a group, once
 * the sender's node accepted every chunk), 1 if the recipient declines it meanwhile. Progress on stderr.
 */
@Command(name = "send-file", description = "Send a file, end-to-end encrypted; exit once the recipient's node has all of it.",
        mixinStandardHelpOptions = true)
public final class SendFileCommand implements Callable<Integer> {

    private static final long CONFIRM_NOTICE_MILLIS = 3000;

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TO", description = "bob, bob@node-b, or a group: '#team@node-a'")
    private String to;

    @Parameters(index = "1", paramLabel = "PATH", description = "the file")
    private Path path;

    @Option(names = "--json", description = "print the result as a JSON object")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "give up after this long (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if ("*".equals(to)) {
            throw new IllegalArgumentException("files go to a user or a group, not to everyone ('*')");
        }
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + (java.nio.file.Files.isDirectory(path) ? " is a folder, not a file"
                    : " is not a file"));
        }
        if (!java.nio.file.Files.isReadable(path)) {
            throw new IllegalArgumentException("cannot read " + path + ": permission denied");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            long size = java.nio.file.Files.size(path);
            ProgressDisplay display = ProgressDisplay.on(err);
            ProgressLine progress = display.line("sending " + path.getFileName(), size, 0);
            long[] waitNotice = {-1};
            FileOffer offer;
            FileSender[] sender = new FileSender[1];
            // A recipient who declines stops the send (exit 1); every other message is left for a reader.
            Consumer<Incoming.FileDeclined> declined = one -> sender[0].declined(one.declined().fileId(), one.from(),
                    one.notice());
            sender[0] = new FileSender(runtime.vertx(), runtime.messenger().onDeclines(declined), () -> {
                display.say("parley: the connection to the node dropped; logging in again to go on");
                return runtime.reconnect().map(again -> again.onDeclines(declined));
            }).onNotice(line -> display.say("parley: " + line));
            try {
                offer = Await.result(sender[0].send(to, path, done -> {
                    display.progress(progress.update(done));
                    if (done == size && waitNotice[0] < 0) {
                        // Normally the recipient's node confirms within milliseconds; say why we wait if not.
                        waitNotice[0] = runtime.vertx().setTimer(CONFIRM_NOTICE_MILLIS, t -> display.say("parley: your"
                                + " node has all of " + path.getFileName() + "; waiting for " + to + "'s node to confirm"
                                + " it has it too (it may be unreachable: your node keeps the file and sends it when"
                                + " it can)"));
                    }
                }), Duration.ofSeconds(timeoutSeconds), "sending " + path);
            } finally {
                runtime.vertx().cancelTimer(waitNotice[0]);
            }
            display.done();
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("file", offer.name());
                fields.put("to", to);
                fields.put("bytes", offer.size());
                fields.put("sha256", offer.sha256());
                // to a user, the recipient's node confirmed it has every piece; to a group, ours took them
                fields.put("status", org.parley.protocol.identity.GroupAddress.isGroup(to) ? "accepted" : "stored");
                PrintWriter out = spec.commandLine().getOut();
                out.println(WireJson.mapper().writeValueAsString(fields));
                out.flush();
            }
            return ExitCode.OK;
        }
    }
}
