package org.parley.client.voice;

/**
 * What one speaker's stream did at a listener, for the summary at the end of a call.
 *
 * @param received      datagrams that came for them
 * @param played        frames played as they came
 * @param recovered     lost frames rebuilt from the next frame's forward error correction
 * @param concealed     lost frames concealed
 * @param late          frames that came after their turn
 * @param skipped       frames skipped to bring the delay back down after the stream had run dry
 * @param replayed      datagrams refused as repeats (a replay, or a duplicate on the way)
 * @param undecryptable datagrams that did not open: altered, forged, or sealed under a key we were never given
 */
public record SpeakerStats(String user, int ssrc, long received, long played, long recovered, long concealed,
                           long late, long skipped, long replayed, long undecryptable) {

    /** One line: "bob@node-b: 498 frames played, 2 rebuilt (FEC), 1 concealed, ...". */
    public String line() {
        return (user == null ? "ssrc " + Integer.toUnsignedString(ssrc) : user) + ": " + received + " received, "
                + played + " played, " + recovered + " rebuilt (FEC), " + concealed + " concealed, " + late
                + " late, " + skipped + " skipped, " + replayed + " repeats dropped, " + undecryptable + " did not open";
    }
}
