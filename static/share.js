// The share dialog (/<id>/?share on the main origin, framed over its page by webstrate.share()). It
// speaks the console API's messages over a socket of the main origin, where the socket acts with the
// visitor's whole login, and follows the page's permission list by subscribing to the document as an
// observer (?observe), so the page's clients never count the dialog among them. Each
// way of sharing is a section module with mount(section, context); only admins see them.
import { Connection } from './connection.js';
import * as json0 from './json0.js';
import { ATTRIBUTE, parseList, rightsIn } from './permissions.js';
import { mountEmails } from './share-emails.js';
import { mountInPerson } from './share-in-person.js';
import { mountLinks } from './share-links.js';
import { mountPeople } from './share-people.js';
import { rightsInWords } from './share-words.js';
import { ShareDoc } from './sharedoc.js';
import { invitesApi } from './webstrate-api.js';

const $ = (id) => document.getElementById(id);
const CLOSE = 'weft-share-close';
const SECTIONS = { people: mountPeople, links: mountLinks, emails: mountEmails, 'in-person': mountInPerson };

wireClose();
const root = $('share');
if (root) start(root.dataset.doc);

function wireClose() {
  const framed = window.parent !== window;
  // In its frame over the page the dialog is the whole card: no page margin or second border around it.
  document.documentElement.classList.toggle('framed', framed);
  const close = () => window.parent.postMessage(CLOSE, '*');
  $('close')?.addEventListener('click', close);
  if (framed) document.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });
}

function start(docId) {
  const listeners = new Set();
  const changed = () => { for (const fn of listeners) fn(); };
  let user = null;
  let defaults = [];
  let mounted = false;
  let exists = null;
  let refused = null;

  const connection = new Connection(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/${docId}/?observe`, {
    onShareDb: (message) => {
      if (message.a === 's' && message.error) {
        refused = message.error;
        update();
        return;
      }
      doc.handle(message);
    },
    onWebstrates: (message) => onWebstrates(message),
    onClose: () => doc.disconnected(),
  });
  const doc = new ShareDoc(connection, docId, {
    snapshot: (data) => { exists = data !== null; update(); },
    beforeRemote: () => {},
    applyRemote: (op) => { doc.data = json0.apply(doc.data, op); update(); },
    rejected: (error) => { problem(`That change was refused: ${error.message}`); update(); },
  });
  const invites = invitesApi(connection, docId);

  /** What every section gets: the API, the visitor, the list in force, and ways to speak and edit it. */
  const context = Object.freeze({
    docId,
    invites: invites.api,
    get user() { return user; },
    /** The page's own list, else the server's defaults (what decides). */
    list: () => ownList() ?? defaults,
    hasOwnList: () => ownList() !== null,
    rights: () => (user ? rightsIn(context.list(), user) : ''),
    /** Writes `list` as the page's permission list: an op like any editor's, checked by the server. */
    setList(list) {
      const op = listOp(doc.data, list);
      doc.data = json0.apply(doc.data, op);
      doc.submitApplied(op);
      update();
      return new Promise((resolve) => doc.whenIdle(resolve));
    },
    onChange(fn) { listeners.add(fn); },
    say,
    problem,
  });

  function onWebstrates(message) {
    if (invites.hear(message)) return;
    if (message.wa === 'hello' && message.d === docId) {
      user = message.user || null;
      defaults = message.defaultPermissions || [];
      update();
    }
  }

  function ownList() {
    const attrs = Array.isArray(doc.data) ? doc.data[1] : null;
    const source = isAttributes(attrs) ? attrs[ATTRIBUTE] : undefined;
    return typeof source === 'string' ? parseList(source) : null;
  }

  /** Admins get the sections (mounted once); everyone else is told their own rights. */
  function update() {
    const rights = context.rights();
    const admin = exists && rights.includes('a');
    $('own-rights').textContent = ownRightsText(rights);
    for (const name of Object.keys(SECTIONS)) $(name).hidden = !admin;
    if (admin && !mounted) {
      mounted = true;
      for (const [name, mount] of Object.entries(SECTIONS)) mount($(name), context);
    }
    changed();
  }

  function ownRightsText(rights) {
    if (refused) return `This page cannot be shared from here: ${refused.message}`;
    if (exists === null || user === null) return 'Connecting…';
    if (!exists) return 'This page does not exist yet.';
    if (rights.includes('a')) return 'You are an admin of this page: you can share it and change who has access.';
    const now = rights === '' ? 'You have no access to this page' : `You ${rightsInWords(rights)} this page`;
    return `${now}. Only its admins can share it; ask one of them.`;
  }

  connection.start();
}

function isAttributes(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The op that makes `list` the page's permission list (the root element's data-auth attribute). */
function listOp(data, list) {
  const text = JSON.stringify(list);
  const attrs = data[1];
  if (!isAttributes(attrs)) return [{ p: [1], li: { [ATTRIBUTE]: text } }];
  const c = { p: [1, ATTRIBUTE], oi: text };
  if (ATTRIBUTE in attrs) c.od = attrs[ATTRIBUTE];
  return [c];
}

function say(text) {
  $('problem').textContent = '';
  $('status').textContent = text;
}

function problem(text) {
  $('status').textContent = '';
  $('problem').textContent = text;
}
