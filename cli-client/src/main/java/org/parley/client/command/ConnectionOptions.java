package org.parley.client.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where to connect and as whom. Inherited by every subcommand, so they may be given before or
 * after the command name.
 */
public final class ConnectionOptions {

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

    @Option(names = "--plaintext", scope = ScopeType.INHERIT,
            description = "connect WITHOUT TLS, to a node started with --plaintext (trusted networks only)")
    boolean plaintext;

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
        if (passwordFile == null) {
            return null;
        }
        try {
            String text = Files.readString(passwordFile);
            int newline = text.indexOf('\n');
            String password = (newline < 0 ? text : text.substring(0, newline)).replace("\r", "");
            if (password.isEmpty()) {
                throw new IOException("password file " + passwordFile + " has an empty first line");
            }
            return password;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("password file " + passwordFile + " does not exist");
        }
    }
}
