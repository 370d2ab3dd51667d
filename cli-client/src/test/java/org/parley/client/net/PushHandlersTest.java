package org.parley.client.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.Presence;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ServerMessage;

/** What the node sends unasked goes to the handlers of its frame type, and only those. */
class PushHandlersTest {

    private final PushHandlers pushes = new PushHandlers();
    private final List<String> heard = new ArrayList<>();

    private static Frame<ServerMessage> frame(ServerMessage header, byte[] body) {
        return new Frame<>(header, body);
    }

    @Test
    void eachFrameGoesToEveryHandlerOfItsTypeInTheOrderTheyWereAdded() {
        pushes.on(PresenceNotice.class, notice -> heard.add("messenger: " + notice.user()));
        pushes.on(PresenceNotice.class, notice -> heard.add("shell: " + notice.user()));
        pushes.on(Receipt.class, receipt -> heard.add("receipt " + receipt.id()));

        pushes.dispatch(frame(new PresenceNotice("bob@node-a", Presence.ONLINE, null), new byte[0]));

        assertEquals(List.of("messenger: bob@node-a", "shell: bob@node-a"), heard);
    }

    @Test
    void aWholeFrameHandlerGetsTheBody() {
        pushes.onFrame(Delivery.class, frame -> heard.add(new String(frame.body())));

        pushes.dispatch(frame(new Delivery("m1", "bob@node-a", "alice@node-a", 1L), "hi".getBytes()));

        assertEquals(List.of("hi"), heard);
    }

    @Test
    void aTypeNobodyHandlesIsLetGo() {
        pushes.on(Receipt.class, receipt -> heard.add("receipt"));

        pushes.dispatch(frame(new PresenceNotice("bob@node-a", Presence.AWAY, null), new byte[0]));

        assertEquals(List.of(), heard);
    }
}
