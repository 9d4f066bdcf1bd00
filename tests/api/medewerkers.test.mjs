// Medewerkers (docs/api.md "Hours exchange") and their privacy (issue 3 point 6,
// docs/privacy.md): validation, who sees the personal data, who may change
// staff, the change history, inzage (AVG art. 15) and pseudonymisation.
//
// Accounts with roles are made through the accounts API (POST
// /api/v1/gebruikers and a token for each), as an integration would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, dumpDb } from '../lib/server.mjs';

let srv;
const api = (method, path, body, opts) => srv.api(method, '/api/v1' + path, body, opts);
const post = (path, body, opts) => api('POST', path, body, opts);
const get = (path, opts) => api('GET', path, null, opts);
const patch = (path, body, opts) => api('PATCH', path, body, opts);

const PRIVATE = ['uurPerWeek', 'beschikbaarUurPerWeek', 'pensioenjaar', 'email'];
const PUBLIC = ['id', 'naam', 'organisatie', 'functie', 'pseudoniem'];

function problem(r, status, param, what = '') {
  const ctx = `${what} → ${r.status} ${r.text.slice(0, 500)}`;
  assert.equal(r.status, status, ctx);
  assert.equal(r.headers.get('content-type'), 'application/problem+json', ctx);
  assert.equal(r.json.status, status, ctx);
  assert.ok(r.json.title && r.json.detail, ctx);
  if (param !== undefined) {
    const names = (r.json['invalid-params'] || []).map((p) => p.name);
    for (const want of [].concat(param)) assert.ok(names.includes(want), `${JSON.stringify(names)} lacks ${want} ${ctx}`);
    for (const p of r.json['invalid-params']) assert.ok(p.reason, ctx);
  }
  return r.json;
}

// ---- accounts with roles -------------------------------------------------

const tokens = {}; // account name -> its API token

// An account with a role, made through the accounts API as the beheerder,
// and an API token for it.
async function makeUser(naam, rol, organisatie) {
  let r = await post('/gebruikers', { naam, rol, organisatie, wachtwoord: 'een-lang-wachtwoord-' + naam });
  assert.equal(r.status, 201, r.text);
  r = await post(`/gebruikers/${encodeURIComponent(naam)}/tokens`, { omschrijving: 'test medewerkers' });
  assert.equal(r.status, 201, r.text);
  tokens[naam] = r.json.token;
}
const as = (naam) => ({ token: tokens[naam] });

// ---- fixtures --------------------------------------------------------------

const JAN = {
  naam: 'Jan de Vries', organisatie: 'GM0505', functie: 'beleidsadviseur jeugd', uurPerWeek: 36,
  beschikbaarUurPerWeek: 8, pensioenjaar: 2016, email: 'j.devries@dordrecht.nl',
};
const PIET = {
  naam: 'Piet Bakker', organisatie: 'GM0590', functie: 'applicatiebeheerder', uurPerWeek: 32,
  beschikbaarUurPerWeek: 4, pensioenjaar: 2031,
};

before(async () => {
  srv = await startServer();
  for (const o of [
    { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente', inwoners: 118000 },
    { code: 'GM0590', naam: 'Papendrecht', soort: 'gemeente', inwoners: 32000 },
  ]) assert.equal((await post('/organisaties', o)).status, 201);
  await makeUser('manager-dordrecht', 'manager', 'GM0505');
  await makeUser('manager-papendrecht', 'manager', 'GM0590');
  await makeUser('procesmanager-dt', 'procesmanager', 'GM0505');
  await makeUser('raadslid-dordrecht', 'raadslid', 'GM0505');
  await makeUser('medewerker-dordrecht', 'medewerker', 'GM0505');
});
after(async () => { await srv.stop(); });

async function create(body, opts) {
  const r = await post('/medewerkers', body, opts);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// ---- as beheerder and anonymous --------------------------------------------

test('a beheerder creates a medewerker: 201 with a server id, every field, and a Location', async () => {
  const r = await post('/medewerkers', JAN);
  assert.equal(r.status, 201, r.text);
  assert.ok(Number.isInteger(r.json.id) && r.json.id > 0);
  assert.deepEqual({ ...r.json, id: 0 }, { ...JAN, id: 0, pseudoniem: false });
  assert.equal(r.headers.get('location'), `/api/v1/medewerkers/${r.json.id}`);
  const g = await get(`/medewerkers/${r.json.id}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.json, r.json);
});

test('optional fields may be left out: no pensioenjaar, no email, no functie, beschikbaar 0', async () => {
  const m = await create({ naam: 'Els Visser', organisatie: 'GM0505', uurPerWeek: 24 });
  assert.deepEqual([m.functie, m.pensioenjaar, m.email, m.beschikbaarUurPerWeek], [null, null, null, 0]);
});

test('anonymous requests get 401 on every staff endpoint, before anything is revealed', async () => {
  const m = await create(PIET);
  const anon = { token: null };
  for (const [method, path, body] of [
    ['GET', '/medewerkers'], ['GET', `/medewerkers/${m.id}`], ['GET', '/medewerkers/999999'],
    ['POST', '/medewerkers', JAN], ['PATCH', `/medewerkers/${m.id}`, { functie: 'x' }],
    ['GET', `/medewerkers/${m.id}/inzage`], ['GET', `/medewerkers/${m.id}/wijzigingen`],
    ['POST', `/medewerkers/${m.id}/pseudonimiseren`],
  ]) problem(await api(method, path, body, anon), 401, undefined, `${method} ${path}`);
  assert.equal((await get(`/medewerkers/${m.id}`)).json.functie, PIET.functie, 'the anonymous PATCH changed nothing');
});

test('field errors are 400 with invalid-params naming each field', async () => {
  const cases = [
    [{ ...JAN, naam: undefined }, 'naam'],
    [{ ...JAN, naam: '' }, 'naam'],
    [{ ...JAN, naam: 42 }, 'naam'],
    [{ ...JAN, organisatie: undefined }, 'organisatie'],
    [{ ...JAN, uurPerWeek: 0 }, 'uurPerWeek'],
    [{ ...JAN, uurPerWeek: 61, beschikbaarUurPerWeek: 0 }, 'uurPerWeek'],
    [{ ...JAN, uurPerWeek: 36.5 }, 'uurPerWeek'],
    [{ ...JAN, uurPerWeek: '36' }, 'uurPerWeek'],
    [{ ...JAN, uurPerWeek: undefined }, 'uurPerWeek'],
    [{ ...JAN, beschikbaarUurPerWeek: -1 }, 'beschikbaarUurPerWeek'],
    [{ ...JAN, uurPerWeek: 20, beschikbaarUurPerWeek: 21 }, 'beschikbaarUurPerWeek'],
    [{ ...JAN, pensioenjaar: 1949 }, 'pensioenjaar'],
    [{ ...JAN, pensioenjaar: 2101 }, 'pensioenjaar'],
    [{ ...JAN, email: 'geen-adres' }, 'email'],
    [{ ...JAN, email: 'a b@c.nl' }, 'email'],
  ];
  for (const [body, field] of cases) problem(await post('/medewerkers', body), 400, field, JSON.stringify(body));
  // Several wrong fields are all reported at once.
  problem(await post('/medewerkers', { organisatie: 'GM0505', uurPerWeek: 99, pensioenjaar: 3000 }), 400,
    ['naam', 'uurPerWeek', 'pensioenjaar']);
  problem(await post('/medewerkers', '{"naam":'), 400);
  problem(await post('/medewerkers', '[1,2]'), 400);
  // The limits themselves are fine.
  await create({ ...JAN, uurPerWeek: 60, beschikbaarUurPerWeek: 60, pensioenjaar: 2100 });
  await create({ ...JAN, uurPerWeek: 1, beschikbaarUurPerWeek: 0, pensioenjaar: 1950 });
});

test('an unknown organisatie in the body is 422 naming the field; nothing is stored', async () => {
  const before = (await get('/medewerkers')).json.length;
  problem(await post('/medewerkers', { ...JAN, organisatie: 'GM9999' }), 422, 'organisatie');
  assert.equal((await get('/medewerkers')).json.length, before);
});

test('an unknown or malformed id in the path is 404', async () => {
  for (const id of ['999999', 'abc', '0', '-1', '1e3', '99999999999999999999'])
    problem(await get(`/medewerkers/${id}`), 404, undefined, id);
  problem(await patch('/medewerkers/999999', { functie: 'x' }), 404);
  problem(await post('/medewerkers/999999/pseudonimiseren', {}), 404);
  problem(await get('/medewerkers/999999/inzage'), 404);
});

test('PATCH changes only the fields sent; null clears an optional one; rules still hold', async () => {
  const m = await create(JAN);
  let r = await patch(`/medewerkers/${m.id}`, { functie: 'teamleider jeugd', beschikbaarUurPerWeek: 12 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { ...m, functie: 'teamleider jeugd', beschikbaarUurPerWeek: 12 });
  r = await patch(`/medewerkers/${m.id}`, { email: null, pensioenjaar: null });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.email, r.json.pensioenjaar], [null, null]);
  problem(await patch(`/medewerkers/${m.id}`, { uurPerWeek: 10 }), 400, 'uurPerWeek'); // below beschikbaar 12
  problem(await patch(`/medewerkers/${m.id}`, { naam: null }), 400, 'naam');
  problem(await patch(`/medewerkers/${m.id}`, { id: 5 }), 400, 'id');
  problem(await patch(`/medewerkers/${m.id}`, { pseudoniem: true }), 400, 'pseudoniem');
  problem(await patch(`/medewerkers/${m.id}`, { voornaam: 'Jan' }), 400, 'voornaam');
  problem(await patch(`/medewerkers/${m.id}`, { organisatie: 'GM9999' }), 422, 'organisatie');
  const now = (await get(`/medewerkers/${m.id}`)).json;
  assert.equal(now.uurPerWeek, 36, 'refused changes changed nothing');
  assert.equal(now.organisatie, 'GM0505');
});

test('the list filters by organisatie and pages by id; an unknown organisatie is 422', async () => {
  const all = (await get('/medewerkers')).json;
  const ids = all.map((m) => m.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ordered by id');
  const dordt = (await get('/medewerkers?organisatie=GM0505')).json;
  assert.ok(dordt.length > 0 && dordt.every((m) => m.organisatie === 'GM0505'));
  assert.equal(dordt.length, all.filter((m) => m.organisatie === 'GM0505').length);
  problem(await get('/medewerkers?organisatie=GM9999'), 422, 'organisatie');
  const page1 = (await get('/medewerkers?limiet=2')).json;
  const page2 = (await get(`/medewerkers?limiet=2&na=${page1[1].id}`)).json;
  assert.deepEqual([...page1, ...page2].map((m) => m.id), ids.slice(0, 4));
  problem(await get('/medewerkers?limiet=0'), 400, 'limiet');
  problem(await get('/medewerkers?na=x'), 400, 'na');
});

test('pseudonymisation keeps the id and functie, removes the personal data, and is final', async () => {
  const m = await create({ ...JAN, naam: 'Xandra Quispel-Zwart', email: 'x.quispel@dordrecht.nl' });
  const other = await create({ ...JAN, naam: 'Karel Appel' });
  const r = await post(`/medewerkers/${m.id}/pseudonimiseren`, null);
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  assert.equal(p.id, m.id);
  assert.match(p.naam, /^Medewerker [0-9A-F]{6}$/);
  assert.deepEqual([p.email, p.pensioenjaar, p.pseudoniem], [null, null, true]);
  assert.deepEqual([p.functie, p.organisatie, p.uurPerWeek, p.beschikbaarUurPerWeek],
    [m.functie, m.organisatie, m.uurPerWeek, m.beschikbaarUurPerWeek]);
  assert.deepEqual((await get(`/medewerkers/${m.id}`)).json, p);

  // Stable: a second call changes nothing; another person gets another pseudonym.
  const again = await post(`/medewerkers/${m.id}/pseudonimiseren`, null);
  assert.equal(again.status, 200);
  assert.deepEqual(again.json, p);
  const q = (await post(`/medewerkers/${other.id}/pseudonimiseren`, null)).json;
  assert.notEqual(q.naam, p.naam);

  // No way back.
  problem(await patch(`/medewerkers/${m.id}`, { naam: 'Xandra Quispel-Zwart' }), 422, 'naam');
  problem(await patch(`/medewerkers/${m.id}`, { email: 'x@dordrecht.nl' }), 422, 'email');
  problem(await patch(`/medewerkers/${m.id}`, { pensioenjaar: 2030 }), 422, 'pensioenjaar');
  const f = await patch(`/medewerkers/${m.id}`, { functie: 'adviseur' });
  assert.equal(f.status, 200, 'non-personal fields still change');
  assert.equal(f.json.naam, p.naam);

  // The old name is nowhere in what the API gives out...
  for (const path of ['/medewerkers', `/medewerkers/${m.id}`, `/medewerkers/${m.id}/inzage`, `/medewerkers/${m.id}/wijzigingen`]) {
    const t = (await get(path)).text;
    assert.ok(!/Quispel|x\.quispel/.test(t), `${path} still holds the name`);
  }
});

test('after pseudonymisation no table in the database holds the old name or e-mail address', async (t) => {
  const dump = dumpDb(srv.db);
  if (dump.error) return t.skip('sqlite3 of pg_dump is niet geïnstalleerd');
  assert.equal(dump.status, 0, dump.stderr);
  assert.match(dump.stdout, /Medewerker [0-9A-F]{6}/);
  assert.doesNotMatch(dump.stdout, /Quispel|x\.quispel/);
});

test('inzage returns the record, its history (fields, no personal values) and the audit records about it', async () => {
  const m = await create(JAN);
  await patch(`/medewerkers/${m.id}`, { pensioenjaar: 2019, functie: 'jeugdconsulent' });
  const r = await get(`/medewerkers/${m.id}/inzage`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-disposition') || '', /attachment/);
  const z = r.json;
  assert.deepEqual(z.medewerker, { ...m, pensioenjaar: 2019, functie: 'jeugdconsulent' });
  assert.deepEqual(z.wijzigingen.map((w) => w.soort), ['aangemaakt', 'gewijzigd']);
  assert.deepEqual(z.wijzigingen[1].velden.sort(), ['functie', 'pensioenjaar']);
  assert.equal(z.wijzigingen[1].waarden.functie, 'jeugdconsulent', 'non-personal values are kept');
  const hist = JSON.stringify(z.wijzigingen);
  for (const v of ['2019', '2016', JAN.email, JAN.naam]) assert.ok(!hist.includes(v), `history holds ${v}`);
  assert.ok(z.wijzigingen.every((w) => w.tijdstempel && w.door), 'who and when');
  const objs = z.verwerkingen.map((v) => v.object);
  assert.ok(objs.some((o) => o === `POST /api/v1/medewerkers: medewerker ${m.id}`), JSON.stringify(objs));
  assert.ok(objs.some((o) => o.startsWith(`PATCH /api/v1/medewerkers/${m.id}`)), JSON.stringify(objs));
  assert.ok(!JSON.stringify(z.verwerkingen).includes(JAN.naam));
  for (const k of ['verwerkingsverantwoordelijke', 'doeleinden', 'grondslag', 'ontvangers', 'bewaartermijn', 'rechten'])
    assert.ok(z.informatie[k], k);
  assert.match(z.informatie.verwerkingsverantwoordelijke, /Dordrecht/);
  // The inzage is itself recorded, and shows up in the next one.
  const again = (await get(`/medewerkers/${m.id}/inzage`)).json;
  assert.ok(again.verwerkingen.some((v) => v.object === `GET /api/v1/medewerkers/${m.id}/inzage: medewerker ${m.id}`));
});

test('the change history names who changed what, oldest first', async () => {
  const m = await create(PIET);
  await patch(`/medewerkers/${m.id}`, { uurPerWeek: 30 });
  await patch(`/medewerkers/${m.id}`, { uurPerWeek: 30 }); // no change, no history row
  await post(`/medewerkers/${m.id}/pseudonimiseren`, null);
  const h = (await get(`/medewerkers/${m.id}/wijzigingen`)).json;
  assert.deepEqual(h.map((x) => [x.soort, x.velden]), [
    ['aangemaakt', ['naam', 'organisatie', 'functie', 'uurPerWeek', 'beschikbaarUurPerWeek', 'pensioenjaar']],
    ['gewijzigd', ['uurPerWeek']],
    ['gepseudonimiseerd', ['naam', 'pensioenjaar']],
  ]);
  assert.ok(h.every((x) => x.actor === 'beheerder' && x.door === 'beheerder'));
});

test('the OpenAPI document lists the staff and privacy endpoints', async () => {
  const doc = (await get('/openapi.json', { token: null })).json;
  for (const [p, m] of [['/medewerkers', 'post'], ['/medewerkers', 'get'], ['/medewerkers/{id}', 'get'],
    ['/medewerkers/{id}', 'patch'], ['/medewerkers/{id}/inzage', 'get'], ['/medewerkers/{id}/pseudonimiseren', 'post']])
    assert.ok(doc.paths[p]?.[m], `${m} ${p}`);
});

// ---- roles -------------------------------------------------------------------

test('a manager of another organisation can neither create, change, export nor pseudonymise, and sees no personal data', async () => {
  const m = await create(JAN); // Dordrecht
  const pap = as('manager-papendrecht');
  problem(await post('/medewerkers', JAN, pap), 403, undefined, 'create for another org');
  problem(await patch(`/medewerkers/${m.id}`, { functie: 'x' }, pap), 403);
  problem(await patch(`/medewerkers/${m.id}`, { organisatie: 'GM0590' }, pap), 403, undefined, 'take over');
  problem(await get(`/medewerkers/${m.id}/inzage`, pap), 403);
  problem(await get(`/medewerkers/${m.id}/wijzigingen`, pap), 403);
  problem(await post(`/medewerkers/${m.id}/pseudonimiseren`, null, pap), 403);
  const g = await get(`/medewerkers/${m.id}`, pap);
  assert.equal(g.status, 200);
  assert.deepEqual(Object.keys(g.json).sort(), [...PUBLIC].sort(), 'the private fields are omitted, not null');
  assert.equal(g.json.naam, JAN.naam);
  const now = (await get(`/medewerkers/${m.id}`)).json;
  assert.deepEqual(now, m, 'nothing changed');
});

test('a manager of the own organisation creates, sees and changes its staff, exports and pseudonymises them', async () => {
  const dor = as('manager-dordrecht');
  const r = await post('/medewerkers', JAN, dor);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.pensioenjaar, 2016);
  const g = await get(`/medewerkers/${r.json.id}`, dor);
  for (const k of PRIVATE) assert.ok(k in g.json, k);
  const p = await patch(`/medewerkers/${r.json.id}`, { beschikbaarUurPerWeek: 16 }, dor);
  assert.equal(p.status, 200, p.text);
  // Giving someone away to another organisation needs rights there too.
  problem(await patch(`/medewerkers/${r.json.id}`, { organisatie: 'GM0590' }, dor), 403);
  const z = await get(`/medewerkers/${r.json.id}/inzage`, dor);
  assert.equal(z.status, 200, z.text);
  assert.equal(z.json.medewerker.pensioenjaar, 2016);
  const h = (await get(`/medewerkers/${r.json.id}/wijzigingen`, dor)).json;
  assert.equal(h[0].actor, 'manager-dordrecht');
  assert.equal(h[0].door, 'manager, GM0505');
  // The inzage shows who acted by role and organisation, not by name.
  assert.ok(z.json.wijzigingen.every((w) => w.door === 'manager, GM0505' && !('actor' in w)));
  assert.ok(!JSON.stringify(z.json.verwerkingen).includes('manager-dordrecht'));
  const ps = await post(`/medewerkers/${r.json.id}/pseudonimiseren`, null, dor);
  assert.equal(ps.status, 200, ps.text);
  assert.equal(ps.json.pseudoniem, true);
});

test('personal data is filtered per record: a manager sees it for the own organisation only', async () => {
  await create(JAN);
  await create(PIET);
  const list = (await get('/medewerkers', as('manager-dordrecht'))).json;
  const dordt = list.filter((m) => m.organisatie === 'GM0505');
  const pap = list.filter((m) => m.organisatie === 'GM0590');
  assert.ok(dordt.length && pap.length);
  for (const m of dordt) for (const k of PRIVATE) assert.ok(k in m, `${k} of ${m.id}`);
  for (const m of pap) {
    assert.deepEqual(Object.keys(m).sort(), [...PUBLIC].sort());
    assert.ok(m.naam && 'functie' in m);
  }
  assert.ok(!list.some((m) => m.organisatie === 'GM0590' && 'pensioenjaar' in m));
});

test('the procesmanager sees the personal data of every organisation, but does not manage staff', async () => {
  await create(JAN);
  await create(PIET);
  const pm = as('procesmanager-dt');
  const list = (await get('/medewerkers', pm)).json;
  assert.ok(list.some((m) => m.organisatie === 'GM0590'));
  for (const m of list) for (const k of PRIVATE) assert.ok(k in m, `${k} of ${m.id} (${m.organisatie})`);
  const one = list.find((m) => m.organisatie === 'GM0590' && m.pensioenjaar === 2031);
  assert.ok(one, 'pensioenjaar of Papendrecht staff visible');
  problem(await post('/medewerkers', PIET, pm), 403);
  problem(await post(`/medewerkers/${one.id}/pseudonimiseren`, null, pm), 403);
});

test('raadslid and medewerker read names and functions only, and change nothing', async () => {
  const m = await create(JAN);
  for (const who of ['raadslid-dordrecht', 'medewerker-dordrecht']) {
    const g = await get(`/medewerkers/${m.id}`, as(who));
    assert.equal(g.status, 200, who);
    assert.deepEqual(Object.keys(g.json).sort(), [...PUBLIC].sort(), who);
    problem(await post('/medewerkers', JAN, as(who)), 403, undefined, who);
    problem(await patch(`/medewerkers/${m.id}`, { functie: 'x' }, as(who)), 403, undefined, who);
    problem(await get(`/medewerkers/${m.id}/inzage`, as(who)), 403, undefined, who);
  }
});

test('refused attempts appear in the inzage as processing by role, without the values sent', async () => {
  const m = await create(JAN);
  await patch(`/medewerkers/${m.id}`, { pensioenjaar: 2044 }, as('manager-papendrecht'));
  const z = (await get(`/medewerkers/${m.id}/inzage`)).json;
  const refused = z.verwerkingen.filter((v) => /geweigerd/.test(v.resultaat));
  assert.ok(refused.some((v) => v.door === 'manager, GM0590'), JSON.stringify(z.verwerkingen));
  assert.ok(!JSON.stringify(z).includes('2044'));
});

test('a transfer by the beheerder moves who sees the personal data; the history keeps the organisations', async () => {
  const m = await create(JAN);
  const r = await patch(`/medewerkers/${m.id}`, { organisatie: 'GM0590' });
  assert.equal(r.status, 200, r.text);
  assert.ok(!('pensioenjaar' in (await get(`/medewerkers/${m.id}`, as('manager-dordrecht'))).json));
  assert.equal((await get(`/medewerkers/${m.id}`, as('manager-papendrecht'))).json.pensioenjaar, 2016);
  const h = (await get(`/medewerkers/${m.id}/wijzigingen`, as('manager-papendrecht'))).json;
  assert.deepEqual(h.map((x) => x.waarden?.organisatie), ['GM0505', 'GM0590']);
  problem(await get(`/medewerkers/${m.id}/inzage`, as('manager-dordrecht')), 403);
});

test('pseudonymisation leaves hour bookings, balances and the journal as they were; inzage lists the work', async () => {
  const pt = 'pt-medewerkers';
  const P = (path) => `/proeftuinen/${pt}${path}`;
  let r = await post('/proeftuinen', { code: pt, naam: 'Proeftuin beleid', van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: 6500, kredietlimietMinuten: 2400, leden: ['GM0505', 'GM0590'] });
  assert.equal(r.status, 201, r.text);
  r = await post(P('/opdrachten'), { soort: 'lokaal', titel: 'Jeugdbeleid Papendrecht', opdrachtgevers: [{ organisatie: 'GM0590', aandeel: 1 }] });
  assert.equal(r.status, 201, r.text);
  const opdracht = r.json.id;
  const m = await create({ ...JAN, naam: 'Wendela Yntema-Oosterhuis' });
  r = await post(P(`/opdrachten/${opdracht}/inzet`), { medewerker: m.id, minuten: 1200 });
  assert.equal(r.status, 201, r.text);
  const key = { headers: { 'Idempotency-Key': `uren-mw-${m.id}` } };
  const booking = { medewerker: m.id, opdracht, datum: '2012-03-05', minuten: 390, omschrijving: 'beleidsnotitie' };
  r = await post(P('/uren'), booking, key);
  assert.equal(r.status, 201, r.text);
  const uren = r.json.id;
  r = await post(P(`/uren/${uren}/goedkeuren`), null);
  assert.equal(r.status, 200, r.text);
  const saldi = (await get(P('/saldi'))).json;
  const journaal = (await get(P('/journaal'))).text;
  assert.equal(saldi.find((x) => x.organisatie === 'GM0505').gebrachtMinuten, 390);

  const z = (await get(`/medewerkers/${m.id}/inzage`)).json;
  assert.deepEqual(z.uren.map((u) => [u.id, u.proeftuin, u.opdracht, u.datum, u.minuten, u.status]),
    [[uren, pt, opdracht, '2012-03-05', 390, 'goedgekeurd']]);
  assert.deepEqual(z.inzet.map((i) => [i.opdracht, i.minuten]), [[opdracht, 1200]]);

  const p = (await post(`/medewerkers/${m.id}/pseudonimiseren`, null)).json;
  assert.deepEqual((await get(P('/saldi'))).json, saldi, 'balances unchanged');
  assert.equal((await get(P('/journaal'))).text, journaal, 'journal unchanged');
  // A retry of the booking replays the stored answer: no second booking, and the name is gone from it too.
  r = await post(P('/uren'), booking, key);
  assert.equal(r.json.id, uren, r.text);
  assert.doesNotMatch(r.text, /Yntema/);
  if ('medewerkerNaam' in r.json) assert.equal(r.json.medewerkerNaam, p.naam);
  assert.deepEqual((await get(P('/saldi'))).json, saldi, 'the replay posted nothing');
  assert.deepEqual((await get(`/medewerkers/${m.id}/inzage`)).json.uren.map((u) => u.id), [uren], 'hours stay with the id');
  const dump = dumpDb(srv.db);
  if (!dump.error) assert.doesNotMatch(dump.stdout, /Yntema/, 'no table holds the old name');
});
