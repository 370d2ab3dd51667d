// Voice, byte for byte as protocol/voice: VoicePacket (what travels between a client and its node, here
// as binary WebSocket messages), VoiceKey (a speaker's key for one epoch of one room, handed over in a
// sealed direct message whose plaintext is "\0parley-voice-key-v1\n" | room (u16 + UTF-8) | u64 epoch |
// 8-byte key id | 32-byte key), VoiceSeal (sealed = key id 8 | AES-256-GCM ciphertext + tag, nonce =
// u32 ssrc | u64 seq, associated data = u32 ssrc | u64 seq | key id) and ReplayWindow.

import { Reader, Writer, concat, randomBytes, startsWith, toHex, utf8 } from './bytes.js';
import { aesKey, decrypt, encrypt } from './primitives.js';

export const MAGIC = 0xb7;
const AUDIO = 1;
const KEEPALIVE = 2;
const TOKEN_BYTES = 16;
const KEY_ID_BYTES = 8;
const TAG_BYTES = 16;
const RELAYED_HEADER = 2 + 4 + 8;
const MAX_PACKET = 1200;
const MARKER = utf8('\0parley-voice-key-v1\n');

/** A client's keepalive: b7 02 and the token. */
export function keepalive(token) {
  return concat(Uint8Array.of(MAGIC, KEEPALIVE), token);
}

/** A client's audio packet: b7 01 | token | u32 ssrc | u64 seq | sealed. */
export function audioPacket(token, ssrc, seq, sealed) {
  return new Writer().u8(MAGIC).u8(AUDIO).bytes(token).u32(ssrc).u64(seq).bytes(sealed).done();
}

/** A packet from the node, {ssrc, seq, sealed}; null for anything that is not one. */
export function readFromNode(bytes) {
  if (bytes.length <= RELAYED_HEADER || bytes.length > MAX_PACKET || bytes[0] !== MAGIC || bytes[1] !== AUDIO) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { ssrc: view.getUint32(2), seq: Number(view.getBigUint64(6)), sealed: bytes.subarray(RELAYED_HEADER) };
}

export function isVoicePacket(bytes) {
  return bytes.length > 0 && bytes[0] === MAGIC;
}

export { TOKEN_BYTES };

/** A fresh key of ours for {@code room} (as we name it) at {@code epoch}. */
export function newVoiceKey(room, epoch) {
  return { room, epoch, keyId: randomBytes(KEY_ID_BYTES), key: randomBytes(32) };
}

export function voiceKeyPlaintext(k) {
  return new Writer().bytes(MARKER).name(k.room).u64(k.epoch).bytes(k.keyId).bytes(k.key).done();
}

/**
 * The voice key a direct message's plaintext hands over, or null if it is none.
 * @throws Error if it is marked as one but damaged
 */
export function voiceKeyFrom(plaintext) {
  if (!startsWith(plaintext, MARKER)) return null;
  try {
    const in_ = new Reader(plaintext, MARKER.length);
    const k = { room: in_.name(), epoch: in_.u64(), keyId: in_.take(KEY_ID_BYTES).slice(), key: in_.take(32).slice() };
    if (in_.at !== plaintext.length) throw new Error('trailing bytes');
    return k;
  } catch {
    throw new Error('a damaged voice key');
  }
}

function nonce(ssrc, seq) {
  return new Writer().u32(ssrc).u64(seq).done();
}

/** The key's WebCrypto form, imported once. */
function cryptoKey(k) {
  if (!k.cryptoKey) k.cryptoKey = aesKey(k.key);
  return k.cryptoKey;
}

/** Frame {@code seq} of speaker {@code ssrc} sealed under {@code k}. */
export async function sealVoice(k, ssrc, seq, frame) {
  const ciphertext = await encrypt(await cryptoKey(k), nonce(ssrc, seq), concat(nonce(ssrc, seq), k.keyId), frame);
  return concat(k.keyId, ciphertext);
}

/** The key id a sealed frame names, as hex; null if it is too short to be one. */
export function sealedKeyId(sealed) {
  return sealed.length < KEY_ID_BYTES + TAG_BYTES ? null : toHex(sealed.subarray(0, KEY_ID_BYTES));
}

/** @throws Error if it was not sealed under {@code k} as frame {@code seq} of {@code ssrc} */
export async function openVoice(k, ssrc, seq, sealed) {
  const keyId = sealed.subarray(0, KEY_ID_BYTES);
  return decrypt(await cryptoKey(k), nonce(ssrc, seq), concat(nonce(ssrc, seq), keyId), sealed.subarray(KEY_ID_BYTES));
}

/**
 * The sequence numbers of one speaker's frames already taken: the highest and a bitmap of the
 * {@code size} below it. Ask isFresh before opening and accept once opened, so a forgery cannot use a number up.
 */
export class ReplayWindow {
  constructor(size = 128) {
    this.size = size;
    this.seen = new Uint8Array(size);
    this.highest = -1;
  }

  isFresh(seq) {
    if (seq < 0) return false;
    if (seq > this.highest) return true;
    if (this.highest - seq >= this.size) return false;
    return !this.seen[seq % this.size];
  }

  accept(seq) {
    if (!this.isFresh(seq)) return false;
    if (seq > this.highest) {
      if (this.highest < 0 || seq - this.highest >= this.size) this.seen.fill(0);
      else for (let cleared = this.highest + 1; cleared < seq; cleared++) this.seen[cleared % this.size] = 0;
      this.highest = seq;
    }
    this.seen[seq % this.size] = 1;
    return true;
  }
}
