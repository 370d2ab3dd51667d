package org.parley.node.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.node.session.Session;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.PresenceNotice.Entry;
import org.parley.protocol.message.ServerMessage;

/** Presence for one session within a window goes as one frame, a user's later change replacing an earlier one. */
class PresenceBatchesTest {

    /** The window's timers, fired when the test says the window is over. */
    private final List<Runnable> windows = new ArrayList<>();
    private final PresenceBatches batches = new PresenceBatches((millis, action) -> windows.add(action),
            PresenceBatches.WINDOW_MILLIS);
    private final Recorded alice = new Recorded(new UserAddress("alice", "test"));

    @Test
    void theFirstChangeForAnIdleSessionGoesAtOnceInTheSingleForm() {
        offer(alice, new Entry("bob@test", Presence.ONLINE, null));

        assertEquals(List.of(new PresenceNotice("bob@test", Presence.ONLINE, null)), alice.notices());
    }

    @Test
    void changesWithinTheWindowArriveAsOneFrameTheLaterChangeOfAUserReplacingTheEarlier() {
        offer(alice, new Entry("bob@test", Presence.ONLINE, null));

        // WHEN, within the window, carol comes, bob leaves, dave comes and bob comes back
        offer(alice, new Entry("carol@test", Presence.ONLINE, null));
        offer(alice, new Entry("bob@test", Presence.OFFLINE, "quit"));
        offer(alice, new Entry("dave@test", Presence.ONLINE, null));
        offer(alice, new Entry("bob@test", Presence.AWAY, null));
        assertEquals(1, alice.notices().size(), "nothing more before the window ends");
        endWindow();

        // THEN one frame carries all three users, bob as he stands last
        assertEquals(List.of(new PresenceNotice("bob@test", Presence.ONLINE, null),
                        PresenceNotice.of(List.of(new Entry("carol@test", Presence.ONLINE, null),
                                new Entry("bob@test", Presence.AWAY, null),
                                new Entry("dave@test", Presence.ONLINE, null)))),
                alice.notices());
    }

    @Test
    void aWindowThatEndsEmptyLeavesTheSessionIdleSoItsNextChangeGoesAtOnce() {
        offer(alice, new Entry("bob@test", Presence.ONLINE, null));
        offer(alice, new Entry("bob@test", Presence.OFFLINE, "quit"));
        endWindow(); // sends bob's leave, and opens another window
        endWindow(); // nothing came: idle

        offer(alice, new Entry("carol@test", Presence.ONLINE, null));

        assertEquals(List.of(new PresenceNotice("bob@test", Presence.ONLINE, null),
                new PresenceNotice("bob@test", Presence.OFFLINE, "quit"),
                new PresenceNotice("carol@test", Presence.ONLINE, null)), alice.notices());
    }

    @Test
    void eachSessionHasItsOwnWindow() {
        Recorded erin = new Recorded(new UserAddress("erin", "test"));
        offer(alice, new Entry("bob@test", Presence.ONLINE, null));

        offer(erin, new Entry("bob@test", Presence.ONLINE, null));

        assertEquals(1, erin.notices().size());
    }

    @Test
    void whatWaitedForASessionThatEndedIsDropped() {
        offer(alice, new Entry("bob@test", Presence.ONLINE, null));
        offer(alice, new Entry("carol@test", Presence.ONLINE, null));

        batches.forget(alice);
        endWindow();

        assertEquals(1, alice.notices().size());
    }

    private void offer(Session to, Entry change) {
        batches.offer(to, change, () -> FrameEncoder.server().encode(
                new PresenceNotice(change.user(), change.status(), change.reason())));
    }

    private void endWindow() {
        List<Runnable> due = new ArrayList<>(windows);
        windows.clear();
        due.forEach(Runnable::run);
    }

    /** A session that keeps what it is handed. */
    private static final class Recorded implements Session {

        private final UserAddress user;
        private final List<byte[]> frames = new ArrayList<>();

        Recorded(UserAddress user) {
            this.user = user;
        }

        @Override
        public UserAddress user() {
            return user;
        }

        @Override
        public long lastActiveNanos() {
            return 0;
        }

        @Override
        public boolean deliver(byte[] frame) {
            frames.add(frame);
            return true;
        }

        List<ServerMessage> notices() {
            FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
            List<ServerMessage> out = new ArrayList<>();
            for (byte[] frame : frames) {
                try {
                    decoder.feed(frame, (Frame<ServerMessage> f) -> out.add(f.header()));
                } catch (org.parley.protocol.frame.ProtocolException e) {
                    throw new AssertionError("the node sent a frame that does not decode", e);
                }
            }
            return out;
        }
    }
}
