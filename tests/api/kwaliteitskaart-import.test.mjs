// Import and export of the kwaliteitskaart (docs/kwaliteitskaart.md): the
// sheet as Dutch Excel saves it (semicolons, CRLF, a byte-order mark or
// Windows-1252, quoted fields), all or nothing with every error per line
// and column, creating or updating medewerkers by organisation and name;
// export as CSV (round trip) and XLSX; the same through `samen
// kwaliteitskaart import`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResponse } from '../lib/contract.mjs';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';
import { createUser, tokenFor, samen } from './auth-helpers.mjs';

let srv;
const tokens = {};
const api = (method, path, body, { who, type } = {}) =>
  srv.api(method, '/api/v1' + path, body, {
    ...(who === undefined ? {} : { token: who === null ? null : tokens[who] }),
    headers: type ? { 'Content-Type': type } : {},
  });
const importCsv = (org, text, opts = {}) => api('POST', `/kwaliteitskaart/import?organisatie=${org}`, text, { type: 'text/csv', ...opts });
const map = async (org, who) => {
  const r = await api('GET', `/kwaliteitskaart?organisatie=${org}`, null, { who });
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const levelsOf = (m, naam) => m.medewerkers.find((x) => x.naam === naam)?.niveaus;

before(async () => {
  srv = await startServer();
  for (const o of [{ code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente' }, { code: 'GM0590', naam: 'Papendrecht', soort: 'gemeente' }])
    assert.equal((await api('POST', '/organisaties', o)).status, 201);
  assert.equal((await api('POST', '/verbanden', { code: 'drechtsteden', naam: 'Drechtsteden', doelen: ['kwaliteit'],
    leden: [{ organisatie: 'GM0505', rol: 'lid', van: '2011-05-01' }, { organisatie: 'GM0590', rol: 'lid', van: '2011-05-01' }] })).status, 201);
  for (const [code, naam] of [['gba', 'GBA'], ['naturalisatie', 'Naturalisatie'], ['kcc', 'KCC']])
    assert.equal((await api('POST', '/competenties', { code, naam, verband: 'drechtsteden' })).status, 201);
  assert.equal((await api('POST', '/competenties', { code: 'applicatiebeheer', naam: 'Applicatiebeheer' })).status, 201);
  for (const [naam, rol, organisatie] of [['manager-dordrecht', 'manager', 'GM0505'], ['manager-papendrecht', 'manager', 'GM0590'],
    ['medewerker-dordrecht', 'medewerker', 'GM0505'], ['raadslid-dordrecht', 'raadslid', 'GM0505']]) {
    await createUser(srv, { naam, rol, organisatie, wachtwoord: 'een-lang-wachtwoord-' + naam });
    tokens[naam] = (await tokenFor(srv, naam)).token;
  }
});
after(async () => { await srv.stop(); });

const GOOD = '\ufeffNaam;Functie;Uur per week;Beschikbaar;Pensioenjaar;GBA;Naturalisatie;KCC\r\n' +
  'Mohamed El Idrissi;specialist burgerzaken;36;8;2037;3;3;\r\n' +
  'Ria van der Linden;"senior medewerker; burgerzaken";36;4;2014;3;2;\r\n' +
  ';;;;;;;\r\n' +
  'Sanne Verhoeven;medewerker KCC;32;4;2043;1;;ervaren\r\n';

test('a sheet as Dutch Excel saves it is read: people created with their levels', async () => {
  const r = await importCsv('GM0505', GOOD, { who: 'manager-dordrecht' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { organisatie: 'GM0505', regels: 3, aangemaakt: ['Mohamed El Idrissi', 'Ria van der Linden', 'Sanne Verhoeven'],
    bijgewerkt: [], ongewijzigd: 0, niveaus: 6 });
  const m = await map('GM0505');
  assert.deepEqual(levelsOf(m, 'Mohamed El Idrissi'), { gba: 3, naturalisatie: 3 });
  assert.deepEqual(levelsOf(m, 'Sanne Verhoeven'), { gba: 1, kcc: 2 });
  const ria = m.medewerkers.find((x) => x.naam === 'Ria van der Linden');
  assert.deepEqual([ria.functie, ria.uurPerWeek, ria.beschikbaarUurPerWeek, ria.pensioenjaar], ['senior medewerker; burgerzaken', 36, 4, 2014]);
  // The same file again changes nothing.
  const again = await importCsv('GM0505', GOOD, { who: 'manager-dordrecht' });
  assert.deepEqual([again.json.aangemaakt, again.json.bijgewerkt, again.json.ongewijzigd, again.json.niveaus], [[], [], 3, 0]);
});

test('updating by (organisatie, naam): changed cells change, an empty level cell removes it, absent columns stay', async () => {
  const csv = 'naam,pensioenjaar,kcc,gba\nSanne Verhoeven,2044,3,\nRia van der Linden,2014,,3\n';
  const r = await importCsv('GM0505', csv, { who: 'manager-dordrecht' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.aangemaakt, r.json.bijgewerkt.sort(), r.json.ongewijzigd], [[], ['Sanne Verhoeven'], 1]);
  const m = await map('GM0505');
  assert.deepEqual(levelsOf(m, 'Sanne Verhoeven'), { kcc: 3 }, 'gba removed by its empty cell');
  assert.deepEqual(levelsOf(m, 'Ria van der Linden'), { gba: 3, naturalisatie: 2 }, 'naturalisatie was not in the file');
  const sanne = m.medewerkers.find((x) => x.naam === 'Sanne Verhoeven');
  assert.deepEqual([sanne.pensioenjaar, sanne.functie, sanne.uurPerWeek], [2044, 'medewerker KCC', 32]);
  // Same name in another organisation is another person.
  const p = await importCsv('GM0590', 'naam;uurPerWeek;gba\nSanne Verhoeven;24;2\n', { who: 'manager-papendrecht' });
  assert.deepEqual(p.json.aangemaakt, ['Sanne Verhoeven']);
});

test('Windows-1252 (Excel\'s plain CSV) and tabs are read too', async () => {
  const bytes = Buffer.concat([Buffer.from('naam\tfunctie\tuurPerWeek\tkcc\r\nJos'), Buffer.from([0xe9]), Buffer.from(' Ba'), Buffer.from([0xeb]),
    Buffer.from('z\tco'), Buffer.from([0xf6]), Buffer.from('rdinator\t36\t2\r\n')]);
  const r = await importCsv('GM0590', new Uint8Array(bytes), { who: 'manager-papendrecht' });
  assert.equal(r.status, 200, r.text);
  const m = await map('GM0590');
  const jose = m.medewerkers.find((x) => x.naam === 'José Baëz');
  assert.ok(jose, JSON.stringify(m.medewerkers.map((x) => x.naam)));
  assert.equal(jose.functie, 'coördinator');
});

// Each bad file: the status, the errors expected (regel, kolom, words), and nothing written.
const BAD = [
  ['a bad level', 'naam;uurPerWeek;gba;kcc\nA Eerste;36;3;2\nB Tweede;32;4;1\nC Derde;36;x;\n',
    [[3, 'gba', 'niveau moet 1, 2 of 3 zijn'], [4, 'gba', 'niveau moet 1, 2 of 3 zijn']]],
  ['an unknown competence column', 'naam;uurPerWeek;gba;woz-taxatie\nA Eerste;36;3;2\n',
    [[1, 'woz-taxatie', 'geen bekende competentie']]],
  ['a person twice', 'naam;uurPerWeek;gba\nA Eerste;36;3\nB Tweede;36;2\nA Eerste;36;1\n',
    [[4, 'naam', 'staat ook op regel 2']]],
  ['a row with another separator', 'naam;functie;uurPerWeek;gba\nA Eerste;adviseur;36;3\nB Tweede,adviseur,32,2\n',
    [[3, null, 'komma']]],
  ['no separator at all', 'naam|uurPerWeek|gba\nA Eerste|36|3\n', [[1, null, 'scheidingsteken']]],
  ['an empty file', '', [[0, null, 'leeg']]],
  ['only a byte-order mark and blank lines', '\ufeff\r\n\r\n', [[0, null, 'leeg']]],
  ['only a header', '\ufeffnaam;uurPerWeek;gba\r\n', [[0, null, 'alleen een kopregel']]],
  ['a new person without hours', 'naam;gba\nNieuw Persoon;2\n', [[2, 'uurPerWeek', 'nieuwe medewerker']]],
  ['hours out of range and beschikbaar above them', 'naam;uurPerWeek;beschikbaarUurPerWeek;pensioenjaar\nA Eerste;61;0;2040\nB Tweede;20;24;1900\n',
    [[2, 'uurPerWeek', 'tot en met 60'], [3, 'pensioenjaar', '1950'], [3, 'beschikbaarUurPerWeek', 'meer dan']]],
  ['an unclosed quote', 'naam;functie;uurPerWeek\nA Eerste;"adviseur;36\n', [[2, null, 'aanhalingsteken']]],
];

test('bad files: 422 with every error by line and column, and nothing is written', async () => {
  const before = JSON.stringify(await map('GM0505'));
  // One good row first in most files: all or nothing means it is not written either.
  for (const [what, csv, want] of BAD) {
    const r = await importCsv('GM0505', csv, { who: 'manager-dordrecht' });
    const p = assertProblem(r, 422, undefined, what);
    assert.ok(Array.isArray(p.fouten), what);
    assert.equal(p.fouten.length, want.length, `${what}: ${JSON.stringify(p.fouten)}`);
    want.forEach(([regel, kolom, words], i) => {
      const f = p.fouten[i];
      assert.equal(f.regel, regel, `${what}: ${JSON.stringify(f)}`);
      assert.equal(f.kolom, kolom, `${what}: ${JSON.stringify(f)}`);
      assert.ok(f.melding.includes(words) && f.reden.includes(words), `${what}: ${f.melding}`);
      if (regel && kolom) assert.ok(f.melding.startsWith(`regel ${regel}, kolom '${kolom}': `), f.melding);
    });
    assert.ok(p['invalid-params'].length === Math.min(want.length, 16), what);
    assert.equal(JSON.stringify(await map('GM0505')), before, `${what}: nothing changed`);
  }
  // The example from the brief, word for word.
  const r = await importCsv('GM0505', 'naam;functie;uurPerWeek;beschikbaarUurPerWeek;pensioenjaar;gba\n' +
    'A;x;36;0;2040;2\nB;x;36;0;2040;2\nC;x;36;0;2040;2\nD;x;36;0;2040;2\nE;x;36;0;2040;2\nF;x;36;0;2040;7\n', { who: 'manager-dordrecht' });
  assert.match(r.json.fouten[0].melding, /^regel 7, kolom 'gba': niveau moet 1, 2 of 3 zijn/);
});

test('import: who may, and what the request must look like', async () => {
  assertProblem(await importCsv('GM0505', GOOD, { who: 'manager-papendrecht' }), 403);
  assertProblem(await importCsv('GM0505', GOOD, { who: 'medewerker-dordrecht' }), 403);
  assertProblem(await importCsv('GM0505', GOOD, { who: 'raadslid-dordrecht' }), 403);
  assertProblem(await importCsv('GM0505', GOOD, { who: null }), 401);
  assertProblem(await api('POST', '/kwaliteitskaart/import?organisatie=GM0505', { naam: 'x' }), 415);
  assertProblem(await api('POST', '/kwaliteitskaart/import', GOOD, { type: 'text/csv' }), 400);
  assertProblem(await importCsv('GM9999', GOOD), 422, 'organisatie');
  // A browser upload (multipart/form-data) through the API works too.
  const form = new FormData();
  form.append('bestand', new Blob(['naam;uurPerWeek;kcc\nUpload Persoon;20;2\n'], { type: 'text/csv' }), 'kaart.csv');
  const res = await fetch(`${srv.url}/api/v1/kwaliteitskaart/import?organisatie=GM0590`, {
    method: 'POST', body: form, headers: { Authorization: `Bearer ${tokens['manager-papendrecht']}` },
  });
  await checkResponse(srv.url, 'POST', '/api/v1/kwaliteitskaart/import?organisatie=GM0590',
    { status: res.status, headers: res.headers, text: await res.clone().text() });
  assert.equal(res.status, 200, await res.clone().text());
  assert.deepEqual((await res.json()).aangemaakt, ['Upload Persoon']);
});

test('export: CSV as Excel opens it, which imports again unchanged', async () => {
  const r = await api('GET', '/kwaliteitskaart?organisatie=GM0505&formaat=csv', null, { who: 'manager-dordrecht' });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /kwaliteitskaart-GM0505\.csv/);
  // A byte-order mark, so that Excel reads UTF-8 (fetch's text() drops it; look at the bytes).
  const csv = await fetch(`${srv.url}/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=csv`, {
    headers: { Authorization: `Bearer ${tokens['manager-dordrecht']}` } });
  const raw = Buffer.from(await csv.arrayBuffer());
  await checkResponse(srv.url, 'GET', '/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=csv',
    { status: csv.status, headers: csv.headers, text: raw.toString('utf8') });
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(r.text.startsWith('naam;functie;uurPerWeek;beschikbaarUurPerWeek;pensioenjaar;email;'), r.text.slice(0, 120));
  assert.ok(r.text.includes('\r\n'));
  assert.ok(r.text.includes('"senior medewerker; burgerzaken"'));
  const back = await importCsv('GM0505', r.text, { who: 'manager-dordrecht' });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual([back.json.aangemaakt, back.json.bijgewerkt, back.json.niveaus], [[], [], 0]);
  assertProblem(await api('GET', '/kwaliteitskaart?organisatie=GM0505&formaat=pdf'), 400, 'formaat');
  assertProblem(await api('GET', '/kwaliteitskaart'), 400, 'organisatie');
  assertProblem(await api('GET', '/kwaliteitskaart?organisatie=GM0505', null, { who: null }), 401);
});

// The entries of a zip archive (an .xlsx is one), read with node's zlib.
function unzip(buf) {
  const files = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'zip end record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

test('export: XLSX workbook with the map, the vulnerability and an explanation', async () => {
  const res = await fetch(`${srv.url}/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=xlsx`, {
    headers: { Authorization: `Bearer ${tokens['manager-dordrecht']}` },
  });
  const xlsx = Buffer.from(await res.arrayBuffer());
  await checkResponse(srv.url, 'GET', '/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=xlsx',
    { status: res.status, headers: res.headers, bytes: xlsx });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const files = unzip(xlsx);
  assert.match(files['xl/workbook.xml'], /name="Kwaliteitskaart".*name="Kwetsbaarheid".*name="Toelichting"/s);
  const strings = files['xl/sharedStrings.xml'];
  for (const s of ['Mohamed El Idrissi', 'senior medewerker; burgerzaken', '<t>pensioenjaar</t>', '<t>gba</t>', 'één-pitter'])
    assert.ok(strings.includes(s), s);
  // Another organisation's manager gets no personal columns.
  const other = await fetch(`${srv.url}/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=xlsx`, {
    headers: { Authorization: `Bearer ${tokens['manager-papendrecht']}` },
  });
  const otherBytes = Buffer.from(await other.arrayBuffer());
  await checkResponse(srv.url, 'GET', '/api/v1/kwaliteitskaart?organisatie=GM0505&formaat=xlsx',
    { status: other.status, headers: other.headers, bytes: otherBytes });
  const os = unzip(otherBytes)['xl/sharedStrings.xml'];
  assert.ok(os.includes('Mohamed El Idrissi') && !os.includes('<t>pensioenjaar</t>') && !os.includes('<t>uurPerWeek</t>'));
});

test('samen kwaliteitskaart import: errors as FILE:LINE, exit 1 and nothing written; then success', () => {
  const bad = join(srv.dir, 'kaart-fout.csv');
  writeFileSync(bad, 'naam;uurPerWeek;gba\nCli Persoon;36;9\nCli Tweede;36;2\n');
  let r = samen(['kwaliteitskaart', 'import', '--db', srv.db, '--organisatie', 'GM0590', bad]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: kolom 'gba': niveau moet 1, 2 of 3 zijn`));
  assert.match(r.stderr, /niets ingelezen/);
  const good = join(srv.dir, 'kaart.csv');
  writeFileSync(good, 'naam;uurPerWeek;gba\nCli Persoon;36;3\nCli Tweede;36;2\n');
  r = samen(['kwaliteitskaart', 'import', '--db', srv.db, '--organisatie', 'GM0590', good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2 aangemaakt/);
  r = samen(['kwaliteitskaart', 'export', '--db', srv.db, '--organisatie', 'GM0590']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Cli Persoon;;36;\d*;;;[^\r]*3/);
  r = samen(['kwaliteitskaart', 'import', '--db', srv.db, good]);
  assert.equal(r.status, 2);
  r = samen(['kwaliteitskaart', 'opruimen', '--db', srv.db, '--organisatie', 'GM0590']);
  assert.equal(r.status, 2);
});

test('after the CLI import the server sees the new people', async () => {
  const m = await map('GM0590');
  assert.deepEqual(levelsOf(m, 'Cli Persoon'), { gba: 3 });
});
