package org.parley.node.session;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an HTTP request that reached the client port from a Parley frame: a frame starts with a
 * length, and the first bytes of a request line ({@code GET }, {@code POST}...) read as a length of
 * over a billion bytes, which no frame has.
 */
final class HttpProbe {

    private static final Logger LOG = LoggerFactory.getLogger(HttpProbe.class);
    private static final List<String> METHODS = List.of("GET ", "HEAD", "POST", "PUT ", "DELE", "OPTI", "PATC",
            "CONN", "TRAC", "PRI ");
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    /** A complete answer: a 400 that says what this port is. */
    static final byte[] ANSWER = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\nThis is a Parley node's client port: it speaks the Parley protocol"
            + " (docs/PROTOCOL.md), not HTTP. Connect with the parley command.\n").getBytes(StandardCharsets.UTF_8);

    private HttpProbe() {
    }

    static boolean looksLikeHttp(Buffer first) {
        if (first.length() < 4) {
            return false;
        }
        String start = first.getString(0, 4, "ISO-8859-1");
        return METHODS.contains(start);
    }

    /** Logs the first HTTP request of this process in words; later ones at debug, so probes do not flood it. */
    static void logOnce(String remote) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.warn("An HTTP request reached the client port from {}; answered 400 and closed (this port speaks"
                    + " the Parley protocol; further HTTP requests are logged at debug)", remote);
        } else {
            LOG.debug("An HTTP request reached the client port from {}; answered 400", remote);
        }
    }
}
