package org.parley.client.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.client.output.WhoLine;
import org.parley.protocol.message.UserStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley who}: every user on the network, online and away first.
 */
@Command(name = "who", description = "List every user on the network, with node and status.",
        mixinStandardHelpOptions = true)
public final class WhoCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per user: user, node, status, sessions")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            List<UserStatus> users = Await.result(runtime.session().who(), ClientRuntime.REQUEST_TIMEOUT,
                    "asking who is online");
            PrintWriter out = spec.commandLine().getOut();
            for (UserStatus user : users) {
                out.println(json ? WhoLine.json(user) : WhoLine.text(user));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
