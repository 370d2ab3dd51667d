package org.parley.federation.bulk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a node's acceptor of bulk streams saw, for a test to read from its own thread: the streams,
 * the bytes of whole items each handed up, the most each held at once, and how each ended. It
 * settles the items of the streams {@code settles} picks (as passed on) at once, and of the others
 * never.
 */
final class Taker implements Consumer<BulkReceiver> {

    final Map<Integer, BulkReceiver> streams = new ConcurrentHashMap<>();
    final Map<Integer, AtomicLong> itemBytes = new ConcurrentHashMap<>();
    final Map<Integer, CompletableFuture<BulkEnd>> ends = new ConcurrentHashMap<>();
    /** The most any one stream held when an item of it was handed up. */
    final AtomicLong mostHeldByAStream = new AtomicLong();
    volatile Predicate<BulkReceiver> settles;

    Taker(Predicate<BulkReceiver> settles) {
        this.settles = settles;
    }

    /** Settles every item of every stream. */
    static Taker settlingAll() {
        return new Taker(stream -> true);
    }

    /** Settles nothing: a reader that never catches up. */
    static Taker stalled() {
        return new Taker(stream -> false);
    }

    @Override
    public void accept(BulkReceiver stream) {
        streams.put(stream.id(), stream);
        itemBytes.put(stream.id(), new AtomicLong());
        CompletableFuture<BulkEnd> end = new CompletableFuture<>();
        ends.put(stream.id(), end);
        stream.ended(end::complete);
        stream.handler(item -> {
            itemBytes.get(stream.id()).addAndGet(item.bytes());
            mostHeldByAStream.accumulateAndGet(stream.bufferedBytes(), Math::max);
            if (settles.test(stream)) {
                stream.settle(Settled.as(item.seq(), Settlement.PASSED));
            }
        });
    }

    /** Bytes received on every stream so far, pieces of items included. */
    long received() {
        return streams.values().stream().mapToLong(BulkReceiver::receivedBytes).sum();
    }

    /** Bytes held for every stream now. */
    long held() {
        return streams.values().stream().mapToLong(BulkReceiver::bufferedBytes).sum();
    }

    /** Headers of the streams as text, for the tests that pick streams by what they say. */
    static String said(BulkReceiver stream) {
        return new String(stream.header(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
