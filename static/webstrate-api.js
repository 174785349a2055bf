// The console API, under Webstrates' names so Webstrates apps run: `window.webstrate` for the page
// and `node.webstrate` for every node of the document. See the README for each member.
import { Events } from './events.js';
import { openShare } from './share-frame.js';

const GLOBAL_EVENTS = ['loaded', 'clientJoin', 'clientJoin*', 'clientPart', 'clientPart*', 'disconnect',
  'reconnect', 'signal', 'editingError', 'permissionsChanged'];
const NODE_EVENTS = ['signal', 'attributeChanged', 'attributeChanged*', 'nodeAdded', 'nodeAdded*', 'nodeRemoved',
  'nodeRemoved*', 'insertText', 'insertText*', 'deleteText', 'deleteText*'];

/**
 * @param {object} parts
 * @param {string} parts.webstrateId
 * @param {import('./connection.js').Connection} parts.connection
 * @param {import('./sharedoc.js').ShareDoc} parts.doc
 * @param {import('./binding.js').Binding} parts.binding
 * @param {import('./presence.js').Presence} parts.presence
 * @param {import('./signals.js').Signals} parts.signals
 * @param {import('./permissions.js').Permissions} parts.permissions
 * @param {Events} parts.events
 * @param {object} parts.config transient rules, replaceable by the page
 * @param {() => boolean} parts.isLoaded
 */
export function createApi({ webstrateId, connection, doc, binding, presence, signals, permissions, events, config,
  isLoaded }) {
  const tree = binding.tree;
  const tokens = tokensApi(connection, webstrateId);
  const invites = invitesApi(connection, webstrateId);
  const nodeEvents = new WeakMap();
  const nodeObjects = new WeakMap();

  events.watch('signal', () => signals.listen('document'), () => signals.unlisten('document'));

  const api = {
    get webstrateId() { return webstrateId; },
    get id() { return 'document'; },
    get isStatic() { return false; },
    get loaded() { return isLoaded(); },
    get clientId() { return presence.clientId; },
    get clients() { return presence.clients; },
    get user() { return presence.user; },
    get version() { return doc.version; },
    get permissions() { return permissions.list; },
    config,

    on(name, fn) {
      events.on(name, fn);
      if (name === 'loaded' && isLoaded()) {
        // Late listeners still hear about the load, once.
        events.off(name, fn);
        queueMicrotask(() => fn(webstrateId, presence.clientId, presence.user));
      }
    },
    off(name, fn) {
      events.off(name, fn);
    },

    /** Shows this page's share dialog over the page (a frame of the main origin the page cannot reach). */
    share() {
      openShare(webstrateId);
    },

    /** Sends `message` to the clients listening on "document" (only to `recipients` if given). */
    signal(message, recipients) {
      signals.publish('document', message, recipients);
    },

    /** Resolves once every local change has been acknowledged by the server. Never rejects. */
    dataSaved() {
      binding.flush();
      return new Promise((resolve) => doc.whenIdle(() => setTimeout(resolve, 0)));
    },

    /** The committed ops with from <= v < to (to omitted: up to the head). Promise, or callback(err, ops). */
    getOps(from, to, callback) {
      if (typeof to === 'function') [to, callback] = [undefined, to];
      // The server answers one getOps per socket at a time: run them in turn.
      const reply = historyReads.catch(() => {}).then(() => readOps(from ?? 0, to ?? undefined));
      historyReads = reply;
      if (typeof callback === 'function') reply.then((ops) => callback(null, ops), (err) => callback(err));
      return reply;
    },
  };

  let historyReads = Promise.resolve();

  /**
   * The server answers getOps a page at a time (history.maxOpsPerReply ops, history.maxReplyBytes):
   * ask again from the last op's v + 1 until the reply is empty or reaches `to`.
   */
  async function readOps(from, to) {
    const ops = [];
    for (;;) {
      const page = await connection.request({ wa: 'getOps', d: webstrateId, from, to });
      for (const op of page) ops.push(op);
      if (page.length === 0) return ops;
      from = page[page.length - 1].v + 1;
      if (to !== undefined && from >= to) return ops;
    }
  }

  function eventsOf(node, create) {
    let e = nodeEvents.get(node);
    if (!e && create) {
      e = new Events(NODE_EVENTS);
      e.watch('signal', () => withWid(node, (wid) => signals.listen(wid)),
        () => withWid(node, (wid) => signals.unlisten(wid)));
      nodeEvents.set(node, e);
    }
    return e;
  }

  /** Runs `fn` with the element's wid; an element just added gets its wid with the next op, so wait a tick. */
  function withWid(node, fn) {
    const wid = tree.widOf(node);
    if (wid) {
      fn(wid);
      return;
    }
    setTimeout(() => {
      const later = tree.widOf(node);
      if (later) fn(later);
      else console.warn('weft: cannot listen for signals on a node that is not in the document or is transient', node);
    }, 0);
  }

  function nodeObject(node) {
    if (!tree.get(node) && tree.widOf(node) === undefined) return undefined;
    let o = nodeObjects.get(node);
    if (!o) {
      o = Object.freeze({
        get id() { return tree.widOf(node); },
        on: (name, fn) => eventsOf(node, true).on(name, fn),
        off: (name, fn) => eventsOf(node, false)?.off(name, fn),
        signal(message, recipients) {
          const wid = tree.widOf(node);
          if (!wid) throw new Error(`Can't signal on ${node}, because it's not in the DOM or is transient.`);
          signals.publish(wid, message, recipients);
        },
      });
      nodeObjects.set(node, o);
    }
    return o;
  }

  Object.defineProperty(Node.prototype, 'webstrate', {
    configurable: true,
    get() { return nodeObject(this); },
  });
  Object.defineProperty(Node.prototype, '__wid', {
    configurable: true,
    get() { return tree.widOf(this); },
  });

  return {
    api,
    /** Gives hello's user what the page works out itself: its rights here, access tokens and invites. */
    decorateUser(user) {
      Object.defineProperty(user, 'permissions', { enumerable: true, get: () => permissions.rights });
      Object.defineProperty(user, 'tokens', { value: tokens });
      Object.defineProperty(user, 'invites', { value: invites.api });
    },
    /** The server's news of this user's invitations (any page): to the invites API's events; false if none. */
    hearInvitation(message) {
      return invites.hear(message);
    },
    /** A node event: the plain one for remote changes only, the `*` twin for both, `local` last. */
    notify(target, name, local, ...args) {
      const fire = (node) => {
        const e = nodeEvents.get(node);
        if (!e) return;
        if (!local && e.has(name)) e.emit(name, ...args, local);
        if (e.has(name + '*')) e.emit(name + '*', ...args, local);
      };
      fire(target);
      if ((name === 'insertText' || name === 'deleteText') && target.parentNode) fire(target.parentNode);
    },
    /** A signal from the server, to the node it names or to the page's listeners. */
    deliverSignal(id, message, senderId) {
      if (id === 'document') {
        events.emit('signal', message, senderId, undefined);
        return;
      }
      const node = tree.byWid.get(id);
      const e = node && nodeEvents.get(node);
      if (e) e.emit('signal', message, senderId, node);
    },
  };
}

/**
 * `webstrate.user.tokens`: access tokens that let whoever holds the link act as this user on a page
 * until the page's permission list changes. `webstrateId` defaults to this page. Each method returns a
 * Promise of the server's reply that rejects with Error(<the server's message>) carrying its `code`.
 */
function tokensApi(connection, webstrateId) {
  const request = (wa, id, options) =>
    connection.request({ wa, d: id ?? webstrateId, ...(options === undefined ? {} : { options }) });
  return Object.freeze({
    /** → {id, webstrateId, username, provider, expiresAt, token, url}; the token is shown only here. */
    create({ maxAge } = {}, id) {
      return request('createToken', id, maxAge === undefined ? {} : { maxAge });
    },
    /** → [{id, webstrateId, username, provider, expiresAt}] (admins only). */
    get(id) {
      return request('getTokens', id);
    },
    /** → {removed: true}; admins remove any token, others their own. */
    remove(tokenId, id) {
      return request('removeToken', id, { id: tokenId });
    },
  });
}

/**
 * `webstrate.user.invites`: keys that extend other people's rights on a page (`webstrateId` defaults to
 * this one). Each method returns a Promise and also takes a node-style callback last; failures are
 * Error(<the server's message>) with the server's `code` (INVITE_EXPIRED, INVITE_UNKNOWN, ... where the key
 * is the problem). `on('accepted', fn)` hears, without polling, when someone accepts one of this user's invites;
 * `on('state', fn)` hears every move of the interactive invitations (a code and a PIN) this user made or redeemed.
 */
export function invitesApi(connection, webstrateId) {
  const events = new Events(['accepted', 'state', 'status', 'mine']);
  const answer = (reply, callback) => {
    if (typeof callback === 'function') reply.then((value) => callback(null, value), (error) => callback(error));
    return reply;
  };
  const send = (wa, id, options) =>
    connection.request({ wa, d: id ?? webstrateId, ...(options === undefined ? {} : { options }) });
  const request = (wa, id, options, callback) => answer(send(wa, id, options), callback);
  /** Lets the webstrate id be left out when a callback follows: `check(key, cb)`. */
  const split = (id, callback) => (typeof id === 'function' ? [undefined, id] : [id, callback]);
  const api = Object.freeze({
    /** ({permissions='r', maxAge, maxUses}) → {id, key, url, webstrateId, permissions, expiresAt, maxUses, uses, ...}; the key is shown only here. */
    create(options = {}, id, callback) {
      if (typeof options === 'function') [options, id, callback] = [{}, undefined, options];
      [id, callback] = split(id, callback);
      const { permissions, maxAge, maxUses } = options;
      return request('createInvite', id, { permissions, maxAge, maxUses }, callback);
    },
    /**
     * → this user's live invite keys here (`kind: 'key'`, each with `acceptedBy` [{username, provider,
     * displayName, at, before, after}]), then the page's interactive invitations (`kind: 'interactive'`).
     */
    get(id, callback) {
      [id, callback] = split(id, callback);
      const both = Promise.all([send('getInvites', id, {}), send('getInteractiveInvites', id)])
        .then(([keys, interactive]) => [...keys.map((k) => ({ kind: 'key', ...k })), ...interactive]);
      return answer(both, callback);
    },
    /** ({permissions='r', maxAge, multiUse=false}) → {id, code, state, expiresAt, ...}; the code is shown only here. */
    createInteractive(options = {}, id, callback) {
      if (typeof options === 'function') [options, id, callback] = [{}, undefined, options];
      [id, callback] = split(id, callback);
      const { permissions, maxAge, multiUse } = options;
      return request('createInteractiveInvite', id, { permissions, maxAge, multiUse }, callback);
    },
    /** (code) → {id, webstrateId, permissions, inviter, verification, attemptsLeft, state, pinExpiresAt}; ask the inviter for the PIN. */
    redeem(code, callback) {
      return request('redeemInviteCode', undefined, { code }, callback);
    },
    /**
     * (id, pin) → {state: 'success', webstrateId, permissions, before}; a wrong PIN rejects with code
     * INVITATION_WRONG_PIN (or INVITATION_FAILED once none are left) and `attemptsLeft`.
     */
    authenticate(invitationId, pin, callback) {
      const judged = send('authenticateInvite', undefined, { id: invitationId, pin }).then((reply) => {
        if (reply.state === 'success') return reply;
        throw Object.assign(new Error(reply.code === 'INVITATION_FAILED' ? 'Too many wrong PINs: the invitation is locked'
          : 'Wrong PIN'), { code: reply.code, attemptsLeft: reply.attemptsLeft, state: reply.state });
      });
      return answer(judged, callback);
    },
    /**
     * (id) → an interactive invitation {id, state: 'cancelled'}, at any moment (a PIN showing included; one
     * that ended is removed: {id, state, removed: true}), or an email invitation, canceled (its link then says so).
     */
    cancel(invitationId, id, callback) {
      [id, callback] = split(id, callback);
      return request('cancelInvitation', id, { id: invitationId }, callback);
    },
    /** (id) → {id, state: 'waiting'}: the guest who redeemed the code is turned away. */
    rejectGuest(invitationId, id, callback) {
      [id, callback] = split(id, callback);
      return request('rejectInviteGuest', id, { id: invitationId }, callback);
    },
    /** ({emails, permissions='r', maxAge, message}) → {success: [invitation], errors: [{email, code, error}]}. */
    email(options = {}, id, callback) {
      [id, callback] = split(id, callback);
      const { emails, permissions, maxAge, message } = options;
      return request('emailInvite', id, { emails, permissions, maxAge, message }, callback);
    },
    /** ({status, email}) → {invitations: [invitation], counts: {pending, accepted, declined, canceled, expired}}. */
    emails(filter = {}, id, callback) {
      if (typeof filter === 'function') [filter, id, callback] = [{}, undefined, filter];
      [id, callback] = split(id, callback);
      const { status, email } = filter;
      return request('getEmailInvites', id, { status, email }, callback);
    },
    /** (invitation id) → the invitation, pending again with a new link (the old one stops working). */
    resend(invitationId, callback) {
      return request('resendEmailInvite', undefined, { id: invitationId }, callback);
    },
    /** → {email, verified, invitations}: pending invitations to my account's address, once it is verified. */
    mine(callback) {
      return request('getMyEmailInvites', undefined, undefined, callback);
    },
    /** (invitation id) → {webstrateId, permissions (now), before, version}. */
    acceptEmail(invitationId, callback) {
      return request('acceptEmailInvite', undefined, { id: invitationId }, callback);
    },
    /** (invitation id) → the invitation, declined. */
    declineEmail(invitationId, callback) {
      return request('declineEmailInvite', undefined, { id: invitationId }, callback);
    },
    /** → {email, verified, sent}: mails a link to my account's address that verifies it. */
    verifyEmail(callback) {
      return request('verifyEmail', undefined, undefined, callback);
    },
    /** (key or id) → {acknowledged: true, deletedCount: 1, id}. */
    remove(keyOrId, id, callback) {
      [id, callback] = split(id, callback);
      return request('removeInvite', id, { key: keyOrId }, callback);
    },
    /** (key) → {valid: true, permissions, expiresAt, inviter, createdBy, ...}, or rejects with a code. */
    check(key, id, callback) {
      [id, callback] = split(id, callback);
      return request('checkInvite', id, { key }, callback);
    },
    /** (key) → {webstrateId, permissions (now), before, version}. */
    accept(key, id, callback) {
      [id, callback] = split(id, callback);
      return request('acceptInvite', id, { key }, callback);
    },
    /**
     * 'accepted': fn({webstrateId, invite, user, permissions, before, at}). 'state': fn({id, webstrateId,
     * state, guest, attemptsLeft, pinExpiresAt, verification, pin?}) on both sides of an interactive
     * invitation (`pin` only to the inviter). 'status': fn({id, webstrateId, email, status, delivery}) for
     * the email invitations this user sent or whose page they administer. 'mine': fn() when the invitations
     * to this user's proven address changed (call mine() again); heard on the main origin's sockets only.
     */
    on(name, fn) {
      events.on(name, fn);
    },
    off(name, fn) {
      events.off(name, fn);
    },
  });
  const accepted = (message) => events.emit('accepted', {
    webstrateId: message.d, invite: message.invite, user: message.user, permissions: message.permissions,
    before: message.before, at: message.at,
  });
  const state = (message) => {
    const { id, webstrateId, state: now, guest, attemptsLeft, pinExpiresAt, verification, pin } = message;
    events.emit('state', { id, webstrateId, state: now, guest, attemptsLeft, pinExpiresAt, verification,
      ...(pin === undefined ? {} : { pin }) });
  };
  const status = (message) => events.emit('status', {
    id: message.id, webstrateId: message.webstrateId, email: message.email, status: message.status,
    delivery: message.delivery,
  });
  const heard = { inviteAccepted: accepted, invitationState: state, emailInvitation: status,
    myInvitationsChanged: () => events.emit('mine') };
  return {
    api,
    /** Turns the server's news of invitations (about this user, whichever page) into events; false if `message` is none. */
    hear(message) {
      const handler = Object.hasOwn(heard, message.wa) ? heard[message.wa] : null;
      handler?.(message);
      return handler !== null;
    },
  };
}

export { GLOBAL_EVENTS };
