// Voice for one logged-in session: the keys that arrive in sealed messages, the one call this page is in
// (a session is in one room at a time), news of rooms from the node (a call ringing us among them), and
// the voice packets the connection hands over.

import { VoiceKeys } from './voice-keys.js';
import { VoiceCall } from './voice-call.js';

export class Voice {
  /** @param notice (text, level) shown to the user */
  constructor(messenger, user, notice) {
    this.messenger = messenger;
    this.user = user;
    this.notice = notice;
    this.keys = new VoiceKeys(user, (to, plaintext) => messenger.sendOwnSealed(to, plaintext));
    this.call = null;
    this.ringing = new Map();
    this.listeners = new Set();
  }

  /** Handlers for what the node pushes, to give the connection. */
  pushes() {
    return {
      'voice-room': (room) => this.news(room),
      voicePacket: (bytes) => {
        if (this.call) this.call.arrived(bytes);
      },
    };
  }

  ask(header) {
    return this.messenger.ask(header);
  }

  sendRaw(bytes) {
    this.messenger.connection.sendRaw(bytes);
  }

  /** Told whenever the call or the calls ringing us change. */
  onChange(listener) {
    this.listeners.add(listener);
  }

  changed() {
    for (const listener of this.listeners) listener();
  }

  /** Joins {@code target} (a group, or a user to call), leaving the room we were in. */
  async join(target, audio) {
    if (this.call) await this.call.leave();
    const call = new VoiceCall(this, audio, () => this.changed());
    this.call = call;
    try {
      await call.join(target);
      this.ringing.delete(call.room);
    } catch (e) {
      if (call.room) await call.leave();
      else call.end(e.message);
      throw e;
    } finally {
      this.changed();
    }
  }

  async leave() {
    if (this.call) await this.call.leave();
  }

  news(room) {
    if (this.call && !this.call.ended && room.room === this.call.room) {
      this.call.news(room);
      return;
    }
    if (!room.room.startsWith('#')) {
      // a call's other party in it, and we are not: it rings; once they left, it stops
      if (room.participants.some((p) => p.user === room.room)) this.ringing.set(room.room, room);
      else this.ringing.delete(room.room);
      this.changed();
    }
  }

  /** The connection dropped: the node took us out of the room. */
  lost() {
    if (this.call) this.call.end('the connection to the node dropped; join again');
  }
}
