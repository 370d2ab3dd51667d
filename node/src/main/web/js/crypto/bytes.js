// Bytes as the sealed formats write them: u16-prefixed UTF-8 names, big-endian integers, base64.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A name field is at most this many bytes, as protocol/e2ee/WireFields allows. */
const MAX_NAME_BYTES = 1024;

export function utf8(text) {
  return encoder.encode(text);
}

/** @throws TypeError if the bytes are not UTF-8 */
export function text(bytes) {
  return strictDecoder.decode(bytes);
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function startsWith(bytes, prefix) {
  return bytes.length >= prefix.length && equal(bytes.subarray(0, prefix.length), prefix);
}

export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** @throws Error if it is not base64, or not {@code length} bytes when one is given */
export function fromBase64(value, length) {
  let binary;
  try {
    binary = atob(value);
  } catch {
    throw new Error('not base64');
  }
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  if (length !== undefined && out.length !== length) {
    throw new Error(`expected ${length} bytes, got ${out.length}`);
  }
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Writes fields in order, as Java's DataOutputStream does. */
export class Writer {
  constructor() {
    this.parts = [];
  }

  bytes(value) {
    this.parts.push(value);
    return this;
  }

  u8(value) {
    return this.bytes(Uint8Array.of(value));
  }

  u16(value) {
    return this.bytes(Uint8Array.of(value >>> 8, value & 0xff));
  }

  u32(value) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, value);
    return this.bytes(out);
  }

  /** A u64 (epochs, chunk numbers): a Number or a BigInt. */
  u64(value) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(value));
    return this.bytes(out);
  }

  /** u16 length, then UTF-8. */
  name(value) {
    const bytes = utf8(value);
    if (bytes.length > MAX_NAME_BYTES) throw new Error(`field longer than ${MAX_NAME_BYTES} bytes`);
    return this.u16(bytes.length).bytes(bytes);
  }

  done() {
    return concat(...this.parts);
  }
}

/** Reads fields in order; any read past the end throws. */
export class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  take(length) {
    if (this.at + length > this.bytes.length) throw new Error('cut short');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  u8() {
    return this.take(1)[0];
  }

  u16() {
    const b = this.take(2);
    return (b[0] << 8) | b[1];
  }

  /** A u64 as a Number: epochs and chunk numbers stay far below 2^53. */
  u64() {
    const b = this.take(8);
    return Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0));
  }

  name() {
    const length = this.u16();
    if (length > MAX_NAME_BYTES) throw new Error(`field longer than ${MAX_NAME_BYTES} bytes`);
    return text(this.take(length));
  }

  rest() {
    return this.take(this.bytes.length - this.at);
  }
}
