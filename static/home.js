// The account panel (/~home on the main origin, framed by the front page): the email invitations sent
// to the visitor's address, with Accept and Decline, or a prompt to confirm the address first. It speaks
// the console API's `invites` over a socket of the main origin, where it acts with the visitor's login.
import { Connection } from './connection.js';
import { nameOf, rightsInWords } from './invitation-words.js';
import { invitesApi } from './webstrate-api.js';

/** The socket's document: answering one's own invitations ignores it (each names its page). */
const SOCKET_DOC = 'frontpage';

const $ = (id) => document.getElementById(id);

const WORDS = {
  ERR_NOT_FOUND: 'This invitation is no longer waiting for you.',
  INVITATION_NOT_PENDING: 'This invitation was answered, cancelled or has expired.',
  EMAIL_UNVERIFIED: 'Confirm your address first.',
};

/** Logged out, the panel has only links and the New page button: no socket, nothing to read. */
const loggedIn = $('invitations') !== null;
let ready = false;
let invites = null;
if (loggedIn) {
  const connection = new Connection(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/${SOCKET_DOC}/`, {
    onOpen: () => { ready = true; load(); },
    onClose: () => { ready = false; },
    onShareDb: () => {},
    onWebstrates: (message) => news.hear(message),
  });
  const news = invitesApi(connection, SOCKET_DOC);
  invites = news.api;
  // An invitation to this address came, was sent again, cancelled or ran out: the list is read again.
  invites.on('mine', () => load());
  connection.start();
}

function say(text) {
  $('status').textContent = text;
}

function complain(text) {
  $('problem').textContent = text;
}

async function load() {
  if (!ready) return;
  try {
    const mine = await invites.mine();
    showVerify(mine);
    render(mine.verified ? mine.invitations : []);
  } catch (error) {
    complain(`Your invitations could not be read: ${error.message}.`);
  }
  fit();
}

/** An unconfirmed address: its invitations stay hidden until the visitor proves it is theirs. */
function showVerify(mine) {
  $('verify-step').hidden = mine.verified || !mine.email;
  if (!mine.verified && mine.email) {
    $('verify-text').textContent = `Confirm that ${mine.email} is your address to see the invitations sent to it.`;
  }
  if (!mine.email) say('Your account has no email address, so nobody can invite you by email.');
}

/**
 * Shows the pending invitations the server listed, keeping the rows already shown (and those answered
 * here, with their Open link, or being answered) so a live re-read never takes one from under a click.
 */
function render(list) {
  const shown = new Map([...$('invitations').children].map((li) => [li.dataset.id, li]));
  const items = list.map((invitation) => shown.get(invitation.id) ?? item(invitation));
  for (const li of shown.values()) if (li.dataset.answer && !items.includes(li)) items.push(li);
  const now = [...$('invitations').children];
  // Unchanged rows are left in place, so the focus stays where it is.
  if (items.length !== now.length || items.some((li, i) => li !== now[i])) $('invitations').replaceChildren(...items);
  $('none').hidden = items.length > 0;
}

function item(invitation) {
  const li = document.createElement('li');
  li.dataset.id = invitation.id;
  const text = document.createElement('p');
  text.textContent = `${nameOf(invitation.invitedBy)} invites you to`
    + ` ${rightsInWords(invitation.permissions, `the page “${invitation.webstrateId}”`)}.`;
  li.append(text);
  if (invitation.message) {
    const message = document.createElement('blockquote');
    message.className = 'message';
    message.textContent = invitation.message;
    li.append(message);
  }
  const accept = button('Accept', `accept-${invitation.id}`, () => answer(li, invitation, true));
  const decline = button('Decline', `decline-${invitation.id}`, () => answer(li, invitation, false));
  decline.className = 'secondary';
  accept.setAttribute('aria-label', `Accept the invitation to “${invitation.webstrateId}”`);
  decline.setAttribute('aria-label', `Decline the invitation to “${invitation.webstrateId}”`);
  const actions = document.createElement('p');
  actions.className = 'actions';
  actions.append(accept, ' ', decline);
  li.append(actions);
  return li;
}

function button(label, id, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

async function answer(li, invitation, accepting) {
  complain('');
  li.dataset.answer = 'asked';
  for (const b of li.querySelectorAll('button')) b.disabled = true;
  try {
    if (accepting) {
      const joined = await invites.acceptEmail(invitation.id);
      const open = document.createElement('a');
      open.className = 'button';
      open.target = '_top';
      open.href = `/${encodeURIComponent(joined.webstrateId)}/`;
      open.textContent = `Open “${joined.webstrateId}”`;
      li.dataset.answer = 'accepted';
      li.replaceChildren(Object.assign(document.createElement('p'), {
        textContent: `Accepted: you can now ${rightsInWords(joined.permissions, `“${joined.webstrateId}”`)}.`,
      }), open);
      say(`You accepted the invitation to “${joined.webstrateId}”.`);
      open.focus();
    } else {
      await invites.declineEmail(invitation.id);
      const next = li.nextElementSibling?.querySelector('button') ?? li.previousElementSibling?.querySelector('button');
      li.remove();
      $('none').hidden = $('invitations').children.length > 0;
      say(`You declined the invitation to “${invitation.webstrateId}”.`);
      (next ?? $('status')).focus?.();
    }
  } catch (error) {
    complain(WORDS[error.code] ?? `That did not work: ${error.message}.`);
    delete li.dataset.answer;
    for (const b of li.querySelectorAll('button')) b.disabled = false;
  }
  fit();
}

$('verify')?.addEventListener('click', async () => {
  complain('');
  $('verify').disabled = true;
  try {
    const sent = await invites.verifyEmail();
    say(sent.sent ? `We sent a link to ${sent.email}. Open it to confirm your address, then come back here.`
      : 'Your address is confirmed already.');
    if (!sent.sent) load();
  } catch (error) {
    complain(`No mail was sent: ${error.message}.`);
  } finally {
    $('verify').disabled = false;
  }
  fit();
});

/**
 * Tells the front page how tall the panel's content is, so its frame shows all of it without a scroll
 * bar (the body's own height: the document's is never less than the frame). Only a height is sent.
 */
function fit() {
  if (parent !== window) parent.postMessage({ weftHomeHeight: Math.ceil(document.body.getBoundingClientRect().height) }, '*');
}

// Back from confirming the address in another tab: read the invitations again.
document.addEventListener('visibilitychange', () => { if (!document.hidden) load(); });
new ResizeObserver(fit).observe(document.body);
