package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a user who was away takes to receive what waited: one user fills another's mailbox
 * while the other is offline, then the other logs in and reads (acknowledging as it reads, as the
 * client does) until the whole backlog is in.
 */
@Command(name = "backlog", description = "Time to deliver a backlog of waiting messages at login.")
final class BacklogRun implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", required = true, description = "the node's client port (a --plaintext node)")
    int port;

    @Option(names = "--messages", defaultValue = "100000")
    int messages;

    @Option(names = "--size", defaultValue = "100", description = "message body bytes")
    int size;

    @Option(names = "--window", defaultValue = "1000", description = "messages in flight while filling")
    int window;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = BenchMain.newVertx();
        try {
            BenchMain.print(run(vertx));
        } finally {
            vertx.close();
        }
        return 0;
    }

    private Map<String, Object> run(Vertx vertx) throws Exception {
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        Context context = vertx.getOrCreateContext();
        String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String reader = "b" + runId;

        // the reader registers and leaves
        org.parley.protocol.crypto.IdentityKeys readerKeys =
                org.parley.protocol.crypto.IdentityKeys.generate(new java.security.SecureRandom());
        await(onContext(context, () -> BenchConnection.open(client, Target.NODE, host, port, reader, 0, 1, readerKeys)
                .compose(BenchConnection::close)));

        // the writer fills the mailbox, a window at a time, counting acceptances
        long fillStart = System.nanoTime();
        Promise<Void> filled = Promise.promise();
        BenchConnection writer = await(onContext(context, () -> BenchConnection.open(client, context, Target.NODE,
                host, port, "w" + runId, 0, 0)));
        writer.countAcceptances();
        MessageTemplate template = new MessageTemplate(reader, size);
        long[] sentAccepted = {0, 0};
        Runnable pump = () -> {
            Buffer batch = Buffer.buffer();
            while (sentAccepted[0] < messages && sentAccepted[0] - sentAccepted[1] < window) {
                batch.appendBytes(template.next());
                sentAccepted[0]++;
            }
            if (batch.length() > 0) {
                writer.write(batch);
            }
        };
        writer.onMessages(n -> {
            sentAccepted[1] += n;
            if (sentAccepted[1] >= messages) {
                filled.tryComplete();
            } else {
                pump.run();
            }
        });
        context.runOnContext(v -> pump.run());
        await(filled.future());
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        await(onContext(context, writer::close));

        // the reader comes back: login, then the whole backlog
        Promise<Void> drained = Promise.promise();
        long[] received = {0};
        long loginStart = System.nanoTime();
        BenchConnection back = await(onContext(context, () -> BenchConnection.open(client, Target.NODE,
                host, port, reader, 0, 1, readerKeys).onSuccess(connection -> connection.onMessages(n -> {
                    received[0] += n;
                    if (received[0] >= messages) {
                        drained.tryComplete();
                    }
                }))));
        await(drained.future());
        double drainSeconds = (System.nanoTime() - loginStart) / 1e9;
        await(onContext(context, back::close));
        client.close();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "backlog");
        result.put("messages", messages);
        result.put("bodyBytes", size);
        result.put("fillSeconds", Math.round(fillSeconds * 100) / 100.0);
        result.put("acceptedPerSecond", Math.round(messages / fillSeconds));
        result.put("deliverSeconds", Math.round(drainSeconds * 100) / 100.0);
        result.put("deliveredPerSecond", Math.round(messages / drainSeconds));
        return result;
    }

    private static <T> Future<T> onContext(Context context, Callable<Future<T>> work) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                work.call().onComplete(result);
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
    }
}
