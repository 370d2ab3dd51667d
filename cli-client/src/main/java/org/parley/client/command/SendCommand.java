package org.parley.client.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley send TO TEXT}: exits 0 only once the node has accepted the message. Direct
 * messages are end-to-end encrypted; a recipient whose keys changed gets nothing until trusted.
 */
@Command(name = "send", description = "Send one message and exit once the node has accepted it.",
        mixinStandardHelpOptions = true)
public final class SendCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TO", description = "bob, bob@node-b, a group (#team@node-a), or '*' for everyone")
    private String to;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "the message (words are joined by spaces)")
    private List<String> words;

    @Option(names = "--json", description = "print the acceptance (or delivery) as a JSON object")
    private boolean json;

    @Option(names = "--wait-delivered", description = "exit only once the message reached the recipient"
            + " (for users of other nodes, when their node confirms it)")
    private boolean waitDelivered;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to wait for acceptance or delivery (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String text = String.join(" ", words);
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (waitDelivered) {
                Receipt receipt = Await.result(runtime.messenger().sendAndAwaitDelivery(to, text),
                        Duration.ofSeconds(timeoutSeconds), "waiting for delivery");
                fields.put("id", receipt.id());
                fields.put("to", to);
                fields.put("status", receipt.status().word());
            } else {
                Accepted accepted = Await.result(runtime.messenger().send(to, text), Duration.ofSeconds(timeoutSeconds),
                        "sending");
                fields.put("id", accepted.id());
                fields.put("to", to);
                fields.put("status", "accepted");
                fields.put("recipients", accepted.recipients());
                fields.put("forwarded", accepted.forwarded());
                if (!accepted.missed().isEmpty()) {
                    fields.put("unreached", accepted.missed());
                    PrintWriter err = spec.commandLine().getErr();
                    accepted.missed().forEach((node, why) -> err.println("parley: sent to " + to + ", but not to its"
                            + " members on " + node + ": " + why));
                    err.flush();
                }
            }
            if (json) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(WireJson.mapper().writeValueAsString(fields));
                out.flush();
            }
            return ExitCode.OK;
        }
    }
}
