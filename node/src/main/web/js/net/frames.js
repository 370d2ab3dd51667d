// The client protocol's frames (docs/PROTOCOL.md, Frames): u32 length | u32 header length |
// JSON header | body. Over the WebSocket, one frame per binary message, length prefix included.

import { concat, text, utf8 } from '../crypto/bytes.js';

const EMPTY = new Uint8Array(0);

export function encodeFrame(header, body = EMPTY) {
  const json = utf8(JSON.stringify(header));
  const prefix = new Uint8Array(8);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, 4 + json.length + body.length);
  view.setUint32(4, json.length);
  return concat(prefix, json, body);
}

/** @throws Error if the message is not exactly one frame */
export function decodeFrame(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8) throw new Error('a message shorter than a frame');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const length = view.getUint32(0);
  const headerLength = view.getUint32(4);
  if (length !== bytes.length - 4 || headerLength > length - 4) throw new Error('a message that is not one frame');
  const header = JSON.parse(text(bytes.subarray(8, 8 + headerLength)));
  if (typeof header.type !== 'string') throw new Error('a frame without a type');
  return { header, body: bytes.subarray(8 + headerLength) };
}
