package org.parley.client.files;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.NodeSession;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileKey;
import org.parley.protocol.e2ee.FileOffer;

/**
 * Sends one file: its SHA-256 first (one read), then an offer with a fresh key, then the file in
 * sealed chunks read from disk as they go, at most {@link #IN_FLIGHT} not yet accepted by the node,
 * so a slow network or recipient slows the reading and the file is never held whole in memory.
 */
public final class FileSender {

    public static final int CHUNK_BYTES = 256 * 1024;
    static final int IN_FLIGHT = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Messenger messenger;

    public FileSender(Vertx vertx, Messenger messenger) {
        this.vertx = vertx;
        this.messenger = messenger;
    }

    /**
     * Sends {@code file} to {@code to}; {@code progress} hears the bytes the node has accepted so far.
     *
     * @return the offer, once every chunk is accepted
     */
    public Future<FileOffer> send(String to, Path file, LongConsumer progress) {
        return vertx.executeBlocking(() -> describe(file), false).compose(offer -> messenger.sendOffer(to, offer)
                .compose(recipient -> new Transfer(recipient, file, offer, progress).run()).map(offer));
    }

    private static FileOffer describe(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        MessageDigest sha = sha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        return FileOffer.of(FileKey.generate(NodeSession.newMessageId(), RANDOM), name, size,
                HexFormat.of().formatHex(sha.digest()), CHUNK_BYTES);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** One file's chunks on their way; callbacks run on the session's event loop. */
    private final class Transfer {
        private final String recipient;
        private final Path file;
        private final FileOffer offer;
        private final FileKey key;
        private final LongConsumer progress;
        private final Promise<Void> done = Promise.promise();
        private FileChannel channel;
        private long next;
        private int inFlight;
        private boolean reading;
        private long sent;

        Transfer(String recipient, Path file, FileOffer offer, LongConsumer progress) {
            this.recipient = recipient;
            this.file = file;
            this.offer = offer;
            this.key = offer.fileKey();
            this.progress = progress;
        }

        Future<Void> run() {
            return vertx.executeBlocking(() -> FileChannel.open(file, StandardOpenOption.READ), false)
                    .compose(opened -> {
                        channel = opened;
                        pump();
                        return done.future();
                    }).onComplete(finished -> {
                        try {
                            if (channel != null) {
                                channel.close();
                            }
                        } catch (IOException ignored) {
                            // read only: nothing is lost
                        }
                    });
        }

        /**
         * Reads and seals one chunk at a time, in order, and hands each to the node as soon as it is
         * sealed, so chunks leave strictly in order; up to {@link #IN_FLIGHT} wait for acceptance.
         */
        private void pump() {
            if (reading || inFlight >= IN_FLIGHT || next >= offer.chunks() || done.future().isComplete()) {
                return;
            }
            reading = true;
            long index = next++;
            boolean last = index == offer.chunks() - 1;
            vertx.executeBlocking(() -> new FileChunk(offer.fileId(), index, last, key.seal(index, last, read(index))),
                    false).onSuccess(chunk -> {
                        reading = false;
                        inFlight++;
                        messenger.sendChunk(recipient, chunk).onSuccess(accepted -> {
                            inFlight--;
                            sent = Math.min(offer.size(), sent + offer.chunkBytes());
                            progress.accept(sent);
                            if (next >= offer.chunks() && inFlight == 0 && !reading) {
                                done.tryComplete();
                            } else {
                                pump();
                            }
                        }).onFailure(done::tryFail);
                        pump();
                    }).onFailure(done::tryFail);
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
