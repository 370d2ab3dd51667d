package org.parley.client.home;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.crypto.Hkdf;
import org.parley.protocol.crypto.IdentityKeys;

/**
 * An append-only file of records encrypted at rest: each is sealed on its own with AES-256-GCM
 * (fresh nonce, the file's purpose and user as associated data) under a key derived from the user's
 * private keys, so whoever can read the folder but not the keys (a passphrase protects them) reads
 * nothing, and an altered record is refused, not used. A record cut short by a crash is skipped.
 * Thread-safe; does file I/O, so not for an event loop.
 */
public final class SealedLog implements AutoCloseable {

    /** What reads each record, in order. */
    public interface Reader {
        void read(byte[] plaintext) throws IOException;
    }

    /** Work done while holding the log's lock. */
    public interface Locked<T> {
        T run() throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Larger than any message a node carries, so a damaged length cannot make us allocate gigabytes. */
    private static final int MAX_RECORD = 16 << 20;

    private final Path file;
    private final byte[] key;
    private final byte[] associatedData;
    private OutputStream out;

    private SealedLog(Path file, byte[] key, byte[] associatedData) {
        this.file = file;
        this.key = key;
        this.associatedData = associatedData;
    }

    /**
     * The log at {@code file} of {@code user} (the local name), readable with {@code keys} only.
     *
     * @param purpose names what it holds ({@code history}); logs of different purposes have different keys
     */
    public static SealedLog open(Path file, String purpose, String user, IdentityKeys keys) {
        byte[] secret = ByteBuffer.allocate(64).put(keys.signingPrivate()).put(keys.agreementPrivate()).array();
        byte[] salt = ("parley-" + purpose + "-v1").getBytes(StandardCharsets.UTF_8);
        byte[] key = Hkdf.sha256(secret, salt, user.getBytes(StandardCharsets.UTF_8), AesGcm.KEY_BYTES);
        return new SealedLog(file, key, ("parley " + purpose + " of " + user).getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void append(byte[] plaintext) throws IOException {
        byte[] nonce = new byte[AesGcm.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = AesGcm.encrypt(key, nonce, associatedData, plaintext);
        if (out == null) {
            out = PrivateFiles.append(file);
        }
        out.write(ByteBuffer.allocate(4 + nonce.length + sealed.length)
                .putInt(nonce.length + sealed.length).put(nonce).put(sealed).array());
        out.flush();
    }

    /**
     * Hands every record to {@code reader}, oldest first.
     *
     * @throws IOException if a record does not open: the file was altered, or the keys are not its owner's
     */
    public synchronized void readAll(Reader reader) throws IOException {
        readFrom(0, reader);
    }

    /**
     * Runs {@code work} holding an exclusive lock on this log, against other processes with the same
     * home (an interactive session and a script of the same user) as well as other threads.
     */
    public synchronized <T> T locked(Locked<T> work) throws IOException {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        PrivateFiles.append(lock).close(); // owner-only, like the log
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            return work.run();
        }
    }

    /**
     * Hands the records from byte {@code offset} on to {@code reader}, oldest first, and returns the
     * offset past the last whole one. A record cut short by a crash at the end is cut off the file
     * when called under {@link #locked}, so what is appended next is read whole.
     *
     * @throws IOException if a record does not open: the file was altered, or the keys are not its owner's
     */
    public synchronized long readFrom(long offset, Reader reader) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long at = offset;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            in.skipNBytes(offset);
            while (true) {
                int length;
                byte[] record;
                try {
                    length = in.readInt();
                    if (length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES || length > MAX_RECORD) {
                        throw new IOException(file + " is damaged (a record of " + length + " bytes)");
                    }
                    record = in.readNBytes(length);
                    if (record.length < length) {
                        break; // the last append was cut short by a crash
                    }
                } catch (EOFException end) {
                    break;
                }
                reader.read(open(record));
                at += 4 + length;
            }
        }
        return at;
    }

    /** Cuts what follows {@code length} (a record cut short by a crash) off the file; call under {@link #locked}. */
    public synchronized void truncate(long length) throws IOException {
        if (Files.exists(file) && Files.size(file) > length) {
            if (out != null) {
                out.close();
                out = null;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
        }
    }

    /** Bytes in the file now. */
    public synchronized long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private byte[] open(byte[] record) throws IOException {
        try {
            return AesGcm.decrypt(key, Arrays.copyOf(record, AesGcm.NONCE_BYTES), associatedData,
                    Arrays.copyOfRange(record, AesGcm.NONCE_BYTES, record.length));
        } catch (AesGcm.AuthenticationException e) {
            throw new IOException(file + " has an entry that does not open with these keys: it was altered, or it"
                    + " is another identity's");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
