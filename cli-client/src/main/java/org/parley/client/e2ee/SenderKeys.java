package org.parley.client.e2ee;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.client.home.SealedLog;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.protocol.frame.WireJson;

/**
 * The group sender keys this user made and was given, in {@code HOME/groups/NAME.keys}, encrypted
 * at rest like the history: a key made by one run of {@code parley send} serves the next while the
 * group's membership stays the same, and a key given to a {@code listen} that has since exited
 * still opens what comes later. Thread-safe; saving does file I/O, so not for an event loop.
 */
public final class SenderKeys implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One key as stored: ours ({@code from} is us) or a member's. */
    private record Stored(String from, String group, long epoch, byte[] keyId, byte[] key) {
        SenderKey senderKey() {
            return new SenderKey(group, epoch, keyId, key);
        }
    }

    private final SealedLog log;
    private final String me;
    /** Ours, by group: the newest. */
    private final Map<String, SenderKey> own = new HashMap<>();
    /** Members', by sender, group and key id. */
    private final Map<String, SenderKey> given = new HashMap<>();

    private SenderKeys(SealedLog log, String me) {
        this.log = log;
        this.me = me;
    }

    /**
     * @param user the local name, for the file
     * @param me   our qualified name, to tell our keys from members'
     */
    public static SenderKeys load(Path home, String user, String me, IdentityKeys keys) throws IOException {
        SenderKeys store = new SenderKeys(SealedLog.open(home.resolve("groups").resolve(user + ".keys"),
                "sender-keys", user, keys), me);
        store.log.readAll(plaintext -> store.remember(WireJson.mapper().readValue(plaintext, Stored.class)));
        return store;
    }

    /** Our key for {@code group} at {@code epoch}, if we made one. */
    public synchronized Optional<SenderKey> own(String group, long epoch) {
        SenderKey key = own.get(group);
        return key != null && key.epoch() == epoch ? Optional.of(key) : Optional.empty();
    }

    /** Makes and keeps our key for {@code group} at {@code epoch}. */
    public synchronized SenderKey newOwn(String group, long epoch) throws IOException {
        SenderKey key = SenderKey.generate(group, epoch, RANDOM);
        save(new Stored(me, group, epoch, key.keyId(), key.key()));
        return key;
    }

    /** Keeps a key {@code from} gave us. */
    public synchronized void given(String from, SenderKey key) throws IOException {
        if (!given.containsKey(index(from, key.group(), key.keyIdHex()))) {
            save(new Stored(from, key.group(), key.epoch(), key.keyId(), key.key()));
        }
    }

    /** The key {@code from} gave us for {@code group} under {@code keyIdHex}. */
    public synchronized Optional<SenderKey> of(String from, String group, String keyIdHex) {
        return Optional.ofNullable(given.get(index(from, group, keyIdHex)));
    }

    private void save(Stored stored) throws IOException {
        log.append(WireJson.mapper().writeValueAsBytes(stored));
        remember(stored);
    }

    private void remember(Stored stored) {
        SenderKey key = stored.senderKey();
        if (stored.from().equals(me)) {
            own.put(stored.group(), key);
        } else {
            given.put(index(stored.from(), stored.group(), key.keyIdHex()), key);
        }
    }

    private static String index(String from, String group, String keyIdHex) {
        return from + " " + group + " " + keyIdHex;
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
