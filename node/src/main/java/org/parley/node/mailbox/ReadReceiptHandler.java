package org.parley.node.mailbox;

import org.parley.node.delivery.DeliveryPort;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ReadReceipt;
import org.parley.protocol.message.Receipt;

/** A user saw a message: its sender hears "read". The reader is the session's user, never what the client wrote. */
public final class ReadReceiptHandler implements FrameHandler<ReadReceipt> {

    private final String nodeName;
    private final DeliveryPort receipts;

    public ReadReceiptHandler(String nodeName, DeliveryPort receipts) {
        this.nodeName = nodeName;
        this.receipts = receipts;
    }

    @Override
    public void handle(ClientConnection connection, ReadReceipt read, byte[] body) {
        if (read.id() == null || read.id().isEmpty() || read.from() == null) {
            connection.fail(ErrorCode.BAD_REQUEST, "a read receipt needs the message's id and sender", read.id());
            return;
        }
        try {
            UserAddress.parse(read.from(), nodeName);
        } catch (IllegalArgumentException e) {
            connection.fail(ErrorCode.BAD_REQUEST, "bad sender in read receipt: " + e.getMessage(), read.id());
            return;
        }
        receipts.receipt(read.from(), connection.qualifiedName(), read.id(), ReceiptStatus.READ);
    }
}
