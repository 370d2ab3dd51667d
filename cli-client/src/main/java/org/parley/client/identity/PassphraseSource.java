package org.parley.client.identity;

import java.io.IOException;
import java.util.Optional;

/** Where the passphrase of a user's key file comes from, looked at only when one is needed. */
public interface PassphraseSource {

    /** A passphrase given up front (a file, the environment), or empty. */
    Optional<String> given() throws IOException;

    /** Asks the person at the terminal, without echo; empty when nobody is there to ask. */
    Optional<String> ask(String prompt);

    /** For callers that have no passphrase: protected keys then fail with a clear message. */
    PassphraseSource NONE = new PassphraseSource() {
        @Override
        public Optional<String> given() {
            return Optional.empty();
        }

        @Override
        public Optional<String> ask(String prompt) {
            return Optional.empty();
        }
    };
}
