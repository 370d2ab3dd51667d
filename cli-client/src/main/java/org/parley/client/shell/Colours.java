package org.parley.client.shell;

import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStyle;
import org.jline.utils.AttributedStringBuilder;

/**
 * Colour for names and states when the terminal has it: none when the session does not run in a
 * terminal that says it does (JLine knows), or when {@code NO_COLOR} is set (no-color.org).
 */
record Colours(boolean on) {

    static Colours of(Terminal terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        Integer colours = terminal.getNumericCapability(org.jline.utils.InfoCmp.Capability.max_colors);
        return new Colours(!dumb && (noColor == null || noColor.isEmpty()) && colours != null && colours >= 8);
    }

    String name(String text) {
        return paint(text, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
    }

    String good(String text) {
        return paint(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
    }

    String bad(String text) {
        return paint(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
    }

    String quiet(String text) {
        return paint(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
    }

    private String paint(String text, AttributedStyle style) {
        return on ? new AttributedStringBuilder().style(style).append(text).toAnsi() : text;
    }
}
