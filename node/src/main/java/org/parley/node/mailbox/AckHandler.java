package org.parley.node.mailbox;

import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.ErrorCode;

/** A client confirms messages it has: they leave its user's mailbox. */
public final class AckHandler implements FrameHandler<Ack> {

    private final Mailboxes mailboxes;

    public AckHandler(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public void handle(ClientConnection connection, Ack ack, byte[] body) {
        if (ack.ids() == null || ack.ids().isEmpty() || ack.ids().size() > Ack.MAX_IDS
                || ack.ids().stream().anyMatch(id -> id == null || id.isEmpty())) {
            connection.fail(ErrorCode.BAD_REQUEST, "an ack carries 1 to " + Ack.MAX_IDS + " message ids", null);
            return;
        }
        mailboxes.acknowledged(connection, ack.ids());
    }
}
