package org.parley.node.chat;

import org.parley.federation.FederationRefusal;
import org.parley.node.group.GroupRefusal;
import org.parley.node.mailbox.MailboxFullException;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a sender why this node did not take their message, whichever part refused it. */
public final class SendRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(SendRefusal.class);

    private SendRefusal() {
    }

    /** Call on the connection's context. */
    public static void tell(ClientConnection from, String id, Object to, Throwable cause) {
        if (cause instanceof GroupRefusal refusal) {
            from.fail(refusal.code(), refusal.getMessage(), id);
        } else if (cause instanceof FederationRefusal refusal) {
            from.fail(refusal.code(), refusal.getMessage(), id);
        } else if (cause instanceof MailboxFullException full) {
            from.fail(ErrorCode.MAILBOX_FULL, full.getMessage(), id);
        } else {
            LOG.error("Could not store message {} from {} for {}", id, from.user(), to, cause);
            from.fail(ErrorCode.INTERNAL, "the node could not store message " + id + "; send it again", id);
        }
    }
}
