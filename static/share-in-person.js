// The share dialog's "Invite in person" section: choose the rights and whether the code lets in one
// person or several → Create; each invitation of the page then has a card (share-code-card.js) that
// follows it live from the console API's 'state' events, and the list is read again on every load of
// the dialog. mount(section, context) as share.js documents it.
import { codeCard } from './share-code-card.js';
import { el, field, select } from './share-nodes.js';
import { RIGHTS_CHOICES } from './share-words.js';

export function mountInPerson(section, context) {
  const rights = select('code-rights', RIGHTS_CHOICES.filter(([letters]) => holds(context.rights(), letters)));
  const several = el('input', { id: 'code-several', type: 'checkbox' });
  const create = el('button', { id: 'code-create', type: 'submit' }, 'Create a code');
  const form = el('form', { id: 'code-form' },
    el('div', { class: 'row' }, field('They can', rights)),
    el('p', { class: 'check' }, several, el('label', { for: 'code-several' }, 'Let several people join with this code, one after another')),
    create);
  const list = el('div', { id: 'code-list', class: 'code-list' });
  section.append(el('p', { class: 'muted' }, 'For someone you are talking to: you give them a code, they enter it at the address '
    + 'shown, and you read them the PIN that appears here. The code alone lets nobody in.'), form, list);
  /** id → card; the code of an invitation made here, by id (the server never shows it again). */
  const cards = new Map();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    create.disabled = true;
    try {
      const made = await context.invites.createInteractive({ permissions: rights.value, multiUse: several.checked });
      const card = add(made, true);
      context.say(`Made a code. Give it to the person you invite: ${made.code}.`);
      card.element.querySelector('[data-role="copy-code"]')?.focus();
    } catch (error) {
      context.problem(`No code was made: ${error.message}.`);
    } finally {
      create.disabled = false;
    }
  });

  /** Shows `invitation` as a card, newest at the top; one already shown keeps its card. */
  function add(invitation, first) {
    const shown = cards.get(invitation.id);
    if (shown) return shown;
    const card = codeCard(invitation, context, (id) => cards.delete(id));
    cards.set(invitation.id, card);
    if (first) list.prepend(card.element);
    else list.append(card.element);
    return card;
  }

  let loading = null;
  /**
   * The page's invitations by code, newest first. The first read fills the list; a later one (a move
   * of an invitation made elsewhere) puts the ones not shown yet at the top and leaves the rest be.
   */
  function load() {
    loading ??= context.invites.get().then((all) => {
      const first = cards.size === 0;
      const mine = all.filter((i) => i.kind === 'interactive' && !cards.has(i.id))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      for (const invitation of first ? mine : mine.reverse()) add(invitation, !first);
    }, (error) => context.problem(`The invitations by code could not be listed: ${error.message}.`))
      .finally(() => { loading = null; });
    return loading;
  }

  context.invites.on('state', (event) => {
    if (event.webstrateId !== context.docId) return;
    const card = cards.get(event.id);
    if (card) card.moved(event);
    else load().then(() => cards.get(event.id)?.moved(event));
  });

  load();
}

function holds(rights, letters) {
  return [...letters].every((letter) => rights.includes(letter));
}
