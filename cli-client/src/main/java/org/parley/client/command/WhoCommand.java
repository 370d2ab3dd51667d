package org.parley.client.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.client.output.WhoLine;
import org.parley.protocol.message.UserStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley who}: every user on the network, online and away first; {@code parley who USER}: that
 * one user, wherever they are.
 */
@Command(name = "who", description = "List every user on the network, with node and status; or one user.",
        mixinStandardHelpOptions = true)
public final class WhoCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per user: user, node, status, sessions")
    private boolean json;

    @Parameters(arity = "0..1", paramLabel = "USER", description = "only this user: bob (of your node) or"
            + " bob@node-b; one the network does not know is listed offline")
    private String user;

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            List<UserStatus> users = user == null
                    ? Await.result(runtime.session().who(), ClientRuntime.REQUEST_TIMEOUT, "asking who is online")
                    : List.of(Await.result(runtime.session().whoIs(user), ClientRuntime.REQUEST_TIMEOUT,
                    "asking about " + user));
            PrintWriter out = spec.commandLine().getOut();
            for (UserStatus user : users) {
                out.println(json ? WhoLine.json(user) : WhoLine.text(user));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
