package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.parley.node.registration.Invite;
import org.parley.node.registration.Registration;
import org.parley.node.registration.RegistrationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code admin registration} and {@code admin invite}: whether and how new names are registered. */
public final class RegistrationAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationAdmin.class);

    private final String nodeName;
    private final Registration registration;

    public RegistrationAdmin(String nodeName, Registration registration) {
        this.nodeName = nodeName;
        this.registration = registration;
    }

    public void addTo(Map<String, AdminAction> actions) {
        actions.put("registration", this::registration);
        actions.put("invite-create", this::createInvite);
        actions.put("invite-list", this::listInvites);
    }

    /** With a mode, sets it; without, says which is in force. */
    private Future<AdminAnswer> registration(AdminRequest request) {
        String wanted = request.args().getString("mode");
        if (wanted == null) {
            RegistrationMode mode = registration.mode();
            return Future.succeededFuture(new AdminAnswer("registration on " + nodeName + " is " + mode.word(),
                    new JsonObject().put("mode", mode.word())));
        }
        RegistrationMode mode;
        try {
            mode = RegistrationMode.parse(wanted);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new AdminRefusal(e.getMessage()));
        }
        return registration.mode(mode).map(before -> {
            LOG.info("Admin: {} set registration on {} from {} to {}", request.operator(), nodeName, before.word(),
                    mode.word());
            return new AdminAnswer("registration on " + nodeName + " is " + mode.word()
                    + (before == mode ? " (it was already)" : " (was " + before.word() + ")"),
                    new JsonObject().put("mode", mode.word()).put("before", before.word()));
        });
    }

    private Future<AdminAnswer> createInvite(AdminRequest request) {
        int uses = request.args().getInteger("uses", 1);
        if (uses < 1) {
            return Future.failedFuture(new AdminRefusal("an invite needs at least one use, not " + uses));
        }
        return registration.createInvite(uses, request.operator()).map(invite -> {
            LOG.info("Admin: {} made an invite code for {} new name(s)", request.operator(), uses);
            String note = registration.mode() == RegistrationMode.INVITE ? ""
                    : "\n(registration is " + registration.mode().word() + " now: invites count once it is invite)";
            return new AdminAnswer(invite.code() + "\ngood for " + uses + (uses == 1 ? " new name" : " new names")
                    + "; a new user gives it with: parley --invite " + invite.code() + note, json(invite));
        });
    }

    private Future<AdminAnswer> listInvites(AdminRequest request) {
        return registration.invites().map(invites -> {
            JsonArray listed = new JsonArray();
            StringBuilder text = new StringBuilder(invites.isEmpty() ? "no invite codes" : "");
            for (Invite invite : invites) {
                listed.add(json(invite));
                text.append(invite.code()).append("  ").append(invite.usesLeft()).append(" left, ")
                        .append(invite.uses()).append(" used  made ").append(Instant.ofEpochMilli(invite.createdAt()))
                        .append(" by ").append(invite.createdBy()).append('\n');
            }
            return new AdminAnswer(text.toString().stripTrailing(), new JsonObject().put("invites", listed)
                    .put("mode", registration.mode().word()));
        });
    }

    private static JsonObject json(Invite invite) {
        return new JsonObject().put("code", invite.code()).put("usesLeft", invite.usesLeft()).put("uses", invite.uses())
                .put("createdAt", Instant.ofEpochMilli(invite.createdAt()).toString())
                .put("createdBy", invite.createdBy());
    }
}
