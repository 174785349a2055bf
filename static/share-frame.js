// `webstrate.share()`: the page's share dialog, shown over the page as a frame of the main origin
// (/<id>/?share&framed; a page's origin sends that address there). The frame is of another origin than
// the page, so the page's scripts can neither read nor click what it shows; the page hears only that
// it closed. The frame is the client's own node: it never becomes part of the document.
import { markOwn } from './own-nodes.js';

const CLOSE = 'weft-share-close';
let shown = null;

/** Opens the dialog of page `webstrateId`, or brings the open one back into focus. */
export function openShare(webstrateId) {
  if (shown) {
    shown.frame.focus();
    return;
  }
  const backdrop = markOwn(document.createElement('div'));
  const frame = document.createElement('iframe');
  backdrop.style.cssText = 'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;'
    + 'justify-content:center;background:rgba(20,24,33,.45)';
  frame.style.cssText = 'width:min(48rem,100vw);height:min(46rem,100vh);border:0;border-radius:.5rem;'
    + 'background:#fff;box-shadow:0 .5rem 2rem rgba(0,0,0,.3)';
  frame.title = `Share ${webstrateId}`;
  frame.src = `/${encodeURIComponent(webstrateId)}/?share&framed`;
  // The dialog's Copy buttons write to the clipboard, which a frame of another origin may do only if let;
  // `*`, since the address above is answered from the main origin, which the page does not know.
  frame.allow = 'clipboard-write *';
  backdrop.append(frame);
  const previousFocus = document.activeElement;
  const onMessage = (event) => {
    if (event.source === frame.contentWindow && event.data === CLOSE) close();
  };
  const close = () => {
    window.removeEventListener('message', onMessage);
    backdrop.remove();
    shown = null;
    previousFocus?.focus?.();
  };
  backdrop.addEventListener('click', (event) => { if (event.target === backdrop) close(); });
  window.addEventListener('message', onMessage);
  document.body.append(backdrop);
  frame.focus();
  shown = { frame, close };
}
