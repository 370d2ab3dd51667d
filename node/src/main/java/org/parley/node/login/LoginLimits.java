package org.parley.node.login;

import io.vertx.core.Vertx;
import org.parley.node.limits.FailedLogins;
import org.parley.node.limits.KeyedBuckets;
import org.parley.node.limits.Limits;
import org.parley.node.limits.PasswordHashing;
import java.util.function.Supplier;
import org.parley.node.limits.LiveLimits;

/**
 * What logging in may cost the node: login attempts and new accounts per address, growing waits
 * after failed logins per account, and password hashing on a bounded pool.
 */
public final class LoginLimits {

    final KeyedBuckets attempts;
    final KeyedBuckets registrations;
    final FailedLogins failures;
    final PasswordHashing hashing;

    public LoginLimits(Vertx vertx, Limits limits) {
        this(vertx, new LiveLimits(limits));
    }

    /** Limits as {@code limits} holds them at each login. */
    public LoginLimits(Vertx vertx, Supplier<Limits> limits) {
        this.attempts = new KeyedBuckets(() -> limits.get().logins());
        this.registrations = new KeyedBuckets(() -> limits.get().registrations());
        this.failures = new FailedLogins(() -> limits.get().failedLoginsBeforeDelay());
        this.hashing = new PasswordHashing(vertx, () -> limits.get().maxPasswordHashesWaiting());
    }
}
