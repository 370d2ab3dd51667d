package org.parley.node.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlBusTest {

    private final Vertx vertx = Vertx.vertx();

    /** A command as the node's parts send them: a record, passed as it is. */
    private record Count(String what) {
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoNodesInOneJvmEachReachOnlyTheirOwnParts() throws Exception {
        ControlBus a = new ControlBus(vertx, "node-a");
        ControlBus b = new ControlBus(vertx, "node-b");
        await(vertx.eventBus().<Count>consumer(a.mailboxShard(0),
                command -> ControlBus.answer(command, Future.succeededFuture(List.of("a", command.body().what()))))
                .completion());
        await(vertx.eventBus().<Count>consumer(b.mailboxShard(0),
                command -> ControlBus.answer(command, Future.succeededFuture(List.of("b", command.body().what()))))
                .completion());

        assertEquals(List.of("a", "bob"), await(a.ask(a.mailboxShard(0), new Count("bob"))));
        assertEquals(List.of("b", "carol"), await(b.ask(b.mailboxShard(0), new Count("carol"))));
    }

    @Test
    void aCommandNoPartTakesOrOneThatFailsFailsTheAsker() throws Exception {
        ControlBus bus = new ControlBus(vertx, "node-a");
        ExecutionException nobody = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(bus.ask(bus.groupHome(), new Count("x"))));
        assertEquals(ReplyFailure.NO_HANDLERS, ((ReplyException) nobody.getCause()).failureType());

        await(vertx.eventBus().<Count>consumer(bus.groupHome(), command -> ControlBus.answer(command,
                Future.failedFuture(new IllegalStateException("the store is closed")))).completion());
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> await(bus.ask(bus.groupHome(), new Count("x"))));
        assertTrue(failed.getCause().getMessage().contains("the store is closed"), failed.getCause().getMessage());
    }

    /** Shapes like the mailbox's: records holding lists and maps of records. */
    private record Gone(String user, long bytes) {
    }

    private record Expired(java.util.List<Gone> gone, java.util.Map<String, Gone> byUser) {
    }

    @Test
    void betweenJvmsADeclaredCommandTravelsAsItsTypeAndJsonAndNothingElseIsBuilt() {
        ControlBus bus = new ControlBus(vertx, "node-a");
        bus.declare(Expired.class);
        ControlCodec codec = new ControlCodec();
        Expired sent = new Expired(List.of(new Gone("bob", 10)), java.util.Map.of("carol", new Gone("carol", 20)));

        io.vertx.core.buffer.Buffer wire = io.vertx.core.buffer.Buffer.buffer().appendByte((byte) 7);
        codec.encodeToWire(wire, sent);
        assertEquals(sent, codec.decodeFromWire(1, wire));

        io.vertx.core.buffer.Buffer none = io.vertx.core.buffer.Buffer.buffer();
        codec.encodeToWire(none, null);
        assertEquals(null, codec.decodeFromWire(0, none));

        // a peer on the bus naming a class this node never declared gets nothing built
        byte[] name = "java.io.File".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        io.vertx.core.buffer.Buffer forged = io.vertx.core.buffer.Buffer.buffer().appendInt(name.length)
                .appendBytes(name).appendInt(2).appendString("{}");
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> codec.decodeFromWire(0, forged));
        assertTrue(refused.getMessage().contains("java.io.File"), refused.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> codec.encodeToWire(io.vertx.core.buffer.Buffer.buffer(), new Count("not declared")));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
