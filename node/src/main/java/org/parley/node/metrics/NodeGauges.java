package org.parley.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.parley.federation.Federation;
import org.parley.federation.PeerFigures;
import org.parley.federation.bulk.BulkTotals;
import org.parley.federation.gossip.Directory;

/**
 * The node's figures that other parts keep, bound to gauges: the directory, bulk streams, voice,
 * users online; and those only a question answers (the mailboxes' depth, each peer's link), asked
 * anew by {@link #refresh} before each scrape, without blocking: the answers come as futures. The
 * node's parts are reached through plain functions, so that they depend on this package and not
 * the other way round.
 */
public final class NodeGauges {

    /** What the node's parts other than the federation tell; each function may be called from any thread. */
    public record Sources(Supplier<Future<Map<String, Integer>>> mailboxWaiting, IntSupplier usersOnline,
                          LongSupplier voiceRelayed, Map<String, LongSupplier> voiceDroppedByReason) {
    }

    private final Federation federation;
    /** Held here: Micrometer holds what a function counter reads only weakly. */
    private final Sources sources;
    private final Supplier<Future<Map<String, Integer>>> mailboxWaiting;
    private final AtomicLong mailboxMessages = new AtomicLong();
    private final AtomicLong mailboxUsers = new AtomicLong();
    private final MultiGauge linkUp;
    private final MultiGauge linkRtt;
    private final MultiGauge outbox;

    public NodeGauges(NodeMetrics metrics, Federation federation, Sources sources) {
        this.federation = federation;
        this.sources = sources;
        this.mailboxWaiting = sources.mailboxWaiting();
        MeterRegistry registry = metrics.registry();
        Directory directory = federation.directory();
        Gauge.builder("parley_directory_entries", directory, Directory::userCount).tag("kind", "user")
                .description("Entries in the network's directory as this node holds it, by kind").register(registry);
        Gauge.builder("parley_directory_entries", directory, Directory::groupCount).tag("kind", "group")
                .description("Entries in the network's directory as this node holds it, by kind").register(registry);
        Gauge.builder("parley_directory_entries", directory, Directory::nodeCount).tag("kind", "node")
                .description("Entries in the network's directory as this node holds it, by kind").register(registry);
        BulkTotals bulk = federation.bulk().totals();
        FunctionCounter.builder("parley_bulk_streams_opened", bulk, BulkTotals::streamsOpenedHere)
                .tag("direction", "out").description("Bulk streams (files, video) opened between nodes, by direction")
                .register(registry);
        FunctionCounter.builder("parley_bulk_streams_opened", bulk, BulkTotals::streamsOpenedThere)
                .tag("direction", "in").description("Bulk streams (files, video) opened between nodes, by direction")
                .register(registry);
        FunctionCounter.builder("parley_bulk_bytes", bulk, BulkTotals::bytesSent).tag("direction", "out")
                .baseUnit("bytes").description("Bytes of items carried on bulk streams, by direction").register(registry);
        FunctionCounter.builder("parley_bulk_bytes", bulk, BulkTotals::bytesReceived).tag("direction", "in")
                .baseUnit("bytes").description("Bytes of items carried on bulk streams, by direction").register(registry);
        Gauge.builder("parley_bulk_buffered", federation.bulk(), b -> b.bufferedBytes()).baseUnit("bytes")
                .description("Bytes this node holds for bulk streams, both ways").register(registry);
        FunctionCounter.builder("parley_voice_packets_relayed", sources.voiceRelayed(), LongSupplier::getAsLong)
                .description("Voice datagrams the relay sent on, to sessions and to other nodes").register(registry);
        sources.voiceDroppedByReason().forEach((why, count) ->
                FunctionCounter.builder("parley_voice_packets_dropped", count, LongSupplier::getAsLong)
                        .tag("reason", why).description("Voice datagrams the relay dropped, by why")
                        .register(registry));
        Gauge.builder("parley_users_online", sources.usersOnline(), IntSupplier::getAsInt).strongReference(true)
                .description("Users of this node logged in now, with one session or more").register(registry);
        Gauge.builder("parley_mailbox_messages", mailboxMessages, AtomicLong::get)
                .description("Messages stored for this node's users, waiting to be acknowledged").register(registry);
        Gauge.builder("parley_mailbox_users", mailboxUsers, AtomicLong::get)
                .description("Users of this node with messages waiting").register(registry);
        linkUp = MultiGauge.builder("parley_link_up")
                .description("1 while a link to the peer is up, 0 once it went down").register(registry);
        linkRtt = MultiGauge.builder("parley_link_rtt").baseUnit("seconds")
                .description("Round trip of the link's last heartbeat ping").register(registry);
        outbox = MultiGauge.builder("parley_outbox_envelopes")
                .description("Envelopes waiting for the node's acknowledgement, per destination node")
                .register(registry);
    }

    /** Asks for the figures that are answers to questions, and sets the gauges that show them. */
    public Future<Void> refresh() {
        Future<Map<String, Integer>> waiting = mailboxWaiting.get().onSuccess(byUser -> {
            mailboxMessages.set(byUser.values().stream().mapToLong(Integer::longValue).sum());
            mailboxUsers.set(byUser.values().stream().filter(n -> n > 0).count());
        });
        Future<List<PeerFigures>> peers = federation.peerFigures().onSuccess(this::showPeers);
        return Future.all(waiting, peers).mapEmpty();
    }

    private void showPeers(List<PeerFigures> figures) {
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        List<MultiGauge.Row<?>> rtt = new ArrayList<>();
        List<MultiGauge.Row<?>> depth = new ArrayList<>();
        for (PeerFigures peer : figures) {
            Tags tags = Tags.of("peer", peer.node());
            up.add(MultiGauge.Row.of(tags, peer.linked() ? 1 : 0));
            if (peer.rttNanos() >= 0) {
                rtt.add(MultiGauge.Row.of(tags, peer.rttNanos() / (double) TimeUnit.SECONDS.toNanos(1)));
            }
            depth.add(MultiGauge.Row.of(tags, peer.outboxDepth()));
        }
        linkUp.register(up, true);
        linkRtt.register(rtt, true);
        outbox.register(depth, true);
    }
}
