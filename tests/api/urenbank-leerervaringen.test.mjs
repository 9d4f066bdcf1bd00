// The proeftuin-MT's leerervaringen and bijsturing (issue 11, point 3):
// recorded, read, changed and removed through the API; who may write is
// the process manager and the managers of the proeftuin's members
// (policy.c, leerervaring-vastleggen); everyone signed in reads; bad input
// is a 400 that names the field, and a refusal writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';
import { drechtsteden, must } from './urenbank-helpers.mjs';

let srv;
const PT = 'dt-leren';
const P = (rest = '') => `/api/v1/proeftuinen/${PT}${rest}`;
const tokens = {};
const ACTORS = {
  procesmanager: { rol: 'procesmanager', organisatie: 'GM0590' },
  'manager-lid': { rol: 'manager', organisatie: 'GM0505' },
  'manager-buiten': { rol: 'manager', organisatie: 'GM0482' },
  medewerker: { rol: 'medewerker', organisatie: 'GM0505' },
  raadslid: { rol: 'raadslid', organisatie: 'GM0505' },
};
const as = (who, method, path, body) => srv.api(method, path, body, { token: tokens[who] });
const LES = { soort: 'leerervaring', datum: '2012-04-15', thema: 'Werkvoorraad', inhoud: 'Opdrachten wachten te lang op inzet.',
  vervolg: 'De procesmanager belt elke week de managers.' };

before(async () => {
  srv = await startServer();
  await drechtsteden(srv);
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: PT, naam: 'Proeftuin', van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: 6500, kredietlimietMinuten: 6000, leden: ['GM0505', 'GM0642', 'GM0590'] }), 'proeftuin');
});
after(() => srv?.stop());

test('the process manager and a member\'s manager record; everyone signed in reads, by date', async () => {
  let r = await as('procesmanager', 'POST', P('/leerervaringen'), LES);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.thema, 'Werkvoorraad');
  assert.equal(r.json.vervolg, LES.vervolg);
  assert.equal(r.json.door, `procesmanager-${process.pid}`);
  r = await as('manager-lid', 'POST', P('/leerervaringen'), { soort: 'bijsturing', datum: '2012-03-01', thema: 'Samenvoegen',
    inhoud: 'De economische visies van Papendrecht en Sliedrecht worden één opdracht.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.vervolg, undefined);
  const list = await must(as('raadslid', 'GET', P('/leerervaringen')), 'lijst');
  assert.deepEqual(list.map((l) => [l.datum, l.soort]), [['2012-03-01', 'bijsturing'], ['2012-04-15', 'leerervaring']]);
  assert.deepEqual((await must(as('raadslid', 'GET', P('/leerervaringen?soort=bijsturing')), 'bijsturing')).map((l) => l.thema), ['Samenvoegen']);
  assert.equal((await srv.api('GET', P('/leerervaringen'), null, { token: null })).status, 401);
});

test('who may not write gets 403 and nothing is written', async () => {
  const before = (await must(srv.api('GET', P('/leerervaringen')), 'lijst')).length;
  for (const who of ['manager-buiten', 'medewerker', 'raadslid']) {
    const r = await as(who, 'POST', P('/leerervaringen'), LES);
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
  assert.equal((await must(srv.api('GET', P('/leerervaringen')), 'lijst')).length, before);
});

test('bad input names its field; unknown proeftuin or record is 404', async () => {
  let r = await as('procesmanager', 'POST', P('/leerervaringen'), { soort: 'roddel', datum: '2012-15-01', thema: '', inhoud: 5 });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name).sort(), ['datum', 'inhoud', 'soort', 'thema']);
  r = await as('procesmanager', 'POST', P('/leerervaringen'), { ...LES, thema: '' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name), ['thema']);
  assert.equal((await as('procesmanager', 'POST', '/api/v1/proeftuinen/bestaat-niet/leerervaringen', LES)).status, 404);
  assert.equal((await srv.api('GET', P('/leerervaringen/999999'))).status, 404);
  assert.equal((await srv.api('GET', P('/leerervaringen?soort=roddel'))).status, 400);
});

test('change and remove: PUT replaces the fields, DELETE removes; both for the MT only', async () => {
  const made = await must(as('manager-lid', 'POST', P('/leerervaringen'), { ...LES, thema: 'Tijdelijk' }), 'maak');
  assert.equal((await as('manager-buiten', 'PUT', P(`/leerervaringen/${made.id}`), LES)).status, 403);
  let r = await as('procesmanager', 'PUT', P(`/leerervaringen/${made.id}`), { ...LES, thema: 'Doorlooptijd', vervolg: '' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.thema, 'Doorlooptijd');
  assert.equal(r.json.vervolg, undefined);
  assert.ok(r.json.gewijzigd);
  assert.equal((await as('procesmanager', 'PUT', P('/leerervaringen/999999'), LES)).status, 404);
  assert.equal((await as('medewerker', 'DELETE', P(`/leerervaringen/${made.id}`))).status, 403);
  r = await as('manager-lid', 'DELETE', P(`/leerervaringen/${made.id}`));
  assert.equal(r.status, 204);
  assert.equal((await srv.api('GET', P(`/leerervaringen/${made.id}`))).status, 404);
  assert.equal((await as('manager-lid', 'DELETE', P(`/leerervaringen/${made.id}`))).status, 404);
});
