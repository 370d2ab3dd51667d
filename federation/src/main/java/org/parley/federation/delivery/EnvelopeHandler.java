package org.parley.federation.delivery;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.Optional;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.Refusal;

/**
 * Takes envelopes of one {@link org.parley.federation.wire.EnvelopeKind} for this node: the node
 * keeps one per kind, so a kind nobody handles is a compile-time gap, not a string that falls through.
 */
@FunctionalInterface
public interface EnvelopeHandler {

    /** What a handler returns for an envelope whose content is safe here. */
    Future<Optional<Refusal>> TAKEN = Future.succeededFuture(Optional.empty());

    /**
     * @return as {@link StreamEvents#deliver}
     * @throws IOException if its body cannot be read (it is refused as malformed)
     */
    Future<Optional<Refusal>> take(Envelope envelope, byte[] body) throws IOException;

    /** A refusal, as a handler returns it. */
    static Future<Optional<Refusal>> refusal(Refusal why) {
        return Future.succeededFuture(Optional.of(why));
    }
}
