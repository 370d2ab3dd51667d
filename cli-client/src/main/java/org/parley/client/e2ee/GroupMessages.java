package org.parley.client.e2ee;

import org.parley.protocol.message.GroupAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.client.trust.PublicKeys;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.GroupSeal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.GroupRequest;

/**
 * Posts to a group: sealed under our sender key for the group's current membership epoch
 * ({@link GroupKeys}), every member's keys checked against their pins as for a direct message;
 * opened with the key their sender gave us, the signature checked against the sender's pin.
 */
final class GroupMessages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final NodeSession session;
    private final IdentityKeys me;
    private final GroupKeys keys;

    GroupMessages(Vertx vertx, NodeSession session, IdentityKeys me, GroupKeys keys) {
        this.vertx = vertx;
        this.session = session;
        this.me = me;
        this.keys = keys;
    }

    /** {@code plaintext} sealed as message {@code id} for group {@code to}, addressed to its full name. */
    Future<Sealed> seal(String id, String to, byte[] plaintext) {
        return session.group(GroupAction.MEMBERS, to, null, null).recover(e -> {
            // An invite-only group tells a non-member only that it is invite-only: to one just kicked, that misled.
            if (e instanceof RefusedException refused && refused.code() == ErrorCode.NOT_MEMBER) {
                return Future.failedFuture(notAMember(to));
            }
            return Future.failedFuture(e);
        }).compose(info -> {
            if (info.members().stream().noneMatch(member -> member.user().equals(session.user()))) {
                return Future.failedFuture(notAMember(info.group()));
            }
            return keys.ownKey(info).compose(ours -> vertx.executeBlocking(() -> new Sealed(info.group(),
                    GroupSeal.seal(me, id, session.user(), ours, plaintext, RANDOM)), false));
        });
    }

    private static IllegalStateException notAMember(String group) {
        return new IllegalStateException("you are not a member of " + group + " (any more, if you were: removed by"
                + " its owner, or you left); nothing was sent");
    }

    /** The plaintext of a post {@code sender} (their pinned keys) sealed under their key for the group; on a worker. */
    byte[] open(Delivery delivery, byte[] body, PublicKeys sender) throws OpenFailure {
        GroupSeal.Label label = GroupSeal.label(body);
        return GroupSeal.open(delivery.id(), delivery.from(), delivery.to(), sender.signing(),
                keys.of(delivery.from(), delivery.to(), label.keyId()).orElseThrow(() -> new OpenFailure(
                        OpenFailure.Kind.UNDECRYPTABLE, "group message " + delivery.id() + " from " + delivery.from()
                        + " needs a key " + delivery.from() + " never gave us")), body);
    }
}
