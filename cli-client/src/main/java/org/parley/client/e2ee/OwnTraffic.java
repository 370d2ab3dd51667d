package org.parley.client.e2ee;

import org.parley.protocol.message.ReceiptStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.message.Receipt;

/**
 * Ids of the messages the client wrote for itself (group keys given to members, pieces of files,
 * a declined file's notice): their receipts are not news for the user. Each id leaves at its first
 * receipt.
 */
final class OwnTraffic {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    void add(String id) {
        ids.add(id);
    }

    /** Whether {@code receipt} is about a message of the client's own; asked once per receipt. */
    boolean isOwn(Receipt receipt) {
        // Only a file's last piece asks for "stored", and that receipt may come before or after its
        // "delivered": it is always ours, and leaves the id for the other one.
        return ReceiptStatus.STORED.equals(receipt.status()) || ids.remove(receipt.id());
    }
}
