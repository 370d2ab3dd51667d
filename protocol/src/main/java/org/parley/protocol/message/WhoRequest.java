package org.parley.protocol.message;

/**
 * Asks for one page of the network's users, or for one user; the node answers with a
 * {@link UserList} carrying the same {@code id}. Users come in the order of node, then name; a
 * client asks for the next page with the {@code next} of the answer as {@code after}, until an
 * answer has no {@code next}. Asking about one {@code user} also subscribes the asking session to
 * that user's presence for as long as it lasts.
 *
 * @param id    the request's id, repeated in the answer
 * @param after null for the first page, else the {@code next} of the page before (a user address)
 * @param limit at most this many users (the node caps it, see {@link #MAX_PAGE}); null for the cap
 * @param user  null for the listing; else the one user asked about (an address), whose presence
 *              this session hears from then on
 */
public record WhoRequest(String id, String after, Integer limit, String user) implements ClientMessage {

    /** The most users a node puts in one answer: a page stays far below the frame limits. */
    public static final int MAX_PAGE = 1000;

    /** A page of the listing. */
    public WhoRequest(String id, String after, Integer limit) {
        this(id, after, limit, null);
    }

    /** The first page, as large as the node gives. */
    public WhoRequest(String id) {
        this(id, null, null, null);
    }

    /** One user, whose presence the asking session hears from then on. */
    public static WhoRequest about(String id, String user) {
        return new WhoRequest(id, null, null, user);
    }
}
