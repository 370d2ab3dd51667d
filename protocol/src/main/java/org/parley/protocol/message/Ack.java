package org.parley.protocol.message;

import java.util.List;

/**
 * The client has these messages (it showed them or recorded them): the node deletes them from the
 * user's mailbox and tells each sender "delivered". Until then a message stays in the mailbox and is
 * sent again at the next login, so delivery is at least once; clients drop repeats by id.
 *
 * @param ids ids of {@link Delivery} frames this session received, at most 1,000
 */
public record Ack(List<String> ids) implements ClientMessage {

    public static final int MAX_IDS = 1000;
}
