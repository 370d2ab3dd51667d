package org.parley.client.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.IdentityKeys;

class HistoryTest {

    @TempDir
    Path home;

    private final IdentityKeys keys = IdentityKeys.generate(new SecureRandom());

    private static HistoryEntry from(String peer, String text, long at) {
        return new HistoryEntry("id-" + at, "alice@node-a", peer, false, text, at);
    }

    private Path file() {
        return home.resolve("history").resolve("alice.log");
    }

    @Test
    void entriesComeBackPerPeerOldestFirstTheNewestNOnly() throws Exception {
        try (History history = History.open(home, "alice", keys)) {
            history.append(from("bob@node-b", "one", 1));
            history.append(from("carol@node-a", "not bob", 2));
            history.append(new HistoryEntry("id-3", "alice@node-a", "bob@node-b", true, "two", 3));
            history.append(from("bob@node-b", "three", 4));
        }
        try (History reopened = History.open(home, "alice", keys)) {
            assertEquals(List.of("one", "two", "three"),
                    reopened.with("bob@node-b", 10).stream().map(HistoryEntry::text).toList());
            assertEquals(List.of("two", "three"), reopened.with("bob", 2).stream().map(HistoryEntry::text).toList());
            assertEquals(List.of(), reopened.with("dave", 10));
        }
    }

    @Test
    void nothingIsReadableOnDiskAndTheFileIsTheOwnersOnly() throws Exception {
        try (History history = History.open(home, "alice", keys)) {
            history.append(from("bob@node-b", "the secret plan", 1));
        }
        String raw = new String(Files.readAllBytes(file()), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("secret"), raw);
        assertFalse(raw.contains("bob"), raw);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void anAlteredByteOrSomeoneElsesKeysAreRefusedNotShown() throws Exception {
        try (History history = History.open(home, "alice", keys)) {
            history.append(from("bob@node-b", "hello", 1));
        }
        try (History stranger = History.open(home, "alice", IdentityKeys.generate(new SecureRandom()))) {
            IOException refused = assertThrows(IOException.class, () -> stranger.with("bob", 10));
            assertTrue(refused.getMessage().contains("does not open"), refused.getMessage());
        }
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length - 3] ^= 1;
        Files.write(file(), bytes);
        try (History history = History.open(home, "alice", keys)) {
            assertThrows(IOException.class, () -> history.with("bob", 10));
        }
    }

    @Test
    void aRecordCutShortByACrashIsSkippedAndTheRestKept() throws Exception {
        keptThenOneCutShortByACrash();

        try (History history = History.open(home, "alice", keys)) {
            assertEquals(List.of("kept"), history.with("bob", 10).stream().map(HistoryEntry::text).toList());
        }
    }

    @Test
    void twoSessionsOfOneUserInOneHomeWriteEachMessageOnce() throws Exception {
        // GIVEN the shell and a script of alice, each with the history open, both receiving bob's messages
        try (History shell = History.open(home, "alice", keys);
             History script = History.open(home, "alice", keys)) {
            assertTrue(shell.append(from("bob@node-b", "one", 1)));
            assertFalse(script.append(from("bob@node-b", "one", 1)), "the script wrote it again");
            assertTrue(script.append(from("bob@node-b", "two", 2)));
            assertFalse(shell.append(from("bob@node-b", "two", 2)), "the shell wrote it again");
            // an answer with the same id as a message received is another entry
            assertTrue(shell.append(new HistoryEntry("id-2", "alice@node-a", "bob@node-b", true, "re", 3)));
        }
        try (History history = History.open(home, "alice", keys)) {
            assertEquals(List.of("one", "two", "re"), history.with("bob", 10).stream().map(HistoryEntry::text).toList());
        }
    }

    @Test
    void whatIsAppendedAfterARecordCutShortByACrashIsReadWhole() throws Exception {
        keptThenOneCutShortByACrash();

        try (History history = History.open(home, "alice", keys)) {
            history.append(from("bob@node-b", "after", 3));
        }
        try (History history = History.open(home, "alice", keys)) {
            assertEquals(List.of("kept", "after"), history.with("bob", 10).stream().map(HistoryEntry::text).toList());
        }
    }

    /** "kept", then "cut" with its last bytes gone, as a crash in the middle of an append leaves it. */
    private void keptThenOneCutShortByACrash() throws IOException {
        try (History history = History.open(home, "alice", keys)) {
            history.append(from("bob@node-b", "kept", 1));
            history.append(from("bob@node-b", "cut", 2));
        }
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 5));
    }
}
