package org.parley.node.media.command;

import java.util.concurrent.Callable;
import org.parley.node.media.Resolution;
import org.parley.node.media.transcode.Ladder;
import org.parley.node.media.transcode.TestCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley-node media testcard NAME}: a moving test pattern, imported. */
@Command(name = "testcard", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Makes a moving test pattern (scrolling colour bars, a bouncing box, snow and the frame number,"
                + " so every frame differs) and imports it as NAME, to try the library or measure streams.")
public final class TestcardCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private MediaFolderOptions folder;

    @Parameters(paramLabel = "NAME", description = "the video's name in the library")
    private String name;

    @Option(names = "--seconds", description = "how long it runs (default: ${DEFAULT-VALUE})", defaultValue = "10")
    private double seconds;

    @Option(names = "--fps", description = "frames per second (default: ${DEFAULT-VALUE})", defaultValue = "25")
    private int fps;

    @Option(names = "--ladder", paramLabel = "RES,...", description = "the renditions to make"
            + " (default: ${DEFAULT-VALUE})", defaultValue = "240p,480p,720p")
    private String ladder;

    @Option(names = "--bitrate", description = "bitrate the encoder aims at for the highest rendition, e.g. 2M"
            + " (default: 0.1 bit a pixel); the others get it in proportion to their size")
    private String bitrate;

    @Override
    public Integer call() {
        return ImportRunner.run(folder, () -> new TestCard(highest(), fps, seconds), name, ladder, bitrate,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The card is drawn at the ladder's highest resolution; a bad ladder is refused by the import. */
    private int highest() {
        try {
            return Ladder.parse(ladder).highest().height();
        } catch (IllegalArgumentException e) {
            return new Resolution(240).height();
        }
    }
}
