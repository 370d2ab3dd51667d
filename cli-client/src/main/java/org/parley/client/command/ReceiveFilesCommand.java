package org.parley.client.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.client.e2ee.Messenger;
import org.parley.client.files.FileReceiver;
import org.parley.client.home.SealedLog;
import org.parley.client.output.MessageLine;
import org.parley.client.output.ProgressDisplay;
import org.parley.client.output.ProgressLine;
import org.parley.client.session.KeptConnection;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley receive-files --dir DIR}: takes every file sent to this user into DIR (each checked
 * against its SHA-256 before it takes its name), one line per file; progress on stderr. When the
 * connection drops (its node restarted) it logs in again and the transfers go on where they were; a
 * transfer cut short by its own exit resumes the next time it runs.
 */
@Command(name = "receive-files", description = "Receive files into a folder, one line per file.",
        mixinStandardHelpOptions = true)
public final class ReceiveFilesCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where received files go")
    private Path dir;

    @Option(names = "--count", paramLabel = "N", description = "exit 0 after N files")
    private Integer count;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "exit " + ExitCode.TIMEOUT + " if the files have not all arrived by then")
    private Long timeoutSeconds;

    @Option(names = "--json", description = "one JSON object per file: file, from, bytes, sha256 (or error)")
    private boolean json;

    private sealed interface Event permits Saved, Failed, Lost {
    }

    private record Lost(String why) implements Event {
    }

    private record Saved(String from, FileOffer offer, Path path) implements Event {
    }

    private record Failed(String from, String file, String why) implements Event {
    }

    @Override
    public Integer call() throws Exception {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dir " + dir + " is a file, not a folder");
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay display = ProgressDisplay.on(err);
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            Map<String, ProgressLine> progress = new ConcurrentHashMap<>();
            SealedLog offers = runtime.fileOffers();
            FileReceiver receiver = FileReceiver.open(runtime.vertx(), dir, offers, new FileReceiver.Listener() {
                @Override
                public void started(String from, FileOffer offer, long resumedAt) {
                    progress.put(offer.fileId(), display.line("receiving " + MessageLine.printable(offer.name())
                            + " from " + from, offer.size(), resumedAt));
                    display.say((resumedAt > 0 ? "resuming " : "receiving ") + MessageLine.printable(offer.name()) + " ("
                            + ProgressLine.bytes(offer.size()) + ") from " + from
                            + (resumedAt > 0 ? " at " + ProgressLine.bytes(resumedAt) : ""));
                }

                @Override
                public void progress(FileOffer offer, long bytes) {
                    ProgressLine line = progress.get(offer.fileId());
                    display.progress(line == null ? null : line.update(bytes));
                }

                @Override
                public void finished(String from, FileOffer offer, Path saved) {
                    events.add(new Saved(from, offer, saved));
                }

                @Override
                public void failed(String from, String file, String why) {
                    events.add(new Failed(from, MessageLine.printable(file), why));
                }
            });
            KeptConnection connection = new KeptConnection(runtime.vertx(), runtime.messenger(), runtime::reconnect,
                    new KeptConnection.Listener() {
                        @Override
                        public void dropped(String why) {
                            display.say("parley: the connection to the node dropped (" + why + "); logging in again,"
                                    + " files sent meanwhile wait at the node");
                        }

                        @Override
                        public void back(Messenger fresh) {
                            display.say("parley: logged in again as " + fresh.user() + "; receiving goes on");
                        }

                        @Override
                        public void lost(String why) {
                            events.add(new Lost(why));
                        }
                    }, messenger -> messenger.onFiles(receiver).onIncoming(incoming -> { }));
            connection.start();
            try {
                return receive(connection, events, display, deadline);
            } finally {
                connection.stop(); // closing the runtime is not a drop to come back from
            }
        }
    }

    private int receive(KeptConnection connection, BlockingQueue<Event> events, ProgressDisplay display,
                        long deadline) throws Exception {
        display.say("receiving files as " + connection.current().user() + " into " + dir);
        PrintWriter out = spec.commandLine().getOut();
        int received = 0;
        while (count == null || received < count) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)),
                    TimeUnit.NANOSECONDS);
            if (event instanceof Lost lost) {
                throw new IllegalStateException(lost.why());
            }
            if (event == null) {
                if (System.nanoTime() >= deadline) {
                    display.say("parley: timed out after " + timeoutSeconds + " s with " + received
                            + (count == null ? "" : " of " + count) + " file(s)");
                    return ExitCode.TIMEOUT;
                }
                continue;
            }
            if (event instanceof Failed failed) {
                display.say("parley: WARNING: a file from " + failed.from() + " was not kept: " + failed.why());
                if (json) {
                    out.println(WireJson.mapper().writeValueAsString(Map.of("file", failed.file(), "from",
                            failed.from(), "error", failed.why())));
                    out.flush();
                }
                continue;
            }
            Saved saved = (Saved) event;
            display.done();
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("file", saved.path().toString());
                fields.put("from", saved.from());
                fields.put("bytes", saved.offer().size());
                fields.put("sha256", saved.offer().sha256());
                out.println(WireJson.mapper().writeValueAsString(fields));
            } else {
                out.println(saved.path() + "  " + ProgressLine.bytes(saved.offer().size()) + " from "
                        + saved.from());
            }
            out.flush();
            received++;
        }
        return ExitCode.OK;
    }
}
