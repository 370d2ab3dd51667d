package org.parley.node.admin;

/** An admin command the node will not carry out as asked (no such user, a bad argument): said to the operator. */
public final class AdminRefusal extends RuntimeException {

    public AdminRefusal(String message) {
        super(message, null, false, false);
    }
}
