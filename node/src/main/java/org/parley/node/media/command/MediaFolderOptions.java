package org.parley.node.media.command;

import java.nio.file.Path;
import org.parley.node.config.ConfigException;
import org.parley.node.config.MediaConfig;
import org.parley.node.config.NodeConfigLoader;
import picocli.CommandLine.Option;

/** Which media folder a {@code parley-node media} command works on: the config's, or one named. */
final class MediaFolderOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "the node's JSON config; its media.mediaDir is"
            + " the folder (and its media.segmentSeconds the keyframe interval)")
    private Path config;

    @Option(names = "--media-dir", paramLabel = "DIR", description = "the media folder (instead of the config's)")
    private Path mediaDir;

    /** The media settings, with a folder; refuses with a one-line reason when there is none. */
    MediaConfig load() {
        NodeConfigLoader loader = config == null ? NodeConfigLoader.defaults() : NodeConfigLoader.fromFile(config);
        MediaConfig media = loader.override("media.mediaDir", mediaDir == null ? null : mediaDir.toString())
                .load().media();
        if (media.mediaDir() == null) {
            throw new ConfigException("no media folder: give --media-dir DIR, or a --config whose media.mediaDir"
                    + " names one");
        }
        return media;
    }
}
