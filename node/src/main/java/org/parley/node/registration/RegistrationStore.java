package org.parley.node.registration;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable registration settings: the mode, the invite codes, the locked accounts. Every method runs
 * its I/O off the event loop.
 */
public interface RegistrationStore {

    /** The mode last set; empty if it was never set (the node is open). */
    Future<Optional<RegistrationMode>> mode();

    Future<Void> mode(RegistrationMode mode);

    Future<Void> addInvite(Invite invite);

    Future<List<Invite>> invites();

    /** Takes one use of {@code code}; false if there is no such code or it is used up. */
    Future<Boolean> useInvite(String code);

    /** Gives back a use taken for a registration that then failed. */
    Future<Void> returnInvite(String code);

    Future<Set<String>> lockedAccounts();

    /** Locks {@code name}; false if it was locked already. */
    Future<Boolean> lock(String name, long at, String by);

    /** Unlocks {@code name}; false if it was not locked. */
    Future<Boolean> unlock(String name);
}
