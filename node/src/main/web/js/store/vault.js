// Seals what the page keeps of one user (history, sender keys, file offers) with AES-256-GCM under a
// key that the page made and that cannot be exported: the profile's files hold ciphertext only.
// Each record carries its place (store and key) as associated data, so records cannot be swapped.

import { concat, randomBytes, text, utf8 } from '../crypto/bytes.js';
import { decrypt, encrypt } from '../crypto/primitives.js';

export class Vault {
  constructor(db, user, key) {
    this.db = db;
    this.user = user;
    this.key = key;
  }

  static async open(db, user) {
    let key = await db.get('meta', `vault:${user}`);
    if (!key) {
      key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await db.put('meta', key, `vault:${user}`);
    }
    return new Vault(db, user, key);
  }

  async seal(place, value) {
    const nonce = randomBytes(12);
    return concat(nonce, await encrypt(this.key, nonce, utf8(`${this.user}|${place}`), utf8(JSON.stringify(value))));
  }

  async open(place, sealed) {
    const bytes = new Uint8Array(sealed);
    return JSON.parse(text(await decrypt(this.key, bytes.subarray(0, 12), utf8(`${this.user}|${place}`), bytes.subarray(12))));
  }

  /** Stores {@code value} sealed under {@code store}/{@code key} of this user. */
  async put(store, key, value) {
    await this.db.put(store, await this.seal(`${store}/${key}`, value), `${this.user}|${key}`);
  }

  async get(store, key) {
    const sealed = await this.db.get(store, `${this.user}|${key}`);
    return sealed === undefined ? undefined : this.open(`${store}/${key}`, sealed);
  }

  delete(store, key) {
    return this.db.delete(store, `${this.user}|${key}`);
  }

  /** Every value of this user in {@code store} whose key starts with {@code prefix}, as [key, value]. */
  async all(store, prefix = '') {
    const out = [];
    for (const [fullKey, sealed] of await this.db.entries(store, `${this.user}|${prefix}`)) {
      const key = fullKey.substring(this.user.length + 1);
      try {
        out.push([key, await this.open(`${store}/${key}`, sealed)]);
      } catch {
        console.warn(`a record of ${store} does not open; skipped`);
      }
    }
    return out;
  }
}
