// Incoming json0 ops -> DOM. Each component is applied to the document and then to the DOM through
// the path tree: list edits insert, remove and move nodes, attribute edits set attributes, string
// edits on text use insertData/deleteData (so a caret in a contenteditable stays where it belongs).
// Whatever has no precise DOM counterpart re-renders the smallest element that holds it.
import * as json0 from './json0.js';
import { WID, childHost, childNamespace, render, setAttribute, unescapeName } from './jsonml.js';

export class OpApplier {
  /**
   * @param {import('./path-tree.js').PathTree} tree
   * @param {import('./sharedoc.js').ShareDoc} doc
   * @param {(target: Node, event: string, ...args) => void} notify remote node events
   * @param {() => void} renderAll re-renders the whole page from the document
   */
  constructor(tree, doc, notify, renderAll) {
    this.tree = tree;
    this.doc = doc;
    this.notify = notify;
    this.renderAll = renderAll;
  }

  apply(op) {
    for (const c of op) {
      this.doc.data = json0.apply(this.doc.data, [c]);
      try {
        this.component(c);
      } catch (e) {
        console.warn('weft: re-rendering the page after an op did not apply to the DOM:', e);
        this.renderAll();
      }
    }
  }

  valueAt(path) {
    let v = this.doc.data;
    for (const step of path) v = v[step];
    return v;
  }

  component(c) {
    const p = c.p;
    let pn = this.tree.root;
    if (p.length === 0 || !pn) return this.renderAll();
    let i = 0;
    while (i < p.length - 1 && pn.children && typeof p[i] === 'number' && p[i] >= 2) {
      const child = pn.children[p[i] - 2];
      if (!child) return this.rerender(pn);
      pn = child;
      i++;
    }
    const rest = p.length - i;
    const step = p[i];
    const isString = c.si !== undefined || c.sd !== undefined;
    if (pn.children) {
      if (rest === 1 && typeof step === 'number' && step >= 2) return this.listChange(pn, step - 2, c);
      if (step === 1 && rest === 1) return this.syncAttributes(pn);
      if (step === 1 && rest === 2 && !isString) return this.setAttribute(pn, p[i + 1], c);
      if (step === 1) return this.syncAttribute(pn, p[i + 1]);
      return this.rerender(pn);
    }
    const node = pn.node;
    if (isString && node.nodeType === Node.TEXT_NODE && rest === 1) return this.editText(node, node, step, c);
    if (isString && node.nodeType === Node.COMMENT_NODE && rest === 2 && step === 1) {
      return this.editText(node, null, p[i + 1], c);
    }
    return this.rerender(pn);
  }

  editText(node, textNode, offset, c) {
    if (c.si !== undefined) {
      node.insertData(offset, c.si);
      if (textNode) this.notify(textNode, 'insertText', offset, c.si);
    } else {
      node.deleteData(offset, c.sd.length);
      if (textNode) this.notify(textNode, 'deleteText', offset, c.sd);
    }
  }

  listChange(pn, index, c) {
    if (c.li !== undefined && c.ld !== undefined) {
      this.removeChild(pn, index);
      this.insertChild(pn, index, c.li);
    } else if (c.li !== undefined) {
      this.insertChild(pn, index, c.li);
    } else if (c.ld !== undefined) {
      this.removeChild(pn, index);
    } else if (c.lm !== undefined) {
      this.moveChild(pn, index, c.lm - 2);
    } else {
      this.rerender(pn);
    }
  }

  insertChild(pn, index, json) {
    const tree = this.tree;
    // Scripts arriving by op are inserted inert (null): a page runs its scripts only when it loads.
    const node = render(json, childNamespace(pn.node), (n, j, parentRecord) => {
      const wid = n.nodeType === Node.ELEMENT_NODE ? j[1]?.[WID] : undefined;
      return tree.bind(n, parentRecord || pn, wid, parentRecord ? undefined : index);
    }, null);
    this.place(pn, index, node);
    this.notify(pn.node, 'nodeAdded', node);
  }

  removeChild(pn, index) {
    const [child] = pn.children.splice(index, 1);
    this.tree.unbind(child);
    this.tree.domOf(child.node).remove();
    this.notify(pn.node, 'nodeRemoved', child.node);
  }

  moveChild(pn, from, to) {
    const [child] = pn.children.splice(from, 1);
    pn.children.splice(to, 0, child);
    this.place(pn, to, this.tree.domOf(child.node));
  }

  /** Puts `node` in the DOM where bound child `index` of `pn` belongs: before the next bound sibling. */
  place(pn, index, node) {
    const next = pn.children[index + 1];
    if (next) {
      const before = this.tree.domOf(next.node);
      before.parentNode.insertBefore(node, before);
      return;
    }
    const prev = pn.children[index - 1];
    if (prev) this.tree.domOf(prev.node).after(node);
    else childHost(pn.node).appendChild(node);
  }

  setAttribute(pn, key, c) {
    const el = pn.node;
    if (key === WID) {
      this.tree.setWid(el, c.oi);
      return;
    }
    const name = unescapeName(key);
    const old = el.getAttribute(name) ?? undefined;
    if (c.oi !== undefined) {
      setAttribute(el, name, c.oi);
    } else if (this.tree.config.isTransientAttribute(el, name)) {
      return;
    } else {
      el.removeAttribute(name);
    }
    this.notify(el, 'attributeChanged', name, old, c.oi);
  }

  syncAttribute(pn, key) {
    const el = pn.node;
    const value = this.valueAt(this.tree.pathOf(pn))[1]?.[key];
    if (key === WID) {
      this.tree.setWid(el, value);
      return;
    }
    const name = unescapeName(key);
    const old = el.getAttribute(name) ?? undefined;
    if (typeof value === 'string') setAttribute(el, name, value);
    else el.removeAttribute(name);
    this.notify(el, 'attributeChanged', name, old, value);
  }

  syncAttributes(pn) {
    const el = pn.node;
    const attrs = this.valueAt(this.tree.pathOf(pn))[1] || {};
    const names = new Set();
    for (const key in attrs) {
      if (key === WID) continue;
      const name = unescapeName(key);
      names.add(name);
      if (el.getAttribute(name) !== attrs[key]) setAttribute(el, name, attrs[key]);
    }
    for (const attr of [...el.attributes]) {
      if (!names.has(attr.name) && !this.tree.config.isTransientAttribute(el, attr.name)) el.removeAttribute(attr.name);
    }
    this.tree.setWid(el, attrs[WID]);
  }

  /** Replaces a bound node and its subtree with a fresh rendering of its JsonML. */
  rerender(pn) {
    if (!pn.parent) {
      this.renderAll();
      return;
    }
    const parent = pn.parent;
    const index = parent.children.indexOf(pn);
    const json = this.valueAt([...this.tree.pathOf(parent), index + 2]);
    this.removeChild(parent, index);
    this.insertChild(parent, index, json);
  }
}
