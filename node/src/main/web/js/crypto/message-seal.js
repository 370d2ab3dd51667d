// Direct messages, byte for byte as protocol/e2ee/SealedMessage and MessageSeal:
// version 1 | id, from, to (u16 + UTF-8) | sender signing key 32 | recipient agreement key 32 |
// ephemeral X25519 key 32 | nonce 12 | signature 64 | AES-256-GCM ciphertext + tag.

import { Reader, Writer, concat, equal, randomBytes, utf8 } from './bytes.js';
import { agree, decrypt, encrypt, fingerprint, generate, hkdf, importPrivate, sign, verify } from './primitives.js';
import { Kind, OpenFailure } from './open-failure.js';

const VERSION = 1;
const INFO_PREFIX = utf8('parley-e2ee-v1');

function header(m) {
  return new Writer().u8(VERSION).name(m.id).name(m.from).name(m.to)
    .bytes(m.senderSigningKey).bytes(m.recipientAgreementKey).bytes(m.ephemeralKey).bytes(m.nonce).done();
}

/** @throws Error if the body is not a sealed message of this version */
export function decodeSealed(body) {
  const in_ = new Reader(body);
  if (in_.u8() !== VERSION) throw new Error(`not an encrypted message of version ${VERSION}`);
  const m = { id: in_.name(), from: in_.name(), to: in_.name() };
  m.senderSigningKey = in_.take(32);
  m.recipientAgreementKey = in_.take(32);
  m.ephemeralKey = in_.take(32);
  m.nonce = in_.take(12);
  m.header = body.subarray(0, in_.at);
  m.signature = in_.take(64);
  m.ciphertext = in_.rest();
  return m;
}

function messageKey(shared, m) {
  const info = new Writer().bytes(INFO_PREFIX);
  for (const part of [utf8(m.id), utf8(m.from), utf8(m.to), m.senderSigningKey, m.recipientAgreementKey, m.ephemeralKey]) {
    info.u16(part.length).bytes(part);
  }
  return hkdf(shared, new Uint8Array(0), info.done(), 32);
}

/**
 * The frame body carrying {@code plaintext} from {@code from} (holder of {@code me}) to {@code to}.
 * {@code fixed} ({ephemeralPrivate, nonce}) reproduces a given seal, for the test vectors only.
 */
export async function sealDirect(me, id, from, to, recipientAgreementKey, plaintext, fixed) {
  const ephemeral = fixed ? await importPrivate('X25519', fixed.ephemeralPrivate) : await generate('X25519');
  const m = { id, from, to, senderSigningKey: me.signingPublic, recipientAgreementKey, ephemeralKey: ephemeral.publicRaw,
    nonce: fixed ? fixed.nonce : randomBytes(12) };
  const head = header(m);
  const key = await messageKey(await agree(ephemeral.privateKey, recipientAgreementKey), m);
  const ciphertext = await encrypt(key, m.nonce, head, plaintext);
  const signature = await sign(me.signingPrivate, concat(head, ciphertext));
  return concat(head, signature, ciphertext);
}

/**
 * Checks and decrypts a message the node delivered as {@code id} from {@code from} to us
 * ({@code myAddress}), in the order of checks MessageSeal.open makes.
 * @throws OpenFailure saying which check failed
 */
export async function openDirect(me, myAddress, id, from, pinnedSigningKey, body) {
  let m;
  try {
    m = decodeSealed(body);
  } catch (e) {
    throw new OpenFailure(Kind.NOT_ENCRYPTED, `message ${id} from ${from} is not end-to-end encrypted (${e.message})`);
  }
  if (!equal(m.senderSigningKey, pinnedSigningKey)) {
    throw new OpenFailure(Kind.SENDER_KEY_CHANGED, `message ${id} claims to be from ${from} but is signed with key `
      + `${await fingerprint(m.senderSigningKey)}, not the pinned ${await fingerprint(pinnedSigningKey)}`);
  }
  if (!await verify(pinnedSigningKey, concat(m.header, m.ciphertext), m.signature)) {
    throw new OpenFailure(Kind.BAD_SIGNATURE, `message ${id} from ${from} does not match its sender's signature: it was altered on the way`);
  }
  if (m.id !== id || m.from !== from) {
    throw new OpenFailure(Kind.ENVELOPE_MISMATCH, `message ${id} from ${from} was signed as message ${m.id} from ${m.from}`);
  }
  if (m.to !== myAddress) {
    throw new OpenFailure(Kind.NOT_FOR_YOU, `message ${id} from ${from} was written to ${m.to}, not to you: it was re-addressed on the way`);
  }
  if (!equal(m.recipientAgreementKey, me.agreementPublic)) {
    throw new OpenFailure(Kind.WRONG_RECIPIENT_KEY, `message ${id} from ${from} was encrypted to a key that is not yours: `
      + 'the sender was given a false key for you');
  }
  try {
    const key = await messageKey(await agree(me.agreementPrivate, m.ephemeralKey), m);
    return await decrypt(key, m.nonce, m.header, m.ciphertext);
  } catch (e) {
    throw new OpenFailure(Kind.UNDECRYPTABLE, `message ${id} from ${from} cannot be decrypted: ${e.message}`);
  }
}
