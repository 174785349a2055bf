// Checks the browser client's json0 (static/json0.js) against the reference vectors made with
// ot-json0 1.1.0. Usage: node json0-vectors.mjs <static dir> <vectors dir>. Prints one summary line
// ("N passed, N failed") and the first failures; exits non-zero on any failure.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const [staticDir, vectorsDir] = process.argv.slice(2).map((p) => resolve(p));
const json0 = await import(pathToFileURL(join(staticDir, 'json0.js')).href);
const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
const lines = (file) => readFileSync(join(vectorsDir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

let passed = 0;
const failures = [];
function check(name, expected, actual) {
  if (isDeepStrictEqual(copy(expected), copy(actual))) passed++;
  else failures.push(`${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function guard(name, fn) {
  try {
    fn();
  } catch (e) {
    failures.push(`${name}: threw ${e.message}`);
  }
}

for (const v of lines('pairs.jsonl')) {
  const id = `pairs ${v.seed}/${v.i}`;
  guard(id + ' apply a', () => check(id + ' docA', v.docA, json0.apply(copy(v.doc), v.a)));
  guard(id + ' apply b', () => check(id + ' docB', v.docB, json0.apply(copy(v.doc), v.b)));
  guard(id + ' aPrime', () => check(id + ' aPrime', v.aPrime, json0.transform(copy(v.a), copy(v.b), 'left')));
  guard(id + ' bPrime', () => check(id + ' bPrime', v.bPrime, json0.transform(copy(v.b), copy(v.a), 'right')));
  guard(id + ' transformX', () => {
    // transformX may split or merge components differently from transform; what it does must not differ.
    const [a, b] = json0.transformX(copy(v.a), copy(v.b));
    check(id + ' transformX left', v.aPrime, a);
    check(id + ' transformX right', v.docAB, json0.apply(copy(v.docA), b));
  });
  guard(id + ' docAB', () => check(id + ' docAB', v.docAB, json0.apply(copy(v.docA), v.bPrime)));
  guard(id + ' docBA', () => check(id + ' docBA', v.docBA, json0.apply(copy(v.docB), v.aPrime)));
  guard(id + ' compose', () => check(id + ' compose', v.docAB,
    json0.apply(copy(v.doc), json0.compose(copy(v.a), copy(v.bPrime)))));
  guard(id + ' invert', () => {
    check(id + ' invertA', v.invertA, json0.invert(copy(v.a)));
    check(id + ' undo', v.doc, json0.apply(copy(v.docA), json0.invert(copy(v.a))));
  });
}

for (const v of lines('server.jsonl')) {
  const id = `server ${v.seed}/${v.i}`;
  guard(id, () => {
    let x = copy(v.x);
    for (const c of v.committed) x = json0.transform(x, copy(c), 'left');
    check(id + ' xPrime', v.xPrime, x);
    check(id + ' headAfter', v.headAfter, json0.apply(copy(v.head), x));
  });
}

for (const f of failures.slice(0, 15)) console.log(f.length > 600 ? f.slice(0, 600) + '…' : f);
console.log(`json0 vectors: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
