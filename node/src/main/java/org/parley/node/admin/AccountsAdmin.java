package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.parley.node.login.AccountDeletion;
import org.parley.node.registration.Registration;
import org.parley.node.store.AccountStore;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code admin lock}, {@code unlock} and {@code delete}: what the operator may do to one account. */
public final class AccountsAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsAdmin.class);

    private final String nodeName;
    private final AccountStore accounts;
    private final Registration registration;
    private final AccountDeletion deletion;
    private final SessionsAdmin sessions;

    public AccountsAdmin(String nodeName, AccountStore accounts, Registration registration, AccountDeletion deletion,
                         SessionsAdmin sessions) {
        this.nodeName = nodeName;
        this.accounts = accounts;
        this.registration = registration;
        this.deletion = deletion;
        this.sessions = sessions;
    }

    public void addTo(Map<String, AdminAction> actions) {
        actions.put("lock", this::lock);
        actions.put("unlock", this::unlock);
        actions.put("delete", this::delete);
    }

    private Future<AdminAnswer> lock(AdminRequest request) {
        String user = request.required("user");
        return existing(user).compose(v -> registration.lock(user, request.operator())).map(changed -> {
            int ended = sessions.disconnect(user, ErrorCode.ACCOUNT_LOCKED, "the operator of " + nodeName
                    + " locked your account");
            LOG.info("Admin: {} locked the account {}{}", request.operator(), user,
                    ended == 0 ? "" : " and ended its " + ended + " session(s)");
            return new AdminAnswer(changed ? "locked " + user + (ended == 0 ? "" : "; ended " + ended
                    + (ended == 1 ? " session" : " sessions")) : user + " was locked already",
                    new JsonObject().put("user", user).put("locked", true).put("changed", changed)
                            .put("sessionsEnded", ended));
        });
    }

    private Future<AdminAnswer> unlock(AdminRequest request) {
        String user = request.required("user");
        return registration.unlock(user).map(changed -> {
            LOG.info("Admin: {} unlocked the account {}{}", request.operator(), user, changed ? "" : " (it was not locked)");
            return new AdminAnswer(changed ? "unlocked " + user : user + " was not locked",
                    new JsonObject().put("user", user).put("locked", false).put("changed", changed));
        });
    }

    private Future<AdminAnswer> delete(AdminRequest request) {
        String user = request.required("user");
        return existing(user).compose(v -> deletion.delete(new UserAddress(user, nodeName), null)).map(deleted -> {
            LOG.info("Admin: {} deleted the account {}", request.operator(), user);
            return new AdminAnswer("deleted the account " + user + "; the name is free again",
                    new JsonObject().put("user", user).put("deleted", deleted));
        });
    }

    private Future<Void> existing(String user) {
        return accounts.find(user).compose(found -> found.isPresent() ? Future.succeededFuture()
                : Future.failedFuture(new AdminRefusal("no account named '" + user + "' on " + nodeName)));
    }
}
