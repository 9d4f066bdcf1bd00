// The hours exchange through the API (docs/api.md "Hours exchange (proeftuin)",
// docs/urenbank.md "Accounting rules"): proeftuinen, opdrachten of the three kinds,
// inzet within drawing rights, bookings and their approval, rejection and
// correction, deposits, merging, settlement and the closed period, and
// Idempotency-Key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlDb } from '../lib/server.mjs';
import { CODES, drechtsteden, proeftuin, saldi, must, samen } from './urenbank-helpers.mjs';

let srv, staff;
const api = (m, p, b, o) => srv.api(m, p, b, o);
const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
});
after(async () => { await srv.stop(); });

const lokaal = (pt, org, extra = {}) => must(api('POST', P(pt, '/opdrachten'), {
  soort: 'lokaal', titel: `Opdracht van ${org}`, opdrachtgevers: [{ organisatie: org, aandeel: 1 }], ...extra,
}), 'opdracht');
const book = (pt, medewerker, opdracht, minuten, datum = '2012-03-05') =>
  api('POST', P(pt, '/uren'), { medewerker, opdracht, datum, minuten, omschrijving: 'beleidsnotitie' });
const approve = (pt, id) => api('POST', P(pt, `/uren/${id}/goedkeuren`));

test('a proeftuin as docs/api.md shows it, with its members; duplicates 409, bad fields 400, unknown members 422', async () => {
  const body = { code: 'dt2012', naam: 'Proeftuin beleid', van: '2012-01-01', tot: '2012-12-31', tariefCenten: 6500,
    kredietlimietMinuten: 2400, leden: ['GM0505', 'GM0590'] };
  let r = await api('POST', '/api/v1/proeftuinen', body);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.leden, ['GM0505', 'GM0590']);
  assert.equal(r.json.tariefCenten, 6500);
  assert.equal(r.json.kredietlimietMinuten, 2400);
  assert.equal(r.json.status, 'open');
  r = await api('GET', '/api/v1/proeftuinen/dt2012');
  assert.equal(r.status, 200);
  assert.equal(r.json.van, '2012-01-01');
  assert.ok((await api('GET', '/api/v1/proeftuinen')).json.some((p) => p.code === 'dt2012'));
  assert.equal((await api('POST', '/api/v1/proeftuinen', body)).status, 409);
  r = await api('POST', '/api/v1/proeftuinen', { ...body, code: 'Fout Code', tariefCenten: 0, tot: '2011-01-01', leden: 'GM0505' });
  assert.equal(r.status, 400);
  const names = r.json['invalid-params'].map((p) => p.name).sort();
  assert.deepEqual(names, ['code', 'leden', 'tariefCenten', 'tot']);
  r = await api('POST', '/api/v1/proeftuinen', { ...body, code: 'dt-onbekend', leden: ['GM0505', 'GM9999'] });
  assert.equal(r.status, 422);
  assert.equal(r.json['invalid-params'][0].name, 'leden[1]');
  assert.equal((await api('GET', '/api/v1/proeftuinen/bestaat-niet')).status, 404);
  // Saldi start at zero with the credit limit available.
  const s = await saldi(srv, 'dt2012');
  assert.deepEqual(s.GM0505, { organisatie: 'GM0505', naam: 'Dordrecht', gebrachtMinuten: 0, gehaaldMinuten: 0, gestortMinuten: 0,
    saldoMinuten: 0, vastgelegdMinuten: 0, beschikbaarMinuten: 2400, kredietlimietMinuten: 2400, restCenten: 0 });
});

test('opdrachten: lokaal has one principal, meervoudig-lokaal two or more, regionaal every member by gelijk or inwoners', async () => {
  const pt = await proeftuin(srv);
  let r = await api('POST', P(pt, '/opdrachten'), { soort: 'lokaal', titel: 'x', opdrachtgevers: [{ organisatie: 'GM0505' }, { organisatie: 'GM0590' }] });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /precies één opdrachtgever/);
  r = await api('POST', P(pt, '/opdrachten'), { soort: 'meervoudig-lokaal', titel: 'x', opdrachtgevers: [{ organisatie: 'GM0505' }] });
  assert.equal(r.status, 422);
  r = await api('POST', P(pt, '/opdrachten'), { soort: 'lokaal', titel: 'x', opdrachtgevers: [{ organisatie: 'GM9999' }] });
  assert.equal(r.status, 422);
  r = await api('POST', P(pt, '/opdrachten'), { soort: 'lokaal', titel: 'x' });
  assert.equal(r.status, 400);
  r = await api('POST', P(pt, '/opdrachten'), { soort: 'wereldwijd', titel: '', opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 0 }] });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((p) => p.name).sort(), ['opdrachtgevers[0].aandeel', 'soort', 'titel']);

  const o = await lokaal(pt, 'GM0505', { contactpersoon: 'MT-lid Dordrecht', geraamdeMinuten: 6000, competenties: [{ competentie: 'jeugdzorg', niveau: 2 }] });
  assert.equal(o.status, 'open');
  assert.deepEqual(o.opdrachtgevers, [{ organisatie: 'GM0505', naam: 'Dordrecht', aandeel: 1 }]);
  assert.deepEqual(o.competenties, [{ competentie: 'jeugdzorg', niveau: 2 }]);
  assert.equal((await api('GET', P(pt, `/opdrachten/${o.id}`))).json.titel, 'Opdracht van GM0505');
  assert.equal((await api('GET', P(pt, '/opdrachten/999999'))).status, 404);

  const gelijk = await must(api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'rMJP 2012', verdeelsleutel: 'gelijk' }), 'regionaal');
  assert.deepEqual(gelijk.opdrachtgevers.map((g) => [g.organisatie, g.aandeel]), CODES.map((c) => [c, 1]));
  const inw = await must(api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'rMJP 2012', verdeelsleutel: 'inwoners' }), 'regionaal');
  assert.deepEqual(inw.opdrachtgevers.map((g) => g.aandeel), [19600, 118800, 29000, 32000, 24600, 44500]);
  assert.equal(inw.verdeelsleutel, 'inwoners');
  // A regional opdracht is of all members: a partial list is refused.
  r = await api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'x', opdrachtgevers: [{ organisatie: 'GM0505' }, { organisatie: 'GM0590' }] });
  assert.equal(r.status, 422);
  // A non-member cannot be a principal.
  const small = await proeftuin(srv, { leden: ['GM0505', 'GM0590'] });
  r = await api('POST', P(small, '/opdrachten'), { soort: 'lokaal', titel: 'x', opdrachtgevers: [{ organisatie: 'GM0642' }] });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /geen lid/);
  const list = (await api('GET', P(pt, '/opdrachten?soort=regionaal'))).json;
  assert.equal(list.length, 2);
  assert.equal((await api('GET', P(pt, '/opdrachten?organisatie=GM0505&soort=lokaal'))).json.length, 1);
});

test('inwoners as key needs every member\'s inhabitants', async () => {
  const r0 = await api('POST', '/api/v1/organisaties', { code: 'SSC-DT', naam: 'SSC Drechtsteden', soort: 'ssc' });
  assert.equal(r0.status, 201);
  const pt = await proeftuin(srv, { leden: ['GM0505', 'SSC-DT'] });
  const r = await api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'x', verdeelsleutel: 'inwoners' });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /SSC Drechtsteden/);
});

test('inzet commits each principal\'s share of its drawing rights and is refused beyond them, naming the shortfall', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0505');
  let r = await api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 3000 });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /Dordrecht \(GM0505\) heeft 2400 minuten beschikbaar/);
  assert.match(r.json.detail, /tekort 600 minuten/);
  r = await api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 1200 });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.vastgelegd, [{ organisatie: 'GM0505', minuten: 1200, vrijgegeven: 0 }]);
  let s = await saldi(srv, pt);
  assert.equal(s.GM0505.vastgelegdMinuten, 1200);
  assert.equal(s.GM0505.beschikbaarMinuten, 1200);
  assert.equal(s.GM0590.vastgelegdMinuten, 0);
  // A shared opdracht splits the commitment: 1000 over GM0505 and GM0642 by 1:3 = 250 + 750.
  const m = await must(api('POST', P(pt, '/opdrachten'), { soort: 'meervoudig-lokaal', titel: 'Wmo',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }, { organisatie: 'GM0642', aandeel: 3 }] }), 'opdracht');
  r = await api('POST', P(pt, `/opdrachten/${m.id}/inzet`), { medewerker: staff.GM0482, minuten: 1000 });
  assert.equal(r.status, 201);
  s = await saldi(srv, pt);
  assert.equal(s.GM0505.vastgelegdMinuten, 1450);
  assert.equal(s.GM0642.vastgelegdMinuten, 750);
  // Staff of a principal commits only the other principals.
  r = await api('POST', P(pt, `/opdrachten/${m.id}/inzet`), { medewerker: staff.GM0642, minuten: 400 });
  assert.deepEqual(r.json.vastgelegd, [{ organisatie: 'GM0505', minuten: 100, vrijgegeven: 0 }]);
  r = await api('POST', P(pt, `/opdrachten/${m.id}/inzet`), { medewerker: 999999, minuten: 10 });
  assert.equal(r.status, 422);
  r = await api('POST', P(pt, `/opdrachten/${m.id}/inzet`), { medewerker: staff.GM0642, minuten: -5 });
  assert.equal(r.status, 400);
});

test('bookings: staff of another organisation books within its inzet; approval posts exactly; own work moves nothing', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0505');
  let r = await book(pt, staff.GM0590, o.id, 390);
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /niet ingezet/);
  await must(api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 600 }), 'inzet');
  r = await book(pt, staff.GM0590, o.id, 390);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'ingediend');
  assert.equal(r.json.organisatie, 'GM0590');
  const first = r.json.id;
  r = await book(pt, staff.GM0590, o.id, 211, '2012-03-06');
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /nog 3:30 uur bij, niet 3:31 uur/);
  r = await book(pt, staff.GM0590, o.id, 210, '2012-03-06');
  assert.equal(r.status, 201);
  // Nothing moves before approval.
  let s = await saldi(srv, pt);
  assert.equal(s.GM0590.gebrachtMinuten, 0);
  r = await approve(pt, first);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'goedgekeurd');
  assert.deepEqual(r.json.posten, [{ organisatie: 'GM0590', soort: 'gebracht', minuten: 390 }, { organisatie: 'GM0505', soort: 'gehaald', minuten: -390 }]);
  s = await saldi(srv, pt);
  assert.equal(s.GM0590.gebrachtMinuten, 390);
  assert.equal(s.GM0590.saldoMinuten, 390);
  assert.equal(s.GM0590.beschikbaarMinuten, 2790);
  assert.equal(s.GM0505.gehaaldMinuten, 390);
  assert.equal(s.GM0505.saldoMinuten, -390);
  // The commitment is released by what was taken: beschikbaar stays 2400 − 600.
  assert.equal(s.GM0505.vastgelegdMinuten, 210);
  assert.equal(s.GM0505.beschikbaarMinuten, 1800);
  assert.equal((await approve(pt, first)).status, 422);
  // Own staff on the own assignment: approved, nothing posted.
  r = await book(pt, staff.GM0505, o.id, 480, '2012-03-07');
  assert.equal(r.status, 201);
  r = await approve(pt, r.json.id);
  assert.equal(r.json.status, 'goedgekeurd');
  assert.equal(r.json.transactie, null);
  assert.deepEqual(r.json.posten, []);
  assert.equal((await saldi(srv, pt)).GM0505.saldoMinuten, -390);
  // Validation: a day has 1440 minutes, dates lie within the proeftuin.
  assert.equal((await book(pt, staff.GM0505, o.id, 1441)).status, 400);
  assert.equal((await book(pt, staff.GM0505, o.id, 1000, '2012-03-07')).status, 422);
  assert.equal((await book(pt, staff.GM0505, o.id, 60, '2013-01-01')).status, 422);
  assert.equal((await book(pt, staff.GM0505, 999999, 60)).status, 422);
  // The approval queue of a principal.
  const queue = (await api('GET', P(pt, '/uren?status=ingediend&opdrachtgever=GM0505'))).json;
  assert.deepEqual(queue.map((u) => u.minuten), [210]);
  assert.equal((await api('GET', P(pt, '/uren?status=ingediend&opdrachtgever=GM0642'))).json.length, 0);
});

test('a regional booking is shared by inhabitants, exactly, by largest remainder', async () => {
  const pt = await proeftuin(srv, { kredietlimietMinuten: 10000 });
  const rmjp = await must(api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'rMJP', verdeelsleutel: 'inwoners' }), 'regionaal');
  // Staff of Dordrecht, a principal itself, books 6 hours without an inzet.
  let r = await book(pt, staff.GM0505, rmjp.id, 360);
  assert.equal(r.status, 201);
  r = await approve(pt, r.json.id);
  assert.equal(r.status, 200, r.text);
  // 360 by 19600:118800:29000:32000:24600:44500 (W = 268500) → floors 26,159,38,42,32,59 (= 356) with
  // remainders 75000, 76500, 237000, 243000, 264000, 178500: the 4 left go to Sliedrecht, Papendrecht,
  // Hendrik-Ido-Ambacht and Zwijndrecht. Dordrecht's own 159 moves nothing.
  const s = await saldi(srv, pt);
  assert.deepEqual(CODES.map((c) => s[c].gehaaldMinuten), [26, 0, 39, 43, 33, 60]);
  assert.equal(s.GM0505.gebrachtMinuten, 360 - 159);
  assert.equal(CODES.reduce((a, c) => a + s[c].gebrachtMinuten - s[c].gehaaldMinuten, 0), 0);
});

test('afkeuren needs a reason; corrigeren reverses an approved entry and commits its inzet again', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0610');
  await must(api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0642, minuten: 600 }), 'inzet');
  const a = (await book(pt, staff.GM0642, o.id, 300)).json;
  const b = (await book(pt, staff.GM0642, o.id, 200, '2012-03-06')).json;
  let r = await api('POST', P(pt, `/uren/${b.id}/afkeuren`), {});
  assert.equal(r.status, 400);
  r = await api('POST', P(pt, `/uren/${b.id}/afkeuren`), { reden: 'niet voor deze opdracht' });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'afgekeurd');
  assert.equal(r.json.reden, 'niet voor deze opdracht');
  assert.equal((await approve(pt, b.id)).status, 422);
  assert.equal((await api('POST', P(pt, `/uren/${a.id}/corrigeren`))).status, 422); // not approved yet
  await must(approve(pt, a.id), 'goedkeuren');
  let s = await saldi(srv, pt);
  assert.equal(s.GM0610.saldoMinuten, -300);
  assert.equal(s.GM0610.vastgelegdMinuten, 300);
  r = await api('POST', P(pt, `/uren/${a.id}/corrigeren`), { reden: 'dubbel geboekt' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'gecorrigeerd');
  assert.ok(r.json.correctie > r.json.transactie);
  s = await saldi(srv, pt);
  assert.equal(s.GM0610.saldoMinuten, 0);
  assert.equal(s.GM0642.saldoMinuten, 0);
  assert.equal(s.GM0610.gehaaldMinuten, 0);
  assert.equal(s.GM0610.vastgelegdMinuten, 600); // the inzet stands again in full
  assert.equal((await api('POST', P(pt, `/uren/${a.id}/corrigeren`))).status, 422);
  // The journal keeps both: the posting and its reversal.
  const j = (await api('GET', P(pt, '/journaal'))).text;
  assert.match(j, /Correctie van urenregel/);
  assert.match(j, /leden:GM0610 {2}300 min/);
  assert.match(j, /leden:GM0610 {2}-300 min/);
  // The corrected minutes may be booked again within the inzet.
  assert.equal((await book(pt, staff.GM0642, o.id, 600, '2012-03-08')).status, 201);
});

test('a correction that would take the bringer below its credit limit is refused', async () => {
  const pt = await proeftuin(srv, { kredietlimietMinuten: 100 });
  const o = await lokaal(pt, 'GM0505');
  const back = await lokaal(pt, 'GM0590');
  await must(api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 100 }), 'inzet');
  const e = (await book(pt, staff.GM0590, o.id, 100)).json;
  await must(approve(pt, e.id), 'goedkeuren');
  // GM0590 spends what it brought: 200 available → commit 200 on its own opdracht worked by GM0505.
  await must(api('POST', P(pt, `/opdrachten/${back.id}/inzet`), { medewerker: staff.GM0505, minuten: 200 }), 'inzet');
  const r = await api('POST', P(pt, `/uren/${e.id}/corrigeren`));
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /Papendrecht \(GM0590\)/);
  assert.equal((await saldi(srv, pt)).GM0590.beschikbaarMinuten, 0);
});

test('a deposit converts cents into minutes at the rate; the rest stays money', async () => {
  const pt = await proeftuin(srv);
  let r = await api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 100000 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.minuten, 923);
  assert.equal(r.json.restCenten, 8);
  assert.equal(r.json.omgerekendCenten, 99992);
  r = await api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 6500, datum: '2012-02-01' });
  assert.equal(r.json.minuten, 60);
  assert.equal(r.json.restCenten, 0);
  const s = await saldi(srv, pt);
  assert.equal(s.GM0505.gestortMinuten, 983);
  assert.equal(s.GM0505.saldoMinuten, 983);
  assert.equal(s.GM0505.beschikbaarMinuten, 3383);
  assert.equal(s.GM0505.restCenten, 8);
  assert.equal((await api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 0 })).status, 400);
  assert.equal((await api('POST', P(pt, '/stortingen'), { organisatie: 'GM9999', bedragCenten: 100 })).status, 422);
  assert.equal((await api('GET', P(pt, '/stortingen'))).json.length, 2);
});

test('samenvoegen: a new meervoudig-lokaal opdracht of both principals; the two are closed and their inzet released', async () => {
  const pt = await proeftuin(srv);
  const a = await lokaal(pt, 'GM0505', { geraamdeMinuten: 1000 });
  const b = await lokaal(pt, 'GM0590', { geraamdeMinuten: 500 });
  await must(api('POST', P(pt, `/opdrachten/${a.id}/inzet`), { medewerker: staff.GM0642, minuten: 300 }), 'inzet');
  assert.equal((await saldi(srv, pt)).GM0505.vastgelegdMinuten, 300);
  let r = await api('POST', P(pt, `/opdrachten/${a.id}/samenvoegen`), { met: a.id });
  assert.equal(r.status, 422);
  r = await api('POST', P(pt, `/opdrachten/${a.id}/samenvoegen`), { met: b.id });
  assert.equal(r.status, 201, r.text);
  const c = r.json;
  assert.equal(c.soort, 'meervoudig-lokaal');
  assert.deepEqual(c.opdrachtgevers.map((g) => g.organisatie), ['GM0505', 'GM0590']);
  assert.deepEqual(c.samengevoegdUit, [a.id, b.id]);
  assert.equal(c.geraamdeMinuten, 1500);
  const a2 = (await api('GET', P(pt, `/opdrachten/${a.id}`))).json;
  assert.equal(a2.status, 'samengevoegd');
  assert.equal(a2.samengevoegdIn, c.id);
  assert.equal((await saldi(srv, pt)).GM0505.vastgelegdMinuten, 0);
  r = await book(pt, staff.GM0505, a.id, 60);
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /samengevoegd in opdracht/);
  assert.equal((await api('POST', P(pt, `/opdrachten/${a.id}/samenvoegen`), { met: c.id })).status, 422);
  const rmjp = await must(api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'rMJP' }), 'regionaal');
  assert.equal((await api('POST', P(pt, `/opdrachten/${c.id}/samenvoegen`), { met: rmjp.id })).status, 422);
  // afronden closes an opdracht for bookings.
  r = await api('POST', P(pt, `/opdrachten/${c.id}/afronden`));
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'afgerond');
  assert.equal((await book(pt, staff.GM0505, c.id, 60)).status, 422);
});

test('an open opdracht can be changed: titel, omschrijving, contactpersoon, raming, competenties; not who pays', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0505', { contactpersoon: 'A. Jansen', geraamdeMinuten: 600 });
  let r = await api('PATCH', P(pt, `/opdrachten/${o.id}`), { titel: 'Nota grondbeleid', contactpersoon: null, geraamdeMinuten: 1200,
    competenties: [{ competentie: 'gis', niveau: 2 }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.titel, 'Nota grondbeleid');
  assert.equal(r.json.contactpersoon, null);
  assert.equal(r.json.geraamdeMinuten, 1200);
  assert.deepEqual(r.json.competenties, [{ competentie: 'gis', niveau: 2 }]);
  assert.deepEqual(r.json.opdrachtgevers.map((g) => g.organisatie), ['GM0505']);
  // Only what is present changes.
  r = await api('PATCH', P(pt, `/opdrachten/${o.id}`), { omschrijving: 'Actualisatie' });
  assert.equal(r.json.titel, 'Nota grondbeleid');
  assert.equal(r.json.omschrijving, 'Actualisatie');
  assert.equal(r.json.geraamdeMinuten, 1200);
  // Field errors 400, naming each; who pays cannot be changed here.
  r = await api('PATCH', P(pt, `/opdrachten/${o.id}`), { titel: '', geraamdeMinuten: -5, opdrachtgevers: [{ organisatie: 'GM0590' }] });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name).sort(), ['geraamdeMinuten', 'opdrachtgevers', 'titel']);
  assert.equal((await api('PATCH', P(pt, '/opdrachten/99999'), { titel: 'x' })).status, 404);
  assert.equal((await api('GET', P(pt, `/opdrachten/${o.id}`))).json.titel, 'Nota grondbeleid', 'a refused change changes nothing');
  // Closed: no longer changed.
  await must(api('POST', P(pt, `/opdrachten/${o.id}/afronden`)), 'afronden');
  assert.equal((await api('PATCH', P(pt, `/opdrachten/${o.id}`), { titel: 'Later' })).status, 422);
});

test('afrekening turns every saldo into money at the rate and closes the period; the journal and saldi then stand at zero', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0505');
  await must(api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 1200 }), 'inzet');
  const e = (await book(pt, staff.GM0590, o.id, 390)).json;
  await must(approve(pt, e.id), 'goedkeuren');
  await must(api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 100000, datum: '2012-06-01' }), 'storting');
  const pending = (await book(pt, staff.GM0590, o.id, 60, '2012-03-06')).json;
  let r = await api('POST', P(pt, '/afrekening'));
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /ter goedkeuring/);
  await must(api('POST', P(pt, `/uren/${pending.id}/afkeuren`), { reden: 'vergissing' }), 'afkeuren');
  const preview = (await api('GET', P(pt, '/afrekening'))).json;
  assert.equal(preview.voorlopig, true);
  r = await api('POST', P(pt, '/afrekening'));
  assert.equal(r.status, 201, r.text);
  const regels = Object.fromEntries(r.json.regels.map((x) => [x.organisatie, x]));
  assert.deepEqual(preview.regels, r.json.regels);
  // GM0505: −390 + 923 = 533 min = 57 741,67 → 57742 cents; GM0590: 390 min = 42 250 cents.
  assert.equal(regels.GM0505.saldoMinuten, 533);
  assert.equal(regels.GM0505.bedragCenten, 57742);
  assert.equal(regels.GM0505.restCenten, 8);
  assert.equal(regels.GM0590.saldoMinuten, 390);
  assert.equal(regels.GM0590.bedragCenten, 42250);
  assert.equal(regels.GM0642.bedragCenten, 0);
  assert.equal(r.json.totaalCenten, 99992);
  // Closed: no bookings, deposits or inzet any more.
  r = await book(pt, staff.GM0590, o.id, 60, '2012-12-30');
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /afgerekend/);
  assert.equal((await api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 100 })).status, 422);
  assert.equal((await api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 10 })).status, 422);
  assert.equal((await api('POST', P(pt, '/afrekening'))).status, 422);
  assert.equal((await api('GET', P(pt))).json.status, 'afgerekend');
  const s = await saldi(srv, pt);
  for (const c of CODES) {
    assert.equal(s[c].saldoMinuten, 0, c);
    assert.equal(s[c].vastgelegdMinuten, 0, c);
    assert.equal(s[c].beschikbaarMinuten, 2400, c);
  }
  assert.equal((await api('GET', P(pt, '/afrekeningen'))).json[0].totaalCenten, 99992);
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('an intermediate settlement: the next period starts at zero and the settled one is closed', async () => {
  const pt = await proeftuin(srv);
  const o = await lokaal(pt, 'GM0531');
  await must(api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0482, minuten: 1000 }), 'inzet');
  const jan = (await book(pt, staff.GM0482, o.id, 120, '2012-01-10')).json;
  const jul = (await book(pt, staff.GM0482, o.id, 45, '2012-07-10')).json;
  await must(approve(pt, jan.id), 'jan');
  await must(approve(pt, jul.id), 'jul');
  const r = await api('POST', P(pt, '/afrekening'), { tot: '2012-06-30' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.regels.find((x) => x.organisatie === 'GM0482').saldoMinuten, 120);
  assert.equal(r.json.regels.find((x) => x.organisatie === 'GM0482').bedragCenten, 13000);
  const s = await saldi(srv, pt);
  assert.equal(s.GM0482.gebrachtMinuten, 45); // only July's work is in the new period
  assert.equal(s.GM0531.gehaaldMinuten, 45);
  assert.equal(s.GM0531.vastgelegdMinuten, 1000 - 165);
  assert.equal((await book(pt, staff.GM0482, o.id, 30, '2012-06-30')).status, 422);
  assert.equal((await book(pt, staff.GM0482, o.id, 30, '2012-07-01')).status, 201);
  assert.equal((await api('POST', P(pt, `/uren/${jan.id}/corrigeren`))).status, 422); // its period is settled
  assert.equal((await api('POST', P(pt, `/uren/${jul.id}/corrigeren`))).status, 200);
  assert.equal((await api('GET', P(pt))).json.afgerekendTot, '2012-06-30');
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('Idempotency-Key: a repeat returns the first response and posts nothing twice', async () => {
  const pt = await proeftuin(srv);
  const key = { headers: { 'Idempotency-Key': `storting-${pt}` } };
  const body = { organisatie: 'GM0590', bedragCenten: 13000, datum: '2012-05-01' };
  const r1 = await api('POST', P(pt, '/stortingen'), body, key);
  const r2 = await api('POST', P(pt, '/stortingen'), body, key);
  assert.equal(r1.status, 201);
  assert.equal(r2.status, 201);
  assert.equal(r2.text, r1.text);
  assert.equal(r2.headers.get('idempotent-replayed'), 'true');
  assert.equal(r1.headers.get('idempotent-replayed'), null);
  assert.equal((await saldi(srv, pt)).GM0590.gestortMinuten, 120);
  // The same key for another request is refused.
  const r3 = await api('POST', P(pt, '/stortingen'), { ...body, bedragCenten: 1 }, key);
  assert.equal(r3.status, 422);
  assert.match(r3.json.detail, /Idempotency-Key/);
  // Approvals too: the second approval with the key is the first answer, not a 422.
  const o = await lokaal(pt, 'GM0590');
  const e = (await book(pt, staff.GM0590, o.id, 30)).json;
  const k2 = { headers: { 'Idempotency-Key': `goedkeuren-${pt}` } };
  const a1 = await api('POST', P(pt, `/uren/${e.id}/goedkeuren`), null, k2);
  const a2 = await api('POST', P(pt, `/uren/${e.id}/goedkeuren`), null, k2);
  assert.equal(a1.status, 200);
  assert.equal(a2.status, 200);
  assert.equal(a2.text, a1.text);
  // Concurrent repeats: exactly one deposit.
  const k3 = { headers: { 'Idempotency-Key': `parallel-${pt}` } };
  const all = await Promise.all(Array.from({ length: 8 }, () => api('POST', P(pt, '/stortingen'), { ...body, bedragCenten: 6500 }, k3)));
  assert.ok(all.every((x) => x.status === 201 && x.text === all[0].text));
  assert.equal((await saldi(srv, pt)).GM0590.gestortMinuten, 180);
  assert.equal((await api('POST', P(pt, '/stortingen'), body, { headers: { 'Idempotency-Key': 'met spatie' } })).status, 400);
  // A refusal by a rule is an outcome too: replayed, not retried.
  const k4 = { headers: { 'Idempotency-Key': `te-veel-${pt}` } };
  const big = await api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0505, minuten: 99999 }, k4);
  assert.equal(big.status, 422);
  assert.equal((await api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0505, minuten: 99999 }, k4)).headers.get('idempotent-replayed'), 'true');
});

test('verify exits 0 when the kept balances match the journal and 1 listing every difference', async () => {
  const pt = await proeftuin(srv);
  await must(api('POST', P(pt, '/stortingen'), { organisatie: 'GM0642', bedragCenten: 65000, datum: '2012-04-01' }), 'storting');
  let v = samen(['proeftuin', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stderr, /kloppen met het journaal/);
  // Tamper with a kept balance behind samen's back (the journal itself refuses changes).
  const sql = (q) => sqlDb(srv.db, q);
  let t = sql(`UPDATE journaal_posten SET minuten = 1 WHERE proeftuin_id = (SELECT id FROM proeftuinen WHERE code = '${pt}')`);
  assert.match(t.stderr, /alleen aan te vullen/);
  t = sql(`UPDATE proeftuin_leden SET gestort_minuten = gestort_minuten + 5 WHERE proeftuin_id = (SELECT id FROM proeftuinen WHERE code = '${pt}')
           AND organisatie_id = (SELECT id FROM organisaties WHERE code = 'GM0642')`);
  assert.equal(t.status, 0, t.stderr);
  v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`${pt} GM0642 gestort: bijgehouden 605, herberekend 600 \\(verschil -5\\)`));
  sql(`UPDATE proeftuin_leden SET gestort_minuten = gestort_minuten - 5 WHERE proeftuin_id = (SELECT id FROM proeftuinen WHERE code = '${pt}')
       AND organisatie_id = (SELECT id FROM organisaties WHERE code = 'GM0642')`);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', 'bestaat-niet']).status, 1);
  assert.equal(samen(['proeftuin', 'verify']).status, 2);
});
