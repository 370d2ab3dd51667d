package org.parley.node.video;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.parley.federation.Federation;
import org.parley.federation.FederationRefusal;
import org.parley.federation.auth.PairKey;
import org.parley.federation.bulk.BulkReceiver;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;
import org.parley.node.media.VideoLibrary;
import org.parley.node.media.WatchPlan;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's side of watching: takes {@code watch} and {@code unwatch} from this node's clients,
 * checks each against the naming rule and the stream limits, and serves the video from this node's
 * library or asks the node that holds it, which answers with a video stream (taken here, see
 * {@link VideoAcceptor}) or a refusal ({@code video-reply}). A request unanswered in
 * {@link #ANSWER_MILLIS} is {@code NODE_UNREACHABLE}. Each client's viewings live on its connection's
 * context; the requests waiting for an answer are shared with the federation context.
 */
final class WatchDesk {

    private static final Logger LOG = LoggerFactory.getLogger(WatchDesk.class);
    /** How long the holder has to answer a watch request. */
    static final long ANSWER_MILLIS = TimeUnit.SECONDS.toMillis(10);
    private static final int MAX_ID_LENGTH = 64;

    private final Vertx vertx;
    private final String nodeName;
    private final Federation federation;
    private final VideoLibrary library;
    private final StreamQuota quota;
    /** Each connection's viewings by watch id; the inner maps on their connection's context only. */
    private final Map<ClientConnection, Map<String, Viewing>> viewings = new ConcurrentHashMap<>();
    /** Viewings waiting for the holder's answer, by the id of the request sent to it. */
    private final Map<String, StreamSink> asking = new ConcurrentHashMap<>();

    WatchDesk(Vertx vertx, String nodeName, Federation federation, VideoLibrary library, StreamQuota quota) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.federation = federation;
        this.library = library;
        this.quota = quota;
    }

    /** A client's {@code watch}; on its connection's context. */
    void watch(ClientConnection connection, Watch watch, byte[] body) {
        String id = watch.id();
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            connection.fail(ErrorCode.BAD_REQUEST, "a watch needs an id of 1 to " + MAX_ID_LENGTH + " characters", null);
            return;
        }
        Map<String, Viewing> mine = viewings.computeIfAbsent(connection, c -> new HashMap<>());
        if (mine.containsKey(id)) {
            connection.fail(ErrorCode.BAD_REQUEST, "stream " + id + " is already under way; choose another id", id);
            return;
        }
        VideoAddress video;
        WatchOptions options;
        try {
            video = VideoAddress.parse(watch.video(), nodeName);
            options = WatchOptions.of(watch);
        } catch (IllegalArgumentException e) {
            refuse(connection, id, ErrorCode.UNKNOWN_VIDEO, e.getMessage(), watch.video());
            return;
        } catch (WatchRefusal e) {
            refuse(connection, id, e.code(), e.getMessage(), watch.video());
            return;
        }
        Optional<StreamQuota.Ticket> ticket = quota.admitViewer(connection.user().name());
        if (ticket.isEmpty()) {
            refuse(connection, id, ErrorCode.TOO_MANY_STREAMS, quota.refusal(connection.user().name()), video.toString());
            return;
        }
        Viewing viewing = new Viewing(connection, id, video, options, ticket.get(), () -> mine.remove(id));
        mine.put(id, viewing);
        if (video.node().equals(nodeName)) {
            serveHere(viewing);
        } else {
            ask(viewing);
        }
    }

    /**
     * A web player's fetch of one segment: admitted against its user's stream limit like a watch, then
     * served from this node's library or asked of the holder, as a watch is. On the fetch's context.
     */
    void fetch(SegmentFetch fetch) {
        Optional<StreamQuota.Ticket> ticket = quota.admitViewer(fetch.userName());
        if (ticket.isEmpty()) {
            fetch.refused(ErrorCode.TOO_MANY_STREAMS, quota.refusal(fetch.userName()));
            return;
        }
        fetch.admitted(ticket.get());
        if (fetch.video().node().equals(nodeName)) {
            serveHere(fetch);
        } else {
            ask(fetch);
        }
    }

    private void refuse(ClientConnection connection, String id, ErrorCode code, String message, String video) {
        LOG.info("Refused {}'s watch of {}: {} {}", connection.describe(), video, code, message);
        connection.fail(code, message, id);
    }

    /** A video of this node's own library: read here, no other node involved. */
    private void serveHere(StreamSink viewing) {
        WatchPlan plan;
        try {
            plan = viewing.options().planFor(library.video(viewing.video().name())
                    .orElseThrow(() -> new WatchRefusal(ErrorCode.UNKNOWN_VIDEO, "node " + nodeName + " has no video "
                            + viewing.video().name())));
        } catch (WatchRefusal e) {
            viewing.refused(e.code(), e.getMessage());
            return;
        }
        StreamOpening opening = StreamOpening.of("local", nodeName, nodeName, viewing.user(), plan);
        viewing.attach(new LocalUpstream(vertx, nodeName, plan, viewing), opening);
    }

    /** A video of another node: the request goes there, and the answer comes back, or the time runs out. */
    private void ask(StreamSink viewing) {
        String holder = viewing.video().node();
        if (!federation.reaches(holder)) {
            viewing.refused(ErrorCode.NODE_UNREACHABLE, federation.directory().node(holder).isPresent()
                    ? "node " + holder + " is unreachable now; try again later"
                    : "there is no node " + holder + " on the network");
            return;
        }
        String request = UUID.randomUUID().toString();
        asking.put(request, viewing);
        long timer = vertx.setTimer(ANSWER_MILLIS, t -> viewing.onContext(() -> {
            if (asking.remove(request, viewing)) {
                viewing.refused(ErrorCode.NODE_UNREACHABLE, "node " + holder + " did not answer within "
                        + TimeUnit.MILLISECONDS.toSeconds(ANSWER_MILLIS) + " s; try again later");
            }
        }));
        viewing.whileAsking(() -> {
            vertx.cancelTimer(timer);
            asking.remove(request, viewing);
        });
        federation.sendTransient(holder, EnvelopeKind.VIDEO_REQUEST, request, viewing.user(),
                viewing.video().toString(), viewing.options().encode()).onFailure(e -> viewing.onContext(() ->
                viewing.refused(e instanceof FederationRefusal ? ErrorCode.NODE_UNREACHABLE : ErrorCode.INTERNAL,
                        e instanceof FederationRefusal ? "node " + holder + " cannot be asked now: " + e.getMessage()
                                : "node " + nodeName + " could not ask node " + holder + "; try again")));
        LOG.debug("Asked node {} for {} ({}) for {}, request {}", holder, viewing.video(), viewing.options().describe(),
                viewing.describe(), request);
    }

    /** A client's {@code unwatch}; on its connection's context. */
    void unwatch(ClientConnection connection, Unwatch unwatch, byte[] body) {
        Viewing viewing = unwatch.id() == null ? null : viewings.getOrDefault(connection, Map.of()).get(unwatch.id());
        if (viewing == null) {
            connection.fail(ErrorCode.BAD_REQUEST, "no stream " + unwatch.id() + " is under way", unwatch.id());
            return;
        }
        viewing.unwatched();
    }

    /** A client's connection ended: its streams end with it. On its connection's context. */
    void closed(ClientConnection connection) {
        Map<String, Viewing> mine = viewings.remove(connection);
        if (mine != null) {
            for (Viewing viewing : java.util.List.copyOf(mine.values())) {
                viewing.disconnected();
            }
        }
    }

    /**
     * A video stream for this node, from the holder it names, answering a request of this node: it
     * goes to the viewing that asked, once its opening proves the holder sent it. On the federation
     * context, in the stream's acceptor.
     */
    void arrived(BulkReceiver stream, StreamOpening.Arrived arrived) {
        StreamOpening opening = arrived.opening();
        StreamSink viewing = asking.get(opening.request());
        if (viewing == null) {
            LOG.debug("A video stream from node {} answers request {}, which no one waits for now; reset",
                    opening.holder(), opening.request());
            stream.reset("node " + nodeName + " waits for no stream for request " + opening.request()
                    + " (the viewer stopped, or gave up waiting)");
            return;
        }
        Optional<PairKey> key = federation.itemKeyFrom(opening.holder());
        if (!opening.holder().equals(viewing.video().node()) || !opening.viewer().equals(viewing.user())
                || key.isEmpty() || !arrived.authentic(key.get())) {
            LOG.warn("Refused a video stream from node {} claiming to answer request {} of {} for {}: it does not"
                    + " carry the tag of node {} for that request (forged on its way, or confused)", stream.peer(),
                    opening.request(), opening.viewer(), viewing.video(), viewing.video().node());
            stream.reset("node " + nodeName + " refuses a video stream that node " + viewing.video().node()
                    + " did not open");
            return;
        }
        if (!asking.remove(opening.request(), viewing)) {
            stream.reset("node " + nodeName + " no longer waits for request " + opening.request());
            return;
        }
        RemoteUpstream upstream = new RemoteUpstream(vertx, stream, key.get(), opening.request(), viewing);
        viewing.onContext(() -> viewing.attach(upstream, opening));
    }

    /** The holder refused a request of a user of this node ({@code video-reply}). On the federation context. */
    Future<Optional<Refusal>> replied(Envelope envelope, byte[] body) {
        StreamSink viewing = asking.get(envelope.id());
        if (viewing == null || !envelope.origin().equals(viewing.video().node())
                || !envelope.to().equals(viewing.user())) {
            LOG.debug("Node {} answered request {}, which no one waits for now", envelope.origin(), envelope.id());
            return EnvelopeHandler.TAKEN;
        }
        if (asking.remove(envelope.id(), viewing)) {
            WatchReply reply = WatchReply.decode(body, envelope.origin());
            viewing.onContext(() -> viewing.refused(reply.code(), reply.message()));
        }
        return EnvelopeHandler.TAKEN;
    }

    /** A request did not reach the holder's videos: its stream refused it. On the federation context. */
    void undeliverable(Envelope request, Refusal why) {
        StreamSink viewing = asking.remove(request.id());
        if (viewing != null) {
            viewing.onContext(() -> viewing.refused(ErrorCode.UNKNOWN_VIDEO, "node " + request.destination()
                    + " refused to look for " + request.to() + " (" + why.word() + ")"));
        }
    }
}
