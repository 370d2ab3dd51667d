// Files both ways, as the reference client sends and takes them (docs/PROTOCOL.md, Files).
// Out: the SHA-256 first (one read), an offer with a fresh key, then sealed chunks read from the File
// as they go, at most 4 waiting for "accepted" and, to a user, 16 accepted waiting for "delivered".
// In: chunks opened and written to a part file on disk, acknowledged once written; the user accepts
// (and saves) or declines (the sender is told).

import { newId, Refused } from '../net/connection.js';
import { Sha256 } from '../crypto/sha256-stream.js';
import { CHUNK_BYTES, chunkCount, declinedPlaintext, decodeChunk, encodeChunk, newFileKey, offerPlaintext, openChunk, sealChunk }
  from '../crypto/file-seal.js';
import { partFiles } from './part-files.js';

const IN_FLIGHT = 4;
const AHEAD = 16;
const STALL_MILLIS = 3000;
const RETRYABLE = new Set(['QUEUE_FULL', 'INTERRUPTED', 'RATE_LIMITED']);

const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

async function slice(file, index, chunkBytes) {
  return new Uint8Array(await file.slice(index * chunkBytes, Math.min(file.size, (index + 1) * chunkBytes)).arrayBuffer());
}

/** The recipient declined: the sender stops. */
export class Declined extends Error {}

export class FileSender {
  /** @param messenger seals and sends, and hears our own messages' receipts */
  constructor(messenger) {
    this.messenger = messenger;
    this.running = new Map();
  }

  /** Sends {@code file} (a File) to {@code to}; {@code progress(bytes)} hears what the node accepted so far. */
  async send(to, file, progress) {
    const sha = new Sha256();
    const chunks = Math.max(1, Math.ceil(file.size / CHUNK_BYTES));
    for (let i = 0; i < chunks; i++) sha.update(await slice(file, i, CHUNK_BYTES));
    const fileKey = newFileKey(newId());
    const group = to.startsWith('#');
    const state = { declined: null };
    this.running.set(fileKey.fileId, state);
    try {
      const offerId = newId();
      const offer = await this.messenger.sealFor(to, offerId, offerPlaintext(fileKey, file.name, file.size, sha.hex(), CHUNK_BYTES));
      const recipient = offer.to;
      const stored = group ? null : this.messenger.awaitReceipt(offerId, ['stored', 'delivered', 'read']);
      await this.messenger.sendOwn({ type: 'send', id: offerId, to: recipient, ...(group ? {} : { confirmStored: true }) }, offer.body);
      if (stored) await Promise.race([stored, sleep(STALL_MILLIS)]);
      await this.chunks(recipient, group, file, fileKey, chunks, state, progress);
      return { fileId: fileKey.fileId, to: recipient, name: file.name, size: file.size, sha256: sha.hex() };
    } finally {
      this.running.delete(fileKey.fileId);
    }
  }

  async chunks(to, group, file, fileKey, chunks, state, progress) {
    const accepted = new Array(chunks).fill(false);
    const inFlight = new Set();
    const undelivered = new Set();
    let lastReceipt = Date.now();
    let restartFrom = chunks;
    let failure = null;
    let acceptedBytes = 0;
    let next = 0;
    const firstNotAccepted = () => accepted.indexOf(false);
    while (true) {
      if (state.declined) throw state.declined;
      if (failure) throw failure;
      if (restartFrom < chunks) {
        next = Math.min(next, restartFrom);
        restartFrom = chunks;
      }
      if (next >= chunks) {
        if (inFlight.size === 0 && firstNotAccepted() < 0) break;
        if (inFlight.size === 0) next = firstNotAccepted();
        else await Promise.race(inFlight);
        continue;
      }
      if (inFlight.size >= IN_FLIGHT) {
        await Promise.race(inFlight);
        continue;
      }
      if (!group && undelivered.size >= AHEAD && Date.now() - lastReceipt < STALL_MILLIS) {
        await Promise.race([...undelivered, sleep(STALL_MILLIS)]);
        continue;
      }
      const index = next++;
      if (accepted[index]) continue;
      const last = index === chunks - 1;
      const id = newId();
      const body = encodeChunk(fileKey.fileId, index, last, await sealChunk(fileKey, index, last, await slice(file, index, CHUNK_BYTES)));
      if (!group) {
        const delivered = this.messenger.awaitReceipt(id, ['delivered', 'read']).then(() => {
          lastReceipt = Date.now();
          undelivered.delete(delivered);
        }, () => undelivered.delete(delivered));
        undelivered.add(delivered);
      }
      const sending = this.messenger.sendOwn({ type: 'send', id, to, ...(group ? {} : { piece: true }),
        ...(last && !group ? { confirmStored: true } : {}) }, body).then(() => {
        accepted[index] = true;
        acceptedBytes += Math.min(CHUNK_BYTES, file.size - index * CHUNK_BYTES);
        progress(acceptedBytes, file.size);
      }, async (e) => {
        if (e instanceof Refused && RETRYABLE.has(e.code)) {
          if (e.code === 'QUEUE_FULL') await sleep(500);
          restartFrom = Math.min(restartFrom, index);
        } else {
          failure = e;
        }
      }).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  }

  /** {@code from} declined file {@code fileId}: if it is on its way to them, it stops. */
  declined(fileId, from, name) {
    const state = this.running.get(fileId);
    if (state) state.declined = new Declined(`${from} declined your file '${name}'`);
  }
}

/**
 * Files offered to us: each offer kept (sealed) with its state, its chunks written to a part file as
 * they come, whether or not the user has decided, so the sender is not held up.
 */
export class FileInbox {
  /**
   * @param events told of offers and of every change to them (progress, complete, failed)
   */
  constructor(vault, messenger, events) {
    this.vault = vault;
    this.messenger = messenger;
    this.events = events;
    this.parts = partFiles();
    this.offers = new Map();
  }

  async load() {
    for (const [fileId, offer] of await this.vault.all('offers')) {
      this.offers.set(fileId, offer);
      const arriving = offer.state === 'offered' || offer.state === 'accepted';
      offer.received = arriving ? await this.parts.size(offer.part).catch(() => 0) : offer.size;
    }
    return [...this.offers.values()];
  }

  save(offer) {
    const { received, ...kept } = offer;
    return this.vault.put('offers', offer.fileId, kept);
  }

  /** An offer arrived (already opened and checked). */
  async offered(delivery, offer) {
    if (this.offers.has(offer.fileId)) return;
    const kept = { fileId: offer.fileId, from: delivery.from, conversation: delivery.to.startsWith('#') ? delivery.to : delivery.from,
      name: offer.name, size: offer.size, sha256: offer.sha256, chunkBytes: offer.chunkBytes, key: offer.key,
      noncePrefix: offer.noncePrefix, part: `part-${offer.fileId.replace(/[^A-Za-z0-9._-]/g, '_')}`, state: 'offered', received: 0 };
    this.offers.set(offer.fileId, kept);
    await this.save(kept);
    this.events(kept);
  }

  /** A chunk arrived: resolves once it is written (or judged a repeat), when it may be acknowledged; false to leave it unacknowledged. */
  async chunk(delivery, body) {
    let chunk;
    try {
      chunk = decodeChunk(body);
    } catch {
      return true;
    }
    const offer = this.offers.get(chunk.fileId);
    if (!offer || offer.from !== delivery.from) return false;
    if (offer.state === 'declined' || offer.state === 'complete' || offer.state === 'saved' || offer.state === 'failed') return true;
    const at = chunk.index * offer.chunkBytes;
    if (at < offer.received) return true;
    if (at > offer.received) return false;
    const fileKey = { fileId: offer.fileId, key: Uint8Array.from(atob(offer.key), (c) => c.charCodeAt(0)),
      noncePrefix: Uint8Array.from(atob(offer.noncePrefix), (c) => c.charCodeAt(0)) };
    let plaintext;
    try {
      plaintext = await openChunk(fileKey, chunk.index, chunk.last, chunk.sealed);
    } catch (e) {
      return this.fail(offer, e.message);
    }
    offer.received = await this.parts.write(offer.part, at, plaintext);
    if (chunk.last || chunk.index + 1 >= chunkCount(offer)) await this.finish(offer);
    this.events(offer);
    return true;
  }

  async finish(offer) {
    const file = await this.parts.file(offer.part);
    const sha = new Sha256();
    for (let at = 0; at < file.size; at += offer.chunkBytes) {
      sha.update(new Uint8Array(await file.slice(at, at + offer.chunkBytes).arrayBuffer()));
    }
    if (file.size !== offer.size || sha.hex() !== offer.sha256) {
      await this.fail(offer, `the file arrived whole but its ${file.size !== offer.size ? 'size' : 'SHA-256'} differs from the offer: discarded`);
      return;
    }
    offer.state = offer.state === 'accepted' ? 'complete' : 'arrived';
    await this.save(offer);
  }

  async fail(offer, why) {
    offer.state = 'failed';
    offer.why = why;
    await this.parts.remove(offer.part);
    await this.save(offer);
    this.events(offer);
    return true;
  }

  async accept(fileId) {
    const offer = this.offers.get(fileId);
    offer.state = offer.state === 'arrived' ? 'complete' : 'accepted';
    await this.save(offer);
    this.events(offer);
  }

  /** The user declines: the part file goes, and the sender is told. */
  async decline(fileId) {
    const offer = this.offers.get(fileId);
    offer.state = 'declined';
    await this.parts.remove(offer.part);
    await this.save(offer);
    this.events(offer);
    if (!offer.conversation.startsWith('#')) {
      await this.messenger.sendOwnSealed(offer.from, declinedPlaintext(offer.fileId, offer.name));
    }
  }

  /** The whole, checked file (on disk), to save. */
  async file(fileId) {
    const offer = this.offers.get(fileId);
    return this.parts.file(offer.part);
  }
}
