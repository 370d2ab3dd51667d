// Voice room keys over the end-to-end encrypted direct messages, as the CLI's VoiceKeys: ours handed to
// the room's other participants at each epoch, theirs kept as they arrive by room, speaker and key id.
// A group's room has one name for all; a call's key names its recipient (us) and is filed under its
// maker, which is how we name that call. In memory only: a key serves one epoch of one call.

import { toHex } from '../crypto/bytes.js';
import { voiceKeyPlaintext } from '../crypto/voice-seal.js';

/** Keys kept per speaker and room: the newest few, for frames sealed just before an epoch changed. */
const KEPT_PER_SPEAKER = 4;

export class VoiceKeys {
  /** @param sendDirect seals a plaintext to a user and sends it as one of our own (not shown) messages */
  constructor(me, sendDirect) {
    this.me = me;
    this.sendDirect = sendDirect;
    this.keys = new Map();
    this.arrivals = new Set();
  }

  /** Gives our key to each of {@code users} but us; resolves once our node accepted them all. */
  give(key, users) {
    return Promise.all(users.filter((u) => u !== this.me).map((u) => this.sendDirect(u, voiceKeyPlaintext(key))));
  }

  /** The key {@code speaker} gave us for {@code room} (as we name it) under {@code keyIdHex}, or undefined. */
  of(room, speaker, keyIdHex) {
    return (this.keys.get(`${room} ${speaker}`) || []).find((k) => k.keyIdHex === keyIdHex);
  }

  /** Keeps the key {@code from} gave us in a direct message. */
  taken(from, key) {
    let room = key.room;
    if (!room.startsWith('#')) {
      if (room !== this.me) {
        console.warn(`ignored a voice key from ${from} for the call with ${room}: a call's key names its recipient`);
        return;
      }
      room = from;
    }
    const index = `${room} ${from}`;
    const kept = this.keys.get(index) || [];
    const keyIdHex = toHex(key.keyId);
    if (kept.some((k) => k.keyIdHex === keyIdHex)) return;
    kept.push({ ...key, keyIdHex });
    if (kept.length > KEPT_PER_SPEAKER) kept.shift();
    this.keys.set(index, kept);
    for (const arrived of this.arrivals) arrived();
  }

  /** Told whenever a key arrives (frames waiting for it may open now). */
  onArrival(listener) {
    this.arrivals.add(listener);
    return () => this.arrivals.delete(listener);
  }
}
