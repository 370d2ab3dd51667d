package org.parley.client.e2ee;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.parley.client.trust.KnownUsers;
import org.parley.client.trust.PublicKeys;
import org.parley.protocol.e2ee.SafetyNumber;

/**
 * What {@code fingerprint} and {@code trust} say, for the shell and the scripted commands alike:
 * safety numbers to compare aloud, and the one way to accept a changed key.
 */
public final class KeyVerification {

    private final Messenger messenger;

    public KeyVerification(Messenger messenger) {
        this.messenger = messenger;
    }

    /** Our own keys' fingerprint, for a user who wants to publish or compare it. */
    public List<String> ownFingerprint() {
        PublicKeys mine = new PublicKeys(messenger.keys().signingPublic(), messenger.keys().agreementPublic());
        return List.of("Your keys (" + messenger.user() + "): " + mine.fingerprint());
    }

    /**
     * The safety number of this user and {@code user}, which {@code user} sees too when they ask
     * about us. Pins {@code user}'s keys on first contact; when the network now gives other keys
     * than the pinned ones, shows both numbers and says which is trusted.
     */
    public Future<List<String>> safetyNumber(String user) {
        return messenger.contacts().lookUp(user).compose(resolved -> messenger.contacts().pin(resolved).map(verdict -> {
            List<String> lines = new ArrayList<>();
            if (verdict instanceof KnownUsers.Changed changed) {
                lines.add("The keys of " + resolved.user() + " have CHANGED and are not trusted yet.");
                lines.add("Safety number with the keys you trust (" + changed.pinned().fingerprint() + "):");
                lines.addAll(number(resolved.user(), changed.pinned()));
                lines.add("Safety number with the keys the network now gives (" + changed.offered().fingerprint()
                        + "):");
                lines.addAll(number(resolved.user(), changed.offered()));
                lines.add("If " + resolved.user() + " reads you the second one, run: parley trust " + resolved.user());
            } else {
                PublicKeys keys = verdict instanceof KnownUsers.FirstContact first ? first.keys()
                        : ((KnownUsers.Same) verdict).keys();
                lines.add("Safety number of " + messenger.user() + " and " + resolved.user() + ":");
                lines.addAll(number(resolved.user(), keys));
                lines.add("It matches on both sides only if each of you holds the other's real keys.");
            }
            return lines;
        }));
    }

    /** Accepts the keys the network now gives for {@code user}, replacing any pin. */
    public Future<List<String>> trust(String user) {
        return messenger.contacts().lookUp(user).compose(resolved -> messenger.contacts().trust(resolved).map(before -> {
            String now = resolved.keys().fingerprint();
            if (before.isEmpty()) {
                return List.of("Now trusting " + resolved.user() + " with keys " + now + ".");
            }
            if (before.get().equals(resolved.keys())) {
                return List.of(resolved.user() + " already trusted with keys " + now + "; nothing changed.");
            }
            return List.of("Now trusting " + resolved.user() + " with NEW keys " + now + " (was "
                    + before.get().fingerprint() + ").");
        }));
    }

    private List<String> number(String other, PublicKeys keys) {
        String text = SafetyNumber.of(messenger.user(), messenger.keys().signingPublic(),
                messenger.keys().agreementPublic(), other, keys.signing(), keys.agreement());
        return text.lines().map(line -> "  " + line).toList();
    }
}
