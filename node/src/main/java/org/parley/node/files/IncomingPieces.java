package org.parley.node.files;

import org.parley.federation.bulk.BulkItem;
import org.parley.federation.bulk.BulkReceiver;
import org.parley.federation.bulk.Settled;
import org.parley.federation.bulk.Settlement;
import org.parley.federation.gossip.Directory;
import org.parley.federation.wire.Refusal;
import org.parley.node.mailbox.Handed;
import org.parley.node.mailbox.MailboxFullException;
import org.parley.node.mailbox.Mailboxes;
import org.parley.protocol.identity.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the pieces of files that linked nodes send on bulk streams to users of this node. A piece
 * goes to the recipient's sessions without being stored while they read live
 * ({@link Mailboxes#pass}); otherwise into their mailbox, within its quota. The sending node hears
 * which, per piece, when it is so: {@code delivered} once the recipient's client has it on disk.
 * The link peer is trusted for nothing but its own users: a piece whose sender is not a user of
 * the node that opened the stream is refused and logged.
 */
public final class IncomingPieces {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingPieces.class);
    private static final int MAX_ID_LENGTH = 64;

    private final String nodeName;
    private final Directory directory;
    private final Mailboxes mailboxes;

    public IncomingPieces(String nodeName, Directory directory, Mailboxes mailboxes) {
        this.nodeName = nodeName;
        this.directory = directory;
        this.mailboxes = mailboxes;
    }

    /** Takes a stream a peer opened; set as the acceptor of {@code FILE} streams. */
    public void accept(BulkReceiver stream) {
        stream.handler(item -> take(stream, item));
    }

    private void take(BulkReceiver stream, BulkItem item) {
        PieceHeader piece;
        UserAddress from;
        UserAddress to;
        try {
            piece = PieceHeader.decode(item.header());
            from = UserAddress.parse(piece.from(), stream.peer());
            to = UserAddress.parse(piece.to(), nodeName);
        } catch (IllegalArgumentException e) {
            LOG.warn("Refused a piece of a file on bulk stream {} from node {}: it is malformed ({})", stream.id(),
                    stream.peer(), e.getMessage());
            stream.settle(Settled.refused(item.seq(), Refusal.REFUSED));
            return;
        }
        if (!from.node().equals(stream.peer()) || piece.id().isEmpty() || piece.id().length() > MAX_ID_LENGTH) {
            LOG.warn("Refused piece {} from node {}: it speaks for {}, who is not that node's to send as, or its id"
                    + " is not 1 to {} characters", piece.id(), stream.peer(), from, MAX_ID_LENGTH);
            stream.settle(Settled.refused(item.seq(), Refusal.REFUSED));
            return;
        }
        if (!to.node().equals(nodeName) || directory.user(to).isEmpty()) {
            stream.settle(Settled.refused(item.seq(), Refusal.UNKNOWN_USER));
            return;
        }
        mailboxes.pass(to.name(), piece.id(), from.toString(), to.toString(), piece.sentAt(), item.body())
                .onComplete(handed -> {
                    if (handed.succeeded()) {
                        stream.settle(Settled.as(item.seq(), handed.result() == Handed.DELIVERED
                                ? Settlement.DELIVERED : Settlement.STORED));
                    } else if (handed.cause() instanceof MailboxFullException full) {
                        stream.settle(Settled.refused(item.seq(), full.overQuota() ? Refusal.OVER_QUOTA
                                : Refusal.MAILBOX_FULL));
                    } else {
                        LOG.error("Could not take piece {} from {} for {}; the stream is reset and {} sends it again",
                                piece.id(), from, to, stream.peer(), handed.cause());
                        stream.reset("node " + nodeName + " could not store piece " + piece.id());
                    }
                });
    }
}
