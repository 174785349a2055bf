// Keeps the DOM and the page's JsonML in sync both ways: renders the document, turns local DOM
// changes (seen by a MutationObserver) into ops, and applies incoming ops to the DOM without echoing
// them back (their mutation records are taken and dropped).
import * as json0 from './json0.js';
import { HTML, WID, newWid, render, setAttribute, unescapeName } from './jsonml.js';
import { OpApplier } from './op-applier.js';
import { OpCreator } from './op-creator.js';
import { PathTree } from './path-tree.js';

const OBSERVE = { childList: true, subtree: true, attributes: true, characterData: true };

export class Binding {
  /**
   * @param {import('./sharedoc.js').ShareDoc} doc
   * @param {{isTransientElement: (node) => boolean, isTransientAttribute: (node, name) => boolean}} config
   * @param {(target: Node, event: string, local: boolean, ...args) => void} notify node events
   */
  constructor(doc, config, notify) {
    this.doc = doc;
    this.tree = new PathTree(config);
    this.observer = new MutationObserver((records) => this.creator.process(records));
    this.tree.onTemplate = (fragment) => this.observer.observe(fragment, OBSERVE);
    this.creator = new OpCreator(this.tree, doc, (target, event, ...args) => notify(target, event, true, ...args));
    this.applier = new OpApplier(this.tree, doc, (target, event, ...args) => notify(target, event, false, ...args),
      () => this.renderAll(false));
  }

  /** The skeleton of a new page (PROTOCOL.md §1), its elements given ids. */
  static skeleton(title) {
    const el = (tag, ...children) => [tag, { [WID]: newWid() }, ...children];
    return el('html', '\n', el('head', '\n', el('title', title), '\n'), '\n', el('body', '\n'));
  }

  /**
   * Replaces the whole page with the document. With `deferScripts` (the page loading), scripts are put
   * in the tree as stand-ins and returned, to be run in order (see scripts.js); otherwise (re-rendering
   * after an op) they are inserted inert, since a page runs its scripts only when it loads.
   * @returns {{standIn: Comment, script: Element}[]}
   */
  renderAll(deferScripts) {
    this.observer.disconnect();
    const data = this.doc.data;
    const html = document.documentElement;
    const tree = this.tree;
    tree.reset();
    const root = tree.bind(html, null, data[1]?.[WID]);
    tree.root = root;
    for (const attr of [...html.attributes]) html.removeAttribute(attr.name);
    for (const key in data[1]) if (key !== WID) setAttribute(html, unescapeName(key), data[1][key]);
    html.replaceChildren();
    const scripts = [];
    const visit = (node, json, parent) =>
      tree.bind(node, parent, node.nodeType === Node.ELEMENT_NODE ? json[1]?.[WID] : undefined);
    const standIn = deferScripts ? (script) => {
      const placeholder = document.createComment(' script ');
      tree.addStandIn(placeholder, script);
      scripts.push({ standIn: placeholder, script });
      return placeholder;
    } : null;
    const fragment = document.createDocumentFragment();
    for (let i = 2; i < data.length; i++) fragment.appendChild(render(data[i], HTML, visit, standIn, root));
    html.appendChild(fragment);
    this.observer.observe(html, OBSERVE);
    this.observer.takeRecords();
    return scripts;
  }

  /** Gives every element without an id one, in one op. */
  assignMissingWids() {
    const op = [];
    const walk = (pn, path) => {
      if (!pn.children) return;
      if (this.tree.widOf(pn.node) === undefined) {
        const wid = newWid();
        this.tree.setWid(pn.node, wid);
        op.push({ p: [...path, 1, WID], oi: wid });
      }
      pn.children.forEach((child, i) => walk(child, [...path, i + 2]));
    };
    walk(this.tree.root, []);
    if (op.length === 0) return;
    this.doc.data = json0.apply(this.doc.data, op);
    this.doc.submitApplied(op);
  }

  /** Turns DOM changes not yet seen into ops now (before an incoming op, or to know all is sent). */
  flush() {
    this.creator.process(this.observer.takeRecords());
  }

  /** Applies an incoming (already transformed) op to the document and the DOM, without echo. */
  applyRemote(op) {
    this.applier.apply(op);
    this.observer.takeRecords();
  }
}
