// The list on the left: everyone (*), groups marked (g), and users with their presence and unread counts.

import { clear, el } from './dom.js';

/** @param state {everyone: bool, groups: [{group, member}], users: Map name -> status, unread: Map, current} */
export function renderRecipients(list, state, open) {
  const entries = [{ name: '*', label: 'Everyone (*)', kind: 'everyone' }];
  for (const g of state.groups.filter((g) => g.member)) entries.push({ name: g.group, label: `${g.group} (g)`, kind: 'group' });
  const users = [...state.users.entries()].sort(([a, sa], [b, sb]) =>
    (sa === 'offline') - (sb === 'offline') || a.localeCompare(b));
  for (const [name, status] of users) entries.push({ name, label: name, kind: status || 'offline' });
  clear(list);
  for (const entry of entries) {
    const unread = state.unread.get(entry.name) || 0;
    const status = entry.kind === 'group' || entry.kind === 'everyone' ? '' : `, ${entry.kind}`;
    list.append(el('li', {},
      el('button', { type: 'button', 'data-conversation': entry.name, 'aria-current': entry.name === state.current ? 'true' : 'false',
        'aria-label': `${entry.label}${status}${unread ? `, ${unread} unread` : ''}`, onclick: () => open(entry.name) },
      el('span', { className: `dot ${entry.kind}`, 'aria-hidden': 'true' }),
      el('span', { className: 'name' }, entry.label),
      unread ? el('span', { className: 'badge', 'aria-hidden': 'true' }, String(unread)) : null)));
  }
}

export function renderOpenGroups(list, groups, join) {
  clear(list);
  const open = groups.filter((g) => !g.member);
  if (!open.length) list.append(el('li', { className: 'hint' }, 'none you are not in'));
  for (const g of open) {
    list.append(el('li', {}, el('span', {}, `${g.group} (${g.members} members)`),
      el('button', { type: 'button', onclick: () => join(g.group), 'aria-label': `Join ${g.group}` }, 'Join')));
  }
}
