package org.parley.client.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.parley.client.identity.PassphraseSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where to connect and as whom. Inherited by every subcommand, so they may be given before or
 * after the command name.
 */
public final class ConnectionOptions {

    /** Where scripts put the passphrase of the user's keys when a file is not wanted. */
    public static final String PASSPHRASE_VARIABLE = "PARLEY_PASSPHRASE";

    private final Map<String, String> environment;
    private final Terminal terminal;

    public ConnectionOptions() {
        this(System.getenv(), Terminal.system());
    }

    public ConnectionOptions(Map<String, String> environment, Terminal terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    @Option(names = "--host", defaultValue = "localhost", scope = ScopeType.INHERIT,
            description = "node to connect to (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", scope = ScopeType.INHERIT,
            description = "the node's client port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"--user", "-u"}, scope = ScopeType.INHERIT, description = "your user name on that node")
    String user;

    @Option(names = "--home", scope = ScopeType.INHERIT,
            description = "folder for your keys and history (default: ~/.parley)")
    Path home;

    @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "file whose first line is your account password")
    Path passwordFile;

    @Option(names = "--passphrase-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "file whose first line is the passphrase of your keys (or set " + PASSPHRASE_VARIABLE
                    + "; without either, you are asked at the terminal)")
    Path passphraseFile;

    @Option(names = "--invite", scope = ScopeType.INHERIT, paramLabel = "CODE",
            description = "an invite code from the node's operator, to register a new name on a node that"
                    + " registers new names by invite only")
    String invite;

    @Option(names = "--plaintext", scope = ScopeType.INHERIT,
            description = "connect WITHOUT TLS, to a node started with --plaintext (trusted networks only)")
    boolean plaintext;

    /** The invite code given with {@code --invite}, or null. */
    public String invite() {
        return invite;
    }

    public boolean plaintext() {
        return plaintext;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user name; fails with a clear message if none was given. */
    public String user() {
        if (user == null) {
            throw new IllegalArgumentException("no user given; add --user NAME");
        }
        return user;
    }

    public Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".parley");
    }

    /** The password from {@code --password-file}, or null if there is none. */
    public String password() throws IOException {
        return passwordFile == null ? null : firstLine(passwordFile, "password file");
    }

    /** The passphrase of the user's keys: {@code --passphrase-file}, else the environment, else the terminal. */
    public PassphraseSource passphrases() {
        return new PassphraseSource() {
            @Override
            public Optional<String> given() throws IOException {
                if (passphraseFile != null) {
                    return Optional.of(firstLine(passphraseFile, "passphrase file"));
                }
                return Optional.ofNullable(environment.get(PASSPHRASE_VARIABLE)).filter(p -> !p.isEmpty());
            }

            @Override
            public Optional<String> ask(String prompt) {
                return terminal.readSecret(prompt);
            }
        };
    }

    /** The variables of this run's environment (NO_COLOR, say). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The terminal of this run, to ask for new secrets. */
    public Terminal terminal() {
        return terminal;
    }

    /** The first line of a secret's file, without its line ending; never empty. */
    static String firstLine(Path file, String what) throws IOException {
        try {
            String text = Files.readString(file);
            int newline = text.indexOf('\n');
            String line = (newline < 0 ? text : text.substring(0, newline)).replace("\r", "");
            if (line.isEmpty()) {
                throw new IOException(what + " " + file + " has an empty first line");
            }
            return line;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(what + " " + file + " does not exist");
        }
    }
}
