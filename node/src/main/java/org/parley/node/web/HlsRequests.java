package org.parley.node.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.parley.node.video.VideoAddress;
import org.parley.node.video.VideoOutline;
import org.parley.node.video.VideoStreaming;

/**
 * The node's videos over HTTPS for a browser's HLS player, any node's video through this one:
 * {@code GET /video/NODE/NAME/master.m3u8}, {@code /video/NODE/NAME/RES/index.m3u8} and
 * {@code /video/NODE/NAME/RES/N.ts} (segment N of rendition RES, streamed from the library here or
 * from the video's home node over the link's video streams). Each request carries
 * {@code Authorization: Bearer PASS}, a {@link VideoPasses pass} the page got over its logged-in
 * WebSocket; without a valid one the answer is 401, whatever the path names.
 */
public final class HlsRequests {

    /** Where the endpoints live. */
    public static final String PREFIX = "/video/";

    private static final Pattern MASTER = Pattern.compile("/video/([^/]+)/([^/]+)/master\\.m3u8");
    private static final Pattern MEDIA = Pattern.compile("/video/([^/]+)/([^/]+)/([0-9]{2,4}p)/index\\.m3u8");
    private static final Pattern SEGMENT = Pattern.compile("/video/([^/]+)/([^/]+)/([0-9]{2,4}p)/([0-9]{1,6})\\.ts");
    private static final String BEARER = "Bearer ";

    private final VideoPasses passes;
    private final VideoStreaming videos;
    private final Predicate<String> mayWatch;

    /**
     * @param mayWatch whether a pass's holder (a user of this node) may still watch: a pass outlives
     *                 neither its holder's sessions nor a lock, kick or deletion of the account
     */
    public HlsRequests(VideoPasses passes, VideoStreaming videos, Predicate<String> mayWatch) {
        this.passes = passes;
        this.videos = videos;
        this.mayWatch = mayWatch;
    }

    /** A request whose path begins with {@link #PREFIX}. On the request's context. */
    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String authorization = request.getHeader("Authorization");
        Optional<String> user = authorization != null && authorization.startsWith(BEARER)
                ? passes.holder(authorization.substring(BEARER.length())).filter(mayWatch) : Optional.empty();
        if (user.isEmpty()) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"parley-video\"");
            answer(response, 401, authorization == null ? "Videos are for logged-in users: send the pass the node gives"
                    + " over the WebSocket (video-pass) as 'Authorization: Bearer PASS'."
                    : "That pass is not this node's, it expired, or its holder is no longer logged in here: ask for a"
                    + " new one (video-pass).");
            return;
        }
        if (request.method() != HttpMethod.GET) {
            answer(response, 405, "Videos are fetched with GET.");
            return;
        }
        String path = request.path();
        Matcher master = MASTER.matcher(path);
        Matcher media = MEDIA.matcher(path);
        Matcher segment = SEGMENT.matcher(path);
        if (master.matches()) {
            outline(master).ifPresentOrElse(found -> playlist(response, HlsPlaylists.master(found)),
                    () -> answer(response, 404, "No such video is known here."));
        } else if (media.matches()) {
            outline(media).flatMap(found -> found.variants().stream()
                            .filter(v -> v.resolution().equals(media.group(3))).findFirst())
                    .ifPresentOrElse(variant -> playlist(response, HlsPlaylists.media(variant)),
                            () -> answer(response, 404, "No such video or rendition is known here."));
        } else if (segment.matches()) {
            Optional<VideoAddress> video = address(segment);
            if (video.isEmpty()) {
                answer(response, 404, "No such video.");
                return;
            }
            videos.segment(user.get(), video.get(), segment.group(3), Integer.parseInt(segment.group(4)),
                    new HttpSegmentOut(response));
        } else {
            answer(response, 404, "Not found: the video endpoints are /video/NODE/NAME/master.m3u8,"
                    + " RES/index.m3u8 and RES/N.ts.");
        }
    }

    private Optional<VideoOutline> outline(Matcher matched) {
        return address(matched).flatMap(videos::outline);
    }

    /** The video a matched path names (node, then name), if they are a node's name and a video's. */
    private static Optional<VideoAddress> address(Matcher matched) {
        try {
            return Optional.of(new VideoAddress(matched.group(2), matched.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void playlist(HttpServerResponse response, String text) {
        privateHeaders(response);
        response.putHeader("Content-Type", "application/vnd.apple.mpegurl").end(text);
    }

    /** A user's video is not for shared caches, and is only what it says it is. */
    static void privateHeaders(HttpServerResponse response) {
        response.putHeader("Cache-Control", "private, no-store").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    static void answer(HttpServerResponse response, int status, String line) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(line + "\n");
    }
}
