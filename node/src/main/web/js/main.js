// The web client's entry point: checks what the browser must have, then starts the page.

import { App } from './ui/app.js';

async function supported() {
  if (!globalThis.isSecureContext || !crypto.subtle) return 'this page needs a secure context (https, or http on 127.0.0.1) for WebCrypto';
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign']);
    await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  } catch {
    return 'this browser\'s WebCrypto has no Ed25519 or X25519 (Chromium 137 or later, Firefox 130, Safari 17 have them)';
  }
  return null;
}

const missing = await supported();
if (missing) {
  document.body.textContent = `Parley cannot run here: ${missing}.`;
} else {
  App.boot().catch((e) => {
    document.body.textContent = `Parley could not start: ${e.message}`;
  });
}
