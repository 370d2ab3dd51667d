package org.parley.client.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.Argon2id;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;

class IdentityStoreTest {

    /** Cheap Argon2id: these tests check the sealing, not its cost. */
    private static final Argon2id.Cost CHEAP = new Argon2id.Cost(256, 1, 1);

    @TempDir
    Path home;

    private IdentityStore store() {
        return new IdentityStore(home, CHEAP);
    }

    /** A passphrase given up front, and a terminal nobody types at. */
    private static PassphraseSource given(String passphrase) {
        return new PassphraseSource() {
            @Override
            public Optional<String> given() {
                return Optional.of(passphrase);
            }

            @Override
            public Optional<String> ask(String prompt) {
                throw new AssertionError("asked at the terminal although a passphrase was given");
            }
        };
    }

    /** Nothing given up front; a person types {@code answers} in turn, then nothing. */
    private static final class Typist implements PassphraseSource {
        final Deque<String> answers;
        final List<String> prompts = new ArrayList<>();

        Typist(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public Optional<String> given() {
            return Optional.empty();
        }

        @Override
        public Optional<String> ask(String prompt) {
            prompts.add(prompt);
            return Optional.ofNullable(answers.poll());
        }
    }

    private String fileText() throws IOException {
        return Files.readString(store().file("alice"));
    }

    @Test
    void keysMadeWithoutAPassphraseAreStoredAsTheyAreOwnerOnly() throws Exception {
        IdentityKeys keys = store().loadOrCreate("alice", PassphraseSource.NONE);

        assertFalse(store().isProtected("alice"));
        assertTrue(fileText().contains(Base64Key.encode(keys.signingPrivate())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file("alice"))));
        assertEquals(keys, store().loadOrCreate("alice", PassphraseSource.NONE));
    }

    @Test
    void keysMadeWithAPassphraseAreSealedAndOpenOnlyWithIt() throws Exception {
        IdentityKeys keys = store().loadOrCreate("alice", given("correct horse battery"));

        assertTrue(store().isProtected("alice"));
        String text = fileText();
        assertFalse(text.contains(Base64Key.encode(keys.signingPrivate())), text);
        assertFalse(text.contains(Base64Key.encode(keys.agreementPrivate())), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file("alice"))));

        IdentityKeys opened = store().loadOrCreate("alice", given("correct horse battery"));
        assertArrayEquals(keys.signingPrivate(), opened.signingPrivate());
        assertArrayEquals(keys.agreementPrivate(), opened.agreementPrivate());

        KeysLockedException wrong = assertThrows(KeysLockedException.class,
                () -> store().loadOrCreate("alice", given("correct horse staple")));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        KeysLockedException none = assertThrows(KeysLockedException.class,
                () -> store().loadOrCreate("alice", PassphraseSource.NONE));
        assertTrue(none.getMessage().contains("PARLEY_PASSPHRASE"), none.getMessage());
        assertTrue(none.getMessage().contains("--passphrase-file"), none.getMessage());
    }

    @Test
    void theSealRecordsItsCostSoStrongerCostsCanComeLater() throws Exception {
        store().loadOrCreate("alice", given("correct horse battery"));

        var lock = WireJson.mapper().readTree(store().file("alice").toFile()).get("lock");
        assertEquals("argon2id", lock.get("kdf").asText());
        assertEquals(256, lock.get("memoryKiB").asInt());
        assertEquals("aes-256-gcm", lock.get("cipher").asText());
        // A store with the default (costlier) settings still opens it.
        new IdentityStore(home).loadOrCreate("alice", given("correct horse battery"));
    }

    @Test
    void aPersonAtTheTerminalGetsThreeTries() throws Exception {
        IdentityKeys keys = store().loadOrCreate("alice", given("correct horse battery"));

        Typist secondTime = new Typist("typo", "correct horse battery");
        assertEquals(keys, store().loadOrCreate("alice", secondTime));
        assertEquals(List.of("Passphrase for alice's keys: ",
                "Wrong passphrase, try again. Passphrase for alice's keys: "), secondTime.prompts);

        Typist neverRight = new Typist("one", "two", "three", "correct horse battery");
        KeysLockedException refused = assertThrows(KeysLockedException.class,
                () -> store().loadOrCreate("alice", neverRight));
        assertEquals(3, neverRight.prompts.size());
        assertTrue(refused.getMessage().contains("3 times"), refused.getMessage());
    }

    @Test
    void aSealCopiedIntoAnotherUsersFileDoesNotOpen() throws Exception {
        store().loadOrCreate("alice", given("correct horse battery"));
        Files.writeString(store().file("mallory"), fileText().replace("\"alice\"", "\"mallory\""));

        assertThrows(KeysLockedException.class, () -> store().loadOrCreate("mallory", given("correct horse battery")));
    }

    @Test
    void oneFlippedByteOfTheSealIsRefused() throws Exception {
        store().loadOrCreate("alice", given("correct horse battery"));
        ObjectNode json = (ObjectNode) WireJson.mapper().readTree(store().file("alice").toFile());
        ObjectNode lock = (ObjectNode) json.get("lock");
        byte[] sealed = java.util.Base64.getDecoder().decode(lock.get("ciphertext").asText());
        sealed[5] ^= 1;
        lock.put("ciphertext", java.util.Base64.getEncoder().encodeToString(sealed));
        Files.write(store().file("alice"), WireJson.mapper().writeValueAsBytes(json));

        assertThrows(KeysLockedException.class, () -> store().loadOrCreate("alice", given("correct horse battery")));
    }

    @Test
    void aDamagedCostIsRefusedBeforeAnyWorkIsDone() throws Exception {
        store().loadOrCreate("alice", given("correct horse battery"));
        Files.writeString(store().file("alice"), fileText().replace("\"memoryKiB\" : 256", "\"memoryKiB\" : 2147483647"));

        IOException damaged = assertThrows(IOException.class,
                () -> store().loadOrCreate("alice", given("correct horse battery")));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
    }

    @Test
    void savingWithoutAPassphraseRemovesTheSealAndWithOneAddsIt() throws Exception {
        IdentityKeys keys = store().loadOrCreate("alice", PassphraseSource.NONE);

        store().save("alice", keys, Optional.of("a new passphrase"));
        assertTrue(store().isProtected("alice"));
        assertEquals(keys, store().loadOrCreate("alice", given("a new passphrase")));

        store().save("alice", keys, Optional.empty());
        assertFalse(store().isProtected("alice"));
        assertEquals(keys, store().loadOrCreate("alice", PassphraseSource.NONE));
    }

    @Test
    void composedAndDecomposedAccentsAreTheSamePassphrase() throws Exception {
        IdentityKeys keys = store().loadOrCreate("alice", given("caf\u00e9 au lait"));

        assertEquals(keys, store().loadOrCreate("alice", given("cafe\u0301 au lait")));
    }
}
