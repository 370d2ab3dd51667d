package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import org.parley.federation.Federation;
import org.parley.federation.LinkStatus;
import org.parley.federation.PeerAddress;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.identity.Name;

/** {@code admin links} and {@code admin peer add|remove}: the node's links, and whom it links with. */
public final class LinksAdmin {

    private final String nodeName;
    private final Federation federation;

    public LinksAdmin(String nodeName, Federation federation) {
        this.nodeName = nodeName;
        this.federation = federation;
    }

    public void addTo(Map<String, AdminAction> actions) {
        actions.put("links", this::links);
        actions.put("peer-add", this::addPeer);
        actions.put("peer-remove", this::removePeer);
    }

    private Future<AdminAnswer> links(AdminRequest request) {
        return federation.linkStatus().map(all -> {
            JsonArray links = new JsonArray();
            StringBuilder text = new StringBuilder(all.isEmpty() ? nodeName + " has no peers" : "");
            for (LinkStatus link : all) {
                String node = link.node() == null ? "(not answered yet)" : link.node();
                String state = link.state().name().toLowerCase(Locale.ROOT);
                links.add(new JsonObject().put("node", link.node()).put("address", link.address()).put("state", state)
                        .put("rttMillis", link.rttMillis() < 0 ? null : link.rttMillis())
                        .put("outbox", link.waiting()));
                text.append(node).append("  ").append(state)
                        .append("  ").append(link.address() == null ? "-" : link.address())
                        .append("  rtt ").append(link.rttMillis() < 0 ? "-" : link.rttMillis() + " ms")
                        .append("  outbox ").append(link.waiting()).append('\n');
            }
            return new AdminAnswer(text.toString().stripTrailing(), new JsonObject().put("links", links));
        });
    }

    private Future<AdminAnswer> addPeer(AdminRequest request) {
        String node = request.required("node");
        String fingerprint = request.required("fingerprint");
        String addressText = request.args().getString("address");
        if (!Name.isValid(node)) {
            return Future.failedFuture(new AdminRefusal("'" + node + "' is not a node name"));
        }
        if (!Fingerprint.isWellFormed(fingerprint)) {
            return Future.failedFuture(new AdminRefusal("the fingerprint of " + node + " must look like SHA256: and 43"
                    + " base64 characters, as `parley-node fingerprint` prints it on that node's machine"));
        }
        PeerAddress address;
        try {
            address = addressText == null ? null : PeerAddress.parse(addressText);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new AdminRefusal(e.getMessage()));
        }
        return federation.addPeer(node, fingerprint, address)
                .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException ? new AdminRefusal(e.getMessage()) : e))
                .map(v -> new AdminAnswer(nodeName + " trusts " + node + " (" + fingerprint + ")"
                        + (address == null ? "" : " and dials it at " + address)
                        + "; to keep this after a restart, add it to the config's peerFingerprints",
                        new JsonObject().put("node", node).put("fingerprint", fingerprint)
                                .put("address", addressText)));
    }

    private Future<AdminAnswer> removePeer(AdminRequest request) {
        String node = request.required("node");
        return federation.removePeer(node).map(was -> new AdminAnswer(was ? nodeName + " no longer links with " + node
                + "; to keep this after a restart, remove it from the config" : node + " was not a peer of " + nodeName,
                new JsonObject().put("node", node).put("removed", was)));
    }
}
