// The redeem page (/invite on the main origin): a code, then who invites you and the PIN, then the page.
// It speaks through the console API's `invites` over a socket of the main origin, where that socket acts
// with the visitor's whole login, and shows each move of the invitation live from its 'state' events.
import { Connection } from './connection.js';
import { nameOf, rightsInWords } from './invitation-words.js';
import { countdown, inWords } from './pin-countdown.js';
import { invitesApi } from './webstrate-api.js';

/** The socket's document: redeeming ignores it (the code names the invitation's page). */
const SOCKET_DOC = 'frontpage';

const $ = (id) => document.getElementById(id);
const steps = { code: $('code-step'), pin: $('pin-step'), done: $('done-step') };

/** Refusals and judgements in plain words, by the server's code. */
const WORDS = {
  INVITE_UNKNOWN: 'No invitation has this code. Check it and try again.',
  INVITE_EXPIRED: 'This invitation has expired. Ask for a new one.',
  INVITE_REMOVED: 'This invitation was cancelled by the person who made it.',
  INVITE_USED_UP: 'This invitation has been used already. Ask for a new one.',
  INVITE_RATE_LIMITED: 'Too many tries. Wait a few minutes, then try again.',
  INVITATION_BUSY: 'Someone else is entering a PIN for this invitation right now. Try again in a few minutes.',
  INVITATION_OWN: 'This is your own invitation: give its code to the person you invite.',
  INVITATION_NOT_NEEDED: 'You already have every right this invitation gives.',
  INVITATION_FAILED: 'Too many wrong PINs: this invitation is locked. Ask for a new one.',
  INVITATION_NOT_BOUND: 'Your PIN step has ended (it timed out, or you were turned away). Redeem the code again.',
};
/** What each move of the invitation, told live, means to the guest. */
const STATES = {
  timeout: 'The time to enter the PIN ran out. Redeem the code again for a new PIN.',
  rejected: 'The person who invites you turned this request away.',
  cancelled: 'The person who invites you cancelled the invitation.',
  expired: 'This invitation has expired. Ask for a new one.',
  failed: WORDS.INVITATION_FAILED,
};

let invitation = null;
/** Stops the PIN's countdown while the PIN step shows. */
let stopTicking = () => {};
let ready = false;
/** A code in the address (/invite?code=…) is looked up once, when the socket first opens. */
let codeFromLink = $('code').value !== '';

const connection = new Connection(socketUrl(), {
  onOpen: () => {
    ready = true;
    $('redeem').disabled = false;
    if (codeFromLink) redeem();
    codeFromLink = false;
  },
  onClose: () => { ready = false; $('redeem').disabled = true; },
  onShareDb: () => {},
  onWebstrates: (message) => invites.hear(message),
});
const invites = invitesApi(connection, SOCKET_DOC);
invites.api.on('state', moved);
connection.start();

function socketUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/${SOCKET_DOC}/`;
}

function show(step, focus) {
  if (step !== 'pin') stopCountdown();
  for (const [name, element] of Object.entries(steps)) element.hidden = name !== step;
  $('again').hidden = true;
  focus?.focus();
}

function say(text) {
  $('status').textContent = text;
}

function complain(text) {
  $('problem').textContent = text;
}

async function redeem() {
  if (!ready) return;
  complain('');
  say('Looking up the code…');
  $('redeem').disabled = true;
  try {
    invitation = await invites.api.redeem($('code').value);
    $('offer').textContent = `${nameOf(invitation.inviter)} invites you to the page “${invitation.webstrateId}”,`
      + ` where you will be able to ${rightsInWords(invitation.permissions)}.`;
    $('phrase').textContent = invitation.verification;
    attemptsLeft(invitation.attemptsLeft);
    $('pin').value = '';
    const seconds = secondsUntil(invitation.pinExpiresAt);
    say(`${nameOf(invitation.inviter)} now sees a PIN. Ask them for it and enter it below`
      + (seconds > 0 ? ` within ${inWords(seconds)}.` : '.'));
    show('pin', $('pin'));
    countDown(invitation.pinExpiresAt);
  } catch (error) {
    say('');
    complain(WORDS[error.code] ?? `The code was not accepted: ${error.message}.`);
    $('code').focus();
  } finally {
    $('redeem').disabled = !ready;
  }
}

function attemptsLeft(count) {
  $('attempts').textContent = count === 1 ? 'One try left.' : `${count} tries left.`;
}

function secondsUntil(isoTime) {
  const deadline = Date.parse(isoTime ?? '');
  return Number.isFinite(deadline) ? Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) : -1;
}

/** Shows the time left to enter the PIN; the server's timeout, told live, ends the step itself. */
function countDown(pinExpiresAt) {
  stopCountdown();
  const until = Date.parse(pinExpiresAt ?? '');
  if (!Number.isFinite(until)) return;
  stopTicking = countdown($('time-left'), until, (seconds) => say(`${inWords(seconds)} left to enter the PIN.`), () => {});
}

function stopCountdown() {
  stopTicking();
  stopTicking = () => {};
}

async function authenticate() {
  if (!invitation) return;
  complain('');
  $('join').disabled = true;
  try {
    const joined = await invites.api.authenticate(invitation.id, $('pin').value.trim());
    succeeded(joined.webstrateId, joined.permissions);
  } catch (error) {
    if (error.code === 'INVITATION_WRONG_PIN') {
      attemptsLeft(error.attemptsLeft);
      complain(`That PIN is not right. ${error.attemptsLeft === 1 ? 'One try' : `${error.attemptsLeft} tries`} left.`);
      $('pin').select();
      $('pin').focus();
    } else {
      ended(WORDS[error.code] ?? `The PIN was not accepted: ${error.message}.`, error.code === 'INVITATION_NOT_BOUND');
    }
  } finally {
    $('join').disabled = false;
  }
}

function succeeded(webstrateId, permissions) {
  if (steps.done.hidden === false) return;
  invitation = null;
  complain('');
  say('You are in.');
  $('welcome').textContent = `You can now ${rightsInWords(permissions, `the page “${webstrateId}”`)}.`;
  $('open').href = `/${encodeURIComponent(webstrateId)}/`;
  show('done', $('open'));
}

/** The invitation went away from this guest: says why, and offers to redeem again where that can help. */
function ended(text, again) {
  invitation = null;
  say('');
  complain(text);
  show('code');
  $('again').hidden = !again;
  (again ? $('again') : $('code')).focus();
}

/** A live move of an invitation this user redeemed. */
function moved(event) {
  if (!invitation || event.id !== invitation.id) return;
  if (event.state === 'success') succeeded(event.webstrateId, invitation.permissions);
  else if (event.state === 'ready_for_authentication') {
    if (event.attemptsLeft !== undefined) attemptsLeft(event.attemptsLeft);
    if (event.pinExpiresAt && event.pinExpiresAt !== invitation.pinExpiresAt) {
      invitation.pinExpiresAt = event.pinExpiresAt;
      countDown(event.pinExpiresAt);
    }
  }
  else if (STATES[event.state]) ended(STATES[event.state], event.state === 'timeout' || event.state === 'rejected');
}

steps.code.addEventListener('submit', (event) => { event.preventDefault(); redeem(); });
steps.pin.addEventListener('submit', (event) => { event.preventDefault(); authenticate(); });
$('again').addEventListener('click', () => { $('again').hidden = true; redeem(); });
