// A user's long-term keys in the browser: Ed25519 to sign, X25519 to agree, private halves
// non-extractable CryptoKeys (IndexedDB stores them as they are), public halves as raw bytes.

import { generate, importPrivate } from './primitives.js';

export async function newIdentity() {
  const signing = await generate('Ed25519');
  const agreement = await generate('X25519');
  return { signingPrivate: signing.privateKey, signingPublic: signing.publicRaw,
    agreementPrivate: agreement.privateKey, agreementPublic: agreement.publicRaw };
}

/** Keys from their raw private bytes (an imported export, or the test vectors). */
export async function identityFromRaw(signingPrivate, agreementPrivate) {
  const signing = await importPrivate('Ed25519', signingPrivate);
  const agreement = await importPrivate('X25519', agreementPrivate);
  return { signingPrivate: signing.privateKey, signingPublic: signing.publicRaw,
    agreementPrivate: agreement.privateKey, agreementPublic: agreement.publicRaw };
}
