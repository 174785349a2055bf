// The page client: opens the document's socket, shows the document as this page (creating it if it
// does not exist yet), keeps page and document in sync, and offers `window.webstrate`.
import { Binding } from './binding.js';
import { Connection } from './connection.js';
import { Events } from './events.js';
import { Permissions } from './permissions.js';
import { Presence } from './presence.js';
import { runInOrder } from './scripts.js';
import { ShareDoc } from './sharedoc.js';
import { Signals } from './signals.js';
import { GLOBAL_EVENTS, createApi } from './webstrate-api.js';

const webstrateId = location.pathname.split('/')[1];
const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const url = `${scheme}://${location.host}/${webstrateId}/${location.search}`;

/** What the document leaves out; a page may replace either function (Webstrates' names and arguments). */
const config = {
  isTransientElement: (node) => node.localName === 'transient',
  isTransientAttribute: (node, name) => name.startsWith('transient-'),
};

const events = new Events(GLOBAL_EVENTS);
const presence = new Presence(events);
const permissions = new Permissions(events, presence);
let rendered = false;
let scriptsDone = false;
let loaded = false;
let api;

performance.mark('weft-start');
const early = window.__weftEarly;
delete window.__weftEarly;
const connection = new Connection(url, {
  onShareDb: (message) => doc.handle(message),
  onWebstrates: (message) => onWebstrates(message),
  onClose: () => {
    doc.disconnected();
    signals.disconnected();
    events.emit('disconnect');
  },
});

const doc = new ShareDoc(connection, webstrateId, {
  snapshot: (data) => show(data),
  beforeRemote: () => binding.flush(),
  applyRemote: (op) => binding.applyRemote(op),
  rejected: (error) => events.emit('editingError', error),
});

const binding = new Binding(doc, config, (target, name, local, ...args) => api.notify(target, name, local, ...args));
const signals = new Signals(connection, webstrateId, (id, message, sender) => api.deliverSignal(id, message, sender));
api = createApi({ webstrateId, connection, doc, binding, presence, signals, permissions, events, config,
  isLoaded: () => loaded });
window.webstrate = api.api;
// The shell may have subscribed on its socket already; the document then waits for that reply.
doc.subscribeSent = Boolean(early?.subscribed && early.ws.readyState === WebSocket.OPEN);
connection.start(early);

/** The document arrived (null: it does not exist yet, so create it): render it, then run its scripts. */
function show(data) {
  performance.mark('weft-snapshot');
  if (data === null) doc.create(Binding.skeleton(webstrateId));
  const scripts = binding.renderAll(true);
  performance.mark('weft-rendered');
  if (data !== null) binding.assignMissingWids();
  rendered = true;
  scriptsDone = false;
  runInOrder(scripts, binding.tree).then(() => {
    scriptsDone = true;
    maybeLoaded();
  });
}

function onWebstrates(message) {
  // About this user, whichever page the invitation is for.
  if (api.hearInvitation(message)) return;
  if (message.d !== webstrateId) return;
  switch (message.wa) {
    case 'hello': {
      const again = presence.hello(message, api.decorateUser);
      permissions.greeted();
      signals.greeted();
      if (again) {
        if (loaded) connection.send({ wa: 'ready', d: webstrateId });
        events.emit('reconnect');
      }
      maybeLoaded();
      break;
    }
    case 'clientJoin':
      presence.join(message.id);
      break;
    case 'clientPart':
      presence.part(message.id);
      break;
    case 'publish':
      signals.receive(message);
      break;
    case 'permissionsChanged':
      permissions.serverSaid(message.permissions, message.list);
      break;
    default:
      break;
  }
}

function maybeLoaded() {
  if (loaded || !rendered || !scriptsDone || !presence.greeted) return;
  loaded = true;
  permissions.start();
  performance.mark('weft-loaded');
  connection.send({ wa: 'ready', d: webstrateId });
  events.emit('loaded', webstrateId, presence.clientId, presence.user);
}
