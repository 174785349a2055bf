// Who else is on the page, from the server's Webstrates messages: `hello` (our id, our user and
// everyone here), then `clientJoin` and `clientPart` as others come and go.

export class Presence {
  /** @param {import('./events.js').Events} events */
  constructor(events) {
    this.events = events;
    this.clientId = null;
    this.clients = Object.freeze([]);
    this.user = null;
    this.defaultPermissions = [];
    this.greeted = false;
  }

  /**
   * @param {(user: object) => void} decorate adds the members the page computes (permissions, tokens)
   * @returns {boolean} whether this is a hello after a reconnect (not the first)
   */
  hello(message, decorate) {
    const again = this.greeted;
    this.greeted = true;
    this.clientId = message.id;
    this.clients = Object.freeze([...new Set(message.clients || [message.id])]);
    this.defaultPermissions = message.defaultPermissions || [];
    const user = { ...(message.user || {}) };
    decorate(user);
    this.user = Object.freeze(user);
    return again;
  }

  join(id) {
    if (!this.clients.includes(id)) this.clients = Object.freeze([...this.clients, id]);
    const own = id === this.clientId;
    if (!own) this.events.emit('clientJoin', id);
    this.events.emit('clientJoin*', id, own);
  }

  part(id) {
    this.clients = Object.freeze(this.clients.filter((c) => c !== id));
    this.events.emit('clientPart', id);
    this.events.emit('clientPart*', id, false);
  }
}
