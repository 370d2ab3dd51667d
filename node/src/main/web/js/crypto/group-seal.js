// Group messages, byte for byte as protocol/e2ee/GroupSeal:
// version 2 | id, from, group (u16 + UTF-8) | u64 epoch | key id 16 | sender signing key 32 | nonce 12 |
// signature 64 | AES-256-GCM ciphertext + tag (everything before the signature is the associated data).

import { Reader, Writer, concat, equal, randomBytes } from './bytes.js';
import { decrypt, encrypt, fingerprint, sign, verify } from './primitives.js';
import { Kind, OpenFailure } from './open-failure.js';

const VERSION = 2;

/** Which key a body needs, before it is opened. @throws OpenFailure if it is no sealed group message */
export function groupLabel(body) {
  try {
    const in_ = new Reader(body);
    if (in_.u8() !== VERSION) throw new Error(`not an encrypted group message of version ${VERSION}`);
    const label = { id: in_.name(), from: in_.name(), group: in_.name(), epoch: in_.u64(), keyId: in_.take(16) };
    label.signingKey = in_.take(32);
    label.nonce = in_.take(12);
    label.header = body.subarray(0, in_.at);
    label.signature = in_.take(64);
    label.ciphertext = in_.rest();
    return label;
  } catch (e) {
    throw new OpenFailure(Kind.NOT_ENCRYPTED, `a group message that is not end-to-end encrypted (${e.message})`);
  }
}

/** The body carrying {@code plaintext} from {@code from} to {@code key.group}; {@code nonce} fixed only by the test vectors. */
export async function sealGroup(me, id, from, key, plaintext, nonce = randomBytes(12)) {
  const head = new Writer().u8(VERSION).name(id).name(from).name(key.group).u64(key.epoch).bytes(key.keyId)
    .bytes(me.signingPublic).bytes(nonce).done();
  const ciphertext = await encrypt(key.key, nonce, head, plaintext);
  const signature = await sign(me.signingPrivate, concat(head, ciphertext));
  return concat(head, signature, ciphertext);
}

/**
 * Checks and decrypts a post the node delivered as {@code id} from {@code from} to {@code group}, with the
 * sender key {@code from} gave us and the signing key pinned for them.
 * @throws OpenFailure saying which check failed
 */
export async function openGroup(id, from, group, pinnedSigningKey, key, body) {
  const s = groupLabel(body);
  if (!equal(s.signingKey, pinnedSigningKey)) {
    throw new OpenFailure(Kind.SENDER_KEY_CHANGED, `group message ${id} claims to be from ${from} but is signed with key `
      + `${await fingerprint(s.signingKey)}, not the pinned ${await fingerprint(pinnedSigningKey)}`);
  }
  if (!await verify(pinnedSigningKey, concat(s.header, s.ciphertext), s.signature)) {
    throw new OpenFailure(Kind.BAD_SIGNATURE, `group message ${id} from ${from} does not match its sender's signature: it was altered on the way`);
  }
  if (s.id !== id || s.from !== from) {
    throw new OpenFailure(Kind.ENVELOPE_MISMATCH, `group message ${id} from ${from} was signed as message ${s.id} from ${s.from}`);
  }
  if (s.group !== group) {
    throw new OpenFailure(Kind.NOT_FOR_YOU, `group message ${id} from ${from} was written to ${s.group}, not ${group}: it was re-addressed on the way`);
  }
  if (!key || key.group !== group || !equal(key.keyId, s.keyId)) {
    throw new OpenFailure(Kind.UNDECRYPTABLE, `group message ${id} from ${from} needs a sender key we were not given`);
  }
  try {
    return await decrypt(key.key, s.nonce, s.header, s.ciphertext);
  } catch (e) {
    throw new OpenFailure(Kind.UNDECRYPTABLE, `group message ${id} from ${from} cannot be decrypted with ${from}'s sender key: ${e.message}`);
  }
}
