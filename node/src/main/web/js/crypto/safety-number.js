// Safety numbers, as protocol/e2ee/SafetyNumber: per user, 5,200 rounds of SHA-512 over
// "parley-safety-v1", both public keys and the name (then the previous hash and the keys); six
// 5-digit groups from the first 30 bytes; the halves in the order of the names. 12 groups of 5.

import { concat, utf8 } from './bytes.js';
import { sha512 } from './primitives.js';

const VERSION = utf8('parley-safety-v1');
const ROUNDS = 5200;

async function digits(user, signingKey, agreementKey) {
  const keys = concat(signingKey, agreementKey);
  let hash = await sha512(concat(VERSION, keys, utf8(user)));
  for (let i = 1; i < ROUNDS; i++) hash = await sha512(concat(hash, keys));
  let out = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0n;
    for (let i = 0; i < 5; i++) value = (value << 8n) | BigInt(hash[chunk * 5 + i]);
    out += String(value % 100000n).padStart(5, '0');
  }
  return out;
}

/** Both users' 60 digits, groups of 5 separated by spaces, a new line after the first 30. */
export async function safetyNumber(userA, signingA, agreementA, userB, signingB, agreementB) {
  const a = await digits(userA, signingA, agreementA);
  const b = await digits(userB, signingB, agreementB);
  // Java's String.compareTo orders by UTF-16 code units, as < does.
  const joined = userA <= userB ? a + b : b + a;
  const groups = joined.match(/.{5}/g);
  return groups.slice(0, 6).join(' ') + '\n' + groups.slice(6).join(' ');
}
