// Who may do what on this page: the permission list (the JSON in <html data-auth>) and this user's
// rights under it, kept current as the list changes by local or remote ops and as the server reports
// this socket's rights ({"wa":"permissionsChanged"}). Fires the global permissionsChanged(newRights,
// oldRights) when the user's rights change. Rights are written as the server writes them: the letters
// of r, w, a in that order ("rw", "r", "").

export const ATTRIBUTE = 'data-auth';

export class Permissions {
  /**
   * @param {import('./events.js').Events} events
   * @param {import('./presence.js').Presence} presence our user and the server's default list
   */
  constructor(events, presence) {
    this.events = events;
    this.presence = presence;
    /**
     * What the server last said about this socket: {rights, list (canonical text of the list in force)}.
     * It wins while the page shows that same list: only the server knows what an access token grants.
     */
    this.told = null;
    /** The rights last reported to listeners; null until the page has loaded (no events before). */
    this.known = null;
    // Every change of the attribute (local edits, remote ops, rollbacks, re-renders) comes through here.
    new MutationObserver(() => this.check())
      .observe(document.documentElement, { attributes: true, attributeFilter: [ATTRIBUTE] });
  }

  /** The page's own list as an array: [] when it has none or it is not a list. */
  get list() {
    return this.own() || [];
  }

  /** This user's rights now ("" before hello). */
  get rights() {
    const user = this.presence.user;
    if (!user) return '';
    const inForce = this.inForce();
    if (this.told && this.told.list === canonical(inForce)) return this.told.rights;
    return rightsIn(inForce, user);
  }

  /** The server told this socket its rights under `list` (the list in force, defaults included). */
  serverSaid(rights, list) {
    this.told = { rights: letters(rights), list: canonical(Array.isArray(list) ? list : []) };
    this.check();
  }

  /** The page has loaded: from now on, changes of the user's rights are reported. */
  start() {
    this.known = this.rights;
  }

  /** A new socket was greeted: what the server said on the old one no longer holds. */
  greeted() {
    this.told = null;
    this.check();
  }

  /** Fires permissionsChanged if the user's rights differ from those last reported. */
  check() {
    if (this.known === null) return;
    const now = this.rights;
    const before = this.known;
    this.known = now;
    if (now !== before) this.events.emit('permissionsChanged', now, before);
  }

  /** The page's own list (a malformed one grants nothing, as on the server), or null if it has none. */
  own() {
    const source = document.documentElement.getAttribute(ATTRIBUTE);
    return source === null ? null : parseList(source);
  }

  /** The list that decides: the page's own, else the server's defaults. */
  inForce() {
    return this.own() ?? this.presence.defaultPermissions;
  }
}

/** The text of a data-auth attribute as a list (a malformed one grants nothing, as on the server). */
export function parseList(source) {
  for (const text of [source, source.replace(/&quot;/g, '"').replace(/&amp;/g, '&')]) {
    try {
      const list = JSON.parse(text);
      return Array.isArray(list) ? list.filter((e) => e && typeof e === 'object') : [];
    } catch {
      // Webstrates wrote quotes as entities; try that spelling before giving up.
    }
  }
  return [];
}

/** The user's own entry, else the anonymous one, else nothing (the server's rule). */
export function rightsIn(list, user) {
  const find = (username, provider) => list.find((e) => e.username === username && e.provider === provider);
  const entry = find(user.username, user.provider) || find('anonymous', '');
  return entry ? letters(entry.permissions) : '';
}

/** "arw" → "rwa": the server's spelling, so the same rights always compare equal. */
export function letters(permissions) {
  const given = typeof permissions === 'string' ? permissions : '';
  return [...'rwa'].filter((c) => given.includes(c)).join('');
}

function canonical(list) {
  return JSON.stringify(list.map((e) => [e.username, e.provider, letters(e.permissions)]));
}
