// The front page's own script: shows the visitor's account panel (/~home, a page of the main origin) in
// a frame where the template's link to it stands. The panel acts with the visitor's login, so it lives
// on the main origin, out of this page's reach; this script only frames it and sizes the frame. The
// frame is one of the client's own nodes (as the share dialog's is): every visitor adds it in their own
// browser, none writes it into the page, whatever the page's transient rules say (and the link it stands
// for is hidden by weft.css, not by a change to the page).
import { markOwn } from './own-nodes.js';

const slot = document.getElementById('weft-home');

/** The main origin: this page's host without its own label (`frontpage.`), or this origin when pages share one. */
function mainOrigin() {
  const prefix = 'frontpage.';
  const host = location.host.startsWith(prefix) ? location.host.slice(prefix.length) : location.host;
  return `${location.protocol}//${host}`;
}

if (slot && !slot.querySelector('iframe')) {
  const main = mainOrigin();
  const frame = document.createElement('iframe');
  frame.src = `${main}/~home`;
  frame.title = 'Your account, a new page and your invitations';
  frame.className = 'home-frame';
  slot.append(markOwn(frame));
  addEventListener('message', (event) => {
    const height = event.data?.weftHomeHeight;
    if (event.origin === main && event.source === frame.contentWindow && Number.isFinite(height)) {
      frame.style.height = `${Math.min(Math.max(height, 80), 4000)}px`;
    }
  });
}
