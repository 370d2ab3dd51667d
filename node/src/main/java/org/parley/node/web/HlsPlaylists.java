package org.parley.node.web;

import java.util.Locale;
import org.parley.node.video.VideoOutline;

/**
 * A video's HLS playlists (RFC 8216), from its {@link VideoOutline}: the master playlist has one
 * variant per rendition, the media playlist of a rendition lists every segment of it as a finished
 * (VOD) playlist. URIs are relative, so a player resolves them against where it got the playlist.
 */
final class HlsPlaylists {

    /** How a rendition's media playlist is named, beside the master playlist's folder. */
    static final String MEDIA = "index.m3u8";

    private HlsPlaylists() {
    }

    /** One variant per rendition, lowest first: its bandwidth (its average bitrate) and picture size. */
    static String master(VideoOutline outline) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (VideoOutline.Variant variant : outline.variants()) {
            long bandwidth = Math.max(1, variant.bitrate());
            out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bandwidth).append(",AVERAGE-BANDWIDTH=")
                    .append(bandwidth).append(",RESOLUTION=").append(variant.width()).append('x')
                    .append(variant.height()).append('\n').append(variant.resolution()).append('/').append(MEDIA)
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Every segment of {@code variant}, {@code N.ts} from 0. The target duration is the longest
     * segment rounded up to whole seconds, as the format requires of every segment's length.
     */
    static String media(VideoOutline.Variant variant) {
        long longest = variant.segmentMillis().stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
                .append(Math.max(1, (longest + 999) / 1000)).append("\n#EXT-X-MEDIA-SEQUENCE:0\n")
                .append("#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (int i = 0; i < variant.segmentMillis().size(); i++) {
            out.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%n", variant.segmentMillis().get(i) / 1000.0))
                    .append(i).append(".ts\n");
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }
}
