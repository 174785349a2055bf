// Nodes the client itself puts on the page (the share dialog's frame): never part of the document,
// whatever the page's own transient rules say, so using them sends no op and leaves the JsonML as it was.
const own = new WeakSet();

export function markOwn(node) {
  own.add(node);
  return node;
}

export function isOwn(node) {
  return own.has(node);
}
