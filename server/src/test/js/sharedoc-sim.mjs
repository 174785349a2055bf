// Randomised check of the browser client's OT (static/sharedoc.js): several clients edit one document
// through a simulated ShareDB server while messages are delayed and reordered between sockets,
// sockets drop (losing whatever was on the wire) and reconnect, and the server refuses some ops.
// Every client must end with the server's document and nothing pending.
// Usage: node sharedoc-sim.mjs <static dir> [rounds]. Prints "N passed, N failed".
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const staticDir = resolve(process.argv[2]);
const rounds = Number(process.argv[3] || 200);
const json0 = await import(pathToFileURL(join(staticDir, 'json0.js')).href);
const { ShareDoc } = await import(pathToFileURL(join(staticDir, 'sharedoc.js')).href);
console.warn = () => {};

let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (n) => Math.floor(random() * n);
const copy = (v) => JSON.parse(JSON.stringify(v));

/** A ShareDB server for one document: late ops transformed 'left', src+seq dedup, broadcast to others. */
class Server {
  constructor(data) {
    this.data = data;
    this.log = [];
    this.clients = new Set();
  }
  get version() {
    return this.log.length + 1;
  }
  receive(client, m) {
    if (m.a === 's') {
      if (m.v == null) {
        client.toClient.push({ a: 's', c: m.c, d: m.d, data: { v: this.version, data: copy(this.data), type: json0.TYPE_URI } });
      } else {
        for (let v = m.v; v < this.version; v++) client.toClient.push(this.frame(v));
        client.toClient.push({ a: 's', c: m.c, d: m.d });
      }
      this.clients.add(client);
      return;
    }
    if (m.a !== 'op') return;
    for (let v = m.v; v < this.version; v++) {
      const e = this.log[v - 1];
      if (e.src === m.src && e.seq === m.seq) {
        client.toClient.push({ a: 'op', c: m.c, d: m.d, v, src: m.src, seq: m.seq });
        return;
      }
    }
    if (JSON.stringify(m.op).includes('"REJECT"')) {
      client.toClient.push({ ...m, error: { code: 'ERR_OP_SUBMIT_REJECTED', message: 'refused' } });
      return;
    }
    let op = m.op;
    for (let v = m.v; v < this.version; v++) op = json0.transform(op, this.log[v - 1].op, 'left');
    this.data = json0.apply(this.data, op);
    const v = this.version;
    this.log.push({ src: m.src, seq: m.seq, op });
    client.toClient.push({ a: 'op', c: m.c, d: m.d, v, src: m.src, seq: m.seq });
    for (const other of this.clients) if (other !== client && other.open) other.toClient.push(this.frame(v));
  }
  frame(v) {
    const e = this.log[v - 1];
    return { a: 'op', c: 'webstrates', d: 'sim', v, src: e.src, seq: e.seq, op: copy(e.op) };
  }
}

let ids = 0;
class Client {
  constructor(server) {
    this.server = server;
    this.toServer = [];
    this.toClient = [];
    this.open = false;
    const connection = {
      get isOpen() { return client.open; },
      send: (m) => { if (this.open) this.toServer.push(copy(m)); return this.open; },
      drop: () => this.drop(),
    };
    const client = this;
    this.doc = new ShareDoc(connection, 'sim', {
      snapshot: () => {},
      beforeRemote: () => {},
      applyRemote: (op) => { this.doc.data = json0.apply(this.doc.data, op); },
      rejected: () => {},
    });
  }
  connect() {
    this.open = true;
    this.doc.handle({ a: 'init', id: 'c' + ids++ });
  }
  drop() {
    if (!this.open) return;
    this.open = false;
    this.toServer = [];
    this.toClient = [];
    this.server.clients.delete(this);
    this.doc.disconnected();
  }
  edit() {
    const data = this.doc.data;
    if (data === undefined) return;
    const op = randomOp(data);
    this.doc.data = json0.apply(this.doc.data, op);
    this.doc.submitApplied(op);
  }
}

function randomOp(data) {
  const ops = [];
  const n = 1 + pick(3);
  let d = copy(data);
  for (let i = 0; i < n; i++) {
    const c = randomComponent(d);
    d = json0.apply(d, [c]);
    ops.push(c);
  }
  return ops;
}

function randomComponent(d) {
  const r = pick(8);
  if (r === 0 && d.text.length > 0) {
    const at = pick(d.text.length);
    return { p: ['text', at], sd: d.text.slice(at, at + 1 + pick(3)) };
  }
  if (r === 1 && d.list.length > 0) {
    const at = pick(d.list.length);
    return { p: ['list', at], ld: d.list[at] };
  }
  if (r === 2 && d.list.length > 1) return { p: ['list', pick(d.list.length)], lm: pick(d.list.length) };
  if (r === 3) return { p: ['list', pick(d.list.length + 1)], li: 'x' + pick(100) };
  if (r === 4) {
    const key = 'k' + pick(4);
    return d.map[key] === undefined ? { p: ['map', key], oi: pick(50) } : { p: ['map', key], od: d.map[key], oi: pick(50) };
  }
  if (r === 5 && d.list.length > 0 && pick(25) === 0) return { p: ['list', 0], li: 'REJECT' };
  return { p: ['text', pick(d.text.length + 1)], si: 'abc'[pick(3)] };
}

let passed = 0;
const failures = [];
for (let round = 0; round < rounds; round++) {
  seed = round + 1;
  const server = new Server({ text: 'hello', list: ['a', 'b', 'c'], map: {} });
  const clients = [new Client(server), new Client(server), new Client(server)];
  clients.forEach((c) => c.connect());
  const deliver = (c) => {
    if (c.toServer.length && (pick(2) === 0 || !c.toClient.length)) server.receive(c, c.toServer.shift());
    else if (c.toClient.length) c.doc.handle(c.toClient.shift());
  };
  for (let step = 0; step < 300; step++) {
    const c = clients[pick(clients.length)];
    const r = pick(20);
    if (r < 6) c.edit();
    else if (r === 6 && pick(4) === 0) c.drop();
    else if (!c.open && r < 10) c.connect();
    else deliver(c);
  }
  clients.forEach((c) => { if (!c.open) c.connect(); });
  for (let guard = 0; guard < 100000 && clients.some((c) => c.toServer.length || c.toClient.length); guard++) {
    deliver(clients[pick(clients.length)]);
  }
  const problems = clients.map((c, i) => {
    if (c.doc.hasPending) return `client ${i} still has ops pending`;
    if (!isDeepStrictEqual(c.doc.data, server.data)) return `client ${i} has ${JSON.stringify(c.doc.data)}`;
    if (c.doc.version !== server.version) return `client ${i} is at version ${c.doc.version}, not ${server.version}`;
    return null;
  }).filter(Boolean);
  if (problems.length) failures.push(`round ${round}: server ${JSON.stringify(server.data)}; ${problems.join('; ')}`);
  else passed++;
}
for (const f of failures.slice(0, 10)) console.log(f);
console.log(`sharedoc simulation: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
