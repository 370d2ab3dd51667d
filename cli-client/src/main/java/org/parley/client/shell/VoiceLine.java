package org.parley.client.shell;

import java.nio.file.Path;

/** A {@code /voice} line, parsed: join a room, leave it, or ask who is in one. Pure. */
final class VoiceLine {

    static final String USAGE = "usage: /voice join TARGET [--in FILE.wav] [--out FILE.wav] [--seconds N]"
            + " [--no-noise-suppression] | leave | who [TARGET]";

    /** What {@code /voice} asks for. */
    sealed interface Request {
    }

    /** {@code in}, {@code out}, {@code seconds} null where not given. */
    record Join(String target, Path in, Path out, Integer seconds, boolean noiseSuppression) implements Request {
    }

    record Leave() implements Request {
    }

    /** {@code target} null: the room we are in. */
    record Who(String target) implements Request {
    }

    private VoiceLine() {
    }

    static ShellCommand parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2) {
            return new ShellCommand.Invalid(USAGE);
        }
        return switch (words[1].toLowerCase(java.util.Locale.ROOT)) {
            case "leave" -> words.length == 2 ? new ShellCommand.Voice(new Leave()) : new ShellCommand.Invalid(USAGE);
            case "who" -> words.length <= 3 ? new ShellCommand.Voice(new Who(words.length == 3 ? words[2] : null))
                    : new ShellCommand.Invalid(USAGE);
            case "join" -> join(words);
            default -> new ShellCommand.Invalid(USAGE);
        };
    }

    private static ShellCommand join(String[] words) {
        if (words.length < 3 || words[2].startsWith("--")) {
            return new ShellCommand.Invalid("usage: /voice join TARGET [--in FILE.wav] [--out FILE.wav] [--seconds N]"
                    + " [--no-noise-suppression]");
        }
        Path in = null;
        Path out = null;
        Integer seconds = null;
        boolean noiseSuppression = true;
        for (int i = 3; i < words.length; i++) {
            String option = words[i];
            if ("--no-noise-suppression".equals(option)) {
                noiseSuppression = false;
                continue;
            }
            if (i + 1 >= words.length || !(option.equals("--in") || option.equals("--out")
                    || option.equals("--seconds"))) {
                return new ShellCommand.Invalid("/voice join: " + option + " is not an option here; " + USAGE);
            }
            String value = words[++i];
            switch (option) {
                case "--in" -> in = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> {
                    try {
                        seconds = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        seconds = 0;
                    }
                    if (seconds < 1) {
                        return new ShellCommand.Invalid("/voice join: --seconds takes a whole number, at least 1");
                    }
                }
            }
        }
        return new ShellCommand.Voice(new Join(words[2], in, out, seconds, noiseSuppression));
    }
}
