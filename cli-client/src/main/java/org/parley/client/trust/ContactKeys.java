package org.parley.client.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.parley.client.net.RefusedException;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.UserKeys;

/**
 * The keys of the people this user writes to and hears from, for one connection. The pins
 * ({@link KnownUsers}) are the truth; the node is asked for a contact's keys only when the pin alone
 * may be out of date:
 * <ul>
 * <li>a contact not pinned yet (first contact pins what the node gives);</li>
 * <li>the first message to a contact on this connection: the pin is compared once with what the
 * network gives now, so a contact who registered again with new keys while we were away (or a node
 * that lies about them) is reported as CHANGED, as every {@code parley send} has always said;</li>
 * <li>after something said their keys may have changed ({@link #mayHaveChanged}): the contact came
 * or went (a name registered again comes online with its new keys), a message of theirs was signed
 * by another key than the pinned one, or the node did not know them.</li>
 * </ul>
 * Every later message to the contact is sealed to the pin, with no request to the node. A sender's
 * key, which checks what they sign, always comes from the pin.
 */
public final class ContactKeys {

    /** A user as the network names them ({@code bob@node-b} for {@code bob}), with the keys it gives for them. */
    public record Resolved(String user, PublicKeys keys) {
    }

    private static final int SENDER_LOOKUPS = 6;

    private final Vertx vertx;
    /** Asks the node for a user's keys: the session's {@code keys} request. */
    private final Function<String, Future<UserKeys>> node;
    private final KnownUsers known;
    /**
     * The contacts this connection compared with the network, by the name they were asked by: their
     * pinned keys, or the comparison under way (so two sends at once ask once). A failed one leaves.
     */
    private final Map<String, Future<Resolved>> confirmed = new ConcurrentHashMap<>();

    public ContactKeys(Vertx vertx, Function<String, Future<UserKeys>> node, KnownUsers known) {
        this.vertx = vertx;
        this.node = node;
        this.known = known;
    }

    /**
     * The keys to seal for {@code user} to: the pinned ones, compared with the network's once per
     * connection (and pinned now on first contact); fails with {@link KeyChangedException} while
     * they differ, until the user trusts the new ones.
     */
    public Future<Resolved> forSealing(String user) {
        Future<Resolved> keys = confirmed.computeIfAbsent(user, this::compare);
        keys.onFailure(e -> confirmed.remove(user, keys));
        return keys;
    }

    private Future<Resolved> compare(String user) {
        return lookUp(user).compose(resolved -> pin(resolved).compose(verdict -> {
            if (verdict instanceof KnownUsers.Changed changed) {
                return Future.failedFuture(new KeyChangedException(resolved.user(), changed.pinned(),
                        changed.offered()));
            }
            return Future.succeededFuture(resolved);
        }));
    }

    /**
     * {@code user}'s keys (their full name) may no longer be the ones the network gives: the next
     * message to them asks the node again.
     */
    public void mayHaveChanged(String user) {
        confirmed.entrySet().removeIf(entry -> entry.getKey().equals(user) || entry.getValue().succeeded()
                && entry.getValue().result().user().equals(user));
    }

    /** The keys the network gives now for {@code user} ({@code bob} or {@code bob@node-b}), from the node. */
    public Future<Resolved> lookUp(String user) {
        return node.apply(user).compose(answer -> {
            try {
                return Future.succeededFuture(new Resolved(answer.user(), PublicKeys.of(answer)));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("the node sent unusable keys: " + e.getMessage()));
            }
        });
    }

    /**
     * Compares the keys the network gave for a user with the pinned ones, pinning them on first
     * contact. On a worker: the pins live in a file.
     */
    public Future<KnownUsers.Verdict> pin(Resolved resolved) {
        return vertx.executeBlocking(() -> known.check(resolved.user(), resolved.keys()), false);
    }

    /** Trusts the keys the network gave for a user, replacing the pin; the previous keys, if any. */
    public Future<Optional<PublicKeys>> trust(Resolved resolved) {
        return vertx.executeBlocking(() -> known.trust(resolved.user(), resolved.keys()), false)
                .onSuccess(before -> mayHaveChanged(resolved.user()));
    }

    /** The pinned keys of a sender, pinning what the network gives on first contact. */
    public Future<PublicKeys> ofSender(String from) {
        Optional<PublicKeys> pinned = known.pinned(from);
        if (pinned.isPresent()) {
            return Future.succeededFuture(pinned.get());
        }
        return lookUpPatiently(from, 1).compose(resolved -> pin(new Resolved(from, resolved.keys())).map(verdict ->
                verdict instanceof KnownUsers.Changed changed ? changed.pinned() : resolved.keys()));
    }

    /**
     * Looks up a sender the network may not have told our node about yet: a message from a new
     * user of another node can outrun the gossip of their keys. Tries for about eight seconds.
     */
    private Future<Resolved> lookUpPatiently(String user, int attempt) {
        return lookUp(user).recover(e -> {
            if (attempt >= SENDER_LOOKUPS || !(e instanceof RefusedException refused)
                    || refused.code() != ErrorCode.UNKNOWN_USER) {
                return Future.failedFuture(e);
            }
            return vertx.timer(125L << attempt).compose(ignored -> lookUpPatiently(user, attempt + 1));
        });
    }
}
