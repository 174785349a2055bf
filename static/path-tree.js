// The binding between the page's JsonML and the DOM: a tree of PathNodes mirroring the JsonML, each
// holding its DOM node. A node's JsonML path comes from its position in this tree, never from DOM
// positions, so DOM nodes the document does not hold (transient elements, scripts' stand-ins) sit
// among bound ones without shifting any path.
import { childHost } from './jsonml.js';
import { isOwn } from './own-nodes.js';

export class PathNode {
  constructor(node, parent) {
    this.node = node;
    this.parent = parent;
    /** Bound children in JsonML order (child i is at index i + 2); null for text and comments. */
    this.children = node.nodeType === Node.ELEMENT_NODE ? [] : null;
  }
}

export class PathTree {
  constructor(config) {
    this.config = config;
    this.root = null;
    this.bound = new WeakMap();
    /** Element ids; kept after an element leaves the tree, so a moved element keeps its id. */
    this.wids = new WeakMap();
    this.byWid = new Map();
    /** Stand-ins in the DOM for scripts not yet run: stand-in -> script. */
    this.standIns = new WeakMap();
    this.standInOf = new WeakMap();
    /** Template contents observed separately: fragment -> template. */
    this.templates = new WeakMap();
    this.onTemplate = null;
  }

  /** Forgets every binding (before the whole page is rendered again). */
  reset() {
    this.root = null;
    this.bound = new WeakMap();
    this.byWid.clear();
  }

  get(node) {
    return this.bound.get(node);
  }

  /** Records `node` as bound under `parent` (appended to its children unless `at` is given). */
  bind(node, parent, wid, at) {
    const pn = new PathNode(node, parent);
    this.bound.set(node, pn);
    if (wid !== undefined) this.setWid(node, wid);
    if (parent) {
      if (at === undefined) parent.children.push(pn);
      else parent.children.splice(at, 0, pn);
    }
    if (pn.children && childHost(node) !== node) {
      this.templates.set(childHost(node), node);
      this.onTemplate?.(childHost(node));
    }
    return pn;
  }

  /** Forgets a subtree (it left the document). */
  unbind(pn) {
    this.bound.delete(pn.node);
    const wid = this.wids.get(pn.node);
    if (wid !== undefined && this.byWid.get(wid) === pn.node) this.byWid.delete(wid);
    if (pn.children) for (const c of pn.children) this.unbind(c);
  }

  setWid(node, wid) {
    const old = this.wids.get(node);
    if (old !== undefined && this.byWid.get(old) === node) this.byWid.delete(old);
    if (typeof wid === 'string') {
      this.wids.set(node, wid);
      this.byWid.set(wid, node);
    } else {
      this.wids.delete(node);
    }
  }

  widOf(node) {
    return this.wids.get(node);
  }

  /** The JsonML path of a bound node. */
  pathOf(pn) {
    const path = [];
    while (pn.parent) {
      path.push(pn.parent.children.indexOf(pn) + 2);
      pn = pn.parent;
    }
    return path.reverse();
  }

  /** The element whose children a mutation target holds (a template's content maps to the template). */
  ownerOf(target) {
    return target.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? this.templates.get(target) : target;
  }

  /** Whether a DOM child belongs in the document: text, comments and elements neither transient nor the client's own. */
  include(node) {
    const type = node.nodeType;
    if (type === Node.TEXT_NODE) return true;
    if (type === Node.COMMENT_NODE) return !this.standIns.has(node);
    return type === Node.ELEMENT_NODE && !isOwn(node) && !this.config.isTransientElement(node);
  }

  /** The DOM children of an element that the document holds, in order, stand-ins as their scripts. */
  candidates(el) {
    const out = [];
    for (let child = childHost(el).firstChild; child; child = child.nextSibling) {
      const script = this.standIns.get(child);
      if (script) out.push(script);
      else if (this.include(child)) out.push(child);
    }
    return out;
  }

  addStandIn(standIn, script) {
    this.standIns.set(standIn, script);
    this.standInOf.set(script, standIn);
  }

  removeStandIn(standIn, script) {
    this.standIns.delete(standIn);
    this.standInOf.delete(script);
  }

  /** The DOM node that stands for a bound node where it sits (its stand-in if it has not run yet). */
  domOf(node) {
    return this.standInOf.get(node) || node;
  }
}
