package org.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.home.SealedLog;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileKey;
import org.parley.protocol.e2ee.FileOffer;

/** The receiving end of a file, without a network: chunks in, a checked file out, resumable. */
class FileReceiverTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHUNK = 1024;

    @TempDir
    Path home;

    private final Vertx vertx = Vertx.vertx();
    private final IdentityKeys keys = IdentityKeys.generate(RANDOM);
    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private FileReceiver receiver(Path folder) throws Exception {
        return receiver(folder, false);
    }

    private FileReceiver receiver(Path folder, boolean askFirst) throws Exception {
        SealedLog offers = SealedLog.open(home.resolve("files").resolve("bob.offers"), "file-offers", "bob", keys);
        return FileReceiver.open(vertx, folder, offers, new FileReceiver.Listener() {
            @Override
            public void started(String from, FileOffer offer, long resumedAt) {
                events.add("started " + resumedAt);
            }

            @Override
            public void progress(FileOffer offer, long bytes) {
            }

            @Override
            public void finished(String from, FileOffer offer, Path saved) {
                events.add("finished " + saved.getFileName());
            }

            @Override
            public void failed(String from, String file, String why) {
                events.add("failed " + why);
            }

            @Override
            public void complete(String from, FileOffer offer) {
                events.add("complete " + offer.name());
            }
        }, askFirst);
    }

    private record Sent(FileOffer offer, List<FileChunk> chunks, byte[] content) {
    }

    private static Sent file(String name, int size) throws Exception {
        byte[] content = new byte[size];
        RANDOM.nextBytes(content);
        FileKey key = FileKey.generate("f" + RANDOM.nextInt(1 << 20), RANDOM);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        FileOffer offer = FileOffer.of(key, name, size, sha, CHUNK);
        List<FileChunk> chunks = new ArrayList<>();
        for (long i = 0; i < offer.chunks(); i++) {
            int from = (int) (i * CHUNK);
            byte[] plain = java.util.Arrays.copyOfRange(content, from, Math.min(size, from + CHUNK));
            boolean last = i == offer.chunks() - 1;
            chunks.add(new FileChunk(offer.fileId(), i, last, key.seal(i, last, plain)));
        }
        return new Sent(offer, chunks, content);
    }

    private static void await(io.vertx.core.Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTransferCutInTheMiddleResumesAfterARestartAndTheFileIsWhole() throws Exception {
        Path folder = home.resolve("in");
        Sent sent = file("../../report.bin", 10 * CHUNK + 17);
        FileReceiver first = receiver(folder);
        await(first.offered("alice@node-a", sent.offer()));
        for (int i = 0; i < 4; i++) {
            await(first.chunk("alice@node-a", sent.chunks().get(i)));
        }
        // the process stops; the node sends again what was not acknowledged, from chunk 3 say
        FileReceiver second = receiver(folder);
        for (int i = 3; i < sent.chunks().size(); i++) {
            await(second.chunk("alice@node-a", sent.chunks().get(i)));
        }
        // "finished" is told once the caller has seen the last chunk's future complete (it acknowledges first)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> events.size() >= 3);
        assertEquals(List.of("started 0", "started " + 4 * CHUNK, "finished report.bin"), events);
        try (var left = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("report.bin")), left.toList(), "no .done marker is left beside it");
        }
        assertArrayEquals(sent.content(), Files.readAllBytes(folder.resolve("report.bin")));
        // and a repeat of the last chunk after that changes nothing
        await(second.chunk("alice@node-a", sent.chunks().get(sent.chunks().size() - 1)));
        assertEquals(3, events.size());
    }

    @Test
    void aFlippedByteIsCaughtAndNothingTakesTheFilesName() throws Exception {
        Path folder = home.resolve("in");
        Sent sent = file("notes.txt", 3 * CHUNK);
        FileReceiver receiver = receiver(folder);
        await(receiver.offered("alice@node-a", sent.offer()));
        await(receiver.chunk("alice@node-a", sent.chunks().get(0)));
        FileChunk second = sent.chunks().get(1);
        byte[] flipped = second.sealed().clone();
        flipped[100] ^= 1;
        await(receiver.chunk("alice@node-a", new FileChunk(second.fileId(), 1, false, flipped)));
        await(receiver.chunk("alice@node-a", sent.chunks().get(2)));
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(1).startsWith("failed chunk 1 of file"), events.get(1));
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("notes.txt")));
        }
    }

    @Test
    void aPieceAfterAGapEndsTheFileOnceInsteadOfWaitingForeverForThePiecesRefusedOnTheWay() throws Exception {
        Path folder = home.resolve("in");
        Sent sent = file("movie.mkv", 4 * CHUNK);
        FileReceiver receiver = receiver(folder);
        await(receiver.offered("alice@node-a", sent.offer()));
        await(receiver.chunk("alice@node-a", sent.chunks().get(0)));
        // pieces 1 and 2 were refused at the recipient's node (its quota); piece 3 was not
        await(receiver.chunk("alice@node-a", sent.chunks().get(3)));  // completes: acknowledged, not retried
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(1).startsWith("failed piece 3 of movie.mkv came before piece 1"), events.get(1));
        assertTrue(events.get(1).contains("ask alice@node-a to send it again"), events.get(1));
        // anything more of that file is dropped quietly, and nothing is left in the folder
        await(receiver.chunk("alice@node-a", sent.chunks().get(1)));
        assertEquals(2, events.size(), events.toString());
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")
                    || p.getFileName().toString().endsWith(".done")
                    || p.getFileName().toString().equals("movie.mkv")), folder.toString());
        }
    }

    @Test
    void chunksFromSomeoneWhoNeverOfferedAreDropped() throws Exception {
        Path folder = home.resolve("in");
        Sent sent = file("x", CHUNK);
        FileReceiver receiver = receiver(folder);
        await(receiver.offered("alice@node-a", sent.offer()));
        await(receiver.chunk("mallory@node-m", sent.chunks().get(0)));
        assertTrue(events.get(events.size() - 1).startsWith("failed a piece of a file mallory@node-m never offered"),
                events.toString());
        try (var left = Files.list(folder)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("x")));
        }
    }

    @Test
    void askingFirstAFileWaitsForAYesEvenAcrossARestartAndANoDeletesIt() throws Exception {
        Path folder = home.resolve("in");
        Sent wanted = file("photo.jpg", 3 * CHUNK + 5);
        Sent unwanted = file("spam.exe", 2 * CHUNK);
        FileReceiver first = receiver(folder, true);
        for (Sent sent : List.of(wanted, unwanted)) {
            await(first.offered("alice@node-a", sent.offer()));
            for (FileChunk chunk : sent.chunks()) {
                await(first.chunk("alice@node-a", chunk));
            }
        }
        assertEquals(List.of("started 0", "complete photo.jpg", "started 0", "complete spam.exe"), events);
        try (var names = Files.list(folder)) {
            assertTrue(names.allMatch(p -> p.getFileName().toString().startsWith(".parley-")), "nothing named yet");
        }
        await(first.decline(unwanted.offer().fileId()));

        // the session ends before the user says yes; the next one asks again, and the yes names it
        events.clear();
        FileReceiver second = receiver(folder, true);
        await(second.resumeKept());
        assertEquals(List.of("started " + wanted.content().length, "complete photo.jpg"), events);
        await(second.accept(wanted.offer().fileId()));
        assertArrayEquals(wanted.content(), Files.readAllBytes(folder.resolve("photo.jpg")));
        try (var names = Files.list(folder)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().contains("spam")
                    || p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void aDoneMarkerOfAnEarlierVersionIsTakenIntoTheLogAndDeleted() throws Exception {
        Path folder = Files.createDirectories(home.resolve("old"));
        Sent sent = file("old.txt", 100);
        Path marker = Files.createFile(folder.resolve(".parley-" + sent.offer().fileId() + ".done"));

        FileReceiver receiver = receiver(folder);
        await(receiver.offered("alice@node-a", sent.offer()));
        await(receiver.chunk("alice@node-a", sent.chunks().get(0)));

        assertTrue(Files.notExists(marker));
        assertEquals(List.of(), events, "a file already finished is let go quietly");
        try (var left = Files.list(folder)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
