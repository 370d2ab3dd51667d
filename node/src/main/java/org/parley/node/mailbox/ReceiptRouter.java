package org.parley.node.mailbox;

import java.util.List;
import org.parley.federation.Federation;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ReceiptStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes news of a message back to its sender: to the sender's sessions here, or across the network
 * to the sender's node. A sender who is offline misses it; the message itself is not affected.
 */
public final class ReceiptRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRouter.class);

    private final String nodeName;
    private final SessionRegistry registry;
    private volatile Federation federation;

    public ReceiptRouter(String nodeName, SessionRegistry registry) {
        this.nodeName = nodeName;
        this.registry = registry;
    }

    /** Receipts for users of other nodes go through {@code federation} from now on. */
    public void attach(Federation federation) {
        this.federation = federation;
    }

    /**
     * @param sender    who sent message {@code id}, qualified as stored
     * @param recipient who received it, qualified
     */
    public void send(String sender, String recipient, String id, ReceiptStatus status) {
        if (GroupAddress.isGroup(recipient)) {
            return; // a group message: its sender would hear once per member; clients do not ask for that
        }
        UserAddress to;
        try {
            to = UserAddress.parse(sender, nodeName);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (to.node().equals(nodeName)) {
            List<Session> sessions = registry.sessionsOf(to.name());
            if (!sessions.isEmpty()) {
                byte[] frame = FrameEncoder.server().encode(new Receipt(id, recipient, status));
                sessions.forEach(session -> session.deliver(frame));
            }
        } else if (federation != null) {
            federation.sendReceipt(UserAddress.parse(recipient, nodeName), to, id, status);
        } else {
            LOG.debug("Dropped a {} receipt for {}: the network is not up yet", status, sender);
        }
    }
}
