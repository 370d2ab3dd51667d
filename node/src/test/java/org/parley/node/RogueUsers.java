package org.parley.node;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.parley.federation.gossip.DirectoryEntry;
import org.parley.federation.gossip.EntrySigner;
import org.parley.federation.gossip.UserRecord;
import org.parley.federation.wire.GossipDelta;
import org.parley.federation.wire.SignedEntry;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.message.Presence;

/**
 * Many users of a rogue node, validly signed by it, cut into deltas as a node would send them: the
 * node record and the first users from version 0, then each delta from where the one before ended.
 */
final class RogueUsers {

    private RogueUsers() {
    }

    static List<GossipDelta> deltas(RogueNode rogue, List<String> links, int users, int perDelta) {
        long epoch = System.currentTimeMillis() * 1000;
        // One key pair for all: the node signs each entry, which is what costs; the keys are not checked.
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        String signing = Base64Key.encode(keys.signingPublic());
        String agreement = Base64Key.encode(keys.agreementPublic());
        List<SignedEntry> entries = new ArrayList<>(users + 1);
        entries.add(EntrySigner.sign(rogue.identity(), DirectoryEntry.ofNode(rogue.record(links, epoch), epoch)));
        for (int i = 1; i <= users; i++) {
            entries.add(EntrySigner.sign(rogue.identity(), DirectoryEntry.ofUser(rogue.identity().name(),
                    new UserRecord("u" + i, signing, agreement, Presence.ONLINE, 1), epoch + i)));
        }
        List<GossipDelta> deltas = new ArrayList<>();
        long from = 0;
        for (int i = 0; i < entries.size(); i += perDelta) {
            deltas.add(new GossipDelta(rogue.identity().name(), from,
                    entries.subList(i, Math.min(entries.size(), i + perDelta))));
            from = epoch + Math.min(entries.size(), i + perDelta) - 1;
        }
        return deltas;
    }
}
