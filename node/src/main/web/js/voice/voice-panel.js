// The voice room in the page: a button to join a group's room or call a user from their conversation,
// calls ringing us, and while in a room who is in it and who speaks, with leave and save-what-I-heard.

import { clear, el } from '../ui/dom.js';
import { CallAudio, missingForVoice } from './call-audio.js';

export class VoicePanel {
  /** @param notice (text, level) shown to the user */
  constructor(panel, voice, notice) {
    this.panel = panel;
    this.voice = voice;
    this.notice = notice;
    voice.onChange(() => this.render());
    this.render();
  }

  /** The button that joins {@code conversation}'s voice room: a group's, or a call with a user. */
  button(conversation) {
    const group = conversation.startsWith('#');
    return el('button', { type: 'button', className: 'voice-join', onclick: () => this.join(conversation) },
      group ? 'Join voice' : 'Call');
  }

  async join(target) {
    const missing = await missingForVoice();
    if (missing) {
      this.notice(`voice cannot start: ${missing}`, 'error');
      return;
    }
    let audio;
    try {
      audio = new CallAudio();
    } catch (e) {
      this.notice(`voice cannot start: ${e.message}`, 'error');
      return;
    }
    this.voice.join(target, audio).catch((e) => this.notice(`voice in ${target}: ${e.message}`, 'error'));
  }

  render() {
    const call = this.voice.call;
    const panel = clear(this.panel);
    const ringing = [...this.voice.ringing.keys()].filter((who) => !call || call.ended || call.room !== who);
    for (const who of ringing) {
      panel.append(el('p', { className: 'ringing', role: 'alert' }, `${who} is calling you `,
        el('button', { type: 'button', onclick: () => this.join(who) }, 'Answer')));
    }
    if (call && !call.ended && call.room) {
      panel.append(el('h2', { id: 'voice-title' }, `Voice: ${call.room}`),
        el('ul', { id: 'voice-participants', className: 'voice-participants', 'aria-label': 'In the voice room' },
          call.participants.map((p) => el('li', { className: p.speaking ? 'speaking' : '', 'data-user': p.user },
            el('span', { className: 'voice-dot', 'aria-hidden': 'true' }), p.user === this.voice.user ? `${p.user} (you)` : p.user,
            p.speaking ? el('span', { className: 'voice-speaking' }, ' speaking') : null))),
        el('div', { className: 'actions' },
          el('button', { type: 'button', id: 'voice-leave', 'aria-describedby': 'voice-title', onclick: () => this.voice.leave() },
            'Leave voice'),
          this.saveButton(call)));
    } else if (call && call.ended) {
      panel.append(el('p', { id: 'voice-ended' }, `Voice in ${call.room || 'the room'} ended: ${call.ended}. `),
        this.saveButton(call));
    }
    panel.hidden = panel.childElementCount === 0;
  }

  saveButton(call) {
    return el('button', { type: 'button', id: 'voice-save', onclick: () => {
      const link = el('a', { href: URL.createObjectURL(call.audio.heardWav()), download: 'parley-heard.wav' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } }, 'Save what I heard');
  }
}
