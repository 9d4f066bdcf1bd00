// samen uren import at scale (issue 12): the import reads what no line
// changes once, and adds up the balances, opdracht totals and flows as it
// goes, writing them once at the end. Every rule still holds: a line sees
// what the lines before it booked (also the drawing rights they used), a
// refused line counts for nothing after it, and one refusal in the middle of
// thousands of lines leaves nothing at all. The monthly sums and the counts
// per status, also added up per batch, come out as booking one by one
// leaves them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, sqlDb, ENGINE } from '../lib/server.mjs';
import { drechtsteden, proeftuin, saldi, must, samen } from './urenbank-helpers.mjs';

let srv, staff, n = 0;
// PostgreSQL answers each statement over a socket: a fifth of the lines there
// (3 000 took over a minute under ASan), the same rules.
const LINES = process.env.SAMEN_TEST_ENGINE === 'postgres' ? 600 : 3000, FIT = LINES * 0.8;
const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
});
after(async () => { await srv.stop(); });

function file(content) {
  const path = join(srv.dir, `uren-batch-${++n}.csv`);
  writeFileSync(path, content);
  return path;
}

// A proeftuin whose opdracht Dordrecht and Alblasserdam share half and half:
// every minute a Dordrecht medewerker books draws half a minute of
// Alblasserdam's rights, and Alblasserdam may go kredietlimiet minutes below zero.
async function shared(kredietlimietMinuten) {
  const pt = await proeftuin(srv, { kredietlimietMinuten });
  const o = await must(srv.api('POST', P(pt, '/opdrachten'), {
    soort: 'meervoudig-lokaal', titel: 'Gedeelde beleidsopdracht',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }, { organisatie: 'GM0482', aandeel: 1 }],
  }), 'opdracht');
  return { pt, opdracht: o.id };
}

// count lines of 2 minutes each (one minute of Alblasserdam's rights), 600 a day.
function lines(opdracht, count) {
  const out = ['medewerker;opdracht;datum;minuten;omschrijving'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2012, 0, 2 + Math.floor(i / 600))).toISOString().slice(0, 10);
    out.push(`${staff.GM0505};${opdracht};${day};2;regel ${i + 1}`);
  }
  return out.join('\n') + '\n';
}

const importCsv = (pt, path) => samen(['uren', 'import', '--db', srv.db, '--proeftuin', pt, '--goedgekeurd', path]);
const entries = async (pt) => must(srv.api('GET', P(pt, '/uren?paginaGrootte=10')), 'uren');

test(`${LINES} lines whose drawing rights run out at line ${FIT + 1}: nothing is read, and the refusals start exactly there`, async () => {
  const { pt, opdracht } = await shared(FIT);
  const r = importCsv(pt, file(lines(opdracht, LINES)));
  assert.equal(r.status, 1, r.stderr);
  const refused = r.stderr.split('\n').filter((l) => l.startsWith('regel ')).map((l) => Number(l.match(/^regel (\d+):/)[1]));
  // Line 1 is the header: data line FIT + 1 is file line FIT + 2. The FIT before it used every right.
  assert.equal(refused[0], FIT + 2, r.stderr.slice(0, 400));
  assert.match(r.stderr, new RegExp(`regel ${FIT + 2}: Onvoldoende trekkingsrechten: Alblasserdam \\(GM0482\\) heeft 0 minuten beschikbaar`));
  assert.match(r.stderr, new RegExp(`samen: niets ingelezen: ${LINES - FIT} fouten in ${LINES} urenregels`));
  assert.equal((await entries(pt)).length, 0, 'all or nothing');
  const s = await saldi(srv, pt);
  for (const code of ['GM0505', 'GM0482'])
    assert.deepEqual([s[code].gebrachtMinuten, s[code].gehaaldMinuten], [0, 0], `${code} unchanged`);
  const o = await must(srv.api('GET', P(pt, `/opdrachten/${opdracht}`)), 'opdracht');
  assert.deepEqual([o.geboektMinuten, o.goedgekeurdMinuten], [0, 0]);
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stderr);
});

test(`the ${FIT} lines that fit are read: balances, opdracht totals and flows as if booked one by one`, async () => {
  const { pt, opdracht } = await shared(FIT);
  const r = importCsv(pt, file(lines(opdracht, FIT)));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`${FIT} urenregels \\(${(FIT * 2) / 60}:00 uur\\) ingelezen`));
  const s = await saldi(srv, pt);
  // Dordrecht's own half is no flow: it brings the other half.
  assert.deepEqual([s.GM0505.gebrachtMinuten, s.GM0505.gehaaldMinuten], [FIT, 0]);
  assert.deepEqual([s.GM0482.gebrachtMinuten, s.GM0482.gehaaldMinuten], [0, FIT]);
  const o = await must(srv.api('GET', P(pt, `/opdrachten/${opdracht}`)), 'opdracht');
  assert.deepEqual([o.geboektMinuten, o.goedgekeurdMinuten], [2 * FIT, 2 * FIT]);
  // One more line through the API is refused: the import left no rights behind.
  const more = await srv.api('POST', P(pt, '/uren'), { medewerker: staff.GM0505, opdracht, datum: '2012-03-01', minuten: 2 });
  assert.equal(more.status, 201, more.text);
  const approve = await srv.api('POST', P(pt, `/uren/${more.json.id}/goedkeuren`), {});
  assert.equal(approve.status, 422, approve.text);
  assert.match(approve.json.detail, /Onvoldoende trekkingsrechten/);
  // proeftuin verify recomputes every balance, total and flow from the journal.
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stderr);
});

test('a line refused at its approval (checked before its entry is written) counts for nothing after it', async () => {
  const { pt, opdracht } = await shared(100);
  const csv = [
    'medewerker;opdracht;datum;minuten',
    `${staff.GM0505};${opdracht};2012-05-01;200`, // draws 100: all of Alblasserdam's rights
    `${staff.GM0505};${opdracht};2012-05-02;1000`, // submitted, then refused at approval
    `${staff.GM0505};${opdracht};2012-05-02;500`, // with line 3 it would be over a day
  ].join('\n') + '\n';
  const r = importCsv(pt, file(csv));
  assert.equal(r.status, 1, r.stderr);
  const byLine = Object.fromEntries(r.stderr.split('\n').filter((l) => l.startsWith('regel '))
    .map((l) => [Number(l.match(/^regel (\d+):/)[1]), l]));
  assert.deepEqual(Object.keys(byLine).map(Number), [3, 4]);
  assert.match(byLine[3], /Onvoldoende trekkingsrechten: .* deze uren kosten 500 minuten/);
  assert.match(byLine[4], /Onvoldoende trekkingsrechten: .* deze uren kosten 250 minuten/);
  assert.doesNotMatch(byLine[4], /etmaal/, 'the refused line 3 is not among the hours of 2 May');
  assert.equal((await entries(pt)).length, 0);
});

// The kept sums of proeftuin pt as sorted text lines, with codes and titles
// instead of ids (two proeftuinen have different opdracht ids).
function kept(pt) {
  const where = `(SELECT id FROM proeftuinen WHERE code = '${pt}')`;
  const org = (col) => `(SELECT code FROM organisaties WHERE id = ${col})`;
  const opd = (col) => `(SELECT titel FROM opdrachten WHERE id = ${col})`;
  const out = {};
  // [query, how many of its last columns are sums]
  for (const [name, [sql, sums]] of Object.entries({
    leden: [`SELECT maand, ${org('organisatie_id')}, soort, aantal, minuten FROM urenbank_maand_leden WHERE proeftuin_id = ${where}`, 2],
    opdrachten: [`SELECT maand, ${opd('opdracht_id')}, regels, goedgekeurd_minuten FROM urenbank_maand_opdrachten WHERE proeftuin_id = ${where}`, 2],
    gehaald: [`SELECT maand, ${org('opdrachtgever_id')}, ${opd('opdracht_id')}, minuten FROM urenbank_maand_gehaald WHERE proeftuin_id = ${where}`, 1],
    beoordeeld: [`SELECT maand, dagen, aantal FROM urenbank_maand_beoordeeld WHERE proeftuin_id = ${where}`, 1],
    stand: [`SELECT status, aantal, minuten FROM urenbank_uren_stand WHERE proeftuin_id = ${where}`, 2],
    journaal: [`SELECT 'transacties', transacties FROM urenbank_journaal_stand WHERE proeftuin_id = ${where}`, 1],
  })) {
    const r = sqlDb(srv.db, sql);
    assert.equal(r.status, 0, r.stderr);
    // A sum at zero counts as none: booked one by one, an approved entry
    // leaves its month's 'ingediend' at 0 where an import writes it approved.
    out[name] = r.stdout.split('\n').filter((l) => l && l.split('|').slice(-sums).some((v) => v !== '0')).sort();
  }
  return out;
}

// Two opdrachten (one shared by Dordrecht and Alblasserdam, one of
// Zwijndrecht alone) with the same titles in each proeftuin; lines of staff
// of the three over five months.
async function twoOpdrachten() {
  const pt = await proeftuin(srv, { kredietlimietMinuten: 100000 });
  const shared = await must(srv.api('POST', P(pt, '/opdrachten'), {
    soort: 'meervoudig-lokaal', titel: 'Gedeelde beleidsopdracht',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }, { organisatie: 'GM0482', aandeel: 1 }],
  }), 'opdracht');
  const own = await must(srv.api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Eigen opdracht Zwijndrecht', opdrachtgevers: [{ organisatie: 'GM0642', aandeel: 1 }],
  }), 'opdracht');
  return { pt, opdrachten: [shared.id, own.id] };
}

function mixed(opdrachten) {
  const out = [];
  const who = ['GM0505', 'GM0482', 'GM0642'];
  for (let i = 0; i < 45; i++) {
    const code = who[i % 3];
    const opdracht = opdrachten[code === 'GM0642' ? 1 : 0];
    // June to October: clear of the days the tests above fill (a day holds 24 hours of all proeftuinen).
    const day = new Date(Date.UTC(2012, 5 + (i % 5), 1 + (i % 27))).toISOString().slice(0, 10);
    out.push({ medewerker: staff[code], opdracht, datum: day, minuten: 15 + 7 * i });
  }
  return out;
}

for (const approved of [true, false]) {
  test(`imported ${approved ? 'and approved' : 'as submitted'}: the monthly sums and counts per status as booking the same lines one by one`, async () => {
    const a = await twoOpdrachten(), b = await twoOpdrachten();
    const csv = ['medewerker;opdracht;datum;minuten'];
    for (const l of mixed(a.opdrachten)) csv.push(`${l.medewerker};${l.opdracht};${l.datum};${l.minuten}`);
    const r = samen(['uren', 'import', '--db', srv.db, '--proeftuin', a.pt, ...(approved ? ['--goedgekeurd'] : []), file(csv.join('\n') + '\n')]);
    assert.equal(r.status, 0, r.stderr);
    for (const l of mixed(b.opdrachten)) {
      const made = await must(srv.api('POST', P(b.pt, '/uren'), l), 'urenregel');
      if (approved) await must(srv.api('POST', P(b.pt, `/uren/${made.id}/goedkeuren`), {}), 'goedkeuren');
    }
    const ka = kept(a.pt), kb = kept(b.pt);
    assert.ok(ka.leden.length > 10 && ka.opdrachten.length > 5 && ka.stand.length >= 1, JSON.stringify(ka));
    if (approved) assert.ok(ka.gehaald.length > 0 && ka.beoordeeld.length > 0, JSON.stringify(ka));
    assert.deepEqual(ka, kb);
    const sa = await saldi(srv, a.pt), sb = await saldi(srv, b.pt);
    for (const code of ['GM0505', 'GM0482', 'GM0642'])
      assert.deepEqual([sa[code].gebrachtMinuten, sa[code].gehaaldMinuten], [sb[code].gebrachtMinuten, sb[code].gehaaldMinuten], code);
    for (const pt of [a.pt, b.pt]) {
      const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
      assert.equal(v.status, 0, v.stderr);
    }
  });
}

// An entry of a batch runs without a savepoint of its own: a failure after
// its first write (here the database refuses its journal row) breaks the
// batch. The lines after it are refused, and nothing is read.
test('a failure after an entry began to write breaks the import: nothing is read', async () => {
  const { pt, opdracht } = await shared(100000);
  const trap = ENGINE === 'postgres'
    ? ["CREATE FUNCTION import_val() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'val'; END $$",
      "CREATE TRIGGER import_val BEFORE INSERT ON journaal FOR EACH ROW WHEN (NEW.omschrijving LIKE '%: 7 min %') EXECUTE FUNCTION import_val()"]
    : ["CREATE TRIGGER import_val BEFORE INSERT ON journaal WHEN NEW.omschrijving LIKE '%: 7 min %' BEGIN SELECT RAISE(ABORT, 'val'); END"];
  for (const sql of trap) assert.equal(sqlDb(srv.db, sql).status, 0);
  try {
    const csv = ['medewerker;opdracht;datum;minuten'];
    for (const m of [5, 6, 7, 8, 9]) csv.push(`${staff.GM0505};${opdracht};2012-11-0${m - 4};${m}`);
    const r = importCsv(pt, file(csv.join('\n') + '\n'));
    assert.equal(r.status, 1, r.stderr);
    const refused = r.stderr.split('\n').filter((l) => l.startsWith('regel '));
    assert.deepEqual(refused.map((l) => Number(l.match(/^regel (\d+):/)[1])), [4, 5, 6], r.stderr);
    assert.match(refused[1], /afgebroken na een eerdere fout/);
    assert.match(r.stderr, /niets ingelezen/);
    assert.equal((await entries(pt)).length, 0);
    const s = await saldi(srv, pt);
    assert.deepEqual([s.GM0505.gebrachtMinuten, s.GM0482.gehaaldMinuten], [0, 0]);
    const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
    assert.equal(v.status, 0, v.stderr);
  } finally {
    sqlDb(srv.db, 'DROP TRIGGER import_val' + (ENGINE === 'postgres' ? ' ON journaal' : ''));
    if (ENGINE === 'postgres') sqlDb(srv.db, 'DROP FUNCTION import_val()');
  }
});
