package org.parley.client.shell;

import org.parley.client.video.WatchOptions;
import org.parley.client.video.WatchRequest;
import org.parley.protocol.message.GroupAction;

/**
 * A line typed in the interactive session, parsed. Pure: no I/O, tested on its own.
 */
public sealed interface ShellCommand {

    String HELP = String.join("\n",
            "/msg USER TEXT    private message (USER is bob or bob@node-b), or to a group (#team@node-a)",
            "@USER TEXT        the same: @bob hello",
            "/r TEXT           reply to whoever last wrote to you",
            "/all TEXT         message everyone online",
            "/who [USER]       who is online; with USER, that user, whose presence you see from then on",
            "/group create NAME [invite-only] | join|leave|members GROUP | invite|kick|hand-over GROUP USER | list",
            "                  groups (#name@node): create one on your node, join, manage, list yours and open ones",
            "/group GROUP TEXT post to a group: /group team hello (or /msg #team@node-a hello)",
            "/file TO PATH     send a file to a user or a group, end-to-end encrypted, in the background",
            "/files            files offered to you in this session; /accept N|all, /decline N",
            "/videos [NODE]    the network's videos (or NODE's) with their resolutions",
            "/watch NAME@NODE [--resolution RES | --mixed] [--start TIME] [--out FILE | --play]",
            "                  watch in the background into NAME_RES.ts here (or FILE, or ffplay);",
            "                  /watch lists what is being watched, /unwatch N|NAME stops one",
            "/fingerprint [USER]  the safety number you share with USER (compare it aloud), or your own key",
            "/trust USER       accept USER's new keys after comparing safety numbers",
            "/history USER [N] your last N (20) messages with USER, kept encrypted in --home",
            "/voice join TARGET [--in F.wav] [--out F.wav] [--seconds N] [--no-noise-suppression]",
            "                  join a voice room (#team@node-a) or call a user (bob@node-b), in the background",
            "/voice leave | who [TARGET]   leave the room; who is in it and who is speaking",
            "/help             this list",
            "/quit             leave (Ctrl-D works too)",
            "A line without a command goes to whoever you last wrote to with /msg.",
            "Tab completes commands, names and groups. Typed while disconnected, a command waits and goes once"
                    + " you are logged in again.");

    /**
     * The longest line the session takes: a paste of hundreds of kilobytes froze the prompt for
     * minutes while the line editor redrew it. Longer texts go as a file, or with {@code send}.
     */
    int MAX_LINE_CHARS = 32 * 1024;

    record Message(String to, String text) implements ShellCommand {
    }

    record Broadcast(String text) implements ShellCommand {
    }

    /** {@code user} null: the whole listing; else one user, whose presence this session hears from then on. */
    record Who(String user) implements ShellCommand {
    }

    /** A {@code /group} action; {@code group} and {@code user} are null where the action takes none. */
    record Group(GroupAction action, String group, String user, boolean inviteOnly) implements ShellCommand {
    }

    /** {@code /group list}: the groups one belongs to. */
    record Groups() implements ShellCommand {
    }

    /** {@code user} is null for our own fingerprint. */
    record Fingerprint(String user) implements ShellCommand {
    }

    record Trust(String user) implements ShellCommand {
    }

    record History(String user, int limit) implements ShellCommand {
    }

    record SendFile(String to, String path) implements ShellCommand {
    }

    record Files() implements ShellCommand {
    }

    record Accept(String which) implements ShellCommand {
    }

    record Decline(String which) implements ShellCommand {
    }

    /** {@code /videos [NODE]}; {@code node} null for every node's. */
    record Videos(String node) implements ShellCommand {
    }

    /** {@code /watch NAME@NODE ...}: {@code options} say where it goes, {@code request} what to ask for. */
    record Watch(WatchOptions options, WatchRequest request) implements ShellCommand {
    }

    /** {@code /watch} alone: the watches under way. */
    record Watches() implements ShellCommand {
    }

    /** {@code /unwatch N|NAME}. */
    record Unwatch(String which) implements ShellCommand {
    }

    record Help() implements ShellCommand {
    }

    record Quit() implements ShellCommand {
    }

    /** {@code /r TEXT}: to whoever last wrote to us. */
    record ReplyToSender(String text) implements ShellCommand {
    }

    /** A plain line: goes to the last /msg recipient, if there is one. */
    record Reply(String text) implements ShellCommand {
    }

    /** {@code /voice ...}: see {@link VoiceLine}. */
    record Voice(VoiceLine.Request request) implements ShellCommand {
    }

    record Empty() implements ShellCommand {
    }

    record Invalid(String reason) implements ShellCommand {
    }

    private static ShellCommand history(String[] parts) {
        if (parts.length < 2) {
            return new Invalid("usage: /history USER [N]");
        }
        if (parts.length == 2) {
            return new History(parts[1], 20);
        }
        try {
            int limit = Integer.parseInt(parts[2].strip());
            return limit < 1 ? new Invalid("/history: N must be at least 1") : new History(parts[1], limit);
        } catch (NumberFormatException e) {
            return new Invalid("/history: N must be a number, not '" + parts[2].strip() + "'");
        }
    }

    private static ShellCommand watch(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length == 1) {
            return new Watches();
        }
        try {
            WatchOptions options = WatchOptions.parse(java.util.Arrays.copyOfRange(words, 1, words.length));
            return new Watch(options, options.request());
        } catch (IllegalArgumentException e) {
            return new Invalid("/watch: " + e.getMessage() + " (usage: /watch NAME@NODE [--resolution RES | --mixed]"
                    + " [--start TIME] [--out FILE | --play])");
        }
    }

    private static ShellCommand group(String line) {
        String[] words = line.strip().split("\\s+");
        String usage = "usage: /group create NAME [invite-only] | join|leave|members GROUP"
                + " | invite|kick|hand-over GROUP USER | list";
        if (words.length < 2) {
            return new Invalid(usage);
        }
        String action = words[1].toLowerCase(java.util.Locale.ROOT);
        if (words.length >= 3 && !ACTIONS.contains(action)) {
            // /group team hello: a post, as the class-chat seed had it
            String group = words[1].startsWith("#") ? words[1] : "#" + words[1];
            String text = line.strip().split("\\s+", 3)[2];
            return new Message(group, text);
        }
        return switch (action) {
            case "list" -> new Groups();
            case "create" -> words.length < 3 || words.length > 4 || words.length == 4 && !"invite-only".equals(words[3])
                    ? new Invalid("usage: /group create NAME [invite-only]")
                    : new Group(GroupAction.CREATE, words[2].startsWith("#") ? words[2] : "#" + words[2], null, words.length == 4);
            case "join", "leave", "members" -> words.length != 3 ? new Invalid("usage: /group " + action + " GROUP")
                    : new Group(GroupAction.of(action), words[2], null, false);
            case "invite", "kick", "hand-over" -> words.length != 4
                    ? new Invalid("usage: /group " + action + " GROUP USER")
                    : new Group(GroupAction.of(action), words[2], words[3], false);
            default -> new Invalid(usage);
        };
    }

    java.util.Set<String> ACTIONS = java.util.Set.of("list", "create", "join", "leave", "members", "invite", "kick",
            "hand-over");

    /** The commands, for completion. */
    java.util.List<String> NAMES = java.util.List.of("/msg", "/r", "/all", "/who", "/group", "/file", "/files",
            "/accept", "/decline", "/videos", "/watch", "/unwatch", "/fingerprint", "/trust", "/history", "/voice", "/help",
            "/quit");

    /** A line of {@code chars} characters, over {@link #MAX_LINE_CHARS}: refused whole, never cut and sent. */
    static Invalid tooLong(long chars) {
        return new Invalid("that line is " + chars + " characters; the session takes at most " + MAX_LINE_CHARS
                + " (nothing was sent): send a long text as a file with /file, or with parley send");
    }

    static ShellCommand parse(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            return tooLong(line.length());
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new Empty();
        }
        if (trimmed.startsWith("@")) {
            String[] words = trimmed.split("\\s+", 2);
            return words.length < 2 || words[0].length() < 2 ? new Invalid("usage: @USER TEXT")
                    : new Message(words[0].substring(1), words[1]);
        }
        if (!trimmed.startsWith("/")) {
            return new Reply(trimmed);
        }
        String[] parts = trimmed.split("\\s+", 3);
        String name = parts[0].toLowerCase(java.util.Locale.ROOT);
        return switch (name) {
            case "/msg", "/m" -> parts.length < 3
                    ? new Invalid("usage: /msg USER TEXT")
                    : new Message(parts[1], parts[2]);
            case "/r", "/reply" -> parts.length < 2
                    ? new Invalid("usage: /r TEXT")
                    : new ReplyToSender(trimmed.substring(parts[0].length()).strip());
            case "/all" -> parts.length < 2
                    ? new Invalid("usage: /all TEXT")
                    : new Broadcast(trimmed.substring(parts[0].length()).strip());
            case "/who" -> parts.length > 2 ? new Invalid("usage: /who [USER]")
                    : new Who(parts.length < 2 ? null : parts[1]);
            case "/group", "/g" -> group(trimmed);
            case "/fingerprint", "/fp" -> new Fingerprint(parts.length < 2 ? null : parts[1]);
            case "/trust" -> parts.length < 2 ? new Invalid("usage: /trust USER") : new Trust(parts[1]);
            case "/history", "/h" -> history(parts);
            case "/file" -> parts.length < 3 ? new Invalid("usage: /file TO PATH") : new SendFile(parts[1], parts[2]);
            case "/files" -> new Files();
            case "/accept" -> parts.length != 2 ? new Invalid("usage: /accept N (or /accept all)") : new Accept(parts[1]);
            case "/decline" -> parts.length != 2 ? new Invalid("usage: /decline N") : new Decline(parts[1]);
            case "/videos" -> parts.length > 2 ? new Invalid("usage: /videos [NODE]")
                    : new Videos(parts.length < 2 ? null : parts[1]);
            case "/watch", "/w" -> watch(trimmed);
            case "/unwatch" -> parts.length != 2 ? new Invalid("usage: /unwatch N|NAME (/watch lists them)")
                    : new Unwatch(parts[1]);
            case "/voice" -> VoiceLine.parse(trimmed);
            case "/help", "/?" -> new Help();
            case "/quit", "/exit" -> new Quit();
            default -> new Invalid("unknown command " + parts[0] + "; /help lists them");
        };
    }
}
