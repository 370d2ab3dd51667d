package org.parley.client.shell;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.files.FileReceiver;
import org.parley.client.files.FileSender;
import org.parley.client.home.SealedLog;
import org.parley.client.session.KeptConnection;
import org.parley.client.net.RefusedException;
import org.parley.client.output.MessageLine;
import org.parley.client.output.ProgressLine;
import org.parley.protocol.e2ee.FileOffer;

/**
 * Files in the interactive session: {@code /file} sends one in the background with a progress
 * line now and then; offered files are numbered and asked about ({@code /accept N},
 * {@code /decline N}, {@code /accept all} for the rest of the session). While the user decides, the
 * file keeps arriving into a hidden part file, so the sender is not held up; it takes its name in
 * the folder only after a yes.
 */
final class FileDesk {

    /** How often a transfer's progress is shown above the prompt. */
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private record Offered(int number, String from, FileOffer offer) {
    }

    /** Files offered that are gone: declined, or dropped as damaged or incomplete; /files leaves them out. */
    private final java.util.Set<String> gone = ConcurrentHashMap.newKeySet();

    private final Vertx vertx;
    private final KeptConnection connection;
    private final Path folder;
    private final SealedLog offers;
    private final List<Offered> offered = new ArrayList<>();
    private final Map<String, ProgressLine> progress = new ConcurrentHashMap<>();
    /** Files all here and checked, waiting for a yes. */
    private final java.util.Set<String> complete = ConcurrentHashMap.newKeySet();
    private Consumer<String> say = line -> { };
    private FileReceiver receiver;
    private FileSender sender;
    private volatile boolean acceptAll;

    /** @param acceptAll every file is saved without asking, from the start */
    FileDesk(Vertx vertx, KeptConnection connection, Path folder, SealedLog offers, boolean acceptAll) {
        this.acceptAll = acceptAll;
        this.vertx = vertx;
        this.connection = connection;
        this.folder = folder;
        this.offers = offers;
    }

    /** Starts taking files, telling the user through {@code say}. Reads the kept offers; not on an event loop. */
    void start(Consumer<String> say) throws IOException {
        this.say = say;
        receiver = FileReceiver.open(vertx, folder, offers, new FileReceiver.Listener() {
            @Override
            public void started(String from, FileOffer offer, long resumedAt) {
                progress.put(offer.fileId(), new ProgressLine("receiving " + MessageLine.printable(offer.name()),
                        offer.size(), resumedAt, PROGRESS_EVERY_NANOS));
                if (!known(offer)) {
                    ask(from, offer);
                }
            }

            @Override
            public void progress(FileOffer offer, long bytes) {
                ProgressLine line = progress.get(offer.fileId());
                String text = line == null ? null : line.update(bytes);
                if (text != null) {
                    say.accept("  " + text);
                }
            }

            @Override
            public void complete(String from, FileOffer offer) {
                complete.add(offer.fileId());
                say.accept("* " + MessageLine.printable(offer.name()) + " from " + from + " is all here; /accept "
                        + numberOf(offer) + " to keep it, /decline " + numberOf(offer) + " to delete it");
            }

            @Override
            public void finished(String from, FileOffer offer, Path saved) {
                say.accept("* saved " + saved + " (" + ProgressLine.bytes(offer.size()) + ", SHA-256 checked) from "
                        + from);
            }

            @Override
            public void dropped(String fileId) {
                gone.add(fileId);
            }

            @Override
            public void failed(String from, String file, String why) {
                say.accept("! a file from " + from + " was not kept: " + why);
            }
        }, true);
        receiver.resumeKept();
        // A file under way when the connection drops goes on over the next one.
        sender = new FileSender(vertx, connection::current, connection::again)
                .onNotice(line -> say.accept("* " + line));
    }

    /** Takes files arriving on {@code messenger}'s connection: the first, and each one after a drop. */
    void attach(Messenger messenger) {
        messenger.onFiles(receiver);
    }

    private synchronized boolean known(FileOffer offer) {
        return offered.stream().anyMatch(o -> o.offer().fileId().equals(offer.fileId()));
    }

    private synchronized int numberOf(FileOffer offer) {
        return offered.stream().filter(o -> o.offer().fileId().equals(offer.fileId())).mapToInt(Offered::number)
                .findFirst().orElse(0);
    }

    private void ask(String from, FileOffer offer) {
        int number;
        synchronized (this) {
            number = offered.size() + 1;
            offered.add(new Offered(number, from, offer));
        }
        if (acceptAll) {
            receiver.accept(offer.fileId());
            say.accept("* " + from + " is sending you " + MessageLine.printable(offer.name()) + " ("
                    + ProgressLine.bytes(offer.size()) + "); it goes into " + folder);
            return;
        }
        say.accept("* " + from + " offers " + MessageLine.printable(offer.name()) + " ("
                + ProgressLine.bytes(offer.size()) + "): /accept " + number + " saves it in " + folder + ", /decline "
                + number + " refuses it");
    }

    /** {@code /file TO PATH}: sends in the background. */
    io.vertx.core.Future<FileOffer> send(String to, Path path) {
        long size = path.toFile().length();
        ProgressLine line = new ProgressLine("sending " + path.getFileName(), size, 0, PROGRESS_EVERY_NANOS);
        say.accept("  sending " + path.getFileName() + " (" + ProgressLine.bytes(size) + ") to " + to);
        return sender.send(to, path, bytes -> {
            String text = line.update(bytes);
            if (text != null && bytes < size) {
                say.accept("  " + text);
            }
        }).onSuccess(offer -> say.accept("  \u2713 " + MessageLine.printable(offer.name()) + " ("
                        + ProgressLine.bytes(offer.size()) + ") is with the network for " + to))
                .onFailure(e -> say.accept("! file " + path.getFileName() + " to " + to + " stopped: " + e.getMessage()
                        + (e instanceof RefusedException refused ? " (" + refused.code() + ")" : "")));
    }

    /** {@code from} declined a file we are sending them: stop. */
    void declined(String from, String fileId) {
        sender.declined(fileId, from, from + " declined it");
    }

    /** {@code /files}: what was offered in this session, and what became of it. */
    synchronized List<String> list() {
        List<Offered> here = offered.stream().filter(o -> !gone.contains(o.offer().fileId())).toList();
        if (here.isEmpty()) {
            return List.of("no files offered to you in this session");
        }
        return here.stream().map(o -> "  " + o.number() + ". " + MessageLine.printable(o.offer().name()) + " ("
                + ProgressLine.bytes(o.offer().size()) + ") from " + o.from()).toList();
    }

    /** {@code /accept N} or {@code /accept all}. */
    void accept(String which) {
        if ("all".equalsIgnoreCase(which)) {
            acceptAll = true;
            List<Offered> all;
            synchronized (this) {
                all = List.copyOf(offered);
            }
            all.forEach(o -> receiver.accept(o.offer().fileId()));
            say.accept("  files offered from now on in this session are saved in " + folder + " without asking");
            return;
        }
        Offered one = byNumber(which);
        if (one != null) {
            boolean waiting = !complete.contains(one.offer().fileId());
            receiver.accept(one.offer().fileId()).onSuccess(v -> {
                if (waiting) { // otherwise the line that says where it was saved says it all
                    say.accept("  accepted " + MessageLine.printable(one.offer().name()) + "; it is saved in " + folder
                            + " once all of it is here");
                }
            });
        }
    }

    /** {@code /decline N}. */
    void decline(String which) {
        Offered one = byNumber(which);
        if (one != null) {
            gone.add(one.offer().fileId());
            receiver.decline(one.offer().fileId()).onSuccess(v -> say.accept("  declined "
                    + MessageLine.printable(one.offer().name()) + " from " + one.from() + "; what came of it is deleted"));
            connection.current().files().sendDeclined(one.from(), one.offer()).onFailure(e -> say.accept("! could not tell " + one.from()
                    + " that you declined " + MessageLine.printable(one.offer().name()) + ": " + e.getMessage()));
        }
    }

    private synchronized Offered byNumber(String which) {
        try {
            int number = Integer.parseInt(which);
            if (number >= 1 && number <= offered.size()) {
                return offered.get(number - 1);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        say.accept("! no file " + which + "; /files lists them");
        return null;
    }
}
