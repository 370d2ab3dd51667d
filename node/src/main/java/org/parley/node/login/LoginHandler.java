package org.parley.node.login;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.parley.node.chat.UserPresence;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.registration.Registration;
import org.parley.node.tls.CertificateVouch;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.Account;
import org.parley.node.store.AccountStore;
import org.parley.node.store.NameTakenException;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.Ed25519;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.identity.Name;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ClientHello;
import org.parley.node.limits.PasswordHashing;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Login;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hello and login: version check, a fresh challenge, then register-or-authenticate. A name belongs
 * to the identity key that registered it; a login proves that key by signing the challenge. Signature
 * checks, password hashing and store access all run on worker threads.
 */
public final class LoginHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);
    private static final int CHALLENGE_BYTES = 32;
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final Vertx vertx;
    private final String nodeName;
    private final boolean requirePassword;
    private final int heartbeatSeconds;
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionRegistry registry;
    private final UserPresence presence;
    private final Mailboxes mailboxes;
    private final LoginLimits limits;
    private final SecureRandom random = new SecureRandom();
    /** The node's signature on its TLS certificate as it stands (the certificate may be renewed while the node runs). */
    private final Supplier<CertificateVouch> vouch;
    private final Registration registration;
    private final BooleanSupplier draining;

    /**
     * @param registration who may register a new name, and which accounts are locked
     * @param draining     true once the node is shutting down: it then takes no more logins
     */
    public LoginHandler(Vertx vertx, String nodeName, boolean requirePassword, int heartbeatSeconds,
                        AccountStore accounts, PasswordHasher hasher, SessionRegistry registry,
                        UserPresence presence, Mailboxes mailboxes, LoginLimits limits,
                        Supplier<CertificateVouch> vouch, Registration registration,
                        BooleanSupplier draining) {
        this.registration = registration;
        this.draining = draining;
        this.limits = limits;
        this.vouch = vouch;
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.requirePassword = requirePassword;
        this.heartbeatSeconds = heartbeatSeconds;
        this.accounts = accounts;
        this.hasher = hasher;
        this.registry = registry;
        this.presence = presence;
        this.mailboxes = mailboxes;
    }

    public void onHello(ClientConnection connection, ClientHello hello, byte[] body) {
        if (hello.version() != Protocol.VERSION) {
            connection.fail(ErrorCode.UNSUPPORTED_VERSION, nodeName + " speaks protocol version " + Protocol.VERSION
                    + "; the client sent version " + hello.version(), null);
            return;
        }
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        connection.challenge(challenge);
        connection.state(ClientConnection.State.AWAITING_LOGIN);
        CertificateVouch signed = vouch.get();
        connection.send(new ServerHello(Protocol.VERSION, nodeName, Base64Key.encode(challenge), heartbeatSeconds,
                requirePassword, signed.nodeKey(), signed.signature()));
    }

    public void onLogin(ClientConnection connection, Login login, byte[] body) {
        if (draining.getAsBoolean()) {
            connection.fail(ErrorCode.NODE_SHUTTING_DOWN, nodeName + " is shutting down and takes no logins;"
                    + " try again later", null);
            return;
        }
        if (!Name.isValid(login.user())) {
            connection.fail(ErrorCode.INVALID_NAME, "invalid user name '" + String.valueOf(login.user())
                    + "': " + Name.RULE, null);
            return;
        }
        byte[] signingKey;
        byte[] agreementKey;
        byte[] signature;
        try {
            signingKey = Base64Key.decode(login.signingKey(), Ed25519.KEY_BYTES, "signingKey");
            agreementKey = Base64Key.decode(login.agreementKey(), 32, "agreementKey");
            signature = Base64Key.decode(login.signature(), Ed25519.SIGNATURE_BYTES, "signature");
        } catch (IllegalArgumentException e) {
            connection.fail(ErrorCode.BAD_SIGNATURE, e.getMessage(), null);
            return;
        }
        if (login.password() != null && (login.password().isEmpty() || login.password().length() > MAX_PASSWORD_CHARS)) {
            connection.fail(ErrorCode.BAD_PASSWORD, "a password must be 1 to " + MAX_PASSWORD_CHARS + " characters",
                    null);
            return;
        }
        long wait = Math.max(limits.attempts.take(connection.address()), limits.failures.waitMillis(login.user()));
        if (wait > 0) {
            // Not fatal: the client may try again on this connection once the wait is over.
            connection.fail(ErrorFrame.rateLimited("too many login attempts from " + connection.address() + " or for '"
                    + login.user() + "'; try again in " + seconds(wait), null, wait));
            return;
        }
        connection.state(ClientConnection.State.AUTHENTICATING);
        byte[] transcript = LoginTranscript.of(nodeName, login.user(), Base64Key.encode(connection.challenge()),
                login.signingKey(), login.agreementKey());
        vertx.executeBlocking(() -> Ed25519.verify(signingKey, transcript, signature), false)
                .compose(valid -> valid
                        ? accounts.find(login.user())
                        : refused(ErrorCode.BAD_SIGNATURE, "the login signature does not match the signing key"))
                .compose(existing -> authenticate(connection, login, signingKey, agreementKey, existing))
                .onComplete(result -> {
                    countFailure(login.user(), result);
                    if (connection.state() != ClientConnection.State.AUTHENTICATING) {
                        return; // it hung up while we were checking
                    }
                    if (result.succeeded()) {
                        welcome(connection, login.user(), result.result(), signingKey, agreementKey);
                    } else if (result.cause() instanceof LoginRefused refused && refused.retryAfterMillis > 0) {
                        connection.state(ClientConnection.State.AWAITING_LOGIN);
                        connection.fail(ErrorFrame.rateLimited(refused.getMessage(), null, refused.retryAfterMillis));
                    } else if (result.cause() instanceof LoginRefused refused) {
                        connection.fail(refused.code, refused.getMessage(), null);
                    } else {
                        LOG.error("Login of '{}' from {} failed inside the node", login.user(), connection.remote(),
                                result.cause());
                        connection.fail(ErrorCode.INTERNAL, "the node could not complete the login; try again", null);
                    }
                });
    }

    /**
     * A wrong password counts toward the account's waits; a success clears them. Only a holder of the
     * account's identity key gets as far as its password (the signature is checked first), so the
     * waits slow a thief who guesses, and nobody else can make the owner wait.
     */
    private void countFailure(String user, io.vertx.core.AsyncResult<Boolean> result) {
        if (result.succeeded()) {
            limits.failures.succeeded(user);
        } else if (result.cause() instanceof LoginRefused refused && refused.code == ErrorCode.BAD_PASSWORD) {
            limits.failures.failed(user);
        }
    }

    /** Resolves to true if this login registered the name. */
    private Future<Boolean> authenticate(ClientConnection connection, Login login, byte[] signingKey,
                                         byte[] agreementKey, Optional<Account> existing) {
        if (existing.isPresent()) {
            Account account = existing.get();
            if (!account.hasKeys(signingKey, agreementKey)) {
                return refused(ErrorCode.NAME_TAKEN, "the name '" + login.user() + "' is taken on " + nodeName
                        + " by another identity key; choose another name");
            }
            if (registration.locked(login.user())) {
                LOG.info("Refused a login of '{}' from {}: the account is locked", login.user(), connection.remote());
                return refused(ErrorCode.ACCOUNT_LOCKED, "the account '" + login.user() + "' is locked on " + nodeName
                        + "; ask its operator");
            }
            if (account.passwordHash() == null) {
                return Future.succeededFuture(false);
            }
            if (login.password() == null) {
                return refused(ErrorCode.PASSWORD_REQUIRED, "the account '" + login.user() + "' has a password;"
                        + " give it with --password-file");
            }
            return hashed(() -> hasher.verify(login.password(), account.passwordHash()))
                    .compose(ok -> ok ? Future.succeededFuture(false)
                            : refused(ErrorCode.BAD_PASSWORD, "wrong password for '" + login.user() + "'"));
        }
        if (requirePassword && login.password() == null) {
            return refused(ErrorCode.PASSWORD_REQUIRED, nodeName + " requires a password for new accounts;"
                    + " give one with --password-file");
        }
        long wait = limits.registrations.take(connection.address());
        if (wait > 0) {
            return Future.failedFuture(new LoginRefused(ErrorCode.RATE_LIMITED, "too many new accounts from "
                    + connection.address() + "; try again in " + seconds(wait), wait));
        }
        return registration.admitNewName(login.user(), login.invite()).compose(verdict -> {
            if (verdict instanceof Registration.Verdict.Refused refusal) {
                LOG.info("Refused to register '{}' from {}: {}", login.user(), connection.remote(), refusal.code());
                return refused(refusal.code(), refusal.why());
            }
            Registration.Verdict.Admitted admitted = (Registration.Verdict.Admitted) verdict;
            return register(login, signingKey, agreementKey)
                    .onFailure(e -> registration.giveBack(admitted));
        });
    }

    private Future<Boolean> register(Login login, byte[] signingKey, byte[] agreementKey) {
        Future<String> hash = login.password() == null ? Future.succeededFuture(null)
                : hashed(() -> hasher.hash(login.password()));
        return hash.compose(h -> accounts.create(
                        new Account(login.user(), signingKey, agreementKey, h, System.currentTimeMillis())))
                .map(true)
                .recover(e -> e instanceof NameTakenException
                        ? refused(ErrorCode.NAME_TAKEN, "the name '" + login.user() + "' was just taken on " + nodeName
                        + "; choose another name")
                        : Future.failedFuture(e));
    }

    private void welcome(ClientConnection connection, String name, boolean registered, byte[] signingKey,
                         byte[] agreementKey) {
        UserAddress address = new UserAddress(name, nodeName);
        if (registration.locked(name)) {
            // locked while the login was being checked: the lock ended the sessions it found, not this one
            LOG.info("Refused a login of '{}' from {}: the account was locked meanwhile", name, connection.remote());
            connection.end(ErrorCode.ACCOUNT_LOCKED, "the account '" + name + "' is locked on " + nodeName);
            return;
        }
        connection.loggedIn(address);
        // Welcome goes first: once in the registry, others may queue messages for this session.
        connection.send(new Welcome(address.toString(), nodeName, registered));
        registry.add(connection);
        mailboxes.opened(connection);
        LOG.info("{} logged in from {}{}", address, connection.remote(), registered ? " (new account)" : "");
        presence.opened(address, signingKey, agreementKey);
    }

    /** Ends a logged-in session: out of the registry, and a leave notice if it was the user's last. */
    public void onClosed(ClientConnection connection, String reason) {
        if (connection.user() == null) {
            return;
        }
        LOG.info("{} left ({}): {}", connection.user(), connection.remote(), reason);
        registry.remove(connection);
        mailboxes.closed(connection);
        presence.closed(connection, reason);
    }

    /** Password work on its bounded pool; a full queue refuses the login for a second. */
    private <T> Future<T> hashed(java.util.concurrent.Callable<T> work) {
        return limits.hashing.submit(work).recover(e -> e instanceof PasswordHashing.Busy busy
                ? Future.failedFuture(new LoginRefused(ErrorCode.RATE_LIMITED, nodeName + " is busy: "
                + busy.getMessage() + "; try again in a second", 1000))
                : Future.failedFuture(e));
    }

    private static String seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000) + " s";
    }

    private static <T> Future<T> refused(ErrorCode code, String message) {
        return Future.failedFuture(new LoginRefused(code, message, 0));
    }

    /** A login the rules refuse, as opposed to one the node failed to process; with a wait, it may try again. */
    private static final class LoginRefused extends RuntimeException {
        private final ErrorCode code;
        private final long retryAfterMillis;

        LoginRefused(ErrorCode code, String message, long retryAfterMillis) {
            super(message, null, false, false);
            this.code = code;
            this.retryAfterMillis = retryAfterMillis;
        }
    }
}
