package org.parley.client.files;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.parley.client.e2ee.FileInbox;
import org.parley.client.home.SealedLog;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.frame.WireJson;

/**
 * Takes files into a folder: each offered file is written to a hidden part file as its chunks
 * arrive (opened and checked one by one), and takes a safe name of its own only once its size and
 * SHA-256 match the offer. Offers are kept, encrypted, in {@code HOME/files/NAME.offers}, so a
 * transfer cut short (the connection dropped, this process stopped) resumes from the last chunk on
 * disk when the rest arrives: the node sends again what was not acknowledged. File work runs on a
 * worker; callbacks come back in order.
 */
public final class FileReceiver implements FileInbox {

    /** What the user hears about each file. */
    public interface Listener {
        void started(String from, FileOffer offer, long resumedAt);

        void progress(FileOffer offer, long bytes);

        void finished(String from, FileOffer offer, Path saved);

        void failed(String from, String file, String why);

        /** File {@code fileId} was dropped (it arrived damaged or incomplete); {@link #failed} says why. */
        default void dropped(String fileId) {
        }

        /** Asking first: the file is all here and checked, and waits for {@link #accept} to take its name. */
        default void complete(String from, FileOffer offer) {
        }
    }

    /**
     * A line of the offers log: an offer with who made it, or (with only {@code done}) the id of a
     * file that is finished (saved, declined or dropped), so a piece the node sends again is let go
     * quietly. This used to be an empty {@code .parley-ID.done} file in the receive folder, one
     * per file, left there for good.
     */
    private record Kept(String from, FileOffer offer, String done) {
        Kept(String from, FileOffer offer) {
            this(from, offer, null);
        }
    }

    /**
     * Chunks that finish a file say so to the listener only after the chunk's future completed,
     * so the messenger has acknowledged the chunk first: a command that exits at the news then
     * says goodbye with the acknowledgement, and the node does not send the piece again.
     */
    private final java.util.List<Runnable> afterChunk = new java.util.ArrayList<>();

    /** A file being received: its part file, the hash so far and the next chunk expected. */
    private static final class Incoming {
        final String from;
        final FileOffer offer;
        final Path part;
        final MessageDigest sha = FileHash.sha256();
        long next;
        long bytes;
        /** All chunks are in and the hash matched: it waits for the user's yes. */
        boolean complete;

        Incoming(String from, FileOffer offer, Path part) {
            this.from = from;
            this.offer = offer;
            this.part = part;
        }
    }

    /** A part file, and so the file it becomes, is readable only by its owner, like everything the client keeps. */
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private final Vertx vertx;
    private final Path folder;
    private final SealedLog offers;
    private final Listener listener;
    /** Confined to the worker (every call goes through executeBlocking, ordered). */
    private final Map<String, Kept> kept = new HashMap<>();
    private final Map<String, Incoming> open = new HashMap<>();
    /** Files finished: saved, declined or dropped. Confined to the worker. */
    private final java.util.Set<String> finished = new java.util.HashSet<>();
    /** Null: every file is taken as it comes. Otherwise the files the user said yes to. */
    private final java.util.Set<String> accepted;

    private FileReceiver(Vertx vertx, Path folder, SealedLog offers, Listener listener, boolean askFirst) {
        this.vertx = vertx;
        this.folder = folder;
        this.offers = offers;
        this.listener = listener;
        this.accepted = askFirst ? new java.util.HashSet<>() : null;
    }

    /** Receives into {@code folder}, remembering offers in {@code offers}. Reads what it kept; not for an event loop. */
    public static FileReceiver open(Vertx vertx, Path folder, SealedLog offers, Listener listener) throws IOException {
        return open(vertx, folder, offers, listener, false);
    }

    /**
     * As {@link #open(Vertx, Path, SealedLog, Listener)}; with {@code askFirst}, a file's chunks are
     * still taken into its hidden part file as they come (the sender is not held up), but it takes
     * its name only once {@link #accept} says so, and {@link #decline} throws it away.
     */
    public static FileReceiver open(Vertx vertx, Path folder, SealedLog offers, Listener listener, boolean askFirst)
            throws IOException {
        org.parley.client.home.PrivateFiles.createDirectory(folder);
        FileReceiver receiver = new FileReceiver(vertx, folder, offers, listener, askFirst);
        vertx.executeBlocking(() -> {
            AesGcm.warmUp(); // before the first chunk, which waits behind it on the same worker pool
            return null;
        }, false);
        offers.readAll(plaintext -> {
            Kept one = WireJson.mapper().readValue(plaintext, Kept.class);
            if (one.done() != null) {
                receiver.finished.add(one.done());
            } else {
                receiver.kept.put(one.offer().fileId(), one);
            }
        });
        receiver.takeUpOldMarkers();
        return receiver;
    }

    @Override
    public Future<Void> offered(String from, FileOffer offer) {
        return work(() -> {
            if (!kept.containsKey(offer.fileId())) {
                Kept one = new Kept(from, offer);
                offers.append(WireJson.mapper().writeValueAsBytes(one));
                kept.put(offer.fileId(), one);
            }
            resume(kept.get(offer.fileId()));
            return null;
        });
    }

    /** Moves the {@code .done} files an earlier version left in the folder into the log, and deletes them. */
    private void takeUpOldMarkers() throws IOException {
        try (var names = Files.list(folder)) {
            for (Path marker : names.toList()) {
                String name = marker.getFileName().toString();
                if (name.startsWith(".parley-") && name.endsWith(".done")) {
                    markFinished(name.substring(".parley-".length(), name.length() - ".done".length()));
                    Files.deleteIfExists(marker);
                }
            }
        }
    }

    private void markFinished(String fileId) throws IOException {
        if (finished.add(fileId)) {
            offers.append(WireJson.mapper().writeValueAsBytes(new Kept(null, null, fileId)));
        }
    }

    @Override
    public Future<Void> chunk(String from, FileChunk chunk) {
        return work(() -> {
            Kept one = kept.get(chunk.fileId());
            if (one == null || !one.from().equals(from)) {
                listener.failed(from, chunk.fileId(), "a piece of a file " + from + " never offered; dropped");
                return null; // acknowledged: it can never be opened
            }
            Incoming file = open.get(chunk.fileId());
            if (file == null) {
                file = resume(one);
                if (file == null) {
                    return null; // already received in full, or given up: a repeat
                }
            }
            if (chunk.index() < file.next) {
                return null; // written before a restart; the node sent it again
            }
            if (chunk.index() > file.next) {
                // Nodes deliver a sender's pieces in order, so the ones between were refused on the way
                // (the recipient's quota, say; the sender was told) and will not come: the file cannot be
                // completed. Dropping it (and acknowledging the piece) beats asking for it at every login.
                abandon(file, "piece " + chunk.index() + " of " + one.offer().name() + " came before piece "
                        + file.next + ": the pieces between were refused on the way, so the file is incomplete and"
                        + " was dropped; ask " + from + " to send it again");
                return null;
            }
            byte[] plain;
            try {
                plain = file.offer.fileKey().open(chunk.index(), chunk.last(), chunk.sealed());
            } catch (OpenFailure failure) {
                abandon(file, failure.getMessage());
                return null;
            }
            try (FileChannel channel = FileChannel.open(file.part, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(plain);
                long at = chunk.index() * file.offer.chunkBytes();
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                if (chunk.last()) {
                    channel.force(true);
                }
            }
            file.sha.update(plain);
            file.bytes += plain.length;
            file.next++;
            listener.progress(file.offer, file.bytes);
            if (chunk.last()) {
                finish(file);
            }
            return null;
        });
    }

    /** File work on the worker, in order; news of files saved is told once the caller has seen it complete. */
    private <T> Future<T> work(java.util.concurrent.Callable<T> task) {
        return vertx.<T>executeBlocking(task, true).onSuccess(v -> {
            java.util.List<Runnable> news;
            synchronized (afterChunk) {
                news = java.util.List.copyOf(afterChunk);
                afterChunk.clear();
            }
            // Queued behind the messenger's acknowledgement, which runs in this same turn (see afterChunk).
            news.forEach(one -> vertx.runOnContext(x -> one.run()));
        });
    }

    /**
     * Takes up files that were partly or wholly here when this process last stopped, so the
     * listener hears of them again (a file that waits for a yes is asked about again).
     */
    public Future<Void> resumeKept() {
        return work(() -> {
            for (Kept one : kept.values()) {
                if (Files.exists(folder.resolve(".parley-" + one.offer().fileId() + ".part"))) {
                    resume(one);
                }
            }
            return null;
        });
    }

    /** The user wants file {@code fileId}: it takes its name now, or as soon as it is all here. */
    public Future<Void> accept(String fileId) {
        return work(() -> {
            if (accepted != null) {
                accepted.add(fileId);
                Incoming file = open.get(fileId);
                if (file != null && file.complete) {
                    name(file);
                }
            }
            return null;
        });
    }

    /** The user does not want file {@code fileId}: what came is deleted, what follows is dropped. */
    public Future<Void> decline(String fileId) {
        return work(() -> {
            Incoming file = open.get(fileId);
            if (file != null) {
                open.remove(fileId);
                Files.deleteIfExists(file.part);
            }
            markFinished(fileId);
            return null;
        });
    }

    /** Opens (or reopens, after a restart) the part file of an offer; null if there is nothing left to receive. */
    private Incoming resume(Kept one) throws IOException {
        Incoming current = open.get(one.offer().fileId());
        if (current != null) {
            return current;
        }
        Path part = folder.resolve(".parley-" + one.offer().fileId() + ".part");
        if (finished.contains(one.offer().fileId())) {
            Files.deleteIfExists(part); // finished elsewhere (another --dir): nothing more comes for it
            return null;
        }
        Incoming file = new Incoming(one.from(), one.offer(), part);
        if (Files.exists(part)) {
            // Whole chunks on disk are kept; the hash is taken over them again.
            long onDisk = Files.size(part);
            boolean all = onDisk == one.offer().size() && onDisk > 0; // taken whole, waiting for a yes
            long whole = all ? one.offer().chunks() : onDisk / one.offer().chunkBytes();
            long keep = all ? onDisk : whole * one.offer().chunkBytes();
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.truncate(keep);
            }
            FileHash.update(file.sha, part);
            file.next = whole;
            file.bytes = keep;
        } else {
            Files.createFile(part, OWNER_ONLY); // the saved file keeps these permissions: it is the same file
        }
        open.put(one.offer().fileId(), file);
        listener.started(one.from(), one.offer(), file.bytes);
        if (file.next >= one.offer().chunks() && file.bytes > 0) {
            finish(file);
        }
        return file;
    }

    private void finish(Incoming file) throws IOException {
        String sha = HexFormat.of().formatHex(file.sha.digest());
        if (file.bytes != file.offer.size() || !sha.equals(file.offer.sha256())) {
            abandon(file, file.offer.name() + " arrived with " + file.bytes + " bytes and SHA-256 " + sha
                    + ", but was sent with " + file.offer.size() + " bytes and " + file.offer.sha256());
            return;
        }
        file.complete = true;
        if (accepted == null || accepted.contains(file.offer.fileId())) {
            name(file);
        } else {
            listener.complete(file.from, file.offer);
        }
    }

    /** The checked file takes a safe name of its own in the folder. */
    private void name(Incoming file) throws IOException {
        open.remove(file.offer.fileId());
        Path saved = SafeFileName.in(folder, file.offer.name());
        Files.move(file.part, saved, StandardCopyOption.ATOMIC_MOVE);
        markFinished(file.offer.fileId());
        synchronized (afterChunk) {
            afterChunk.add(() -> listener.finished(file.from, file.offer, saved));
        }

    }

    private void abandon(Incoming file, String why) throws IOException {
        open.remove(file.offer.fileId());
        Files.deleteIfExists(file.part);
        markFinished(file.offer.fileId());
        listener.dropped(file.offer.fileId());
        listener.failed(file.from, file.offer.name(), why);
    }
}
