package org.parley.client.voice;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Optional;
import org.parley.client.e2ee.Messenger;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.voice.VoiceKey;

/**
 * What a call needs besides its UDP socket: the node's answers about the room (join, leave) and the
 * keys that travel in end-to-end encrypted direct messages. {@link #of(Messenger)} is the real one;
 * tests play rooms without a node through it.
 */
public interface CallSignalling {

    Future<VoiceJoined> join(String target);

    Future<VoiceRoom> leave();

    /** Where the node's voice port is. */
    String nodeHost();

    /** Hands our key to {@code users} (but us); completes once each is on its way. */
    Future<Void> give(VoiceKey key, Collection<String> users);

    /** The key {@code speaker} gave us for {@code room} (as we name it) under {@code keyId}. */
    Optional<VoiceKey> keyOf(String room, String speaker, byte[] keyId);

    /** Through our node and the end-to-end encrypted messages of {@code messenger}. */
    static CallSignalling of(Messenger messenger) {
        return new CallSignalling() {
            @Override
            public Future<VoiceJoined> join(String target) {
                return messenger.session().voiceJoin(target);
            }

            @Override
            public Future<VoiceRoom> leave() {
                return messenger.session().voiceLeave();
            }

            @Override
            public String nodeHost() {
                return messenger.session().nodeHost();
            }

            @Override
            public Future<Void> give(VoiceKey key, Collection<String> users) {
                return messenger.voiceKeys().give(key, users);
            }

            @Override
            public Optional<VoiceKey> keyOf(String room, String speaker, byte[] keyId) {
                return messenger.voiceKeys().of(room, speaker, keyId);
            }
        };
    }
}
