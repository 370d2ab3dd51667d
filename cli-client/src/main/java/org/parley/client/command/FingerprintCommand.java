package org.parley.client.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.client.e2ee.KeyVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley fingerprint [USER]}: your key fingerprint, or the safety number you share with USER. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Print the safety number you share with USER (the same on both sides: read it to each"
                + " other to be sure no node swapped a key), or your own key fingerprint without USER."})
public final class FingerprintCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "USER", description = "bob or bob@node-b")
    private String user;

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            KeyVerification verification = new KeyVerification(runtime.messenger());
            List<String> lines = user == null ? verification.ownFingerprint()
                    : Await.result(verification.safetyNumber(user), ClientRuntime.REQUEST_TIMEOUT, "looking up " + user);
            PrintWriter out = spec.commandLine().getOut();
            lines.forEach(out::println);
            out.flush();
            return ExitCode.OK;
        }
    }
}
