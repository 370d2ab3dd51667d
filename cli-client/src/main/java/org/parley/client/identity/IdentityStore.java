package org.parley.client.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.parley.client.home.PrivateFiles;
import org.parley.protocol.crypto.Argon2id;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.identity.Name;

/**
 * A user's long-term keys in {@code HOME/identities/NAME.json}, made on first use. The folder is
 * private to the owner (700) and each key file readable only by the owner (600). The private keys
 * are either stored as they are or sealed under a passphrase (Argon2id and AES-256-GCM, see
 * {@link KeyLock}), so a copied home folder does not give the keys away.
 */
public final class IdentityStore {

    /** Tries a person at a terminal gets before the command gives up, as ssh and gpg allow. */
    private static final int ATTEMPTS = 3;
    private static final int KEY_BYTES = 32;

    private final Path home;
    private final KeyLock lock;

    public IdentityStore(Path home) {
        this(home, Argon2id.Cost.FOR_KEYS);
    }

    IdentityStore(Path home, Argon2id.Cost cost) {
        this.home = home;
        this.lock = new KeyLock(cost, new SecureRandom());
    }

    public Path file(String user) {
        Name.require(user, "user name");
        return home.resolve("identities").resolve(user + ".json");
    }

    /** Whether the user's keys exist and are sealed under a passphrase. */
    public boolean isProtected(String user) throws IOException {
        Path file = file(user);
        return Files.exists(file) && WireJson.mapper().readTree(file.toFile()).has("lock");
    }

    /**
     * The user's keys, opened with a passphrase from {@code passphrases} if they are sealed, or
     * created and saved if this is the first time (sealed if a passphrase is given up front).
     *
     * @throws KeysLockedException if the keys are sealed and no passphrase given opens them
     */
    public IdentityKeys loadOrCreate(String user, PassphraseSource passphrases) throws IOException {
        Path file = file(user);
        if (Files.exists(file)) {
            return read(user, file, passphrases);
        }
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        Path temporary = PrivateFiles.writeTemporary(file, encode(user, keys, passphrases.given()));
        try {
            // A concurrent first run for the same user must not leave two identities behind.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            return read(user, file, passphrases);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return keys;
    }

    /** Rewrites the key file in one step: sealed under {@code passphrase}, or as they are if empty. */
    public void save(String user, IdentityKeys keys, Optional<String> passphrase) throws IOException {
        PrivateFiles.writeAtomically(file(user), encode(user, keys, passphrase));
    }

    private byte[] encode(String user, IdentityKeys keys, Optional<String> passphrase) throws IOException {
        ObjectNode json = WireJson.mapper().createObjectNode().put("user", user);
        if (passphrase.isPresent()) {
            json.set("lock", lock.seal(passphrase.get(), concat(keys.signingPrivate(), keys.agreementPrivate()),
                    associatedData(user)));
        } else {
            json.put("signingPrivateKey", Base64Key.encode(keys.signingPrivate()))
                    .put("agreementPrivateKey", Base64Key.encode(keys.agreementPrivate()));
        }
        return WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    }

    private static IdentityKeys read(String user, Path file, PassphraseSource passphrases) throws IOException {
        JsonNode json = WireJson.mapper().readTree(file.toFile());
        try {
            if (!json.has("lock")) {
                return new IdentityKeys(
                        Base64Key.decode(json.path("signingPrivateKey").asText(null), KEY_BYTES, "signingPrivateKey"),
                        Base64Key.decode(json.path("agreementPrivateKey").asText(null), KEY_BYTES, "agreementPrivateKey"));
            }
            byte[] secret = unlock(user, file, json.get("lock"), passphrases);
            if (secret.length != 2 * KEY_BYTES) {
                throw new IllegalArgumentException("sealed keys have " + secret.length + " bytes");
            }
            return new IdentityKeys(Arrays.copyOf(secret, KEY_BYTES), Arrays.copyOfRange(secret, KEY_BYTES, 2 * KEY_BYTES));
        } catch (IllegalArgumentException e) {
            throw new IOException("identity file " + file + " is damaged: " + e.getMessage());
        }
    }

    private static byte[] unlock(String user, Path file, JsonNode sealed, PassphraseSource passphrases)
            throws IOException {
        Optional<String> given = passphrases.given();
        if (given.isPresent()) {
            try {
                return KeyLock.open(given.get(), sealed, associatedData(user));
            } catch (WrongPassphraseException e) {
                throw new KeysLockedException("wrong passphrase for " + user + "'s keys in " + file);
            }
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<String> typed = passphrases.ask((attempt == 1 ? "" : "Wrong passphrase, try again. ")
                    + "Passphrase for " + user + "'s keys: ");
            if (typed.isEmpty()) {
                break;
            }
            try {
                return KeyLock.open(typed.get(), sealed, associatedData(user));
            } catch (WrongPassphraseException e) {
                if (attempt == ATTEMPTS) {
                    throw new KeysLockedException("wrong passphrase for " + user + "'s keys, " + ATTEMPTS
                            + " times; giving up");
                }
            }
        }
        throw new KeysLockedException(user + "'s keys in " + file + " are protected by a passphrase: give it with"
                + " --passphrase-file FILE or the PARLEY_PASSPHRASE environment variable, or run in a terminal");
    }

    /** Binds the sealed keys to their owner's name, so a lock copied into another user's file does not open. */
    private static byte[] associatedData(String user) {
        return ("parley identity keys of " + user).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
