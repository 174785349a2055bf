// The links this visitor made for the page (invites.get(), kind 'key'), with uses, time left, who
// accepted each (the server's ledger), time left or why it ended, and Revoke. It reads the list again when a link is created or
// revoked and when the server says someone accepted one (invites.on('accepted')), so it never polls.
// A link revoked here, or gone from the list (expired, or revoked by another admin), stays in the
// table for as long as the dialog is open, saying so, rather than vanishing without a word.
import { ago, duration, localTime } from './share-links-time.js';
import { rightsInWords } from './share-words.js';

/** How often the time left is told again. */
const TICK_MILLIS = 30_000;

/**
 * @param {HTMLElement} section where the table goes (after what is there)
 * @param {object} context the dialog's context (share.js)
 * @param {() => HTMLElement} fallbackFocus where focus goes when the control holding it disappears
 */
export function linkTable(section, context, fallbackFocus) {
  const tbody = el('tbody');
  const table = el('table', { id: 'links-table', hidden: true },
    el('thead', {}, el('tr', {}, ...['Gives', 'Uses', 'Status', 'Accepted by'].map((h) => el('th', { scope: 'col' }, h)),
      el('th', { scope: 'col' }, el('span', { className: 'visually-hidden' }, 'Revoke')))),
    tbody);
  const none = el('p', { className: 'muted', id: 'links-none' }, 'You have made no links for this page yet.');
  section.append(el('h3', { id: 'links-list-title' }, 'Your links'), none, table);
  table.setAttribute('aria-labelledby', 'links-list-title');

  /** Every link seen since the dialog opened, by id, newest first when shown. */
  const seen = new Map();
  /** Links no longer live, by id: why, in words. */
  const ended = new Map();
  /** Ids being revoked right now, so a double click sends one request. */
  const revoking = new Set();
  let reading = 0;

  tbody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-invite]');
    if (button) revoke(button.dataset.invite);
  });
  context.invites.on('accepted', (event) => {
    if (event.webstrateId !== context.docId) return;
    const who = event.user?.displayName || event.user?.username || 'Someone';
    context.say(`${who} accepted a link and now ${rightsInWords(event.permissions)} this page.`);
    refresh();
  });
  setInterval(tick, TICK_MILLIS);
  refresh();

  /** Reads the live links again; an answer overtaken by a later read is dropped. */
  async function refresh() {
    const mine = ++reading;
    let live;
    try {
      live = (await context.invites.get()).filter((invite) => invite.kind === 'key');
    } catch (error) {
      if (mine === reading) context.problem(`Your links could not be read: ${error.message}`);
      return;
    }
    if (mine !== reading) return;
    const ids = new Set(live.map((invite) => invite.id));
    for (const [id, invite] of seen) {
      if (!ids.has(id) && !ended.has(id)) {
        ended.set(id, Date.parse(invite.expiresAt) <= Date.now() ? 'Expired' : 'Revoked by another admin');
      }
    }
    for (const invite of live) seen.set(invite.id, invite);
    render();
  }

  function render() {
    const focused = tbody.contains(document.activeElement) ? document.activeElement.id : null;
    const invites = [...seen.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    tbody.replaceChildren(...invites.map(row));
    table.hidden = invites.length === 0;
    none.hidden = invites.length > 0;
    if (focused) (document.getElementById(focused) ?? nextRevoke() ?? fallbackFocus()).focus();
  }

  function row(invite) {
    const over = ended.get(invite.id) ?? (usedUp(invite) ? 'Used up' : null);
    const tr = el('tr', { className: over ? 'ended' : '' },
      cell('Gives', rightsInWords(invite.permissions), el('br'),
        el('span', { className: 'muted' }, 'made ', timeEl(invite.createdAt, ago(invite.createdAt)))),
      cell('Uses', invite.maxUses ? `${invite.uses} of ${invite.maxUses}` : `${invite.uses} (no limit)`),
      cell('Status', over ? el('strong', { className: 'state' }, over) : left(invite)),
      cell('Accepted by', ledger(invite.acceptedBy ?? [])),
      el('td', {}, ended.has(invite.id) ? '' : revokeButton(invite)));
    tr.dataset.invite = invite.id;
    return tr;
  }

  function left(invite) {
    const span = timeEl(invite.expiresAt, `${duration(Date.parse(invite.expiresAt) - Date.now())} left`);
    span.dataset.expires = invite.expiresAt;
    return span;
  }

  function revokeButton(invite) {
    const button = el('button', { type: 'button', className: 'danger small', id: `revoke-${invite.id}` }, 'Revoke');
    button.dataset.invite = invite.id;
    button.setAttribute('aria-label',
      `Revoke the link that gives ${rightsInWords(invite.permissions)}, made ${ago(invite.createdAt)}`);
    return button;
  }

  async function revoke(id) {
    // Not disabled while it works: a disabled button loses focus, and focus should move on from here.
    if (revoking.has(id)) return;
    revoking.add(id);
    try {
      await context.invites.remove(id);
      ended.set(id, 'Revoked');
      context.say('Link revoked: it no longer lets anyone in.');
    } catch (error) {
      context.problem(`The link was not revoked: ${error.message}`);
    } finally {
      revoking.delete(id);
    }
    render();
    refresh();
  }

  /** The first Revoke button left, for focus when the one pressed has gone. */
  function nextRevoke() {
    return tbody.querySelector('button[data-invite]');
  }

  /** Tells the time left again; a link that ran out says so. */
  function tick() {
    for (const span of tbody.querySelectorAll('[data-expires]')) {
      const millis = Date.parse(span.dataset.expires) - Date.now();
      span.textContent = millis > 0 ? `${duration(millis)} left` : 'Expired';
    }
  }

  return { refresh };
}

function usedUp(invite) {
  return Boolean(invite.maxUses) && invite.uses >= invite.maxUses;
}

/** Who accepted a link and when, from the server's ledger. */
function ledger(acceptances) {
  if (acceptances.length === 0) return el('span', { className: 'muted' }, 'Nobody yet');
  return el('ul', { className: 'ledger' }, ...acceptances.map((a) => el('li', {},
    el('span', { className: 'person' }, a.displayName || a.username), ' ',
    el('span', { className: 'muted' }, timeEl(a.at, ago(a.at))))));
}

function timeEl(iso, text) {
  const time = el('time', { dateTime: iso, title: localTime(iso) }, text);
  return time;
}

/** A cell that names its column itself where the table is shown as a list (narrow screens). */
function cell(label, ...children) {
  const td = el('td', {}, ...children);
  td.dataset.label = label;
  return td;
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
