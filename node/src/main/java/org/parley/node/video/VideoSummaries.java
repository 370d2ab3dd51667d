package org.parley.node.video;

import org.parley.federation.gossip.VideoRecord;
import org.parley.node.media.Rendition;
import org.parley.node.media.Video;
import org.parley.protocol.message.VideoList;

/** A video as the directory lists it, from the library's, and as a client's {@code video-list} shows it. */
final class VideoSummaries {

    private VideoSummaries() {
    }

    /** Whether a video of the library may be listed and watched: a valid name, something to stream. */
    static boolean listable(Video video) {
        return VideoAddress.isValidName(video.name()) && !video.renditions().isEmpty();
    }

    /** What the network is told of a video of this node's library: no paths, no files. */
    static VideoRecord record(Video video) {
        Rendition highest = video.highest();
        return new VideoRecord(video.name(), highest.durationMillis(), highest.segments().size(),
                video.aligned() && video.renditions().size() > 1,
                video.renditions().stream().map(r -> new VideoRecord.RenditionRecord(r.resolution().toString(),
                        r.width(), r.height(), r.codec(), r.bytes(), r.bitrate())).toList());
    }

    /** The line of a {@code video-list} for video {@code record} of node {@code node}. */
    static VideoList.VideoSummary summary(String node, VideoRecord record) {
        return new VideoList.VideoSummary(record.name() + "@" + node, record.durationMillis(), record.segments(),
                record.mixed(), record.renditions().stream().map(r -> new VideoList.RenditionSummary(r.resolution(),
                r.width(), r.height(), r.codec(), r.bytes(), r.bitrate())).toList());
    }
}
