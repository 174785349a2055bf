// Named events with Webstrates' rules: listeners run asynchronously, and an unknown event name
// throws "Event <name> doesn't exist.". An event may react to its first listener arriving and its
// last one leaving (signals subscribe and unsubscribe that way).

export class Events {
  /** @param {string[]} names */
  constructor(names) {
    this.listeners = new Map(names.map((name) => [name, new Set()]));
    this.hooks = new Map();
  }

  /** Calls `first()` when `name` gets its first listener and `last()` when it loses its last one. */
  watch(name, first, last) {
    this.hooks.set(name, { first, last });
  }

  set(name) {
    const set = this.listeners.get(name);
    if (!set) throw new Error(`Event ${name} doesn't exist.`);
    return set;
  }

  on(name, fn) {
    if (typeof fn !== 'function') throw new Error(`A listener for ${name} must be a function`);
    const set = this.set(name);
    if (set.has(fn)) return;
    set.add(fn);
    if (set.size === 1) this.hooks.get(name)?.first();
  }

  off(name, fn) {
    const set = this.set(name);
    if (set.delete(fn) && set.size === 0) this.hooks.get(name)?.last();
  }

  has(name) {
    return (this.listeners.get(name)?.size || 0) > 0;
  }

  emit(name, ...args) {
    for (const fn of this.set(name)) {
      queueMicrotask(() => {
        try {
          fn(...args);
        } catch (e) {
          console.error(`weft: a ${name} listener failed:`, e);
        }
      });
    }
  }
}
