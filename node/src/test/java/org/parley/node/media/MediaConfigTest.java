package org.parley.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.config.ConfigException;
import org.parley.node.config.MediaConfig;
import org.parley.node.config.NodeConfigLoader;

/** The config's {@code media} section. */
class MediaConfigTest {

    @TempDir
    Path folder;

    @Test
    void withoutASectionANodeHasNoLibraryAndTheDefaultLimits() {
        MediaConfig media = NodeConfigLoader.defaults().load().media();

        assertNull(media.mediaDir());
        assertEquals(4, media.maxStreamsPerUser());
        assertEquals(200, media.maxStreams());
        assertEquals(2, media.segmentSeconds());
    }

    @Test
    void theSectionIsReadFromTheFileAndTheFolderFromAFlag() throws Exception {
        Path file = Files.writeString(folder.resolve("node.json"), """
                {"name": "n", "media": {"mediaDir": "run/n/media", "maxStreamsPerUser": 2, "maxStreams": 50,
                 "segmentSeconds": 4}}""");

        MediaConfig media = NodeConfigLoader.fromFile(file).load().media();
        assertEquals(new MediaConfig(Path.of("run/n/media"), 2, 50, 4), media);
        assertEquals(4000, media.segmentMillis());

        MediaConfig overridden = NodeConfigLoader.fromFile(file).override("media.mediaDir", "/srv/videos").load().media();
        assertEquals(Path.of("/srv/videos"), overridden.mediaDir());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        ConfigException zero = assertThrows(ConfigException.class,
                () -> NodeConfigLoader.of(Map.of("media.maxStreams", 0)).load());
        assertTrue(zero.getMessage().startsWith("media.maxStreams: must be between 1"), zero.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> NodeConfigLoader.of(Map.of("media.folder", "x")).load());
        assertTrue(unknown.getMessage().contains("the media section knows mediaDir"), unknown.getMessage());
    }
}
