package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.NodeMain;
import picocli.CommandLine;

/** {@code parley-node media testcard | import | list}, run as an operator runs them. */
class MediaCommandTest {

    @TempDir
    Path media;
    @TempDir
    Path work;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        int code = new CommandLine(new NodeMain()).setOut(new PrintWriter(outText)).setErr(new PrintWriter(errText))
                .execute(args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    @Test
    void aTestCardBecomesAlignedRenditionsThatImportAgain() throws Exception {
        // WHEN an operator makes a test card
        assertEquals(0, run("media", "testcard", "card", "--seconds", "4", "--ladder", "144p,288p", "--media-dir",
                media.toString()), err);

        // THEN its renditions are in the folder, with keyframes at the same times
        Path low = media.resolve("card_144p.mp4");
        Path high = media.resolve("card_288p.mp4");
        assertTrue(out.contains(low.toString()) && out.contains(high.toString()), out);
        Probe lowProbe = MediaProbe.probe(low);
        Probe highProbe = MediaProbe.probe(high);
        assertEquals(288, highProbe.height());
        assertEquals(512, highProbe.width());
        assertEquals(lowProbe.keyframes().stream().map(lowProbe::millis).toList(),
                highProbe.keyframes().stream().map(highProbe::millis).toList());
        // (every media.segmentSeconds, 2 s without a config)
        assertEquals(List.of(0L, 2000L), highProbe.keyframes().stream().map(highProbe::millis).toList());
        assertEquals(100, DecodedVideo.of(high).frames());

        // AND a file imported from it gets the ladder asked for, named from the file
        Path source = Files.copy(high, work.resolve("Holiday Film.mp4"));
        assertEquals(0, run("media", "import", source.toString(), "--ladder", "144p", "--media-dir", media.toString()),
                err);
        assertEquals(144, MediaProbe.probe(media.resolve("holiday-film_144p.mp4")).height());

        // AND the list shows both videos
        assertEquals(0, run("media", "list", "--media-dir", media.toString()));
        assertTrue(out.contains("card  renditions aligned"), out);
        assertTrue(out.contains("holiday-film"), out);
    }

    @Test
    void importRefusesWhatItCannotUseWithWhy() throws Exception {
        assertEquals(1, run("media", "import", work.resolve("missing.mp4").toString(), "--media-dir", media.toString()));
        assertTrue(err.contains("missing.mp4 does not exist"), err);

        Path text = Files.writeString(work.resolve("notes.mp4"), "just words");
        assertEquals(1, run("media", "import", text.toString(), "--media-dir", media.toString()));
        assertTrue(err.contains("notes.mp4 cannot be imported: not a media file FFmpeg can read"), err);

        assertEquals(2, run("media", "testcard", "x", "--ladder", "240p,big", "--media-dir", media.toString()));
        assertTrue(err.contains("bad ladder '240p,big'"), err);

        assertEquals(2, run("media", "testcard", "../x", "--media-dir", media.toString()));
        assertTrue(err.contains("'../x' is not a video name"), err);

        TestClips.write(work, "small", List.of(new Resolution(96)), 1000);
        assertEquals(2, run("media", "import", work.resolve("small_96p.mp4").toString(), "--ladder", "96p,480p",
                "--media-dir", media.toString()));
        assertTrue(err.contains("would only be enlarged"), err);

        assertEquals(2, run("media", "list"));
        assertTrue(err.contains("no media folder"), err);
        try (var files = Files.list(media)) {
            assertEquals(List.of(), files.toList(), "nothing is left in the folder after a refusal");
        }
    }
}
