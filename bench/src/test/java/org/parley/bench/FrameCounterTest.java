package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.Welcome;

class FrameCounterTest {

    @Test
    void countsMessagesButNotAcceptancesWhateverTheChunking() {
        Buffer stream = Buffer.buffer();
        for (int i = 0; i < 30; i++) {
            stream.appendBytes(FrameEncoder.server().encode(new Delivery("m" + i, "a@n", "b@n", 1), new byte[100]));
            stream.appendBytes(FrameEncoder.server().encode(new Accepted("m" + i, 1)));
        }
        for (int chunk : new int[] {1, 7, 100, stream.length()}) {
            FrameCounter counter = new FrameCounter();
            int counted = 0;
            for (int at = 0; at < stream.length(); at += chunk) {
                counted += counter.feed(stream.getBuffer(at, Math.min(stream.length(), at + chunk)));
            }
            assertEquals(30, counted, "chunk " + chunk);
        }
    }

    @Test
    void framesAfterTheLastDecodedOneAreCountedEvenWhenTheReadSplitsThem() {
        Buffer stream = Buffer.buffer()
                .appendBytes(FrameEncoder.server().encode(new Welcome("r@n", "n", true)))
                .appendBytes(FrameEncoder.server().encode(new PresenceNotice("x@n", Presence.ONLINE, null)))
                .appendBytes(FrameEncoder.server().encode(new Delivery("m1", "s@n", "r@n", 1), new byte[100]));
        int cut = FrameEncoder.server().encode(new Welcome("r@n", "n", true)).length + 5; // inside the notice
        FrameCounter counter = new FrameCounter();
        boolean[] loggedIn = {false};

        int first = counter.feed(stream.getBuffer(0, cut), () -> !loggedIn[0], header -> loggedIn[0] = header instanceof Welcome);
        int rest = counter.feed(stream.getBuffer(cut, stream.length()));

        assertEquals(true, loggedIn[0]);
        assertEquals(1, first + rest);
    }

    @Test
    void presenceIsCountedInEitherForm() {
        Buffer stream = Buffer.buffer()
                .appendBytes(FrameEncoder.server().encode(new Welcome("r@n", "n", true)))
                .appendBytes(FrameEncoder.server().encode(new PresenceNotice("x@n", Presence.ONLINE, null)))
                .appendBytes(FrameEncoder.server().encode(PresenceNotice.of(java.util.List.of(
                        new PresenceNotice.Entry("y@n", Presence.ONLINE, null),
                        new PresenceNotice.Entry("z@n", Presence.OFFLINE, "quit")))));
        FrameCounter counter = new FrameCounter();
        boolean[] loggedIn = {false};

        counter.feed(stream, () -> !loggedIn[0], header -> loggedIn[0] = header instanceof Welcome);
        counter.feed(Buffer.buffer(FrameEncoder.server().encode(new PresenceNotice("x@n", Presence.AWAY, null))));

        assertEquals(3, counter.presenceFrames());
        assertEquals(4, counter.presenceChanges());
    }

    @Test
    void theTemplateMakesValidFramesWithFreshIds() throws Exception {
        MessageTemplate template = new MessageTemplate("bob", 100);
        FrameDecoder<ClientMessage> decoder = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);
        List<Frame<ClientMessage>> frames = new ArrayList<>();

        decoder.feed(template.next().clone(), frames::add);
        decoder.feed(template.next().clone(), frames::add);

        Send first = (Send) frames.get(0).header();
        Send second = (Send) frames.get(1).header();
        assertEquals("bob", first.to());
        assertEquals(100, frames.get(0).body().length);
        assertNotEquals(first.id(), second.id());
    }
}
