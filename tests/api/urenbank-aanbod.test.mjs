// Offers as well as requests (issue 11, point 5; docs/urenbank.md "Aanbod"):
// a member's manager offers a medewerker or a competence for so many
// minutes in a period; the network reads it; refusals name their field;
// an offer becomes inzet with the urenbank's consent (a request to the
// opdrachtgever, or at once when the opdrachtgever takes it up itself),
// never beyond what is left; a refused request gives its minutes back; a
// withdrawn or ended offer is closed; and the matching prefers offered
// capacity, bounded by the offer, with the same coverage otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';
import { drechtsteden, proeftuin, must } from './urenbank-helpers.mjs';

let srv, pt, staff, gbaPerson, opdracht;
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const tokens = {};
const ACTORS = {
  'manager-590': { rol: 'manager', organisatie: 'GM0590' },
  'manager-505': { rol: 'manager', organisatie: 'GM0505' },
  'manager-642': { rol: 'manager', organisatie: 'GM0642' },
  medewerker: { rol: 'medewerker', organisatie: 'GM0590' },
  raadslid: { rol: 'raadslid', organisatie: 'GM0505' },
};
const as = (who, method, path, body) => srv.api(method, path, body, { token: tokens[who] });
const params = (r) => (r.json['invalid-params'] || []).map((x) => x.name).sort();

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  await must(srv.api('POST', '/api/v1/competenties', { code: 'gba', naam: 'GBA' }), 'competentie');
  gbaPerson = (await must(srv.api('POST', '/api/v1/medewerkers', { naam: 'Ingrid GBA', organisatie: 'GM0590', functie: 'GBA-specialist',
    uurPerWeek: 36, beschikbaarUurPerWeek: 4 }), 'medewerker')).id;
  await must(srv.api('PUT', `/api/v1/medewerkers/${gbaPerson}/competenties/gba`, { niveau: 3 }), 'niveau');
  pt = await proeftuin(srv);
  opdracht = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'APV Dordrecht',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }], geraamdeMinuten: 3000 }), 'opdracht')).id;
});
after(() => srv?.stop());

const OFFER = () => ({ medewerker: staff.GM0590, minuten: 1200, van: '2012-02-01', tot: '2012-12-31',
  toelichting: 'Na de nota minder werk in Papendrecht.' });

test('a manager offers a person or a competence of its own; the network reads it', async () => {
  let r = await as('manager-590', 'POST', P('/aanbod'), OFFER());
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.organisatie, 'GM0590');
  assert.equal(r.json.medewerker, staff.GM0590);
  assert.equal(r.json.status, 'open', 'judged on the proeftuin\'s last day, its year being over');
  assert.deepEqual([r.json.minuten, r.json.gebruiktMinuten, r.json.overMinuten], [1200, 0, 1200]);
  r = await as('manager-590', 'POST', P('/aanbod'), { competentie: 'gba', minuten: 600, van: '2012-03-01', tot: '2012-12-31' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.competentieNaam, 'GBA');
  assert.equal(r.json.medewerker, undefined);
  const list = await must(as('manager-642', 'GET', P('/aanbod')), 'lijst');
  assert.deepEqual(list.map((a) => a.competentie ?? a.medewerker), ['gba', staff.GM0590], 'newest first, visible to another member');
  assert.equal((await must(as('raadslid', 'GET', P('/aanbod?organisatie=GM0590&status=open')), 'open')).length, 2);
  assert.equal((await must(as('raadslid', 'GET', P('/aanbod?status=ingetrokken')), 'ingetrokken')).length, 0);
  assert.equal((await srv.api('GET', P('/aanbod'), null, { token: null })).status, 401);
  assert.equal((await as('raadslid', 'GET', P('/aanbod?status=weg'))).status, 400);
});

test('refusals name their field, and nothing is written', async () => {
  const before = (await must(srv.api('GET', P('/aanbod')), 'lijst')).length;
  let r = await as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), minuten: 0 });
  assert.equal(r.status, 400);
  assert.deepEqual(params(r), ['minuten']);
  r = await as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), van: '2012-06-01', tot: '2012-05-01' });
  assert.equal(r.status, 400);
  assert.deepEqual(params(r), ['tot']);
  assert.match(r.json['invalid-params'][0].reason, /andersom/);
  r = await as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), medewerker: staff.GM0505 });
  assert.equal(r.status, 422, 'a medewerker of another organisation');
  assert.deepEqual(params(r), ['medewerker']);
  assert.match(r.json.detail, /Dordrecht/);
  r = await as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), competentie: 'gba' });
  assert.equal(r.status, 400, 'a person or a competence, not both');
  r = await as('manager-590', 'POST', P('/aanbod'), { minuten: 60, van: '2012-02-01', tot: '2012-03-01' });
  assert.equal(r.status, 400, 'neither');
  r = await as('manager-590', 'POST', P('/aanbod'), { competentie: 'astrologie', minuten: 60, van: '2012-02-01', tot: '2012-03-01' });
  assert.equal(r.status, 422);
  assert.deepEqual(params(r), ['competentie']);
  r = await as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), tot: '2013-02-01' });
  assert.equal(r.status, 422, 'outside the proeftuin');
  assert.deepEqual(params(r), ['tot']);
  assert.equal((await as('manager-505', 'POST', P('/aanbod'), { ...OFFER(), organisatie: 'GM0590' })).status, 403);
  assert.equal((await as('medewerker', 'POST', P('/aanbod'), OFFER())).status, 403);
  assert.equal((await as('raadslid', 'POST', P('/aanbod'), OFFER())).status, 403);
  assert.equal((await must(srv.api('GET', P('/aanbod')), 'lijst')).length, before);
});

test('converting: asked of the opdrachtgever, or at once when it takes the offer up; never beyond what is left', async () => {
  const offer = await must(as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), minuten: 1000 }), 'aanbod');
  const IN = (rest = '') => P(`/aanbod/${offer.id}${rest}`);
  // The offering manager puts it on Dordrecht's opdracht: Dordrecht is asked.
  let r = await as('manager-590', 'POST', IN('/inzet'), { opdracht, minuten: 300 });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.status, 'gevraagd');
  assert.deepEqual(r.json.instemmingen.map((i) => [i.organisatie, i.antwoord]), [['GM0505', 'gevraagd']]);
  let a = await must(srv.api('GET', IN()), 'aanbod');
  assert.deepEqual([a.gebruiktMinuten, a.overMinuten], [300, 700], 'a pending request holds its minutes');
  assert.equal(a.omzettingen[0].verzoekStatus, 'gevraagd');
  r = await as('manager-505', 'POST', P(`/inzetverzoeken/${a.omzettingen[0].inzetverzoek}/akkoord`));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'aanvaard');
  // Dordrecht's manager takes the offer up for its own opdracht: consent given, inzet at once.
  r = await as('manager-505', 'POST', IN('/inzet'), { opdracht, minuten: 600 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.medewerker, staff.GM0590);
  assert.equal(r.json.minuten, 600);
  a = await must(srv.api('GET', IN()), 'aanbod');
  assert.deepEqual([a.gebruiktMinuten, a.overMinuten], [900, 100]);
  assert.equal(a.omzettingen[1].inzet, r.json.id);
  const opd = await must(srv.api('GET', P(`/opdrachten/${opdracht}`)), 'opdracht');
  assert.deepEqual(opd.inzet.map((i) => i.minuten).sort((x, y) => x - y), [300, 600]);
  // More than is left.
  r = await as('manager-505', 'POST', IN('/inzet'), { opdracht, minuten: 101 });
  assert.equal(r.status, 422);
  assert.deepEqual(params(r), ['minuten']);
  assert.match(r.json.detail, /1:40 uur/);
  // A refused request gives its minutes back.
  r = await must(as('manager-590', 'POST', IN('/inzet'), { opdracht, minuten: 100 }), 'verzoek');
  assert.equal((await must(srv.api('GET', IN()), 'aanbod')).overMinuten, 0);
  assert.equal((await must(srv.api('GET', P('/aanbod?status=opgebruikt')), 'opgebruikt')).length, 1);
  await must(as('manager-505', 'POST', P(`/inzetverzoeken/${r.id}/weigeren`), { reden: 'Niet nodig.' }), 'weigeren');
  assert.equal((await must(srv.api('GET', IN()), 'aanbod')).overMinuten, 100);
  // Someone who neither offers nor is an opdrachtgever may not.
  assert.equal((await as('manager-642', 'POST', IN('/inzet'), { opdracht, minuten: 50 })).status, 403);
  // Another medewerker than the offered one; an opdracht that does not exist.
  r = await as('manager-505', 'POST', IN('/inzet'), { opdracht, minuten: 50, medewerker: gbaPerson });
  assert.equal(r.status, 422);
  assert.deepEqual(params(r), ['medewerker']);
  r = await as('manager-590', 'POST', IN('/inzet'), { opdracht: 999999, minuten: 50 });
  assert.equal(r.status, 422);
  assert.deepEqual(params(r), ['opdracht']);
  // Withdrawn: closed, once.
  r = await as('manager-505', 'POST', IN('/intrekken'));
  assert.equal(r.status, 403, 'only the offering organisation withdraws');
  r = await as('manager-590', 'POST', IN('/intrekken'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'ingetrokken');
  assert.equal(r.json.ingetrokkenDoor, `manager-590-${process.pid}`);
  assert.equal((await as('manager-590', 'POST', IN('/intrekken'))).status, 422);
  r = await as('manager-505', 'POST', IN('/inzet'), { opdracht, minuten: 50 });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /ingetrokken/);
  assert.equal((await must(srv.api('GET', IN()), 'aanbod')).omzettingen.length, 3, 'what was made stays');
});

test('an ended offer and a competence offer', async () => {
  let r = await must(as('manager-590', 'POST', P('/aanbod'), { ...OFFER(), van: '2012-01-01', tot: '2012-03-31' }), 'aanbod');
  assert.equal(r.status, 'verlopen');
  r = await as('manager-505', 'POST', P(`/aanbod/${r.id}/inzet`), { opdracht, minuten: 60 });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /31 maart 2012.*verlopen/);
  const comp = await must(as('manager-590', 'POST', P('/aanbod'), { competentie: 'gba', minuten: 480, van: '2012-01-01', tot: '2012-12-31' }), 'gba');
  r = await as('manager-505', 'POST', P(`/aanbod/${comp.id}/inzet`), { opdracht, minuten: 60 });
  assert.equal(r.status, 400, 'who does it must be said');
  assert.deepEqual(params(r), ['medewerker']);
  r = await as('manager-505', 'POST', P(`/aanbod/${comp.id}/inzet`), { opdracht, minuten: 60, medewerker: staff.GM0590 });
  assert.equal(r.status, 422, 'without the competence');
  r = await as('manager-505', 'POST', P(`/aanbod/${comp.id}/inzet`), { opdracht, minuten: 240, medewerker: gbaPerson });
  assert.equal(r.status, 201, r.text);
  assert.equal((await must(srv.api('GET', P(`/aanbod/${comp.id}`)), 'gba')).overMinuten, 240);
  assert.equal((await srv.api('GET', P('/aanbod/999999'))).status, 404);
  assert.equal((await srv.api('GET', '/api/v1/proeftuinen/bestaat-niet/aanbod')).status, 404);
  assert.equal((await srv.api('GET', P('/aanbod?organisatie=GM9999'))).status, 400);
});

test('the matching prefers offered capacity, bounded by the offer, with the same coverage', async () => {
  // Fresh members, so that only these two people hold the competence:
  // A of Z (lowest saldo) and B of Q (a deposit raises its saldo). 14 days of
  // 2 h a week are 240 minutes each; the opdracht asks 240 of wmo.
  const code = (k) => `${k}-${process.pid}`;
  for (const k of ['DA', 'ZA', 'QA'])
    await must(srv.api('POST', '/api/v1/organisaties', { code: code(k), naam: `Gemeente ${k}`, soort: 'overig' }), 'organisatie');
  await must(srv.api('POST', '/api/v1/competenties', { code: 'wmo', naam: 'Wmo' }), 'competentie');
  const person = async (naam, org) => {
    const m = await must(srv.api('POST', '/api/v1/medewerkers', { naam, organisatie: org, functie: 'adviseur', uurPerWeek: 36,
      beschikbaarUurPerWeek: 2 }), 'medewerker');
    await must(srv.api('PUT', `/api/v1/medewerkers/${m.id}/competenties/wmo`, { niveau: 1 }), 'niveau');
    return m.id;
  };
  const A = await person('A Wmo', code('ZA')), B = await person('B Wmo', code('QA'));
  const mp = await proeftuin(srv, { leden: [code('DA'), code('ZA'), code('QA')] });
  const M = (rest) => `/api/v1/proeftuinen/${mp}${rest}`;
  const o = (await must(srv.api('POST', M('/opdrachten'), { soort: 'lokaal', titel: 'Wmo-nota', opdrachtgevers: [{ organisatie: code('DA'), aandeel: 1 }],
    geraamdeMinuten: 240, competenties: [{ competentie: 'wmo', niveau: 1 }] }), 'opdracht')).id;
  await must(srv.api('POST', M('/stortingen'), { organisatie: code('QA'), bedragCenten: 6500, datum: '2012-02-01' }), 'storting');
  const rows = (v) => v.toewijzingen.map((t) => [t.medewerker, t.minuten, t.aanbodMinuten ?? 0]);
  let v = await must(srv.api('POST', M('/matching'), { vanaf: '2012-12-18' }), 'voorstel');
  assert.deepEqual(rows(v), [[A, 240, 0]], 'without an offer the lowest saldo goes first');
  assert.equal(v.doel.aanbodMinuten, undefined, 'the objective as before');
  const offer = await must(srv.api('POST', M('/aanbod'), { organisatie: code('QA'), competentie: 'wmo', minuten: 180, van: '2012-12-01',
    tot: '2012-12-31' }), 'aanbod');
  v = await must(srv.api('POST', M('/matching'), { vanaf: '2012-12-18' }), 'voorstel');
  assert.deepEqual(rows(v).sort((x, y) => x[0] - y[0]), [[A, 60, 0], [B, 180, 180]].sort((x, y) => x[0] - y[0]),
    'the offered 180 minutes go first, the rest as before');
  assert.deepEqual([v.doel.gedektMinuten, v.doel.overkwalificatieMinuten, v.doel.aanbodMinuten], [240, 0, 180]);
  const acc = await must(srv.api('POST', M('/matching/accepteren'), { toewijzingen: v.toewijzingen }), 'accepteren');
  assert.equal(acc.minuten, 240);
  const after = await must(srv.api('GET', M(`/aanbod/${offer.id}`)), 'aanbod');
  assert.deepEqual([after.gebruiktMinuten, after.status], [180, 'opgebruikt']);
  assert.equal(after.omzettingen[0].medewerker, B);
  assert.equal(after.omzettingen[0].opdracht, o);
  // A person offer: a new need of 60 minutes goes to A (lowest saldo) until Q offers B by name.
  await must(srv.api('POST', M('/opdrachten'), { soort: 'lokaal', titel: 'Wmo-evaluatie', opdrachtgevers: [{ organisatie: code('DA'), aandeel: 1 }],
    geraamdeMinuten: 60, competenties: [{ competentie: 'wmo', niveau: 1 }] }), 'opdracht');
  v = await must(srv.api('POST', M('/matching'), { vanaf: '2012-12-18' }), 'voorstel');
  assert.deepEqual(rows(v), [[A, 60, 0]]);
  await must(srv.api('POST', M('/aanbod'), { organisatie: code('QA'), medewerker: B, minuten: 600, van: '2012-12-01', tot: '2012-12-31' }), 'aanbod');
  v = await must(srv.api('POST', M('/matching'), { vanaf: '2012-12-18' }), 'voorstel');
  assert.deepEqual(rows(v), [[B, 60, 60]], 'offered by name: bounded by what B has left (60), not by the offer (600)');
});
