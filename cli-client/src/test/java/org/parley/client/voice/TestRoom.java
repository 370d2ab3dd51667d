package org.parley.client.voice;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.voice.VoiceKey;

/**
 * One voice room without a node: joins and leaves answered as a room's home answers them (ssrc,
 * epoch, participants, news to the others), tokens admitted at the {@link UdpRelay}, and keys handed
 * from participant to participant after a short delay, as a direct message would take.
 */
final class TestRoom {

    private static final long KEY_DELAY_MILLIS = 40;

    private final Vertx vertx;
    private final String room;
    private final UdpRelay relay;
    private final SecureRandom random = new SecureRandom();
    private final List<VoiceRoom.Participant> participants = new CopyOnWriteArrayList<>();
    private final Map<String, VoiceCall> calls = new ConcurrentHashMap<>();
    /** Keys each user was given: by recipient, then speaker. */
    private final Map<String, Map<String, List<VoiceKey>>> given = new ConcurrentHashMap<>();
    private int nextSsrc = 100;
    private long epoch = 1;

    TestRoom(Vertx vertx, String room, UdpRelay relay) {
        this.vertx = vertx;
        this.room = room;
        this.relay = relay;
    }

    /** What a call of {@code user} uses; {@link #hears} tells the room where their news goes. */
    CallSignalling member(String user) {
        return new CallSignalling() {
            private byte[] token;

            @Override
            public Future<VoiceJoined> join(String target) {
                synchronized (TestRoom.this) {
                    token = new byte[16];
                    random.nextBytes(token);
                    int ssrc = nextSsrc++;
                    relay.admit(token, ssrc);
                    participants.add(new VoiceRoom.Participant(user, ssrc, false));
                    epoch++;
                    announce(user);
                    return Future.succeededFuture(new VoiceJoined("j", room, Base64.getEncoder().encodeToString(token),
                            relay.port(), ssrc, epoch, List.copyOf(participants)));
                }
            }

            @Override
            public Future<VoiceRoom> leave() {
                synchronized (TestRoom.this) {
                    relay.remove(token);
                    participants.removeIf(p -> p.user().equals(user));
                    epoch++;
                    announce(user);
                    return Future.succeededFuture(new VoiceRoom("l", room, epoch, List.copyOf(participants)));
                }
            }

            @Override
            public String nodeHost() {
                return "127.0.0.1";
            }

            @Override
            public Future<Void> give(VoiceKey key, Collection<String> users) {
                Promise<Void> handed = Promise.promise();
                vertx.setTimer(KEY_DELAY_MILLIS, t -> {
                    users.stream().filter(to -> !to.equals(user)).forEach(to -> given
                            .computeIfAbsent(to, k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(key));
                    handed.complete();
                });
                return handed.future();
            }

            @Override
            public Optional<VoiceKey> keyOf(String inRoom, String speaker, byte[] keyId) {
                return given.getOrDefault(user, Map.of()).getOrDefault(speaker, List.of()).stream()
                        .filter(key -> key.room().equals(inRoom) && Arrays.equals(key.keyId(), keyId)).findFirst();
            }
        };
    }

    /** {@code user}'s call hears the room's news from now on. */
    void hears(String user, VoiceCall call) {
        calls.put(user, call);
    }

    private void announce(String changed) {
        VoiceRoom news = new VoiceRoom(null, room, epoch, new ArrayList<>(participants));
        calls.forEach((user, call) -> {
            if (!user.equals(changed)) {
                call.news(news);
            }
        });
    }
}
