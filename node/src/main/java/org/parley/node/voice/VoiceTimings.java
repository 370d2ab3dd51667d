package org.parley.node.voice;

import java.time.Duration;

/**
 * How long things take in voice rooms.
 *
 * @param silence    a participant heard from neither by keepalive nor by audio for this long is out of
 *                   the room (clients send a keepalive every 5 s)
 * @param speaking   a participant whose audio reached the room's home within this long is speaking
 * @param answerWait how long a request to another node's room waits for the home's answer
 */
public record VoiceTimings(Duration silence, Duration speaking, Duration answerWait) {

    /** What nodes run with. */
    public static final VoiceTimings DEFAULT = new VoiceTimings(Duration.ofSeconds(15), Duration.ofMillis(500),
            Duration.ofSeconds(10));

    /** How often the relay looks for silent participants, lost paths and unanswered requests. */
    long sweepMillis() {
        return Math.max(20, Math.min(1000, silence.toMillis() / 5));
    }
}
