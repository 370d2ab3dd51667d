package org.parley.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ServerMessage;

class FrameTypesTest {

    private final FrameTypes server = new FrameTypes(ServerMessage.class);

    @Test
    void anEncodedFrameIsNamedByItsHeadersType() {
        List<String> names = List.of(server.names());

        assertEquals(names.indexOf("error"), server.indexOfEncoded(FrameEncoder.server()
                .encode(ErrorFrame.of(ErrorCode.BAD_REQUEST, "no"))));
        assertEquals(names.indexOf("pong"), server.indexOfEncoded(FrameEncoder.server().encode(new Pong())));
    }

    @Test
    void aFrameOfAnotherFamilyOrCutShortIsNotNamed() {
        byte[] send = FrameEncoder.client().encode(new Send("m1", "bob"));

        assertEquals(-1, server.indexOfEncoded(send));
        assertEquals(-1, server.indexOfEncoded(new byte[] {0, 0, 0, 9, 0, 0, 0, 5, '{'}));
        assertEquals("send", new FrameTypes(ClientMessage.class).nameOf(Send.class));
    }
}
