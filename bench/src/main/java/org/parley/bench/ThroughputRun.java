package org.parley.bench;

import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.message.Delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pairs of users, each sender keeping {@code window} messages in flight to its receiver; counts
 * what the receivers get. Both connections of a pair live on one event loop, so a pair's books
 * need no locks.
 */
final class ThroughputRun {

    private final Vertx vertx;
    private final NetClient client; // a field: a collected client closes its sockets
    private final Target target;
    private final String host;
    private final int port;
    private final Receivers receivers;
    private final LongAdder delivered = new LongAdder();
    private final List<BenchConnection> connections = new ArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    private volatile boolean running = true;
    private boolean endToEnd;
    private boolean offline;
    private boolean eachSecond;
    private final LongAdder unopened = new LongAdder();

    ThroughputRun(Vertx vertx, Target target, String host, int port) {
        this(vertx, target, host, port, Receivers.sameNode(port));
    }

    /** Senders on {@code port}, receivers where {@code receivers} says. */
    ThroughputRun(Vertx vertx, Target target, String host, int port, Receivers receivers) {
        this.vertx = vertx;
        this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        this.target = target;
        this.host = host;
        this.port = port;
        this.receivers = receivers;
    }

    /** Seal every message for its recipient and open (check, decrypt) every arrival, as real clients do. */
    ThroughputRun endToEnd(boolean on) {
        this.endToEnd = on;
        return this;
    }

    /**
     * Receivers log off before the run: every message waits in a mailbox, and what is counted is
     * what the node accepted (stored) per second, not what was delivered.
     */
    ThroughputRun offline(boolean on) {
        this.offline = on;
        return this;
    }

    /** Also report what was delivered in each second of the measured window ({@code "perSecond"}). */
    ThroughputRun perSecond(boolean on) {
        this.eachSecond = on;
        return this;
    }

    private long[] receivedPerPair() {
        synchronized (pairs) {
            return pairs.stream().mapToLong(p -> p.received).toArray();
        }
    }

    Map<String, Object> run(int pairCount, int bodyBytes, int window, int warmupSeconds, int seconds) throws Exception {
        String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        List<Future<Pair>> started = new ArrayList<>();
        for (int i = 0; i < pairCount; i++) {
            started.add(startPair(runId, i, bodyBytes, window));
        }
        List<Pair> ready = Future.all(started).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS)
                .<Pair>list();
        receivers.settle();
        ready.forEach(pair -> pair.context.runOnContext(v -> pair.start()));
        TimeUnit.SECONDS.sleep(warmupSeconds); // load generator pacing, not test synchronisation
        long before = delivered.sum();
        long[] pairsBefore = receivedPerPair();
        long t0 = System.nanoTime();
        List<Long> everySecond = new ArrayList<>();
        if (eachSecond) {
            long last = before;
            for (int s = 1; s <= seconds; s++) {
                long due = t0 + TimeUnit.SECONDS.toNanos(s);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime())); // generator pacing
                long now = delivered.sum();
                everySecond.add(now - last);
                last = now;
            }
        } else {
            TimeUnit.SECONDS.sleep(seconds);
        }
        long after = delivered.sum();
        long t1 = System.nanoTime();
        long[] pairsAfter = receivedPerPair();
        running = false;
        int stalled = 0;
        for (int i = 0; i < pairsAfter.length; i++) {
            if (pairsAfter[i] == pairsBefore[i]) {
                stalled++;
            }
        }
        long refused;
        synchronized (connections) {
            refused = connections.stream().mapToLong(BenchConnection::errors).sum();
        }
        Future.join(connections.stream().map(BenchConnection::close).toList())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client.close();
        double perSecond = (after - before) / ((t1 - t0) / 1e9);
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("target", target.name().toLowerCase() + receivers.label());
        result.put("pairs", pairCount);
        result.put("bodyBytes", bodyBytes);
        result.put("window", window);
        result.put("seconds", seconds);
        result.put("delivered", after - before);
        result.put("messagesPerSecond", Math.round(perSecond));
        result.put("stalledPairs", stalled);
        result.put("refused", refused);
        result.put("e2ee", endToEnd);
        result.put("offline", offline);
        result.put("unopened", unopened.sum());
        if (eachSecond) {
            result.put("perSecond", everySecond);
        }
        return result;
    }

    private Future<Pair> startPair(String runId, int index, int bodyBytes, int window) {
        Context context = vertx.getOrCreateContext();
        io.vertx.core.Promise<Pair> ready = io.vertx.core.Promise.promise();
        String receiverName = "r" + runId + "-" + index;
        context.runOnContext(v -> {
            Future<BenchConnection> receiver = BenchConnection.open(client, context, target, host, receivers.port(),
                    receiverName, index, 1);
            // Both at once: the relay lets neither end start until the other has arrived.
            Future<BenchConnection> sender = BenchConnection.open(client, context, target, host, port,
                    "s" + runId + "-" + index, index, 0);
            Future.all(receiver, sender).onSuccess(both -> {
                BenchConnection r = receiver.result();
                BenchConnection s = sender.result();
                synchronized (connections) {
                    connections.add(r);
                    connections.add(s);
                }
                String to = receivers.address(receiverName);
                if (offline) {
                    s.countAcceptances();
                    r.close();
                }
                NextFrame frames = endToEnd
                        ? new SealedTemplate(s.keys(), s.user(), r.user(), r.keys().agreementPublic(), bodyBytes)
                        : new MessageTemplate(to, bodyBytes);
                Pair pair = new Pair(s, r, frames, window, context);
                synchronized (pairs) {
                    pairs.add(pair);
                }
                ready.complete(pair);
            }).onFailure(ready::fail);
        });
        return ready.future();
    }

    /** One sender and its receiver; confined to their shared event loop. */
    private final class Pair {
        private final BenchConnection sender;
        private final Context context;
        private final NextFrame template;
        private final int window;
        private long sent;
        private volatile long received; // read by the reporting thread

        Pair(BenchConnection sender, BenchConnection receiver, NextFrame template, int window, Context context) {
            this.sender = sender;
            this.context = context;
            this.template = template;
            this.window = window;
            if (offline) {
                sender.onMessages(this::arrived);
            } else {
                receiver.onMessages(this::arrived);
            }
            if (endToEnd) {
                byte[] senderKey = sender.keys().signingPublic();
                receiver.onFrames((header, body) -> {
                    if (header instanceof Delivery delivery) {
                        try {
                            MessageSeal.open(receiver.keys(), receiver.user(), delivery.id(), delivery.from(),
                                    senderKey, body);
                        } catch (OpenFailure e) {
                            unopened.increment();
                        }
                        arrived(1);
                    }
                });
            }
        }

        private void arrived(int n) {
            received += n;
            delivered.add(n);
            pump();
        }

        void start() {
            pump();
        }

        private void pump() {
            if (!running || sent - received >= window) {
                return;
            }
            Buffer batch = Buffer.buffer();
            while (sent - received < window) {
                batch.appendBytes(template.next());
                sent++;
            }
            sender.write(batch);
        }
    }
}
