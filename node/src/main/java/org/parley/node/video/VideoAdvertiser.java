package org.parley.node.video;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.federation.Federation;
import org.parley.federation.gossip.VideoRecord;
import org.parley.node.media.Video;
import org.parley.node.media.VideoLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the network's directory true to this node's library: one signed entry {@code video:NAME} per
 * video ready to stream, published when it appears or changes and removed (a tombstone) when it goes.
 * Entries of a node's earlier run are dropped by its peers when it starts again (a new epoch), so the
 * whole library is published at each start.
 */
final class VideoAdvertiser {

    private static final Logger LOG = LoggerFactory.getLogger(VideoAdvertiser.class);

    private final Federation federation;
    private final VideoLibrary library;
    /** What the directory says now, by name. Guarded by {@code this}. */
    private final Map<String, VideoRecord> listed = new HashMap<>();

    VideoAdvertiser(Federation federation, VideoLibrary library) {
        this.federation = federation;
        this.library = library;
    }

    /** Lists the library as it stands, and again after every scan that changes it. */
    void start() {
        library.changed(this::list);
        list(library.videos());
    }

    private synchronized void list(List<Video> videos) {
        Map<String, VideoRecord> now = new HashMap<>();
        for (Video video : videos) {
            if (!VideoSummaries.listable(video)) {
                LOG.warn("Video '{}' of the library is not listed: its name breaks the rule ({}) or it has no"
                        + " rendition", video.name(), VideoAddress.RULE);
                continue;
            }
            now.put(video.name(), VideoSummaries.record(video));
        }
        int published = 0;
        for (VideoRecord record : now.values()) {
            if (!record.equals(listed.get(record.name()))) {
                federation.publishVideo(record);
                published++;
            }
        }
        int removed = 0;
        for (String name : listed.keySet()) {
            if (!now.containsKey(name)) {
                federation.removeVideo(name);
                removed++;
            }
        }
        listed.clear();
        listed.putAll(now);
        if (published + removed > 0) {
            LOG.info("The network now lists {} video(s) of this node ({} new or changed, {} gone)", now.size(),
                    published, removed);
        }
    }
}
