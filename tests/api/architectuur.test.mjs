// The architecture of docs/architectuur.md, checked on the source tree:
// the layers (core ← store ← report ← http ← web ← cli) include only
// downwards, no two modules include each other (directly or round a
// circle), no source file grows past 1,000 lines, and the repository
// explains itself: nothing points outside it, and every file the
// architecture document names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const LAYERS = ['core', 'store', 'report', 'http', 'web', 'cli'];

function sources() {
  const out = [];
  for (const layer of LAYERS) {
    for (const f of readdirSync(join(ROOT, 'src', layer))) {
      if (/\.[ch]$/.test(f)) out.push(`${layer}/${f}`);
    }
  }
  return out;
}

function includes(file) {
  const text = readFileSync(join(ROOT, 'src', file), 'utf8');
  return [...text.matchAll(/^#include "([a-z]+\/[a-z0-9_]+\.h)"/gm)].map((m) => m[1]);
}

// A module is what one header promises and the files that keep that
// promise: besturing.h is implemented by besturing_kiezen.c,
// besturing_trajecten.c, …; page_urenbank.h by page_urenbank.c and
// page_urenbank_uren.c. So a module is the layer and the name up to its
// first '_' (after a page_, api_, cmd_ or test_ prefix).
function module(f) {
  const [layer, name] = f.replace(/\.[ch]$/, '').split('/');
  const parts = name.split('_');
  const n = ['page', 'api', 'cmd'].includes(parts[0]) && parts.length > 1 ? 2 : 1;
  return `${layer}/${parts.slice(0, n).join('_')}`;
}

test('every include points to the same layer or one below it', () => {
  const wrong = [];
  for (const f of sources()) {
    const from = LAYERS.indexOf(f.split('/')[0]);
    for (const h of includes(f)) {
      const to = LAYERS.indexOf(h.split('/')[0]);
      if (to < 0 || to > from) wrong.push(`${f} includes ${h}`);
    }
  }
  assert.deepEqual(wrong, [], 'includes of a layer above');
});

test('no include circle between modules', () => {
  const edges = new Map();
  for (const f of sources()) {
    const m = module(f);
    if (!edges.has(m)) edges.set(m, new Set());
    for (const h of includes(f)) if (module(h) !== m) edges.get(m).add(module(h));
  }
  // Tarjan's strongly connected components: a component of more than one
  // module is a circle.
  let index = 0;
  const idx = new Map(), low = new Map(), stack = [], on = new Set(), circles = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1) circles.push(comp.sort().join(' ↔ '));
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  assert.deepEqual(circles, [], 'include circles');
});

test('no source file over 1,000 lines', () => {
  const long = [];
  for (const f of sources()) {
    const n = readFileSync(join(ROOT, 'src', f), 'utf8').split('\n').length - 1;
    if (n > 1000) long.push(`${f}: ${n} lines`);
  }
  assert.deepEqual(long, []);
});

// docs/ontwikkelen.md: the functions that overrun or misparse silently.
test('no banned C function (sprintf, vsprintf, strcpy, strcat, strtok, atoi, atol, gets) in src, tests or bench', () => {
  const found = [];
  const files = [...sources().map((f) => join(ROOT, 'src', f)),
    ...walk(join(ROOT, 'tests')).filter((f) => /\.[ch]$/.test(f)), ...walk(join(ROOT, 'bench')).filter((f) => /\.[ch]$/.test(f))];
  for (const f of files) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\*.*?\*\/|\/\/.*$/g, '');
      const m = code.match(/(?<![\w.>])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets)\s*\(/);
      if (m) found.push(`${f.slice(ROOT.length)}:${i + 1}: ${m[1]}`);
    });
  }
  assert.deepEqual(found, []);
});

function walk(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

test('the repository explains itself: nothing in README, src or docs points outside it', () => {
  const files = [join(ROOT, 'README.md'), ...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'docs'))];
  const outside = files.filter((f) => readFileSync(f, 'latin1').includes('../shared'));
  assert.deepEqual(outside.map((f) => f.slice(ROOT.length)), []);
});

test('every file docs/architectuur.md and docs/ontwikkelen.md name exists', () => {
  for (const doc of ['docs/architectuur.md', 'docs/ontwikkelen.md']) {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const named = [...text.matchAll(/`((?:src|tests|docs|demo|bench|scripts|tools)\/[A-Za-z0-9_./-]+)`/g)].map((m) => m[1]);
    assert.ok(named.length > 10, `${doc} names the files it speaks of`);
    const missing = named.filter((p) => !p.includes('*') && !existsSync(join(ROOT, p.replace(/\/$/, ''))));
    assert.deepEqual(missing, [], `${doc} names files that do not exist`);
  }
});
