// The samen command line: help, wrong use, import/export of the register
// document (docs/registerformaat.md) and the demo.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, openSync, closeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, newDb } from '../lib/server.mjs';
import { checkResponse } from '../lib/contract.mjs';

const DEMO = new URL('../../demo/register.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'samen-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let nfiles = 0;
function tmp(name) { return join(dir, `${nfiles++}-${name}`); }
// A new database of the engine under test (a file name in dir for SQLite).
// On PostgreSQL a copy of the migrated template (tests/run.sh) when there is
// one: these tests are about import and export, not about migrating.
const MIGRATED = process.env.SAMEN_TEST_PG_EMPTY || null;
function tmpDb(name, { template = MIGRATED } = {}) { return newDb(dir, `${nfiles++}-${name}`, { template }); }

const SANITIZER = /ERROR: AddressSanitizer|runtime error:|LeakSanitizer/;

// Runs samen to completion; a sanitizer report fails the test whatever the exit code.
function samen(args, { input } = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024, timeout: 60000 });
  if (r.error) throw r.error;
  assert.doesNotMatch(r.stderr, SANITIZER, `samen ${args.join(' ')}:\n${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Exit 2 with a Dutch "samen: …" message on stderr and nothing on stdout.
function assertWrongUse(r, pattern) {
  assert.equal(r.code, 2, `exit code 2 expected:\n${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^samen: /);
  assert.match(r.stderr, pattern);
}

function exportDoc(db) {
  const r = samen(['export', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return { text: r.stdout, doc: JSON.parse(r.stdout) };
}

// Compares register documents as sets: arrays sorted, keys sorted, and a
// missing optional field the same as null.
function canon(x) {
  if (Array.isArray(x)) return x.map(canon).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (x && typeof x === 'object') {
    const o = {};
    for (const k of Object.keys(x).sort()) if (x[k] !== null) o[k] = canon(x[k]);
    return o;
  }
  return x;
}

function assertEmptyRegister(db) {
  const { doc } = exportDoc(db);
  assert.equal(doc.formaat, 'samen-register');
  assert.deepEqual(doc.organisaties, []);
  assert.deepEqual(doc.taakvelden, []);
  assert.deepEqual(doc.verbanden, []);
}

const demoText = readFileSync(DEMO, 'utf8');
const demo = JSON.parse(demoText);

// ---- help and wrong use ------------------------------------------------

test('samen help exits 0 and lists every command', () => {
  for (const args of [['help'], ['--help'], ['-h']]) {
    const r = samen(args);
    assert.equal(r.code, 0);
    for (const cmd of ['serve', 'demo', 'export', 'import', 'help', 'versie'])
      assert.match(r.stdout, new RegExp(`^  ${cmd}\\b`, 'm'), `'${cmd}' missing from help`);
    assert.match(r.stdout, /Gebruik: samen <opdracht>/);
    assert.match(r.stdout, /Afsluitcodes: 0 gelukt, 1 mislukt/);
  }
});

test('samen without a command shows the help on stderr and exits 2', () => {
  const r = samen([]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Gebruik: samen <opdracht>/);
});

test('--help after a command shows the help and exits 0', () => {
  const r = samen(['import', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /import --db BESTAND DOCUMENT\.json/);
});

test('samen versie prints the version', () => {
  const r = samen(['versie']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^samen \S+\n$/);
});

test('an unknown command exits 2 with a Dutch message', () => {
  assertWrongUse(samen(['frobnicate']), /onbekende opdracht 'frobnicate'\. Zie 'samen help'\./);
  assertWrongUse(samen(['Export', '--db', tmp('x.db')]), /onbekende opdracht 'Export'/);
});

test('an unknown option exits 2 with a Dutch message, with or without a value', () => {
  const db = tmp('opt.db');
  assertWrongUse(samen(['export', '--db', db, '--frob']), /onbekende optie '--frob'\. Zie 'samen help'\./);
  assertWrongUse(samen(['export', '--frob', 'x', '--db', db]), /onbekende optie '--frob'/);
  assertWrongUse(samen(['export', '--frob=1', '--db', db]), /onbekende optie '--frob'/);
  assertWrongUse(samen(['import', '-x', '--db', db]), /onbekende optie '-x'/);
});

test('an option without its value, or with a bad one, exits 2', () => {
  assertWrongUse(samen(['export', '--db']), /--db verwacht een waarde/);
  assertWrongUse(samen(['serve', '--db', tmp('p.db'), '--port', 'tachtig']), /--port moet een getal van 0 tot 65535 zijn, niet 'tachtig'/);
  assertWrongUse(samen(['serve', '--db', tmp('p.db'), '--port', '70000']), /--port moet een getal/);
  assertWrongUse(samen(['serve', '--db', tmp('p.db'), '--threads', '0']), /--threads moet een getal van 1 tot 256 zijn/);
  assertWrongUse(samen(['serve', '--db', tmp('p.db'), '--cert', 'c.pem']), /--cert vraagt ook --key/);
});

test('a missing --db exits 2 for every command that needs one', () => {
  for (const args of [['export'], ['import', DEMO], ['serve', '--port', '0'], ['demo', '--port', '0']])
    assertWrongUse(samen(args), /--db BESTAND is verplicht/);
  assertWrongUse(samen(['export', '--db=']), /--db verwacht een bestandsnaam/);
});

test('import without a document, or with two, exits 2', () => {
  assertWrongUse(samen(['import', '--db', tmp('n.db')]), /geef het document op: samen import --db BESTAND DOCUMENT\.json/);
  assertWrongUse(samen(['import', '--db', tmp('n.db'), DEMO, DEMO]), /één bestand verwacht/);
});

test('export does not take a document', () => {
  assertWrongUse(samen(['export', '--db', tmp('e.db'), 'uit.json']), /onverwacht argument 'uit\.json'/);
});

// ---- import and export -------------------------------------------------

test('import then export gives the imported document back', () => {
  const db = tmpDb('demo.db');
  const r = samen(['import', '--db', db, DEMO]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /ingelezen/);
  const { doc } = exportDoc(db);
  assert.equal(doc.formaat, 'samen-register');
  assert.equal(doc.versie, 1);
  assert.equal(doc.organisaties.length, demo.organisaties.length);
  assert.equal(doc.verbanden.length, demo.verbanden.length);
  assert.ok(doc.organisaties.length >= 20 && doc.verbanden.length >= 5, 'the demo network is not trivial');
  assert.deepEqual(canon(doc), canon(demo));
});

test('export, import into a fresh database, export again: byte-identical', () => {
  const a = tmpDb('a.db'), b = tmpDb('b.db'), c = tmpDb('c.db');
  assert.equal(samen(['import', '--db', a, DEMO]).code, 0);
  const first = exportDoc(a).text;
  const file = tmp('export1.json');
  writeFileSync(file, first);
  assert.equal(samen(['import', '--db', b, file]).code, 0);
  const second = exportDoc(b).text;
  assert.equal(second, first);
  // and once more, through stdin and the --db=FILE spelling
  const r = samen(['import', `--db=${c}`, '-'], { input: second });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(exportDoc(c).text, first);
});

test('an export that cannot be written completely exits 1', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
  const db = tmpDb('vol.db');
  assert.equal(samen(['import', '--db', db, DEMO]).code, 0);
  const fd = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(BIN, ['export', '--db', db], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^samen: export niet volledig geschreven: de schijf is vol/);
    assert.doesNotMatch(r.stderr, SANITIZER);
  } finally {
    closeSync(fd);
  }
});

test('export of a new database is an empty register document', () => {
  assertEmptyRegister(tmpDb('leeg.db'));
});

// Replaces the last deelnemer of the n-th "deelnemers" line of the demo
// text by an unknown organisation; returns the text, the 1-based line and
// the path the error must name.
function badDeelnemer(n) {
  const lines = demoText.split('\n');
  const idx = lines.map((l, i) => (/"deelnemers": \[/.test(l) ? i : -1)).filter((i) => i >= 0);
  assert.ok(idx.length > n, 'demo has enough trajecten with deelnemers');
  const li = idx[n];
  const before = lines[li];
  lines[li] = lines[li].replace(/"GM\d{4}"(\s*\])/, '"GM9999"$1');
  assert.notEqual(lines[li], before, 'the deelnemers are on one line in the demo');
  const text = lines.join('\n');
  const doc = JSON.parse(text);
  for (const [i, v] of doc.verbanden.entries())
    for (const [j, t] of (v.trajecten || []).entries())
      for (const [k, d] of (t.deelnemers || []).entries())
        if (d === 'GM9999') return { text, line: li + 1, path: `verbanden[${i}].trajecten[${j}].deelnemers[${k}]` };
  throw new Error('GM9999 not found');
}

test('a bad deelnemer deep in the document: file:line: path: reason, exit 1, nothing imported', () => {
  for (const n of [0, 12, 30]) {
    const { text, line, path } = badDeelnemer(n);
    const file = tmp('fout.json');
    writeFileSync(file, text);
    const db = tmpDb('fout.db');
    const r = samen(['import', '--db', db, file]);
    assert.equal(r.code, 1, r.stderr);
    const first = r.stderr.split('\n')[0];
    assert.equal(first.slice(0, `${file}:${line}: ${path}: `.length), `${file}:${line}: ${path}: `, r.stderr);
    assert.match(first, /GM9999/);
    assert.match(first, /bestaat niet/);
    assert.match(r.stderr, /niets ingelezen/);
    // All or nothing: the organisations before it are not there either.
    assertEmptyRegister(db);
  }
});

test('the line number holds when every value has its own line', () => {
  const doc = structuredClone(demo);
  const i = doc.verbanden.findLastIndex((v) => !v.geenCherryPicking && v.trajecten.length > 1);
  const j = doc.verbanden[i].trajecten.length - 1;
  const k = doc.verbanden[i].trajecten[j].deelnemers.length - 1;
  doc.verbanden[i].trajecten[j].deelnemers[k] = 'GM9999';
  const text = JSON.stringify(doc, null, 2);
  const line = text.split('\n').findIndex((l) => l.includes('"GM9999"')) + 1;
  const file = tmp('fout2.json');
  writeFileSync(file, text);
  const db = tmpDb('fout2.db');
  const r = samen(['import', '--db', db, file]);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.startsWith(`${file}:${line}: verbanden[${i}].trajecten[${j}].deelnemers[${k}]: `), r.stderr);
  assertEmptyRegister(db);
});

test('field errors at every depth name their path and the line of the bad value', () => {
  const cases = [
    ['organisaties[5].soort', (d) => { d.organisaties[5].soort = 'stad'; }, '"stad"'],
    ['taakvelden[3].code', (d) => { d.taakvelden[3].code = 'ICT'; }, '"ICT"'],
    ['verbanden[1].doelen[3]', (d) => { d.verbanden[1].doelen[3] = 'geld'; }, '"geld"'],
    ['verbanden[2].leden[1].van', (d) => { d.verbanden[2].leden[1].van = '2013-02-29'; }, '"2013-02-29"'],
    ['verbanden[3].leden[0].rol', (d) => { d.verbanden[3].leden[0].rol = 'baas'; }, '"baas"'],
    ['verbanden[4].trajecten[0].fase', (d) => { d.verbanden[4].trajecten[0].fase = 'klaar'; }, '"klaar"'],
  ];
  for (const [path, mutate, marker] of cases) {
    const doc = structuredClone(demo);
    mutate(doc);
    const text = JSON.stringify(doc, null, 2);
    const lines = text.split('\n').map((l, i) => (l.includes(marker) ? i + 1 : 0)).filter(Boolean);
    assert.equal(lines.length, 1, `${marker} occurs once`);
    const file = tmp('veld.json');
    writeFileSync(file, text);
    const db = tmpDb('veld.db');
    const r = samen(['import', '--db', db, file]);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stderr.startsWith(`${file}:${lines[0]}: ${path}: `), `${path}:\n${r.stderr}`);
    assertEmptyRegister(db);
  }
});

test('a failed import leaves an existing register as it was', () => {
  const db = tmpDb('bestaand.db');
  assert.equal(samen(['import', '--db', db, DEMO]).code, 0);
  const before = exportDoc(db).text;
  const file = tmp('erbij.json');
  writeFileSync(file, JSON.stringify({
    formaat: 'samen-register', versie: 1,
    organisaties: [{ code: 'GM0014', naam: 'Nieuwegemeente', soort: 'gemeente', inwoners: 1000 }],
    taakvelden: [{ code: 'nieuw-veld', naam: 'Nieuw', soort: 'beleid' }],
    verbanden: [{
      code: 'nieuw', naam: 'Nieuw verband', doelen: ['kosten'], geenCherryPicking: false,
      leden: [{ organisatie: 'GM0014', rol: 'lid', van: '2012-01-01', tot: null }],
      trajecten: [{ taakveld: 'nieuw-veld', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'informatie',
        deelnemers: ['GM0014', 'GM0148'], start: '2012-01-01' }],
    }],
  }, null, 2));
  const r = samen(['import', '--db', db, file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /verbanden\[0\]\.trajecten\[0\]\.deelnemers\[1\]: /);
  assert.equal(exportDoc(db).text, before);
});

test('invalid JSON is reported as file:line:column, exit 1, nothing imported', () => {
  const text = [
    '{',
    '  "formaat": "samen-register",',
    '  "versie": 1,',
    '  "organisaties": [',
    '    {"code": "GM0148", "naam": "Dalfsen", "soort": "gemeente"},',
    '    {"code": "GM0180", "naam": "Staphorst" "soort": "gemeente"}',
    '  ]',
    '}',
  ].join('\n');
  const file = tmp('kapot.json');
  writeFileSync(file, text);
  const db = tmpDb('kapot.db');
  const r = samen(['import', '--db', db, file]);
  assert.equal(r.code, 1);
  const m = r.stderr.match(/^(.*):(\d+):(\d+): ongeldige JSON/);
  assert.ok(m, r.stderr);
  assert.equal(m[1], file);
  assert.equal(Number(m[2]), 6);
  // the column points at the unexpected "soort", not somewhere else on the line
  const col = Number(m[3]), at = text.split('\n')[5].indexOf('"soort"') + 1;
  assert.ok(col >= at && col <= at + '"soort"'.length, `column ${col}, "soort" starts at ${at}`);
  assertEmptyRegister(db);
});

test('a duplicate key in one object is invalid JSON with its line', () => {
  const file = tmp('dubbelekey.json');
  writeFileSync(file, '{\n"formaat": "samen-register",\n"versie": 1,\n"versie": 1\n}\n');
  const r = samen(['import', '--db', tmpDb('dk.db'), file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: ongeldige JSON`));
});

test('a missing or unreadable file exits 1 with a Dutch reason', () => {
  const db = tmpDb('mis.db');
  let r = samen(['import', '--db', db, join(dir, 'bestaat-niet.json')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^samen: kan '.*bestaat-niet\.json' niet lezen: het bestand bestaat niet\n/);
  const sub = tmp('map');
  mkdirSync(sub);
  r = samen(['import', '--db', db, sub]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /niet lezen: dat is een map, geen bestand/);
  const empty = tmp('leeg.json');
  writeFileSync(empty, '');
  r = samen(['import', '--db', db, empty]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /:1:\d+: ongeldige JSON/);
});

test('a duplicate organisation code is reported with the line of the second one', () => {
  const text = [
    '{',
    '  "formaat": "samen-register",',
    '  "versie": 1,',
    '  "organisaties": [',
    '    {"code": "GM0148", "naam": "Dalfsen", "soort": "gemeente"},',
    '    {"code": "GM0180", "naam": "Staphorst", "soort": "gemeente"},',
    '    {',
    '      "code": "GM0148",',
    '      "naam": "Dalfsen nogmaals",',
    '      "soort": "gemeente"',
    '    }',
    '  ]',
    '}',
  ].join('\n');
  const file = tmp('dubbel.json');
  writeFileSync(file, text);
  const db = tmpDb('dubbel.db');
  const r = samen(['import', '--db', db, file]);
  assert.equal(r.code, 1);
  const first = r.stderr.split('\n')[0];
  assert.match(first, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(7|8): organisaties\\[2\\]`));
  assert.match(first, /GM0148/);
  assert.match(first, /bestaat al/);
  assertEmptyRegister(db);
});

test('a document of another format or version is refused, naming the field', () => {
  const file = tmp('ander.json');
  writeFileSync(file, '{\n  "formaat": "iets-anders",\n  "versie": 1\n}\n');
  let r = samen(['import', '--db', tmpDb('f.db'), file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /:2: formaat: moet "samen-register" zijn/);
  writeFileSync(file, '{\n  "formaat": "samen-register",\n  "versie": 2\n}\n');
  r = samen(['import', '--db', tmpDb('f.db'), file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /:3: versie: /);
  writeFileSync(file, '[1, 2]\n');
  r = samen(['import', '--db', tmpDb('f.db'), file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /JSON-object/);
});

// ---- demo --------------------------------------------------------------

test('samen demo --port 0 prints its URL, serves the demo network and stops cleanly on SIGTERM', async () => {
  // On PostgreSQL over a copy of tests/run.sh's demo template when there is
  // one: samen demo replaces its own demo (the empty database was the template's).
  const db = tmpDb('demo-run.db', { template: process.env.SAMEN_TEST_PG_DEMO || null });
  const child = spawn(BIN, ['demo', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    // Loading the demo takes a round trip per statement on PostgreSQL: under load, long.
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL within 120 s\n${stderr}`)); }, 120000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    exited.then((e) => { clearTimeout(timer); reject(new Error(`demo exited early ${JSON.stringify(e)}\n${stderr}`)); });
  });
  try {
    assert.notEqual(url, 'http://127.0.0.1:0');
    const res = await fetch(`${url}/api/v1/organisaties/GM0148`);
    const text = await res.text();
    await checkResponse(url, 'GET', '/api/v1/organisaties/GM0148', { status: res.status, headers: res.headers, text });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(text).naam, 'Dalfsen');
  } finally {
    child.kill('SIGTERM');
  }
  const e = await exited;
  assert.deepEqual(e, { code: 0, signal: null }, stderr);
  assert.doesNotMatch(stderr, SANITIZER);
  assert.match(stderr, /demonetwerk geladen/);
});

test('samen demo refuses to replace a file that is not its own demo database, and leaves it alone', () => {
  const db = tmp('echte-gegevens.db');
  writeFileSync(db, 'geen demodatabase');
  const r = samen(['demo', '--db', db, '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /geen demodatabase/);
  assert.equal(readFileSync(db, 'utf8'), 'geen demodatabase');
  // A real samen database that was not made by demo is refused too.
  const real = tmp('echt.db');
  assert.equal(samen(['import', '--db', real, 'demo/register.json']).code, 0);
  const before = readFileSync(real);
  const r2 = samen(['demo', '--db', real, '--port', '0']);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /geen demodatabase/);
  assert.deepEqual(readFileSync(real), before);
});
