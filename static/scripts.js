// Runs a freshly rendered page's scripts once each, in document order, as a browser loading the page
// would: an external script is waited for (load or error) before the next one runs. Each script
// replaces its stand-in in the tree; a stand-in an earlier script removed is not run.

const JS_TYPES = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(j|live)script|text\/javascript1\.[0-5])$/i;

/** @param {{standIn: Comment, script: Element}[]} scripts  @param {import('./path-tree.js').PathTree} tree */
export async function runInOrder(scripts, tree) {
  for (const { standIn, script } of scripts) {
    tree.removeStandIn(standIn, script);
    if (!standIn.isConnected) continue;
    const type = (script.getAttribute('type') || '').trim();
    const waits = script.hasAttribute('src') && JS_TYPES.test(type);
    const done = waits ? new Promise((resolve) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', resolve, { once: true });
    }) : null;
    standIn.replaceWith(script);
    if (done) await done;
  }
}
