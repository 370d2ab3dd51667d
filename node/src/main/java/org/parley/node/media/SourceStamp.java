package org.parley.node.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A source file's size and modification time: what tells the library that a rendition it cut
 * before is still the file in the folder.
 */
public record SourceStamp(long bytes, long modifiedMillis) {

    public static SourceStamp of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new SourceStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
    }
}
