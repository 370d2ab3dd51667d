package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.parley.node.registration.Registration;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.node.store.Account;
import org.parley.node.store.AccountStore;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code admin users} and {@code admin kick}: the node's accounts, who is online where, and ending sessions. */
public final class SessionsAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsAdmin.class);

    private final String nodeName;
    private final AccountStore accounts;
    private final SessionRegistry registry;
    private final Registration registration;

    public SessionsAdmin(String nodeName, AccountStore accounts, SessionRegistry registry, Registration registration) {
        this.nodeName = nodeName;
        this.accounts = accounts;
        this.registry = registry;
        this.registration = registration;
    }

    public void addTo(Map<String, AdminAction> actions) {
        actions.put("users", this::users);
        actions.put("kick", this::kick);
    }

    private Future<AdminAnswer> users(AdminRequest request) {
        return accounts.all().map(all -> {
            Map<String, Account> byName = new TreeMap<>();
            all.forEach(account -> byName.put(account.name(), account));
            JsonArray users = new JsonArray();
            StringBuilder text = new StringBuilder();
            text.append(byName.size()).append(byName.size() == 1 ? " account" : " accounts").append(" on ")
                    .append(nodeName).append('\n');
            for (String name : byName.keySet()) {
                List<Session> sessions = registry.sessionsOf(name);
                boolean locked = registration.locked(name);
                JsonArray listed = new JsonArray();
                text.append(name).append("  ").append(sessions.isEmpty() ? "offline"
                        : "online, " + sessions.size() + (sessions.size() == 1 ? " session" : " sessions"))
                        .append(locked ? "  LOCKED" : "").append('\n');
                for (Session session : sessions) {
                    if (session instanceof ClientConnection connection) {
                        String since = Instant.ofEpochMilli(connection.loggedInAt()).toString();
                        String kind = connection.kind().name().toLowerCase(Locale.ROOT);
                        listed.add(new JsonObject().put("address", connection.remote()).put("since", since)
                                .put("kind", kind));
                        text.append("  ").append(connection.remote()).append("  since ").append(since).append("  ")
                                .append(kind).append('\n');
                    }
                }
                users.add(new JsonObject().put("name", name).put("locked", locked).put("sessions", listed));
            }
            return new AdminAnswer(text.toString().stripTrailing(), new JsonObject().put("users", users));
        });
    }

    private Future<AdminAnswer> kick(AdminRequest request) {
        String user = request.required("user");
        String reason = request.args().getString("reason");
        // a typo must not read as done: a name with no account is refused, as lock and delete refuse it
        return accounts.find(user).compose(found -> found.isPresent() ? Future.succeededFuture(kick(request, user, reason))
                : Future.failedFuture(new AdminRefusal("no account named '" + user + "' on " + nodeName)));
    }

    private AdminAnswer kick(AdminRequest request, String user, String reason) {
        int kicked = disconnect(user, ErrorCode.DISCONNECTED_BY_OPERATOR, "the operator of " + nodeName
                + " disconnected you" + (reason == null || reason.isBlank() ? "" : ": " + reason));
        LOG.info("Admin: {} kicked {} ({} session(s)){}", request.operator(), user, kicked,
                reason == null ? "" : ", reason: " + reason);
        return new AdminAnswer(kicked == 0 ? user + " has no session on " + nodeName
                : "disconnected " + kicked + (kicked == 1 ? " session" : " sessions") + " of " + user,
                new JsonObject().put("user", user).put("sessions", kicked));
    }

    /** Ends every session of {@code user}, telling each client {@code code} and {@code why}; returns how many. */
    int disconnect(String user, ErrorCode code, String why) {
        List<Session> sessions = registry.sessionsOf(user);
        for (Session session : sessions) {
            if (session instanceof ClientConnection connection) {
                connection.execute(() -> connection.end(code, why));
            }
        }
        return sessions.size();
    }
}
