package org.parley.client.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.client.identity.IdentityStore;
import org.parley.protocol.crypto.IdentityKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code parley passphrase}: seal your keys in {@code --home} under a passphrase, change it, or remove it. */
@Command(name = "passphrase", mixinStandardHelpOptions = true,
        description = {"Protect your keys in --home with a passphrase, change it, or (--remove) store them"
                + " unprotected again. Works offline. The current passphrase, if any, is read as for every command"
                + " (--passphrase-file, PARLEY_PASSPHRASE, or the terminal); the new one from"
                + " --new-passphrase-file, or typed twice at the terminal."})
public final class PassphraseCommand implements Callable<Integer> {

    /** Shorter passphrases fall to a guessing attack on a stolen key file even through Argon2id. */
    static final int MIN_LENGTH = 8;

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--new-passphrase-file", paramLabel = "FILE",
            description = "file whose first line is the new passphrase (at least " + MIN_LENGTH + " characters)")
    private Path newPassphraseFile;

    @Option(names = "--remove", description = "store the keys without a passphrase (file mode 600 only)")
    private boolean remove;

    @Override
    public Integer call() throws Exception {
        if (remove && newPassphraseFile != null) {
            throw new ParameterException(spec.commandLine(), "give --remove or --new-passphrase-file, not both");
        }
        ConnectionOptions connection = parent.connection();
        String user = connection.user();
        IdentityStore store = new IdentityStore(connection.home());
        IdentityKeys keys = store.loadOrCreate(user, connection.passphrases());
        Optional<String> passphrase = remove ? Optional.empty() : Optional.of(newPassphrase(connection.terminal()));
        store.save(user, keys, passphrase);
        PrintWriter out = spec.commandLine().getOut();
        out.println(passphrase.isPresent()
                ? user + "'s keys in " + store.file(user) + " are now sealed under your passphrase."
                        + " Without it they cannot be used, and nobody can recover it for you."
                : user + "'s keys in " + store.file(user) + " are no longer protected by a passphrase.");
        out.flush();
        return ExitCode.OK;
    }

    private String newPassphrase(Terminal terminal) throws java.io.IOException {
        String chosen;
        if (newPassphraseFile != null) {
            chosen = ConnectionOptions.firstLine(newPassphraseFile, "new passphrase file");
        } else {
            chosen = terminal.readSecret("New passphrase: ").orElseThrow(() -> new IllegalArgumentException(
                    "no new passphrase: give --new-passphrase-file FILE, or run this in a terminal to type it"));
            String again = terminal.readSecret("Type it again: ").orElse("");
            if (!chosen.equals(again)) {
                throw new IllegalArgumentException("the two passphrases differ; nothing was changed");
            }
        }
        if (chosen.codePointCount(0, chosen.length()) < MIN_LENGTH) {
            throw new IllegalArgumentException("a passphrase needs at least " + MIN_LENGTH
                    + " characters; nothing was changed");
        }
        return chosen;
    }
}
