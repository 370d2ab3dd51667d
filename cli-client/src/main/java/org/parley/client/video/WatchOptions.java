package org.parley.client.video;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The words of a watch, the same for {@code parley watch} and the shell's {@code /watch}: one
 * parser, so both take the same options and refuse the same mistakes in the same words.
 */
public final class WatchOptions {

    @Parameters(index = "0", paramLabel = "NAME@NODE", description = "the video (parley videos lists them)")
    private String video;

    @Option(names = "--resolution", paramLabel = "RES",
            description = "the rendition, such as 480p (default: the highest)")
    private String resolution;

    @Option(names = "--mixed", description = "a segment of each rendition in turn (the mixed mode)")
    private boolean mixed;

    @Option(names = "--start", paramLabel = "TIME",
            description = "begin at the keyframe at or before TIME: seconds (90), m:ss (1:30) or h:mm:ss")
    private String start;

    @Option(names = "--out", paramLabel = "FILE",
            description = "write the MPEG-TS here, - for standard output (default: NAME_RES.ts or NAME_mixed.ts"
                    + " in the current folder)")
    private String out;

    @Option(names = "--play", description = "play it with ffplay (on your PATH) instead of writing a file")
    private boolean play;

    /**
     * The words after {@code /watch}, parsed as {@code parley watch} parses its own.
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    public static WatchOptions parse(String... words) {
        WatchOptions options = new WatchOptions();
        try {
            new CommandLine(options).parseArgs(words);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return options;
    }

    /** What to ask the node for; an {@link IllegalArgumentException} that says what is wrong. */
    public WatchRequest request() {
        Long startMillis = null;
        if (start != null) {
            try {
                startMillis = VideoTime.parse(start);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--start: " + e.getMessage());
            }
        }
        return new WatchRequest(video, resolution, mixed, startMillis);
    }

    /**
     * Where the stream goes, files named by default in {@code currentFolder}.
     *
     * @throws IllegalArgumentException for options that do not go together
     * @throws IllegalStateException    for {@code --play} without a player on the PATH
     */
    public Destination destination(Map<String, String> environment, Path currentFolder) {
        return Destination.of(out, play, environment, currentFolder);
    }
}
