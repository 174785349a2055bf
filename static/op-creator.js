// Local DOM changes -> json0 ops. Mutation records only say where to look: each changed parent's bound
// children are compared with its DOM children, each changed element's attributes with its JsonML
// attributes, each changed text with its JsonML string. Comparing against the document (not
// replaying records) makes any sequence of changes within one batch come out right.
import * as json0 from './json0.js';
import { WID, escapeName, isComment, newWid, serialize, unescapeName } from './jsonml.js';

/** Attribute values this long or longer on an existing attribute are sent as string edits. */
const ATTRIBUTE_DIFF_LENGTH = 50;

export class OpCreator {
  /**
   * @param {import('./path-tree.js').PathTree} tree
   * @param {import('./sharedoc.js').ShareDoc} doc
   * @param {(target: Node, event: string, ...args) => void} notify local node events
   */
  constructor(tree, doc, notify) {
    this.tree = tree;
    this.doc = doc;
    this.notify = notify;
  }

  /** Turns a batch of mutation records into one op, applied to the document and submitted. */
  process(records) {
    if (records.length === 0 || !this.tree.root) return;
    const parents = new Set();
    const texts = new Set();
    const attributed = new Set();
    for (const r of records) {
      if (r.type === 'childList') parents.add(r.target);
      else if (r.type === 'characterData') texts.add(r.target);
      else attributed.add(r.target);
    }
    const op = [];
    this.emit = (c) => {
      this.doc.data = json0.apply(this.doc.data, [c]);
      op.push(c);
    };
    try {
      const owners = [];
      for (const target of parents) {
        const pn = this.tree.get(this.tree.ownerOf(target));
        if (pn && pn.children) owners.push(pn);
      }
      // Removals everywhere first: a node that moved to another parent then leaves its old place
      // before it is inserted in its new one.
      for (const pn of owners) if (this.tree.get(pn.node) === pn) this.removeGone(pn);
      for (const pn of owners) if (this.tree.get(pn.node) === pn) this.insertAndOrder(pn);
      for (const el of attributed) {
        const pn = this.tree.get(el);
        if (pn && pn.children) this.diffAttributes(el, pn);
      }
      for (const node of texts) {
        const pn = this.tree.get(node);
        if (pn && !pn.children) this.diffText(node, pn);
      }
    } catch (e) {
      console.error('weft: a local change could not be turned into an op:', e);
    } finally {
      // Whatever was emitted is already in the document, so it must reach the server too.
      this.doc.submitApplied(op);
    }
  }

  valueAt(path) {
    let v = this.doc.data;
    for (const step of path) v = v[step];
    return v;
  }

  removeGone(pn) {
    const present = new Set(this.tree.candidates(pn.node));
    let path = null;
    for (let i = pn.children.length - 1; i >= 0; i--) {
      const child = pn.children[i];
      if (present.has(child.node)) continue;
      path ??= this.tree.pathOf(pn);
      const p = [...path, i + 2];
      this.emit({ p, ld: this.valueAt(p) });
      pn.children.splice(i, 1);
      this.tree.unbind(child);
      this.notify(pn.node, 'nodeRemoved', child.node);
    }
  }

  insertAndOrder(pn) {
    const current = this.tree.candidates(pn.node);
    let path = null;
    for (let i = 0; i < current.length; i++) {
      const node = current[i];
      if (pn.children[i]?.node === node) continue;
      path ??= this.tree.pathOf(pn);
      const existing = this.tree.get(node);
      if (existing && existing.parent === pn) {
        const j = pn.children.indexOf(existing);
        this.emit({ p: [...path, j + 2], lm: i + 2 });
        pn.children.splice(j, 1);
        pn.children.splice(i, 0, existing);
        continue;
      }
      if (existing) {
        // Still bound elsewhere (its old parent saw no record): it leaves there first.
        const from = existing.parent;
        const p = [...this.tree.pathOf(from), from.children.indexOf(existing) + 2];
        this.emit({ p, ld: this.valueAt(p) });
        from.children.splice(from.children.indexOf(existing), 1);
        this.tree.unbind(existing);
        path = this.tree.pathOf(pn);
      }
      this.emit({ p: [...path, i + 2], li: this.bindNew(node, pn, i) });
      this.notify(pn.node, 'nodeAdded', node);
    }
  }

  /** Serialises a node new to the document, binding it (at `at` under `parent`) and its subtree. */
  bindNew(node, parent, at) {
    const tree = this.tree;
    return serialize(node, {
      include: (n) => tree.include(n),
      attribute: (name, el) => !tree.config.isTransientAttribute(el, name),
      wid: (el) => {
        let wid = tree.widOf(el);
        const holder = wid && tree.byWid.get(wid);
        if (!wid || (holder && holder !== el && tree.get(holder))) wid = newWid();
        tree.setWid(el, wid);
        return wid;
      },
      visit: (n, json, parentRecord) => tree.bind(n, parentRecord || parent, undefined, parentRecord ? undefined : at),
    });
  }

  diffAttributes(el, pn) {
    const path = this.tree.pathOf(pn);
    const attrs = this.valueAt(path)[1];
    const config = this.tree.config;
    const isTransient = (name) => config.isTransientAttribute(el, name);
    const keyOf = new Map();
    for (const key in attrs) if (key !== WID) keyOf.set(unescapeName(key), key);
    const seen = new Set();
    for (const attr of el.attributes) {
      const name = attr.name;
      if (isTransient(name)) continue;
      const key = keyOf.get(name) ?? escapeName(name);
      seen.add(key);
      const old = attrs[key];
      const value = attr.value;
      if (old === value) continue;
      const p = [...path, 1, key];
      if (typeof old !== 'string') this.emit(old === undefined ? { p, oi: value } : { p, od: old, oi: value });
      else if (old.length >= ATTRIBUTE_DIFF_LENGTH || value.length >= ATTRIBUTE_DIFF_LENGTH) this.diffString(p, old, value);
      else this.emit({ p, od: old, oi: value });
      this.notify(el, 'attributeChanged', name, old, value);
    }
    for (const [name, key] of keyOf) {
      if (seen.has(key) || isTransient(name)) continue;
      const old = attrs[key];
      this.emit({ p: [...path, 1, key], od: old });
      this.notify(el, 'attributeChanged', name, old, undefined);
    }
  }

  diffText(node, pn) {
    const path = this.tree.pathOf(pn);
    const json = this.valueAt(path);
    if (node.nodeType === Node.COMMENT_NODE) {
      if (isComment(json) && typeof json[1] === 'string') this.diffString([...path, 1], json[1], node.data, node);
    } else if (typeof json === 'string') {
      this.diffString(path, json, node.data, node);
    }
  }

  /** Emits the sd/si that turn `old` into `now` at string path `p` (one changed region). */
  diffString(p, old, now, textNode) {
    if (old === now) return;
    let start = 0;
    const max = Math.min(old.length, now.length);
    while (start < max && old.charCodeAt(start) === now.charCodeAt(start)) start++;
    let endOld = old.length;
    let endNow = now.length;
    while (endOld > start && endNow > start && old.charCodeAt(endOld - 1) === now.charCodeAt(endNow - 1)) {
      endOld--;
      endNow--;
    }
    // Never split a surrogate pair.
    if (start > 0 && isHighSurrogate(old.charCodeAt(start - 1))) start--;
    if (endOld < old.length && isLowSurrogate(old.charCodeAt(endOld))) {
      endOld++;
      endNow++;
    }
    const deleted = old.slice(start, endOld);
    const inserted = now.slice(start, endNow);
    if (deleted) {
      this.emit({ p: [...p, start], sd: deleted });
      if (textNode) this.notify(textNode, 'deleteText', start, deleted);
    }
    if (inserted) {
      this.emit({ p: [...p, start], si: inserted });
      if (textNode) this.notify(textNode, 'insertText', start, inserted);
    }
  }
}

const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;
