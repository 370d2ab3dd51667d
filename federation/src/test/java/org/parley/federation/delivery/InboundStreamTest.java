package org.parley.federation.delivery;

import org.parley.federation.wire.Refusal;
import org.parley.federation.wire.EnvelopeKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.parley.federation.wire.Envelope;

class InboundStreamTest {

    private final InboundStream stream = new InboundStream();

    private static Envelope at(long incarnation, long seq, long base) {
        return new Envelope("a", "b", 8, incarnation, seq, base, EnvelopeKind.CHAT, "m" + seq, "x@a", "y@b", 0, null);
    }

    @Test
    void envelopesAreTakenInOrderAndRepeatsDropped() {
        assertEquals(InboundStream.Verdict.DELIVER, stream.offer(at(1, 1, 1)));
        assertEquals(InboundStream.Verdict.DELIVER, stream.offer(at(1, 2, 1)));
        assertEquals(InboundStream.Verdict.DUPLICATE, stream.offer(at(1, 1, 1)));
        assertEquals(InboundStream.Verdict.GAP, stream.offer(at(1, 4, 1)));
        assertEquals(InboundStream.Verdict.DELIVER, stream.offer(at(1, 3, 1)));
        stream.safe(1, 1);
        stream.safe(1, 2);
        stream.safe(1, 3);
        assertEquals(3, stream.takeAck());
        assertEquals(-1, stream.takeAck());
    }

    @Test
    void onlyPositionsSafeHereInOrderAreAcknowledged() {
        for (long seq = 1; seq <= 4; seq++) {
            stream.offer(at(1, seq, 1));
        }
        assertEquals(-1, stream.takeAck(), "nothing is stored yet");

        stream.safe(1, 2);
        assertEquals(-1, stream.takeAck(), "1 is not safe yet, so 2 cannot be acknowledged");
        stream.safe(1, 1);
        assertEquals(2, stream.takeAck());
        stream.safe(7, 3); // finished for a run the origin has since replaced
        assertEquals(-1, stream.takeAck());
    }

    @Test
    void aStreamJoinedLateStartsAtTheOriginsOldestUnacknowledged() {
        assertEquals(InboundStream.Verdict.GAP, stream.offer(at(5, 12, 10)));
        assertEquals(InboundStream.Verdict.DELIVER, stream.offer(at(5, 10, 10)));
    }

    @Test
    void aRestartedOriginStartsANewStreamAndItsOldOneIsIgnored() {
        stream.offer(at(5, 1, 1));
        stream.offer(at(5, 2, 1));

        assertEquals(InboundStream.Verdict.DELIVER, stream.offer(at(9, 1, 1)));
        assertEquals(InboundStream.Verdict.DUPLICATE, stream.offer(at(5, 3, 1)));
    }

    @Test
    void aFailureIsRepeatedInAcknowledgementsUntilTheOriginsBaseShowsItArrived() {
        stream.offer(at(1, 1, 1));
        stream.failed(1, 1, Refusal.MAILBOX_FULL);
        assertEquals(1, stream.takeAck());
        assertEquals(java.util.Map.of(1L, Refusal.MAILBOX_FULL), stream.failures());

        stream.offer(at(1, 2, 1)); // the origin has not processed that ack yet: base is still 1
        assertEquals(java.util.Map.of(1L, Refusal.MAILBOX_FULL), stream.failures());

        stream.offer(at(1, 3, 2)); // now it has
        assertEquals(null, stream.failures());
    }

    @Test
    void aRepeatMakesTheAcknowledgementGoAgain() {
        stream.offer(at(1, 1, 1));
        stream.safe(1, 1);
        assertEquals(1, stream.takeAck());

        stream.offer(at(1, 1, 1));
        stream.ackAgain();

        assertEquals(1, stream.takeAck());
    }
}
