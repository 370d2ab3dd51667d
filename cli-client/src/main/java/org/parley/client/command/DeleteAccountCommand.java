package org.parley.client.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.protocol.message.AccountDeleted;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley delete-account --yes}: deletes the user's account on its node, for good. The keys in
 * {@code --home} stay, so the same name can be registered again with them.
 */
@Command(name = "delete-account", description = "Delete your account on its node; the whole network hears it.",
        mixinStandardHelpOptions = true)
public final class DeleteAccountCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--yes", description = "confirm: there is no undo")
    private boolean yes;

    @Override
    public Integer call() throws Exception {
        if (!yes) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "deleting an account cannot be undone; add --yes to confirm");
        }
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            AccountDeleted deleted = Await.result(runtime.session().deleteAccount(), ClientRuntime.REQUEST_TIMEOUT,
                    "deleting the account");
            PrintWriter out = spec.commandLine().getOut();
            out.println("deleted " + deleted.user());
            out.flush();
            return ExitCode.OK;
        }
    }
}
