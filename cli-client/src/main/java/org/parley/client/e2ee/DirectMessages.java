package org.parley.client.e2ee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.parley.client.trust.ContactKeys;
import org.parley.client.trust.KeyChangedException;
import org.parley.client.trust.PublicKeys;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.message.Delivery;

/**
 * Direct messages between this user and another: sealed to the recipient's keys as
 * {@link ContactKeys} gives them (the pin, compared with the network once per connection), and
 * opened with our keys, checked against the sender's pinned signing key.
 */
final class DirectMessages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final IdentityKeys me;
    /** Our fully qualified name, known once logged in. */
    private final Supplier<String> self;
    private final ContactKeys contacts;

    DirectMessages(Vertx vertx, IdentityKeys me, Supplier<String> self, ContactKeys contacts) {
        this.vertx = vertx;
        this.me = me;
        this.self = self;
        this.contacts = contacts;
    }

    /**
     * {@code plaintext} sealed as message {@code id} for {@code to}, addressed to their full name;
     * fails with {@link KeyChangedException} while their keys differ from the pinned ones.
     */
    Future<Sealed> seal(String to, String id, byte[] plaintext) {
        // Sealing (X25519, AES-GCM over up to a megabyte, Ed25519) is off the event loop: with the
        // crypto provider's first use it held the loop long enough for Vert.x's blocked-thread warning.
        return contacts.forSealing(to).compose(recipient -> vertx.executeBlocking(() -> new Sealed(recipient.user(),
                MessageSeal.seal(me, id, self.get(), recipient.user(), recipient.keys().agreement(), plaintext,
                        RANDOM)), false));
    }

    /** The plaintext of a direct message {@code sender} (their pinned keys) sealed for us; on a worker. */
    byte[] open(Delivery delivery, byte[] body, PublicKeys sender) throws OpenFailure {
        return MessageSeal.open(me, self.get(), delivery.id(), delivery.from(), sender.signing(), body);
    }
}
