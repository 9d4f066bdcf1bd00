// Upgrading a database that holds data (docs/ontwikkelen.md "Migraties"):
// a database at an older version, made here by applying the engine's own
// migration files up to that version and recording them as samen does,
// with rows in it; samen then applies the rest when it starts. On
// PostgreSQL a migration that builds a table again and copies its rows with
// their ids must move the identity past them: 021 did not for besluiten
// (096 repairs it), and the next besluit would have got an id that was
// taken. Runs on both engines (SAMEN_TEST_ENGINE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE, dropDb, newDb, sqlDb, startServer } from '../lib/server.mjs';

const DIR = new URL('../../src/store/migrations', import.meta.url).pathname;

// The file the engine applies for each number (store.c migration_for): its
// own (.pg.sql, .sqlite.sql), else the shared one.
function migrationsUpTo(last) {
  const own = ENGINE === 'postgres' ? '.pg.sql' : '.sqlite.sql', other = ENGINE === 'postgres' ? '.sqlite.sql' : '.pg.sql';
  const byNumber = new Map();
  for (const f of readdirSync(DIR).filter((f) => f.endsWith('.sql') && !f.endsWith(other)).sort()) {
    const n = Number(f.slice(0, 3));
    if (n > last) continue;
    if (!byNumber.has(n) || f.endsWith(own)) byNumber.set(n, f);
  }
  return [...byNumber.entries()].sort((a, b) => a[0] - b[0]);
}

function run(db, sql, what) {
  const r = sqlDb(db, `\n${sql}`); // not "--…" first: sqlite3 would take the comment for an option
  assert.equal(r.status, 0, `${what}: ${r.stderr}`);
  return r.stdout;
}

// A database at version `last`, as samen would have left it.
function databaseAt(db, last) {
  run(db, ENGINE === 'postgres'
    ? 'CREATE TABLE schema_migraties (versie BIGINT PRIMARY KEY, naam TEXT NOT NULL, toegepast TEXT NOT NULL)'
    : 'CREATE TABLE schema_migraties (versie INTEGER PRIMARY KEY, naam TEXT NOT NULL, toegepast TEXT NOT NULL) STRICT',
  'schema_migraties');
  for (const [n, f] of migrationsUpTo(last)) {
    run(db, readFileSync(join(DIR, f), 'utf8'), f);
    run(db, `INSERT INTO schema_migraties(versie, naam, toegepast) VALUES (${n}, 'migrations/${f}', '2012-01-01T00:00:00Z')`, f);
  }
}

test('a database with besluiten from before migration 021 takes a new besluit after the upgrade', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samen-upgrade-'));
  const db = newDb(dir);
  let srv;
  try {
    databaseAt(db, 20);
    // Three besluiten as samen wrote them then: their ids from the identity.
    run(db, "INSERT INTO verbanden(code, naam) VALUES ('dsz', 'Samenwerking Dalfsen, Staphorst en Zwartewaterland')", 'verband');
    for (const [datum, uitkomst] of [['2012-01-10', 'go'], ['2012-03-08', 'uitstel'], ['2012-05-15', 'no-go']])
      run(db, 'INSERT INTO besluiten(verband_id, orgaan, datum, uitkomst, onderwerp, aangemaakt) '
        + `SELECT id, 'stuurgroep', '${datum}', '${uitkomst}', 'Besluit van ${datum}', '${datum}' FROM verbanden WHERE code = 'dsz'`,
      'besluit');
    const ids = run(db, 'SELECT id FROM besluiten ORDER BY id').trim().split('\n').map(Number);
    assert.deepEqual(ids, [1, 2, 3]);

    srv = await startServer({ db }); // applies 021 and every migration after it
    const versions = run(db, 'SELECT versie FROM schema_migraties WHERE versie IN (21, 96) ORDER BY versie').trim();
    assert.equal(versions, '21\n96', 'upgraded through 021 and 096');
    const r = await srv.api('POST', '/api/v1/verbanden/dsz/besluiten', {
      orgaan: 'stuurgroep', datum: '2012-09-01', uitkomst: 'kennisname',
      onderwerp: 'Stand van zaken september', toelichting: 'De stuurgroep neemt kennis van de stand van zaken.',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.id, 4, 'the next id after the copied ones');
    const all = await srv.api('GET', '/api/v1/verbanden/dsz/besluiten');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.json.map((b) => b.id).sort(), [1, 2, 3, 4], 'the old besluiten kept, the new one beside them');
  } finally {
    await srv?.stop();
    dropDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
});
