package org.parley.client.shell;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * Keeps the line being edited under the session's limit as it is typed or pasted. A 200 KB paste
 * used to freeze the prompt for over 25 minutes, Ctrl-C included: the editor redrew the whole,
 * growing line after each of its characters. Past the limit a key inserts nothing (it is only
 * counted), and Enter on a line that went over refuses it whole: a message cut short is never sent.
 */
final class LineLimit {

    private final LineReader reader;
    private final int maxChars;
    /** Characters typed or pasted past the limit into the current line. */
    private long dropped;

    private LineLimit(LineReader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    static void install(LineReader reader, int maxChars) {
        LineLimit limit = new LineLimit(reader, maxChars);
        Widget insert = reader.getWidgets().get(LineReader.SELF_INSERT);
        reader.getWidgets().put(LineReader.SELF_INSERT, () -> limit.insert(insert));
        Widget paste = reader.getWidgets().get(LineReader.BEGIN_PASTE);
        if (paste != null) {
            reader.getWidgets().put(LineReader.BEGIN_PASTE, () -> limit.paste(paste));
        }
        Widget accept = reader.getWidgets().get(LineReader.ACCEPT_LINE);
        reader.getWidgets().put(LineReader.ACCEPT_LINE, () -> limit.accept(accept));
    }

    private boolean insert(Widget insert) {
        if (reader.getBuffer().length() < maxChars) {
            return insert.apply();
        }
        if (dropped++ == 0) {
            reader.printAbove("! this line is over the limit of " + maxChars + " characters; Enter refuses it"
                    + " (send a long text as a file with /file)");
        }
        return true;
    }

    private boolean paste(Widget paste) {
        boolean done = paste.apply();
        int length = reader.getBuffer().length();
        if (length > maxChars) {
            dropped += length - maxChars;
            String kept = reader.getBuffer().substring(0, maxChars);
            reader.getBuffer().clear();
            reader.getBuffer().write(kept);
        }
        return done;
    }

    private boolean accept(Widget accept) {
        if (dropped == 0) {
            return accept.apply();
        }
        long chars = reader.getBuffer().length() + dropped;
        dropped = 0;
        reader.getBuffer().clear();
        reader.printAbove("! " + ShellCommand.tooLong(chars).reason());
        return true;
    }
}
