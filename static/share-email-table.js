// The page's email invitations as a table under "Invite by email": address, rights, status in words
// (the mail's delivery included), when it was sent and when it ends, Resend and Cancel. It follows the
// invitations live from the console API's 'status' events, without polling.
import { nameOf } from './invitation-words.js';
import { actionButton, el, when } from './share-nodes.js';
import { rightsInWords } from './share-words.js';

/** A status as the table says it. */
const STATUS_WORDS = { pending: 'Pending', accepted: 'Accepted', declined: 'Declined', canceled: 'Canceled', expired: 'Expired' };
/** What resend and cancel refusals mean here. */
const REFUSALS = {
  INVITATION_NOT_PENDING: 'it is no longer pending',
  INVITATION_RESEND_LIMIT: 'it was sent again three times in the last hour; wait a while',
  EMAIL_RATE_LIMITED: 'too many invitation mails were sent lately; try again later',
};

/** Returns {element, added(invitation)}; `added` shows an invitation just sent. */
export function mountEmailTable(context) {
  const body = el('tbody');
  const empty = el('p', { id: 'email-none', class: 'muted' }, 'No email invitations to this page yet.');
  const table = el('table', { id: 'email-invitations', hidden: true },
    el('caption', { class: 'visually-hidden' }, 'Email invitations to this page'),
    el('thead', {}, el('tr', {}, ...['Address', 'Rights', 'Status', 'Sent and ends', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    body);
  const element = el('div', { class: 'email-list' }, el('h3', {}, 'Invitations sent'), empty, table);
  /** id → the invitation as last heard (the server's record, updated by events). */
  const known = new Map();

  let loading = null;
  let loadAgain = false;

  /** Reads the whole list; asked again while a read is under way, reads once more after it. */
  function load() {
    if (loading) {
      loadAgain = true;
      return loading;
    }
    loading = context.invites.emails().then(({ invitations }) => {
      known.clear();
      for (const invite of invitations) known.set(invite.id, invite);
      render();
    }, (error) => context.problem(`The email invitations could not be listed: ${error.message}.`)).finally(() => {
      loading = null;
      if (loadAgain) {
        loadAgain = false;
        load();
      }
    });
    return loading;
  }

  /** Draws every row anew, newest first, keeping the focus on the row that had it. */
  function render() {
    const focusedId = document.activeElement?.closest?.('#email-invitations tr')?.dataset.id;
    const rows = [...known.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(row);
    body.replaceChildren(...rows);
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
    if (focusedId) focusRow(focusedId);
  }

  function row(invite) {
    const status = statusOf(invite);
    const actions = el('td', { class: 'actions' });
    if (invite.status === 'pending' || invite.status === 'expired') {
      actions.append(button('Resend', `Resend the invitation to ${invite.email}`, () => resend(invite)));
    }
    if (invite.status === 'pending') {
      actions.append(button('Cancel', `Cancel the invitation to ${invite.email}`, () => cancel(invite), 'danger small'));
    }
    return el('tr', { 'data-id': invite.id, 'data-status': status.key },
      el('td', { class: 'address' }, invite.email),
      el('td', {}, rightsInWords(invite.permissions)),
      el('td', { class: 'status' }, el('strong', {}, status.words), status.detail ? el('br') : null,
        status.detail ? el('span', { class: 'muted' }, status.detail) : null),
      el('td', { class: 'times' }, ...timesOf(invite)),
      actions);
  }

  function button(label, name, action, className = 'secondary small') {
    return actionButton(label, { class: className, 'aria-label': name }, action);
  }

  async function resend(invite) {
    try {
      const renewed = await context.invites.resend(invite.id);
      known.set(renewed.id, renewed);
      render();
      context.say(`Sent the invitation to ${invite.email} again; the link in the earlier mail no longer works.`);
    } catch (error) {
      context.problem(`The invitation to ${invite.email} was not sent again: ${REFUSALS[error.code] ?? error.message}.`);
    }
    focusRow(invite.id);
  }

  async function cancel(invite) {
    try {
      const canceled = await context.invites.cancel(invite.id);
      known.set(canceled.id, canceled);
      render();
      context.say(`Canceled the invitation to ${invite.email}; its link now says so.`);
    } catch (error) {
      context.problem(`The invitation to ${invite.email} was not canceled: ${REFUSALS[error.code] ?? error.message}.`);
    }
    focusRow(invite.id);
  }

  /** After a row is redrawn its buttons are new: focus the row's first button, or its address. */
  function focusRow(id) {
    const tr = body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    const target = tr?.querySelector('button') ?? tr?.querySelector('.address');
    if (target && !target.matches('button')) target.setAttribute('tabindex', '-1');
    target?.focus();
  }

  // Live: a status or delivery change updates its row at once; a new status, or an invitation this
  // dialog has not seen (another admin sent it), brings the whole list again.
  context.invites.on('status', (event) => {
    if (event.webstrateId !== context.docId) return;
    const invite = known.get(event.id);
    if (!invite) {
      load();
      return;
    }
    const moved = invite.status !== event.status;
    known.set(event.id, { ...invite, status: event.status, delivery: event.delivery ?? invite.delivery,
      statusAt: moved ? new Date().toISOString() : invite.statusAt });
    render();
    if (!moved) return;
    context.say(`The invitation to ${event.email} is ${statusOf(known.get(event.id)).words.toLowerCase()} now.`);
    // The event says what the status is, not who accepted or when: the list says that.
    load();
  });

  load();
  return {
    element,
    added(invite) {
      known.set(invite.id, invite);
      render();
    },
  };
}

/** {key, words, detail}: the status a person reads, with the delivery where it matters. */
function statusOf(invite) {
  const delivery = invite.delivery ?? {};
  if (invite.status === 'pending' && delivery.state === 'failed') {
    return { key: 'failed', words: 'Delivery failed',
      detail: `after ${delivery.attempts} ${delivery.attempts === 1 ? 'try' : 'tries'}${delivery.lastError ? `: ${delivery.lastError}` : ''}` };
  }
  const words = STATUS_WORDS[invite.status] ?? invite.status;
  if (invite.status === 'accepted' && invite.acceptedBy) return { key: 'accepted', words, detail: `by ${nameOf(invite.acceptedBy)}` };
  if (invite.status === 'pending') {
    return { key: 'pending', words, detail: delivery.state === 'sent' ? 'mail sent' : 'mail waiting to be sent' };
  }
  return { key: invite.status, words, detail: '' };
}

/** When it was sent (or made, while its mail waits), then when it ends or ended: two lines. */
function timesOf(invite) {
  const sent = invite.delivery?.sentAt;
  const end = invite.status === 'pending' ? `Ends ${when(invite.expiresAt)}`
    : `${STATUS_WORDS[invite.status] ?? invite.status} ${when(invite.statusAt)}`;
  return [sent ? `Sent ${when(sent)}` : `Made ${when(invite.createdAt)}`, el('br'), end];
}
