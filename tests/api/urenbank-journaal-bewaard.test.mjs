// The journal of a period is put together from kept days (issue 12,
// src/store/urenbank_journaal.c): a day's text is kept in a file and used
// again while the day's transactions are the same. What a user sees must
// not change by it: a second download is the same file, a late approval or
// a correction dated in the period is in the next download, a kept day that
// was damaged or cut short is never served, and a viewer who may see less
// never gets the text of one who may see more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, ENGINE, BIN } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';
import { drechtsteden, proeftuin, must, tool } from './urenbank-helpers.mjs';

let srv, staff, pt, lokaal, manager;
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const txns = (text) => text.split('\n\n').filter((b) => /^\d{4}-\d\d-\d\d \* \(\d+\)/.test(b.trim())).map((b) => b.trim());

async function download(periode, token) {
  const r = await srv.api('GET', `/proeftuinen/${pt}/journaal?periode=${periode}`, null, { raw: true, ...(token ? { token } : {}) });
  assert.equal(r.status, 200, `${periode}: ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('content-type'), /^text\/plain; charset=utf-8/);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="${pt}${periode === 'alles' ? '' : '-' + periode}.journal"`);
  tool('hledger', ['-f', '-', 'check', '--strict', 'ordereddates'], r.text);
  return r.text;
}

// The kept days under the server's directory (beside the SQLite file, or
// in SAMEN_CACHE_DIR, which the tests point there on PostgreSQL).
function keptDays(dir = srv.dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const f = join(dir, name);
    if (statSync(f).isDirectory()) out.push(...keptDays(f));
    else if (name.endsWith('.journal')) out.push(f);
  }
  return out.sort();
}

async function approved(medewerker, opdracht, minuten, datum, omschrijving = 'beleidswerk') {
  const e = await must(srv.api('POST', P('/uren'), { medewerker, opdracht, minuten, datum, omschrijving }), 'uren');
  await must(srv.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
  return e.id;
}

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { kredietlimietMinuten: 5000 });
  lokaal = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Jeugdzorg', opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'lokaal')).id;
  await must(srv.api('POST', P(`/opdrachten/${lokaal}/inzet`), { medewerker: staff.GM0642, minuten: 3000 }), 'inzet');
  await approved(staff.GM0642, lokaal, 390, '2012-02-01', 'dossier Zwijndrecht');
  await approved(staff.GM0642, lokaal, 125, '2012-02-14');
  await approved(staff.GM0642, lokaal, 45, '2012-03-05');
  // A manager of a member that is neither the principal nor the provider:
  // may not read these hours, so sees the organisation and not the description.
  await createUser(srv, { naam: `jm-${process.pid}`, rol: 'manager', organisatie: 'GM0610' });
  manager = (await tokenFor(srv, `jm-${process.pid}`)).token;
});
after(async () => { await srv.stop(); });

test('a second download of a period is the same file, served from kept days', async () => {
  const first = await download('2012-02');
  assert.equal(txns(first).length, 2);
  const kept = keptDays();
  assert.deepEqual(kept.map((f) => f.split('/').pop()), ['2012-02-01.journal', '2012-02-14.journal'], 'a kept file per day');
  const stamps = kept.map((f) => statSync(f).mtimeMs);
  assert.equal(await download('2012-02'), first);
  assert.deepEqual(keptDays().map((f) => statSync(f).mtimeMs), stamps, 'the second download rendered nothing again');
  // A quarter and the whole journal use the same days.
  assert.deepEqual(txns(await download('2012-K1')), [...txns(first), ...txns(await download('2012-03'))]);
  assert.deepEqual(txns(await download('alles')), txns(await download('2012-K1')));
});

test('a late approval and a correction dated in the period are in the next download', async () => {
  const before = await download('2012-02');
  // On a day that is kept already, and on a day that had nothing.
  const late = await approved(staff.GM0642, lokaal, 61, '2012-02-14', 'laat goedgekeurd');
  const other = await approved(staff.GM0642, lokaal, 33, '2012-02-20');
  const after1 = await download('2012-02');
  assert.equal(txns(after1).length, txns(before).length + 2);
  assert.match(after1, /; omschrijving: laat goedgekeurd/);
  assert.ok(txns(after1).some((t) => t.startsWith('2012-02-20 ')), 'the new day is there');
  // A correction is a reversing transaction, dated on the day of its entry: a kept day again.
  await must(srv.api('POST', P(`/uren/${late}/corrigeren`), { reden: 'dubbel geboekt' }), 'corrigeren');
  const feb = await download('2012-02');
  const added = txns(feb).filter((t) => !txns(after1).includes(t));
  assert.equal(added.length, 1, 'one transaction more');
  assert.match(added[0], /^2012-02-14 /);
  assert.match(added[0], /leden:GM0642  -61 min/);
  assert.ok(other > late);
  const whole = await download('alles');
  const months = [];
  for (const m of ['2012-01', '2012-02', '2012-03', '2012-04', '2012-05', '2012-06', '2012-07', '2012-08', '2012-09', '2012-10', '2012-11', '2012-12'])
    months.push(...txns(await download(m)));
  assert.deepEqual(months, txns(whole), 'the months together are still the whole journal');
});

test('a second server on the same database: an approval through it is in the next download from the first', async () => {
  const before = await download('2012-02');
  assert.equal(await download('2012-02'), before, 'kept and remembered by the first server');
  const other = await startServer({ db: srv.db });
  try {
    const e = await must(other.api('POST', P('/uren'), { medewerker: staff.GM0642, opdracht: lokaal, minuten: 17, datum: '2012-02-01', omschrijving: 'via de tweede server' }), 'uren');
    await must(other.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
  } finally {
    await other.stop();
  }
  const after1 = await download('2012-02');
  assert.equal(txns(after1).length, txns(before).length + 1);
  assert.match(after1, /; omschrijving: via de tweede server/);
});

test('a kept day that was damaged, cut short or swapped for another day is not served', async () => {
  const good = await download('2012-02');
  const goodMarch = await download('2012-03');
  const kept = keptDays().filter((f) => f.includes('2012-02-01'));
  assert.ok(kept.length >= 1);
  for (const f of kept) {
    // Same length, one description changed: only the checksum tells.
    const text = readFileSync(f, 'utf8');
    assert.match(text, /dossier Zwijndrecht/);
    writeFileSync(f, text.replace('dossier Zwijndrecht', 'dossier Zwijndrocht'));
  }
  assert.equal(await download('2012-02'), good, 'a changed byte is rendered again');
  for (const f of kept) truncateSync(f, statSync(f).size - 20);
  assert.equal(await download('2012-02'), good, 'a file cut short is rendered again');
  for (const f of kept) truncateSync(f, 0);
  assert.equal(await download('2012-02'), good, 'an empty file is rendered again');
  // Another day's sound file in its place: its key is not this day's.
  const march = keptDays().find((f) => f.endsWith('2012-03-05.journal') && f.startsWith(kept[0].slice(0, kept[0].lastIndexOf('/'))));
  writeFileSync(kept[0], readFileSync(march));
  assert.equal(await download('2012-02'), good, 'a file of another day is rendered again');
  assert.equal(await download('2012-03'), goodMarch);
  assert.match(readFileSync(kept[0], 'utf8'), /dossier Zwijndrecht/, 'and kept again, sound');
});

test('a kept day the server checked earlier and copies as it is, is checked again once it changed', async () => {
  // A file that has been quiet for a moment (0.2 s) when it is checked is
  // then copied unread while it stays the same file (its change time tells).
  const good = await download('2012-03');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await download('2012-03'), good, 'checked');
  assert.equal(await download('2012-03'), good, 'copied');
  const kept = keptDays().filter((f) => f.endsWith('2012-03-05.journal'));
  assert.ok(kept.length >= 1);
  for (const f of kept) {
    const text = readFileSync(f, 'utf8');
    writeFileSync(f, text.replace('45 min', '54 min'));
    assert.notEqual(readFileSync(f, 'utf8'), text);
  }
  assert.equal(await download('2012-03'), good, 'changed: checked again, rendered again');
});

test('the kept days stay within SAMEN_CACHE_MB: the oldest go, and what is downloaded stays the same', async () => {
  for (const dag of ['05', '12', '19', '26']) await approved(staff.GM0642, lokaal, 30, `2012-05-${dag}`, `overleg in mei, week van de ${dag}e`);
  const whole = await download('alles');
  assert.ok(whole.length > 2048, 'the journal is well over the bound');
  const where = join(srv.dir, 'klein');
  const small = await startServer({ db: srv.db, env: { SAMEN_CACHE_MB: '0.0005', SAMEN_CACHE_DIR: where } }); // 524 bytes
  const size = () => keptDays(where).reduce((n, f) => n + statSync(f).size, 0);
  try {
    for (const periode of ['alles', '2012-02', '2012-03', 'alles']) {
      const r = await small.api('GET', `/proeftuinen/${pt}/journaal?periode=${periode}`, null, { raw: true });
      assert.equal(r.status, 200);
      if (periode === 'alles') assert.equal(r.text, whole);
      assert.ok(size() <= 524, `${periode}: ${size()} bytes kept`);
    }
  } finally {
    await small.stop();
    rmSync(where, { recursive: true, force: true }); // the other tests look for kept days of srv only
  }
  assert.equal(await download('alles'), whole, 'the first server renders again what went');
});

test('a cache directory that others may write to (made first by someone else in a shared TMPDIR) is not used: nothing kept, the same download', async () => {
  const whole = await download('alles');
  const where = join(srv.dir, 'gedeeld');
  const run = async () => {
    const other = await startServer({ db: srv.db, env: { SAMEN_CACHE_DIR: where } });
    try {
      const r = await other.api('GET', `/proeftuinen/${pt}/journaal?periode=alles`, null, { raw: true });
      assert.equal(r.status, 200);
      assert.equal(r.text, whole);
    } finally {
      await other.stop();
    }
  };
  await run();
  const [dir] = readdirSync(where).map((n) => join(where, n));
  assert.ok(keptDays(dir).length > 0, 'an own directory keeps days');
  rmSync(dir, { recursive: true });
  mkdirSync(dir, { mode: 0o777 });
  chmodSync(dir, 0o777);
  await run();
  assert.deepEqual(keptDays(dir), [], 'nothing kept in a directory others may write to');
  rmSync(where, { recursive: true, force: true });
});

test('a viewer who may see less gets the text as the policy shows it to them, not a kept copy of someone who sees more', async () => {
  const full = await download('2012-02');
  assert.match(full, /dossier Zwijndrecht/);
  const less = await download('2012-02', manager);
  assert.doesNotMatch(less, /dossier Zwijndrecht/);
  assert.match(less, /Urenregel \d+: 390 min van GM0642 op opdracht \d+/);
  assert.equal(txns(less).length, txns(full).length, 'the same transactions');
  assert.equal(await download('2012-02', manager), less, 'their own kept days, the same again');
  assert.equal(await download('2012-02'), full, 'and the beheerder still sees everything');
  const elsewhere = keptDays().filter((f) => !f.startsWith(`${srv.db}-cache/`));
  assert.ok(ENGINE === 'postgres' || !elsewhere.length, `beside the SQLite file, not ${elsewhere.join(', ')}`);
});

test('after samen herstel over the running server, a transaction that gets an id of the replaced history is not served from its kept day', { skip: ENGINE === 'postgres' && 'herstel is voor SQLite' }, async () => {
  const copy = join(srv.dir, 'eerder.db');
  const run = (args) => spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' } });
  assert.equal(run(['backup', '--db', srv.db, '--naar', copy]).status, 0);
  // After the backup: an approval on 10 April, kept as that day.
  await approved(staff.GM0642, lokaal, 20, '2012-04-10', 'van voor het herstel');
  assert.match(await download('2012-04'), /van voor het herstel/);
  const h = run(['herstel', '--van', copy, '--db', srv.db, '--vervang']);
  assert.equal(h.status, 0, h.stderr);
  assert.doesNotMatch(await download('2012-04'), /van voor het herstel/, 'the restored journal');
  // The same day, the same number of minutes, the next id: the same count, largest id and sum as the kept day.
  await approved(staff.GM0642, lokaal, 20, '2012-04-10', 'na het herstel');
  const april = await download('2012-04');
  assert.match(april, /na het herstel/);
  assert.doesNotMatch(april, /van voor het herstel/);
});
