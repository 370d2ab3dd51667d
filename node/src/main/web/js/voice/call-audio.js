// A call's sound: the microphone (the browser's own noise suppression and echo cancellation) through
// an AudioWorklet in 20 ms frames, encoded to Opus by WebCodecs; each speaker's Opus frames decoded by
// WebCodecs and played through the playback worklet's jitter buffer. 48 kHz mono throughout. What was
// played is kept (the latest MAX_KEPT_SECONDS), to save as a WAV file.

const RATE = 48000;
const FRAME = 960;
const FRAME_MICROS = 20000;
const MAX_KEPT_SECONDS = 120;

export const OPUS = { codec: 'opus', sampleRate: RATE, numberOfChannels: 1 };

/** Whether this browser has what a call needs; null if so, else why not in words. */
export async function missingForVoice() {
  if (!globalThis.AudioEncoder || !globalThis.AudioDecoder || !globalThis.AudioWorkletNode) {
    return 'this browser has no WebCodecs audio or AudioWorklet (Chromium 94 or later has them)';
  }
  const encodes = await AudioEncoder.isConfigSupported({ ...OPUS, bitrate: 32000 });
  const decodes = await AudioDecoder.isConfigSupported(OPUS);
  return encodes.supported && decodes.supported ? null : 'this browser\'s WebCodecs cannot encode or decode Opus';
}

export class CallAudio {
  /** Made in the click that starts a call, so the browser lets it play. */
  constructor() {
    this.context = new AudioContext({ sampleRate: RATE, latencyHint: 'interactive' });
    this.kept = [];
    this.keptSamples = 0;
    this.decoders = new Map();
  }

  /** Starts the microphone; {@code onFrame(opusBytes)} hears each encoded 20 ms frame. */
  async start(onFrame) {
    await this.context.audioWorklet.addModule(new URL('./worklet.js', import.meta.url));
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { noiseSuppression: true, echoCancellation: true, channelCount: 1, sampleRate: RATE },
    });
    this.playback = new AudioWorkletNode(this.context, 'parley-playback', { numberOfInputs: 0, outputChannelCount: [1] });
    this.playback.port.onmessage = (event) => this.keep(event.data);
    this.playback.connect(this.context.destination);
    this.encoder = new AudioEncoder({
      output: (chunk) => {
        const bytes = new Uint8Array(chunk.byteLength);
        chunk.copyTo(bytes);
        onFrame(bytes);
      },
      error: (e) => console.warn('the Opus encoder failed:', e.message),
    });
    this.encoder.configure({ ...OPUS, bitrate: 32000, opus: { frameDuration: FRAME_MICROS, useinbandfec: true } });
    let frames = 0;
    this.capture = new AudioWorkletNode(this.context, 'parley-capture', { numberOfOutputs: 0 });
    this.capture.port.onmessage = (event) => {
      if (this.encoder.state !== 'configured') return;
      const data = new AudioData({ format: 'f32', sampleRate: RATE, numberOfFrames: FRAME, numberOfChannels: 1,
        timestamp: frames++ * FRAME_MICROS, data: event.data });
      this.encoder.encode(data);
      data.close();
    };
    this.source = this.context.createMediaStreamSource(this.stream);
    this.source.connect(this.capture);
    if (this.context.state === 'suspended') await this.context.resume();
  }

  /** Speaker {@code ssrc}'s frame {@code seq} to play; null for one that was lost (silence in its place). */
  play(ssrc, seq, opus) {
    if (!opus) {
      this.playback.port.postMessage({ ssrc, pcm: new Float32Array(FRAME) });
      return;
    }
    let decoder = this.decoders.get(ssrc);
    if (!decoder) {
      decoder = new AudioDecoder({
        output: (data) => {
          const pcm = new Float32Array(data.numberOfFrames);
          data.copyTo(pcm, { planeIndex: 0, format: 'f32-planar' });
          data.close();
          this.playback.port.postMessage({ ssrc, pcm }, [pcm.buffer]);
        },
        error: (e) => console.warn(`the Opus decoder of ssrc ${ssrc} failed:`, e.message),
      });
      decoder.configure(OPUS);
      this.decoders.set(ssrc, decoder);
    }
    decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: seq * FRAME_MICROS, data: opus }));
  }

  /** A speaker who left, once what they said has been handed over. */
  gone(ssrc) {
    const decoder = this.decoders.get(ssrc);
    if (decoder && decoder.state !== 'closed') decoder.close();
    this.decoders.delete(ssrc);
  }

  keep(pcm) {
    this.kept.push(pcm);
    this.keptSamples += pcm.length;
    while (this.keptSamples - this.kept[0].length >= MAX_KEPT_SECONDS * RATE) this.keptSamples -= this.kept.shift().length;
  }

  /** What was played so far, as a 16-bit 48 kHz mono WAV file. */
  heardWav() {
    const bytes = new Uint8Array(44 + this.keptSamples * 2);
    const view = new DataView(bytes.buffer);
    const ascii = (at, s) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + this.keptSamples * 2, true);
    ascii(8, 'WAVEfmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, RATE, true);
    view.setUint32(28, RATE * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    ascii(36, 'data');
    view.setUint32(40, this.keptSamples * 2, true);
    let at = 44;
    for (const piece of this.kept) {
      for (const sample of piece) {
        view.setInt16(at, Math.max(-32768, Math.min(32767, Math.round(sample * 32767))), true);
        at += 2;
      }
    }
    return new Blob([bytes], { type: 'audio/wav' });
  }

  async stop() {
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    if (this.encoder && this.encoder.state !== 'closed') this.encoder.close();
    for (const ssrc of [...this.decoders.keys()]) this.gone(ssrc);
    await this.context.close();
  }
}
