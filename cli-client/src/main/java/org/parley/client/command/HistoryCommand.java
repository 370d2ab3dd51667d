package org.parley.client.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.client.history.History;
import org.parley.client.history.HistoryEntry;
import org.parley.client.identity.IdentityStore;
import org.parley.protocol.crypto.IdentityKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley history USER}: your conversation with USER, from the encrypted history in {@code --home}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Print your last messages with USER (bob, or bob@node-b), oldest first, from the"
                + " history kept encrypted in --home. Works offline."})
public final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "bob or bob@node-b")
    private String peer;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "how many of the newest messages (default: ${DEFAULT-VALUE})")
    private int limit;

    @Option(names = "--json", description = "one JSON object per line: id, from, to, text, at")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        ConnectionOptions connection = parent.connection();
        String user = connection.user();
        IdentityKeys keys = new IdentityStore(connection.home()).loadOrCreate(user, connection.passphrases());
        List<HistoryEntry> entries;
        try (History history = History.open(connection.home(), user, keys)) {
            entries = history.with(peer, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (HistoryEntry entry : entries) {
            out.println(json ? entry.json() : entry.line());
        }
        out.flush();
        return ExitCode.OK;
    }
}
