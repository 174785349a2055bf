// One ShareDB document on the client: its snapshot and version, and client-side OT. One op is in
// flight at a time; later local ops compose into one pending op; incoming ops are transformed against
// both (the local op wins ties, as ShareDB's transformX does). After a reconnect it resubscribes from
// its version and resends the op in flight with its original src and seq, so the server's dedup
// acknowledges an op that was already committed instead of applying it twice.
import * as json0 from './json0.js';

const COLLECTION = 'webstrates';

export class ShareDoc {
  /**
   * @param {import('./connection.js').Connection} connection
   * @param {string} id
   * @param {object} hooks
   *   snapshot(data|null): the document arrived (null: it does not exist), or was replaced wholesale
   *   beforeRemote(): called before an incoming op is transformed, to turn unsent local changes into ops
   *   applyRemote(op): apply a transformed incoming op to `doc.data` and wherever it is shown
   *   rejected(error): a local op was refused and has been rolled back
   */
  constructor(connection, id, hooks) {
    this.connection = connection;
    this.id = id;
    this.hooks = hooks;
    this.version = null;
    this.type = null;
    this.data = undefined;
    this.src = null;
    this.seq = 0;
    this.inflight = null;
    this.pending = null;
    this.subscribed = false;
    /** Whether a subscribe went out on the current socket before this document existed (the shell's). */
    this.subscribeSent = false;
    this.idleWaiters = [];
  }

  // ---- connection events ----

  /** The server greeted us ({"a":"init"}): (re)subscribe, from our version if we have one. */
  connected(connectionId) {
    this.src = connectionId;
    if (this.subscribeSent) {
      // The page shell subscribed already on this socket.
      this.subscribeSent = false;
      return;
    }
    const message = { a: 's', c: COLLECTION, d: this.id };
    if (this.version !== null) message.v = this.version;
    this.connection.send(message);
  }

  disconnected() {
    this.subscribed = false;
  }

  handle(message) {
    if (message.a === 'init') this.connected(message.id);
    else if (message.a === 's') this.onSubscribed(message);
    else if (message.a === 'op') this.onOp(message);
  }

  onSubscribed(message) {
    if (message.error) {
      console.error(`weft: subscribing to ${this.id} failed:`, message.error.message);
      return;
    }
    if (message.data) {
      this.version = message.data.v;
      this.type = message.data.type;
      this.data = message.data.data;
      this.subscribed = true;
      this.hooks.snapshot(this.type ? this.data : null);
    } else {
      // Caught up after resubscribing from our version: what was in flight may go again.
      this.subscribed = true;
      if (this.inflight) this.sendInflight();
      else this.flush();
    }
  }

  onOp(message) {
    const inflight = this.inflight;
    const ours = inflight && message.src === inflight.src && message.seq === inflight.seq;
    if (message.error) {
      if (ours) this.onRejected(message.error);
      else console.warn('weft: the server refused a message:', message.error.message);
      return;
    }
    if (ours) {
      // An ack, or our own op coming back while catching up after a reconnect.
      this.version = message.v + 1;
      this.inflight = null;
      this.flush();
      return;
    }
    if (message.v !== this.version) {
      if (message.v > this.version) console.error(`weft: missed ops ${this.version}..${message.v - 1}; reload`);
      return;
    }
    if (message.create) {
      // Someone else created the document first; our create (if any) will be refused.
      this.inflight = null;
      this.pending = null;
      this.version = message.v + 1;
      this.type = message.create.type;
      this.data = message.create.data;
      this.hooks.snapshot(this.data);
      this.notifyIfIdle();
      return;
    }
    this.hooks.beforeRemote();
    let op = message.op;
    if (this.inflight?.op) [this.inflight.op, op] = json0.transformX(this.inflight.op, op);
    if (this.pending) [this.pending, op] = json0.transformX(this.pending, op);
    this.version++;
    this.hooks.applyRemote(op);
  }

  /** A refused local op: undo it (and keep what came after it), then carry on. */
  onRejected(error) {
    if (error.code === 'ERR_UNKNOWN_ERROR' || error.code === 'ERR_MAX_SUBMIT_RETRIES_EXCEEDED') {
      // Nothing was committed: send it again over a fresh connection.
      this.connection.drop();
      return;
    }
    console.warn(`weft: an edit was refused (${error.code}): ${error.message}`);
    const inflight = this.inflight;
    if (inflight.create) {
      // The document exists already; its create reaches us as an op, or a resubscribe brings it.
      this.inflight = null;
      this.pending = null;
      this.notifyIfIdle();
      return;
    }
    // Local changes not yet turned into ops become pending first (nothing is sent while one is in flight).
    this.hooks.beforeRemote();
    this.inflight = null;
    let undo = json0.invert(inflight.op);
    if (this.pending) [this.pending, undo] = json0.transformX(this.pending, undo);
    this.hooks.applyRemote(undo);
    this.hooks.rejected(error, inflight.op);
    this.flush();
  }

  // ---- local edits ----

  /** Creates the document with `data` (already shown locally). */
  create(data) {
    this.type = json0.TYPE_URI;
    this.data = data;
    this.version = 0;
    this.inflight = { create: { type: json0.TYPE_URI, data: JSON.parse(JSON.stringify(data)) }, src: this.src, seq: ++this.seq };
    this.sendInflight();
  }

  /** Queues a local op that has already been applied to `data`. */
  submitApplied(op) {
    if (op.length === 0) return;
    this.pending = this.pending ? json0.compose(this.pending, op) : op;
    this.flush();
  }

  flush() {
    if (!this.inflight && this.pending && this.subscribed && this.connection.isOpen) {
      this.inflight = { op: this.pending, src: this.src, seq: ++this.seq };
      this.pending = null;
      this.sendInflight();
    }
    this.notifyIfIdle();
  }

  sendInflight() {
    const { op, create, src, seq } = this.inflight;
    const message = { a: 'op', c: COLLECTION, d: this.id, v: create ? 0 : this.version, src, seq };
    if (create) message.create = create;
    else message.op = op;
    this.connection.send(message);
  }

  // ---- waiting ----

  get hasPending() {
    return this.inflight !== null || this.pending !== null;
  }

  /** Calls `fn` once nothing is in flight or pending (at once if that is so now). */
  whenIdle(fn) {
    if (!this.hasPending) fn();
    else this.idleWaiters.push(fn);
  }

  notifyIfIdle() {
    if (this.hasPending || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const fn of waiters) fn();
  }
}
