package org.parley.node.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The event bus as the node uses it: for control and hand-offs to its mailbox shards and its group
 * home, each at an address of its own, never for the per-message path (routing every message over
 * the bus measured at about a quarter of the throughput). Commands and answers are plain records
 * passed within the JVM; a clustered event bus would give them a wire codec, and the parts that
 * answer at these addresses could then live on other machines without another redesign.
 */
public final class ControlBus {

    private static final String CODEC = "parley-control";
    private static final long TIMEOUT_MILLIS = 30_000;
    private static final DeliveryOptions OPTIONS = new DeliveryOptions().setCodecName(CODEC)
            .setSendTimeout(TIMEOUT_MILLIS);

    private final Vertx vertx;
    private final String nodeName;

    /** The control bus of node {@code nodeName}: addresses of several nodes in one JVM do not meet. */
    public ControlBus(Vertx vertx, String nodeName) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        synchronized (ControlBus.class) {
            try {
                vertx.eventBus().registerCodec(new InJvm());
            } catch (IllegalStateException alreadyThere) {
                // another node of this Vert.x registered it first
            }
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

    /** Passes commands and answers as they are, within the JVM. */
    private static final class InJvm implements MessageCodec<Object, Object> {

        @Override
        public void encodeToWire(Buffer buffer, Object command) {
            throw new UnsupportedOperationException("control commands stay within the JVM; a clustered event bus"
                    + " needs a wire codec for " + command.getClass().getSimpleName());
        }

        @Override
        public Object decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("control commands stay within the JVM");
        }

        @Override
        public Object transform(Object command) {
            return command; // records: immutable, safe to share between contexts
        }

        @Override
        public String name() {
            return CODEC;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
