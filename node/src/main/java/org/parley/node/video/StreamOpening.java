package org.parley.node.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.parley.federation.auth.PairKey;
import org.parley.federation.bulk.BulkStreams;
import org.parley.federation.wire.ItemTag;
import org.parley.node.media.Rendition;
import org.parley.node.media.Resolution;
import org.parley.node.media.WatchPlan;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.Watching;

/**
 * What a video stream says as it opens, for every node on its way: which watch request it answers
 * ({@code request}, of user {@code viewer} of node {@code viewerNode}), from which node
 * ({@code holder}), and what the viewer is told as it begins. The holder tags it under the key it
 * shares with the viewer's node, so a node that relays the stream can neither make one up nor
 * change what one says; only {@code hops}, which each relay lowers, is outside the tag.
 *
 * <p>On the wire: {@code i32 hops}, the 16-byte tag, then the JSON of this record.
 */
record StreamOpening(String request, String holder, String viewerNode, String viewer, String video,
                     List<String> resolutions, long durationMillis, int segments, int firstSegment,
                     long startMillis) {

    private static final byte[] DOMAIN = "parley-video-open-v1\n".getBytes(StandardCharsets.UTF_8);
    private static final int PREFIX_BYTES = 4 + 16;

    StreamOpening {
        resolutions = List.copyOf(resolutions);
    }

    /** The opening of a stream that sends {@code plan} to {@code viewer}, a user of {@code viewerNode}. */
    static StreamOpening of(String request, String holder, String viewerNode, String viewer, WatchPlan plan) {
        Rendition first = plan.video().rendition(plan.resolutions().get(0)).orElseThrow();
        int segments = first.segments().size();
        long startMillis = plan.segments().isEmpty() ? first.durationMillis()
                : plan.segments().get(0).segment().startMillis();
        return new StreamOpening(request, holder, viewerNode, viewer, plan.video().name(),
                plan.resolutions().stream().map(Resolution::toString).toList(), first.durationMillis(), segments,
                plan.firstSegment(), startMillis);
    }

    /** What the viewer's client is told as the stream begins, for its watch {@code id}. */
    Watching watching(String id) {
        return new Watching(id, video + "@" + holder, resolutions, durationMillis, segments, firstSegment,
                startMillis);
    }

    /** The opening as sent by the holder, tagged under {@code key} (holder to viewer's node). */
    byte[] seal(int hops, PairKey key) {
        byte[] json;
        try {
            json = WireJson.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a video stream's opening", e);
        }
        ItemTag tag = key.tag(DOMAIN, json);
        return ByteBuffer.allocate(PREFIX_BYTES + json.length).putInt(hops).putLong(tag.high()).putLong(tag.low())
                .put(json).array();
    }

    /** An opening as it arrived: not checked yet, since only its destination can. */
    record Arrived(int hops, ItemTag tag, byte[] json, StreamOpening opening) {

        /** Whether the holder it names tagged it, under {@code key} (that holder to this node). */
        boolean authentic(PairKey key) {
            return key.tag(DOMAIN, json).matches(tag);
        }

        /** The same opening one hop further on. */
        byte[] forwarded() {
            return ByteBuffer.allocate(PREFIX_BYTES + json.length).putInt(hops - 1).putLong(tag.high())
                    .putLong(tag.low()).put(json).array();
        }
    }

    /** @throws IllegalArgumentException if {@code header} is not an opening */
    static Arrived read(byte[] header) {
        if (header.length < PREFIX_BYTES + 2 || header.length > BulkStreams.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("a video stream's opening of " + header.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(header);
        int hops = in.getInt();
        ItemTag tag = new ItemTag(in.getLong(), in.getLong());
        byte[] json = new byte[in.remaining()];
        in.get(json);
        StreamOpening opening;
        try {
            opening = WireJson.mapper().readValue(json, StreamOpening.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("a video stream's opening that is not one: " + e.getMessage(), e);
        }
        if (opening == null || opening.request() == null || opening.holder() == null || opening.viewerNode() == null
                || opening.viewer() == null || opening.video() == null) {
            throw new IllegalArgumentException("a video stream's opening without its request, holder or viewer");
        }
        return new Arrived(hops, tag, json, opening);
    }
}
