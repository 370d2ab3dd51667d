package org.parley.node.media.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.node.media.MediaFileName;
import org.parley.node.media.VideoName;
import org.parley.node.media.transcode.SourceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley-node media import FILE}: one source into renditions with shared keyframes. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encodes FILE into the media folder as NAME_240p.mp4, NAME_480p.mp4... (H.264, a keyframe every"
                + " media.segmentSeconds in every rendition and nowhere else, so the renditions can be switched at"
                + " any segment). Pictures only: the sound is left out.")
public final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private MediaFolderOptions folder;

    @Parameters(paramLabel = "FILE", description = "the video to import")
    private Path file;

    @Option(names = "--ladder", paramLabel = "RES,...", description = "the renditions to make, e.g."
            + " 240p,480p,720p (default: those of 240p,480p,720p up to the source's height)")
    private String ladder;

    @Option(names = "--name", description = "the video's name in the library (default: from the file's name); "
            + VideoName.RULE)
    private String name;

    @Option(names = "--bitrate", description = "bitrate of the highest rendition, e.g. 2M (default: 0.1 bit a"
            + " pixel); the others get it in proportion to their size")
    private String bitrate;

    @Override
    public Integer call() {
        String video = name != null ? name : nameOf(file);
        return ImportRunner.run(folder, () -> SourceFile.open(file), video, ladder, bitrate,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** A video name made from a file's: lower case, other characters as '-', a resolution suffix dropped. */
    static String nameOf(Path file) {
        String stem = file.getFileName().toString();
        MediaFileName library = MediaFileName.parse(stem.toLowerCase(Locale.ROOT)).orElse(null);
        if (library != null) {
            return library.video();
        }
        int dot = stem.lastIndexOf('.');
        String base = (dot > 0 ? stem.substring(0, dot) : stem).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]", "-").replaceAll("^[.]+", "");
        return base.length() > 32 ? base.substring(0, 32) : base;
    }
}
