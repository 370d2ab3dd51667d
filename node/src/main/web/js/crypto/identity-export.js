// An identity moved between the command-line client and the browser (`parley identity export`):
// the two 32-byte private keys, signing then agreement, sealed with AES-256-GCM under a key that
// PBKDF2-HMAC-SHA256 stretches from a passphrase (NFC, UTF-8), the owner's name bound in as
// associated data. The same format as cli-client's identity/IdentityExport.

import { fromBase64, randomBytes, toBase64, utf8 } from './bytes.js';
import { decrypt, encrypt, pbkdf2 } from './primitives.js';

export const FORMAT = 'parley-identity-v1';
/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); stated in docs/SECURITY.md. */
export const ITERATIONS = 600000;
/** Fewer than this are refused on import: a file asking for less was not made by Parley. */
const MIN_ITERATIONS = 100000;

function associatedData(user) {
  return utf8(`parley identity export of ${user}`);
}

function passphraseBytes(passphrase) {
  return utf8(passphrase.normalize('NFC'));
}

export class WrongPassphrase extends Error {}

/** The export file's JSON for {@code user}'s raw private keys (64 bytes); {@code fixed} only in the test vectors. */
export async function sealIdentity(user, privateKeys, passphrase, iterations = ITERATIONS, fixed = {}) {
  const salt = fixed.salt || randomBytes(16);
  const nonce = fixed.nonce || randomBytes(12);
  const key = await pbkdf2(passphraseBytes(passphrase), salt, iterations, 32);
  return { format: FORMAT, user, kdf: 'pbkdf2-sha256', iterations, salt: toBase64(salt), cipher: 'aes-256-gcm',
    nonce: toBase64(nonce), ciphertext: toBase64(await encrypt(key, nonce, associatedData(user), privateKeys)) };
}

/**
 * The user and raw private keys an export file holds.
 * @throws WrongPassphrase if the passphrase does not open it; Error if it is no Parley identity
 */
export async function openIdentity(exported, passphrase) {
  if (exported.format !== FORMAT || exported.kdf !== 'pbkdf2-sha256' || exported.cipher !== 'aes-256-gcm') {
    throw new Error('this file is not a Parley identity export (parley identity export)');
  }
  if (!Number.isSafeInteger(exported.iterations) || exported.iterations < MIN_ITERATIONS || exported.iterations > 10000000) {
    throw new Error(`the export asks for ${exported.iterations} PBKDF2 iterations; expected at least ${MIN_ITERATIONS}`);
  }
  const key = await pbkdf2(passphraseBytes(passphrase), fromBase64(exported.salt), exported.iterations, 32);
  let secret;
  try {
    secret = await decrypt(key, fromBase64(exported.nonce, 12), associatedData(exported.user), fromBase64(exported.ciphertext));
  } catch {
    throw new WrongPassphrase('wrong passphrase, or the file was altered');
  }
  if (secret.length !== 64) throw new Error('the export does not hold two 32-byte keys');
  return { user: exported.user, signingPrivate: secret.slice(0, 32), agreementPrivate: secret.slice(32) };
}
