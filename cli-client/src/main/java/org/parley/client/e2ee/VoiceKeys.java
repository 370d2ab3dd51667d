package org.parley.client.e2ee;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.voice.VoiceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice room keys over the end-to-end encrypted direct messages: ours handed to a room's other
 * participants (as group sender keys are, through {@link KeyHandover}), and theirs kept as they
 * arrive, by room, speaker and key id, for the call to open their frames with. In memory only: a
 * key serves one epoch of one call. Thread-safe.
 *
 * <p>A room's name depends on who names it: a group's is the same for all, but in a call each side
 * names the room by the other party. A key carries the room as its maker names it, so a call's key
 * must name us, and is filed under its maker's address, which is how we name that call.
 */
public final class VoiceKeys {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceKeys.class);
    /** Keys kept per speaker and room: the newest few, for frames sealed just before an epoch changed. */
    private static final int KEPT_PER_SPEAKER = 4;

    private final KeyHandover handover;
    private final Supplier<String> self;
    /** By room and speaker, oldest first. Guarded by this. */
    private final Map<String, Deque<VoiceKey>> keys = new HashMap<>();

    VoiceKeys(KeyHandover handover, Supplier<String> self) {
        this.handover = handover;
        this.self = self;
    }

    /** Gives our {@code key} to each of {@code participants} but us; completes when our node accepted them all. */
    public Future<Void> give(VoiceKey key, Collection<String> participants) {
        return handover.give(participants, key.toPlaintext(), "voice key of " + key.room());
    }

    /** The key {@code speaker} gave us for {@code room} (as we name it) under {@code keyId}, if it came. */
    public synchronized Optional<VoiceKey> of(String room, String speaker, byte[] keyId) {
        Deque<VoiceKey> kept = keys.get(index(room, speaker));
        if (kept == null) {
            return Optional.empty();
        }
        return kept.stream().filter(key -> Arrays.equals(key.keyId(), keyId)).findFirst();
    }

    /** Keeps the key {@code from} gave us in a direct message. */
    synchronized void taken(String from, VoiceKey key) {
        String room = key.room();
        if (!GroupAddress.isGroup(room)) {
            if (!room.equals(self.get())) {
                LOG.warn("Ignored a voice key from {} for the call with {}: a call's key names its recipient", from,
                        room);
                return;
            }
            room = from;
        }
        Deque<VoiceKey> kept = keys.computeIfAbsent(index(room, from), k -> new ArrayDeque<>());
        if (kept.stream().noneMatch(key::equals)) {
            kept.addLast(key);
            if (kept.size() > KEPT_PER_SPEAKER) {
                kept.removeFirst();
            }
        }
    }

    private static String index(String room, String speaker) {
        return room + " " + speaker;
    }
}
