// The primitives Parley's end-to-end encryption is built from, all through WebCrypto:
// Ed25519, X25519, HKDF-SHA256, AES-256-GCM, SHA-256/512, PBKDF2.

import { concat, fromBase64, toBase64 } from './bytes.js';

const subtle = globalThis.crypto.subtle;

// PKCS#8 wrappers of a raw 32-byte private key (RFC 8410): WebCrypto imports private keys only so.
const ED25519_PKCS8 = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const X25519_PKCS8 = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20);

const ALGORITHMS = {
  Ed25519: { wrapper: ED25519_PKCS8, privateUses: ['sign'] },
  X25519: { wrapper: X25519_PKCS8, privateUses: ['deriveBits'] },
};

/**
 * A private key from its 32 raw bytes, non-extractable, with its public half's raw bytes. The
 * public half is read once from a throwaway extractable copy (WebCrypto derives it on import).
 */
export async function importPrivate(name, raw) {
  const { wrapper, privateUses } = ALGORITHMS[name];
  const pkcs8 = concat(wrapper, raw);
  const copy = await subtle.importKey('pkcs8', pkcs8, { name }, true, privateUses);
  const jwk = await subtle.exportKey('jwk', copy);
  const publicRaw = fromBase64(jwk.x.replace(/-/g, '+').replace(/_/g, '/') + '=', 32);
  const privateKey = await subtle.importKey('pkcs8', pkcs8, { name }, false, privateUses);
  return { privateKey, publicRaw };
}

/** A fresh key pair whose private half cannot be exported. */
export async function generate(name) {
  const pair = await subtle.generateKey({ name }, false, ALGORITHMS[name].privateUses.concat(name === 'Ed25519' ? ['verify'] : []));
  const publicRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw };
}

export async function sign(privateKey, message) {
  return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, message));
}

/** False for a bad signature or a key that is no curve point; never throws for those. */
export async function verify(publicRaw, message, signature) {
  if (publicRaw.length !== 32 || signature.length !== 64) return false;
  try {
    const key = await subtle.importKey('raw', publicRaw, { name: 'Ed25519' }, false, ['verify']);
    return await subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    return false;
  }
}

/** The X25519 shared secret; throws for a low-order peer key (an all-zero secret binds nothing). */
export async function agree(privateKey, peerPublicRaw) {
  if (peerPublicRaw.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  const peer = await subtle.importKey('raw', peerPublicRaw, { name: 'X25519' }, false, []);
  const secret = new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
  if (secret.every((b) => b === 0)) throw new Error('the X25519 public key is a low-order point');
  return secret;
}

export async function hkdf(ikm, salt, info, length) {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8));
}

/** An AES-256-GCM key for these 32 bytes, usable for both directions. */
export function aesKey(raw) {
  return subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

async function asKey(key) {
  return key instanceof Uint8Array ? aesKey(key) : key;
}

/** Ciphertext with its 16-byte tag appended, as Java's AesGcm writes it. */
export async function encrypt(key, nonce, associatedData, plaintext) {
  return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: associatedData, tagLength: 128 },
    await asKey(key), plaintext));
}

/** @throws Error if anything differs in any bit from what was encrypted */
export async function decrypt(key, nonce, associatedData, ciphertext) {
  if (ciphertext.length < 16) throw new Error('ciphertext shorter than its tag');
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: associatedData, tagLength: 128 },
      await asKey(key), ciphertext));
  } catch {
    throw new Error('authentication tag does not match');
  }
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

export async function sha512(bytes) {
  return new Uint8Array(await subtle.digest('SHA-512', bytes));
}

export async function pbkdf2(passphrase, salt, iterations, length) {
  const key = await subtle.importKey('raw', passphrase, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, length * 8));
}

/** The fingerprint people compare: SHA256: and the unpadded base64 of the key's SHA-256, as the CLI prints it. */
export async function fingerprint(publicRaw) {
  return 'SHA256:' + toBase64(await sha256(publicRaw)).replace(/=+$/, '');
}
