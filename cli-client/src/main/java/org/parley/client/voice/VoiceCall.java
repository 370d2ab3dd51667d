package org.parley.client.voice;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.parley.client.e2ee.VoiceKeys;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.voice.VoicePacket;
import org.parley.protocol.voice.VoiceSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stay in a voice room (docs/PROTOCOL.md, "Voice"), from {@code voice-join} to leaving. A clock
 * thread of its own ticks every 20 ms at a fixed rate, so a 10 s file takes 10 s to send and the
 * output runs at wall-clock time: at each tick it sends the next encoded frame sealed under our key,
 * takes what the socket received (opened, checked against replays, into each speaker's jitter
 * buffer), plays one frame per speaker, mixes them and writes the mix (silence when nobody speaks).
 * It keeps the node's latch on our address with a keepalive at once and every 5 s.
 *
 * <p>Keys: at the joining epoch and at every epoch after (someone joined or left), we make a new
 * {@link VoiceKey} and hand it to that epoch's other participants in sealed direct messages; our
 * frames are sealed under it once our node has accepted those messages, and until then under the
 * previous one (at the start: nothing is sent until then). Their keys reach us the same way
 * ({@link VoiceKeys}). All of the call's state is confined to the clock thread; news from the node
 * and keys handed over reach it through a queue and a volatile field.
 */
public final class VoiceCall {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceCall.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEEPALIVE_TICKS = 5 * VoiceFormat.FRAMES_PER_SECOND;
    /** Speakers the room's news has not named yet are heard up to this many (a node cannot make us keep more). */
    private static final int MAX_SPEAKERS = 64;
    private static final short[] SILENCE = new short[VoiceFormat.FRAME_SAMPLES];
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(VoiceFormat.FRAME_MILLIS);

    private final Vertx vertx;
    private final CallSignalling signalling;
    private final CallMedia media;
    private final Capture capture;
    /** The tick at which the call ends by itself; -1 for the input's end, or never. */
    private final long endTick;
    private final Consumer<String> say;
    private final Queue<VoiceRoom> news = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-voice-clock");
        thread.setDaemon(true);
        return thread;
    });
    private final Promise<String> ended = Promise.promise();
    private final Promise<CallReport> report = Promise.promise();
    private final AtomicBoolean leaving = new AtomicBoolean();
    /** Our key that frames are sealed under now; null until the first one was handed over. */
    private volatile VoiceKey sealing;

    // Set once at joining, before the clock starts.
    private String room;
    private int ssrc;
    private VoiceSocket socket;
    private ScheduledFuture<?> ticking;

    // The clock thread's.
    private final Map<Integer, Speaker> speakers = new LinkedHashMap<>();
    private final Map<Integer, String> lastUsers = new LinkedHashMap<>();
    /** Everyone heard in this call, by ssrc, for the report; ssrcs are never reused in a room. */
    private final Map<Integer, String> names = new LinkedHashMap<>();
    /** Speakers who left, whose last frames have played out. */
    private final List<SpeakerStats> departed = new ArrayList<>();
    private long epoch;
    private long tick;
    /** When the first tick was due; tick n is due {@code n - 1} periods later. */
    private long clockStart;
    private long sent;
    private long sendingFrom = -1;

    /**
     * @param seconds how long to stay; null: until the input ends, or until {@link #leave} for a
     *                microphone or no input
     * @param say     where to say who joins and leaves, and what went wrong
     */
    public VoiceCall(Vertx vertx, CallSignalling signalling, CallMedia media, Integer seconds, Consumer<String> say) {
        this.vertx = vertx;
        this.signalling = signalling;
        this.media = media;
        this.capture = media.capture();
        this.endTick = seconds == null ? -1 : (long) seconds * VoiceFormat.FRAMES_PER_SECOND;
        this.say = say;
    }

    /** News of a voice room from the node; the call's own room's is acted on, in order, at the next tick. */
    public void news(VoiceRoom room) {
        news.add(room);
    }

    /** Joins {@code target} ({@code #team@node-a} or {@code bob@node-b}) and starts sending and hearing. */
    public Future<VoiceCall> join(String target) {
        return signalling.join(target).compose(joined -> {
            byte[] token;
            try {
                token = Base64.getDecoder().decode(joined.token());
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("the node gave a voice token that is not base64"));
            }
            return VoiceSocket.open(vertx, signalling.nodeHost(), joined.port(), token)
                    .recover(e -> signalling.leave().transform(left -> Future.failedFuture(new IllegalStateException(
                            "cannot open a UDP socket for voice: " + e.getMessage()))))
                    .map(opened -> start(joined, opened));
        });
    }

    private VoiceCall start(VoiceJoined joined, VoiceSocket opened) {
        room = joined.room();
        ssrc = joined.ssrc();
        socket = opened;
        epoch = joined.epoch();
        Map<Integer, String> participants = users(joined.participants());
        lastUsers.putAll(participants);
        names.putAll(participants);
        rekey(epoch, participants.values());
        List<String> others = participants.entrySet().stream().filter(p -> p.getKey() != ssrc)
                .map(Map.Entry::getValue).toList();
        say.accept("joined " + room + " (you are ssrc " + Integer.toUnsignedString(ssrc) + "); "
                + (others.isEmpty() ? "nobody else is here yet" : "here: " + String.join(", ", others)));
        if (capture != null) {
            capture.onEncoded(this::sendSoon);
            capture.start();
        }
        clockStart = System.nanoTime();
        ticking = clock.scheduleAtFixedRate(this::tick, 0, VoiceFormat.FRAME_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Completes with why, once the call ended by itself (its input or its time is over) or {@link #leave} was called. */
    public Future<String> ended() {
        return ended.future();
    }

    /** The room as the node names it to us, once joined. */
    public String room() {
        return room;
    }

    /**
     * Leaves: stops the clock and the input, closes the files, tells the node; completes with what the
     * call did. Safe to call more than once, from any thread but the clock's.
     */
    public Future<CallReport> leave(String why) {
        ended.tryComplete(why);
        if (!leaving.compareAndSet(false, true)) {
            return report.future();
        }
        if (ticking != null) {
            ticking.cancel(false);
        }
        clock.execute(this::finish);
        clock.shutdown();
        return report.future().compose(done -> (socket == null ? Future.<Void>succeededFuture() : socket.close())
                .transform(closed -> signalling.leave())
                .transform(left -> Future.succeededFuture(done)));
    }

    /** A live frame was encoded: it leaves now, on the clock thread, not at the next tick. */
    private void sendSoon() {
        try {
            clock.execute(() -> {
                if (!ended.future().isComplete()) {
                    send();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException leaving) {
            // the call is over; its last frames stay unsent
        }
    }

    private void tick() {
        if (ended.future().isComplete()) {
            // the clock runs until leaving cancels it, and on a busy machine it runs late ticks back to
            // back: without this, "--seconds 9" wrote a few frames more than 9 s
            return;
        }
        try {
            tick++;
            applyNews();
            if ((tick - 1) % KEEPALIVE_TICKS == 0) {
                socket.keepalive();
            }
            send();
            socket.drain(clockStart + (tick - 1) * TICK_NANOS, this::arrived);
            long turn = System.nanoTime();
            List<short[]> voices = new ArrayList<>(speakers.size());
            for (var it = speakers.entrySet().iterator(); it.hasNext(); ) {
                var speaker = it.next();
                short[] frame = speaker.getValue().playout();
                if (frame != null) {
                    voices.add(frame);
                } else if (!lastUsers.containsKey(speaker.getKey())) {
                    departed.add(speaker.getValue().stats(names.get(speaker.getKey())));
                    it.remove(); // they left, and what they said before has played
                }
            }
            media.sink().write(voices.isEmpty() ? SILENCE : Mixdown.mix(voices));
            timePlayed(turn);
            String over = over();
            if (over != null) {
                ended.tryComplete(over);
            }
        } catch (Exception | LinkageError e) {
            LOG.warn("Voice call in {} stopped: {}", room, e.toString());
            ended.tryComplete("it failed: " + e.getMessage());
        }
    }

    private void timePlayed(long turn) {
        FrameTimings timings = media.timings();
        if (timings == FrameTimings.NONE) {
            return;
        }
        long written = System.nanoTime();
        speakers.forEach((number, speaker) -> {
            if (speaker.playedNow() >= 0) {
                timings.played(number, speaker.playedNow(), turn, written);
            }
        });
    }

    /**
     * Sends every frame the capture has ready: of a file read ahead, only those due by now (one per
     * tick since sending began); of a live source, which paces itself, all of them.
     */
    private void send() {
        VoiceKey key = sealing;
        if (capture == null) {
            return;
        }
        if (key == null) {
            if (capture.live()) {
                // what is said before our key reached the others goes unheard: kept, it would come late
                // all at once and delay everything after it by as much
                while (capture.poll() != null) {
                    // dropped
                }
            }
            return;
        }
        if (sendingFrom < 0) {
            if (!capture.ready()) {
                return;
            }
            sendingFrom = tick;
        }
        long due = capture.live() ? Long.MAX_VALUE : tick - sendingFrom + 1;
        while (sent < due) {
            Capture.Encoded frame = capture.poll();
            if (frame == null) {
                return;
            }
            byte[] sealed = VoiceSeal.seal(key, ssrc, sent, frame.opus());
            // timed before the send: after it, this thread may run late enough to see the frame arrive first
            media.timings().sent(sent, frame.captured(), System.nanoTime());
            socket.send(ssrc, sent, sealed);
            sent++;
        }
    }

    private void arrived(VoicePacket packet, long at) {
        int from = packet.ssrc();
        if (from == ssrc) {
            return;
        }
        Speaker speaker = speakers.get(from);
        if (speaker == null) {
            if (speakers.size() >= MAX_SPEAKERS || names.containsKey(from) && !lastUsers.containsKey(from)) {
                return; // too many strangers, or a straggler from someone who left
            }
            speaker = new Speaker(from, keyId -> keyOf(from, keyId));
            speakers.put(from, speaker);
        }
        media.timings().arrived(from, packet.seq(), at);
        speaker.arrived(packet.seq(), packet.sealed());
    }

    private Optional<VoiceKey> keyOf(int speaker, byte[] keyId) {
        // by everyone heard in the call, not this epoch's participants: a speaker who just left still has
        // frames in our jitter buffer, sealed under their key, and the news of their leaving can come first
        String user = names.get(speaker);
        return user == null ? Optional.empty() : signalling.keyOf(room, user, keyId);
    }

    private void applyNews() {
        VoiceRoom update;
        while ((update = news.poll()) != null) {
            if (!update.room().equals(room) || update.epoch() <= epoch) {
                continue;
            }
            Map<Integer, String> now = users(update.participants());
            now.forEach((number, user) -> {
                if (!lastUsers.containsKey(number)) {
                    say.accept(user + " joined " + room);
                }
            });
            lastUsers.forEach((number, user) -> {
                if (!now.containsKey(number) && number != ssrc) {
                    say.accept(user + " left " + room);
                }
            });
            names.putAll(now);
            lastUsers.clear();
            lastUsers.putAll(now);
            epoch = update.epoch();
            if (!now.containsKey(ssrc)) {
                ended.tryComplete("the node no longer counts you in the room");
                return;
            }
            rekey(epoch, now.values());
        }
    }

    /** A new key for {@code forEpoch}, handed to its participants; sealed under once our node accepted it. */
    private void rekey(long forEpoch, Collection<String> users) {
        VoiceKey fresh = VoiceKey.generate(room, forEpoch, RANDOM);
        signalling.give(fresh, users).onComplete(given -> {
            if (given.failed()) {
                say.accept("your voice key did not reach everyone in " + room + " (" + given.cause().getMessage()
                        + "): they cannot hear you until someone joins or leaves");
            }
            synchronized (this) {
                VoiceKey current = sealing;
                if (current == null || current.epoch() < fresh.epoch()) {
                    sealing = fresh;
                }
            }
        });
    }

    /** Why the call is over by itself, or null. */
    private String over() {
        if (endTick > 0 && tick >= endTick) {
            return endTick / VoiceFormat.FRAMES_PER_SECOND + " s passed";
        }
        if (endTick < 0 && capture != null && capture.done()) {
            return capture.failure() == null ? "the input ended" : "the input failed: " + capture.failure().getMessage();
        }
        return null;
    }

    /** On the clock thread, after its last tick. */
    private void finish() {
        try {
            if (capture != null) {
                capture.close();
            }
            media.close();
        } catch (Exception e) {
            LOG.warn("Closing the voice files of {}: {}", room, e.toString());
            say.accept("could not close the audio files: " + e.getMessage());
        } finally {
            List<SpeakerStats> heard = new ArrayList<>(departed);
            speakers.forEach((number, speaker) -> heard.add(speaker.stats(names.get(number))));
            report.complete(new CallReport(room, sent, heard, socket == null ? 0 : socket.malformed(),
                    ended.future().result()));
        }
    }

    private static Map<Integer, String> users(List<VoiceRoom.Participant> list) {
        Map<Integer, String> users = new LinkedHashMap<>();
        list.forEach(participant -> users.put(participant.ssrc(), participant.user()));
        return Map.copyOf(users);
    }
}
