package org.parley.node.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.parley.federation.Federation;
import org.parley.federation.wire.ReceiptNote;
import org.parley.node.session.Session;
import org.parley.node.session.SessionRegistry;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.Name;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.ReceiptStatus;
import org.parley.protocol.message.ServerMessage;

/**
 * The delivery port over this node's {@link SessionRegistry} and its {@link Federation}: a user of
 * this node is reached through their sessions, anyone else through the network.
 */
public final class SessionsAndNetwork implements DeliveryPort {

    private final String nodeName;
    private final SessionRegistry registry;
    private final Federation federation;

    /** @param federation the node's federation, which must be open before news for other nodes is sent */
    public SessionsAndNetwork(String nodeName, SessionRegistry registry, Federation federation) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.federation = federation;
    }

    @Override
    public int toSessions(String user, ServerMessage news) {
        List<Session> sessions = registry.sessionsOf(user);
        return sessions.isEmpty() ? 0 : deliver(sessions, FrameEncoder.server().encode(news));
    }

    @Override
    public int toSessions(String user, byte[] frame) {
        return deliver(registry.sessionsOf(user), frame);
    }

    private static int deliver(List<Session> sessions, byte[] frame) {
        int took = 0;
        for (Session session : sessions) {
            if (session.deliver(frame)) {
                took++;
            }
        }
        return took;
    }

    @Override
    public int toEveryoneHere(byte[] frame, UserAddress except) {
        int[] took = {0};
        registry.forEachSession(session -> {
            if (!session.user().equals(except) && session.deliver(frame)) {
                took[0]++;
            }
        });
        return took[0];
    }

    @Override
    public boolean online(String user) {
        return !registry.sessionsOf(user).isEmpty();
    }

    @Override
    public void toUsers(Collection<String> users, ServerMessage news, BiConsumer<String, List<String>> elsewhere) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        byte[] frame = null;
        for (String user : users) {
            UserAddress address = UserAddress.parse(user, nodeName);
            if (address.node().equals(nodeName)) {
                List<Session> sessions = registry.sessionsOf(address.name());
                if (!sessions.isEmpty()) {
                    frame = frame == null ? FrameEncoder.server().encode(news) : frame;
                    deliver(sessions, frame);
                }
            } else {
                byNode.computeIfAbsent(address.node(), n -> new ArrayList<>()).add(user);
            }
        }
        byNode.forEach(elsewhere);
    }

    @Override
    public void receipt(String sender, String recipient, String id, ReceiptStatus status) {
        if (GroupAddress.isGroup(recipient)) {
            return; // a group message: its sender would hear once per member; clients do not ask for that
        }
        // Checked as UserAddress.parse would, but not parsed into addresses and written out again: a
        // receipt follows every message delivered here, most of them for a sender on another node.
        int at = sender.indexOf('@');
        if (at < 0 || sender.length() - at - 1 == nodeName.length() && sender.startsWith(nodeName, at + 1)) {
            String name = at < 0 ? sender : sender.substring(0, at);
            if (Name.isValid(name)) {
                toSessions(name, new Receipt(id, recipient, status));
            }
        } else if (UserAddress.isQualified(sender)) {
            federation.sendReceipt(sender.substring(at + 1),
                    new ReceiptNote(id, UserAddress.qualify(recipient, nodeName), sender, status));
        }
    }
}
