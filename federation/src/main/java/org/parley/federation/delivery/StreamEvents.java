package org.parley.federation.delivery;

import io.vertx.core.Future;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.ReceiptNote;

/**
 * What streams hand to the node's users. Called on the federation context.
 */
public interface StreamEvents {

    /**
     * A direct message for a user of this node, in order and once per stream position (again after
     * this node restarts, if it was not acknowledged: implementations drop repeats by message id).
     *
     * @return resolves once the message is safe here (stored for its recipient) with null, or with
     *         why it was not taken: {@link StreamManager#UNKNOWN} or {@link StreamManager#FULL}
     */
    Future<String> deliverChat(Envelope envelope, byte[] body);

    /** A message a user of this node sent to another node was refused there, for {@code status}. */
    void undeliverable(Envelope sent, String status);

    /** News for a user of this node ({@code note.to()}) about a message they sent. */
    void receipt(ReceiptNote note);
}
