package org.parley.client.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a received file may land: the name its sender gave, cut to a plain base name (no folders,
 * no way out of the target folder, no control characters), and never over an existing file (a
 * numbered suffix instead). The sender's name is a suggestion from someone else's machine.
 */
public final class SafeFileName {

    /** Longer names are cut: most file systems allow 255 bytes. */
    static final int MAX_BYTES = 200;
    private static final String FALLBACK = "file";

    private SafeFileName() {
    }

    /** The last part of {@code offered}, with control characters and separators made harmless. */
    public static String baseName(String offered) {
        String name = offered == null ? "" : offered;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) || c == ':' ? '_' : c));
        String result = safe.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1); // no hidden files, and no "." or ".."
        }
        if (result.isBlank()) {
            return FALLBACK;
        }
        while (result.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** A path in {@code folder} for {@code offered} that does not exist yet. */
    public static Path in(Path folder, String offered) {
        String base = baseName(offered);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String extension = dot > 0 ? base.substring(dot) : "";
        Path candidate = folder.resolve(base);
        for (int n = 1; Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = folder.resolve(stem + " (" + n + ")" + extension);
        }
        if (!candidate.normalize().getParent().equals(folder.normalize())) {
            throw new IllegalStateException("a received file's name left its folder: " + candidate);
        }
        return candidate;
    }
}
