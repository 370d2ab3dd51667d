package org.parley.node.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.federation.delivery.OutboxStore;
import org.parley.federation.wire.Envelope;

/**
 * The outbox in a real SQLite file, used from one context as the federation uses it: what waits is
 * there after a restart; what its destination acknowledged in time never reaches the disk.
 */
@Timeout(60)
class SqliteOutboxTest {

    @TempDir
    Path data;

    private StoreFixture store;
    private SqliteDatabase db;

    @BeforeEach
    void open() throws Exception {
        store = new StoreFixture(data);
        db = store.open();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private <T> T on(Supplier<Future<T>> work) throws Exception {
        return store.on(work);
    }

    private static Envelope to(String destination, long seq) {
        return new Envelope("node-a", destination, 8, 1, seq, 1, org.parley.federation.wire.EnvelopeKind.CHAT, "m" + seq, "alice@node-a",
                "bob@" + destination, 1000, null);
    }

    /** What a node restarted now would read from the outbox, as "destination row body". */
    private List<String> afterRestart() throws Exception {
        db = store.open();
        return on(() -> new SqliteOutbox(store.vertx(), db).loadAll()).stream()
                .map(s -> s.envelope().destination() + " " + s.row() + " " + new String(s.body(), UTF_8)).toList();
    }

    @Test
    void envelopesNobodyAcknowledgedAreOnDiskInRowOrderWhenTheirAppendsResolve() throws Exception {
        OutboxStore outbox = new SqliteOutbox(store.vertx(), db);

        on(() -> Future.all(outbox.append(1, to("node-b", 1), "one".getBytes(UTF_8)),
                outbox.append(2, to("node-c", 1), "two".getBytes(UTF_8)),
                outbox.append(3, to("node-b", 2), "three".getBytes(UTF_8))));

        assertEquals(List.of("node-b 1 one", "node-c 2 two", "node-b 3 three"), afterRestart());
    }

    @Test
    void anEnvelopeAcknowledgedWithinItsGraceIsNeverWrittenAndItsAppendResolves() throws Exception {
        OutboxStore outbox = new SqliteOutbox(store.vertx(), db);

        on(() -> {
            Future<Void> acknowledged = outbox.append(1, to("node-b", 1), "one".getBytes(UTF_8));
            Future<Void> waiting = outbox.append(2, to("node-c", 1), "two".getBytes(UTF_8));
            outbox.removeUpTo("node-b", 1);
            return Future.all(acknowledged, waiting);
        });

        assertEquals(List.of("node-c 2 two"), afterRestart());
    }

    @Test
    void anAcknowledgementAfterTheWriteRemovesEverythingUpToItsRowForItsDestinationOnly() throws Exception {
        SqliteOutbox outbox = new SqliteOutbox(store.vertx(), db);
        on(() -> Future.all(outbox.append(1, to("node-b", 1), "one".getBytes(UTF_8)),
                outbox.append(2, to("node-c", 1), "two".getBytes(UTF_8)),
                outbox.append(3, to("node-b", 2), "three".getBytes(UTF_8)),
                outbox.append(4, to("node-b", 3), "four".getBytes(UTF_8))));

        on(() -> {
            outbox.removeUpTo("node-b", 3);
            return outbox.append(5, to("node-b", 4), "five".getBytes(UTF_8)); // a later batch: after the deletion
        });

        assertEquals(List.of("node-c 2 two", "node-b 4 four", "node-b 5 five"), afterRestart());
    }
}
