// samen backup and samen herstel (docs/backup.md): a copy of a running
// instance, made while bookings go on, holds every booking acknowledged
// before the backup began and passes `proeftuin verify`; a restore serves
// it, into a new file or over the database of a running server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, BIN } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must, samen } from './urenbank-helpers.mjs';

let srv, staff, pt, opdracht, dir;
before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { kredietlimietMinuten: 1000000 });
  opdracht = (await must(srv.api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, { soort: 'lokaal', titel: 'Nota',
    opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'opdracht')).id;
  await must(srv.api('POST', `/api/v1/proeftuinen/${pt}/opdrachten/${opdracht}/inzet`, { medewerker: staff.GM0590, minuten: 500000 }), 'inzet');
  dir = mkdtempSync(join(tmpdir(), 'samen-backup-'));
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

// Books and approves one entry; resolves with its id once acknowledged.
let n = 0;
async function bookOne(server = srv) {
  const d = new Date(Date.UTC(2012, 0, 2) + (n++ % 300) * 86400000).toISOString().slice(0, 10);
  const e = await must(server.api('POST', `/api/v1/proeftuinen/${pt}/uren`, { medewerker: staff.GM0590, opdracht, datum: d, minuten: 1 }), 'uren');
  await must(server.api('POST', `/api/v1/proeftuinen/${pt}/uren/${e.id}/goedkeuren`), 'goedkeuren');
  return e.id;
}

const run = (args) => new Promise((resolve) => {
  const c = spawn(BIN, args, { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' } });
  let out = '', err = '';
  c.stdout.on('data', (d) => { out += d; });
  c.stderr.on('data', (d) => { err += d; });
  c.on('exit', (status) => resolve({ status, stdout: out, stderr: err }));
});

test('a backup under concurrent bookings holds everything acknowledged before it began, verifies, and a restore serves it', async () => {
  for (let i = 0; i < 10; i++) await bookOne();
  // Bookings go on in two streams while the backup runs.
  let stop = false;
  const acked = [];
  const streams = [0, 1].map(async () => { while (!stop) acked.push({ id: await bookOne(), at: performance.now() }); });
  while (acked.length < 10) await new Promise((r) => setTimeout(r, 20));
  const copy = join(dir, 'kopie.db');
  const began = performance.now();
  const before = (await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?limiet=10000`)).json.map((u) => u.id);
  const b = await run(['backup', '--db', srv.db, '--naar', copy]);
  const extra = acked.length;
  stop = true;
  await Promise.all(streams);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /integriteit in orde; urenbank klopt/);
  assert.ok(acked.length > extra - 1 && acked.some((a) => a.at > began), 'bookings went on during the backup');
  // The copy passes verify on its own.
  const v = samen(['proeftuin', 'verify', '--db', copy]);
  assert.equal(v.status, 0, v.stdout + v.stderr);

  // Restored into a new file, a server serves every booking acknowledged before the backup began.
  const restored = join(dir, 'hersteld.db');
  const h = await run(['herstel', '--van', copy, '--db', restored]);
  assert.equal(h.status, 0, h.stderr);
  const back = await startServer({ db: restored });
  try {
    const ids = new Set((await back.api('GET', `/api/v1/proeftuinen/${pt}/uren?limiet=10000`)).json.map((u) => u.id));
    for (const id of before) assert.ok(ids.has(id), `booking ${id}, acknowledged before the backup, is in the copy`);
    for (const a of acked.filter((x) => x.at < began)) assert.ok(ids.has(a.id));
    const s1 = (await back.api('GET', `/api/v1/proeftuinen/${pt}/saldi`)).json;
    assert.ok(s1.length === 6);
  } finally {
    await back.stop();
  }
  assert.ok(existsSync(restored));
  // Again into the same file: only with --vervang.
  assert.equal((await run(['herstel', '--van', copy, '--db', restored])).status, 2);
});

test('herstel over the database of a running server: the server serves the restored content', async () => {
  const copy = join(dir, 'eerder.db');
  assert.equal((await run(['backup', '--db', srv.db, '--naar', copy])).status, 0);
  const then = (await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?limiet=10000`)).json.length;
  const later = await bookOne();
  const h = await run(['herstel', '--van', copy, '--db', srv.db, '--vervang']);
  assert.equal(h.status, 0, h.stderr);
  const now = (await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?limiet=10000`)).json;
  assert.equal(now.length, then);
  assert.ok(!now.some((u) => u.id === later));
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db]).status, 0);
  // And it takes bookings again.
  await bookOne();
});

test('wrong use: no --naar, the same file, a missing source, a damaged copy', async () => {
  assert.equal((await run(['backup', '--db', srv.db])).status, 2);
  assert.equal((await run(['backup', '--db', srv.db, '--naar', srv.db])).status, 2);
  const missing = await run(['backup', '--db', join(dir, 'bestaat-niet.db'), '--naar', join(dir, 'x.db')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /bestaat niet/);
  const junk = join(dir, 'rommel.db');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(junk, 'dit is geen database'.repeat(300));
  const bad = await run(['herstel', '--van', junk, '--db', join(dir, 'uit-rommel.db')]);
  assert.equal(bad.status, 1);
  assert.ok(!existsSync(join(dir, 'uit-rommel.db')), 'nothing is restored from a bad copy');
});
