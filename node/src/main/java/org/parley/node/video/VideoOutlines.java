package org.parley.node.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.federation.gossip.Directory;
import org.parley.federation.gossip.VideoRecord;
import org.parley.node.media.Segment;
import org.parley.node.media.VideoLibrary;

/**
 * Outlines the videos a user of this node may watch: one of this node's library from its renditions'
 * segments, one of another node's from what that node advertises in the directory.
 */
final class VideoOutlines {

    private final String nodeName;
    private final VideoLibrary library;
    private final Directory directory;

    VideoOutlines(String nodeName, VideoLibrary library, Directory directory) {
        this.nodeName = nodeName;
        this.library = library;
        this.directory = directory;
    }

    /** The outline of {@code video}; empty if this node knows no such video. */
    Optional<VideoOutline> of(VideoAddress video) {
        if (video.node().equals(nodeName)) {
            return library.video(video.name()).filter(VideoSummaries::listable).map(found -> new VideoOutline(video,
                    found.renditions().stream().map(r -> new VideoOutline.Variant(r.resolution().toString(), r.width(),
                            r.height(), r.bitrate(), r.segments().stream().map(Segment::durationMillis).toList()))
                            .toList(), true));
        }
        return directory.videos().getOrDefault(video.node(), List.of()).stream()
                .filter(record -> record.name().equals(video.name())).findFirst()
                .map(record -> new VideoOutline(video, record.renditions().stream().map(r -> new VideoOutline.Variant(
                        r.resolution(), r.width(), r.height(), r.bitrate(), evenly(record))).toList(), false));
    }

    /** The video's length in {@code segments} parts, the last taking what division leaves over. */
    private static List<Long> evenly(VideoRecord record) {
        List<Long> lengths = new ArrayList<>(record.segments());
        long each = record.segments() == 0 ? 0 : record.durationMillis() / record.segments();
        for (int i = 0; i < record.segments(); i++) {
            lengths.add(i == record.segments() - 1 ? record.durationMillis() - each * i : each);
        }
        return lengths;
    }
}
