// Sender keys, as protocol/e2ee/SenderKey: one member's AES-256 key for one group and membership epoch,
// handed to the other members inside a sealed direct message whose plaintext is
// "\0parley-sender-key-v1\n" | group (u16 + UTF-8) | u64 epoch | 16-byte key id | 32-byte key.

import { Reader, Writer, randomBytes, startsWith, toHex, utf8 } from './bytes.js';

const MARKER = utf8('\0parley-sender-key-v1\n');

export function newSenderKey(group, epoch) {
  return { group, epoch, keyId: randomBytes(16), key: randomBytes(32) };
}

export function senderKeyPlaintext(k) {
  return new Writer().bytes(MARKER).name(k.group).u64(k.epoch).bytes(k.keyId).bytes(k.key).done();
}

/**
 * The key a direct message's plaintext hands over, or null if it is not one.
 * @throws Error if it is marked as one but damaged
 */
export function senderKeyFrom(plaintext) {
  if (!startsWith(plaintext, MARKER)) return null;
  try {
    const in_ = new Reader(plaintext, MARKER.length);
    return { group: in_.name(), epoch: in_.u64(), keyId: in_.take(16).slice(), key: in_.take(32).slice() };
  } catch {
    throw new Error('a damaged sender key');
  }
}

export function keyIdHex(k) {
  return toHex(k.keyId);
}
