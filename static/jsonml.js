// JsonML <-> DOM: `[tag, {attrs}, ...children]`, a child being a string (text), `["!", text]` (a
// comment) or an element. Namespaces survive the round trip: <svg> and <math> switch namespace,
// <foreignObject> switches back to HTML, an `xmlns` attribute names one explicitly, and prefixed
// attributes (xlink:, xml:, xmlns:) are set in their namespace. Attribute names are stored as
// Webstrates stores them: "." as "&dot;", "&" as "&amp;", '"' as "&quot;"; readers undo all three.

export const HTML = 'http://www.w3.org/1999/xhtml';
export const SVG = 'http://www.w3.org/2000/svg';
export const MATHML = 'http://www.w3.org/1998/Math/MathML';
const XLINK = 'http://www.w3.org/1999/xlink';
const XML = 'http://www.w3.org/XML/1998/namespace';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The key holding an element's stable id in its attribute object; never a DOM attribute. */
export const WID = '__wid';

export const escapeName = (name) => name.replace(/&/g, '&amp;').replace(/\./g, '&dot;').replace(/"/g, '&quot;');
export const unescapeName = (key) =>
  key.indexOf('&') < 0 ? key : key.replace(/&dot;/g, '.').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const WID_CHARS = '23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new element id: 8 characters without look-alikes, as Webstrates makes them. */
export function newWid() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let wid = '';
  for (const b of bytes) wid += WID_CHARS[b % WID_CHARS.length];
  return wid;
}

export const isComment = (json) => Array.isArray(json) && json[0] === '!';

/** The JsonML tag of an element: lower case in HTML, as written (case matters) elsewhere. */
export const tagOf = (el) => (el.namespaceURI === HTML ? el.localName : el.tagName);

/** Where an element keeps its children: a template's content, else itself. */
export const childHost = (el) => (el.localName === 'template' && el.content ? el.content : el);

/** The namespace an element gets from its tag, its attributes and its parent's namespace. */
export function namespaceFor(tag, attrs, parentNs) {
  if (attrs && typeof attrs.xmlns === 'string' && attrs.xmlns) return attrs.xmlns;
  const lower = tag.toLowerCase();
  if (lower === 'svg') return SVG;
  if (lower === 'math') return MATHML;
  return parentNs || HTML;
}

/** The namespace of an element's children. */
export const childNamespace = (el) =>
  el.namespaceURI === SVG && el.localName === 'foreignObject' ? HTML : el.namespaceURI || HTML;

/** Sets an attribute by its qualified name, in its namespace; a name the DOM refuses is skipped. */
export function setAttribute(el, name, value) {
  try {
    const colon = name.indexOf(':');
    const prefix = colon > 0 ? name.slice(0, colon) : null;
    if (prefix === 'xlink') el.setAttributeNS(XLINK, name, value);
    else if (prefix === 'xml') el.setAttributeNS(XML, name, value);
    else if (prefix === 'xmlns' || name === 'xmlns') el.setAttributeNS(XMLNS, name, value);
    else el.setAttribute(name, value);
  } catch (e) {
    console.warn(`weft: cannot set attribute ${JSON.stringify(name)} on <${el.localName}>:`, e.message);
  }
}

export function removeAttribute(el, name) {
  el.removeAttribute(name);
}

/** Template content is rendered as the HTML parser makes it: its scripts run if page code clones them out. */
const AS_PARSED = 'as parsed';

/**
 * A script element that never runs, wherever it is put and whatever is later added to it: made by the
 * fragment parser, which marks it "already started" (as Webstrates leaves scripts that arrive by op).
 */
function inertScript(ns) {
  const holder = document.createElement('div');
  if (ns === SVG) {
    holder.innerHTML = '<svg><script></script></svg>';
    return holder.firstChild.firstChild;
  }
  holder.innerHTML = '<script></script>';
  return holder.firstChild;
}

/**
 * Builds DOM from JsonML. `visit(node, json, parentNode)` is called for every node made (the binding
 * records it), parents before children. `script(el)` may return a stand-in to put in the tree
 * instead of a script, so scripts can run later in order (a page loading); with `script` null the
 * scripts are made inert, as a page does with scripts that arrive by op. Neither applies inside templates.
 */
export function render(json, parentNs, visit, script, parentRecord = null) {
  if (typeof json === 'string') {
    const text = document.createTextNode(json);
    visit(text, json, parentRecord);
    return text;
  }
  if (isComment(json)) {
    const comment = document.createComment(typeof json[1] === 'string' ? json[1] : '');
    visit(comment, json, parentRecord);
    return comment;
  }
  const tag = json[0];
  const attrs = json[1] && typeof json[1] === 'object' && !Array.isArray(json[1]) ? json[1] : {};
  const ns = namespaceFor(tag, attrs, parentNs);
  let el;
  try {
    const name = ns === HTML ? tag.toLowerCase() : tag;
    el = script === null && name === 'script' && (ns === HTML || ns === SVG) ? inertScript(ns)
      : document.createElementNS(ns, name);
  } catch (e) {
    console.warn(`weft: cannot create <${tag}>:`, e.message);
    el = document.createElementNS(HTML, 'weft-invalid');
  }
  for (const key in attrs) {
    if (key !== WID) setAttribute(el, unescapeName(key), attrs[key]);
  }
  const record = visit(el, json, parentRecord);
  const host = childHost(el);
  const inner = host === el ? script : AS_PARSED;
  const innerNs = childNamespace(el);
  for (let i = 2; i < json.length; i++) {
    host.appendChild(render(json[i], innerNs, visit, inner, record));
  }
  if (typeof script === 'function' && el.localName === 'script') return script(el) || el;
  return el;
}

/**
 * The JsonML of a DOM node, or undefined for nodes that have none. `include(node)` says whether a
 * child belongs in the document; `attribute(name, el)` whether an attribute does; `wid(el)` gives
 * the element's id (making one if needed); `visit(node, json, parentRecord)` sees every node
 * serialised, parents first, and what it returns is passed on as the children's parentRecord.
 */
export function serialize(node, opts, parentRecord = null) {
  if (node.nodeType === Node.TEXT_NODE) {
    opts.visit(node, node.data, parentRecord);
    return node.data;
  }
  if (node.nodeType === Node.COMMENT_NODE) {
    const json = ['!', node.data];
    opts.visit(node, json, parentRecord);
    return json;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return undefined;
  const attrs = {};
  attrs[WID] = opts.wid(node);
  for (const attr of node.attributes) {
    if (opts.attribute(attr.name, node)) attrs[escapeName(attr.name)] = attr.value;
  }
  const json = [tagOf(node), attrs];
  const record = opts.visit(node, json, parentRecord);
  for (const child of childHost(node).childNodes) {
    if (opts.include(child)) {
      const c = serialize(child, opts, record);
      if (c !== undefined) json.push(c);
    }
  }
  return json;
}
