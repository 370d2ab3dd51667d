// Drives Debian's Chromium for the Java browser tests: one request per line on stdin,
// {"id":1,"op":"click","page":"wendy","selector":"#send-button"}, one answer per line on stdout,
// {"id":1,"ok":true,"value":...} or {"id":1,"ok":false,"error":"..."}. The browser runs on a fresh
// user-data-dir that Playwright makes; each page has a context of its own (its own storage, as a
// person on their own browser), which a reload keeps.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

// Further arguments are Chromium's own, for one test class (a fake microphone playing a file, say).
const [executablePath, ...extraArgs] = process.argv.slice(2);
const TIMEOUT = 30000;

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', ...extraArgs],
});
const pages = new Map();
const logs = new Map();
// What a page sent and received as voice packets on its WebSocket (binary messages starting 0xB7), base64.
const voiceFrames = new Map();
const MAX_VOICE_FRAMES = 1000;

// Notes every raw 32-byte AES-GCM key the page imports into WebCrypto: the voice tests open what was
// captured on the wire with the room's key, which only the page (and the room's members) ever hold.
function recordAesKeys() {
  const importKey = SubtleCrypto.prototype.importKey;
  globalThis.parleyTestAesKeys = [];
  SubtleCrypto.prototype.importKey = function (format, data, algorithm, ...rest) {
    const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
    if (format === 'raw' && name === 'AES-GCM' && data.byteLength === 32 && globalThis.parleyTestAesKeys.length < 500) {
      const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
      globalThis.parleyTestAesKeys.push(btoa(String.fromCharCode(...bytes)));
    }
    return importKey.call(this, format, data, algorithm, ...rest);
  };
}

function captureVoice(name, p) {
  const frames = { sent: [], received: [] };
  voiceFrames.set(name, frames);
  p.on('websocket', (socket) => {
    const keep = (list) => ({ payload }) => {
      if (typeof payload !== 'string' && payload.length > 0 && payload[0] === 0xb7 && list.length < MAX_VOICE_FRAMES) {
        list.push(payload.toString('base64'));
      }
    };
    socket.on('framesent', keep(frames.sent));
    socket.on('framereceived', keep(frames.received));
  });
}

function page(name) {
  const found = pages.get(name);
  if (!found) throw new Error(`no page ${name}`);
  return found;
}

const ops = {
  async open({ page: name, url }) {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true, // each node's certificate is self-signed
      acceptDownloads: true,
      viewport: { width: 1100, height: 700 },
    });
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(recordAesKeys);
    const p = await context.newPage();
    captureVoice(name, p);
    logs.set(name, []);
    p.on('console', (m) => logs.get(name).push(`${m.type()}: ${m.text()}`));
    p.on('pageerror', (e) => logs.get(name).push(`error: ${e.message}`));
    pages.set(name, p);
    await p.goto(url);
  },
  goto: ({ page: name, url }) => page(name).goto(url).then(() => {}),
  reload: ({ page: name }) => page(name).reload().then(() => {}),
  fill: ({ page: name, selector, value }) => page(name).fill(selector, value),
  click: ({ page: name, selector }) => page(name).click(selector),
  press: ({ page: name, selector, key }) => page(name).press(selector, key),
  check: ({ page: name, selector, checked }) => page(name).setChecked(selector, checked),
  select: ({ page: name, selector, value }) => page(name).selectOption(selector, value).then(() => {}),
  async waitFor({ page: name, selector, text, state }) {
    const locator = text === undefined ? page(name).locator(selector) : page(name).locator(selector, { hasText: text });
    await locator.first().waitFor({ state: state || 'visible' });
  },
  text: ({ page: name, selector }) => page(name).locator(selector).first().textContent(),
  texts: ({ page: name, selector }) => page(name).locator(selector).allTextContents(),
  attribute: ({ page: name, selector, attribute }) => page(name).locator(selector).first().getAttribute(attribute),
  setFiles: ({ page: name, selector, path }) => page(name).setInputFiles(selector, path),
  async download({ page: name, selector, path }) {
    const [download] = await Promise.all([page(name).waitForEvent('download'), page(name).click(selector)]);
    await download.saveAs(path);
    return download.suggestedFilename();
  },
  screenshot: ({ page: name, path }) => page(name).screenshot({ path, animations: 'disabled' }).then(() => {}),
  viewport: ({ page: name, width, height }) => page(name).setViewportSize({ width, height }),
  grant: ({ page: name, permissions }) => page(name).context().grantPermissions(permissions),
  // For what a person sees but no selector shows (a desktop notification); the value must be JSON.
  evaluate: ({ page: name, script }) => page(name).evaluate(script),
  logs: ({ page: name }) => logs.get(name) || [],
  voiceFrames: ({ page: name }) => voiceFrames.get(name),
  aesKeys: ({ page: name }) => page(name).evaluate(() => globalThis.parleyTestAesKeys || []),
  close: ({ page: name }) => page(name).context().close().then(() => pages.delete(name)),
};

const lines = createInterface({ input: process.stdin });
const answer = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
answer({ id: 0, ok: true, value: 'ready' });
for await (const line of lines) {
  const request = JSON.parse(line);
  try {
    const value = await ops[request.op](request);
    answer({ id: request.id, ok: true, value: value === undefined ? null : value });
  } catch (e) {
    answer({ id: request.id, ok: false, error: String(e && e.message || e).split('\n').slice(0, 6).join('\n') });
  }
}
await browser.close();
