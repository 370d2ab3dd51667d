package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No name a viewer gives and no file an operator drops can reach outside the library. */
class VideoNamesTest {

    @TempDir
    Path media;
    @TempDir
    Path data;
    @TempDir
    Path elsewhere;

    private final LibraryFixture libraries = new LibraryFixture();

    @AfterEach
    void close() {
        libraries.close();
    }

    @Test
    void namesThatCouldLeaveTheLibraryAreRefused() {
        for (String bad : List.of("../x", "..", ".", "/etc/passwd", "a/b", "a\\b", ".hidden", "", "Lecture",
                "x".repeat(33), "clip\u0000")) {
            assertFalse(VideoName.isValid(bad), bad);
        }
        for (String good : List.of("lecture", "a", "intro-2.final_cut", "x".repeat(32))) {
            assertTrue(VideoName.isValid(good), good);
        }
    }

    @Test
    void onlyLibraryFileNamesAreRead() {
        assertEquals(Optional.of(new MediaFileName("lecture", new Resolution(480), "mp4")),
                MediaFileName.parse("lecture_480p.mp4"));
        assertEquals(Optional.of(new MediaFileName("my_talk", new Resolution(720), "mkv")),
                MediaFileName.parse("my_talk_720p.MKV"));
        for (String other : List.of("lecture.mp4", "lecture_480.mp4", "lecture_480p.avi", ".._480p.mp4",
                "_480p.mp4", "Lecture_480p.mp4", "lecture_480p.mp4.part", ".lecture_480p.mp4.part")) {
            assertEquals(Optional.empty(), MediaFileName.parse(other), other);
        }
    }

    @Test
    void aLibraryAnswersNothingForAPathAsAName() throws Exception {
        TestClips.write(media, "clip", List.of(TestClips.LADDER.get(0)), TestClips.SEGMENT_SECONDS * 1000L);
        FolderVideoLibrary library = libraries.open(media, data);
        assertTrue(library.video("clip").isPresent());

        for (String bad : List.of("../clip", "/etc/passwd", "clip/../clip", "./clip", "..", "CLIP")) {
            assertEquals(Optional.empty(), library.video(bad), bad);
        }
    }

    @Test
    void aLinkOutOfTheFolderIsSkippedAndOneWithinItIsServed() throws Exception {
        Path outside = TestClips.write(elsewhere, "secret", List.of(TestClips.LADDER.get(0)),
                TestClips.SEGMENT_SECONDS * 1000L).get(0);
        Files.createSymbolicLink(media.resolve("escape_" + TestClips.LADDER.get(0) + ".mp4"), outside);
        Path inside = TestClips.write(media, "real", List.of(TestClips.LADDER.get(0)),
                TestClips.SEGMENT_SECONDS * 1000L).get(0);
        Files.createSymbolicLink(media.resolve("alias_" + TestClips.LADDER.get(0) + ".mp4"), inside.getFileName());

        try (LogLines log = new LogLines(LibraryScan.class)) {
            FolderVideoLibrary library = libraries.open(media, data);

            assertEquals(List.of("alias", "real"), library.videos().stream().map(Video::name).toList());
            assertTrue(log.any("escape_" + TestClips.LADDER.get(0) + ".mp4 in the media library: it is a link to "
                    + outside.toRealPath() + ", outside the media folder"), log.lines().toString());
        }
    }
}
