package org.parley.client.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.client.e2ee.KeyVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley trust USER}: accept the keys the network now gives for USER. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Accept the keys the network now gives for USER, replacing the ones you trusted."
                + " Do this after comparing safety numbers (parley fingerprint USER) when USER's keys changed."})
public final class TrustCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "bob or bob@node-b")
    private String user;

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            PrintWriter out = spec.commandLine().getOut();
            Await.result(new KeyVerification(runtime.messenger()).trust(user), ClientRuntime.REQUEST_TIMEOUT,
                    "looking up " + user).forEach(out::println);
            out.flush();
            return ExitCode.OK;
        }
    }
}
