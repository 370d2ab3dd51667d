package org.parley.client.shell;

import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.ReceiptStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.parley.client.home.SealedLog;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.parley.client.e2ee.Incoming;
import org.parley.client.e2ee.KeyVerification;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.NodeSession;
import org.parley.client.session.KeptConnection;
import org.parley.client.net.RefusedException;
import org.parley.client.output.GroupLines;
import org.parley.client.output.VideoLines;
import org.parley.client.output.WhoLine;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.UserStatus;

/**
 * The interactive session: JLine for editing and history, arrivals printed above the prompt
 * while the user types. A dropped connection does not end it: {@link KeptConnection} logs in again.
 */
public final class InteractiveShell {

    private final Vertx vertx;
    private final Messenger first;
    private final KeptConnection.Login login;
    private final String me;
    private final Path filesDir;
    private final SealedLog offers;
    private final boolean acceptFiles;
    private final java.util.Map<String, String> environment;
    private final ShellWork work = new ShellWork();
    private final ReceiptMarks marks = new ReceiptMarks();
    private final Names names = new Names();
    private Colours colours = new Colours(false);
    private KeptConnection connection;
    private FileDesk files;
    private WatchDesk watches;
    private VoiceDesk voice;
    private volatile String lastRecipient;
    /** Who last wrote to us directly, for {@code /r}. */
    private volatile String lastSender;
    private volatile LineReader reader;

    /** @param login logs in again, with the same keys and password, after the connection dropped */
    public InteractiveShell(Vertx vertx, Messenger messenger, KeptConnection.Login login, Path filesDir,
                            SealedLog offers, boolean acceptFiles, java.util.Map<String, String> environment) {
        this.environment = environment;
        this.vertx = vertx;
        this.first = messenger;
        this.login = login;
        this.me = messenger.user();
        this.filesDir = filesDir;
        this.offers = offers;
        this.acceptFiles = acceptFiles;
    }

    /** Runs until /quit, end of input, or a node that will not have us back; returns the exit code. */
    public int run() throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().name("parley").system(true).build()) {
            // Line history stays in memory: on disk it would hold every message typed, in clear,
            // beside the conversation history that is kept encrypted.
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("parley")
                    .completer(names)
                    .build();
            this.reader = reader;
            LineLimit.install(reader, ShellCommand.MAX_LINE_CHARS);
            colours = Colours.of(terminal, environment);
            boolean color = colours.on();
            connection = new KeptConnection(vertx, first, login, new KeptConnection.Listener() {
                @Override
                public void dropped(String why) {
                    reader.printAbove(colours.bad("! disconnected: " + why) + "; logging in again (what is sent to you"
                            + " meanwhile waits at your node; what you type waits here)");
                }

                @Override
                public void failedAgain(String why, long nextMillis) {
                    reader.printAbove("! could not log in again: " + why + "; trying again in "
                            + (nextMillis < 1000 ? nextMillis + " ms" : nextMillis / 1000 + " s"));
                }

                @Override
                public void back(Messenger fresh) {
                    reader.printAbove(colours.good("* logged in again as " + fresh.user()));
                    int waiting = work.queuedCount();
                    if (waiting > 0) {
                        reader.printAbove("  sending the " + waiting + " command(s) you typed while disconnected");
                        work.runQueued(command -> execute(command, reader));
                    }
                }

                @Override
                public void lost(String why) {
                    reader.printAbove("! " + why + " (press Enter to exit)");
                }
            }, messenger -> attach(messenger, reader, color));
            files = new FileDesk(vertx, connection, filesDir, offers, acceptFiles);
            files.start(reader::printAbove);
            watches = new WatchDesk(vertx, connection, environment, Path.of("").toAbsolutePath(), reader::printAbove);
            voice = new VoiceDesk(vertx, connection);
            voice.start(reader::printAbove);
            connection.start();
            reader.printAbove("Logged in as " + me + ". Type /help for commands.");
            learnNames();
            try {
                return loop(reader);
            } finally {
                watches.stopAll(); // each output ends on a whole segment
                voice.stop();
                connection.stop();
            }
        }
    }

    /** Shows what arrives on a connection: the first, and each one after a drop. */
    private void attach(Messenger messenger, LineReader reader, boolean color) {
        NodeSession session = messenger.session();
        files.attach(messenger); // before onIncoming, which lets in what waited at the node, offers too
        voice.attach(messenger);
        session.onNotice(line -> reader.printAbove(colours.quiet("* " + line)));
        messenger.onIncoming(incoming -> {
            if (incoming instanceof Incoming.Shown shown) {
                reader.printAbove(shown.message().text(color));
                names.user(shown.message().from());
                names.user(shown.message().to());
                if (!"*".equals(shown.message().to()) && !shown.message().to().startsWith("#")) {
                    lastSender = shown.message().from();
                    session.read(shown.message().id(), shown.message().from());
                }
            } else if (incoming instanceof Incoming.FileDeclined declined) {
                reader.printAbove("* " + declined.notice());
                files.declined(declined.from(), declined.declined().fileId());
            } else if (incoming instanceof Incoming.FileWaiting waiting) {
                reader.printAbove("* " + waiting.notice());
            } else if (incoming instanceof Incoming.Refused refused) {
                reader.printAbove((color ? "\u001b[1;31m" : "") + "! WARNING: " + refused.warning()
                        + (color ? "\u001b[0m" : ""));
            }
        });
        session.onPresence(notice -> reader.printAbove("* " + colours.name(notice.user()) + switch (notice.status()) {
            case ONLINE -> " is online";
            case AWAY -> " is away";
            case OFFLINE -> " went offline" + (notice.reason() == null ? "" : " (" + notice.reason() + ")");
        }));
        session.onReceipt(receipt -> {
            if (!messenger.isOwnTraffic(receipt)) {
                String line = marks.line(receipt);
                if (line != null) {
                    reader.printAbove(ReceiptStatus.EXPIRED.equals(receipt.status()) ? colours.bad(line) : colours.good(line));
                }
            }
        });
        session.onLateError(error -> reader.printAbove("! " + error.message()));
        session.onGroupNotice(notice -> reader.printAbove("* " + GroupLines.text(notice)));
    }

    private Messenger messenger() {
        return connection.current();
    }

    private NodeSession session() {
        return connection.current().session();
    }

    /** Names for completion: who the network lists, and our groups, once at the start. */
    private void learnNames() {
        // The first page of who is enough to start with (a large network lists thousands); more come as seen.
        session().whoPage(null).onSuccess(page -> page.users().forEach(user -> names.user(user.user())));
        session().groups().onSuccess(list -> list.groups().forEach(group -> names.user(group.group())));
    }

    private int loop(LineReader reader) throws InterruptedException {
        while (!connection.lost()) {
            String line;
            try {
                line = reader.readLine(me + "> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C clears the line, as in a shell
            } catch (EndOfFileException e) {
                return finish(reader);
            }
            if (connection.lost()) {
                return 1;
            }
            ShellCommand command = ShellCommand.parse(line);
            if (command instanceof ShellCommand.Quit) {
                return finish(reader);
            }
            if (!connection.connected() && needsNode(command)) {
                int waiting = work.queue(command);
                reader.printAbove(colours.quiet("  not connected: this waits and goes once you are logged in again ("
                        + waiting + " waiting)"));
                continue;
            }
            execute(command, reader);
        }
        return 1;
    }

    /**
     * The end of input or /quit: what was asked of the node is done first (a piped session's last
     * /msg must leave before we say goodbye); non-zero if any of it failed or could not go.
     */
    private int finish(LineReader reader) throws InterruptedException {
        if (!work.drain(LEAVING_WAIT)) {
            reader.printAbove(colours.bad("! leaving with " + (work.queuedCount() + work.runningCount())
                    + " command(s) not done: the node did not answer or you are not logged in"));
            return 1;
        }
        return work.failures() == 0 ? 0 : 1;
    }

    /** How long leaving waits for what was asked of the node. */
    private static final java.time.Duration LEAVING_WAIT = java.time.Duration.ofSeconds(30);

    private static boolean needsNode(ShellCommand command) {
        return !(command instanceof ShellCommand.Help || command instanceof ShellCommand.History
                || command instanceof ShellCommand.Files || command instanceof ShellCommand.Empty
                || command instanceof ShellCommand.Invalid || command instanceof ShellCommand.Quit
                || command instanceof ShellCommand.Watches || command instanceof ShellCommand.Unwatch
                || command instanceof ShellCommand.Fingerprint fingerprint && fingerprint.user() == null);
    }

    private void execute(ShellCommand command, LineReader reader) {
        if (command instanceof ShellCommand.ReplyToSender reply) {
            if (lastSender == null) {
                reader.printAbove("! nobody has written to you yet in this session; /msg USER TEXT");
            } else {
                lastRecipient = lastSender;
                send(reader, lastSender, reply.text());
            }
        } else if (command instanceof ShellCommand.Message message) {
            lastRecipient = message.to();
            send(reader, message.to(), message.text());
        } else if (command instanceof ShellCommand.Reply reply) {
            if (lastRecipient == null) {
                reader.printAbove("! who to? start with /msg USER TEXT or /all TEXT (/help for more)");
            } else {
                send(reader, lastRecipient, reply.text());
            }
        } else if (command instanceof ShellCommand.Broadcast broadcast) {
            send(reader, "*", broadcast.text());
        } else if (command instanceof ShellCommand.Who who && who.user() != null) {
            work.track(session().whoIs(who.user())).onComplete(answer -> {
                if (answer.failed()) {
                    reader.printAbove("! " + answer.cause().getMessage());
                    return;
                }
                names.user(answer.result().user());
                reader.printAbove("  " + WhoLine.text(answer.result()) + " (you will see when this changes)");
            });
        } else if (command instanceof ShellCommand.Who) {
            work.track(session().who()).onComplete(answer -> {
                if (answer.failed()) {
                    reader.printAbove("! " + answer.cause().getMessage());
                    return;
                }
                List<UserStatus> users = answer.result();
                StringBuilder lines = new StringBuilder(WhoLine.count(users) + ":");
                for (UserStatus user : users) {
                    names.user(user.user());
                    lines.append("\n  ").append(WhoLine.text(user)); // one redraw of the prompt, however many
                }
                reader.printAbove(lines.toString());
            });
        } else if (command instanceof ShellCommand.Groups) {
            groups(reader);
        } else if (command instanceof ShellCommand.Group group) {
            group(reader, group);
        } else if (command instanceof ShellCommand.Fingerprint fingerprint) {
            KeyVerification verification = new KeyVerification(messenger());
            if (fingerprint.user() == null) {
                verification.ownFingerprint().forEach(reader::printAbove);
            } else {
                printLines(reader, verification.safetyNumber(fingerprint.user()));
            }
        } else if (command instanceof ShellCommand.Trust trust) {
            printLines(reader, work.track(new KeyVerification(messenger()).trust(trust.user())));
        } else if (command instanceof ShellCommand.History history) {
            messenger().history(history.user(), history.limit()).onComplete(entries -> {
                if (entries.failed()) {
                    reader.printAbove("! " + entries.cause().getMessage());
                } else if (entries.result().isEmpty()) {
                    reader.printAbove("no messages with " + history.user() + " yet");
                } else {
                    entries.result().forEach(entry -> reader.printAbove(entry.line()));
                }
            });
        } else if (command instanceof ShellCommand.SendFile file) {
            Path path = Path.of(file.path().strip());
            if (!java.nio.file.Files.isRegularFile(path)) {
                reader.printAbove("! " + path + " is not a file");
            } else if ("*".equals(file.to())) {
                reader.printAbove("! files go to a user or a group, not to everyone");
            } else {
                work.track(files.send(file.to(), path));
            }
        } else if (command instanceof ShellCommand.Files) {
            files.list().forEach(reader::printAbove);
        } else if (command instanceof ShellCommand.Accept accept) {
            files.accept(accept.which());
        } else if (command instanceof ShellCommand.Decline decline) {
            files.decline(decline.which());
        } else if (command instanceof ShellCommand.Videos videos) {
            videos(reader, videos.node());
        } else if (command instanceof ShellCommand.Watch watch) {
            work.track(watches.watch(watch.options(), watch.request()));
        } else if (command instanceof ShellCommand.Watches) {
            watches.list().forEach(reader::printAbove);
        } else if (command instanceof ShellCommand.Unwatch unwatch) {
            watches.stop(unwatch.which());
        } else if (command instanceof ShellCommand.Voice request) {
            Future<?> asked = voice.handle(request.request());
            if (asked != null) {
                work.track(asked);
            }
        } else if (command instanceof ShellCommand.Help) {
            reader.printAbove(ShellCommand.HELP);
        } else if (command instanceof ShellCommand.Invalid invalid) {
            reader.printAbove("! " + invalid.reason());
        }
    }

    private void groups(LineReader reader) {
        work.track(session().groups()).onSuccess(list -> {
            if (list.groups().isEmpty()) {
                reader.printAbove("no groups yet; /group create NAME makes one");
            }
            list.groups().forEach(g -> {
                names.user(g.group());
                reader.printAbove("  " + GroupLines.text(g));
            });
        }).onFailure(e -> reader.printAbove("! " + e.getMessage()));
    }

    private void videos(LineReader reader, String node) {
        work.track(session().videos(node)).onSuccess(list -> {
            // one redraw of the prompt, however many
            reader.printAbove(String.join("\n", VideoLines.table(list.videos(), node).stream().map(line -> "  " + line)
                    .toList()));
        }).onFailure(e -> reader.printAbove("! /videos: " + e.getMessage()
                + (e instanceof RefusedException refused ? " (" + refused.code() + ")" : "")));
    }

    private void group(LineReader reader, ShellCommand.Group command) {
        work.track(session().group(command.action(), command.group(), command.user(),
                command.action() == GroupAction.CREATE ? !command.inviteOnly() : null)).onSuccess(info -> {
                    reader.printAbove("  " + GroupLines.text(info));
                    if (command.action() == GroupAction.MEMBERS) {
                        GroupLines.members(info, false).forEach(line -> reader.printAbove("    " + line));
                    }
                }).onFailure(e -> reader.printAbove("! " + command.action().word() + " " + command.group() + ": "
                        + e.getMessage()));
    }

    private static void printLines(LineReader reader, io.vertx.core.Future<List<String>> lines) {
        lines.onSuccess(list -> list.forEach(reader::printAbove))
                .onFailure(e -> reader.printAbove("! " + e.getMessage()));
    }

    private void send(LineReader reader, String to, String text) {
        names.user(to);
        work.track(messenger().send(to, text)).onComplete(result -> {
            if (result.failed()) {
                Throwable cause = result.cause();
                String code = cause instanceof RefusedException refused ? " (" + refused.code() + ")" : "";
                reader.printAbove(colours.bad("! not sent to " + to + ": " + cause.getMessage() + code));
            } else if ("*".equals(to)) {
                int nodes = result.result().forwarded();
                reader.printAbove("  ✓ to everyone (" + result.result().recipients() + " online here"
                        + (nodes == 0 ? "" : ", and every user of " + nodes + (nodes == 1 ? " other node" : " other nodes"))
                        + ")");
            } else {
                marks.sent(result.result().id(), text);
                reader.printAbove(colours.good("  \u2713 " + to) + ": \"" + ReceiptMarks.quote(text) + "\"");
                result.result().missed().forEach((node, why) -> reader.printAbove(colours.bad("  but not to the members"
                        + " on " + node + ": " + why)));
            }
        });
    }
}
