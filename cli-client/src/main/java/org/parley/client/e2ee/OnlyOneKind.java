package org.parley.client.e2ee;

import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.parley.client.net.NodeSession;
import org.parley.client.trust.ContactKeys;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session that reads only one kind of direct message does with what arrives (a script's
 * {@code send-file} hears declines, {@code voice join} voice keys): opens each direct message, takes
 * and acknowledges those of that kind (a plaintext the client wrote for itself), and leaves every
 * other message at the node, unacknowledged, for the next session that reads.
 */
final class OnlyOneKind {

    private static final Logger LOG = LoggerFactory.getLogger(OnlyOneKind.class);

    /** Reads a plaintext as the kind wanted: empty if it is another. */
    @FunctionalInterface
    interface Kind<T> {
        Optional<T> read(byte[] plaintext);
    }

    private OnlyOneKind() {
    }

    /**
     * @param what names the kind in the log: "a declined file"
     * @param taken hears each one taken, after its acknowledgement
     */
    static <T> Consumer<Frame<ServerMessage>> reader(Vertx vertx, NodeSession session, ContactKeys contacts,
                                                     DirectMessages direct, Kind<T> kind, String what,
                                                     BiConsumer<Delivery, T> taken) {
        return frame -> {
            Delivery delivery = (Delivery) frame.header();
            byte[] body = frame.body();
            if (FileChunk.isChunk(body) || Recipient.EVERYONE.equals(delivery.to())
                    || GroupAddress.isGroup(delivery.to())) {
                return;
            }
            contacts.ofSender(delivery.from()).compose(sender -> vertx.executeBlocking(() -> {
                try {
                    return kind.read(direct.open(delivery, body, sender));
                } catch (OpenFailure notOurs) {
                    return Optional.<T>empty(); // left for a reader, which will say what is wrong with it
                }
            }, false)).onSuccess(read -> read.ifPresent(one -> {
                session.acknowledge(delivery.id());
                taken.accept(delivery, one);
            })).onFailure(e -> LOG.warn("Could not check message {} from {} for {}: {}", delivery.id(),
                    delivery.from(), what, e.toString()));
        };
    }
}
