package org.parley.bench;

import org.parley.protocol.message.GroupAction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A group spread over three nodes, as their own processes: node-a is its home, node-b and node-c
 * link to node-a through {@link CountingProxy}s. Members join (a third on each node), then one
 * sender per node keeps {@code window} messages in flight, a message being done when the last of
 * the other members has it. Reports messages per second done, the latency from send to the last
 * member, and what crossed the links per message.
 */
@Command(name = "group", description = "A group over three nodes: messages per second to every member, latency to"
        + " the last member, traffic between nodes per message.")
final class GroupRun implements java.util.concurrent.Callable<Integer> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--members", defaultValue = "500")
    int members;

    @Option(names = "--window", defaultValue = "4", description = "messages in flight per sender")
    int window;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--size", defaultValue = "100", description = "message body bytes")
    int size;

    @Option(names = "--rounds", defaultValue = "1", description = "measurements on the same group")
    int rounds;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final LongAdder done = new LongAdder();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    private record Pending(long sentNanos, AtomicInteger left, Sender sender) {
    }

    @Override
    public Integer call() throws Exception {
        if (members < 3) {
            throw new IllegalArgumentException("--members must be at least 3 (one sender per node)");
        }
        Path data = Files.createTempDirectory("parley-bench-group");
        System.err.println("parley-bench: node logs in " + data);
        List<Process> processes = new ArrayList<>();
        Vertx vertx = BenchMain.newVertx();
        try {
            Process a = node(processes, data, "node-a", Spawned.trusting(data, "node-b", "node-c").toArray(String[]::new));
            int[] ports = new int[3];
            ports[0] = Spawned.readyPort(a, data.resolve("node-a.log"));
            int homeLinks = Spawned.s2sPort(data.resolve("node-a.log"));
            List<CountingProxy> proxies = List.of(new CountingProxy(vertx, homeLinks), new CountingProxy(vertx, homeLinks));
            for (int i = 0; i < 2; i++) {
                String name = i == 0 ? "node-b" : "node-c";
                int proxyPort = proxies.get(i).start().await(10, TimeUnit.SECONDS);
                List<String> args = new ArrayList<>(List.of("--peer", "127.0.0.1:" + proxyPort));
                args.addAll(Spawned.trusting(data, "node-a"));
                Process p = node(processes, data, name, args.toArray(String[]::new));
                ports[i + 1] = Spawned.readyPort(p, data.resolve(name + ".log"));
            }
            String group = "#bench" + Integer.toHexString(RANDOM.nextInt(1 << 24)) + "@node-a";
            List<Member> all = join(vertx, ports, group);
            List<Map<String, Object>> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                results.add(measure(all, proxies, group));
            }
            running = false;
            for (Map<String, Object> result : results) {
                BenchMain.print(result);
            }
            return 0;
        } finally {
            vertx.close();
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process node(List<Process> processes, Path data, String name, String... more) throws Exception {
        return Spawned.node(processes, data, name, List.of(), more);
    }

    /** One member's connection and what it waits for. */
    private final class Member {
        final BenchConnection connection;
        final Context context;
        final Map<String, Promise<GroupInfo>> answers = new ConcurrentHashMap<>();

        Member(BenchConnection connection, Context context) {
            this.connection = connection;
            this.context = context;
            connection.onFrames(this::onFrame);
        }

        void onFrame(ServerMessage header, byte[] body) {
            if (header instanceof Delivery delivery && GroupAddress.isGroup(delivery.to())) {
                Pending message = pending.get(delivery.id());
                if (message != null && message.left().decrementAndGet() == 0) {
                    pending.remove(delivery.id());
                    if (measuring) {
                        latencies.add(System.nanoTime() - message.sentNanos());
                        done.increment();
                    }
                    message.sender().next();
                }
            } else if (header instanceof GroupInfo info) {
                Promise<GroupInfo> answer = answers.remove(info.id());
                if (answer != null) {
                    answer.complete(info);
                }
            } else if (header instanceof ErrorFrame error) {
                errors.incrementAndGet();
                Promise<GroupInfo> answer = error.ref() == null ? null : answers.remove(error.ref());
                if (answer != null) {
                    answer.fail(error.code() + " " + error.message());
                }
            }
        }

        Future<GroupInfo> ask(GroupAction action, String group, Boolean open) {
            String id = "q" + Integer.toHexString(RANDOM.nextInt());
            Promise<GroupInfo> answer = Promise.promise();
            answers.put(id, answer);
            context.runOnContext(v -> connection.write(Buffer.buffer(FrameEncoder.client().encode(
                    new GroupRequest(id, action, group, null, open)))));
            return answer.future();
        }
    }

    /** A member who writes, keeping {@code window} messages in flight; confined to its context. */
    private final class Sender {
        final Member member;
        final String group;
        final byte[] body = new byte[size];
        final String prefix;
        long sequence;

        Sender(Member member, String group, int index) {
            this.member = member;
            this.group = group;
            this.prefix = "s" + index + "-" + Integer.toHexString(RANDOM.nextInt()) + "-";
            RANDOM.nextBytes(body);
        }

        void next() {
            member.context.runOnContext(v -> sendOne());
        }

        void sendOne() {
            if (!running) {
                return;
            }
            String id = prefix + (sequence++);
            pending.put(id, new Pending(System.nanoTime(), new AtomicInteger(members - 1), this));
            member.connection.write(Buffer.buffer(FrameEncoder.client().encode(new Send(id, group), body)));
        }
    }

    /** Logs every member in (a third per node), creates the group on node-a and has every other member join. */
    private List<Member> join(Vertx vertx, int[] ports, String group) throws Exception {
        NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
        String run = Integer.toHexString(RANDOM.nextInt(1 << 24));
        List<Future<Member>> logins = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Context context = vertx.getOrCreateContext();
            Promise<Member> member = Promise.promise();
            String name = "m" + run + "x" + i;
            int port = ports[i % 3];
            context.runOnContext(v -> BenchConnection.open(client, context, Target.NODE, "127.0.0.1", port, name, 0, 0)
                    .map(connection -> new Member(connection, context)).onComplete(member));
            logins.add(member.future());
            if (logins.size() % 50 == 0) {
                Future.all(logins).await(60, TimeUnit.SECONDS); // a few at a time: logins verify signatures
            }
        }
        Future.all(logins).await(120, TimeUnit.SECONDS);
        List<Member> all = logins.stream().map(Future::result).toList();
        long started = System.nanoTime();
        all.get(0).ask(GroupAction.CREATE, group, true).await(30, TimeUnit.SECONDS);
        List<Future<GroupInfo>> joins = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            joins.add(all.get(i).ask(GroupAction.JOIN, group, null));
            if (joins.size() % 50 == 0) {
                Future.all(joins).await(120, TimeUnit.SECONDS);
            }
        }
        Future.all(joins).await(120, TimeUnit.SECONDS);
        System.err.printf("parley-bench: %d members joined %s in %.1f s%n", all.size(), group,
                (System.nanoTime() - started) / 1e9);
        return all;
    }

    private Map<String, Object> measure(List<Member> all, List<CountingProxy> proxies, String group) throws Exception {
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            senders.add(new Sender(all.get(i), group, i)); // members 0, 1, 2: one on each node
        }
        running = true;
        for (Sender sender : senders) {
            for (int w = 0; w < window; w++) {
                sender.next();
            }
        }
        TimeUnit.SECONDS.sleep(warmup); // load generator pacing, not test synchronisation
        latencies.clear();
        done.reset();
        long bytesBefore = proxies.stream().mapToLong(CountingProxy::bytes).sum();
        long framesBefore = proxies.stream().mapToLong(CountingProxy::groupFrames).sum();
        measuring = true;
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long bytes = proxies.stream().mapToLong(CountingProxy::bytes).sum() - bytesBefore;
        long frames = proxies.stream().mapToLong(CountingProxy::groupFrames).sum() - framesBefore;
        running = false;
        long messages = done.sum();
        List<Long> sorted;
        synchronized (latencies) {
            sorted = latencies.stream().sorted().toList();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("target", "group");
        result.put("members", members);
        result.put("nodes", 3);
        result.put("senders", senders.size());
        result.put("window", window);
        result.put("bodyBytes", size);
        result.put("seconds", seconds);
        result.put("messagesToAllMembers", messages);
        result.put("messagesPerSecond", Math.round(messages / elapsed));
        result.put("deliveriesPerSecond", Math.round(messages * (members - 1) / elapsed));
        result.put("p50MicrosToLastMember", percentile(sorted, 0.50));
        result.put("p99MicrosToLastMember", percentile(sorted, 0.99));
        result.put("s2sBytesPerMessage", messages == 0 ? 0 : bytes / messages);
        result.put("groupEnvelopesPerMessage", messages == 0 ? 0 : Math.round(100.0 * frames / messages) / 100.0);
        result.put("errors", errors.get());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        // let what is in flight drain before the next round
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // load generator pacing
        }
        pending.clear();
        return result;
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1000;
    }
}
