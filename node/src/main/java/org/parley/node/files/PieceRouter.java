package org.parley.node.files;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.federation.Federation;
import org.parley.federation.bulk.BulkEnd;
import org.parley.federation.bulk.BulkPurpose;
import org.parley.federation.bulk.BulkSender;
import org.parley.federation.bulk.Settled;
import org.parley.node.chat.SendRefusal;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.delivery.RefusalError;
import org.parley.node.mailbox.Handed;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.protocol.message.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the pieces of files that users of this node send to users (a {@code send} marked
 * {@code piece}). For a user of this node, a piece goes straight to their sessions while they read
 * live ({@link Mailboxes#pass}). For a user of a linked node, each file takes a bulk stream of its
 * own to that node, so a slow reader holds back only their own file and chat overtakes the pieces;
 * nothing is written to the outbox on the way. "Accepted" then means the recipient's client or node
 * has the piece, so a sender who reconnects sends again from the first piece not accepted, as ever.
 * The durable path (the outbox, as any message) takes a piece whenever no bulk stream can: the
 * recipient's node is not linked, or something this sender sent there before is still on the
 * durable path and a piece on the bulk stream could overtake it (the file's offer, first of all).
 * When a stream ends with pieces in flight (the link dropped, the recipient's node reset it), each
 * is answered {@link ErrorCode#INTERRUPTED}, and pieces after them are refused the same way until
 * the sender starts again from the first of them, so no piece overtakes another.
 * <p>
 * The per-file state lives on the federation context, where the bulk streams and the outbox's
 * streams are, so a decision and the send it leads to see the same state.
 */
public final class PieceRouter {

    private static final Logger LOG = LoggerFactory.getLogger(PieceRouter.class);
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * Bytes of pieces one sender may have on bulk streams and not yet settled, over all their files:
     * a client that does not wait for "accepted" cannot make this node hold more for it. The reference
     * client keeps 4 pieces (4 MiB) of a file in flight.
     */
    public static final long MAX_UNSETTLED_PER_SENDER = 32L << 20;

    private final String nodeName;
    private final Federation federation;
    private final Mailboxes mailboxes;
    private final DeliveryPort delivery;
    /** On the federation context. */
    private final Map<FileKey, OutgoingFile> files = new HashMap<>();
    /** On the federation context: per sender, bytes of their pieces on bulk streams not yet settled. */
    private final Map<String, Long> unsettledBySender = new HashMap<>();
    /** On the federation context: when files idle for a minute were last looked for. */
    private long lastSweep = System.nanoTime();

    public PieceRouter(String nodeName, Federation federation, Mailboxes mailboxes, DeliveryPort delivery) {
        this.nodeName = nodeName;
        this.federation = federation;
        this.mailboxes = mailboxes;
        this.delivery = delivery;
    }

    /**
     * Routes a piece of a file for user {@code to}. {@code durable} sends it the ordinary way (and
     * answers the sender itself); it resolves once this node has taken it into the outbox.
     * Called on the sender's connection context.
     */
    public void route(ClientConnection from, Send send, UserAddress to, byte[] body, Supplier<Future<Void>> durable) {
        FileChunk.Position at;
        try {
            at = FileChunk.position(body);
        } catch (IllegalArgumentException e) {
            from.send(new ErrorFrame(ErrorCode.BAD_REQUEST, "message " + send.id() + " is marked as a piece of a"
                    + " file but its body is not one (" + e.getMessage() + ")", send.id()));
            return;
        }
        if (to.node().equals(nodeName)) {
            toUserHere(from, send, to, body);
        } else {
            federation.execute(() -> toOtherNode(from, send, to, body, at, durable));
        }
    }

    private void toUserHere(ClientConnection from, Send send, UserAddress to, byte[] body) {
        if (!delivery.online(to.name()) && federation.directory().user(to).isEmpty()) {
            from.send(new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user " + to, send.id()));
            return;
        }
        mailboxes.pass(to.name(), send.id(), from.qualifiedName(), to.toString(), System.currentTimeMillis(), body)
                .onComplete(handed -> {
                    if (handed.failed()) {
                        from.execute(() -> SendRefusal.tell(from, send.id(), to, handed.cause()));
                    } else {
                        settled(from, send, to, handed.result() == Handed.DELIVERED);
                    }
                });
    }

    /** Accepted, then the receipt it earned: delivered, or stored if the sender asked. */
    private void settled(ClientConnection from, Send send, UserAddress to, boolean delivered) {
        from.send(new Accepted(send.id(), delivered ? 1 : 0, to.node().equals(nodeName) ? 0 : 1, null));
        if (delivered) {
            delivery.receipt(from.qualifiedName(), to.toString(), send.id(), ReceiptStatus.DELIVERED);
        } else if (send.wantsStoredReceipt()) {
            from.send(new Receipt(send.id(), to.toString(), ReceiptStatus.STORED));
        }
    }

    /** On the federation context. */
    private void toOtherNode(ClientConnection from, Send send, UserAddress to, byte[] body, FileChunk.Position at,
                             Supplier<Future<Void>> durable) {
        sweepNowAndThen();
        FileKey key = new FileKey(from.qualifiedName(), to.toString(), at.fileId());
        OutgoingFile file = files.computeIfAbsent(key, k -> new OutgoingFile());
        file.lastUsed = System.nanoTime();
        if (file.resumeFrom >= 0) {
            if (at.index() > file.resumeFrom) {
                interrupted(from, send.id(), to, "piece " + at.index() + " came before piece " + file.resumeFrom
                        + ", which must go again first");
                return;
            }
            file.resumeFrom = -1;
        }
        if (file.stream == null && file.durableInFlight == 0
                && federation.unacknowledgedFrom(from.user(), to.node()) == 0) {
            federation.bulk().open(to.node(), BulkPurpose.FILE, new byte[0]).ifPresent(stream -> attach(key, file,
                    stream));
        }
        if (file.stream != null && unsettledBySender.getOrDefault(key.from(), 0L) + body.length
                > MAX_UNSETTLED_PER_SENDER) {
            // Held back in order: this piece and those after it go again once earlier ones are settled.
            file.interruptAt(at.index());
            from.send(new ErrorFrame(ErrorCode.QUEUE_FULL, "piece " + send.id() + " for " + to + " was not accepted: "
                    + (MAX_UNSETTLED_PER_SENDER >> 20) + " MiB of your pieces are already on their way and not yet"
                    + " delivered; send again from the first piece not accepted", send.id()));
            return;
        }
        if (file.stream != null) {
            byte[] header = new PieceHeader(send.id(), from.qualifiedName(), to.toString(), System.currentTimeMillis())
                    .encode();
            long seq = file.stream.send(header, body);
            if (seq > 0) {
                file.unsettled.put(seq, new Piece(from, send, to, at, body.length));
                unsettledBySender.merge(key.from(), (long) body.length, Long::sum);
                return;
            }
            // The stream ended and its handler has yet to run: this piece waits for those before it.
            file.interruptAt(at.index());
            interrupted(from, send.id(), to, "the bulk stream to node " + to.node() + " ended");
            return;
        }
        file.durableInFlight++;
        durable.get().onComplete(taken -> federation.execute(() -> file.durableInFlight--));
    }

    private void attach(FileKey key, OutgoingFile file, BulkSender stream) {
        file.stream = stream;
        stream.settled(news -> settled(key, file, news));
        stream.ended(end -> ended(key, file, stream, end));
    }

    /** On the federation context. */
    private void settled(FileKey key, OutgoingFile file, Settled news) {
        Piece piece = file.unsettled.remove(news.seq());
        if (piece == null) {
            return;
        }
        released(key, piece.bytes);
        switch (news.how()) {
            case DELIVERED -> settled(piece.from, piece.send, piece.to, true);
            case STORED, PASSED -> settled(piece.from, piece.send, piece.to, false);
            case REFUSED -> piece.from.send(RefusalError.of(news.refusal(), piece.send.id(), piece.to.toString(),
                    piece.to.node()));
        }
        if (piece.at.last() && file.unsettled.isEmpty() && file.stream != null) {
            file.stream.close();
        }
    }

    /** On the federation context. */
    private void ended(FileKey key, OutgoingFile file, BulkSender stream, BulkEnd end) {
        if (file.stream == stream) {
            file.stream = null;
        }
        if (file.unsettled.isEmpty()) {
            return;
        }
        long first = file.unsettled.values().stream().mapToLong(piece -> piece.at.index()).min().orElseThrow();
        file.interruptAt(first);
        LOG.info("The bulk stream carrying file {} from {} to {} ended ({}: {}); {} piece(s) were on their way and go"
                + " again from piece {}", key.fileId(), key.from(), key.to(), end.cause(), end.why(),
                file.unsettled.size(), first);
        for (Piece piece : file.unsettled.values()) {
            released(key, piece.bytes);
            interrupted(piece.from, piece.send.id(), piece.to, "the way to node " + piece.to.node() + " broke ("
                    + end.why() + ")");
        }
        file.unsettled.clear();
    }

    private void released(FileKey key, long bytes) {
        unsettledBySender.computeIfPresent(key.from(), (sender, held) -> held - bytes <= 0 ? null : held - bytes);
    }

    private static void interrupted(ClientConnection from, String id, UserAddress to, String why) {
        from.send(new ErrorFrame(ErrorCode.INTERRUPTED, "piece " + id + " for " + to + " was not delivered: " + why
                + "; send again from the first piece not accepted", id, 0L));
    }

    /** On the federation context: forgets files nobody sent a piece of for a minute, looked for twice a minute. */
    private void sweepNowAndThen() {
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_NANOS) {
            return;
        }
        lastSweep = now;
        for (Iterator<OutgoingFile> it = files.values().iterator(); it.hasNext(); ) {
            OutgoingFile file = it.next();
            if (file.unsettled.isEmpty() && file.durableInFlight == 0 && now - file.lastUsed > IDLE_NANOS) {
                if (file.stream != null) {
                    file.stream.close();
                }
                it.remove();
            }
        }
    }

    private record FileKey(String from, String to, String fileId) {
    }

    private record Piece(ClientConnection from, Send send, UserAddress to, FileChunk.Position at, long bytes) {
    }

    /** One file on its way from one sender to one user of another node. On the federation context. */
    private static final class OutgoingFile {
        private BulkSender stream;
        /** Pieces on the stream not yet settled, by the stream's item number. */
        private final Map<Long, Piece> unsettled = new TreeMap<>();
        /** Pieces handed to the durable path that it has not taken into the outbox yet. */
        private int durableInFlight;
        /** The piece the sender must send next after an interruption; -1 when none. */
        private long resumeFrom = -1;
        private long lastUsed = System.nanoTime();

        void interruptAt(long index) {
            resumeFrom = resumeFrom < 0 ? index : Math.min(resumeFrom, index);
        }
    }
}
