package org.parley.node.video;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.parley.federation.gossip.Directory;
import org.parley.federation.gossip.VideoRecord;
import org.parley.node.media.Video;
import org.parley.node.media.VideoLibrary;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.identity.Name;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideosRequest;

/**
 * Answers {@code videos}: this node's library as it stands, and what every other node advertises in
 * the directory, sorted by address; or one node's, when the request names it. A node that is
 * unreachable now stays listed while the directory keeps it (watching it then says so).
 */
final class VideosHandler implements FrameHandler<VideosRequest> {

    /** The most videos one answer lists: about 300 bytes each, well inside a header's 1 MiB. */
    static final int MAX_LISTED = 2000;

    private final String nodeName;
    private final VideoLibrary library;
    private final Directory directory;

    VideosHandler(String nodeName, VideoLibrary library, Directory directory) {
        this.nodeName = nodeName;
        this.library = library;
        this.directory = directory;
    }

    @Override
    public void handle(ClientConnection connection, VideosRequest request, byte[] body) {
        if (request.id() == null || request.id().isEmpty() || request.id().length() > 64) {
            connection.fail(ErrorCode.BAD_REQUEST, "a videos request needs an id of 1 to 64 characters", null);
            return;
        }
        if (request.node() != null && !Name.isValid(request.node())) {
            connection.fail(ErrorCode.BAD_REQUEST, "'" + request.node() + "' is not a node name (" + Name.RULE + ")",
                    request.id());
            return;
        }
        List<VideoList.VideoSummary> videos = new ArrayList<>();
        if (request.node() == null || request.node().equals(nodeName)) {
            for (Video video : library.videos()) {
                if (VideoSummaries.listable(video)) {
                    videos.add(VideoSummaries.summary(nodeName, VideoSummaries.record(video)));
                }
            }
        }
        for (Map.Entry<String, List<VideoRecord>> node : directory.videos().entrySet()) {
            if (!node.getKey().equals(nodeName) && (request.node() == null || request.node().equals(node.getKey()))) {
                node.getValue().forEach(record -> videos.add(VideoSummaries.summary(node.getKey(), record)));
            }
        }
        videos.sort(Comparator.comparing(VideoList.VideoSummary::video));
        connection.send(new VideoList(request.id(), videos.size() > MAX_LISTED ? videos.subList(0, MAX_LISTED)
                : videos));
    }
}
