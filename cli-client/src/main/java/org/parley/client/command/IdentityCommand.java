package org.parley.client.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.parley.client.home.PrivateFiles;
import org.parley.client.identity.IdentityExport;
import org.parley.client.identity.IdentityStore;
import org.parley.client.identity.WrongPassphraseException;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley identity export|import}: moves a user's keys between homes, or into the web client
 * (which imports the same file), sealed under a passphrase of their own ({@link IdentityExport}).
 */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "Move your identity (your private keys) to another home or into the web client.",
        subcommands = {IdentityCommand.Export.class, IdentityCommand.Import.class})
public final class IdentityCommand {

    @ParentCommand
    private ParleyCommand parent;

    /** The passphrase that seals or opens an export: from a file, or typed at the terminal. */
    static final class ExportPassphrase {

        @Option(names = "--export-passphrase-file", paramLabel = "FILE",
                description = "file whose first line is the export's passphrase (at least "
                        + PassphraseCommand.MIN_LENGTH + " characters for an export)")
        private Path file;

        String read(Terminal terminal, boolean twice) throws IOException {
            if (file != null) {
                return ConnectionOptions.firstLine(file, "export passphrase file");
            }
            String typed = terminal.readSecret("Passphrase for the export: ").orElseThrow(() ->
                    new IllegalArgumentException("no passphrase for the export: give --export-passphrase-file FILE,"
                            + " or run this in a terminal to type it"));
            if (twice && !typed.equals(terminal.readSecret("Type it again: ").orElse(""))) {
                throw new IllegalArgumentException("the two passphrases differ; nothing was written");
            }
            return typed;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write your keys to FILE sealed under a passphrase (PBKDF2-SHA256, 600,000 iterations,"
                    + " AES-256-GCM), for 'parley identity import' or the web client's Import identity.")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        private IdentityCommand identity;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "where to write the export (must not exist)")
        private Path file;

        @Mixin
        private ExportPassphrase passphrase;

        @Override
        public Integer call() throws Exception {
            ConnectionOptions connection = identity.parent.connection();
            String user = connection.user();
            IdentityStore store = new IdentityStore(connection.home());
            if (!Files.exists(store.file(user))) {
                throw new IllegalArgumentException("no keys for " + user + " in " + connection.home());
            }
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " exists; nothing was written");
            }
            IdentityKeys keys = store.loadOrCreate(user, connection.passphrases());
            String chosen = passphrase.read(connection.terminal(), true);
            if (chosen.codePointCount(0, chosen.length()) < PassphraseCommand.MIN_LENGTH) {
                throw new IllegalArgumentException("a passphrase needs at least " + PassphraseCommand.MIN_LENGTH
                        + " characters; nothing was written");
            }
            PrivateFiles.writeAtomically(file, WireJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(IdentityExport.seal(user, keys, chosen, new SecureRandom())));
            PrintWriter out = spec.commandLine().getOut();
            out.println(user + "'s keys are in " + file + ", sealed under your passphrase. Whoever has the file and"
                    + " the passphrase can be " + user + ": keep both apart.");
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Take the keys in FILE (made by 'parley identity export') as --user's keys in --home.")
    static final class Import implements Callable<Integer> {

        @ParentCommand
        private IdentityCommand identity;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the export")
        private Path file;

        @Mixin
        private ExportPassphrase passphrase;

        @Override
        public Integer call() throws Exception {
            ConnectionOptions connection = identity.parent.connection();
            String user = connection.user();
            JsonNode exported = WireJson.mapper().readTree(file.toFile());
            if (!user.equals(IdentityExport.user(exported))) {
                throw new IllegalArgumentException(file + " holds the identity of '" + IdentityExport.user(exported)
                        + "', not " + user);
            }
            IdentityStore store = new IdentityStore(connection.home());
            if (Files.exists(store.file(user))) {
                throw new IllegalArgumentException(user + " already has keys in " + store.file(user)
                        + "; nothing was changed");
            }
            IdentityKeys keys;
            try {
                keys = IdentityExport.open(exported, passphrase.read(connection.terminal(), false));
            } catch (WrongPassphraseException e) {
                throw new IllegalArgumentException("wrong passphrase for " + file + " (or the file was altered)");
            }
            store.save(user, keys, connection.passphrases().given());
            PrintWriter out = spec.commandLine().getOut();
            out.println(user + "'s keys from " + file + " are now in " + store.file(user) + ".");
            out.flush();
            return ExitCode.OK;
        }
    }
}
