// Files, as protocol/e2ee FileKey, FileChunk, FileOffer and FileDeclined: a random AES-256 key per file;
// chunk i sealed with nonce = 4-byte prefix | u64 i and associated data
// "parley-file-chunk-v1" | u16 + file id | u64 i | u8 last; each chunk's message body is
// "PFC1" | u16 + UTF-8 file id | u64 index | u8 last | sealed chunk.

import { Reader, Writer, fromBase64, randomBytes, startsWith, toBase64, utf8 } from './bytes.js';
import { decrypt, encrypt } from './primitives.js';
import { markedJson } from './marked-json.js';
import { Kind, OpenFailure } from './open-failure.js';

const MAGIC = utf8('PFC1');
const DOMAIN = utf8('parley-file-chunk-v1');
const OFFER = markedJson('\0parley-file-offer-v1\n');
const DECLINED = markedJson('\0parley-file-declined-v1\n');

/** As the reference client: 1000 KiB, so a chunk's frame stays under the 1 MiB limit. */
export const CHUNK_BYTES = 1000 * 1024;

export function newFileKey(fileId) {
  return { fileId, key: randomBytes(32), noncePrefix: randomBytes(4) };
}

function nonce(fileKey, index) {
  return new Writer().bytes(fileKey.noncePrefix).u64(index).done();
}

function associatedData(fileKey, index, last) {
  return new Writer().bytes(DOMAIN).name(fileKey.fileId).u64(index).u8(last ? 1 : 0).done();
}

export function sealChunk(fileKey, index, last, plaintext) {
  return encrypt(fileKey.key, nonce(fileKey, index), associatedData(fileKey, index, last), plaintext);
}

/** @throws OpenFailure if it is not that chunk of this file, as sealed */
export async function openChunk(fileKey, index, last, sealed) {
  try {
    return await decrypt(fileKey.key, nonce(fileKey, index), associatedData(fileKey, index, last), sealed);
  } catch {
    throw new OpenFailure(Kind.UNDECRYPTABLE, `chunk ${index} of file ${fileKey.fileId} does not open: it was altered, reordered or cut short on the way`);
  }
}

export function isChunk(body) {
  return startsWith(body, MAGIC);
}

export function encodeChunk(fileId, index, last, sealed) {
  return new Writer().bytes(MAGIC).name(fileId).u64(index).u8(last ? 1 : 0).bytes(sealed).done();
}

/** @throws Error if the body is not a whole chunk */
export function decodeChunk(body) {
  if (!isChunk(body)) throw new Error('not a file chunk');
  try {
    const in_ = new Reader(body, MAGIC.length);
    return { fileId: in_.name(), index: in_.u64(), last: in_.u8() !== 0, sealed: in_.rest() };
  } catch {
    throw new Error('a file chunk cut short');
  }
}

/** The offer's plaintext, fields in the order the Java record writes them. */
export function offerPlaintext(fileKey, name, size, sha256, chunkBytes) {
  return OFFER.encode({ fileId: fileKey.fileId, name, size, sha256, chunkBytes, key: toBase64(fileKey.key),
    noncePrefix: toBase64(fileKey.noncePrefix) });
}

/** The offer a plaintext carries, with its key, or null. @throws Error if marked as one but damaged */
export function offerFrom(plaintext) {
  const o = OFFER.decode(plaintext);
  if (o === null) return null;
  if (typeof o.fileId !== 'string' || typeof o.name !== 'string' || typeof o.sha256 !== 'string'
      || !Number.isSafeInteger(o.size) || o.size < 0 || !Number.isSafeInteger(o.chunkBytes) || o.chunkBytes <= 0
      || typeof o.key !== 'string' || typeof o.noncePrefix !== 'string') {
    throw new Error('a file offer without its id, name, size, hash, chunk size or key');
  }
  o.fileKey = { fileId: o.fileId, key: fromBase64(o.key, 32), noncePrefix: fromBase64(o.noncePrefix, 4) };
  return o;
}

/** How many chunks an offered file travels in (an empty file is one empty chunk). */
export function chunkCount(offer) {
  return Math.max(1, Math.ceil(offer.size / offer.chunkBytes));
}

export function declinedPlaintext(fileId, name) {
  return DECLINED.encode({ fileId, name });
}

export function declinedFrom(plaintext) {
  const d = DECLINED.decode(plaintext);
  if (d !== null && (typeof d.fileId !== 'string' || typeof d.name !== 'string')) {
    throw new Error('a declined file without its id or name');
  }
  return d;
}
