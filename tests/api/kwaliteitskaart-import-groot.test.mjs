// samen kwaliteitskaart import of a large organisation (issue 12): the
// organisation's people are looked up by name once for the whole sheet and
// a name twice in the sheet is found without comparing every pair. Still all
// or nothing: a bad cell in the middle of 3 000 rows and a name that comes
// back near the end are both named, and nothing is written; the right sheet
// creates everyone, and reading it again changes nothing but what changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { samen } from './auth-helpers.mjs';

let srv;
const ORG = 'GM0599';
const api = (method, path, body) => srv.api(method, '/api/v1' + path, body);

before(async () => {
  srv = await startServer();
  assert.equal((await api('POST', '/organisaties', { code: ORG, naam: 'Rotterdam', soort: 'gemeente' })).status, 201);
  for (const code of ['gba', 'kcc', 'wmo'])
    assert.equal((await api('POST', '/competenties', { code, naam: code.toUpperCase() })).status, 201);
});
after(async () => { await srv.stop(); });

function sheet(rows, change = () => {}) {
  const out = ['Naam;Functie;Uur per week;Beschikbaar;Pensioenjaar;gba;kcc;wmo'];
  for (let i = 1; i <= rows; i++) {
    const cells = [`Medewerker ${i}`, 'beleidsadviseur', 36, 4, 2030 + (i % 20), 1 + (i % 3), i % 2 ? '' : 2, ''];
    change(i, cells);
    out.push(cells.join(';'));
  }
  const path = join(srv.dir, `kaart-${rows}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, out.join('\r\n') + '\r\n');
  return path;
}
const load = (path) => samen(['kwaliteitskaart', 'import', '--db', srv.db, '--organisatie', ORG, path]);
const people = async () => {
  const r = await api('GET', `/kwaliteitskaart?organisatie=${ORG}`);
  assert.equal(r.status, 200, r.text);
  return r.json.medewerkers;
};

test('3 000 rows with a bad level at row 1 500 and a name again at row 2 999: both named, nothing written', async () => {
  const r = load(sheet(3000, (i, c) => {
    if (i === 1500) c[5] = 9;
    if (i === 2999) c[0] = 'Medewerker 12';
  }));
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /:1501: kolom 'gba': niveau moet 1, 2 of 3 zijn/);
  assert.match(r.stderr, /:3000: kolom 'naam': 'Medewerker 12' staat ook op regel 13; één regel per medewerker/);
  assert.match(r.stderr, /niets ingelezen/);
  assert.equal((await people()).length, 0, 'all or nothing');
});

test('the right sheet creates all 3 000 with their levels; again, only the changed row changes', async () => {
  let r = load(sheet(3000));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /3000 aangemaakt, 0 bijgewerkt, 0 ongewijzigd \(3000 regels, 4500 niveaus gewijzigd\)/);
  const all = await people();
  assert.equal(all.length, 3000);
  assert.deepEqual(all.find((m) => m.naam === 'Medewerker 2').niveaus, { gba: 3, kcc: 2 });
  assert.deepEqual(all.find((m) => m.naam === 'Medewerker 3').niveaus, { gba: 1 });
  r = load(sheet(3000, (i, c) => { if (i === 2000) c[6] = ''; }));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /0 aangemaakt, 1 bijgewerkt, 2999 ongewijzigd \(3000 regels, 1 niveaus gewijzigd\)/);
  assert.deepEqual((await people()).find((m) => m.naam === 'Medewerker 2000').niveaus, { gba: 3 });
});
