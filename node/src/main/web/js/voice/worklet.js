// The call's two AudioWorklet processors, on the audio thread at 48 kHz.
// parley-capture: the microphone in 20 ms frames (960 samples) to the main thread, to encode.
// parley-playback: each speaker's decoded frames in a queue of its own, played once 60 ms of it wait
// (the jitter buffer's depth; after running dry it waits for 60 ms again), mixed; the mix goes back to
// the main thread in 100 ms pieces, so the page keeps what it played.

const FRAME = 960;
const DEPTH = 3 * FRAME;
const REPORT = 4800;

class Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Float32Array(FRAME);
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      this.frame[this.filled++] = input[i];
      if (this.filled === FRAME) {
        this.port.postMessage(this.frame, [this.frame.buffer]);
        this.frame = new Float32Array(FRAME);
        this.filled = 0;
      }
    }
    return true;
  }
}

class Playback extends AudioWorkletProcessor {
  constructor() {
    super();
    this.speakers = new Map();
    this.report = new Float32Array(REPORT);
    this.reported = 0;
    this.port.onmessage = (event) => {
      const { ssrc, pcm, gone } = event.data;
      if (gone) {
        this.speakers.delete(ssrc);
        return;
      }
      let speaker = this.speakers.get(ssrc);
      if (!speaker) {
        speaker = { chunks: [], at: 0, queued: 0, playing: false };
        this.speakers.set(ssrc, speaker);
      }
      speaker.chunks.push(pcm);
      speaker.queued += pcm.length;
    };
  }

  process(inputs, outputs) {
    const out = outputs[0][0];
    out.fill(0);
    for (const speaker of this.speakers.values()) {
      if (!speaker.playing && speaker.queued >= DEPTH) speaker.playing = true;
      if (!speaker.playing) continue;
      for (let i = 0; i < out.length; i++) {
        if (speaker.queued === 0) {
          speaker.playing = false;
          break;
        }
        const chunk = speaker.chunks[0];
        out[i] += chunk[speaker.at++];
        speaker.queued--;
        if (speaker.at === chunk.length) {
          speaker.chunks.shift();
          speaker.at = 0;
        }
      }
    }
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    for (let i = 0; i < out.length; i++) {
      this.report[this.reported++] = out[i];
      if (this.reported === REPORT) {
        this.port.postMessage(this.report, [this.report.buffer]);
        this.report = new Float32Array(REPORT);
        this.reported = 0;
      }
    }
    return true;
  }
}

registerProcessor('parley-capture', Capture);
registerProcessor('parley-playback', Playback);
