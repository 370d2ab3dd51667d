package org.parley.client.e2ee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.protocol.e2ee.GroupSeal;
import org.parley.protocol.e2ee.OpenFailure;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.ServerMessage;

/**
 * Sender keys, handed out as in Signal and Matrix: ours for a group's membership epoch is made the
 * first time we write in it and given to every other member in a direct message sealed for them,
 * so who left never gets the key for what follows, and who joined never had the ones before.
 * Members' keys are kept as they arrive; a post that comes before its sender's key (the key travels
 * apart from it) waits for it here.
 */
final class GroupKeys {

    /** How long a group message waits for its sender's key (a direct message that travels apart from it). */
    private static final long KEY_WAIT_MILLIS = 15_000;

    private final Vertx vertx;
    private final SenderKeys senderKeys;
    private final KeyHandover handover;
    /** Group messages waiting for the sender key that opens them, by sender, group and key id. */
    private final KeyWaitingRoom waiting;

    GroupKeys(Vertx vertx, SenderKeys senderKeys, KeyHandover handover) {
        this.vertx = vertx;
        this.senderKeys = senderKeys;
        this.handover = handover;
        this.waiting = new KeyWaitingRoom(vertx, KEY_WAIT_MILLIS);
    }

    /** Our key for the group's current epoch: the one we made, or a new one, given to every other member first. */
    Future<SenderKey> ownKey(GroupInfo info) {
        return senderKeys.own(info.group(), info.epoch()).map(Future::succeededFuture)
                .orElseGet(() -> vertx.executeBlocking(() -> senderKeys.newOwn(info.group(), info.epoch()), false)
                        .compose(fresh -> give(fresh, info).map(fresh)));
    }

    /** Gives {@code key} to every other member of the group, each in a direct message sealed for them. */
    private Future<Void> give(SenderKey key, GroupInfo info) {
        // A member whose node left the network cannot have the key now; the others still get the
        // post, and the group's home names that node in its answer.
        return handover.give(info.members().stream().map(GroupInfo.GroupMember::user).toList(), key.toPlaintext(),
                "key of " + info.group());
    }

    /** Keeps the key the sender of {@code delivery} gave us in it; on a worker (the keys are on disk). */
    void taken(Delivery delivery, SenderKey key) throws OpenFailure, IOException {
        if (!GroupAddress.isGroup(key.group())) {
            throw new OpenFailure(OpenFailure.Kind.UNDECRYPTABLE, "message " + delivery.id() + " from "
                    + delivery.from() + " carries a group key for " + key.group() + ", which is no group");
        }
        senderKeys.given(delivery.from(), key);
    }

    /** The key {@code from} gave us for {@code group} with this id, if it came. */
    Optional<SenderKey> of(String from, String group, byte[] keyId) {
        return senderKeys.of(from, group, HexFormat.of().formatHex(keyId));
    }

    /** The key a group message needs, if we do not have it yet; null if we do (or it is no sealed group message). */
    String missing(Delivery delivery, byte[] body) {
        try {
            GroupSeal.Label label = GroupSeal.label(body);
            return of(delivery.from(), delivery.to(), label.keyId()).isPresent() ? null
                    : KeyWaitingRoom.key(delivery.from(), delivery.to(), HexFormat.of().formatHex(label.keyId()));
        } catch (OpenFailure notSealed) {
            return null; // opening it says what is wrong
        }
    }

    /** The key some message of {@code from} in {@code group} waits for, if any does. */
    String awaitedFrom(String from, String group) {
        return waiting.waitingFrom(from, group);
    }

    /** Holds {@code frame} until key {@code key} arrives; if it does not in time, {@code gaveUp} hears of it. */
    void hold(String key, Frame<ServerMessage> frame, Consumer<Frame<ServerMessage>> gaveUp) {
        waiting.hold(key, frame, gaveUp);
    }

    /** {@code from} gave us {@code key}: what waited for it, in the order it came. */
    List<Frame<ServerMessage>> release(String from, SenderKey key) {
        return waiting.release(KeyWaitingRoom.key(from, key.group(), key.keyIdHex()));
    }
}
