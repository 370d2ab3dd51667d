package org.parley.bench;

import io.vertx.core.buffer.Buffer;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.ServerMessage;

/**
 * Splits a stream into frames by their length prefix alone and counts those that carry a
 * message (a node's {@code message} or a relayed {@code send}), ignoring acceptances and
 * notices. No JSON is parsed, so the generator spends its share of the CPU on sending.
 */
final class FrameCounter {

    private static final byte[] MESSAGE = "{\"type\":\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEND = "{\"type\":\"send\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED = "{\"type\":\"accepted\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRESENCE = "{\"type\":\"presence\"".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectReader READER = WireJson.mapper().readerFor(ServerMessage.class);

    /** Where the id of a node's message starts: Jackson writes the type first, then the record's fields in order. */
    private static final byte[] MESSAGE_ID = "{\"type\":\"message\",\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final ByteWindow window = new ByteWindow();
    private long errors;
    private long presenceFrames;
    private long presenceChanges;
    /** Whether acceptances are counted (a sender's view), rather than messages. */
    private boolean acceptances;
    /** Ids of the messages counted since the last {@link #takeIds}, when the caller acknowledges them. */
    private java.util.List<String> ids;

    /** Feeds bytes; returns how many message frames completed. */
    int feed(Buffer data) {
        return feed(data, () -> false, header -> { });
    }

    /**
     * Feeds bytes; while {@code decoding} says so, each frame's header is parsed and handed to
     * {@code onHeader} instead of being counted. One splitter serves both phases, so no bytes are
     * stranded when a connection moves from logging in to counting in the middle of a read.
     */
    int feed(Buffer data, BooleanSupplier decoding, Consumer<ServerMessage> onHeader) {
        window.append(data);
        int messages = 0;
        while (window.available() >= 8) {
            int frameLength = window.readInt(0);
            if (window.available() < 4 + frameLength) {
                break;
            }
            if (decoding.getAsBoolean()) {
                ServerMessage header = parseHeader();
                if (header instanceof PresenceNotice presence) {
                    counted(presence);
                }
                onHeader.accept(header);
            } else if (window.startsWith(8, PRESENCE)) {
                counted((PresenceNotice) parseHeader()); // rare enough to parse: one per change at most
            } else if (acceptances ? window.startsWith(8, ACCEPTED)
                    : window.startsWith(8, MESSAGE) || window.startsWith(8, SEND)) {
                messages++;
                if (ids != null && window.startsWith(8, MESSAGE_ID)) {
                    ids.add(window.asciiUntilQuote(8 + MESSAGE_ID.length));
                }
            } else if (window.startsWith(8, ERROR)) {
                errors++;
            }
            window.skip(4 + frameLength);
        }
        return messages;
    }

    /** Feeds bytes; hands every complete frame, header parsed and body copied, to {@code onFrame}. */
    void feedFrames(Buffer data, java.util.function.BiConsumer<ServerMessage, byte[]> onFrame) {
        window.append(data);
        while (window.available() >= 8) {
            int frameLength = window.readInt(0);
            if (window.available() < 4 + frameLength) {
                break;
            }
            int headerLength = window.readInt(4);
            ServerMessage header = parseHeader();
            onFrame.accept(header, window.copy(8 + headerLength, frameLength - 4 - headerLength));
            window.skip(4 + frameLength);
        }
    }

    private ServerMessage parseHeader() {
        byte[] json = window.copy(8, window.readInt(4));
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the node sent an unreadable header", e);
        }
    }

    /** From now on, count the node's acceptances of what this connection sent instead of messages. */
    void countAcceptances() {
        acceptances = true;
    }

    /** From now on, remember the id of each message counted, as a client that acknowledges must. */
    void collectIds() {
        ids = new java.util.ArrayList<>();
    }

    /** The ids remembered since the last call. */
    java.util.List<String> takeIds() {
        java.util.List<String> taken = ids;
        ids = new java.util.ArrayList<>();
        return taken;
    }

    private void counted(PresenceNotice presence) {
        presenceFrames++;
        presenceChanges += presence.changes().size();
    }

    /** Presence frames seen so far, either form. */
    long presenceFrames() {
        return presenceFrames;
    }

    /** The users' changes those frames carried (a batched frame carries several). */
    long presenceChanges() {
        return presenceChanges;
    }

    /** Error frames seen so far: refusals a benchmark must report, not hide. */
    long errors() {
        return errors;
    }
}
