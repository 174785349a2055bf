// The share dialog's "People with access": every entry of the page's permission list with its rights in
// words, changeable and removable, and general access for everyone the list does not name. A change is
// the whole list written again through context.setList (an op like any admin's, checked by the server);
// the table follows context.onChange, so a change by anyone, anywhere, shows here at once.
import { letters, rightsIn } from './permissions.js';
import { confirmBar } from './share-confirm.js';
import { RIGHTS_CHOICES, rightsInWords } from './share-words.js';

const ANONYMOUS = Object.freeze({ username: 'anonymous', provider: '' });
/** General access offers no admin: a page anyone may administer is the server's default, not a choice here. */
const GENERAL_CHOICES = Object.freeze([['', 'No access'], ['r', 'Can view'], ['rw', 'Can edit']]);

export function mountPeople(section, context) {
  const defaultsNote = el('p', { className: 'muted', hidden: true },
    'This page follows the server\'s default access. Your first change here gives it a list of its own.');
  const tbody = el('tbody');
  const table = el('table', { id: 'people-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Person'), el('th', { scope: 'col' }, 'Access'),
      el('th', { scope: 'col' }, el('span', { className: 'visually-hidden' }, 'Remove')))),
    tbody);
  const nobody = el('p', { className: 'muted', hidden: true }, 'Nobody is listed by name.');
  const general = el('select', { id: 'general-access' });
  const generalRow = el('div', { className: 'general-access' },
    el('label', { htmlFor: 'general-access' }, 'General access'),
    el('p', { className: 'muted', id: 'general-access-help' },
      'Anyone not listed above, logged in or not, who opens the page.'),
    general);
  general.setAttribute('aria-describedby', 'general-access-help');
  const hint = el('p', { className: 'muted' }, 'To give someone access, invite them below.');
  section.append(defaultsNote, table, nobody, generalRow, hint);
  const confirm = confirmBar(section);

  let shown = null;

  general.addEventListener('change', () => changeGeneral(general.value));
  tbody.addEventListener('change', (event) => {
    const select = event.target.closest('select[data-person]');
    if (select) changePerson(select.dataset.person, select.value, select);
  });
  tbody.addEventListener('click', (event) => {
    const remove = event.target.closest('button[data-person]');
    if (remove) removePerson(remove.dataset.person, remove);
  });
  context.onChange(() => render(false));
  render(false);

  /** Redraws when the list, or whether it is the page's own, changed; keeps focus on the same control. */
  function render(force) {
    const list = context.list();
    const state = JSON.stringify([list, context.hasOwnList(), context.user?.username ?? null]);
    if (!force && state === shown) return;
    shown = state;
    const focused = section.contains(document.activeElement) ? document.activeElement.id : null;
    defaultsNote.hidden = context.hasOwnList();
    const people = list.filter((entry) => !isAnonymous(entry));
    tbody.replaceChildren(...people.map((entry, i) => personRow(entry, i)));
    table.hidden = people.length === 0;
    nobody.hidden = people.length > 0;
    fillGeneral(list.find(isAnonymous));
    // A removed row's control is gone: focus goes to the row before it, never falling to the page.
    if (focused) (document.getElementById(focused) ?? previousRow(focused) ?? general).focus();
  }

  function personRow(entry, i) {
    const key = keyOf(entry);
    const rights = letters(entry.permissions);
    const name = entry.username;
    const me = isMe(entry);
    const who = el('td', {}, el('span', { className: 'person' }, name),
      me ? el('span', { className: 'muted' }, ' (you)') : '',
      entry.provider ? el('span', { className: 'muted provider' }, ` · ${entry.provider}`) : '');
    const select = el('select', { id: `person-${i}` });
    select.dataset.person = key;
    fillChoices(select, RIGHTS_CHOICES, rights);
    const label = el('label', { htmlFor: select.id, className: 'visually-hidden' }, `Access for ${name}`);
    const remove = el('button', { type: 'button', className: 'danger small', id: `remove-${i}` }, 'Remove');
    remove.dataset.person = key;
    remove.setAttribute('aria-label', me ? 'Remove yourself' : `Remove ${name}`);
    const row = el('tr', {}, who, el('td', {}, label, select), el('td', {}, remove));
    row.dataset.person = key;
    return row;
  }

  function fillGeneral(entry) {
    fillChoices(general, GENERAL_CHOICES, entry ? letters(entry.permissions) : '');
  }

  async function changePerson(key, rights, control) {
    const before = context.list();
    const entry = before.find((e) => keyOf(e) === key);
    if (!entry) return;
    const next = before.map((e) => (e === entry ? { ...e, permissions: rights } : e));
    const me = isMe(entry);
    if (!(await allowed(before, next, control, me
      ? 'You will no longer be an admin: you will not be able to share this page or change who has access.'
      : null, 'Yes, stop being admin'))) return;
    await write(next, me ? `You ${nowWords(rights).replace(/^is /, 'are ')}.` : `${entry.username} ${nowWords(rights)}.`);
  }

  async function removePerson(key, control) {
    const before = context.list();
    const entry = before.find((e) => keyOf(e) === key);
    if (!entry) return;
    const next = before.filter((e) => e !== entry);
    const me = isMe(entry);
    if (!(await allowed(before, next, control, me
      ? 'Remove yourself? Unless general access lets you in, you will lose access to this page.' : null,
    'Yes, remove me'))) return;
    await write(next, me ? 'You were removed from the list.' : `${entry.username} was removed.`);
  }

  async function changeGeneral(rights) {
    const before = context.list();
    let next = before.filter((e) => !isAnonymous(e));
    if (rights) next.push({ ...ANONYMOUS, permissions: rights });
    const mine = context.user ? rightsIn(before, context.user) : '';
    const listed = before.some(isMe);
    let kept = '';
    if (!listed && mine.includes('a')) {
      // An admin only through general access would lock themselves out: they stay, listed by name.
      next = [{ username: context.user.username, provider: context.user.provider, permissions: mine }, ...next];
      kept = ' You are listed by name as an admin, so you keep your access.';
    }
    if (!(await allowed(before, next, general, null, ''))) return;
    const now = rights ? `Anyone with the page's address ${rightsInWords(rights)} it.` : 'Only the people listed have access.';
    await write(next, `General access changed. ${now}${kept}`);
  }

  /**
   * Refuses a list without any admin (nobody could share or change access again), and asks first when
   * the change takes the visitor's own admin rights (`question`). A refused or declined change puts the
   * controls back as the list still is.
   */
  async function allowed(before, next, control, question, yes) {
    if (hasAdmin(before) && !hasAdmin(next)) {
      context.problem('A page needs at least one admin. Make someone else an admin first, then change this.');
      render(true);
      return false;
    }
    const mine = context.user ? rightsIn(before, context.user) : '';
    const after = context.user ? rightsIn(next, context.user) : '';
    if (question && mine.includes('a') && !after.includes('a')) {
      const id = control.id;
      if (!(await confirm.ask(question, yes))) {
        render(true);
        document.getElementById(id)?.focus();
        context.say('Nothing changed.');
        return false;
      }
    }
    return true;
  }

  async function write(next, text) {
    await context.setList(next);
    if (JSON.stringify(context.list()) === JSON.stringify(next)) context.say(text);
  }

  function isMe(entry) {
    const user = context.user;
    return Boolean(user) && entry.username === user.username && entry.provider === user.provider;
  }
}

/** The same control one row up ("remove-2" → "remove-1"), for when a row has gone. */
function previousRow(id) {
  const [, kind, index] = /^(.*-)(\d+)$/.exec(id) ?? [];
  return index > 0 ? document.getElementById(`${kind}${index - 1}`) : null;
}

/** "bob can now edit", "bob is now an admin". */
function nowWords(rights) {
  const words = rightsInWords(rights);
  if (words.startsWith('can ')) return `can now ${words.slice(4)}`;
  return words === 'admin' ? 'is now an admin' : `now has ${words}`;
}

function hasAdmin(list) {
  return list.some((e) => letters(e.permissions).includes('a'));
}

function isAnonymous(entry) {
  return entry.username === ANONYMOUS.username && entry.provider === ANONYMOUS.provider;
}

function keyOf(entry) {
  return JSON.stringify([entry.username, entry.provider]);
}

/** The choices, with the current rights added in words when they are none of them (a list written by hand). */
function fillChoices(select, choices, current) {
  const options = choices.map(([value, words]) => new Option(words, value));
  if (!choices.some(([value]) => value === current)) {
    options.push(new Option(`${capital(rightsInWords(current))} (${current || 'none'})`, current));
  }
  select.replaceChildren(...options);
  select.value = current;
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
