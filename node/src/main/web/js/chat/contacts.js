// The keys of the people this user writes to and hears from, as the CLI's ContactKeys: pinned on
// first contact, compared with what the network gives once per connection and after any sign they
// may have changed. A changed key blocks sending to that contact until the user trusts the new one.

import { equal, fromBase64, toBase64 } from '../crypto/bytes.js';
import { Refused } from '../net/connection.js';

/** Sending to {@code user} is blocked: the network gives keys other than the pinned ones. */
export class KeyChanged extends Error {
  constructor(user, pinned, offered) {
    super(`${user}'s keys changed: compare safety numbers before you trust the new ones`);
    this.user = user;
    this.pinned = pinned;
    this.offered = offered;
  }
}

const LOOKUPS = 6;

function keysOf(answer) {
  return { signing: fromBase64(answer.signingKey, 32), agreement: fromBase64(answer.agreementKey, 32) };
}

export class Contacts {
  /**
   * @param ask sends a request to the node and resolves with the answer
   * @param changed told of every contact found with changed keys, and of every change trusted
   */
  constructor(db, me, ask, changed) {
    this.db = db;
    this.me = me;
    this.ask = ask;
    this.changed = changed;
    this.confirmed = new Map();
    this.blocked = new Map();
  }

  pinKey(user) {
    return `${this.me}|${user}`;
  }

  async pinned(user) {
    const pin = await this.db.get('pins', this.pinKey(user));
    return pin && { signing: fromBase64(pin.signing), agreement: fromBase64(pin.agreement) };
  }

  async pin(user, keys) {
    await this.db.put('pins', { signing: toBase64(keys.signing), agreement: toBase64(keys.agreement) }, this.pinKey(user));
  }

  /** What the network gives for {@code user} now: their full name and keys. */
  async lookUp(user) {
    const answer = await this.ask({ type: 'keys', user });
    return { user: answer.user, keys: keysOf(answer) };
  }

  /** The keys to seal for {@code user} to, compared with the network once per connection. @throws KeyChanged */
  forSealing(user) {
    let compared = this.confirmed.get(user);
    if (!compared) {
      compared = this.compare(user);
      this.confirmed.set(user, compared);
      compared.catch(() => this.confirmed.delete(user));
    }
    return compared;
  }

  async compare(user) {
    const resolved = await this.lookUp(user);
    const pinned = await this.pinned(resolved.user);
    if (!pinned) {
      await this.pin(resolved.user, resolved.keys);
    } else if (!equal(pinned.signing, resolved.keys.signing) || !equal(pinned.agreement, resolved.keys.agreement)) {
      const changed = new KeyChanged(resolved.user, pinned, resolved.keys);
      this.blocked.set(resolved.user, changed);
      this.changed(changed);
      throw changed;
    } else if (this.blocked.delete(resolved.user)) {
      this.changed(null, resolved.user);
    }
    return resolved;
  }

  /** The key change that blocks sending to {@code user}, if one was found. */
  blockedBy(user) {
    return this.blocked.get(user);
  }

  /** Something says {@code user}'s keys may have changed: compare again now, so a warning shows at once. */
  mayHaveChanged(user) {
    this.confirmed.delete(user);
    if (user.startsWith('#') || user === '*') return;
    this.pinned(user).then((pin) => {
      if (pin) this.forSealing(user).catch(() => { /* a KeyChanged was reported; an unknown user stays as is */ });
    });
  }

  /** The user compared safety numbers and takes the keys the network gives now. */
  async trust(user) {
    const resolved = await this.lookUp(user);
    await this.pin(resolved.user, resolved.keys);
    this.blocked.delete(resolved.user);
    this.confirmed.delete(user);
    this.changed(null, resolved.user);
    return resolved;
  }

  /** A sender's pinned keys, pinning what the network gives on first contact (it may not know them yet). */
  async ofSender(from) {
    const pinned = await this.pinned(from);
    if (pinned) return pinned;
    for (let attempt = 1; ; attempt++) {
      try {
        const resolved = await this.lookUp(from);
        await this.pin(from, resolved.keys);
        return resolved.keys;
      } catch (e) {
        if (attempt >= LOOKUPS || !(e instanceof Refused) || e.code !== 'UNKNOWN_USER') throw e;
        await new Promise((resolve) => setTimeout(resolve, 125 << attempt));
      }
    }
  }
}
