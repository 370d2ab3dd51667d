// The page: log in, then conversations on the left, the open one on the right. State lives here;
// what happens on the wire is the Session's.

import { $, clear, el } from './dom.js';
import { showDialog, safetyNumberBody } from './dialogs.js';
import { renderOpenGroups, renderRecipients } from './recipients.js';
import { messageItem, noticeItem, offerItem, outgoingItem, statusMark } from './messages.js';
import { Db } from '../store/db.js';
import { Session, identityFor, importIdentity } from '../chat/session.js';
import { KeyChanged } from '../chat/contacts.js';
import { openIdentity } from '../crypto/identity-export.js';
import { safetyNumber } from '../crypto/safety-number.js';
import { fingerprint } from '../crypto/primitives.js';
import { VideoPanel } from '../video/video-panel.js';
import { VoicePanel } from '../voice/voice-panel.js';

const NAME = /^[a-z0-9_.-]{1,32}$/;

export class App {
  constructor(db) {
    this.db = db;
    this.session = null;
    this.users = new Map();
    this.groups = [];
    this.unread = new Map();
    this.current = null;
    this.notices = new Map();
    this.offers = new Map();
    this.outgoing = [];
  }

  static async boot() {
    const app = new App(await Db.open());
    app.wire();
    app.videos = new VideoPanel();
    const last = await app.db.get('meta', 'lastUser');
    if (last) await app.login(last, '').catch((e) => app.showLogin(e.message));
    else app.showLogin('');
    return app;
  }

  wire() {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const user = $('login-user').value.trim();
      if (!NAME.test(user)) {
        $('login-error').textContent = 'A name is 1 to 32 of a-z, 0-9, _ . -';
        return;
      }
      $('login-error').textContent = 'Logging in…';
      this.login(user, $('login-password').value).catch((e) => { $('login-error').textContent = e.message; });
    });
    $('import-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.importAndLogin().catch((e) => { $('import-error').textContent = e.message; });
    });
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    $('composer-text').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        this.send();
      }
    });
    $('composer-file').addEventListener('change', () => {
      const file = $('composer-file').files[0];
      $('composer-file').value = '';
      if (file) this.sendFile(file);
    });
    $('open-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const user = $('open-user').value.trim();
      $('open-user').value = '';
      this.session.contacts.lookUp(user).then((found) => {
        if (!this.users.has(found.user)) this.users.set(found.user, 'offline');
        this.open(found.user);
      }, (e) => this.notice(`${user}: ${e.message}`));
    });
    $('create-group-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const name = $('create-group-name').value.trim().replace(/^#/, '');
      $('create-group-name').value = '';
      this.groupAction('create', `#${name}`, { open: $('create-group-open').checked });
    });
    $('join-group-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const group = $('join-group-name').value.trim();
      $('join-group-name').value = '';
      this.groupAction('join', group.startsWith('#') ? group : `#${group}`);
    });
    $('toggle-sidebar').addEventListener('click', () => this.toggleSidebar());
    $('logout').addEventListener('click', () => this.logout());
    $('enable-notifications').addEventListener('click', () => Notification.requestPermission().then(() => this.showNotifyButton()));
    document.addEventListener('visibilitychange', () => this.markRead());
  }

  showLogin(error) {
    $('chat-screen').hidden = true;
    $('login-screen').hidden = false;
    $('login-error').textContent = error;
    $('node-name').textContent = '';
    $('login-user').focus();
  }

  async importAndLogin() {
    const file = $('import-file').files[0];
    const exported = JSON.parse(await file.text());
    $('import-error').textContent = 'Opening (PBKDF2, a second or two)…';
    const opened = await openIdentity(exported, $('import-passphrase').value);
    if (!NAME.test(opened.user)) throw new Error(`the export is for '${opened.user}', which is no user name`);
    await importIdentity(this.db, opened.user, opened.signingPrivate, opened.agreementPrivate);
    $('import-passphrase').value = '';
    await this.login(opened.user, $('login-password').value);
  }

  async login(name, password) {
    const me = await identityFor(this.db, name);
    const session = new Session(this.db, name, me, password, this.events());
    this.session = session; // what waited at the node arrives while it logs in
    let welcome;
    try {
      welcome = await session.start();
    } catch (e) {
      this.session = null;
      throw e;
    }
    await this.db.put('meta', name, 'lastUser');
    this.videos.use((header) => session.messenger.ask(header));
    $('login-screen').hidden = true;
    $('chat-screen').hidden = false;
    $('me').textContent = welcome.user;
    document.title = `Parley: ${welcome.user}`;
    for (const conversation of session.history.conversations()) {
      if (conversation !== '*' && !conversation.startsWith('#')) this.users.set(conversation, this.users.get(conversation) || 'offline');
    }
    for (const offer of await session.messenger.inbox.load()) this.offers.set(offer.fileId, offer);
    this.showNotifyButton();
    this.voicePanel = new VoicePanel($('voice-panel'), session.voice, (text, level) => this.notice(text, this.current, level));
    await this.refresh();
    this.open(this.current || '*');
  }

  /** The directory and the groups again, from the node. */
  async refresh() {
    const [users, groups] = await Promise.all([this.session.directory(), this.session.groups()]);
    for (const u of users) if (u.user !== this.session.user) this.users.set(u.user, u.status);
    this.showGroups(groups);
  }

  /** The node's groups as they are now: the list, and whether the open conversation still takes our posts (a kick). */
  showGroups(groups) {
    this.groups = groups;
    this.renderSidebar();
    this.renderKeyWarning();
  }

  events() {
    return {
      message: (entry) => this.arrived(entry),
      status: (entry) => this.statusChanged(entry),
      notice: (text, level, conversation) => this.notice(text, conversation, level),
      presence: (p) => {
        if (p.user !== this.session.user) this.users.set(p.user, p.status);
        this.renderSidebar();
      },
      groupNotice: (n) => {
        this.notice(`${n.group}: ${n.user} ${n.event}${n.by && n.by !== n.user ? ` (by ${n.by})` : ''}`, n.group, 'info');
        this.session.groups().then((groups) => this.showGroups(groups));
      },
      keyChanged: () => this.renderKeyWarning(),
      offer: (offer) => {
        const known = this.offers.has(offer.fileId);
        this.offers.set(offer.fileId, offer);
        if (!known) this.bump(offer.conversation, `${offer.from} offers ${offer.name}`);
        this.renderTransfers();
      },
      state: (state, why) => {
        $('link-state').textContent = state === 'online' ? '' : `offline: ${why || ''}`;
        $('link-state').classList.toggle('down', state !== 'online');
      },
      reconnected: () => this.refresh(),
    };
  }

  renderSidebar() {
    renderRecipients($('recipients'), { groups: this.groups, users: this.users, unread: this.unread, current: this.current },
      (name) => this.open(name));
    renderOpenGroups($('open-groups'), this.groups, (group) => this.groupAction('join', group));
  }

  open(conversation) {
    this.current = conversation;
    this.unread.delete(conversation);
    $('sidebar').classList.remove('open');
    $('toggle-sidebar').setAttribute('aria-expanded', 'false');
    $('conversation-title').textContent = conversation === '*' ? 'Everyone (*): broadcasts, not encrypted'
      : conversation.startsWith('#') ? `${conversation} (g)` : conversation;
    this.renderActions();
    const list = clear($('messages'));
    for (const entry of this.session.history.conversation(conversation)) list.append(messageItem(entry));
    for (const text of this.notices.get(conversation) || []) list.append(noticeItem(text));
    list.scrollTop = list.scrollHeight;
    this.renderKeyWarning();
    this.renderTransfers();
    this.renderSidebar();
    this.markRead();
    if (conversation !== '*' && !conversation.startsWith('#')) {
      this.session.contacts.mayHaveChanged(conversation);
      // Someone we open a conversation with is someone we deal with, talked or not: follow their presence.
      this.session.follow(conversation).then((status) => {
        if (status && status.user !== this.session.user) {
          this.users.set(status.user, status.status);
          this.renderSidebar();
        }
      }, () => {});
    }
  }

  renderActions() {
    const c = this.current;
    const actions = clear($('conversation-actions'));
    if (c.startsWith('#')) {
      actions.append(el('button', { type: 'button', onclick: () => this.showMembers(c) }, 'Members'),
        el('button', { type: 'button', onclick: () => this.invite(c) }, 'Invite'),
        el('button', { type: 'button', onclick: () => this.groupAction('leave', c) }, 'Leave'));
    } else if (c !== '*') {
      actions.append(el('button', { type: 'button', onclick: () => this.showSafetyNumber(c) }, 'Safety number'));
    }
    if (c !== '*') actions.append(this.voicePanel.button(c));
  }

  /** A contact whose keys changed blocks the composer until the user compares and trusts. */
  renderKeyWarning() {
    const box = $('key-warning');
    const change = this.current && this.session.contacts.blockedBy(this.current);
    box.hidden = !change;
    const c = this.current;
    const member = c && (!c.startsWith('#') || this.groups.some((g) => g.group === c && g.member));
    $('composer-text').disabled = !member;
    $('send-button').disabled = !member || Boolean(change);
    $('composer-file').disabled = !member || Boolean(change) || c === '*';
    if (!change) return;
    clear(box).append(
      el('p', {}, el('strong', {}, `${change.user}'s keys have changed.`),
        ' Someone may be pretending to be them, or they set up again (a new device, a lost key). Nothing is sent to them until you decide.'),
      el('div', { className: 'actions' },
        el('button', { type: 'button', onclick: () => this.showSafetyNumber(change.user, change.offered) }, 'Compare safety numbers'),
        el('button', { type: 'button', className: 'danger', onclick: () => this.trust(change.user) }, 'Trust the new keys')));
  }

  async trust(user) {
    await this.session.contacts.trust(user);
    this.notice(`you now trust ${user}'s new keys`, user, 'info');
    this.open(this.current);
  }

  async showSafetyNumber(user, offered) {
    const keys = offered || await this.session.contacts.pinned(user) || (await this.session.contacts.forSealing(user)).keys;
    const me = this.session.me;
    const digits = await safetyNumber(this.session.user, me.signingPublic, me.agreementPublic, user, keys.signing, keys.agreement);
    await showDialog(`Safety number with ${user}`, safetyNumberBody(this.session.user, user, digits, await fingerprint(keys.signing)));
  }

  async showMembers(group) {
    try {
      const info = await this.session.group('members', group);
      const mine = info.owner === this.session.user;
      const list = el('ul', { className: 'members' }, info.members.map((m) => el('li', {},
        el('span', { className: `dot ${m.status}`, 'aria-hidden': 'true' }),
        el('span', {}, `${m.user}${m.user === info.owner ? ' (owner)' : ''}, ${m.status}`),
        mine && m.user !== this.session.user ? el('button', { type: 'button', onclick: () => {
          $('dialog').close();
          this.groupAction('kick', group, { user: m.user });
        } }, `Kick ${m.user}`) : null)));
      await showDialog(`${info.group}: ${info.members.length} members${info.open ? ', open' : ', invite-only'}`, list);
    } catch (e) {
      this.notice(`${group}: ${e.message}`, group);
    }
  }

  async invite(group) {
    const input = el('input', { id: 'invite-user', placeholder: 'bob@node-b', 'aria-label': 'User to invite' });
    const choice = await showDialog(`Invite to ${group}`, [el('label', { for: 'invite-user' }, 'User'), input],
      [{ label: 'Invite', value: 'invite', className: 'primary' }]);
    if (choice === 'invite' && input.value.trim()) this.groupAction('invite', group, { user: input.value.trim() });
  }

  async groupAction(action, group, extra) {
    try {
      const info = await this.session.group(action, group, extra);
      this.showGroups(await this.session.groups());
      if (action === 'create' || action === 'join') this.open(info.group);
      else if (action === 'leave') this.open('*');
      else this.notice(`${info.group}: ${action} done`, info.group, 'info');
    } catch (e) {
      this.notice(`${action} ${group}: ${e.message}`);
    }
  }

  send() {
    const text = $('composer-text').value;
    const to = this.current;
    if (!to || !text.trim()) return;
    $('composer-text').value = '';
    this.session.messenger.sendText(to, text, (entry) => {
      if (this.current === entry.conversation || (to === this.current)) $('messages').append(messageItem(entry));
      $('messages').scrollTop = $('messages').scrollHeight;
    }).catch((e) => {
      if (!(e instanceof KeyChanged)) $('composer-text').value = text;
      this.notice(`not sent to ${to}: ${e.message}`, to);
      this.renderKeyWarning();
    });
  }

  sendFile(file) {
    const transfer = { name: file.name, to: this.current, size: file.size, sent: 0, state: 'hashing' };
    this.outgoing.push(transfer);
    this.renderTransfers();
    this.session.messenger.files.send(this.current, file, (sent) => {
      transfer.sent = sent;
      transfer.state = 'sending';
      this.renderTransfers();
    }).then(() => {
      transfer.state = 'sent';
      transfer.sent = file.size;
      this.renderTransfers();
    }, (e) => {
      transfer.state = `failed: ${e.message}`;
      this.renderTransfers();
      this.renderKeyWarning();
    });
  }

  renderTransfers() {
    const list = clear($('transfers'));
    for (const t of this.outgoing.filter((o) => o.to === this.current || o.to === `${this.current}`)) list.append(outgoingItem(t));
    for (const offer of this.offers.values()) {
      if (offer.conversation !== this.current || offer.state === 'declined') continue;
      list.append(offerItem(offer, {
        accept: (o) => this.session.messenger.inbox.accept(o.fileId),
        decline: (o) => this.session.messenger.inbox.decline(o.fileId),
        save: (o) => this.save(o),
      }));
    }
  }

  /** Hands the finished file (on disk, in the origin's private file system) to the browser's download. */
  async save(offer) {
    const file = await this.session.messenger.inbox.file(offer.fileId);
    const url = URL.createObjectURL(file);
    const link = el('a', { href: url, download: offer.name.replace(/[\\/\0]/g, '_') || 'file' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    offer.state = 'saved';
    this.renderTransfers();
  }

  arrived(entry) {
    if (entry.conversation !== '*' && !entry.conversation.startsWith('#') && !this.users.has(entry.conversation)) {
      this.users.set(entry.conversation, 'online');
    }
    if (entry.conversation === this.current) {
      $('messages').append(messageItem(entry));
      $('messages').scrollTop = $('messages').scrollHeight;
      this.markRead();
    } else {
      this.bump(entry.conversation);
    }
    this.notify(entry);
  }

  bump(conversation, words) {
    if (conversation !== this.current) this.unread.set(conversation, (this.unread.get(conversation) || 0) + 1);
    this.renderSidebar();
    if (words) this.notify({ from: conversation, text: words });
  }

  /** Tells the senders of what the open conversation shows that it was read, while the page is seen. */
  markRead() {
    if (document.hidden || !this.current || !this.session) return;
    for (const entry of this.session.history.conversation(this.current)) this.session.messenger.read(entry);
  }

  statusChanged(entry) {
    const item = document.querySelector(`#messages li[data-id="${CSS.escape(entry.id)}"] .status`);
    if (item) item.replaceWith(statusMark(entry.status));
  }

  notice(text, conversation = this.current, level = 'error') {
    if (level === 'info') {
      $('notices').textContent = text;
      return;
    }
    const key = conversation || '*';
    if (!this.notices.has(key)) this.notices.set(key, []);
    this.notices.get(key).push(text);
    if (key === this.current) $('messages').append(noticeItem(text));
    $('notices').textContent = text;
  }

  showNotifyButton() {
    $('enable-notifications').hidden = !('Notification' in window) || Notification.permission !== 'default';
  }

  notify(entry) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || (!document.hidden && entry.conversation === this.current)) return;
    const notification = new Notification(entry.from, { body: entry.text.slice(0, 140), tag: entry.conversation });
    notification.onclick = () => {
      window.focus();
      if (entry.conversation) this.open(entry.conversation);
    };
  }

  toggleSidebar() {
    const open = $('sidebar').classList.toggle('open');
    $('toggle-sidebar').setAttribute('aria-expanded', String(open));
  }

  async logout() {
    this.videos.close();
    this.session.stop();
    this.session = null;
    this.users.clear();
    this.unread.clear();
    this.offers.clear();
    this.current = null;
    await this.db.delete('meta', 'lastUser');
    this.showLogin('');
  }
}

