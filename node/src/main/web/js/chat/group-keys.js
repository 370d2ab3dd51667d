// Sender keys, handed out as the CLI's GroupKeys does: ours for a group's membership epoch is made
// the first time we write in it and given to every other member in a sealed direct message; members'
// keys are kept as they arrive; a post that comes before its sender's key waits for it, 15 s at most.

import { fromBase64, toBase64, toHex } from '../crypto/bytes.js';
import { newSenderKey, senderKeyPlaintext } from '../crypto/sender-key.js';

const KEY_WAIT_MILLIS = 15000;

function stored(key) {
  return { group: key.group, epoch: key.epoch, keyId: toBase64(key.keyId), key: toBase64(key.key) };
}

function restored(value) {
  return value && { group: value.group, epoch: value.epoch, keyId: fromBase64(value.keyId), key: fromBase64(value.key) };
}

export class GroupKeys {
  /** @param sendDirect seals a plaintext to a user and sends it as one of our own (not shown) messages */
  constructor(vault, me, sendDirect) {
    this.vault = vault;
    this.me = me;
    this.sendDirect = sendDirect;
    this.waiting = new Map();
  }

  /** Our key for the group's current epoch: the one we made, or a new one given to every other member first. */
  async ownKey(info) {
    const place = `own|${info.group}|${info.epoch}`;
    const kept = restored(await this.vault.get('senderKeys', place));
    if (kept) return kept;
    const fresh = newSenderKey(info.group, info.epoch);
    await Promise.all(info.members.filter((m) => m.user !== this.me).map((m) =>
      this.sendDirect(m.user, senderKeyPlaintext(fresh)).catch((e) => {
        // A member whose node left the network cannot have the key now; the others still get the post.
        if (e.code !== 'UNKNOWN_USER') throw e;
      })));
    await this.vault.put('senderKeys', place, stored(fresh));
    return fresh;
  }

  /** Keeps the key {@code from} gave us. */
  taken(from, key) {
    return this.vault.put('senderKeys', `given|${from}|${key.group}|${toHex(key.keyId)}`, stored(key));
  }

  async of(from, group, keyId) {
    return restored(await this.vault.get('senderKeys', `given|${from}|${group}|${toHex(keyId)}`));
  }

  /** Holds {@code work} until {@code from}'s key {@code keyId} for {@code group} arrives; {@code gaveUp} if it does not in time. */
  hold(from, group, keyId, work, gaveUp) {
    const place = `${from}|${group}|${toHex(keyId)}`;
    if (!this.waiting.has(place)) this.waiting.set(place, []);
    const held = { work };
    held.timer = setTimeout(() => {
      const list = this.waiting.get(place) || [];
      list.splice(list.indexOf(held), 1);
      gaveUp();
    }, KEY_WAIT_MILLIS);
    this.waiting.get(place).push(held);
  }

  /** Whether something of {@code from} in {@code group} waits for a key (a file's pieces then wait behind it). */
  waitingFrom(from, group) {
    for (const [place, list] of this.waiting) {
      if (place.startsWith(`${from}|${group}|`) && list.length) return place;
    }
    return null;
  }

  holdBehind(place, work) {
    const held = { work, timer: null };
    this.waiting.get(place).push(held);
  }

  /** {@code from} gave us {@code key}: what waited for it, in the order it came. */
  release(from, key) {
    const place = `${from}|${key.group}|${toHex(key.keyId)}`;
    const list = this.waiting.get(place) || [];
    this.waiting.delete(place);
    list.forEach((held) => clearTimeout(held.timer));
    return list.map((held) => held.work);
  }
}
