// One invitation by code and PIN on the share dialog's "Invite in person" section: the code to read
// out or send (shown only by the dialog that made it: the server keeps a hash), then, when a guest
// redeems it, who they are, the phrase both screens show, the PIN in two halves to copy, a countdown
// and the tries left; Reject guest and Cancel; and what came of it, in plain words.
import { copyButton } from './share-copy.js';
import { countdown, inWords } from './pin-countdown.js';
import { nameOf } from './invitation-words.js';
import { actionButton, el, when } from './share-nodes.js';
import { rightsInWords } from './share-words.js';

/** The state an invitation is in after each move the server tells (`timeout`, `rejected` leave it waiting). */
const AFTER = { timeout: 'waiting', rejected: 'waiting', cancelled: 'cancelled', expired: 'expired', failed: 'failed' };
const ENDED = new Set(['success', 'failed', 'cancelled', 'expired']);

/**
 * @param {object} invitation as the server lists it (getInteractiveInvites / createInteractiveInvite)
 * @param {object} context the dialog's section context
 * @param {(id: string) => void} removed called when the card leaves the list
 * @returns {{element: HTMLElement, moved(event): void, stop(): void}}
 */
export function codeCard(invitation, context, removed) {
  let now = { ...invitation };
  let outcome = outcomeOfState(now);
  let stopCountdown = () => {};
  const live = el('div', { class: 'live' });
  const element = el('article', { class: 'code-card', 'data-id': now.id, 'aria-labelledby': `card-${now.id}` },
    el('h3', { id: `card-${now.id}` }, `${capital(rightsInWords(now.permissions))}, ${now.multiUse ? 'several people' : 'one person'}`),
    el('p', { class: 'muted' }, `Made ${when(now.createdAt)}; the code works until ${when(now.expiresAt)}.`),
    codePart(now.code), live);
  draw();

  function codePart(code) {
    if (!code) {
      return el('p', { class: 'muted' }, 'The code was shown only when it was made. If it is lost, cancel this one and make a new one.');
    }
    const address = `${location.origin}/invite?code=${encodeURIComponent(code)}`;
    return el('div', { class: 'code' },
      el('p', { class: 'muted' }, 'Give this code to the person you invite:'),
      el('p', { class: 'big-code', id: `code-${now.id}` }, code),
      copyButton('Copy code', 'the code', () => code, context.say, { 'data-role': 'copy-code' }),
      el('p', {}, 'They enter it at ', el('a', { class: 'redeem-address', href: address, target: '_blank', rel: 'noopener' }, address), ' '),
      copyButton('Copy address', 'the address', () => address, context.say, { 'data-role': 'copy-address' }));
  }

  /** Redraws the live part, keeping the focus on the same control where it is still there. */
  function draw() {
    const role = live.contains(document.activeElement) ? document.activeElement.dataset.role : undefined;
    stopCountdown();
    stopCountdown = () => {};
    element.dataset.state = now.state;
    live.replaceChildren(...parts());
    if (role) (live.querySelector(`[data-role="${role}"]`) ?? live.querySelector('.outcome'))?.focus();
  }

  function parts() {
    const out = [el('p', { class: 'outcome', tabindex: '-1', 'data-role': 'outcome' }, outcome)];
    if (now.state === 'ready_for_authentication' && now.guest) out.push(guestPart());
    const actions = el('p', { class: 'actions' });
    if (now.state === 'ready_for_authentication') actions.append(action('Reject guest', 'reject', 'secondary', rejectGuest));
    if (!ENDED.has(now.state)) actions.append(action('Cancel invitation', 'cancel', 'danger', cancel));
    else actions.append(action('Remove from the list', 'remove', 'secondary', cancel));
    out.push(actions);
    return out;
  }

  function guestPart() {
    const name = nameOf(now.guest);
    const timer = el('p', { class: 'countdown', role: 'timer' });
    const part = el('div', { class: 'guest' },
      el('p', {}, el('strong', { class: 'guest-name' }, name), ' redeemed the code. Check that their screen shows the same words:'),
      el('p', { class: 'phrase verification' }, now.verification ?? ''));
    if (now.pin) {
      const halves = [now.pin.slice(0, 3), now.pin.slice(3)];
      part.append(el('p', { id: `pin-label-${now.id}` }, `Then read them the PIN (select a half to copy it):`),
        el('p', { class: 'pin', role: 'group', 'aria-labelledby': `pin-label-${now.id}` },
          ...halves.map((half, i) => copyButton(half, `the PIN's ${i === 0 ? 'first' : 'second'} half`, () => half, context.say,
            { class: 'pin-half', 'data-role': `pin-${i}`, 'aria-label': `${half}, the PIN's ${i === 0 ? 'first' : 'second'} half: copy it` }))));
    } else {
      part.append(el('p', { class: 'muted' }, 'Its PIN was shown in another window. If you cannot read it there, reject the guest: '
        + 'they redeem the code again and you see a new PIN.'));
    }
    part.append(timer, el('p', { class: 'attempts' }, triesLeft(now.attemptsLeft)));
    if (now.pinExpiresAt) {
      stopCountdown = countdown(timer, Date.parse(now.pinExpiresAt),
        (seconds) => context.say(`${inWords(seconds)} left for ${name} to enter the PIN.`), () => {});
    }
    return part;
  }

  function action(label, role, className, run) {
    return actionButton(label, { class: `${className} small`, 'data-role': role }, run);
  }

  async function rejectGuest() {
    const name = nameOf(now.guest);
    try {
      await context.invites.rejectGuest(now.id);
      moved({ id: now.id, state: 'rejected', guest: now.guest });
      context.say(`You turned ${name} away.`);
    } catch (error) {
      context.problem(`${name} was not turned away: ${error.message}.`);
    }
    live.querySelector('.outcome')?.focus();
  }

  async function cancel() {
    try {
      const reply = await context.invites.cancel(now.id);
      if (reply.removed) {
        stop();
        element.remove();
        removed(now.id);
        context.say('Removed the invitation from the list.');
        return;
      }
      moved({ id: now.id, state: 'cancelled', guest: now.guest });
      context.say('Cancelled the invitation: its code no longer works.');
    } catch (error) {
      context.problem(`The invitation was not cancelled: ${error.message}.`);
    }
    live.querySelector('.outcome')?.focus();
  }

  /** A move the server told (invites.on('state')), or one this card made. */
  function moved(event) {
    const before = now;
    if (event.state === before.state && event.attemptsLeft === before.attemptsLeft && event.pin === before.pin) return;
    if (ENDED.has(before.state) && event.state !== before.state && !ENDED.has(event.state)) return;
    // Told twice (this card's own move, then the server's event): a guest is rejected or timed out only
    // when bound, and nothing ends twice.
    if (AFTER[event.state] && before.state === AFTER[event.state]) return;
    const guest = event.guest ?? before.guest;
    const next = { ...before, attemptsLeft: event.attemptsLeft ?? before.attemptsLeft };
    if (event.state === 'ready_for_authentication') {
      Object.assign(next, { state: event.state, guest, verification: event.verification ?? before.verification,
        pinExpiresAt: event.pinExpiresAt ?? before.pinExpiresAt, pin: event.pin ?? before.pin });
    } else if (event.state === 'success') {
      Object.assign(next, { state: before.multiUse ? 'waiting' : 'success', guest: before.multiUse ? null : guest,
        successes: (before.successes ?? 0) + 1, pin: undefined, pinExpiresAt: null });
    } else {
      Object.assign(next, { state: AFTER[event.state] ?? event.state, pin: undefined, pinExpiresAt: null,
        guest: AFTER[event.state] === 'waiting' ? null : guest });
    }
    now = next;
    outcome = outcomeOfMove(event.state, before, next, guest);
    draw();
    tell(event.state, before, guest);
  }

  /** Says each move once, politely; an end that shuts the door is an alert. */
  function tell(state, before, guest) {
    const name = nameOf(guest);
    if (state === 'ready_for_authentication' && before.state !== state) {
      context.say(`${name} redeemed the code: check the phrase, then read them the PIN.`);
    } else if (state === 'ready_for_authentication') {
      context.say(`${name} entered a wrong PIN. ${triesLeft(now.attemptsLeft)}`);
    } else if (state === 'failed' || state === 'expired') {
      context.problem(outcome);
    } else if (state !== 'cancelled' && state !== 'rejected') {
      context.say(outcome);
    }
  }

  function stop() {
    stopCountdown();
  }

  return { element, moved, stop };
}

/** What a card says of an invitation as listed (after a reload of the dialog, say). */
function outcomeOfState(i) {
  const name = nameOf(i.guest);
  switch (i.state) {
    case 'waiting': return i.successes > 0 ? `${joined(i.successes)} The code works for the next person.`
      : 'Waiting for someone to redeem the code.';
    case 'ready_for_authentication': return `${name} is entering the PIN.`;
    case 'accepting': return `${name} entered the right PIN and is being let in.`;
    case 'success': return `${name} joined: they ${rightsNow(i.permissions)}. The code is used up.`;
    case 'failed': return 'Locked: too many wrong PINs were entered. Nobody can join with this code; make a new one.';
    case 'cancelled': return 'Cancelled: the code no longer works.';
    case 'expired': return 'Expired: the code no longer works.';
    default: return i.state;
  }
}

function outcomeOfMove(state, before, next, guest) {
  const name = nameOf(guest);
  switch (state) {
    case 'ready_for_authentication': return before.state === state ? `${name} entered a wrong PIN.`
      : `${name} is entering the PIN.`;
    case 'success': return `${name} joined: they ${rightsNow(next.permissions)}.`
      + (next.multiUse ? ' The code works for the next person.' : ' The code is used up.');
    case 'timeout': return `${name} did not enter the PIN in time. The code works again: they may redeem it once more.`;
    case 'rejected': return `You turned ${name} away. The code works again for someone else.`;
    default: return outcomeOfState(next);
  }
}

function rightsNow(permissions) {
  return permissions.includes('a') ? 'are an admin of this page now' : `${rightsInWords(permissions)} this page now`;
}

function joined(count) {
  return count === 1 ? 'One person joined with this code.' : `${count} people joined with this code.`;
}

function triesLeft(count) {
  return count === 1 ? 'One try left.' : `${count} tries left.`;
}

function capital(text) {
  return text.replace(/^./, (c) => c.toUpperCase());
}
