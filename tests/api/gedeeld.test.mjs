// Shared staff and hosted tasks (issue 17, docs/kwaliteitskaart.md "Gedeelde
// medewerkers", docs/registerformaat.md "Gastgemeente"): a medewerker employed
// by one organisation who works for several (DSZ's joint inkoopadviseur), a
// task one member performs for the others without a legal entity (the
// applicatiebeheer of Sociale Zaken by Dalfsen), both in the matrix, and the
// urenbank booking the shared person's hours on opdrachten of whom they work for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';

let srv;
const api = (m, p, b, o) => srv.api(m, p, b, o);
const tokens = {};
const as = (who) => ({ token: tokens[who] });
const DSZ = ['GM0148', 'GM0180', 'GM1896'];

async function must(res, what) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}
async function matrix(org, datum) {
  const r = await api('GET', `/api/v1/matrix?organisatie=${org}&datum=${datum}`, null, { token: null });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.map((x) => [x.taakveld, x]));
}
const staff = async (naam, organisatie, functie = 'beleidsmedewerker') =>
  (await must(api('POST', '/api/v1/medewerkers', { naam, organisatie, functie, uurPerWeek: 36, beschikbaarUurPerWeek: 8 }), naam)).id;
const params = (r) => (r.json['invalid-params'] || []).map((p) => p.name);

before(async () => {
  srv = await startServer();
  for (const [code, naam, inwoners] of [['GM0148', 'Dalfsen', 28000], ['GM0180', 'Staphorst', 16300], ['GM1896', 'Zwartewaterland', 22300]])
    await must(api('POST', '/api/v1/organisaties', { code, naam, soort: 'gemeente', inwoners, geldigVan: '2001-01-01' }), code);
  for (const [code, naam, soort] of [['inkoop', 'Inkoop en aanbesteding', 'bedrijfsvoering'], ['applicatiebeheer-sz', 'Applicatiebeheer Sociale Zaken', 'bedrijfsvoering'], ['ict', 'ICT', 'bedrijfsvoering']])
    await must(api('POST', '/api/v1/taakvelden', { code, naam, soort }), code);
  await must(api('POST', '/api/v1/verbanden', {
    code: 'dsz', naam: 'DSZ', doelen: ['kwaliteit'],
    leden: DSZ.map((organisatie) => ({ organisatie, rol: 'lid', van: '2010-01-01' })),
    trajecten: [{ taakveld: 'inkoop', fase: 'uitvoering', vorm: 'netwerk', intensiteit: 'gezamenlijke-uitvoering', deelnemers: DSZ, start: '2010-01-01' }],
  }), 'verband');
  for (const [naam, rol, organisatie] of [['mgr-dalfsen', 'manager', 'GM0148'], ['mgr-staphorst', 'manager', 'GM0180'],
    ['mw-dalfsen', 'medewerker', 'GM0148'], ['raad-staphorst', 'raadslid', 'GM0180']]) {
    await createUser(srv, { naam, rol, organisatie });
    tokens[naam] = (await tokenFor(srv, naam)).token;
  }
});
after(async () => { await srv.stop(); });

test('a hosted task: Dalfsen performs applicatiebeheer Sociale Zaken for Staphorst and Zwartewaterland, in the matrix of each', async () => {
  const body = { taakveld: 'applicatiebeheer-sz', fase: 'uitvoering', vorm: 'netwerk', intensiteit: 'gezamenlijke-uitvoering',
    deelnemers: DSZ, uitvoerder: 'GM0148', start: '2012-03-08' };
  const t = await must(api('POST', '/api/v1/verbanden/dsz/trajecten', body), 'traject');
  assert.equal(t.uitvoerder, 'GM0148');
  assert.equal((await api('GET', `/api/v1/trajecten/${t.id}`, null, { token: null })).json.uitvoerder, 'GM0148');
  for (const org of DSZ) {
    const m = await matrix(org, '2012-03-08');
    assert.deepEqual(m['applicatiebeheer-sz'].uitgevoerdDoor, [{ verband: 'dsz', organisatie: 'GM0148' }], org);
    assert.deepEqual(m['applicatiebeheer-sz'].verbanden, ['dsz']);
    assert.equal(m.inkoop.uitgevoerdDoor, undefined, 'inkoop is done together, not hosted');
  }
  assert.deepEqual((await matrix('GM0180', '2012-03-08'))['applicatiebeheer-sz'].partners, ['GM0148', 'GM1896']);
  assert.equal((await matrix('GM0180', '2012-03-07'))['applicatiebeheer-sz'], undefined, 'not before its start');
  // A traject without uitvoerder says so: null.
  const inkoop = (await api('GET', '/api/v1/trajecten?verband=dsz&taakveld=inkoop', null, { token: null })).json[0];
  assert.equal(inkoop.uitvoerder, null);
});

test('the uitvoerder is one of the participants; a refusal writes nothing', async () => {
  const before = (await api('GET', '/api/v1/trajecten?verband=dsz', null, { token: null })).json.length;
  const base = { taakveld: 'applicatiebeheer-sz', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'afstemming', start: '2012-06-01' };
  let r = await api('POST', '/api/v1/verbanden/dsz/trajecten', { ...base, deelnemers: ['GM0180', 'GM1896'], uitvoerder: 'GM0148' });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.deepEqual(params(r), ['uitvoerder']);
  assert.match(r.json.detail, /GM0148 doet niet mee aan dit traject/);
  r = await api('POST', '/api/v1/verbanden/dsz/trajecten', { ...base, deelnemers: DSZ, uitvoerder: 'GM9999' });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(params(r), ['uitvoerder']);
  r = await api('POST', '/api/v1/verbanden/dsz/trajecten', { ...base, deelnemers: DSZ, uitvoerder: 148 });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(params(r), ['uitvoerder']);
  assert.equal((await api('GET', '/api/v1/trajecten?verband=dsz', null, { token: null })).json.length, before);
});

test('shared staff: the inkoopadviseur stays employed by Dalfsen and works for the three DSZ municipalities', async () => {
  const id = await staff('Inkoopadviseur DSZ', 'GM0148', 'inkoopadviseur');
  const werktVoor = DSZ.map((organisatie) => ({ organisatie, taakveld: 'inkoop', van: '2010-01-01' }));
  const put = await api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, { werktVoor });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.werktVoor.map((w) => [w.organisatie, w.naam, w.taakveld, w.van, w.tot]),
    [['GM0148', 'Dalfsen', 'inkoop', '2010-01-01', null], ['GM0180', 'Staphorst', 'inkoop', '2010-01-01', null],
      ['GM1896', 'Zwartewaterland', 'inkoop', '2010-01-01', null]]);
  assert.equal((await api('GET', `/api/v1/medewerkers/${id}`)).json.organisatie, 'GM0148', 'the werkgever stays');
  assert.equal((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor?datum=2012-09-01`)).json.werktVoor.length, 3);
  assert.deepEqual((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor?datum=2009-12-31`)).json.werktVoor, []);
  assert.equal((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor?datum=morgen`)).status, 400);

  // In the matrix of the werkgever and of each organisation served, on the inkoop row; without a name (public).
  for (const org of DSZ) {
    const row = (await matrix(org, '2012-09-01')).inkoop;
    assert.deepEqual(row.gedeeldeMedewerkers, [{ medewerker: id, functie: 'inkoopadviseur', werkgever: 'GM0148', werktVoor: DSZ }], org);
  }
  assert.equal((await matrix('GM0180', '2009-06-01')).inkoop?.gedeeldeMedewerkers, undefined, 'not before van');
  // The AVG inzage holds it too.
  assert.equal((await api('GET', `/api/v1/medewerkers/${id}/inzage`)).json.werktVoor.length, 3);

  // A task field without a traject gets a row of its own, with no partners.
  await must(api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, { werktVoor: [...werktVoor, { organisatie: 'GM0180', taakveld: 'ict', van: '2012-01-01', tot: '2013-01-01' }] }), 'ict');
  const ict = (await matrix('GM0180', '2012-09-01')).ict;
  assert.deepEqual(ict.partners, []);
  assert.deepEqual(ict.gedeeldeMedewerkers[0].werktVoor, ['GM0180']);
  assert.equal((await matrix('GM0180', '2013-01-01')).ict, undefined, 'tot is not included');
});

test('a werkt-voor list is checked as a whole: bad fields 400, unknown references and overlaps 422, and nothing changes', async () => {
  const id = await staff('Adviseur inkoop', 'GM0148', 'inkoopadviseur');
  const good = [{ organisatie: 'GM0180', taakveld: 'inkoop', van: '2011-01-01' }];
  await must(api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, { werktVoor: good }), 'good');
  const refuse = async (body, status, names) => {
    const r = await api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, body);
    assert.equal(r.status, status, r.text);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    if (names) assert.deepEqual(params(r), names);
    return r;
  };
  await refuse({}, 400, ['werktVoor']);
  await refuse({ werktVoor: [{ organisatie: 'GM0180', taakveld: 'inkoop', van: '1-1-2011' }] }, 400, ['werktVoor[0].van']);
  await refuse({ werktVoor: [{ organisatie: 'GM0180', taakveld: 'inkoop', van: '2011-01-01', tot: '2010-01-01' }] }, 400, ['werktVoor[0].tot']);
  await refuse({ werktVoor: [{ organisatie: 'GM0180', van: '2011-01-01' }] }, 400, ['werktVoor[0].taakveld']);
  await refuse({ werktVoor: [...good, { organisatie: 'GM9999', taakveld: 'inkoop', van: '2011-01-01' }] }, 422, ['werktVoor[1]']);
  await refuse({ werktVoor: [{ organisatie: 'GM0180', taakveld: 'geen-taakveld', van: '2011-01-01' }] }, 422, ['werktVoor[0]']);
  const overlap = await refuse({ werktVoor: [...good, { organisatie: 'GM0180', taakveld: 'inkoop', van: '2012-01-01' }] }, 422, ['werktVoor']);
  assert.match(overlap.json.detail, /overlappen/);
  await refuse({ werktVoor: [...good, { ...good[0] }] }, 422);
  assert.deepEqual((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor`)).json.werktVoor.map((w) => w.organisatie), ['GM0180'],
    'the refused lists changed nothing');
  // Ended periods stay when sent back with their tot; a new one after it does not overlap.
  const r = await must(api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, { werktVoor: [{ ...good[0], tot: '2012-01-01' },
    { organisatie: 'GM0180', taakveld: 'inkoop', van: '2012-01-01' }] }), 'periods');
  assert.deepEqual(r.werktVoor.map((w) => [w.van, w.tot]), [['2011-01-01', '2012-01-01'], ['2012-01-01', null]]);
  assert.equal((await api('PUT', '/api/v1/medewerkers/999999/werkt-voor', { werktVoor: [] })).status, 404);
});

test('authorisation: everyone signed in reads it; only the werkgever\'s manager (or the beheerder) sets it', async () => {
  const id = await staff('Gedeeld adviseur', 'GM0148');
  const body = { werktVoor: [{ organisatie: 'GM0180', taakveld: 'inkoop', van: '2012-01-01' }] };
  let r = await api('GET', `/api/v1/medewerkers/${id}/werkt-voor`, null, { token: null });
  assert.equal(r.status, 401);
  assert.equal((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor`, null, as('raad-staphorst'))).status, 200);
  assert.equal((await api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, body, { token: null })).status, 401);
  for (const who of ['mgr-staphorst', 'mw-dalfsen', 'raad-staphorst']) {
    r = await api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, body, as(who));
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
  assert.deepEqual((await api('GET', `/api/v1/medewerkers/${id}/werkt-voor`)).json.werktVoor, []);
  r = await api('PUT', `/api/v1/medewerkers/${id}/werkt-voor`, body, as('mgr-dalfsen'));
  assert.equal(r.status, 200, r.text);
});

test('the urenbank: the shared medewerker books on an opdracht of whom it works for without inzet; the werkgever is credited, four eyes stay', async () => {
  const pt = `dsz-${process.pid}`;
  await must(api('POST', '/api/v1/proeftuinen', { code: pt, naam: 'DSZ-urenbank', van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: 6500, kredietlimietMinuten: 2400, leden: DSZ }), 'proeftuin');
  const opdracht = (await must(api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, { soort: 'lokaal', titel: 'Aanbesteding schoonmaak Staphorst',
    opdrachtgevers: [{ organisatie: 'GM0180', aandeel: 1 }] }), 'opdracht')).id;
  const shared = await staff('Inkoper DSZ', 'GM0148', 'inkoopadviseur');
  await must(api('PUT', `/api/v1/medewerkers/${shared}/werkt-voor`, { werktVoor: [
    { organisatie: 'GM0180', taakveld: 'inkoop', van: '2012-03-01', tot: '2012-04-01' }] }), 'werkt voor');
  const other = await staff('Collega Dalfsen', 'GM0148');
  const book = (medewerker, datum, minuten = 120) => api('POST', `/api/v1/proeftuinen/${pt}/uren`, { medewerker, opdracht, datum, minuten, omschrijving: 'bestek' });

  // Without werkt-voor: only within an inzet, as before.
  let r = await book(other, '2012-03-05');
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.detail, /niet ingezet/);
  // Outside the werkt-voor period: the same.
  r = await book(shared, '2012-04-02');
  assert.equal(r.status, 422, r.text);
  // Within it: booked without an inzet.
  r = await book(shared, '2012-03-05');
  assert.equal(r.status, 201, r.text);
  const entry = r.json.id;
  // Four eyes: Dalfsen, whose organisation the hours credit, does not approve them; Staphorst does.
  r = await api('POST', `/api/v1/proeftuinen/${pt}/uren/${entry}/goedkeuren`, null, as('mgr-dalfsen'));
  assert.equal(r.status, 403, r.text);
  r = await api('POST', `/api/v1/proeftuinen/${pt}/uren/${entry}/goedkeuren`, null, as('mgr-staphorst'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.posten, [{ organisatie: 'GM0148', soort: 'gebracht', minuten: 120 }, { organisatie: 'GM0180', soort: 'gehaald', minuten: -120 }]);
  const saldi = Object.fromEntries((await api('GET', `/api/v1/proeftuinen/${pt}/saldi`)).json.map((s) => [s.organisatie, s]));
  assert.equal(saldi.GM0148.gebrachtMinuten, 120);
  assert.equal(saldi.GM0180.gehaaldMinuten, 120);
  assert.equal(saldi.GM1896.gebrachtMinuten + saldi.GM1896.gehaaldMinuten, 0);
  // Drawing rights still hold: beyond Staphorst's credit (2400 minuten, 120 used) the approval is refused.
  const big = [];
  for (const datum of ['2012-03-06', '2012-03-07', '2012-03-08', '2012-03-09', '2012-03-12', '2012-03-13'])
    big.push((await must(book(shared, datum, 420), 'boeking')).id);
  const answers = [];
  for (const id of big) answers.push((await api('POST', `/api/v1/proeftuinen/${pt}/uren/${id}/goedkeuren`, null, as('mgr-staphorst'))).status);
  assert.deepEqual(answers, [200, 200, 200, 200, 200, 422], '120 + 5 × 420 = 2220 fits in 2400, one more does not');
});
