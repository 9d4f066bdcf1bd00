// Consent where someone else's drawing rights are used (seed 002: two local
// beleidsopdrachten are merged "met instemming van betrokken bestuurders"):
// a merge is a proposal every opdrachtgever's manager accepts or refuses; an
// inzet on another organisation's opdracht is asked of its opdrachtgever and
// commits nothing until it accepts; an inzet can be ended and releases what
// it committed. All of it in the audit log, and in what waits for each
// organisation ("Mijn samen").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';
import { createUser, tokenFor, auditRecords } from './auth-helpers.mjs';
import { drechtsteden, CODES, must, saldi } from './urenbank-helpers.mjs';

let srv, staff, pt;
const tok = {};
const P = (rest) => `/api/v1/proeftuinen/${pt}${rest}`;
const as = (who, method, path, body) => srv.api(method, path, body, { token: who === 'beheerder' ? undefined : who === 'anoniem' ? null : tok[who] });

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  await must(srv.api('POST', '/api/v1/verbanden', { code: 'drechtsteden', naam: 'Drechtsteden' }), 'verband');
  for (const [naam, acc] of Object.entries({
    'manager-505': { rol: 'manager', organisatie: 'GM0505' },
    'manager-482': { rol: 'manager', organisatie: 'GM0482' },
    'manager-590': { rol: 'manager', organisatie: 'GM0590' },
    'procesmanager': { rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
  })) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tok[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  pt = `pt-instemming-${process.pid}`;
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: pt, naam: 'Proeftuin beleid', verband: 'drechtsteden', van: '2012-01-01',
    tot: '2012-12-31', tariefCenten: 6500, kredietlimietMinuten: 6000, leden: CODES }), 'proeftuin');
});
after(async () => { await srv.stop(); });

const lokaal = async (org, titel) => (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel, opdrachtgevers: [{ organisatie: org }] }), 'opdracht')).id;

test('a merge by the process manager is a proposal; it takes effect only when every opdrachtgever accepted', async () => {
  const a = await lokaal('GM0505', 'Jeugdbeleid Dordrecht'), b = await lokaal('GM0482', 'Jeugdbeleid Alblasserdam');
  let r = await as('procesmanager', 'POST', P(`/opdrachten/${a}/samenvoegen`), { met: b, titel: 'Jeugdbeleid samen' });
  assert.equal(r.status, 202, r.text);
  const v = r.json;
  assert.equal(v.soort, 'samenvoeging');
  assert.equal(v.status, 'gevraagd');
  assert.deepEqual(v.instemmingen.map((i) => [i.organisatie, i.antwoord]).sort(), [['GM0482', 'gevraagd'], ['GM0505', 'gevraagd']]);
  // Nothing merged yet.
  assert.equal((await srv.api('GET', P(`/opdrachten/${a}`))).json.status, 'open');
  // A second proposal for the same opdracht waits; a stranger cannot answer for Dordrecht.
  assertProblem(await as('procesmanager', 'POST', P(`/opdrachten/${a}/samenvoegen`), { met: b }), 422);
  assertProblem(await as('manager-590', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`), { organisatie: 'GM0505' }), 403);
  assertProblem(await as('manager-590', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`)), 422, undefined, 'Papendrecht is not asked');
  // What waits for Dordrecht and Alblasserdam.
  const waits = (await as('manager-505', 'GET', '/api/v1/organisaties/GM0505/instemmingen')).json;
  assert.ok(waits.some((x) => x.soort === 'samenvoeging' && x.id === v.id));
  r = await as('manager-505', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'gevraagd', 'still waiting for Alblasserdam');
  assert.equal((await srv.api('GET', P(`/opdrachten/${a}`))).json.status, 'open');
  assertProblem(await as('manager-505', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`)), 422, undefined, 'answers once');
  r = await as('manager-482', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'aanvaard');
  const merged = (await srv.api('GET', P(`/opdrachten/${r.json.resultaat}`))).json;
  assert.equal(merged.soort, 'meervoudig-lokaal');
  assert.equal(merged.titel, 'Jeugdbeleid samen');
  assert.equal((await srv.api('GET', P(`/opdrachten/${a}`))).json.status, 'samengevoegd');
  assert.equal((await as('manager-505', 'GET', '/api/v1/organisaties/GM0505/instemmingen')).json.length, 0);
});

test('one refusal ends a proposal; a refusal needs a reason; nothing is merged', async () => {
  const a = await lokaal('GM0505', 'Wmo Dordrecht'), b = await lokaal('GM0482', 'Wmo Alblasserdam');
  const v = (await as('procesmanager', 'POST', P(`/opdrachten/${a}/samenvoegen`), { met: b })).json;
  assertProblem(await as('manager-482', 'POST', P(`/samenvoegvoorstellen/${v.id}/weigeren`), {}), 400, 'reden');
  const r = await as('manager-482', 'POST', P(`/samenvoegvoorstellen/${v.id}/weigeren`), { reden: 'eigen accenten in de Wmo' });
  assert.equal(r.json.status, 'geweigerd');
  assert.equal(r.json.instemmingen.find((i) => i.organisatie === 'GM0482').reden, 'eigen accenten in de Wmo');
  assertProblem(await as('manager-505', 'POST', P(`/samenvoegvoorstellen/${v.id}/akkoord`)), 422);
  for (const id of [a, b]) assert.equal((await srv.api('GET', P(`/opdrachten/${id}`))).json.status, 'open');
  // The beheerder consents for everyone: the merge is immediate, as before.
  const r2 = await as('beheerder', 'POST', P(`/opdrachten/${a}/samenvoegen`), { met: b });
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.json.soort, 'meervoudig-lokaal');
});

test('an inzet on another organisation\'s opdracht commits nothing until its opdrachtgever accepts', async () => {
  const o = await lokaal('GM0482', 'Beleidsnota armoede Alblasserdam');
  const before = await saldi(srv, pt);
  // Dordrecht's manager staffs a Dordrecht adviser on Alblasserdam's opdracht.
  let r = await as('manager-505', 'POST', P(`/opdrachten/${o}/inzet`), { medewerker: staff.GM0505, minuten: 1200 });
  assert.equal(r.status, 202, r.text);
  const req = r.json;
  assert.equal(req.soort, 'inzet');
  assert.equal(req.status, 'gevraagd');
  assert.deepEqual(req.instemmingen.map((i) => [i.organisatie, i.antwoord]), [['GM0482', 'gevraagd']]);
  let after = await saldi(srv, pt);
  assert.equal(after.GM0482.vastgelegdMinuten, before.GM0482.vastgelegdMinuten, 'Alblasserdam\'s drawing rights untouched');
  assert.deepEqual((await srv.api('GET', P(`/opdrachten/${o}`))).json.inzet, []);
  // Booking hours on it before acceptance is refused.
  r = await as('manager-505', 'POST', P('/uren'), { medewerker: staff.GM0505, opdracht: o, datum: '2012-03-05', minuten: 60 });
  assert.equal(r.status, 422, r.text);
  // Alblasserdam accepts: the inzet is made and commits its share.
  r = await as('manager-482', 'POST', P(`/inzetverzoeken/${req.id}/akkoord`));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'aanvaard');
  after = await saldi(srv, pt);
  assert.equal(after.GM0482.vastgelegdMinuten, before.GM0482.vastgelegdMinuten + 1200);
  const inzet = (await srv.api('GET', P(`/opdrachten/${o}`))).json.inzet;
  assert.equal(inzet.length, 1);
  assert.equal(inzet[0].id, r.json.inzet);
  // Alblasserdam's own manager staffing on its own opdracht: no question to ask.
  r = await as('manager-482', 'POST', P(`/opdrachten/${o}/inzet`), { medewerker: staff.GM0482, minuten: 60 });
  assert.equal(r.status, 201, r.text);
});

test('a refused inzet request commits nothing; an inzet can be ended and releases what it still commits', async () => {
  const o = await lokaal('GM0590', 'Ruimtelijke visie Papendrecht');
  const req = (await as('manager-505', 'POST', P(`/opdrachten/${o}/inzet`), { medewerker: staff.GM0505, minuten: 600 })).json;
  const before = await saldi(srv, pt);
  assertProblem(await as('manager-505', 'POST', P(`/inzetverzoeken/${req.id}/akkoord`)), 422, undefined, 'not its drawing rights');
  const r = await as('manager-590', 'POST', P(`/inzetverzoeken/${req.id}/weigeren`), { reden: 'we doen het zelf' });
  assert.equal(r.json.status, 'geweigerd');
  assert.deepEqual(await saldi(srv, pt), before);
  // Staffed with consent, partly used, then ended.
  const req2 = (await as('manager-505', 'POST', P(`/opdrachten/${o}/inzet`), { medewerker: staff.GM0505, minuten: 600 })).json;
  const inzetId = (await as('manager-590', 'POST', P(`/inzetverzoeken/${req2.id}/akkoord`))).json.inzet;
  const e = (await as('manager-505', 'POST', P('/uren'), { medewerker: staff.GM0505, opdracht: o, datum: '2012-04-02', minuten: 120 })).json;
  await must(as('manager-590', 'POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
  let s = await saldi(srv, pt);
  assert.equal(s.GM0590.vastgelegdMinuten, before.GM0590.vastgelegdMinuten + 480);
  assertProblem(await as('manager-482', 'POST', P(`/inzet/${inzetId}/beeindigen`), { reden: 'x' }), 403);
  assertProblem(await as('manager-590', 'POST', P(`/inzet/${inzetId}/beeindigen`), {}), 400, 'reden');
  const op = await must(as('manager-590', 'POST', P(`/inzet/${inzetId}/beeindigen`), { reden: 'de visie is eerder klaar' }), 'beeindigen');
  const ended = op.inzet.find((i) => i.id === inzetId);
  assert.equal(ended.status, 'afgesloten');
  assert.equal(ended.beeindigd.reden, 'de visie is eerder klaar');
  s = await saldi(srv, pt);
  assert.equal(s.GM0590.vastgelegdMinuten, before.GM0590.vastgelegdMinuten, 'the rest is released');
  assertProblem(await as('manager-590', 'POST', P(`/inzet/${inzetId}/beeindigen`), { reden: 'nog eens' }), 422);
  assertProblem(await as('manager-590', 'POST', P('/inzet/999999/beeindigen'), { reden: 'x' }), 404);
});

test('every request, answer and refusal is in the audit log', async () => {
  const records = await auditRecords(srv);
  assert.ok(records.some((a) => a.actie === 'instemmen' && /gelukt \(200\)/.test(a.resultaat)));
  assert.ok(records.some((a) => a.actie === 'instemmen' && /geweigerd \(403\)/.test(a.resultaat)));
  assert.ok(records.some((a) => a.actie === 'inzetten' && /gelukt \(202\)/.test(a.resultaat)));
  assert.ok(records.some((a) => a.actie === 'urenbank-beheren' && /gelukt \(202\)/.test(a.resultaat)));
  assert.ok(records.some((a) => a.actie === 'inzetten' && /inzet \d+/.test(a.object) && /gelukt \(200\)/.test(a.resultaat)));
  const all = (await srv.api('GET', P('/instemmingen'))).json;
  assert.ok(all.length >= 5, 'the proeftuin keeps every request and its answers');
  assertProblem(await srv.api('GET', P('/instemmingen'), null, { token: null }), 401);
});

// The requests of a proeftuin are a collection like the others: paged in SQL
// (issue 12), the merge proposals first, then the inzet requests, each by id.
test('the requests in pages: Link, X-Total-Count, a stable order, the last page, a filter kept', async () => {
  const whole = await srv.api('GET', P('/instemmingen'));
  const all = whole.json;
  assert.equal(Number(whole.headers.get('x-total-count')), all.length);
  const kinds = all.map((x) => x.soort);
  assert.ok(kinds.includes('samenvoeging') && kinds.includes('inzet'));
  assert.deepEqual(kinds, [...kinds].sort((a, b) => (a === b ? 0 : a === 'samenvoeging' ? -1 : 1)), 'merges first');
  const size = 2, last = Math.ceil(all.length / size), seen = [];
  for (let n = 1; n <= last; n++) {
    const r = await srv.api('GET', P(`/instemmingen?pagina=${n}&paginaGrootte=${size}`));
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers.get('x-total-count')), all.length);
    const links = Object.fromEntries([...r.headers.get('link').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));
    assert.equal(links.last, P(`/instemmingen?pagina=${last}&paginaGrootte=${size}`));
    assert.equal(links.next, n < last ? P(`/instemmingen?pagina=${n + 1}&paginaGrootte=${size}`) : undefined);
    assert.equal(r.json.length, n < last ? size : all.length - size * (last - 1));
    seen.push(...r.json);
  }
  assert.deepEqual(seen, all, 'the pages in order are the whole list');
  assert.deepEqual((await srv.api('GET', P(`/instemmingen?pagina=${last + 1}&paginaGrootte=${size}`))).json, []);
  // What waits for one organisation, paged the same way with the filter in the links.
  const mine = await srv.api('GET', P('/instemmingen?organisatie=GM0482&paginaGrootte=1'));
  assert.equal(mine.status, 200);
  const waiting = (await srv.api('GET', P('/instemmingen?organisatie=GM0482'))).json;
  assert.equal(Number(mine.headers.get('x-total-count')), waiting.length);
  assert.deepEqual(mine.json, waiting.slice(0, 1));
  if (waiting.length > 1) assert.match(mine.headers.get('link'), /organisatie=GM0482&pagina=2&paginaGrootte=1>; rel="next"/);
  assertProblem(await srv.api('GET', P('/instemmingen?organisatie=GM9999')), 400, 'organisatie');
  assertProblem(await srv.api('GET', P('/instemmingen?paginaGrootte=0')), 400, 'paginaGrootte');
});

// The consent page lists the running inzet one may end (issue 12: counted
// from an index at national scale): whoever acts for every member sees all,
// a manager only the inzet of its own staff or on its own organisation's opdrachten.
test('the consent page: the running inzet a manager may end — its own staff\'s, on its own opdrachten — and all for the beheerder', async () => {
  for (const o of ['531', '610', '642']) {
    await createUser(srv, { naam: `manager-${o}-${process.pid}`, rol: 'manager', organisatie: `GM0${o}` });
    tok[`manager-${o}`] = (await tokenFor(srv, `manager-${o}-${process.pid}`)).token;
  }
  const o1 = await lokaal('GM0531', 'Eigen werk Hendrik-Ido-Ambacht');
  let r = await as('manager-531', 'POST', P(`/opdrachten/${o1}/inzet`), { medewerker: staff.GM0531, minuten: 300 });
  assert.equal(r.status, 201, r.text);
  const own = (await must(srv.api('GET', P(`/opdrachten/${o1}`)), 'opdracht')).inzet[0].id;
  const o2 = await lokaal('GM0610', 'Hulp voor Sliedrecht');
  r = await as('manager-642', 'POST', P(`/opdrachten/${o2}/inzet`), { medewerker: staff.GM0642, minuten: 240 });
  assert.equal(r.status, 202, r.text);
  const other = (await must(as('manager-610', 'POST', P(`/inzetverzoeken/${r.json.id}/akkoord`)), 'akkoord')).inzet;
  const shown = async (who) => {
    const x = await srv.api('GET', `/proeftuinen/${pt}/instemmingen`, null, { token: who === 'beheerder' ? undefined : tok[who], raw: true });
    assert.equal(x.status, 200, x.text.slice(0, 200));
    return [own, other].filter((id) => x.text.includes(`/proeftuinen/${pt}/inzet/${id}/beeindigen"`));
  };
  assert.deepEqual(await shown('beheerder'), [own, other]);
  assert.deepEqual(await shown('manager-505'), [], 'neither its staff nor its opdrachten');
  assert.deepEqual(await shown('manager-531'), [own], 'its own staff on its own opdracht');
  assert.deepEqual(await shown('manager-610'), [other], 'on its opdracht');
  assert.deepEqual(await shown('manager-642'), [other], 'its staff on another\'s opdracht');
});
