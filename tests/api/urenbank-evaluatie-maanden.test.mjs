// The evaluation from its monthly sums (issue 12, migration 099): entries
// booked, approved, rejected, corrected and left waiting over half a year,
// on the first and last days of months too, and the figures of whole
// months, of periods that cut months, of one month's middle and of the
// whole proeftuin compared with a recount of the entries themselves; the
// parts of a split period add up to the whole. Then proeftuin verify finds
// each kept sum that was tampered with. And the page: a long table shows
// its first rows and says that all are in the CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlDb } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must, samen } from './urenbank-helpers.mjs';

let srv, staff, pt;
const D = 'GM0505', Z = 'GM0642', PD = 'GM0590', A = 'GM0482';
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const entries = []; // { org, opdracht, datum, minuten, status }
const soort = {};

// Deterministic: the same bookings every run.
let seed = 12;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 65536) % n; };

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { leden: [D, Z, PD, A], kredietlimietMinuten: 10000000 });
  await must(srv.api('POST', '/api/v1/competenties', { code: 'wmo', naam: 'Wmo-beleid' }), 'competentie');
  const op = async (body) => {
    const id = (await must(srv.api('POST', P('/opdrachten'), body), body.titel)).id;
    soort[id] = body.soort;
    return id;
  };
  const ops = [
    await op({ soort: 'lokaal', titel: 'Wmo Dordrecht', opdrachtgevers: [{ organisatie: D, aandeel: 1 }], geraamdeMinuten: 3000,
      competenties: [{ competentie: 'wmo', niveau: 2 }] }),
    await op({ soort: 'lokaal', titel: 'Visie Zwijndrecht', opdrachtgevers: [{ organisatie: Z, aandeel: 1 }], geraamdeMinuten: 1000 }),
    await op({ soort: 'meervoudig-lokaal', titel: 'Gedeeld', opdrachtgevers: [{ organisatie: D, aandeel: 2 }, { organisatie: PD, aandeel: 1 }] }),
    await op({ soort: 'regionaal', titel: 'Regionaal', verdeelsleutel: 'gelijk' }),
  ];
  // Everyone may book on everything: an inzet where one does not work for a principal.
  for (const id of ops)
    for (const org of [D, Z, PD, A])
      await srv.api('POST', P(`/opdrachten/${id}/inzet`), { medewerker: staff[org], minuten: 100000 });
  const days = ['01', '02', '14', '15', '16', '28', '29', '30', '31'];
  const orgs = [D, Z, PD, A];
  for (let i = 0; i < 90; i++) {
    const m = 1 + rnd(6), d = days[rnd(days.length)];
    const datum = `2012-0${m}-${m === 2 && d > '29' ? '29' : (m === 4 || m === 6) && d === '31' ? '30' : d}`;
    const org = orgs[rnd(4)], opdracht = ops[rnd(ops.length)], minuten = 15 * (1 + rnd(16));
    const e = await must(srv.api('POST', P('/uren'), { medewerker: staff[org], opdracht, datum, minuten }), `uren ${datum}`);
    const what = rnd(10);
    let status = 'ingediend';
    if (what < 6) {
      await must(srv.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
      status = 'goedgekeurd';
    } else if (what < 7) {
      await must(srv.api('POST', P(`/uren/${e.id}/afkeuren`), { reden: 'niet voor deze opdracht' }), 'afkeuren');
      status = 'afgekeurd';
    } else if (what < 9) {
      await must(srv.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
      await must(srv.api('POST', P(`/uren/${e.id}/corrigeren`), { reden: 'dubbel' }), 'corrigeren');
      status = 'gecorrigeerd';
    }
    entries.push({ org, opdracht, datum, minuten, status });
  }
});
after(() => srv?.stop());

function recount(van, tot) {
  const inP = entries.filter((e) => e.datum >= van && e.datum <= tot);
  const sum = (xs) => xs.reduce((s, e) => s + e.minuten, 0);
  const leden = {};
  for (const org of [D, Z, PD, A]) {
    const mine = inP.filter((e) => e.org === org);
    const of = (st) => mine.filter((e) => e.status === st);
    leden[org] = { gewerktMinuten: sum(of('goedgekeurd')), afgekeurd: of('afgekeurd').length, afgekeurdMinuten: sum(of('afgekeurd')),
      gecorrigeerd: of('gecorrigeerd').length, gecorrigeerdMinuten: sum(of('gecorrigeerd')) };
  }
  const approved = inP.filter((e) => e.status === 'goedgekeurd');
  const perSoort = ['lokaal', 'meervoudig-lokaal', 'regionaal'].map((s) => ({ soort: s, minuten: sum(approved.filter((e) => soort[e.opdracht] === s)) }));
  const besteed = {};
  for (const e of inP) besteed[e.opdracht] = (besteed[e.opdracht] ?? 0) + (e.status === 'goedgekeurd' ? e.minuten : 0);
  return { leden, perSoort, besteed, beoordeeld: inP.filter((e) => e.status !== 'ingediend').length };
}

const evaluatie = async (van, tot) => must(srv.api('GET', P(`/evaluatie?van=${van}&tot=${tot}`)), `evaluatie ${van} ${tot}`);

test('whole months, cut months, the middle of a month and the whole proeftuin: the same figures as a recount of the entries', async () => {
  for (const [van, tot] of [['2012-01-01', '2012-12-31'], ['2012-02-01', '2012-04-30'], ['2012-02-15', '2012-05-16'],
    ['2012-03-02', '2012-03-29'], ['2012-01-31', '2012-02-01'], ['2012-06-30', '2012-06-30'], ['2011-12-01', '2013-01-31']]) {
    const ev = await evaluatie(van, tot), want = recount(van, tot);
    for (const l of ev.leden)
      for (const [k, v] of Object.entries(want.leden[l.organisatie])) assert.equal(l[k], v, `${van}…${tot} ${l.organisatie} ${k}`);
    assert.deepEqual(ev.perSoort, want.perSoort, `${van}…${tot} per soort`);
    for (const o of ev.opdrachten) assert.equal(o.besteedMinuten, want.besteed[o.id] ?? 0, `${van}…${tot} opdracht ${o.id}`);
    for (const id of Object.keys(want.besteed)) assert.ok(ev.opdrachten.some((o) => o.id === Number(id)), `${van}…${tot} opdracht ${id} in the period`);
    const review = ev.doorlooptijden.find((d) => d.fase === 'boeking-goedkeuring');
    assert.equal(review.aantal, want.beoordeeld, `${van}…${tot} reviewed`);
    // What was brought was taken: the journal of hours sums to zero.
    assert.equal(ev.totaal.gebrachtMinuten, ev.totaal.gehaaldMinuten, `${van}…${tot} brought = taken`);
  }
  // The default period is the proeftuin's own.
  assert.deepEqual(await must(srv.api('GET', P('/evaluatie')), 'evaluatie'), await evaluatie('2012-01-01', '2012-12-31'));
});

test('a period cut in two parts, anywhere in a month, adds up to the whole', async () => {
  const whole = await evaluatie('2012-01-01', '2012-12-31');
  for (const cut of ['2012-02-14', '2012-03-31', '2012-04-01', '2012-05-16']) {
    const next = new Date(Date.parse(`${cut}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    const a = await evaluatie('2012-01-01', cut), b = await evaluatie(next, '2012-12-31');
    for (const k of ['gebrachtMinuten', 'gehaaldMinuten', 'gewerktMinuten', 'afgekeurd', 'gecorrigeerdMinuten'])
      assert.equal(a.totaal[k] + b.totaal[k], whole.totaal[k], `cut after ${cut}: ${k}`);
    for (const l of whole.leden) {
      const la = a.leden.find((x) => x.organisatie === l.organisatie), lb = b.leden.find((x) => x.organisatie === l.organisatie);
      assert.equal(la.gebrachtMinuten + lb.gebrachtMinuten, l.gebrachtMinuten, `cut after ${cut}: ${l.organisatie} gebracht`);
      assert.equal(la.gehaaldMinuten + lb.gehaaldMinuten, l.gehaaldMinuten, `cut after ${cut}: ${l.organisatie} gehaald`);
    }
    const taken = (ev) => ev.expertise.reduce((s, x) => s + x.minuten, 0);
    assert.equal(taken(a) + taken(b), taken(whole), `cut after ${cut}: expertise`);
  }
});

test('proeftuin verify recomputes every monthly sum and finds one that was changed', async () => {
  const verify = () => samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(verify().status, 0, verify().stdout);
  const ptid = `(SELECT id FROM proeftuinen WHERE code = '${pt}')`;
  const orgid = (c) => `(SELECT id FROM organisaties WHERE code = '${c}')`;
  const first = `(SELECT min(opdracht_id) FROM urenbank_maand_opdrachten WHERE proeftuin_id = ${ptid} AND maand = '2012-02')`;
  // [table, column, change, which row, what verify says]
  const cases = [
    ['urenbank_maand_leden', 'minuten', 7, `maand = '2012-03' AND organisatie_id = ${orgid(D)} AND soort = 'goedgekeurd'`,
      new RegExp(`${pt} ${D} 2012-03 goedgekeurd \\(minuten\\): bijgehouden \\d+, herberekend \\d+ \\(verschil -7\\)`)],
    ['urenbank_maand_leden', 'aantal', 1, `maand = '*' AND organisatie_id = ${orgid(Z)} AND soort = 'uren:gebracht'`,
      new RegExp(`${pt} alle maanden: ${Z} uren:gebracht: bijgehouden \\d+, herberekend \\d+ \\(verschil -1\\)`)],
    ['urenbank_maand_opdrachten', 'goedgekeurd_minuten', 5, `maand = '2012-02' AND opdracht_id = ${first}`,
      /2012-02 opdracht \d+ goedgekeurd: bijgehouden \d+, herberekend \d+ \(verschil -5\)/],
    ['urenbank_maand_gehaald', 'minuten', -3, `maand = '2012-04' AND opdrachtgever_id = ${orgid(D)} AND opdracht_id = (SELECT min(opdracht_id)
      FROM urenbank_maand_gehaald WHERE proeftuin_id = ${ptid} AND maand = '2012-04' AND opdrachtgever_id = ${orgid(D)})`,
      new RegExp(`${pt} ${D} 2012-04 gehaald op opdracht \\d+: bijgehouden \\d+, herberekend \\d+ \\(verschil 3\\)`)],
    ['urenbank_maand_beoordeeld', 'aantal', 2, `maand = '2012-05' AND dagen = 0`,
      /2012-05 beoordeeld na 0 dagen: bijgehouden \d+, herberekend \d+ \(verschil -2\)/],
  ];
  for (const [table, col, delta, where, message] of cases) {
    const change = (d) => sqlDb(srv.db, `UPDATE ${table} SET ${col} = ${col} + (${d}) WHERE proeftuin_id = ${ptid} AND ${where}`);
    assert.equal(sqlDb(srv.db, `SELECT count(*) FROM ${table} WHERE proeftuin_id = ${ptid} AND ${where}`).stdout.trim(), '1', table);
    assert.equal(change(delta).status, 0, table);
    const v = verify();
    change(-delta);
    assert.equal(v.status, 1, `${table}: ${v.stdout}`);
    assert.match(v.stdout, message);
  }
  assert.equal(verify().status, 0);
});

test('the page: a table longer than 25 rows shows the 25 that matter and says all are in its CSV', async () => {
  for (let i = 1; i <= 27; i++) {
    const id = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: `Klein ${i}`, geraamdeMinuten: 10 * i,
      opdrachtgevers: [{ organisatie: A, aandeel: 1 }] }), 'opdracht')).id;
    await must(srv.api('POST', P(`/opdrachten/${id}/inzet`), { medewerker: staff[D], minuten: 300 }), 'inzet');
    await must(srv.api('POST', P('/uren'), { medewerker: staff[D], opdracht: id, datum: `2012-07-${String(i).padStart(2, '0')}`, minuten: 30 }), 'uren');
  }
  const ev = await must(srv.api('GET', P('/evaluatie')), 'evaluatie');
  const n = ev.opdrachten.length;
  assert.ok(n > 25);
  const res = await srv.api('GET', `/proeftuinen/${pt}/evaluatie`);
  assert.equal(res.status, 200);
  const html = res.text;
  const part = html.slice(html.indexOf('id="kop-opdrachten"'), html.indexOf('id="kop-samenvoegingen"'));
  assert.equal((part.match(/<tr class="utrecht-table__row">/g) ?? []).length, 25 + 1); // the header row too
  assert.match(part, new RegExp(`Hierboven 25 van de ${n}: die met het grootste verschil met de raming\\. Alle ${n} staan in de CSV hieronder\\.`));
  // Every row of the selection is in the CSV.
  const csv = await srv.api('GET', `/proeftuinen/${pt}/evaluatie?formaat=csv&tabel=opdrachten`);
  assert.equal(csv.status, 200);
  assert.equal(csv.text.trim().split('\n').length, n + 1);
});
