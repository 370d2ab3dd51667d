package org.parley.client.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.client.output.MessageLine;
import org.parley.client.output.WhoLine;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.UserStatus;

/**
 * The interactive session: JLine for editing and history, arrivals printed above the prompt
 * while the user types.
 */
public final class InteractiveShell {

    private final NodeSession session;
    private final Path home;
    private final String me;
    private volatile boolean connected = true;
    private String lastRecipient;

    public InteractiveShell(NodeSession session, Path home, String me) {
        this.session = session;
        this.home = home;
        this.me = me;
    }

    /** Runs until /quit, end of input or a lost connection; returns the exit code. */
    public int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("parley").system(true).build()) {
            Files.createDirectories(home);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("parley")
                    .variable(LineReader.HISTORY_FILE, home.resolve("shell_history"))
                    .build();
            boolean color = !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            session.onDelivery(frame -> reader.printAbove(
                    MessageLine.of((Delivery) frame.header(), frame.body()).text(color)));
            session.onPresence(notice -> reader.printAbove("* " + notice.user() + switch (notice.status()) {
                case ONLINE -> " is online";
                case AWAY -> " is away";
                case OFFLINE -> " went offline" + (notice.reason() == null ? "" : " (" + notice.reason() + ")");
            }));
            session.onReceipt(receipt -> reader.printAbove("  \u2713 delivered to " + receipt.to()));
            session.onLateError(error -> reader.printAbove("! " + error.message()));
            session.closedFuture().onComplete(done -> {
                connected = false;
                reader.printAbove("! disconnected: " + session.closeReason() + " (press Enter to exit)");
            });
            reader.printAbove("Logged in as " + me + ". Type /help for commands.");
            return loop(reader);
        }
    }

    private int loop(LineReader reader) {
        while (connected) {
            String line;
            try {
                line = reader.readLine(me + "> ");
            } catch (UserInterruptException e) {
                continue; // Ctrl-C clears the line, as in a shell
            } catch (EndOfFileException e) {
                return 0;
            }
            if (!connected) {
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
            session.who().onComplete(answer -> {
                if (answer.failed()) {
                    reader.printAbove("! " + answer.cause().getMessage());
                    return;
                }
                reader.printAbove(answer.result().users().size() + " online:");
                for (UserStatus user : answer.result().users()) {
                    reader.printAbove("  " + WhoLine.text(user));
                }
            });
        } else if (command instanceof ShellCommand.Help) {
            reader.printAbove(ShellCommand.HELP);
        } else if (command instanceof ShellCommand.Invalid invalid) {
            reader.printAbove("! " + invalid.reason());
        }
    }

    private void send(LineReader reader, String to, String text) {
        session.send(to, text.getBytes(StandardCharsets.UTF_8)).onComplete(result -> {
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
