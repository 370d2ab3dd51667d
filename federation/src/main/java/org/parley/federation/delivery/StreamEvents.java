package org.parley.federation.delivery;

import io.vertx.core.Future;
import java.util.Optional;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ReceiptNote;
import org.parley.federation.wire.Refusal;

/**
 * What streams hand to the node's users. Called on the federation context.
 */
public interface StreamEvents {

    /**
     * An envelope for this node (a direct message, a group's, or news of a group), in order and once
     * per stream position (again after this node restarts, if it was not acknowledged:
     * implementations drop repeats by message id).
     *
     * @return resolves once what it carries is safe here (stored for its recipients) with nothing, or
     *         with why it was not taken
     */
    Future<Optional<Refusal>> deliver(Envelope envelope, byte[] body);

    /** An envelope this node sent was refused at its destination, for {@code why}. */
    void undeliverable(Envelope sent, Refusal why);

    /** An envelope this node sent, asking to hear of it, is safe at its destination. */
    void stored(Envelope sent);

    /**
     * News for {@code user} of this node about a message they sent: the name in {@code note.to()},
     * which the streams checked is an address of this node's, so it is not read again.
     */
    void receipt(String user, ReceiptNote note);
}
