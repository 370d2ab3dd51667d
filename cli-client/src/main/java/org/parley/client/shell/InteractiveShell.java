package org.parley.client.shell;

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
    private KeptConnection connection;
    private FileDesk files;
    private String lastRecipient;

    /** @param login logs in again, with the same keys and password, after the connection dropped */
    public InteractiveShell(Vertx vertx, Messenger messenger, KeptConnection.Login login, Path filesDir,
                            SealedLog offers, boolean acceptFiles) {
        this.vertx = vertx;
        this.first = messenger;
        this.login = login;
        this.me = messenger.user();
        this.filesDir = filesDir;
        this.offers = offers;
        this.acceptFiles = acceptFiles;
    }

    /** Runs until /quit, end of input, or a node that will not have us back; returns the exit code. */
    public int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("parley").system(true).build()) {
            // Line history stays in memory: on disk it would hold every message typed, in clear,
            // beside the conversation history that is kept encrypted.
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("parley")
                    .build();
            boolean color = !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            connection = new KeptConnection(vertx, first, login, new KeptConnection.Listener() {
                @Override
                public void dropped(String why) {
                    reader.printAbove("! disconnected: " + why + "; logging in again (what is sent to you meanwhile"
                            + " waits at your node)");
                }

                @Override
                public void back(Messenger fresh) {
                    reader.printAbove("* logged in again as " + fresh.user());
                }

                @Override
                public void lost(String why) {
                    reader.printAbove("! " + why + " (press Enter to exit)");
                }
            }, messenger -> attach(messenger, reader, color));
            files = new FileDesk(vertx, connection, filesDir, offers, acceptFiles);
            files.start(reader::printAbove);
            connection.start();
            reader.printAbove("Logged in as " + me + ". Type /help for commands.");
            try {
                return loop(reader);
            } finally {
                connection.stop();
            }
        }
    }

    /** Shows what arrives on a connection: the first, and each one after a drop. */
    private void attach(Messenger messenger, LineReader reader, boolean color) {
        NodeSession session = messenger.session();
        files.attach(messenger); // before onIncoming, which lets in what waited at the node, offers too
        messenger.onIncoming(incoming -> {
            if (incoming instanceof Incoming.Shown shown) {
                reader.printAbove(shown.message().text(color));
                if (!"*".equals(shown.message().to()) && !shown.message().to().startsWith("#")) {
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
        session.onPresence(notice -> reader.printAbove("* " + notice.user() + switch (notice.status()) {
            case ONLINE -> " is online";
            case AWAY -> " is away";
            case OFFLINE -> " went offline" + (notice.reason() == null ? "" : " (" + notice.reason() + ")");
        }));
        session.onReceipt(receipt -> {
            if (!messenger.isOwnTraffic(receipt)) {
                printReceipt(reader, receipt);
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

    private static void printReceipt(LineReader reader, Receipt receipt) {
        reader.printAbove(switch (receipt.status()) {
            case Receipt.DELIVERED -> "  \u2713\u2713 delivered to " + receipt.to();
            case Receipt.READ -> "  \u2713\u2713 read by " + receipt.to();
            case Receipt.EXPIRED -> "! your message to " + receipt.to() + " waited too long and was dropped";
            default -> "  " + receipt.status() + ": " + receipt.to();
        });
    }

    private int loop(LineReader reader) {
        while (!connection.lost()) {
            String line;
            try {
                line = reader.readLine(me + "> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C clears the line, as in a shell
            } catch (EndOfFileException e) {
                return 0;
            }
            if (connection.lost()) {
                return 1;
            }
            ShellCommand command = ShellCommand.parse(line);
            if (command instanceof ShellCommand.Quit) {
                return 0;
            }
            execute(command, reader);
        }
        return 1;
    }

    private void execute(ShellCommand command, LineReader reader) {
        if (command instanceof ShellCommand.Message message) {
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
        } else if (command instanceof ShellCommand.Who) {
            session().who().onComplete(answer -> {
                if (answer.failed()) {
                    reader.printAbove("! " + answer.cause().getMessage());
                    return;
                }
                List<UserStatus> users = answer.result();
                long online = users.stream().filter(u -> u.status() != Presence.OFFLINE).count();
                StringBuilder lines = new StringBuilder(online + " online, " + (users.size() - online) + " offline:");
                for (UserStatus user : users) {
                    lines.append("\n  ").append(WhoLine.text(user)); // one redraw of the prompt, however many
                }
                reader.printAbove(lines.toString());
            });
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
            printLines(reader, new KeyVerification(messenger()).trust(trust.user()));
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
                files.send(file.to(), path);
            }
        } else if (command instanceof ShellCommand.Files) {
            files.list().forEach(reader::printAbove);
        } else if (command instanceof ShellCommand.Accept accept) {
            files.accept(accept.which());
        } else if (command instanceof ShellCommand.Decline decline) {
            files.decline(decline.which());
        } else if (command instanceof ShellCommand.Help) {
            reader.printAbove(ShellCommand.HELP);
        } else if (command instanceof ShellCommand.Invalid invalid) {
            reader.printAbove("! " + invalid.reason());
        }
    }

    private void group(LineReader reader, ShellCommand.Group command) {
        if ("list".equals(command.action())) {
            session().groups().onSuccess(list -> {
                if (list.groups().isEmpty()) {
                    reader.printAbove("no groups yet; /group create NAME makes one");
                }
                list.groups().forEach(g -> reader.printAbove("  " + GroupLines.text(g)));
            }).onFailure(e -> reader.printAbove("! " + e.getMessage()));
            return;
        }
        session().group(command.action(), command.group(), command.user(),
                "create".equals(command.action()) ? !command.inviteOnly() : null).onSuccess(info -> {
                    reader.printAbove("  " + GroupLines.text(info));
                    if ("members".equals(command.action())) {
                        GroupLines.members(info, false).forEach(line -> reader.printAbove("    " + line));
                    }
                }).onFailure(e -> reader.printAbove("! " + command.action() + " " + command.group() + ": "
                        + e.getMessage()));
    }

    private static void printLines(LineReader reader, io.vertx.core.Future<List<String>> lines) {
        lines.onSuccess(list -> list.forEach(reader::printAbove))
                .onFailure(e -> reader.printAbove("! " + e.getMessage()));
    }

    private void send(LineReader reader, String to, String text) {
        messenger().send(to, text).onComplete(result -> {
            if (result.failed()) {
                Throwable cause = result.cause();
                String code = cause instanceof RefusedException refused ? " (" + refused.code() + ")" : "";
                reader.printAbove("! not sent to " + to + ": " + cause.getMessage() + code);
            } else if ("*".equals(to)) {
                int nodes = result.result().forwarded();
                reader.printAbove("  ✓ to everyone (" + result.result().recipients() + " online here"
                        + (nodes == 0 ? "" : ", and every user of " + nodes + (nodes == 1 ? " other node" : " other nodes"))
                        + ")");
            } else {
                reader.printAbove("  ✓ " + to);
            }
        });
    }
}
