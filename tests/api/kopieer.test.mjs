// samen kopieer: a whole instance from one database into an empty other,
// all or nothing, checked before it commits. The demo makes the round
// trip — on PostgreSQL: PostgreSQL → SQLite → PostgreSQL; on SQLite: from
// file to file — and comes back the same: the register, the journal and
// balances, the accounts and the audit log, and a server on the copy
// answers as the original did (the API token was copied with its hash).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ENGINE, startServer, newDb, dropDb, sqlDb } from '../lib/server.mjs';

let srv;
const made = [];
before(async () => { srv = await startServer({ demo: true }); });
after(async () => {
  await srv.stop();
  for (const db of made) dropDb(db);
});

function samen(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 180000 });
  assert.doesNotMatch(r.stderr, /ERROR: AddressSanitizer|runtime error:|LeakSanitizer|SQL-fout/, r.stderr);
  return r;
}
const fresh = (name) => {
  const db = newDb(srv.dir, name);
  made.push(db);
  return db;
};
const sqliteFile = (name) => join(srv.dir, name);

// What must survive a copy, read through samen itself.
function contents(db) {
  const out = {};
  const run = (key, args) => {
    const r = samen([...args, '--db', db]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    out[key] = r.stdout;
  };
  run('register', ['export']);
  run('audit', ['audit']);
  run('gebruikers', ['gebruiker', 'lijst', '--json']);
  for (const pt of PROEFTUINEN) {
    run(`journaal ${pt}`, ['proeftuin', 'journaal', '--proeftuin', pt]);
    run(`saldi ${pt}`, ['proeftuin', 'saldi', '--proeftuin', pt, '--json']);
  }
  run('verify', ['proeftuin', 'verify', '--json']);
  return out;
}
let PROEFTUINEN = [];

test('the demo goes there and back again unchanged, and a server on the copy answers as the original', async () => {
  PROEFTUINEN = (await srv.api('GET', '/api/v1/proeftuinen')).json.map((p) => p.code);
  assert.ok(PROEFTUINEN.length > 0, 'the demo has a proeftuin');
  const original = contents(srv.db);

  // Away to the other engine (or another file), while the server keeps running.
  const mid = sqliteFile('heen.db');
  let r = samen(['kopieer', '--van', srv.db, '--naar', mid]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /tabellen met \d+ rijen gekopieerd en rij voor rij nagelezen; het journaal van \d+ proeftuinen/);
  assert.match(r.stderr, /journaal_posten\s+\d+ rijen/);
  assert.deepEqual(contents(mid), original);

  // And back into a new database of the engine under test.
  const back = ENGINE === 'postgres' ? fresh('terug') : sqliteFile('terug.db');
  r = samen(['kopieer', '--van', mid, '--naar', back]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(contents(back), original);

  // A server on the copy: the same answers, and new ids follow the copied ones.
  const copy = await startServer({ db: back });
  try {
    for (const path of ['/api/v1/organisaties', `/api/v1/proeftuinen/${PROEFTUINEN[0]}/saldi`, '/api/v1/verbanden/dsz']) {
      const [x, y] = await Promise.all([srv.api('GET', path), copy.api('GET', path)]);
      assert.equal(y.status, 200, y.text);
      assert.equal(y.text, x.text, path);
    }
    const org = await copy.api('POST', '/api/v1/organisaties', { code: 'NIEUWDORP', naam: 'Nieuwdorp', soort: 'overig' });
    assert.equal(org.status, 201, org.text);
    const m = await copy.api('POST', '/api/v1/medewerkers', { naam: 'Nieuwe collega', organisatie: 'NIEUWDORP', uurPerWeek: 36, beschikbaarUurPerWeek: 4 });
    assert.equal(m.status, 201, m.text);
    const ids = (await srv.api('GET', '/api/v1/medewerkers')).json.map((x) => x.id);
    assert.ok(m.json.id > Math.max(...ids), `new id ${m.json.id} after the copied ones`);
  } finally {
    await copy.stop();
  }
});

test('a copy into a database that is not empty is refused and changes nothing', () => {
  const target = ENGINE === 'postgres' ? fresh('vol') : sqliteFile('vol.db');
  assert.equal(samen(['import', '--db', target, 'demo/register.json']).status, 0);
  const before = samen(['export', '--db', target]).stdout;
  const r = samen(['kopieer', '--van', srv.db, '--naar', target]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /niet leeg.*Er is niets gekopieerd/s);
  assert.equal(samen(['export', '--db', target]).stdout, before);
});

test('a source that does not check out leaves the target as it was: all or nothing', () => {
  // A SQLite copy of the demo, then damaged behind samen's back.
  const src = sqliteFile('bron.db');
  assert.equal(samen(['kopieer', '--van', srv.db, '--naar', src]).status, 0);
  const sqlite = (q) => spawnSync('sqlite3', [src, q], { encoding: 'utf8' });
  // A kept balance that the journal does not explain: the copy's ledger check refuses.
  let t = sqlite('UPDATE proeftuin_leden SET gestort_minuten = gestort_minuten + 5');
  if (t.error) return; // no sqlite3 command: covered by the next case in spirit only
  assert.equal(t.status, 0, t.stderr);
  let target = ENGINE === 'postgres' ? fresh('mislukt') : sqliteFile('mislukt.db');
  let r = samen(['kopieer', '--van', src, '--naar', target]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /journaal klopt na het kopiëren niet.*niets gekopieerd/s);
  if (ENGINE === 'postgres') assert.equal(sqlDb(target, 'SELECT count(*) FROM journaal_posten').stdout.trim(), '0');
  else assert.ok(!existsSync(target), 'the file the copy made is gone again');
  // A row whose reference does not exist (SQLite's command line does not check foreign keys).
  sqlite('UPDATE proeftuin_leden SET gestort_minuten = gestort_minuten - 5');
  t = sqlite("INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van) VALUES(999999, 999999, 'lid', '2010-01-01')");
  assert.equal(t.status, 0, t.stderr);
  target = ENGINE === 'postgres' ? fresh('mislukt2') : sqliteFile('mislukt2.db');
  r = samen(['kopieer', '--van', src, '--naar', target]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /niets gekopieerd/);
  if (ENGINE === 'postgres') assert.equal(sqlDb(target, 'SELECT count(*) FROM organisaties').stdout.trim(), '0');
  else assert.ok(!existsSync(target));
});

test('wrong use exits 2, an unknown source 1', () => {
  assert.equal(samen(['kopieer', '--van', srv.db]).status, 2);
  assert.equal(samen(['kopieer', '--van', srv.db, '--naar', srv.db]).status, 2);
  assert.equal(samen(['kopieer', '--van', srv.db, '--naar', 'x.db', '--onzin']).status, 2);
  const r = samen(['kopieer', '--van', join(srv.dir, 'bestaat-niet.db'), '--naar', join(srv.dir, 'y.db')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bestaat niet/);
  assert.ok(!existsSync(join(srv.dir, 'y.db')));
  assert.equal(samen(['kopieer', '--help']).status, 0);
});
