package org.parley.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

class ColoursTest {

    private static Terminal terminal(String type) throws Exception {
        return TerminalBuilder.builder().system(false).type(type)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
    }

    @Test
    void colourOnlyAtAColourTerminalWithoutNoColor() throws Exception {
        try (Terminal xterm = terminal("xterm-256color"); Terminal dumb = terminal(Terminal.TYPE_DUMB)) {
            assertTrue(Colours.of(xterm, Map.of()).on());
            assertFalse(Colours.of(xterm, Map.of("NO_COLOR", "1")).on());
            assertFalse(Colours.of(dumb, Map.of()).on());
            assertTrue(Colours.of(xterm, Map.of()).name("bob").contains("\u001b["));
            assertEquals("bob", Colours.of(dumb, Map.of()).name("bob"));
        }
    }
}
