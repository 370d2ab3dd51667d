package org.parley.client.e2ee;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.parley.client.net.NodeSession;
import org.parley.client.net.RefusedException;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.Accepted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a key the client made (a group's sender key, a voice room's key) to other users, each in a
 * direct message sealed for them, as Signal and Matrix hand out sender keys. The messages are the
 * client's own traffic: their receipts are not news for the user. A user the network no longer
 * knows (their node left) is skipped and logged; the others still get the key.
 */
final class KeyHandover {

    private static final Logger LOG = LoggerFactory.getLogger(KeyHandover.class);

    private final NodeSession session;
    private final DirectMessages direct;
    private final OwnTraffic own;

    KeyHandover(NodeSession session, DirectMessages direct, OwnTraffic own) {
        this.session = session;
        this.direct = direct;
        this.own = own;
    }

    /**
     * Gives {@code plaintext} (a marked key) to each of {@code users} but us; completes when our node
     * accepted every message.
     *
     * @param what names the key in the log: "the key of #team@node-a"
     */
    Future<Void> give(Collection<String> users, byte[] plaintext, String what) {
        List<Future<Accepted>> given = new ArrayList<>();
        for (String user : users) {
            if (user.equals(session.user())) {
                continue;
            }
            String id = NodeSession.newMessageId();
            own.add(id);
            given.add(direct.seal(user, id, plaintext)
                    .compose(sealed -> session.send(id, sealed.to(), sealed.body()))
                    .recover(e -> {
                        if (e instanceof RefusedException refused && refused.code() == ErrorCode.UNKNOWN_USER) {
                            LOG.info("No {} for {}: {}", what, user, e.getMessage());
                            return Future.succeededFuture();
                        }
                        return Future.failedFuture(e);
                    }));
        }
        return Future.all(given).mapEmpty();
    }
}
