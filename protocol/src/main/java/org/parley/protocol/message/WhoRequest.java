package org.parley.protocol.message;

/**
 * Asks for one page of the network's users; the node answers with a {@link UserList} carrying the
 * same {@code id}. Users come in the order of node, then name; a client asks for the next page with
 * the {@code next} of the answer as {@code after}, until an answer has no {@code next}.
 *
 * @param id    the request's id, repeated in the answer
 * @param after null for the first page, else the {@code next} of the page before (a user address)
 * @param limit at most this many users (the node caps it, see {@link #MAX_PAGE}); null for the cap
 */
public record WhoRequest(String id, String after, Integer limit) implements ClientMessage {

    /** The most users a node puts in one answer: a page stays far below the frame limits. */
    public static final int MAX_PAGE = 1000;

    /** The first page, as large as the node gives. */
    public WhoRequest(String id) {
        this(id, null, null);
    }
}
