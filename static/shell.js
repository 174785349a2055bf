// The page shell's connection: opens the document's socket, creates the page if it does not exist,
// and reports its version. The full live-DOM client replaces this.
const id = location.pathname.split('/')[1];
const status = document.getElementById('weft-status');
const TYPE = 'http://sharejs.org/types/JSONv0';
const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/${id}/${location.search}`);
let src = null;

ws.onmessage = (event) => {
  const m = JSON.parse(event.data);
  if (m.a === 'init') {
    src = m.id;
    ws.send(JSON.stringify({ a: 's', c: 'webstrates', d: id }));
  } else if (m.a === 's' && m.data) {
    if (m.data.type) {
      status.textContent = `Connected to ${id}, version ${m.data.v}.`;
    } else {
      const page = ['html', {}, '\n', ['head', {}, '\n', ['title', {}, id], '\n'], '\n', ['body', {}, '\n']];
      ws.send(JSON.stringify({ a: 'op', c: 'webstrates', d: id, v: 0, src, seq: 1, create: { type: TYPE, data: page } }));
    }
  } else if (m.a === 'op' && m.error) {
    status.textContent = `Error: ${m.error.message}`;
  } else if (m.a === 'op' && m.src === src) {
    status.textContent = `Connected to ${id}, version ${m.v + 1}.`;
  }
};
ws.onclose = () => { status.textContent = 'Disconnected.'; };
