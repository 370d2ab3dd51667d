// One video playing in the page: hls.js (loaded the first time a video is played) over the node's
// HLS endpoints, each request carrying the video pass. Levels are the video's renditions, lowest
// first; level -1 is hls.js's automatic choice, which switches renditions as the bandwidth allows
// (the page's "mixed" mode).

const HLS_MODULE = '../vendor/hls.js/hls.light.min.mjs';
let hlsModule = null;

/** Loads hls.js ahead of the first play (the panel opening), so that a click goes straight to the video. */
export function loadHls() {
  hlsModule ||= import(HLS_MODULE).then((module) => module.default);
  return hlsModule;
}

/** Where the node serves {@code video} (name@node) as HLS. */
export function masterUrl(video) {
  const at = video.lastIndexOf('@');
  const name = video.substring(0, at);
  const node = video.substring(at + 1);
  return `/video/${encodeURIComponent(node)}/${encodeURIComponent(name)}/master.m3u8`;
}

export class Player {
  /**
   * @param element the <video>
   * @param pass    the VideoPass
   * @param events  {level(height, auto), failed(message)}
   */
  constructor(element, pass, events) {
    this.element = element;
    this.pass = pass;
    this.events = events;
    this.hls = null;
  }

  /** Plays {@code video} at {@code level} (a rendition's index, or -1 for automatic). */
  async play(video, level) {
    const Hls = await loadHls();
    if (!Hls.isSupported()) throw new Error('this browser has no Media Source Extensions for H.264');
    this.stop();
    const pass = this.pass;
    const hls = new Hls({
      enableWorker: false, // the page's policy allows no workers from blob: URLs; a segment is small work
      startLevel: level < 0 ? 0 : level, // automatic starts low, to show a picture at once, and climbs
      maxBufferLength: 12,
      async xhrSetup(xhr, url) {
        const bearer = await pass.current();
        xhr.open('GET', url, true);
        xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
      },
    });
    this.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      if (level >= 0) hls.currentLevel = level;
      this.element.play().catch(() => { /* the user presses play */ });
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (event, data) => {
      const chosen = hls.levels[data.level];
      if (chosen) this.events.level(chosen.height, hls.autoLevelEnabled);
    });
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (data.response && data.response.code === 401) pass.forget();
      if (data.fatal) this.events.failed(`${data.type}: ${data.details}${data.response && data.response.code ? ` (HTTP ${data.response.code})` : ''}`);
    });
    hls.loadSource(masterUrl(video));
    hls.attachMedia(this.element);
  }

  /** Plays on at {@code level} (-1: automatic) from where it is. */
  choose(level) {
    if (this.hls) this.hls.currentLevel = level;
  }

  stop() {
    if (this.hls) {
      this.hls.destroy();
      this.hls = null;
    }
  }
}
