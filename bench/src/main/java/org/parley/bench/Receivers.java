package org.parley.bench;

import java.util.concurrent.TimeUnit;

/**
 * Where the receiving end of each pair logs in: on the senders' node (the default), or on another
 * node of the network, addressed {@code name@node}. Across nodes, the generator waits for gossip to
 * carry the new users' names before the first message, or the first messages would be refused.
 *
 * @param port          the receivers' client port
 * @param receiverNode  the receivers' node name; null when they share the senders' node
 * @param senderNode    the senders' node name, for answers in the latency run; null on one node
 * @param settleSeconds how long gossip gets before traffic starts
 */
record Receivers(int port, String receiverNode, String senderNode, int settleSeconds) {

    static Receivers sameNode(int port) {
        return new Receivers(port, null, null, 0);
    }

    String address(String name) {
        return receiverNode == null ? name : name + "@" + receiverNode;
    }

    String senderAddress(String name) {
        return senderNode == null ? name : name + "@" + senderNode;
    }

    /** Appended to the target's name in results. */
    String label() {
        return receiverNode == null ? "" : "-cross-node";
    }

    void settle() throws InterruptedException {
        TimeUnit.SECONDS.sleep(settleSeconds); // load generator pacing, not test synchronisation
    }
}
