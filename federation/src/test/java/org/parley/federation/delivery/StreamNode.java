package org.parley.federation.delivery;

import org.parley.federation.wire.Refusal;
import org.parley.federation.wire.EnvelopeKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.parley.federation.auth.ItemAuthenticator;
import org.parley.federation.gossip.NodeRecord;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.StreamAck;

/**
 * One node's streams in a test: a real {@link StreamManager} with its own context, a real
 * {@link ItemAuthenticator} and an outbox in memory, whose {@link StreamEvents} keep what arrived.
 * What it receives it checks and hands on as {@code Federation} does for items addressed to it.
 */
final class StreamNode implements StreamEvents {

    private static final int MAX_HOPS = 8;
    private static final long TICK_MILLIS = 250;

    private final NodeIdentity identity;
    private final Context context;
    private final ItemAuthenticator auth;
    private final MemoryOutbox outbox;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<String> confirmed = new CopyOnWriteArrayList<>();
    private final List<String> forged = new CopyOnWriteArrayList<>();
    private StreamManager streams;
    private long ticks = -1;

    StreamNode(NodeIdentity identity, Context context, Map<String, NodeRecord> records, MemoryOutbox outbox) {
        this.identity = identity;
        this.context = context;
        this.auth = new ItemAuthenticator(identity, name -> Optional.ofNullable(records.get(name)));
        this.outbox = outbox;
    }

    /**
     * Starts this node's run {@code incarnation}: a new stream manager that reads the outbox, ticked
     * as often as {@code Federation} ticks it.
     */
    Future<Integer> start(long incarnation, EnvelopeTransport transport) {
        return call(() -> {
            streams = new StreamManager(context, identity.name(), incarnation, outbox, transport, this, MAX_HOPS,
                    100, 1000, 1 << 20, auth);
            ticks = context.owner().setPeriodic(TICK_MILLIS, id -> streams.tick());
            return streams.load();
        }).compose(loaded -> loaded);
    }

    /** Stops as a crash would: nothing more is sent, and what was not acknowledged stays in the outbox. */
    Future<Void> crash() {
        return call(() -> {
            context.owner().cancelTimer(ticks);
            return null;
        });
    }

    /** Sends a durable chat message from {@code from} to {@code to}, asking to hear once it is stored there. */
    Future<Void> send(String id, String from, String to) {
        String destination = to.substring(to.indexOf('@') + 1);
        Envelope envelope = new Envelope(identity.name(), destination, 0, 0, 0, 0, EnvelopeKind.CHAT, id, from, to,
                System.currentTimeMillis(), null);
        Promise<Void> stored = Promise.promise();
        context.runOnContext(v -> streams.send(envelope, id.getBytes(), true, true, stored));
        return stored.future();
    }

    /** A frame that reached this node, handed on as {@code Federation.onFrame} does for items addressed here. */
    void receive(PeerMessage message, byte[] body) {
        context.runOnContext(v -> {
            if (message instanceof Envelope envelope) {
                if (auth.authentic(envelope, body)) {
                    streams.onEnvelope(envelope, body);
                } else {
                    forged.add(envelope.id());
                }
            } else if (message instanceof StreamAck ack) {
                if (auth.authentic(ack)) {
                    streams.onAck(ack);
                } else {
                    forged.add("ack " + ack.seq());
                }
            }
        });
    }

    /** A route to the other node appeared. */
    void routesChanged() {
        context.runOnContext(v -> streams.onRoutesChanged());
    }

    Map<String, Integer> waiting() throws Exception {
        return call(() -> streams.waiting()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public Future<java.util.Optional<Refusal>> deliver(Envelope envelope, byte[] body) {
        delivered.add(envelope.id());
        return Future.succeededFuture(java.util.Optional.empty());
    }

    @Override
    public void undeliverable(Envelope sent, Refusal why) {
        confirmed.add(sent.id() + ": " + why.word());
    }

    @Override
    public void stored(Envelope sent) {
        confirmed.add(sent.id());
    }

    @Override
    public void receipt(String user, ReceiptNote note) {
    }

    /** The ids delivered here, in the order they were. */
    List<String> delivered() {
        return delivered;
    }

    /** What this node heard of its messages at their destination: an id when stored, or why not. */
    List<String> confirmed() {
        return confirmed;
    }

    /** Items that arrived here without their origin's valid tag. */
    List<String> forged() {
        return forged;
    }

    MemoryOutbox outbox() {
        return outbox;
    }

    private <T> Future<T> call(Callable<T> work) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return result.future();
    }
}
