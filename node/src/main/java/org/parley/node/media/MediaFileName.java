package org.parley.node.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file in the media folder is by its name: {@code <video>_<resolution>.<container>}, for
 * example {@code lecture_480p.mp4}. Other names are not the library's.
 *
 * @param container the file's extension, lower case: one of {@link #CONTAINERS}
 */
public record MediaFileName(String video, Resolution resolution, String container) {

    /** The containers read, in the order one is preferred when a rendition comes in two. */
    public static final List<String> CONTAINERS = List.of("mp4", "mov", "mkv", "ts");

    private static final Pattern FORM = Pattern.compile("(.+)_([0-9]{2,4}p)\\.([A-Za-z0-9]+)");

    public MediaFileName {
        VideoName.require(video);
        if (!CONTAINERS.contains(container)) {
            throw new IllegalArgumentException("a library file is one of " + CONTAINERS + ", not ." + container);
        }
    }

    /** The file's name as the library reads it, or empty when it is not a library file. */
    public static Optional<MediaFileName> parse(String fileName) {
        Matcher m = FORM.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String container = m.group(3).toLowerCase(Locale.ROOT);
        if (!VideoName.isValid(m.group(1)) || !CONTAINERS.contains(container)) {
            return Optional.empty();
        }
        Resolution resolution;
        try {
            resolution = Resolution.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new MediaFileName(m.group(1), resolution, container));
    }

    /** The name of this file in the media folder. */
    public String fileName() {
        return video + "_" + resolution + "." + container;
    }
}
