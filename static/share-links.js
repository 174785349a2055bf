// The share dialog's "Invite by link": rights, lifetime and most uses → a new invite key (the console
// API's invites.create), its link shown once in a read-only field with Copy; below, the links this
// visitor made for the page, with who accepted each, time left and Revoke (share-links-list.js).
import { copy as copyText } from './share-copy.js';
import { linkTable } from './share-links-list.js';
import { RIGHTS_CHOICES, rightsInWords } from './share-words.js';
import { duration } from './share-links-time.js';

/**
 * Lifetimes offered. The server cuts a longer one to its `invites.maxAgeSeconds` (30 days unless set
 * otherwise); the new link then says how long it really lasts.
 */
const LIFETIMES = Object.freeze([[3600, '1 hour'], [86400, '1 day'], [604800, '7 days'], [2592000, '30 days']]);
const DEFAULT_LIFETIME = 604800;
/** Most uses offered; 0 means no limit (left out of the request). */
const USES = Object.freeze([[1, '1 person'], [5, '5 people'], [25, '25 people'], [0, 'Unlimited']]);

export function mountLinks(section, context) {
  const rights = select('link-rights', RIGHTS_CHOICES.filter(([value]) => holds(context.rights(), value)), 'r');
  const lifetime = select('link-lifetime', LIFETIMES, DEFAULT_LIFETIME);
  const uses = select('link-uses', USES, 0);
  const create = el('button', { type: 'submit', id: 'link-create' }, 'Create link');
  const form = el('form', { id: 'link-form', className: 'row', noValidate: true },
    field('link-rights', 'Access', rights),
    field('link-lifetime', 'Link works for', lifetime),
    field('link-uses', 'Most uses', uses),
    create);
  const url = el('input', { id: 'link-url', type: 'text', readOnly: true, spellcheck: false });
  const copy = el('button', { type: 'button', id: 'link-copy', className: 'secondary' }, 'Copy');
  const about = el('p', { className: 'muted', id: 'link-about' });
  url.setAttribute('aria-describedby', 'link-about');
  const fresh = el('div', { id: 'link-new', hidden: true },
    el('label', { htmlFor: 'link-url' }, 'New link'),
    el('div', { className: 'row link-copy' }, url, copy),
    about);
  section.append(form, fresh);
  const table = linkTable(section, context, () => create);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    createLink();
  });
  copy.addEventListener('click', copyLink);
  url.addEventListener('focus', () => url.select());

  async function createLink() {
    const maxAge = Number(lifetime.value);
    const maxUses = Number(uses.value);
    create.disabled = true;
    try {
      const invite = await context.invites.create({
        permissions: rights.value, maxAge, ...(maxUses > 0 ? { maxUses } : {}),
      });
      url.value = new URL(invite.url, location.origin).href;
      about.textContent = describe(invite, maxAge, lifetime.selectedOptions[0].textContent);
      fresh.hidden = false;
      url.focus();
      context.say('Link created. Copy it and send it to the people you invite.');
      table.refresh();
    } catch (error) {
      context.problem(`No link was created: ${error.message}`);
    } finally {
      create.disabled = false;
    }
  }

  async function copyLink() {
    if (await copyText(url.value)) {
      context.say('Copied');
      return;
    }
    url.focus();
    url.select();
    context.say('The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
  }
}

/** What the new link does, in words, saying so when the server cut the lifetime asked for. */
function describe(invite, askedSeconds, askedWords) {
  const left = Math.max(0, Date.parse(invite.expiresAt) - Date.now());
  const cut = left < askedSeconds * 1000 - 60_000;
  const uses = invite.maxUses ? `by at most ${invite.maxUses} ${invite.maxUses === 1 ? 'person' : 'people'}`
    : 'by any number of people';
  return `Whoever opens it while logged in ${rightsInWords(invite.permissions)} this page. It works for `
    + `${cut ? `${duration(left)} (the longest this server allows)` : askedWords}, ${uses}. It is shown only now.`;
}

function holds(mine, wanted) {
  return [...wanted].every((c) => mine.includes(c));
}

function select(id, choices, chosen) {
  const s = el('select', { id });
  s.append(...choices.map(([value, words]) => new Option(words, String(value))));
  s.value = String(chosen);
  return s;
}

function field(id, label, control) {
  return el('div', {}, el('label', { htmlFor: id }, label), control);
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
