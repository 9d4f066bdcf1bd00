// Bad input never breaks the server (docs/architectuur.md: "slechte invoer
// krijgt een 4xx met een problem+json die zegt wat er mis is, nooit een crash"). Hundreds of malformed, random and
// hostile bodies go to every register POST endpoint, and odd values to every
// path and query parameter; no answer may be a 5xx, every error must be a
// well-formed problem, and the server (ASan/UBSan build) must survive: the
// after() hook's srv.stop() fails on a crash or a sanitizer report.
// FUZZ_SEED=n reproduces a run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

const SEED = Number(process.env.FUZZ_SEED || 20120308);
let srv;

// mulberry32: small, seedable, good enough to pick cases.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (n) => Math.floor(rand() * n);

const HOSTILE = [
  "x'); DROP TABLE organisaties;--", "' OR '1'='1", '"; DELETE FROM lidmaatschappen; --', '%s%s%s%n%n', '%x%x%x',
  '../../etc/passwd', '<script>alert(1)</script>', '${jndi:ldap://x}', '\\', '\\\\\\', '"', "'", '\u0000', 'a\u0000b',
  '\u0001\u0002\u001f', '\u007f', '\u200b\u200d\ufeff', '\u202e', 'Z\u0351\u0352\u0353\u0354\u0355', '🏛️👩‍👩‍👧', '𝔘𝔫𝔦',
  'ﷺ', 'ß'.repeat(1000), 'é'.repeat(101), '中'.repeat(70), ' ', '', '\t', '\n', 'null', 'true', '0', '-1',
  'GM0148', 'GM0148 ', 'gm0148', 'GM01480', 'dsz', 'DSZ', 'ict', '2012-03-08', '2012-02-30', '2012-02-29', '2013-02-29',
  '0000-00-00', '9999-12-31', '1899-12-31', '2012-1-1', '2012-03-08T00:00:00Z', '+2012-03-08', '２０１２-０３-０８',
];
const NUMBERS = [0, -0, 1, -1, 2.5, -2.5, 1e308, -1e308, 2 ** 53, -(2 ** 53), 2 ** 63, 9007199254740993, 1e-300, 100000001, 28000];

function deep(depth, leaf) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = rand() < 0.5 ? [v] : { a: v };
  return v;
}
function randomValue(level = 0) {
  const r = rand();
  if (r < 0.3) return pick(HOSTILE);
  if (r < 0.45) return pick(NUMBERS);
  if (r < 0.5) return pick([true, false, null]);
  if (r < 0.55) return 'x'.repeat(pick([199, 200, 201, 4000, 4001, 40000, 200000]));
  if (r < 0.6) return String.fromCodePoint(...Array.from({ length: 1 + int(30) }, () => int(0x10ffff + 1)))
    .replace(/[\ud800-\udfff]/g, '?');
  if (r < 0.65) return deep(1 + int(400), pick(HOSTILE));
  if (level < 2 && r < 0.8) return Array.from({ length: int(6) }, () => randomValue(level + 1));
  if (level < 2 && r < 0.9) return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(HOSTILE), randomValue(level + 1)]));
  return pick(HOSTILE);
}

// Valid bodies per endpoint, to mutate a few fields of.
const TEMPLATES = {
  '/organisaties': () => ({ code: rand() < 0.2 ? 'GM0148' : `GM${String(int(10000)).padStart(4, '0')}`, naam: pick(HOSTILE) || 'x', soort: 'gemeente', inwoners: int(100000) }),
  '/taakvelden': () => ({ code: `tv-${int(1e6)}`, naam: pick(HOSTILE) || 'x', soort: pick(['beleid', 'uitvoering']), iv3: '0.4' }),
  '/verbanden': () => ({ code: `v-${int(1e6)}`, naam: 'Verband', doelen: ['kosten'], geenCherryPicking: rand() < 0.5,
    leden: [{ organisatie: 'GM0148', rol: 'lid', van: '2010-01-01' }, { organisatie: 'GM0180', van: '2011-01-01' }],
    trajecten: rand() < 0.3 ? [{ taakveld: 'ict', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'informatie', start: '2012-01-01' }] : undefined }),
  '/verbanden/dsz/leden': () => ({ organisatie: pick(['GM0148', 'GM0180', 'GM1896', 'GM9999']), rol: 'lid', van: pick(['2009-01-01', '2020-01-01']) }),
  '/verbanden/dsz/leden/GM0148/uittreding': () => ({ datum: pick(['2009-01-01', '2030-01-01', '2010-01-01']) }),
  '/verbanden/dsz/trajecten': () => ({ taakveld: 'ict', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'bijstand',
    deelnemers: ['GM0148', 'GM0180'], eigenaar: 'x', start: '2012-01-01', eind: null, wettelijkeDeadline: null }),
  '/verbanden/gcp/trajecten': () => ({ taakveld: 'psa', fase: 'uitvoering', vorm: 'dvo', intensiteit: 'integratie', start: '2013-01-01' }),
};
const WEIRD_SEGMENTS = ['nope', '%00', '%FF%FE', '%C3', encodeURIComponent('é'.repeat(300)), 'x'.repeat(2000), '..', '%2e%2e',
  encodeURIComponent("dsz'; DROP TABLE verbanden;--"), '%20', 'dsz%00x', encodeURIComponent('🏛️'), '-1', '0', '1e9'];

function rawBody() {
  const r = rand();
  if (r < 0.1) return Buffer.from(Array.from({ length: 1 + int(300) }, () => int(256)));
  if (r < 0.2) return '['.repeat(3000 + int(100000));
  if (r < 0.3) return '{"a":'.repeat(2049 + int(3000)) + '1' + '}'.repeat(2049);
  if (r < 0.35) return '[' .repeat(2047) + ']'.repeat(2047);
  if (r < 0.4) return JSON.stringify(deep(2040, 'x'));
  if (r < 0.5) { const s = JSON.stringify(pick(Object.values(TEMPLATES))()); return s.slice(0, int(s.length)); }
  if (r < 0.55) return Buffer.concat([Buffer.from('{"naam":"'), Buffer.from([0xc3]), Buffer.from('"}')]);
  if (r < 0.6) return Buffer.from('{"naam":"a\0b","code":"GM0001","soort":"gemeente"}');
  if (r < 0.65) return '\ufeff{"code":"GM0001"}';
  if (r < 0.7) return '{"naam":"\\ud800","code":"GM0001","soort":"gemeente"}';
  if (r < 0.75) return '{"inwoners":' + '9'.repeat(1 + int(400)) + '}';
  if (r < 0.8) return '{"a":1,}';
  if (r < 0.85) return '{"code":"GM0001"} {"code":"GM0002"}';
  if (r < 0.9) return JSON.stringify(randomValue());
  return '{' + Array.from({ length: 2000 }, (_, i) => `"k${i}":${i}`).join(',') + '}';
}

function mutated(path) {
  const body = TEMPLATES[path]();
  const keys = [...Object.keys(body), 'extra', pick(HOSTILE)];
  for (let n = 1 + int(3); n > 0; n--) {
    const k = pick(keys);
    if (rand() < 0.15) delete body[k];
    else body[k] = randomValue();
  }
  const lid = Array.isArray(body.leden) ? body.leden[0] : null;
  if (lid && typeof lid === 'object' && !Array.isArray(lid) && rand() < 0.3) lid[pick(['organisatie', 'rol', 'van', 'tot'])] = randomValue();
  if (rand() < 0.05) body.deelnemers = Array.from({ length: 257 + int(500) }, (_, i) => `GM${String(i).padStart(4, '0')}`);
  if (rand() < 0.05) body.leden = Array.from({ length: 20 + int(40) }, () => ({ organisatie: pick(['GM0148', 'GM0180', 'GM9999']), van: pick(HOSTILE) }));
  return body;
}

const seen = {};
function check(r, what) {
  seen[r.status] = (seen[r.status] || 0) + 1;
  const ctx = `${what} → ${r.status} ${r.text.slice(0, 300)} (FUZZ_SEED=${SEED})`;
  assert.ok(r.status < 500, ctx);
  assert.ok([200, 201, 400, 404, 405, 409, 413, 422].includes(r.status), ctx);
  assert.equal(r.headers.get('api-version'), '1.5.0', ctx);
  if (r.status >= 400) {
    assert.equal(r.headers.get('content-type'), 'application/problem+json', ctx);
    const j = JSON.parse(r.text);
    assert.equal(j.status, r.status, ctx);
    assert.ok(typeof j.title === 'string' && j.title && typeof j.detail === 'string' && j.detail, ctx);
    for (const p of j['invalid-params'] || []) assert.ok(typeof p.name === 'string' && typeof p.reason === 'string' && p.reason, ctx);
  } else {
    JSON.parse(r.text);
  }
}

// Runs jobs with at most n in flight.
async function pool(jobs, n) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < jobs.length) await jobs[i++]();
  }));
}

before(async () => {
  srv = await startServer();
  const post = (p, b) => srv.api('POST', '/api/v1' + p, b);
  for (const code of ['GM0148', 'GM0180', 'GM1896', 'GM0193'])
    assert.equal((await post('/organisaties', { code, naam: code, soort: 'gemeente' })).status, 201);
  for (const code of ['ict', 'psa']) assert.equal((await post('/taakvelden', { code, naam: code, soort: 'beleid' })).status, 201);
  assert.equal((await post('/verbanden', { code: 'dsz', naam: 'DSZ', leden: [
    { organisatie: 'GM0148', van: '2010-01-01' }, { organisatie: 'GM0180', van: '2010-01-01' }] })).status, 201);
  assert.equal((await post('/verbanden', { code: 'gcp', naam: 'SSC', geenCherryPicking: true, leden: [
    { organisatie: 'GM0193', rol: 'gastheer', van: '2013-01-01' }, { organisatie: 'GM1896', van: '2013-01-01' }] })).status, 201);
});
after(async () => { await srv.stop(); });

test('hundreds of malformed, random and hostile bodies to every register POST endpoint: never a 5xx', async (t) => {
  const paths = Object.keys(TEMPLATES);
  const jobs = [];
  for (let i = 0; i < 420; i++) {
    const path = paths[i % paths.length];
    const body = i % 100 === 7 ? JSON.stringify({ ...mutated(path), naam: 'x'.repeat(1100 * 1024) })
      : i % 100 === 14 ? JSON.stringify({ code: 'GM0148', naam: 'Dubbel', soort: 'gemeente' })
      : rand() < 0.35 ? rawBody() : JSON.stringify(mutated(path));
    jobs.push(async () => {
      const r = await srv.api('POST', '/api/v1' + path, body, { headers: rand() < 0.1 ? { 'Content-Type': 'text/plain' } : {} });
      check(r, `POST ${path} ${String(body).slice(0, 120)}`);
    });
  }
  await pool(jobs, 6);
  t.diagnostic(`statuses: ${JSON.stringify(seen)} (FUZZ_SEED=${SEED})`);
  assert.equal(Object.values(seen).reduce((a, b) => a + b, 0), jobs.length);
  for (const s of [201, 400, 409, 413, 422]) assert.ok(seen[s] > 0, `some answers were ${s}: the fuzz reaches that path`);
  const st = await srv.api('GET', '/api/v1/status');
  assert.equal(st.status, 200, 'the server still answers');
});

test('odd path and query values on every register endpoint: never a 5xx', async () => {
  const jobs = [];
  for (const seg of WEIRD_SEGMENTS) {
    for (const [method, path] of [
      ['GET', `/organisaties/${seg}`], ['GET', `/taakvelden/${seg}`], ['GET', `/verbanden/${seg}`], ['GET', `/trajecten/${seg}`],
      ['POST', `/verbanden/${seg}/leden`], ['POST', `/verbanden/${seg}/trajecten`],
      ['POST', `/verbanden/dsz/leden/${seg}/uittreding`], ['POST', `/verbanden/${seg}/leden/${seg}/uittreding`],
      ['GET', `/matrix?organisatie=${seg}&datum=${seg}`], ['GET', `/matrix?organisatie=GM0148&datum=${seg}`],
      ['GET', `/trajecten?organisatie=${seg}`], ['GET', `/trajecten?verband=${seg}&taakveld=${seg}`],
      ['GET', `/netwerk?datum=${seg}`], ['GET', `/netwerk?taakveld=${seg}`],
    ]) {
      const body = method === 'POST' ? JSON.stringify(mutated(pick(Object.keys(TEMPLATES)))) : null;
      jobs.push(async () => check(await srv.api(method, '/api/v1' + path, body), `${method} ${path.slice(0, 200)}`));
    }
  }
  await pool(jobs, 6);
  assert.ok(seen[404] > 0 && seen[400] > 0 && seen[422] > 0, JSON.stringify(seen));
});

test('after the storm the register is intact and still served', async () => {
  const st = await srv.api('GET', '/api/v1/status');
  assert.equal(st.status, 200);
  const v = await srv.api('GET', '/api/v1/verbanden/dsz');
  assert.equal(v.status, 200);
  assert.equal(v.json.naam, 'DSZ');
  for (const path of ['/organisaties', '/taakvelden', '/verbanden', '/trajecten', '/netwerk?datum=2013-06-01'])
    check(await srv.api('GET', '/api/v1' + path), path);
  // Every organisation created from random input reads back exactly as listed.
  const orgs = (await srv.api('GET', '/api/v1/organisaties')).json;
  for (const o of orgs.slice(0, 40)) {
    const one = await srv.api('GET', '/api/v1/organisaties/' + encodeURIComponent(o.code));
    assert.equal(one.status, 200, o.code);
    assert.equal(one.json.naam, o.naam);
  }
  assert.doesNotMatch(srv.stderr, /SQL-fout|databasefout/, 'no input reached the database as an error');
});

test('parallel writers: a race on one code gives one 201 and the rest 409; parallel joins and trajecten all land', async () => {
  const post = (p, b) => srv.api('POST', '/api/v1' + p, b);
  const race = await Promise.all(Array.from({ length: 24 }, (_, i) => post('/verbanden', { code: 'race', naam: `Race ${i}`,
    leden: [{ organisatie: 'GM0148', van: '2010-01-01' }, { organisatie: 'GM0180', van: '2010-01-01' }] })));
  const statuses = race.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
  assert.equal(statuses.filter((s) => s === 409).length, 23, JSON.stringify(statuses));
  const v = await srv.api('GET', '/api/v1/verbanden/race');
  assert.equal(v.json.leden.length, 2, 'the losers wrote no members');

  // Not gemeenten: a gemeente's code must be in the CBS list (GM7000 is not).
  const orgs = Array.from({ length: 30 }, (_, i) => `X7${String(i).padStart(3, '0')}`);
  const made = await Promise.all(orgs.map((code) => post('/organisaties', { code, naam: code, soort: 'overig' })));
  assert.deepEqual([...new Set(made.map((r) => r.status))], [201]);
  const joins = await Promise.all(orgs.map((organisatie) => post('/verbanden/race/leden', { organisatie, van: '2011-01-01' })));
  assert.deepEqual([...new Set(joins.map((r) => r.status))], [201]);
  const tr = await Promise.all(orgs.map((o) => post('/verbanden/race/trajecten', { taakveld: 'ict', fase: 'verkenning',
    vorm: 'netwerk', intensiteit: 'informatie', start: '2012-01-01', deelnemers: ['GM0148', o] })));
  assert.deepEqual([...new Set(tr.map((r) => r.status))], [201]);
  assert.equal(new Set(tr.map((r) => r.json.id)).size, orgs.length, 'each traject its own id');
  const m = await srv.api('GET', '/api/v1/matrix?organisatie=GM0148&datum=2012-06-01');
  const partners = m.json.find((x) => x.taakveld === 'ict').partners;
  assert.deepEqual(partners.filter((c) => c.startsWith('X7')), orgs);
});
