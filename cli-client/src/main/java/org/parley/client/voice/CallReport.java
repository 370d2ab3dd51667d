package org.parley.client.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * What a call did, said when it ends.
 *
 * @param sent      frames we sent
 * @param speakers  each other participant's stream as we heard it
 * @param malformed datagrams that were no voice packet
 * @param ended     why the call ended: "the input ended", "20 s passed", "you left"...
 */
public record CallReport(String room, long sent, List<SpeakerStats> speakers, long malformed, String ended) {

    public CallReport {
        speakers = List.copyOf(speakers);
    }

    /** Lines for stderr or the shell. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("left " + room + " (" + ended + "): sent " + sent + " frames ("
                + String.format(java.util.Locale.ROOT, "%.1f", sent / (double) VoiceFormat.FRAMES_PER_SECOND) + " s)");
        speakers.forEach(speaker -> lines.add("  heard " + speaker.line()));
        if (malformed > 0) {
            lines.add("  " + malformed + " datagrams were not voice packets");
        }
        return lines;
    }
}
