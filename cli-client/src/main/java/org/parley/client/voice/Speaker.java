package org.parley.client.voice;

import java.util.Optional;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.voice.ReplayWindow;
import org.parley.protocol.voice.VoiceKey;
import org.parley.protocol.voice.VoiceSeal;

/**
 * One other participant's audio at a listener: their frames opened with the key they gave us, each
 * sequence number taken once ({@link ReplayWindow}), put in order by the {@link JitterBuffer}, and
 * decoded by their own {@link OpusDecoding}. Confined to the call's clock thread.
 */
final class Speaker {

    /** The key a speaker's frame names, from what they gave us. */
    @FunctionalInterface
    interface Keys {
        Optional<VoiceKey> find(byte[] keyId);
    }

    private final int ssrc;
    private final Keys keys;
    private final ReplayWindow window = new ReplayWindow();
    private final JitterBuffer buffer = new JitterBuffer(this::openAtTurn);
    private final OpusDecoding decoder = new OpusDecoding();
    private long received;
    private long played;
    private long recovered;
    private long concealed;
    private long late;
    private long replayed;
    private long undecryptable;
    /** The frame that played as it came at the last tick, or -1. */
    private long playedNow = -1;

    Speaker(int ssrc, Keys keys) {
        this.ssrc = ssrc;
        this.keys = keys;
    }

    /** A datagram of theirs came. */
    void arrived(long seq, byte[] sealed) {
        received++;
        if (!window.isFresh(seq)) {
            replayed++;
            return;
        }
        byte[] keyId;
        try {
            keyId = VoiceSeal.keyId(sealed);
        } catch (OpenFailure notSealed) {
            undecryptable++;
            return;
        }
        Optional<VoiceKey> key = keys.find(keyId);
        JitterBuffer.Offered offered;
        if (key.isEmpty()) {
            offered = buffer.offer(seq, null, sealed); // its key may still come before its turn
        } else {
            byte[] opus = open(key.get(), seq, sealed);
            if (opus == null) {
                return;
            }
            offered = buffer.offer(seq, opus, null);
        }
        if (offered == JitterBuffer.Offered.LATE) {
            late++;
        } else if (offered == JitterBuffer.Offered.DUPLICATE) {
            replayed++;
        }
    }

    /** What they say at this tick, or null while they are silent. */
    short[] playout() {
        JitterBuffer.Playout playout = buffer.poll();
        playedNow = -1;
        if (playout instanceof JitterBuffer.Playout.Play play) {
            played++;
            playedNow = play.seq();
            return decoder.decode(play.opus());
        }
        if (playout instanceof JitterBuffer.Playout.Recover recover) {
            recovered++;
            return decoder.recover(recover.next());
        }
        if (playout instanceof JitterBuffer.Playout.Conceal) {
            concealed++;
            return decoder.conceal();
        }
        return null;
    }

    /** The frame that played as it came at the last {@link #playout}, or -1 (silence, rebuilt, concealed). */
    long playedNow() {
        return playedNow;
    }

    SpeakerStats stats(String user) {
        return new SpeakerStats(user, ssrc, received, played, recovered, concealed, late, buffer.dropped(), replayed,
                undecryptable);
    }

    private byte[] openAtTurn(long seq, byte[] sealed) {
        try {
            Optional<VoiceKey> key = keys.find(VoiceSeal.keyId(sealed));
            if (key.isEmpty()) {
                return null; // not yet
            }
            byte[] opus = open(key.get(), seq, sealed);
            return opus == null ? JitterBuffer.BROKEN : opus;
        } catch (OpenFailure notSealed) {
            return JitterBuffer.BROKEN;
        }
    }

    /** Opens and takes frame {@code seq}; null (counted) if it does not open or was taken already. */
    private byte[] open(VoiceKey key, long seq, byte[] sealed) {
        try {
            byte[] opus = VoiceSeal.open(key, ssrc, seq, sealed);
            if (!window.accept(seq)) {
                replayed++;
                return null;
            }
            return opus;
        } catch (OpenFailure failure) {
            undecryptable++;
            return null;
        }
    }
}
