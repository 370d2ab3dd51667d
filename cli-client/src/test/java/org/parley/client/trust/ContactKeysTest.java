package org.parley.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.client.Settled.cause;
import static org.parley.client.Settled.result;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.UserKeys;

/**
 * A contact's keys come from the pin: the node is asked once per connection, to compare, and again
 * only when something says they may have changed. The node here records what it is asked.
 */
class ContactKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path home;

    private final Vertx vertx = Vertx.vertx();
    /** What the node would answer for bob now. */
    private volatile IdentityKeys bobNow = IdentityKeys.generate(RANDOM);
    /** Every keys request the node saw, by the name asked. */
    private final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
    private KnownUsers known;

    @BeforeEach
    void load() throws Exception {
        known = KnownUsers.load(home, "alice");
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A connection's view of contacts: a new one per connection, sharing the pins. */
    private ContactKeys connection() {
        return new ContactKeys(vertx, user -> {
            asked.add(user);
            return Future.succeededFuture(new UserKeys("k", "bob@node-a", Base64Key.encode(bobNow.signingPublic()),
                    Base64Key.encode(bobNow.agreementPublic())));
        }, known);
    }



    private static PublicKeys keysOf(IdentityKeys keys) {
        return new PublicKeys(keys.signingPublic(), keys.agreementPublic());
    }

    @Test
    void theFirstMessageToANewContactPinsTheirKeysAndTheNextAsksNothing() throws Exception {
        ContactKeys contacts = connection();

        ContactKeys.Resolved first = result(contacts.forSealing("bob"));
        ContactKeys.Resolved second = result(contacts.forSealing("bob"));

        assertEquals("bob@node-a", first.user());
        assertEquals(keysOf(bobNow), second.keys());
        assertEquals(List.of("bob"), asked);
        assertEquals(keysOf(bobNow), known.pinned("bob@node-a").orElseThrow());
    }

    @Test
    void eachConnectionComparesThePinWithTheNetworkOnce() throws Exception {
        result(connection().forSealing("bob"));
        ContactKeys next = connection();

        result(next.forSealing("bob"));
        result(next.forSealing("bob"));

        assertEquals(List.of("bob", "bob"), asked);
    }

    @Test
    void keysChangedBeforeAConnectionAreReportedAtItsFirstMessageAndAtEveryOneAfter() throws Exception {
        result(connection().forSealing("bob"));
        bobNow = IdentityKeys.generate(RANDOM); // bob registered again while we were away
        ContactKeys next = connection();

        Throwable first = cause(next.forSealing("bob"));
        Throwable again = cause(next.forSealing("bob"));

        assertInstanceOf(KeyChangedException.class, first);
        assertTrue(first.getMessage().contains("CHANGED"), first.getMessage());
        assertTrue(first.getMessage().contains("parley trust bob@node-a"), first.getMessage());
        assertInstanceOf(KeyChangedException.class, again);
        assertEquals(3, asked.size(), "a refused key is asked for again, not remembered: " + asked);
    }

    @Test
    void keysThatMayHaveChangedAreAskedForAgainAndAChangeIsNoticed() throws Exception {
        ContactKeys contacts = connection();
        PublicKeys pinned = result(contacts.forSealing("bob")).keys();
        bobNow = IdentityKeys.generate(RANDOM);

        // Nothing said so yet: the pin serves, and the node is not asked.
        assertEquals(pinned, result(contacts.forSealing("bob")).keys());
        assertEquals(1, asked.size());

        contacts.mayHaveChanged("bob@node-a"); // bob came online again, say
        Throwable changed = cause(contacts.forSealing("bob"));

        assertInstanceOf(KeyChangedException.class, changed);
        assertEquals(2, asked.size());
    }

    @Test
    void trustedNewKeysAreTheOnesSealedToNext() throws Exception {
        ContactKeys contacts = connection();
        result(contacts.forSealing("bob"));
        bobNow = IdentityKeys.generate(RANDOM);

        result(contacts.trust(result(contacts.lookUp("bob"))));

        assertEquals(keysOf(bobNow), result(contacts.forSealing("bob")).keys());
    }

    @Test
    void aSendersKeysComeFromThePinWithoutAskingTheNode() throws Exception {
        PublicKeys pinned = keysOf(bobNow);
        known.check("bob@node-a", pinned);
        bobNow = IdentityKeys.generate(RANDOM); // what a lying node would say

        assertEquals(pinned, result(connection().ofSender("bob@node-a")));
        assertEquals(List.of(), asked);
    }
}
