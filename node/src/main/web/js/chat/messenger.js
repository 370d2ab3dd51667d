// End-to-end encrypted messaging on one connection, as the CLI's Messenger puts it together: sends
// sealed in order (direct messages to the pinned keys, group posts under our sender key, broadcasts
// as text), what arrives taken one after another, opened, checked and shown or turned into a
// warning, and acknowledged once judged; receipts move the history's marks.

import { text, utf8 } from '../crypto/bytes.js';
import { openDirect, sealDirect } from '../crypto/message-seal.js';
import { groupLabel, openGroup, sealGroup } from '../crypto/group-seal.js';
import { senderKeyFrom } from '../crypto/sender-key.js';
import { voiceKeyFrom } from '../crypto/voice-seal.js';
import { declinedFrom, isChunk, offerFrom } from '../crypto/file-seal.js';
import { Kind, OpenFailure } from '../crypto/open-failure.js';
import { newId, Refused } from '../net/connection.js';

/** A text longer than this is refused before it leaves, as the CLI refuses it (send long texts as a file). */
export const MAX_TEXT = 32768;

export class Messenger {
  constructor({ connection, me, user, contacts, history, groupKeys, events }) {
    this.connection = connection;
    this.me = me;
    this.user = user;
    this.contacts = contacts;
    this.history = history;
    this.groupKeys = groupKeys;
    this.events = events;
    this.sending = Promise.resolve();
    this.receiving = Promise.resolve();
    this.receipts = new Map();
    this.acks = [];
  }

  /** Handlers for what the node pushes, to give the connection. */
  pushes() {
    return {
      message: (header, body) => this.arrived(header, body),
      receipt: (header) => this.receipt(header),
      // One user's change, or several gathered by the node (entries), each a user's latest.
      presence: (header) => {
        for (const change of header.entries || [header]) {
          this.contacts.mayHaveChanged(change.user);
          this.events.presence(change);
        }
      },
      'group-notice': (header) => this.events.groupNotice(header),
      error: (header) => this.events.notice(`${header.code}: ${header.message}`, 'error'),
      'account-deleted': (header) => this.events.notice(`the account ${header.user} was deleted`, 'error'),
    };
  }

  /** Sends a request that has an id and resolves with its answer. */
  ask(header) {
    return this.connection.request({ id: newId(), ...header });
  }

  /** Sends a frame whose answer is "accepted", again while the node says we are too fast. */
  async sendOwn(header, body) {
    for (;;) {
      try {
        return await this.connection.request(header, body);
      } catch (e) {
        if (!(e instanceof Refused) || e.code !== 'RATE_LIMITED') throw e;
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, e.retryAfterMillis || 50)));
      }
    }
  }

  /** Resolves when a receipt with one of {@code statuses} comes for our message {@code id}. */
  awaitReceipt(id, statuses) {
    return new Promise((resolve) => {
      if (!this.receipts.has(id)) this.receipts.set(id, []);
      this.receipts.get(id).push({ statuses, resolve });
    });
  }

  /**
   * {@code plaintext} sealed as message {@code id} for {@code to}: a user (their pinned keys; throws
   * KeyChanged while they differ) or a group (our sender key for its epoch; we must be a member).
   */
  async sealFor(to, id, plaintext) {
    if (to.startsWith('#')) {
      let info;
      try {
        info = await this.ask({ type: 'group', action: 'members', group: to });
      } catch (e) {
        if (e instanceof Refused && e.code === 'NOT_MEMBER') throw new Error(`you are not a member of ${to}; nothing was sent`);
        throw e;
      }
      if (!info.members.some((m) => m.user === this.user)) throw new Error(`you are not a member of ${info.group}; nothing was sent`);
      const key = await this.groupKeys.ownKey(info);
      return { to: info.group, body: await sealGroup(this.me, id, this.user, key, plaintext) };
    }
    const recipient = await this.contacts.forSealing(to);
    return { to: recipient.user, body: await sealDirect(this.me, id, this.user, recipient.user, recipient.keys.agreement, plaintext) };
  }

  /** A message the client writes for itself (a sender key, a declined file): sealed, sent, not shown. */
  async sendOwnSealed(to, plaintext) {
    const id = newId();
    const sealed = await this.sealFor(to, id, plaintext);
    return this.sendOwn({ type: 'send', id, to: sealed.to }, sealed.body);
  }

  /**
   * Sends {@code words} to a user, a group or everyone ('*'), sealed after every earlier send so they
   * leave in order; {@code shown(entry)} hears the entry at once, whose status moves as the node answers.
   */
  sendText(to, words, shown) {
    if (words.length === 0) return Promise.reject(new Error('nothing to send'));
    if (words.length > MAX_TEXT) return Promise.reject(new Error(`a message holds at most ${MAX_TEXT} characters; send long texts as a file`));
    if (words.startsWith('\0')) return Promise.reject(new Error('a message may not start with NUL'));
    const id = newId();
    const sealed = this.sending.then(() => (to === '*' ? { to, body: utf8(words) } : this.sealFor(to, id, utf8(words))));
    this.sending = sealed.catch(() => {});
    return sealed.then(async ({ to: address, body }) => {
      const entry = { conversation: address, id, from: this.user, to: address, mine: true, text: words, sentAt: Date.now(), status: 'sending' };
      shown(entry);
      await this.sendOwn({ type: 'send', id, to: address }, body);
      await this.history.add(entry);
      await this.markStatus(entry, 'accepted');
      return entry;
    });
  }

  async markStatus(entry, status) {
    if (entry.key ? await this.history.status(entry, status) : (entry.status = status)) this.events.status(entry);
  }

  receipt(header) {
    const waiting = this.receipts.get(header.id);
    if (waiting) {
      const left = waiting.filter((w) => {
        if (!w.statuses.includes(header.status)) return true;
        w.resolve(header);
        return false;
      });
      if (left.length) this.receipts.set(header.id, left);
      else this.receipts.delete(header.id);
    }
    const entry = this.history.sent(header.id, this.user);
    if (entry && header.status !== 'expired') this.markStatus(entry, header.status);
  }

  /** Tells {@code entry}'s sender it was shown to us. */
  read(entry) {
    if (entry.mine || entry.readSent || entry.conversation.startsWith('#') || entry.to === '*') return;
    entry.readSent = true;
    this.connection.send({ type: 'read', id: entry.id, from: entry.from });
    if (entry.key) this.history.save(entry); // told once, not again at every later visit
  }

  acknowledge(id) {
    this.acks.push(id);
    if (this.acks.length === 1) {
      setTimeout(() => {
        const ids = this.acks.splice(0, 1000);
        try {
          this.connection.send({ type: 'ack', ids });
        } catch { /* the connection closed: the node sends them again at the next login */ }
        if (this.acks.length) this.acknowledge(this.acks.pop());
      }, 0);
    }
  }

  arrived(delivery, body) {
    const work = () => this.take(delivery, body);
    if (delivery.to !== '*' && delivery.to.startsWith('#')) {
      const behind = this.groupKeys.waitingFrom(delivery.from, delivery.to);
      if (behind) {
        this.groupKeys.holdBehind(behind, work);
        return;
      }
      if (!isChunk(body)) {
        this.receiving = this.receiving.then(() => this.parkIfKeyMissing(delivery, body, work));
        return;
      }
    }
    this.receiving = this.receiving.then(work).catch((e) => this.events.notice(`a message from ${delivery.from} could not be handled: ${e.message}`, 'error'));
  }

  async parkIfKeyMissing(delivery, body, work) {
    let label;
    try {
      label = groupLabel(body);
    } catch {
      return work();
    }
    if (await this.groupKeys.of(delivery.from, delivery.to, label.keyId)) return work();
    this.groupKeys.hold(delivery.from, delivery.to, label.keyId, work, () => this.events.notice(
      `group message ${delivery.id} from ${delivery.from} in ${delivery.to} cannot be opened yet: ${delivery.from}'s key for the group`
      + ' has not arrived; your node keeps the message for your next login', 'warning'));
    return undefined;
  }

  async take(delivery, body) {
    if (delivery.to === '*') return this.show('*', delivery, body);
    if (isChunk(body)) {
      if (await this.inbox.chunk(delivery, body)) this.acknowledge(delivery.id);
      return;
    }
    const group = delivery.to.startsWith('#');
    let plaintext;
    try {
      const sender = await this.contacts.ofSender(delivery.from);
      if (group) {
        const label = groupLabel(body);
        plaintext = await openGroup(delivery.id, delivery.from, delivery.to, sender.signing,
          await this.groupKeys.of(delivery.from, delivery.to, label.keyId), body);
      } else {
        plaintext = await openDirect(this.me, this.user, delivery.id, delivery.from, sender.signing, body);
      }
    } catch (e) {
      if (!(e instanceof OpenFailure)) {
        this.events.notice(`message ${delivery.id} from ${delivery.from} could not be checked now (${e.message}); your node keeps it for your next login`, 'warning');
        return;
      }
      this.acknowledge(delivery.id);
      if (e.kind === Kind.SENDER_KEY_CHANGED) this.contacts.mayHaveChanged(delivery.from);
      this.events.notice(e.message, 'error', delivery.from);
      return;
    }
    this.acknowledge(delivery.id);
    const offer = offerFrom(plaintext);
    if (offer) {
      await this.inbox.offered(delivery, offer);
      return;
    }
    if (!group) {
      const declined = declinedFrom(plaintext);
      if (declined) {
        this.files.declined(declined.fileId, delivery.from, declined.name);
        this.events.notice(`${delivery.from} declined your file '${declined.name}'`, 'warning', delivery.from);
        return;
      }
      const voiceKey = voiceKeyFrom(plaintext);
      if (voiceKey) {
        this.voiceKeys.taken(delivery.from, voiceKey);
        return;
      }
      const key = senderKeyFrom(plaintext);
      if (key) {
        await this.groupKeys.taken(delivery.from, key);
        for (const work of this.groupKeys.release(delivery.from, key)) this.receiving = this.receiving.then(work);
        return;
      }
    }
    return this.show(group ? delivery.to : delivery.from, delivery, plaintext);
  }

  /**
   * Keeps a message to us in the history and shows it. Broadcasts too: the node never keeps them, and the
   * list counts them unread, so going back to Everyone must find them.
   */
  async show(conversation, delivery, text) {
    if (this.history.has(delivery.from, delivery.id)) return;
    const entry = await this.history.add({ conversation, id: delivery.id, from: delivery.from, to: delivery.to, mine: false,
      text: safeText(text), sentAt: delivery.sentAt });
    this.events.message(entry);
  }
}

function safeText(bytes) {
  try {
    return text(bytes);
  } catch {
    return '(a message that is not UTF-8 text)';
  }
}
