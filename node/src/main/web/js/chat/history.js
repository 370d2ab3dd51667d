// The conversations this user had, kept in the page sealed by the Vault (one record per message,
// under a key that orders them by time and says nothing of who), read whole at login.

import { randomBytes, toHex } from '../crypto/bytes.js';

/** Statuses of a message we sent, in the order they come; a later one never goes back. */
export const STATUSES = ['sending', 'accepted', 'stored', 'delivered', 'read'];

export class History {
  constructor(vault) {
    this.vault = vault;
    this.byConversation = new Map();
    this.byMessage = new Map();
  }

  static async load(vault) {
    const history = new History(vault);
    for (const [key, entry] of await vault.all('history')) {
      entry.key = key;
      history.index(entry);
    }
    return history;
  }

  index(entry) {
    if (!this.byConversation.has(entry.conversation)) this.byConversation.set(entry.conversation, []);
    this.byConversation.get(entry.conversation).push(entry);
    this.byMessage.set(History.messageKey(entry.mine, entry.from, entry.id), entry);
  }

  static messageKey(mine, from, id) {
    return `${mine ? 'out' : 'in'}|${from}|${id}`;
  }

  /** Whether a message from {@code from} with this id was already taken (a repeat after a reconnect). */
  has(from, id) {
    return this.byMessage.has(History.messageKey(false, from, id));
  }

  sent(id, from) {
    return this.byMessage.get(History.messageKey(true, from, id));
  }

  conversation(name) {
    return this.byConversation.get(name) || [];
  }

  conversations() {
    return [...this.byConversation.keys()];
  }

  /** Adds and keeps an entry: {conversation, id, from, to, mine, text, sentAt, status?, file?}. */
  async add(entry) {
    entry.key = `${Date.now().toString(36).padStart(9, '0')}-${toHex(randomBytes(4))}`;
    this.index(entry);
    await this.save(entry);
    return entry;
  }

  save(entry) {
    const { key, ...kept } = entry;
    return this.vault.put('history', key, kept);
  }

  /** Moves a sent message's status forward; false if it was no news. */
  async status(entry, status) {
    if (STATUSES.indexOf(status) <= STATUSES.indexOf(entry.status)) return false;
    entry.status = status;
    await this.save(entry);
    return true;
  }
}
