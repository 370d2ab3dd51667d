package org.parley.node.media;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the library follows its folder: new files, files gone, bad files, restarts. */
class LibraryFolderTest {

    /** Clips made once and copied into each test's folder. */
    @TempDir
    static Path made;

    @TempDir
    Path media;
    @TempDir
    Path data;

    private final LibraryFixture libraries = new LibraryFixture();

    @BeforeAll
    static void makeClips() throws Exception {
        TestClips.write(made, "clip");
        // One set whose middle rendition has its keyframes every 1.5 s: the same video, not aligned.
        TestClips.write(made, "odd", List.of(TestClips.LADDER.get(0), TestClips.LADDER.get(2)),
                TestClips.SEGMENT_SECONDS * 1000L);
        TestClips.write(made, "odd", List.of(TestClips.LADDER.get(1)), 1500);
    }

    @AfterEach
    void close() {
        libraries.close();
    }

    private void copy(String name) throws Exception {
        try (Stream<Path> files = Files.list(made)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name + "_")).toList()) {
                Files.copy(file, media.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void renditionsWhoseKeyframesDifferAreNotAligned() throws Exception {
        copy("odd");

        Video odd = libraries.open(media, data).video("odd").orElseThrow();

        assertEquals(3, odd.renditions().size());
        assertFalse(odd.aligned());
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WatchPlan.of(odd, null, true, 0, null));
        assertTrue(refused.getMessage().contains("cannot be mixed"), refused.getMessage());
    }

    @Test
    void aFileDroppedIntoTheFolderIsServedWithoutAskingAndOneRemovedIsForgotten() throws Exception {
        FolderVideoLibrary library = libraries.open(media, data);
        List<List<Video>> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        library.changed(heard::add);
        assertEquals(List.of(), library.videos());

        copy("clip");

        await().atMost(Duration.ofSeconds(30)).until(() -> library.video("clip")
                .map(v -> v.renditions().size() == TestClips.LADDER.size()).orElse(false));
        assertFalse(heard.isEmpty());
        Path cached = library.video("clip").orElseThrow().renditions().get(0).segments().get(0).file();
        assertTrue(Files.exists(cached));

        Files.delete(media.resolve("clip_" + TestClips.LADDER.get(0) + ".mp4"));

        await().atMost(Duration.ofSeconds(30)).until(() -> library.video("clip")
                .map(v -> v.renditions().size() == TestClips.LADDER.size() - 1).orElse(false));
        assertFalse(Files.exists(cached), "the removed source's segments are removed from the cache");
    }

    @Test
    void aFileThatCannotBeReadIsSkippedWithWhyAndTheOthersAreServed() throws Exception {
        copy("clip");
        Files.writeString(media.resolve("broken_240p.mp4"), "not a video at all");
        Files.writeString(media.resolve("notes.txt"), "a file of the operator's");

        try (LogLines log = new LogLines(LibraryScan.class)) {
            FolderVideoLibrary library = libraries.open(media, data);

            assertEquals(List.of("clip"), library.videos().stream().map(Video::name).toList());
            assertTrue(log.any("broken_240p.mp4 in the media library: not a media file FFmpeg can read"), log.lines().toString());
            assertTrue(log.any("notes.txt in the media library: its name is not NAME_RESOLUTION"), log.lines().toString());
        }
    }

    @Test
    void aRestartedLibraryServesTheCacheWithoutCuttingAgain() throws Exception {
        copy("clip");
        FolderVideoLibrary first = libraries.open(media, data);
        List<Video> before = first.videos();
        Map<Path, FileTime> written = segmentTimes(before);
        first.close();

        FolderVideoLibrary again;
        try (LogLines log = new LogLines(LibraryScan.class)) {
            again = libraries.open(media, data);

            assertFalse(log.any("Cut "), log.lines().toString());
        }
        assertEquals(before, again.videos());
        assertEquals(written, segmentTimes(again.videos()));
    }

    @Test
    void aChangedSourceIsCutAgain() throws Exception {
        copy("clip");
        FolderVideoLibrary library = libraries.open(media, data);
        Path source = media.resolve("clip_" + TestClips.LADDER.get(0) + ".mp4");
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 60_000));

        try (LogLines log = new LogLines(LibraryScan.class)) {
            library.rescan().get(30, TimeUnit.SECONDS);

            assertTrue(log.any("Cut " + source), log.lines().toString());
        }
    }

    private static Map<Path, FileTime> segmentTimes(List<Video> videos) {
        return videos.stream().flatMap(v -> v.renditions().stream()).flatMap(r -> r.segments().stream())
                .map(Segment::file).collect(Collectors.toMap(Function.identity(), file -> {
                    try {
                        return Files.getLastModifiedTime(file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
    }
}
