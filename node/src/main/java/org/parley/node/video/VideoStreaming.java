package org.parley.node.video;

import io.vertx.core.Vertx;
import java.util.Optional;
import org.parley.federation.Federation;
import org.parley.federation.bulk.BulkPurpose;
import org.parley.node.config.MediaConfig;
import org.parley.node.media.VideoLibrary;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.VideosRequest;
import org.parley.protocol.message.Watch;

/**
 * Video on this node, from the library to the network and from the network to its users: listing
 * ({@code videos}, and the directory entries that advertise the library), watching ({@code watch},
 * {@code unwatch}), serving other nodes' viewers and relaying their streams. What the node's wiring
 * hands to the dispatcher, the federation and the network's arrivals.
 */
public final class VideoStreaming {

    private final String nodeName;
    private final WatchDesk desk;
    private final VideosHandler videos;
    private final VideoEnvelopes envelopes;
    private final VideoAdvertiser advertiser;
    private final VideoOutlines outlines;

    /** Made before the federation opens: its video streams are accepted from the first link. */
    public VideoStreaming(Vertx vertx, String nodeName, Federation federation, VideoLibrary library,
                          MediaConfig limits) {
        this.nodeName = nodeName;
        StreamQuota quota = new StreamQuota(limits);
        this.desk = new WatchDesk(vertx, nodeName, federation, library, quota);
        this.videos = new VideosHandler(nodeName, library, federation.directory());
        this.envelopes = new VideoEnvelopes(new VideoServer(vertx, nodeName, federation, library, quota), desk);
        this.advertiser = new VideoAdvertiser(federation, library);
        this.outlines = new VideoOutlines(nodeName, library, federation.directory());
        federation.bulk().accept(BulkPurpose.VIDEO,
                new VideoAcceptor(nodeName, desk, new VideoRelay(nodeName, federation))::accept);
    }

    /** Lists the library on the network; once the federation is open. */
    public void advertise() {
        advertiser.start();
    }

    public FrameHandler<VideosRequest> videos() {
        return videos;
    }

    public FrameHandler<Watch> watch() {
        return desk::watch;
    }

    public FrameHandler<Unwatch> unwatch() {
        return desk::unwatch;
    }

    /** A client's connection ended: its streams end too. On its connection's context. */
    public void closed(ClientConnection connection) {
        desk.closed(connection);
    }

    /** What a player needs to lay out {@code video} ({@code name@node}); empty if no such video is known here. */
    public Optional<VideoOutline> outline(VideoAddress video) {
        return outlines.of(video);
    }

    /**
     * Streams segment {@code index} of {@code video}'s rendition {@code resolution} to {@code out}, for
     * user {@code userName} of this node: from this node's library, or from the video's holder over the
     * link's video streams, as a watch is served. On the context {@code out} is used on.
     */
    public void segment(String userName, VideoAddress video, String resolution, int index, SegmentOut out) {
        WatchOptions options;
        try {
            options = WatchOptions.oneSegment(resolution, index);
        } catch (WatchRefusal e) {
            out.failed(e.code(), e.getMessage());
            return;
        }
        Optional<VideoOutline.Variant> variant = outlines.of(video).flatMap(found -> found.variants().stream()
                .filter(v -> v.resolution().equals(resolution)).findFirst());
        if (variant.isEmpty() || index >= variant.get().segmentMillis().size()) {
            out.failed(variant.isEmpty() ? ErrorCode.UNKNOWN_VIDEO : ErrorCode.UNKNOWN_RESOLUTION, variant.isEmpty()
                    ? "node " + nodeName + " knows no " + resolution + " rendition of " + video
                    : video + " has " + variant.get().segmentMillis().size() + " segments in " + resolution + ", not "
                    + (index + 1));
            return;
        }
        desk.fetch(new SegmentFetch(Vertx.currentContext(), userName, userName + "@" + nodeName, video, options,
                index, out));
    }

    /** The video envelope kinds, for the network's arrivals. */
    public VideoEnvelopes envelopes() {
        return envelopes;
    }
}
