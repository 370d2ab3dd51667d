package org.parley.client.files;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.ConnectionClosedException;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.client.net.TryAgain;
import org.parley.client.session.KeptConnection;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileKey;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.client.e2ee.FileRouter;
import org.parley.protocol.message.Receipt;

/**
 * Sends one file: its SHA-256 first (one read), then an offer with a fresh key, then the file in
 * sealed chunks read from disk as they go, so the file is never held whole in memory.
 *
 * <p>Pacing is end to end: at most {@link #IN_FLIGHT} chunks wait for the node to accept them,
 * and, to a user, at most {@link #AHEAD} accepted chunks wait for the recipient's client to have
 * them on disk (its "delivered" receipt), so a slow receiver slows the sender and nothing piles up
 * in the nodes. When no receipt comes for {@link #STALL_NANOS} (the recipient is offline or not
 * taking files) the rest goes on as far as the recipient's node keeps it for them (its byte
 * quota); their receipts, once they log in, pace the sender again. A group's members give no
 * receipts: the node's acceptance alone paces those.
 *
 * <p>To a user, a file is sent once the recipient's node confirms it has the last chunk (a
 * {@code stored} or {@code delivered} receipt): a refusal there, such as the recipient's byte
 * quota, fails the send even when it comes after the sender's own node accepted every chunk. To a
 * group, once the sender's node accepted every chunk.
 *
 * <p>If the connection drops (the node restarted, say), the sender logs in again and goes on from
 * the first chunk the node had not accepted: what it accepted is on its disk. If the node refuses a
 * chunk because it holds as much as it will for the recipient's node ({@code QUEUE_FULL}: that node
 * is down or slow), the sender waits, half a second doubling to eight, and goes on the same way.
 */
public final class FileSender {

    /**
     * As large as a client frame allows (1 MiB, with room for the header): each chunk costs a row
     * in the outbox and the mailbox, a receipt and an acknowledgement whatever its size, and going
     * from 256 KiB to this took a 256 MiB file from about 50 to 75 MiB/s between two nodes here.
     */
    public static final int CHUNK_BYTES = 1000 * 1024;
    static final int IN_FLIGHT = 4;
    static final int AHEAD = 16;
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long RECONNECT_FIRST_MILLIS = TryAgain.FIRST_PAUSE_MILLIS;
    private static final long RECONNECT_MAX_MILLIS = TryAgain.MAX_PAUSE_MILLIS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    /** The connection a new transfer starts on: a kept connection's current one, after any re-login. */
    private final java.util.function.Supplier<Messenger> current;
    /** Null if this sender should give up when its connection drops instead. */
    private final KeptConnection.Login reconnect;
    private volatile Consumer<String> notice = line -> { };
    /**
     * Files offered and under way, by file id, so one can be stopped (its recipient declined it).
     * An entry exists from before its offer leaves: a recipient may decline before the sender's
     * node has said "accepted" for the offer.
     */
    private final java.util.Map<String, Offered> running = new java.util.concurrent.ConcurrentHashMap<>();

    public FileSender(Vertx vertx, Messenger messenger) {
        this(vertx, messenger, null);
    }

    public FileSender(Vertx vertx, Messenger messenger, KeptConnection.Login reconnect) {
        this(vertx, () -> messenger, reconnect);
    }

    /**
     * For a session that outlives its connections: each transfer starts on {@code current}'s
     * connection of the moment, so a file sent after a re-login does not go to the closed one.
     */
    public FileSender(Vertx vertx, java.util.function.Supplier<Messenger> current, KeptConnection.Login reconnect) {
        this.vertx = vertx;
        this.current = current;
        this.reconnect = reconnect;
    }

    /** Where to say what the user should know while a transfer waits (its node is full, say). */
    public FileSender onNotice(Consumer<String> notice) {
        this.notice = notice;
        return this;
    }

    /**
     * Sends {@code file} to {@code to}; {@code progress} hears the bytes the node has accepted so far.
     *
     * @return the offer, once every chunk is accepted
     */
    public Future<FileOffer> send(String to, Path file, LongConsumer progress) {
        Future<Void> warm = vertx.executeBlocking(() -> {
            AesGcm.warmUp();
            return null;
        }, false);
        return vertx.executeBlocking(() -> describe(file), false).compose(offer -> warm.map(offer))
                .compose(offer -> {
                    Offered offered = new Offered();
                    running.put(offer.fileId(), offered);
                    Messenger messenger = current.get();
                    return TryAgain.whileLimited(vertx, () -> messenger.files().sendOffer(to, offer),
                                    TryAgain.nodeOf(messenger.user()), line -> notice.accept(line))
                            .compose(sent -> offerStored(sent).map(sent.to()))
                            .compose(recipient -> offered.start(new Transfer(messenger, recipient, file, offer,
                                    progress)).run())
                            .onComplete(done -> running.remove(offer.fileId()))
                            .map(offer);
                });
    }

    /**
     * Waits for the recipient's node to have the offer, up to {@link #STALL_NANOS}: pieces that go
     * on a bulk stream between the nodes then cannot reach the recipient before it. A node that is
     * down does not hold the transfer back: its pieces follow the offer through the outbox.
     */
    private Future<Void> offerStored(FileRouter.OfferSent sent) {
        if (sent.stored() == null) {
            return Future.succeededFuture();
        }
        Promise<Void> waited = Promise.promise();
        long timer = vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(STALL_NANOS), t -> waited.tryComplete());
        sent.stored().onComplete(stored -> {
            vertx.cancelTimer(timer);
            if (stored.failed() && stored.cause() instanceof RefusedException) {
                waited.tryFail(stored.cause()); // the recipient's node will not take the offer
            } else {
                waited.tryComplete();
            }
        });
        return waited.future();
    }

    /**
     * {@code from} declined file {@code fileId}: if it is under way to them, its {@link #send} fails
     * with {@code why}. One member of a group declining stops nothing: the others may want it.
     */
    public void declined(String fileId, String from, String why) {
        Offered offered = running.get(fileId);
        if (offered != null) {
            offered.declined(new Decline(from, why));
        }
    }

    private record Decline(String from, String why) {
    }

    /** A file whose offer has left: the declines heard before its transfer started wait here for it. */
    private static final class Offered {
        private final java.util.List<Decline> early = new java.util.ArrayList<>();
        private Transfer transfer;

        synchronized Transfer start(Transfer started) {
            transfer = started;
            early.forEach(started::declined);
            early.clear();
            return started;
        }

        synchronized void declined(Decline decline) {
            if (transfer == null) {
                early.add(decline);
            } else {
                transfer.declined(decline);
            }
        }
    }

    private static FileOffer describe(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        MessageDigest sha = FileHash.sha256();
        long size = FileHash.update(sha, file);
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        return FileOffer.of(FileKey.generate(NodeSession.newMessageId(), RANDOM), name, size,
                HexFormat.of().formatHex(sha.digest()), CHUNK_BYTES);
    }

    /** One file's chunks on their way; callbacks run on the session's event loop. */
    private final class Transfer {
        /** This transfer's connection; a new one after a re-login. */
        private Messenger messenger;
        private final String recipient;
        private final Path file;
        private final FileOffer offer;
        private final FileKey key;
        private final LongConsumer progress;
        private final boolean receipts;
        private final Promise<Void> done = Promise.promise();
        /** Nodes of a group's members the group's home said it could not send to, each told once. */
        private final java.util.Set<String> unreached = new java.util.HashSet<>();
        /** Chunks the node accepted; the lowest not accepted is where a new connection starts. */
        private final BitSet accepted = new BitSet();
        private FileChannel channel;
        private long next;
        private int inFlight;
        private int undelivered;
        /**
         * The last chunk's first receipt came: the recipient's node has all of the file (a stream
         * is in order, so a refusal of an earlier chunk would have come first).
         */
        private boolean lastStored;
        private boolean reading;
        private boolean reconnecting;
        private long lastReceiptNanos = System.nanoTime();
        private long stallTimer = -1;
        /** Bumped at each new connection: answers about an earlier one's chunks are stale. */
        private int connection;
        /** The pause before sending again after the node said it is full; doubles while it stays full. */
        private long fullPauseMillis = RECONNECT_FIRST_MILLIS;

        Transfer(Messenger messenger, String recipient, Path file, FileOffer offer, LongConsumer progress) {
            this.messenger = messenger;
            this.recipient = recipient;
            this.file = file;
            this.offer = offer;
            this.key = offer.fileKey();
            this.progress = progress;
            this.receipts = !GroupAddress.isGroup(recipient);
        }

        /** Fails the transfer if its recipient is the one who declined (a group member's decline stops nothing). */
        void declined(Decline decline) {
            if (recipient.equals(decline.from())) {
                done.tryFail(new java.util.concurrent.CancellationException(decline.why()));
            }
        }

        Future<Void> run() {
            return vertx.executeBlocking(() -> FileChannel.open(file, StandardOpenOption.READ), false)
                    .compose(opened -> {
                        channel = opened;
                        if (receipts) {
                            stallTimer = vertx.setPeriodic(500, t -> pump());
                        }
                        pump();
                        return done.future();
                    }).onComplete(finished -> {
                        if (stallTimer >= 0) {
                            vertx.cancelTimer(stallTimer);
                        }
                        try {
                            if (channel != null) {
                                channel.close();
                            }
                        } catch (IOException ignored) {
                            // read only: nothing is lost
                        }
                    });
        }

        /** Whether the recipient's receipts hold the sender back now: they are online and taking files. */
        private boolean paced() {
            return receipts && System.nanoTime() - lastReceiptNanos < STALL_NANOS;
        }

        /**
         * Reads and seals one chunk at a time, in order, and hands each to the node as soon as it is
         * sealed, so chunks leave strictly in order.
         */
        private void pump() {
            if (accepted.nextClearBit(0) >= offer.chunks() && (lastStored || !receipts)) {
                done.tryComplete();
                return;
            }
            if (reading || reconnecting || inFlight >= IN_FLIGHT || next >= offer.chunks()
                    || done.future().isComplete()) {
                return;
            }
            if (undelivered >= AHEAD && paced()) {
                return;
            }
            reading = true;
            long index = next++;
            boolean last = index == offer.chunks() - 1;
            int sentOn = connection;
            vertx.executeBlocking(() -> new FileChunk(offer.fileId(), index, last, key.seal(index, last, read(index))),
                    false).onSuccess(chunk -> {
                        reading = false;
                        if (sentOn != connection) {
                            next = Math.min(next, index); // sealed for a connection that dropped meanwhile
                            return;
                        }
                        inFlight++;
                        NodeSession.Tracked sent = messenger.files().sendChunk(recipient, chunk);
                        sent.accepted().onSuccess(ok -> {
                            ok.missed().forEach((node, why) -> {
                                if (unreached.add(node)) {
                                    notice.accept(offer.name() + " goes to " + recipient + ", but not to its members on "
                                            + node + ": " + why);
                                }
                            });
                            accepted(index, sentOn, sent.receipt());
                        })
                                .onFailure(e -> failed(e, sentOn));
                        pump();
                    }).onFailure(done::tryFail);
        }

        private void accepted(long index, int sentOn, Future<Receipt> receipt) {
            if (sentOn != connection) {
                return;
            }
            inFlight--;
            accepted.set((int) index);
            fullPauseMillis = RECONNECT_FIRST_MILLIS;
            if (receipt != null) {
                undelivered++;
                receipt.onComplete(news -> {
                    if (sentOn != connection) {
                        return;
                    }
                    undelivered--;
                    if (news.succeeded()) {
                        lastReceiptNanos = System.nanoTime();
                        if (index == offer.chunks() - 1) {
                            lastStored = true;
                        }
                        pump();
                    } else {
                        failed(news.cause(), sentOn);
                    }
                });
            }
            long have = accepted.nextClearBit(0);
            progress.accept(Math.min(offer.size(), have * offer.chunkBytes()));
            pump();
        }

        private void failed(Throwable cause, int sentOn) {
            if (sentOn != connection || done.future().isComplete()) {
                return;
            }
            if (cause instanceof ConnectionClosedException && reconnect != null) {
                connect(RECONNECT_FIRST_MILLIS);
            } else if (cause instanceof RefusedException refused && refused.code() == ErrorCode.INTERRUPTED) {
                // The way to the recipient broke with this piece on it: go on from the first piece
                // not accepted, which the nodes now carry however they can.
                interrupted();
            } else if (cause instanceof RefusedException refused && (refused.code() == ErrorCode.QUEUE_FULL
                    || TryAgain.limited(refused))) {
                // Our node holds as much as it will for the recipient's node, which is down or slow, or
                // limits how fast we go: not the end of the transfer. Wait and go on from the first
                // chunk it did not take.
                queueFull(refused);
            } else {
                done.tryFail(cause);
            }
        }

        /** Sends again from the first chunk not accepted, after a pause that doubles while the node stays full. */
        private void queueFull(RefusedException refused) {
            if (reconnecting) {
                return;
            }
            holdBack();
            long pause = TryAgain.pause(refused, fullPauseMillis);
            fullPauseMillis = Math.min(RECONNECT_MAX_MILLIS, fullPauseMillis * 2);
            notice.accept("a piece of " + offer.name() + ": " + TryAgain.words(TryAgain.nodeOf(messenger.user()),
                    refused, pause));
            vertx.setTimer(pause, t -> {
                reconnecting = false;
                if (!done.future().isComplete()) {
                    goOn();
                }
            });
        }

        /** Sends again at once from the first chunk not accepted. */
        private void interrupted() {
            if (reconnecting) {
                return;
            }
            holdBack();
            reconnecting = false;
            goOn();
        }

        /** Logs in again, after a pause that doubles with each failed try, and goes on from the first chunk not accepted. */
        private void connect(long pauseMillis) {
            if (reconnecting) {
                return;
            }
            holdBack();
            vertx.setTimer(pauseMillis, t -> reconnect.again().onComplete(again -> {
                reconnecting = false;
                if (done.future().isComplete()) {
                    return;
                }
                if (again.failed()) {
                    connect(Math.min(RECONNECT_MAX_MILLIS, pauseMillis * 2));
                    return;
                }
                messenger = again.result();
                if (receipts && !lastStored) {
                    // Its receipt, asked for on the old connection, would not reach this one: send it again.
                    accepted.clear((int) (offer.chunks() - 1));
                }
                goOn();
            }));
        }

        /** Stops sending until {@link #goOn}: what the node answers for chunks already in flight is stale. */
        private void holdBack() {
            reconnecting = true;
            connection++;
            inFlight = 0;
            undelivered = 0;
        }

        /** Sends again from the first chunk the node had not accepted. */
        private void goOn() {
            next = accepted.nextClearBit(0);
            lastReceiptNanos = System.nanoTime();
            pump();
        }

        private byte[] read(long index) throws IOException {
            long at = index * offer.chunkBytes();
            int length = (int) Math.min(offer.chunkBytes(), offer.size() - at);
            ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException(file + " got shorter while it was being sent");
                }
            }
            return buffer.array();
        }
    }
}
