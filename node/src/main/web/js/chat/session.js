// A user's session in this page: their keys (made here or imported, never exportable), the sealed
// stores, and the connection to the node, logged in again after it drops (0.5 s doubling to 8 s).

import { Connection, ConnectionClosed, Refused, newId } from '../net/connection.js';
import { identityFromRaw, newIdentity } from '../crypto/identity.js';
import { Vault } from '../store/vault.js';
import { History } from './history.js';
import { Contacts } from './contacts.js';
import { GroupKeys } from './group-keys.js';
import { Messenger } from './messenger.js';
import { FileInbox, FileSender } from './files.js';
import { Voice } from '../voice/voice.js';

const FATAL = new Set(['BAD_SIGNATURE', 'NAME_TAKEN', 'INVALID_NAME', 'PASSWORD_REQUIRED', 'BAD_PASSWORD', 'UNSUPPORTED_VERSION']);

/** Where this page's node takes WebSockets: the page's own origin. */
export function webSocketUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** The keys kept for {@code user} in this browser, made now if there are none. */
export async function identityFor(db, user) {
  const kept = await db.get('identities', user);
  if (kept) return kept;
  const fresh = await newIdentity();
  await db.put('identities', fresh, user);
  return fresh;
}

/** Takes raw private keys from an export as {@code user}'s keys here; refuses to replace other keys. */
export async function importIdentity(db, user, signingPrivate, agreementPrivate) {
  const imported = await identityFromRaw(signingPrivate, agreementPrivate);
  const kept = await db.get('identities', user);
  if (kept && (kept.signingPublic.join() !== imported.signingPublic.join())) {
    throw new Error(`this browser already has other keys for ${user}; log in with them, or use another browser profile`);
  }
  await db.put('identities', imported, user);
  return imported;
}

export class Session {
  /**
   * @param events {message, status, notice, presence, groupNotice, keyChanged, offer, state, directory, groups}
   */
  constructor(db, name, me, password, events) {
    this.db = db;
    this.name = name;
    this.me = me;
    this.password = password;
    this.events = events;
    this.connection = null;
    this.stopped = false;
  }

  /** Logs in; resolves with the welcome, or rejects with why the node refused. */
  async start() {
    this.vault = await Vault.open(this.db, this.name);
    this.history = await History.load(this.vault);
    const welcome = await this.connect();
    this.user = welcome.user;
    return welcome;
  }

  async connect() {
    const pushes = {};
    const { connection, welcome, hello } = await Connection.login(webSocketUrl(), this.name, this.me, this.password, pushes);
    this.connection = connection;
    this.node = hello.node;
    if (!this.messenger) this.build(welcome.user);
    this.messenger.connection = connection;
    this.contacts.confirmed.clear();
    Object.assign(pushes, this.messenger.pushes(), this.voice.pushes(), { closed: (why) => this.lost(why) });
    this.events.state('online');
    return welcome;
  }

  build(user) {
    const ask = (header) => this.messenger.ask(header);
    this.contacts = new Contacts(this.db, user, ask, (change, trusted) => this.events.keyChanged(change, trusted));
    this.messenger = new Messenger({ connection: null, me: this.me, user, contacts: this.contacts, history: this.history,
      groupKeys: null, events: this.events });
    this.messenger.groupKeys = new GroupKeys(this.vault, user, (to, plaintext) => this.messenger.sendOwnSealed(to, plaintext));
    this.messenger.files = new FileSender(this.messenger);
    this.messenger.inbox = new FileInbox(this.vault, this.messenger, (offer) => this.events.offer(offer));
    this.voice = new Voice(this.messenger, user, (text, level) => this.events.notice(text, level));
    this.messenger.voiceKeys = this.voice.keys;
  }

  async lost(why) {
    if (this.stopped) return;
    this.voice.lost();
    this.events.state('offline', why.message);
    for (let pause = 500; !this.stopped; pause = Math.min(pause * 2, 8000)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        await this.connect();
        this.events.notice('logged in again', 'info');
        this.events.reconnected();
        return;
      } catch (e) {
        if (e instanceof Refused && FATAL.has(e.code)) {
          this.events.state('offline', `the node refused the login: ${e.message}`);
          return;
        }
        this.events.state('offline', `${why.message}; trying again (${e.message})`);
      }
    }
  }

  /** Every user the node knows of, page by page. */
  async directory() {
    const users = [];
    let after;
    do {
      const page = await this.messenger.ask({ type: 'who', ...(after ? { after } : {}) });
      users.push(...page.users);
      after = page.next;
    } while (after);
    return users;
  }

  /** One user as the node knows them; the node tells this session of their presence from then on. */
  async follow(user) {
    const answer = await this.messenger.ask({ type: 'who', user });
    return answer.users[0];
  }

  groups() {
    return this.messenger.ask({ type: 'groups' }).then((answer) => answer.groups);
  }

  group(action, group, extra = {}) {
    return this.messenger.ask({ type: 'group', action, group, ...extra });
  }

  stop() {
    this.stopped = true;
    if (this.connection) this.connection.close();
  }
}

export { ConnectionClosed, newId };
