package org.parley.client.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.parley.client.shell.InteractiveShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley}: with no command, an interactive session; otherwise one scriptable command.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        // Every subcommand, down to group create, takes --help and --version too.
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = "Chat on a Parley network. With no command, starts an interactive session.",
        subcommands = {SendCommand.class, ListenCommand.class, WhoCommand.class, GroupCommand.class, SendFileCommand.class,
                ReceiveFilesCommand.class, VideosCommand.class, WatchCommand.class, FingerprintCommand.class,
                TrustCommand.class, HistoryCommand.class, PassphraseCommand.class, DeleteAccountCommand.class,
                IdentityCommand.class, VoiceCommand.class, DiscoverCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error (one line on stderr), 2 bad usage, 3 listen timed out."})
public final class ParleyCommand implements Callable<Integer> {

    @Mixin
    private final ConnectionOptions connection;

    public ParleyCommand(ConnectionOptions connection) {
        this.connection = connection;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--files-dir", paramLabel = "DIR",
            description = "where the interactive session saves files you accept (default: HOME/received)")
    private Path filesDir;

    @Option(names = "--accept-files", description = "in the interactive session, save every file offered to you"
            + " in --files-dir without asking (as /accept all does)")
    private boolean acceptFiles;

    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(connection)) {
            Path folder = filesDir != null ? filesDir : connection.home().resolve("received");
            return new InteractiveShell(runtime.vertx(), runtime.messenger(), runtime::reconnect, folder,
                    runtime.fileOffers(), acceptFiles, connection.environment()).run();
        }
    }
}
