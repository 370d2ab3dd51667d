// One WebSocket to the node, speaking the client protocol: the login, requests answered by id,
// and what the node sends unasked (messages, receipts, presence, group notices) to its handlers.

import { encodeFrame, decodeFrame } from './frames.js';
import { randomBytes, toHex } from '../crypto/bytes.js';
import { signedLogin } from '../crypto/login.js';
import { isVoicePacket } from '../crypto/voice-seal.js';

export const AGENT = 'parley-web/0.1';
const PROTOCOL_VERSION = 1;
const REQUEST_MILLIS = 30000;

/** A refusal from the node: its stable code and its words. */
export class Refused extends Error {
  constructor(frame) {
    super(frame.message || frame.code);
    this.code = frame.code;
    this.retryAfterMillis = frame.retryAfterMillis;
  }
}

export class ConnectionClosed extends Error {}

/** Message ids as the reference client makes them: 24 hex digits of randomness. */
export function newId() {
  return toHex(randomBytes(12));
}

export class Connection {
  /** @param pushes handlers by frame type, for what the node sends unasked */
  constructor(socket, pushes) {
    this.socket = socket;
    this.pushes = pushes;
    this.waiting = new Map();
    this.steps = [];
    this.closed = null;
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event) => this.arrived(event.data);
    socket.onclose = (event) => this.ended(event);
  }

  /**
   * Opens the WebSocket, says hello, logs in as {@code user} with {@code me}'s keys.
   * @returns {Promise<{connection, welcome, hello}>}
   */
  static async login(url, user, me, password, pushes) {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new ConnectionClosed(`cannot reach the node at ${url}`));
    });
    const connection = new Connection(socket, pushes);
    const hello = await connection.step({ type: 'hello', version: PROTOCOL_VERSION, agent: AGENT });
    const welcome = await connection.step(await signedLogin(hello, user, me, password));
    return { connection, welcome, hello };
  }

  /** The next answer without an id: the node's hello, then its welcome (or an error). */
  step(header) {
    return new Promise((resolve, reject) => {
      this.steps.push({ resolve, reject });
      this.send(header);
    });
  }

  /** A voice packet, as one binary message (docs/PROTOCOL.md, "Voice over the WebSocket"). */
  sendRaw(bytes) {
    if (this.closed) throw this.closed;
    this.socket.send(bytes);
  }

  send(header, body) {
    if (this.closed) throw this.closed;
    this.socket.send(encodeFrame(header, body));
  }

  /** Sends a request with an id; resolves with its answer (or the first frame {@code settles} names). */
  request(header, body) {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(this.closed);
        return;
      }
      const timer = setTimeout(() => {
        this.waiting.delete(header.id);
        reject(new Error(`the node did not answer ${header.type} ${header.id} in ${REQUEST_MILLIS / 1000} s`));
      }, REQUEST_MILLIS);
      this.waiting.set(header.id, { resolve, reject, timer });
      this.send(header, body);
    });
  }

  arrived(data) {
    const bytes = new Uint8Array(data);
    if (isVoicePacket(bytes)) {
      if (this.pushes.voicePacket) this.pushes.voicePacket(bytes);
      return;
    }
    let frame;
    try {
      frame = decodeFrame(data);
    } catch (e) {
      console.warn('dropped a message from the node:', e.message);
      return;
    }
    const { header } = frame;
    if (header.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    if (header.type === 'pong') return;
    if (header.type === 'hello' || header.type === 'welcome' || (header.type === 'error' && !header.ref && this.steps.length)) {
      const step = this.steps.shift();
      if (step) {
        if (header.type === 'error') step.reject(new Refused(header));
        else step.resolve(header);
        return;
      }
    }
    const key = header.type === 'error' ? header.ref : header.id;
    const waiting = key !== undefined && header.type !== 'receipt' && header.type !== 'message' ? this.waiting.get(key) : undefined;
    if (waiting) {
      this.waiting.delete(key);
      clearTimeout(waiting.timer);
      if (header.type === 'error') waiting.reject(new Refused(header));
      else waiting.resolve(header);
      return;
    }
    const handler = this.pushes[header.type];
    if (handler) handler(header, frame.body);
  }

  ended(event) {
    this.closed = new ConnectionClosed(event.reason || `the connection closed (${event.code})`);
    for (const step of this.steps) step.reject(this.closed);
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(this.closed);
    }
    this.steps = [];
    this.waiting.clear();
    if (this.pushes.closed) this.pushes.closed(this.closed);
  }

  close() {
    if (!this.closed) {
      try {
        this.send({ type: 'bye' });
      } catch { /* closing anyway */ }
      this.socket.close(1000);
    }
  }
}
