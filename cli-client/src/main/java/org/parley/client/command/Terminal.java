package org.parley.client.command;

import java.io.Console;
import java.util.Optional;

/** The person at the keyboard, if there is one: asked for secrets without echo. */
public interface Terminal {

    /** What was typed after {@code prompt}, or empty when there is no terminal (a script, a pipe) or at end of input. */
    Optional<String> readSecret(String prompt);

    /** The process's controlling terminal, through {@link System#console()}. */
    static Terminal system() {
        return prompt -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? Optional.empty() : Optional.of(new String(typed));
        };
    }

    /** No terminal: for tests and for callers that must never wait on a person. */
    Terminal NONE = prompt -> Optional.empty();
}
