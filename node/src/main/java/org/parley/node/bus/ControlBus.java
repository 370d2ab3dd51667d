package org.parley.node.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The event bus as the node uses it: for control and hand-offs to its mailbox shards and its group
 * home, each at an address of its own, never for the per-message path (routing every message over
 * the bus measured at about a quarter of the throughput). Commands and answers are records, passed
 * as they are within the JVM and as JSON with their type between JVMs ({@link ControlCodec}), so the
 * parts that answer at these addresses can move to other machines with a clustered event bus
 * without another redesign.
 */
public final class ControlBus {

    private static final long TIMEOUT_MILLIS = 30_000;
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setCodecName(ControlCodec.NAME)
            .setSendTimeout(TIMEOUT_MILLIS);

    private final Vertx vertx;
    private final String nodeName;

    /** The control bus of node {@code nodeName}: addresses of several nodes in one JVM do not meet. */
    public ControlBus(Vertx vertx, String nodeName) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        synchronized (ControlBus.class) {
            try {
                vertx.eventBus().registerCodec(new ControlCodec());
            } catch (IllegalStateException alreadyThere) {
                // another node of this Vert.x registered it first
            }
        }
    }

    /** Declares the records a part sends or answers with, so the bus can carry them between JVMs. */
    public void declare(Class<?>... types) {
        for (Class<?> type : types) {
            ControlCodec.declare(type);
        }
    }

    /** Where mailbox shard {@code index} takes commands. */
    public String mailboxShard(int index) {
        return "parley." + nodeName + ".mailbox." + index;
    }

    /** Where the group home takes commands. */
    public String groupHome() {
        return "parley." + nodeName + ".groups";
    }

    /** Sends {@code command} to {@code address}; resolves with the answer. */
    public <T> Future<T> ask(String address, Object command) {
        return vertx.eventBus().<T>request(address, command, OPTIONS).map(Message::body);
    }

    /** Answers {@code command} with what {@code work} resolves with, or fails it with why not. */
    public static void answer(Message<?> command, Future<?> work) {
        work.onComplete(done -> {
            if (done.succeeded()) {
                command.reply(done.result(), OPTIONS);
            } else {
                command.fail(500, String.valueOf(done.cause().getMessage()));
            }
        });
    }
}
