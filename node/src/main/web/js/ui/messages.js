// One conversation's messages, with the marks of what we sent: ✓ accepted, ✓✓ delivered, read.

import { el, size, time } from './dom.js';

const MARKS = { sending: ['…', 'sending'], accepted: ['✓', 'accepted'], stored: ['✓', 'stored at their node'],
  delivered: ['✓✓', 'delivered'], read: ['✓✓ read', 'read'] };

export function statusMark(status) {
  const [mark, words] = MARKS[status] || ['', ''];
  return el('span', { className: `status ${status}`, title: words, 'data-status': status },
    el('span', { 'aria-hidden': 'true' }, mark), el('span', { className: 'visually-hidden' }, words));
}

export function messageItem(entry) {
  return el('li', { className: `message${entry.mine ? ' mine' : ''}`, 'data-id': entry.id },
    el('div', { className: 'meta' }, el('span', { className: 'from' }, entry.mine ? 'you' : entry.from),
      el('time', { datetime: new Date(entry.sentAt).toISOString() }, time(entry.sentAt)),
      entry.mine && entry.to !== '*' ? statusMark(entry.status) : null),
    el('div', { className: 'text' }, entry.text));
}

export function noticeItem(text) {
  return el('li', { className: 'notice', role: 'alert' }, text);
}

/** An offered file, with what can be done with it now. */
export function offerItem(offer, actions) {
  const state = {
    offered: 'offered', accepted: 'accepted, arriving', arrived: 'arrived, waiting for you', complete: 'ready',
    declined: 'declined', failed: `failed: ${offer.why}`, saved: 'saved',
  }[offer.state];
  const buttons = [];
  if (offer.state === 'offered' || offer.state === 'arrived') {
    buttons.push(el('button', { type: 'button', onclick: () => actions.accept(offer), 'aria-label': `Accept ${offer.name}` }, 'Accept'),
      el('button', { type: 'button', onclick: () => actions.decline(offer), 'aria-label': `Decline ${offer.name}` }, 'Decline'));
  }
  if (offer.state === 'complete' || offer.state === 'saved') {
    buttons.push(el('button', { type: 'button', className: 'primary', onclick: () => actions.save(offer), 'aria-label': `Save ${offer.name}` }, 'Save'));
  }
  const done = Math.min(offer.received || 0, offer.size);
  return el('li', { className: 'transfer', 'data-file': offer.fileId },
    el('span', {}, `${offer.from} offers `, el('strong', {}, offer.name), ` (${size(offer.size)}): ${state}`),
    offer.state === 'offered' || offer.state === 'accepted'
      ? el('progress', { max: String(Math.max(1, offer.size)), value: String(done), 'aria-label': `${offer.name} received` }) : null,
    ...buttons);
}

/** A file we send, with its progress bar. */
export function outgoingItem(transfer) {
  return el('li', { className: 'transfer', 'data-sending': transfer.name },
    el('span', {}, 'Sending ', el('strong', {}, transfer.name), ` to ${transfer.to}: ${transfer.state}`),
    el('progress', { max: String(Math.max(1, transfer.size)), value: String(transfer.sent), 'aria-label': `${transfer.name} sent` }));
}
