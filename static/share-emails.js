// The share dialog's "Invite by email" section: addresses (checked as typed), rights and a message →
// Send, with what became of each address; below, the page's email invitations, live (share-email-table.js).
// mount(section, context) as share.js documents it.
import { MAX_ADDRESSES, MAX_MESSAGE, parseAddresses } from './share-addresses.js';
import { mountEmailTable } from './share-email-table.js';
import { el, field, select } from './share-nodes.js';
import { RIGHTS_CHOICES } from './share-words.js';

/** Why the server refused an address, in plain words, by its code; else the server's own message. */
const REFUSALS = {
  EMAIL_INVALID: 'this is not one plain email address',
  EMAIL_ALREADY_HOLDS: 'the person with this address has these rights on the page already',
  ERR_UNKNOWN_ERROR: 'something went wrong on the server; try again',
};

export function mountEmails(section, context) {
  const addresses = el('textarea', { id: 'email-addresses', rows: 2, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'email-check', placeholder: 'bob@example.org, carol@example.org' });
  const check = el('p', { id: 'email-check', class: 'muted' }, `Separate addresses with commas or spaces; up to ${MAX_ADDRESSES} at once.`);
  const rights = select('email-rights', RIGHTS_CHOICES.filter(([letters]) => [...letters].every((l) => context.rights().includes(l))));
  const message = el('textarea', { id: 'email-message', rows: 3, maxlength: MAX_MESSAGE, 'aria-describedby': 'email-message-count' });
  const count = el('p', { id: 'email-message-count', class: 'muted' }, `0 of ${MAX_MESSAGE} characters`);
  const send = el('button', { id: 'email-send', type: 'submit' }, 'Send invitations');
  const results = el('ul', { id: 'email-results', class: 'results', tabindex: '-1', hidden: true });
  const form = el('form', { id: 'email-form', novalidate: true },
    field('Email addresses', addresses), check,
    el('div', { class: 'row' }, field('They can', rights)),
    field('Message (optional)', message), count,
    send);
  const table = mountEmailTable(context);
  section.append(el('p', { class: 'muted' }, 'Each address gets a mail with a link of its own. '
    + 'Whoever answers from that link gets the rights you choose here.'), form, results, table.element);

  /** Checks the field; `typing`: the word under the cursor is not finished. Returns the parse. */
  function checked(typing) {
    const parsed = parseAddresses(addresses.value, typing);
    const words = [];
    if (parsed.invalid.length > 0) {
      words.push(`${parsed.invalid.length === 1 ? 'Not an email address' : 'Not email addresses'}: ${parsed.invalid.join(', ')}.`);
    }
    if (parsed.valid.length > MAX_ADDRESSES) words.push(`At most ${MAX_ADDRESSES} addresses at once; this is ${parsed.valid.length}.`);
    if (parsed.repeated.length > 0) words.push(`Named twice (sent once): ${parsed.repeated.join(', ')}.`);
    const bad = parsed.invalid.length > 0 || parsed.valid.length > MAX_ADDRESSES;
    if (words.length === 0) {
      words.push(parsed.valid.length === 0 ? `Separate addresses with commas or spaces; up to ${MAX_ADDRESSES} at once.`
        : `${parsed.valid.length} ${parsed.valid.length === 1 ? 'address' : 'addresses'} to invite.`);
    }
    check.textContent = words.join(' ');
    check.className = bad ? 'error' : 'muted';
    addresses.setAttribute('aria-invalid', String(bad));
    return { ...parsed, bad };
  }

  addresses.addEventListener('input', () => {
    const end = addresses.selectionEnd === addresses.value.length;
    checked(end && !/[\s,;]$/.test(addresses.value));
  });
  addresses.addEventListener('blur', () => checked(false));
  message.addEventListener('input', () => { count.textContent = `${message.value.length} of ${MAX_MESSAGE} characters`; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parsed = checked(false);
    if (parsed.bad || parsed.valid.length === 0) {
      context.problem(parsed.bad ? `Nothing was sent. ${check.textContent}` : 'Type at least one email address.');
      addresses.focus();
      return;
    }
    send.disabled = true;
    context.say(`Sending ${parsed.valid.length === 1 ? 'the invitation' : `${parsed.valid.length} invitations`}…`);
    try {
      const reply = await context.invites.email({ emails: parsed.valid, permissions: rights.value,
        message: message.value.trim() === '' ? undefined : message.value });
      shown(reply);
    } catch (error) {
      context.problem(`Nothing was sent: ${error.message}.`);
      addresses.focus();
    } finally {
      send.disabled = false;
    }
  });

  /** Lists what became of each address; the refused ones stay in the field to be mended. */
  function shown(reply) {
    results.replaceChildren(
      ...reply.success.map((invite) => el('li', { class: 'sent' }, `Sent to ${invite.email}.`)),
      ...reply.errors.map((e) => el('li', { class: 'refused' },
        `Not sent to ${e.email}: ${REFUSALS[e.code] ?? lowerFirst(e.error)}.`)));
    results.hidden = false;
    for (const invite of reply.success) table.added(invite);
    addresses.value = reply.errors.map((e) => e.email).join(', ');
    if (reply.errors.length === 0) {
      message.value = '';
      count.textContent = `0 of ${MAX_MESSAGE} characters`;
    }
    checked(false);
    const sent = reply.success.length;
    const summary = `${sent === 0 ? 'No invitation was sent' : `Sent ${sent} ${sent === 1 ? 'invitation' : 'invitations'}`}`
      + `${reply.errors.length > 0 ? `; ${reply.errors.length} refused, see below` : ''}.`;
    if (reply.errors.length > 0) context.problem(summary);
    else context.say(summary);
    results.focus();
  }
}

function lowerFirst(text) {
  return text.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}
