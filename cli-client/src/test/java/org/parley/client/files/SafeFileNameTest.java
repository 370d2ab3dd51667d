package org.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileNameTest {

    @TempDir
    Path folder;

    @Test
    void hostileNamesBecomePlainBaseNames() {
        assertEquals("passwd", SafeFileName.baseName("../../etc/passwd"));
        assertEquals("shadow", SafeFileName.baseName("/etc/shadow"));
        assertEquals("report.pdf", SafeFileName.baseName("C:\\Users\\bob\\report.pdf"));
        assertEquals("a_b_c", SafeFileName.baseName("a\u0007b\nc"));
        assertEquals("file", SafeFileName.baseName(".."));
        assertEquals("file", SafeFileName.baseName(""));
        assertEquals("file", SafeFileName.baseName("dir/"));
        assertEquals("bashrc", SafeFileName.baseName(".bashrc"));
        assertEquals("_[31mred", SafeFileName.baseName("\u001b[31mred")); // no terminal escapes
        assertTrue(SafeFileName.baseName("x".repeat(1000)).length() <= SafeFileName.MAX_BYTES);
    }

    @Test
    void aReceivedFileNeverReplacesOneAlreadyThere() throws Exception {
        Path first = SafeFileName.in(folder, "../notes.txt");
        assertEquals(folder.resolve("notes.txt"), first);
        Files.writeString(first, "mine");
        Path second = SafeFileName.in(folder, "notes.txt");
        assertEquals(folder.resolve("notes (1).txt"), second);
        Files.writeString(second, "theirs");
        assertEquals(folder.resolve("notes (2).txt"), SafeFileName.in(folder, "/tmp/notes.txt"));
        assertEquals("mine", Files.readString(first));
    }
}
