// The page's videos: every node's videos as the node lists them (videos, as the CLI's `parley videos`),
// and a player with a resolution picker (each rendition, or automatic: hls.js switches as the
// bandwidth allows). Opened from the bar's Videos button, over the conversation.

import { $, clear, el } from '../ui/dom.js';
import { Player, loadHls } from './player.js';
import { VideoPass } from './video-pass.js';

const AUTO = '-1';

function clock(millis) {
  const seconds = Math.round(millis / 1000);
  const hours = Math.floor(seconds / 3600);
  const rest = `${Math.floor(seconds / 60) % 60}:${String(seconds % 60).padStart(2, '0')}`;
  return hours ? `${hours}:${rest.padStart(5, '0')}` : rest;
}

export class VideoPanel {
  constructor() {
    this.ask = null;
    this.pass = null;
    this.player = null;
    this.playing = null;
    $('open-videos').addEventListener('click', () => this.open());
    $('video-close').addEventListener('click', () => this.close());
    $('video-refresh').addEventListener('click', () => this.list());
    $('video-quality').addEventListener('change', () => this.player && this.player.choose(Number($('video-quality').value)));
  }

  /** The logged-in session's requests; a new login (maybe after the node restarted) gets a new pass. */
  use(ask) {
    this.ask = ask;
    this.pass = new VideoPass(ask);
    this.player = new Player($('video-player'), this.pass, {
      level: (height, auto) => this.status(`Playing ${height}p${auto ? ' (auto)' : ''}`, height),
      failed: (message) => this.status(`Could not play: ${message}`),
    });
  }

  async open() {
    $('video-panel').hidden = false;
    // What the first play needs, fetched while the user picks: the player's code and a pass.
    loadHls().catch(() => { /* said when a video is played */ });
    this.pass.current().catch(() => { /* asked again when a video is played */ });
    await this.list();
  }

  close() {
    $('video-panel').hidden = true;
    if (this.player) this.player.stop();
    $('video-player').removeAttribute('src');
    this.playing = null;
  }

  async list() {
    const list = clear($('video-list'));
    list.append(el('li', { className: 'hint' }, 'Asking the node…'));
    let answer;
    try {
      answer = await this.ask({ type: 'videos' });
    } catch (e) {
      clear(list).append(el('li', { className: 'error' }, `Could not list the videos: ${e.message}`));
      return;
    }
    clear(list);
    if (!answer.videos.length) list.append(el('li', { className: 'hint' }, 'No node lists a video yet.'));
    for (const video of answer.videos) {
      const resolutions = video.renditions.map((r) => r.resolution).join(' · ');
      list.append(el('li', {},
        el('button', { type: 'button', className: 'video-item', 'data-video': video.video, onclick: () => this.play(video) },
          el('span', { className: 'name' }, video.video),
          el('span', { className: 'meta' }, `${clock(video.durationMillis)} · ${resolutions}${video.mixed ? ' · auto' : ''}`))));
    }
  }

  /** Starts {@code video} at the resolution picked (automatic unless one was picked). */
  async play(video) {
    this.playing = video;
    const quality = clear($('video-quality'));
    if (video.mixed || video.renditions.length === 1) quality.append(el('option', { value: AUTO }, 'Auto (mixed)'));
    video.renditions.forEach((r, index) => quality.append(el('option', { value: String(index) }, `${r.resolution} (${r.width}×${r.height})`)));
    quality.disabled = false;
    $('video-title').textContent = video.video;
    this.status('Loading…');
    try {
      await this.player.play(video.video, Number(quality.value));
    } catch (e) {
      this.status(`Could not play: ${e.message}`);
    }
  }

  status(text, height) {
    $('video-status').textContent = text;
    if (height) $('video-status').dataset.height = String(height);
  }
}
