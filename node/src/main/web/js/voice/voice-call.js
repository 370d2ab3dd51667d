// One voice call from this page, as the CLI's VoiceCall: joins a room through the node (voice-join),
// sends a keepalive on the WebSocket at once and every 5 s, hands our key to the participants of each
// epoch and seals every Opus frame under it; opens what the node relays with the speakers' keys,
// refuses repeats (a replay window per speaker), puts each speaker's frames back in order and plays
// them. Packets travel as binary WebSocket messages in the voice datagrams' format (docs/PROTOCOL.md,
// "Voice over the WebSocket"): the node relays them as it relays UDP and never holds a key.

import { fromBase64 } from '../crypto/bytes.js';
import { ReplayWindow, audioPacket, keepalive, newVoiceKey, openVoice, readFromNode, sealVoice, sealedKeyId }
  from '../crypto/voice-seal.js';

const KEEPALIVE_MILLIS = 5000;
const WHO_MILLIS = 1000;
/** Frames a speaker's later ones may arrive ahead of a missing one before it counts as lost. */
const REORDER_FRAMES = 3;
/** How long a frame waits for its speaker's key to arrive. */
const KEY_WAIT_MILLIS = 1000;
const MAX_KEY_WAITING = 100;
/** How long the speaker of someone who left is kept for their last frames. */
const LEFT_MILLIS = 2000;

export class VoiceCall {
  /**
   * @param voice {ask(header), sendRaw(bytes), keys: VoiceKeys, user}
   * @param audio a CallAudio, made in the click that starts the call
   * @param changed told whenever the room, its participants or who speaks changes, and when the call ends
   */
  constructor(voice, audio, changed) {
    this.voice = voice;
    this.audio = audio;
    this.changed = changed;
    this.speakers = new Map();
    this.names = new Map();
    this.participants = [];
    this.sent = 0;
    this.sealing = null;
    this.sending = Promise.resolve();
    this.ended = null;
    this.stats = { opened: 0, refused: 0, replayed: 0, lost: 0 };
  }

  async join(target) {
    const joined = await this.voice.ask({ type: 'voice-join', room: target });
    this.room = joined.room;
    this.ssrc = joined.ssrc;
    this.token = fromBase64(joined.token, 16);
    this.epoch = joined.epoch;
    this.update(joined.participants);
    this.voice.sendRaw(keepalive(this.token));
    this.timers = [
      setInterval(() => this.voice.sendRaw(keepalive(this.token)), KEEPALIVE_MILLIS),
      setInterval(() => this.who(), WHO_MILLIS),
    ];
    this.unlisten = this.voice.keys.onArrival(() => this.retryWaiting());
    this.rekey(this.epoch, this.participants.map((p) => p.user));
    await this.audio.start((opus) => this.send(opus));
    this.changed();
    return this;
  }

  update(participants) {
    this.participants = participants;
    for (const p of participants) this.names.set(p.ssrc, p.user);
    // Who left keeps their speaker a while: their last frames may come after the news of their leaving.
    const now = performance.now();
    for (const [ssrc, speaker] of this.speakers) {
      if (!participants.some((p) => p.ssrc === ssrc) && now - speaker.lastHeard > LEFT_MILLIS) {
        this.speakers.delete(ssrc);
        this.audio.gone(ssrc);
      }
    }
  }

  /** News of a room from the node: someone joined or left ours, so a new epoch and a new key. */
  news(room) {
    if (this.ended || room.room !== this.room || room.epoch <= this.epoch) return;
    this.epoch = room.epoch;
    this.update(room.participants);
    if (!room.participants.some((p) => p.ssrc === this.ssrc)) {
      this.end('the node no longer counts you in the room');
      return;
    }
    this.rekey(this.epoch, room.participants.map((p) => p.user));
    this.changed();
  }

  /** Who is in the room and who speaks, as the room's home says (what `parley voice who` shows). */
  who() {
    this.voice.ask({ type: 'voice-who', room: this.room }).then((answer) => {
      if (this.ended || answer.epoch !== this.epoch) return;
      this.update(answer.participants);
      this.changed();
    }, () => {});
  }

  /** A fresh key for {@code epoch}, given to its participants; sealed under once our node took them all. */
  rekey(epoch, users) {
    const fresh = newVoiceKey(this.room, epoch);
    this.voice.keys.give(fresh, users).then(() => {
      if (!this.sealing || this.sealing.epoch < fresh.epoch) this.sealing = fresh;
    }, (e) => this.voice.notice(`your voice key did not reach everyone in ${this.room} (${e.message}): they cannot hear`
      + ' you until someone joins or leaves'));
  }

  send(opus) {
    const key = this.sealing;
    if (!key || this.ended) return;
    const seq = this.sent++;
    // sealing is asynchronous: chained, so the packets leave in their order
    this.sending = this.sending.then(async () => {
      const sealed = await sealVoice(key, this.ssrc, seq, opus);
      if (!this.ended) this.voice.sendRaw(audioPacket(this.token, this.ssrc, seq, sealed));
    }).catch((e) => console.warn('a voice frame was not sent:', e.message));
  }

  /** A packet the node relayed to us. */
  arrived(bytes) {
    const packet = readFromNode(bytes);
    if (!packet || this.ended || packet.ssrc === this.ssrc) return;
    let speaker = this.speakers.get(packet.ssrc);
    if (!speaker) {
      // not in the room now: a stranger, or a straggler from someone who left
      if (!this.participants.some((p) => p.ssrc === packet.ssrc)) return;
      speaker = { window: new ReplayWindow(), next: -1, pending: new Map(), waiting: [], lastHeard: performance.now() };
      this.speakers.set(packet.ssrc, speaker);
    }
    this.open(speaker, packet, performance.now());
  }

  async open(speaker, packet, at) {
    const { ssrc, seq, sealed } = packet;
    if (!speaker.window.isFresh(seq)) {
      this.stats.replayed++;
      return;
    }
    const keyId = sealedKeyId(sealed);
    // by everyone heard in the call: a speaker who just left still has frames on the way
    const key = keyId && this.voice.keys.of(this.room, this.names.get(ssrc), keyId);
    if (!key) {
      if (keyId && speaker.waiting.length < MAX_KEY_WAITING) speaker.waiting.push({ packet, at });
      else this.stats.refused++;
      return;
    }
    let opus;
    try {
      opus = await openVoice(key, ssrc, seq, sealed);
    } catch {
      this.stats.refused++;
      return;
    }
    if (!speaker.window.accept(seq)) {
      this.stats.replayed++;
      return;
    }
    this.stats.opened++;
    speaker.lastHeard = performance.now();
    this.reorder(ssrc, speaker, seq, opus);
  }

  retryWaiting() {
    const now = performance.now();
    for (const speaker of this.speakers.values()) {
      const waiting = speaker.waiting;
      speaker.waiting = [];
      for (const { packet, at } of waiting) {
        if (now - at < KEY_WAIT_MILLIS) this.open(speaker, packet, at);
        else this.stats.lost++;
      }
    }
  }

  /** Plays a speaker's frames in order; one still missing once REORDER_FRAMES later ones came is lost. */
  reorder(ssrc, speaker, seq, opus) {
    if (speaker.next < 0) speaker.next = seq;
    if (seq < speaker.next) {
      this.stats.lost++; // came after we gave up on it
      return;
    }
    speaker.pending.set(seq, opus);
    for (;;) {
      if (speaker.pending.has(speaker.next)) {
        this.audio.play(ssrc, speaker.next, speaker.pending.get(speaker.next));
        speaker.pending.delete(speaker.next++);
      } else if (speaker.pending.size > 0 && Math.max(...speaker.pending.keys()) - speaker.next >= REORDER_FRAMES) {
        this.audio.play(ssrc, speaker.next++, null);
        this.stats.lost++;
      } else {
        return;
      }
    }
  }

  /** Leaves the room (the node answers with the room without us) and stops the sound. */
  async leave() {
    if (this.ended) return;
    this.end('you left');
    await this.voice.ask({ type: 'voice-leave' }).catch(() => {});
  }

  end(why) {
    if (this.ended) return;
    this.ended = why;
    for (const timer of this.timers || []) clearInterval(timer);
    if (this.unlisten) this.unlisten();
    this.audio.stop().catch(() => {});
    this.changed();
  }
}
