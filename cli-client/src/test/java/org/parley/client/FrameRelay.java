package org.parley.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.function.Function;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.ProtocolException;

/** Frames from one socket to another, each passed through a rule that may change, repeat or drop it: what the test nodes in front of a real node do. */
final class FrameRelay {

    private FrameRelay() {
    }

    static <T> void relay(NetSocket from, NetSocket to, FrameDecoder<T> decoder, FrameEncoder<T> encoder,
                          Function<Frame<T>, List<Frame<T>>> rule) {
        from.handler(data -> {
            try {
                decoder.feed(data.getBytes(), frame -> {
                    for (Frame<T> out : rule.apply(frame)) {
                        to.write(Buffer.buffer(encoder.encode(out.header(), out.body())));
                    }
                });
            } catch (ProtocolException e) {
                from.close();
            }
        });
        from.closeHandler(v -> to.close());
    }
}
