package org.parley.client.command;

import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.parley.client.output.MessageLine;
import org.parley.client.e2ee.Incoming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley listen}: prints each arriving message, one line each. Says on stderr when it is
 * logged in, so a script can wait for that before sending. A message that fails its end-to-end
 * checks is not printed (nor counted): a warning on stderr says why.
 */
@Command(name = "listen", description = "Print messages as they arrive, one line each.", mixinStandardHelpOptions = true)
public final class ListenCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", description = "exit 0 after N messages")
    private Integer count;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "exit " + ExitCode.TIMEOUT + " if the messages have not all arrived by then")
    private Long timeoutSeconds;

    @Option(names = "--json", description = "one JSON object per message: id, from, to, text, sentAt")
    private boolean json;

    @Option(names = "--receipts", description = "also print what becomes of the messages you send (delivered,"
            + " read, expired), one line each (JSON: receipt, id, to); they do not count toward --count")
    private boolean receipts;

    /** What the listener thread hears from the event loop: a line to print, or the end. */
    private sealed interface Event permits Line, News, Closed {
    }

    private record News(org.parley.protocol.message.Receipt receipt) implements Event {
    }

    private record Line(MessageLine message) implements Event {
    }

    private record Closed(String reason) implements Event {
    }

    @Override
    public Integer call() throws Exception {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            PrintWriter err = spec.commandLine().getErr();
            runtime.messenger().onIncoming(incoming -> {
                if (incoming instanceof Incoming.Shown shown) {
                    events.add(new Line(shown.message()));
                } else if (incoming instanceof Incoming.FileWaiting waiting) {
                    synchronized (err) {
                        err.println("parley: " + waiting.notice());
                        err.flush();
                    }
                } else if (incoming instanceof Incoming.FileDeclined declined) {
                    synchronized (err) {
                        err.println("parley: " + declined.notice());
                        err.flush();
                    }
                } else if (incoming instanceof Incoming.Refused refused) {
                    synchronized (err) {
                        err.println("parley: WARNING: " + refused.warning());
                        err.flush();
                    }
                }
            });
            if (receipts) {
                runtime.session().onReceipt(receipt -> events.add(new News(receipt)));
            }
            runtime.session().closedFuture().onComplete(done -> events.add(new Closed(runtime.session().closeReason())));
            err.println("listening as " + runtime.user());
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            int received = 0;
            while (count == null || received < count) {
                long left = deadline - System.nanoTime();
                Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null) {
                    err.println("parley: timed out after " + timeoutSeconds + " s with " + received
                            + (count == null ? "" : " of " + count) + " message(s)");
                    err.flush();
                    return ExitCode.TIMEOUT;
                }
                if (event instanceof Closed closed) {
                    throw new IllegalStateException("connection lost: " + closed.reason());
                }
                if (event instanceof News news) {
                    out.println(json ? receiptJson(news.receipt())
                            : news.receipt().status().word() + ": your message " + news.receipt().id() + " to "
                                    + news.receipt().to());
                    out.flush();
                    continue;
                }
                MessageLine line = ((Line) event).message();
                out.println(json ? line.json() : line.text(false));
                out.flush();
                received++;
            }
            return ExitCode.OK;
        }
    }

    private static String receiptJson(org.parley.protocol.message.Receipt receipt) throws Exception {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("receipt", receipt.status().word());
        fields.put("id", receipt.id());
        fields.put("to", receipt.to());
        return org.parley.protocol.frame.WireJson.mapper().writeValueAsString(fields);
    }
}
