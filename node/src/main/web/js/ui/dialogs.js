// The dialog the page asks and tells things in: safety numbers, group members, a name to invite.

import { $, clear, el } from './dom.js';

/** Shows {@code title} with {@code body}; {@code buttons} [{label, value, className}] besides Close; resolves with the value picked. */
export function showDialog(title, body, buttons = []) {
  const dialog = $('dialog');
  $('dialog-title').textContent = title;
  clear($('dialog-body')).append(...[body].flat());
  clear($('dialog-actions')).append(
    ...buttons.map((b) => el('button', { value: b.value, className: b.className }, b.label)),
    el('button', { value: 'close' }, 'Close'));
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }));
}

export function safetyNumberBody(me, them, digits, fingerprints) {
  return [
    el('p', {}, `Compare these 60 digits with ${them} in person or on a call (they see the same on their side, or with `,
      el('code', {}, `parley fingerprint ${me}`), '). If they match, nobody stands between you.'),
    el('p', { className: 'safety', 'data-safety-number': digits.replace(/\s+/g, ' ') }, digits),
    el('p', { className: 'hint' }, `${them}'s signing key: ${fingerprints}`),
  ];
}
