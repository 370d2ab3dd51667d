package org.parley.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round trips for one pair: a sends to b, b answers at once, a times it and sends the next.
 * One message in flight, so this measures latency, not throughput.
 */
final class LatencyRun {

    private final Vertx vertx;
    private final NetClient client;
    private final Target target;
    private final String host;
    private final int port;
    private final Receivers receivers;

    LatencyRun(Vertx vertx, Target target, String host, int port) {
        this(vertx, target, host, port, Receivers.sameNode(port));
    }

    /** One end on {@code port}, the other where {@code receivers} says. */
    LatencyRun(Vertx vertx, Target target, String host, int port, Receivers receivers) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        this.target = target;
        this.host = host;
        this.port = port;
        this.receivers = receivers;
    }

    Map<String, Object> run(int warmup, int messages, int bodyBytes) throws Exception {
        long[] samples = new long[messages];
        Promise<Void> done = Promise.promise();
        Context context = vertx.getOrCreateContext();
        String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String a = "la" + runId;
        String b = "lb" + runId;
        context.runOnContext(v -> {
            Future<BenchConnection> ca = BenchConnection.open(client, context, target, host, port, a, 0, 0);
            Future<BenchConnection> cb = BenchConnection.open(client, context, target, host, receivers.port(), b, 0, 1);
            Future.all(ca, cb).compose(both -> vertx.executeBlocking(() -> {
                receivers.settle();
                return both;
            })).onFailure(done::fail).onSuccess(both -> {
                MessageTemplate toB = new MessageTemplate(receivers.address(b), bodyBytes);
                MessageTemplate toA = new MessageTemplate(receivers.senderAddress(a), bodyBytes);
                BenchConnection sa = ca.result();
                BenchConnection sb = cb.result();
                sb.onMessages(n -> {
                    for (int i = 0; i < n; i++) {
                        sb.write(Buffer.buffer(toA.next()));
                    }
                });
                long[] state = {0, System.nanoTime()}; // round trips so far, send time of the current one
                sa.onMessages(n -> {
                    long now = System.nanoTime();
                    int round = (int) state[0]++;
                    if (round >= warmup) {
                        samples[round - warmup] = now - state[1];
                    }
                    if (state[0] == warmup + messages) {
                        Future.join(sa.close(), sb.close()).onComplete(x -> done.tryComplete());
                        return;
                    }
                    state[1] = System.nanoTime();
                    sa.write(Buffer.buffer(toB.next()));
                });
                state[1] = System.nanoTime();
                sa.write(Buffer.buffer(toB.next()));
            });
        });
        done.future().toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
        client.close();
        Arrays.sort(samples);
        return Map.of("target", target.name().toLowerCase() + receivers.label(), "roundTrips", messages,
                "p50Micros", samples[messages / 2] / 1000, "p99Micros", samples[(int) (messages * 0.99)] / 1000,
                "maxMicros", samples[messages - 1] / 1000);
    }
}
