package org.parley.node.registration;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.message.ErrorCode;

/**
 * Who may register a new name and who may not log in: the registration mode, invite codes and
 * locked accounts, held in memory for the login path and written through to the store. Thread-safe.
 */
public final class Registration {

    /** What registering a new name found. */
    public sealed interface Verdict {
        /** The name may be registered; {@code invite} is the code whose use it took, null if none was needed. */
        record Admitted(String invite) implements Verdict { }

        /** It may not; {@code code} and {@code why} are what the client is told. */
        record Refused(ErrorCode code, String why) implements Verdict { }
    }

    private static final int INVITE_BYTES = 16;

    private final String nodeName;
    private final RegistrationStore store;
    private final Set<String> locked;
    private final SecureRandom random = new SecureRandom();
    private volatile RegistrationMode mode;

    private Registration(String nodeName, RegistrationStore store, RegistrationMode mode, Set<String> locked) {
        this.nodeName = nodeName;
        this.store = store;
        this.mode = mode;
        this.locked = ConcurrentHashMap.newKeySet();
        this.locked.addAll(locked);
    }

    /**
     * Reads what the store holds. A mode the config gives ({@code configured}) wins over the stored one
     * and is stored; without one, the mode last set stands (open if never set).
     */
    public static Future<Registration> load(String nodeName, RegistrationStore store,
                                            Optional<RegistrationMode> configured) {
        return store.mode().compose(stored -> store.lockedAccounts().compose(locked -> {
            Registration registration = new Registration(nodeName, store,
                    configured.or(() -> stored).orElse(RegistrationMode.OPEN), locked);
            return configured.isPresent() && !configured.equals(stored)
                    ? store.mode(configured.get()).map(registration) : Future.succeededFuture(registration);
        }));
    }

    public RegistrationMode mode() {
        return mode;
    }

    /** Puts {@code next} in force and stores it; resolves to the mode it replaced. */
    public Future<RegistrationMode> mode(RegistrationMode next) {
        return store.mode(next).map(stored -> {
            RegistrationMode before = mode;
            mode = next;
            return before;
        });
    }

    public boolean locked(String name) {
        return locked.contains(name);
    }

    /** Every locked account. */
    public Set<String> lockedAccounts() {
        return Set.copyOf(locked);
    }

    /** Locks {@code name} against logging in; resolves to false if it was locked already. */
    public Future<Boolean> lock(String name, String by) {
        // in force before the write: a login between the two must already find it locked
        boolean was = !locked.add(name);
        return store.lock(name, System.currentTimeMillis(), by).onFailure(e -> {
            if (!was) {
                locked.remove(name);
            }
        });
    }

    /** Resolves to false if {@code name} was not locked. */
    public Future<Boolean> unlock(String name) {
        return store.unlock(name).map(changed -> {
            locked.remove(name);
            return changed;
        });
    }

    /** Makes an invite code good for {@code uses} new names. */
    public Future<Invite> createInvite(int uses, String by) {
        if (uses < 1) {
            return Future.failedFuture(new IllegalArgumentException("an invite needs at least one use, not " + uses));
        }
        byte[] bytes = new byte[INVITE_BYTES];
        random.nextBytes(bytes);
        Invite invite = new Invite(HexFormat.of().formatHex(bytes), uses, 0, System.currentTimeMillis(), by);
        return store.addInvite(invite).map(invite);
    }

    public Future<List<Invite>> invites() {
        return store.invites();
    }

    /**
     * Whether a new name may be registered with {@code invite} (null: none given). In invite mode a
     * good code loses one use; give it back with {@link #giveBack} if the registration then fails.
     */
    public Future<Verdict> admitNewName(String name, String invite) {
        return switch (mode) {
            case OPEN -> Future.succeededFuture(new Verdict.Admitted(null));
            case CLOSED -> Future.succeededFuture(new Verdict.Refused(ErrorCode.REGISTRATION_CLOSED, nodeName
                    + " registers no new names now; '" + name + "' is not an account here"));
            case INVITE -> invite == null || invite.isBlank()
                    ? Future.succeededFuture(new Verdict.Refused(ErrorCode.INVITE_REQUIRED, nodeName
                    + " registers new names only with an invite code; ask its operator for one and give it with"
                    + " --invite"))
                    : store.useInvite(invite).map(used -> used ? new Verdict.Admitted(invite)
                    : new Verdict.Refused(ErrorCode.INVITE_REQUIRED, "the invite code is not one of " + nodeName
                    + "'s, or it is used up; ask its operator for another"));
        };
    }

    /** Returns the use an admitted registration took of its invite, after the registration failed. */
    public Future<Void> giveBack(Verdict.Admitted admitted) {
        return admitted.invite() == null ? Future.succeededFuture() : store.returnInvite(admitted.invite());
    }
}
