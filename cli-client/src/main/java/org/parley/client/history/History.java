package org.parley.client.history;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.parley.client.home.PrivateFiles;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.Hkdf;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;

/**
 * This user's conversations in {@code HOME/history/NAME.log}, encrypted at rest: each entry is
 * sealed on its own with AES-256-GCM (fresh nonce, the user's name as associated data) under a key
 * derived from the user's private keys, so whoever can read the folder but not the keys (a
 * passphrase protects them) reads nothing, and an altered entry is refused, not shown. Appends
 * only; a record cut short by a crash is skipped. Thread-safe; does file I/O, so not for an event loop.
 */
public final class History implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SALT = "parley-history-v1".getBytes(StandardCharsets.UTF_8);
    /** Larger than any message a node carries, so a damaged length cannot make us allocate gigabytes. */
    private static final int MAX_RECORD = 16 << 20;

    private final Path file;
    private final byte[] key;
    private final byte[] associatedData;
    private OutputStream out;

    private History(Path file, byte[] key, String user) {
        this.file = file;
        this.key = key;
        this.associatedData = ("parley history of " + user).getBytes(StandardCharsets.UTF_8);
    }

    /** The history of {@code user} (the local name), readable with {@code keys} only. */
    public static History open(Path home, String user, IdentityKeys keys) {
        byte[] secret = ByteBuffer.allocate(64).put(keys.signingPrivate()).put(keys.agreementPrivate()).array();
        byte[] key = Hkdf.sha256(secret, SALT, user.getBytes(StandardCharsets.UTF_8), AesGcm.KEY_BYTES);
        return new History(home.resolve("history").resolve(user + ".log"), key, user);
    }

    public synchronized void append(HistoryEntry entry) throws IOException {
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = AesGcm.encrypt(key, nonce, associatedData, WireJson.mapper().writeValueAsBytes(entry));
        if (out == null) {
            out = PrivateFiles.append(file);
        }
        out.write(ByteBuffer.allocate(4 + nonce.length + sealed.length)
                .putInt(nonce.length + sealed.length).put(nonce).put(sealed).array());
        out.flush();
    }

    /**
     * The last {@code limit} entries with {@code peer}, oldest first. {@code peer} is {@code bob@node-b},
     * or {@code bob} for a bob of any node.
     *
     * @throws IOException if an entry does not open: the file was altered, or the keys are not its owner's
     */
    public synchronized List<HistoryEntry> with(String peer, int limit) throws IOException {
        Deque<HistoryEntry> last = new ArrayDeque<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            while (true) {
                int length;
                byte[] record;
                try {
                    length = in.readInt();
                    if (length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES || length > MAX_RECORD) {
                        throw new IOException("history file " + file + " is damaged (a record of " + length
                                + " bytes)");
                    }
                    record = in.readNBytes(length);
                    if (record.length < length) {
                        break; // the last append was cut short by a crash
                    }
                } catch (EOFException end) {
                    break;
                }
                HistoryEntry entry = decode(record);
                if (matches(entry.peer(), peer)) {
                    last.addLast(entry);
                    if (last.size() > limit) {
                        last.removeFirst();
                    }
                }
            }
        }
        return new ArrayList<>(last);
    }

    private HistoryEntry decode(byte[] record) throws IOException {
        try {
            byte[] plaintext = AesGcm.decrypt(key, java.util.Arrays.copyOf(record, AesGcm.NONCE_BYTES), associatedData,
                    java.util.Arrays.copyOfRange(record, AesGcm.NONCE_BYTES, record.length));
            return WireJson.mapper().readValue(plaintext, HistoryEntry.class);
        } catch (AesGcm.AuthenticationException e) {
            throw new IOException("history file " + file + " has an entry that does not open with these keys:"
                    + " it was altered, or it is another identity's");
        }
    }

    private static boolean matches(String entryPeer, String asked) {
        return asked.contains("@") ? entryPeer.equals(asked) : entryPeer.startsWith(asked + "@");
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
