// The kwaliteitskaart API (docs/api.md "Skills map", docs/kwaliteitskaart.md):
// competences per network, levels, the vulnerability rules with exact cases
// (niveau 1 does not count, retirement by year, absence on a date,
// substitutes across municipalities), the network view with its five-year
// projection, absences, who may change what, and privacy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';

let srv;
const tokens = {};
const api = (method, path, body, who) =>
  srv.api(method, '/api/v1' + path, body, who === undefined ? {} : { token: who === null ? null : tokens[who] });
const get = (path, who) => api('GET', path, null, who);
const post = (path, body, who) => api('POST', path, body, who);
const put = (path, body, who) => api('PUT', path, body, who);
const del = (path, who) => api('DELETE', path, null, who);

async function ok(r, status = 200) {
  const res = await r;
  assert.equal(res.status, status, res.text);
  return res.json;
}

const ACCOUNTS = {
  'manager-dalfsen': { rol: 'manager', organisatie: 'GM0148' },
  'manager-staphorst': { rol: 'manager', organisatie: 'GM0180' },
  'manager-dordrecht': { rol: 'manager', organisatie: 'GM0505' },
  'medewerker-staphorst': { rol: 'medewerker', organisatie: 'GM0180' },
  'raadslid-staphorst': { rol: 'raadslid', organisatie: 'GM0180' },
  'stuurgroep-dsz': { rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
  'procesmanager-dsz': { rol: 'procesmanager', organisatie: 'GM0148', verband: 'dsz' },
  'procesmanager-netwerk': { rol: 'procesmanager', organisatie: 'GM0505' },
};

const staff = {}; // short name -> id
async function person(key, naam, organisatie, pensioenjaar, levels = {}) {
  const m = await ok(post('/medewerkers', { naam, organisatie, functie: 'specialist', uurPerWeek: 36, beschikbaarUurPerWeek: 4, pensioenjaar }), 201);
  staff[key] = m.id;
  for (const [code, niveau] of Object.entries(levels)) await ok(put(`/medewerkers/${m.id}/competenties/${code}`, { niveau }));
  return m.id;
}
const kwets = async (query, who) => {
  const r = await get(`/kwetsbaarheid?${query}`, who);
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.map((c) => [c.competentie, c]));
};

before(async () => {
  srv = await startServer();
  for (const o of [
    { code: 'GM0148', naam: 'Dalfsen', soort: 'gemeente' }, { code: 'GM0180', naam: 'Staphorst', soort: 'gemeente' },
    { code: 'GM1896', naam: 'Zwartewaterland', soort: 'gemeente' }, { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente' },
  ]) await ok(post('/organisaties', o), 201);
  const leden = ['GM0148', 'GM0180', 'GM1896'].map((organisatie) => ({ organisatie, rol: 'lid', van: '2010-01-01' }));
  await ok(post('/verbanden', { code: 'dsz', naam: 'DSZ', doelen: ['kwetsbaarheid'], leden }), 201);
  await ok(post('/verbanden', { code: 'drechtsteden', naam: 'Drechtsteden', doelen: ['kwaliteit'],
    leden: [{ organisatie: 'GM0505', rol: 'lid', van: '2011-05-01' }] }), 201);
  for (const [naam, acc] of Object.entries(ACCOUNTS)) {
    await createUser(srv, { naam, ...acc, wachtwoord: 'een-lang-wachtwoord-' + naam });
    tokens[naam] = (await tokenFor(srv, naam)).token;
  }
  await ok(post('/competenties', { code: 'gis', naam: 'GIS', verband: 'dsz' }), 201);
  await ok(post('/competenties', { code: 'woz-taxatie', naam: 'WOZ-taxatie', verband: 'dsz' }), 201);
  await ok(post('/competenties', { code: 'applicatiebeheer', naam: 'Applicatiebeheer' }), 201);
  await ok(post('/competenties', { code: 'gba', naam: 'GBA', verband: 'drechtsteden' }), 201);
  // Staphorst GIS: an expert retiring in 2015, an experienced one, and one at basis level.
  await person('albert', 'Albert Zwiers', 'GM0180', 2015, { gis: 3 });
  await person('marieke', 'Marieke Dunnink', 'GM0180', 2031, { gis: 2, 'woz-taxatie': 1 });
  await person('jos', 'Jos Bisschop', 'GM0180', 2040, { gis: 1 });
  // Dalfsen: a GIS expert, a WOZ taxateur at basis level.
  await person('jolanda', 'Jolanda Veldhuis', 'GM0148', 2035, { gis: 3 });
  await person('ilse', 'Ilse Nijenhuis', 'GM0148', 2040, { 'woz-taxatie': 1 });
  await person('bert', 'Bert Meulman', 'GM0148', 2016, { 'woz-taxatie': 3 });
});
after(async () => { await srv.stop(); });

// ---- competences ---------------------------------------------------------

test('competenties: a code list per network plus a shared one; the list is public', async () => {
  const c = await ok(post('/competenties', { code: 'bag-beheer', naam: 'BAG-beheer', verband: 'dsz', omschrijving: 'Basisregistratie Adressen en Gebouwen' }), 201);
  assert.deepEqual(c, { code: 'bag-beheer', naam: 'BAG-beheer', omschrijving: 'Basisregistratie Adressen en Gebouwen', verband: 'dsz' });
  const all = await ok(get('/competenties', null)); // anonymous
  assert.ok(all.some((x) => x.code === 'gba') && all.some((x) => x.code === 'gis'));
  const dsz = (await ok(get('/competenties?verband=dsz'))).map((x) => x.code);
  assert.deepEqual(dsz, ['applicatiebeheer', 'bag-beheer', 'gis', 'woz-taxatie'], 'the dsz list and the shared one');
  assert.equal((await ok(get('/competenties/gis'))).naam, 'GIS');
  assertProblem(await get('/competenties/bestaat-niet'), 404);
  assertProblem(await get('/competenties?verband=xyz'), 422, 'verband');
  assertProblem(await post('/competenties', { code: 'gis', naam: 'Nog eens' }), 409);
  assertProblem(await post('/competenties', { code: 'Met Spatie', naam: 'x' }), 400, 'code');
  assertProblem(await post('/competenties', { code: 'ok-code' }), 400, 'naam');
  assertProblem(await post('/competenties', { code: 'ok-code', naam: 'x', verband: 'onbekend' }), 422, 'verband');
});

test('competenties: the process manager of a verband keeps its list; others may not', async () => {
  await ok(post('/competenties', { code: 'invordering', naam: 'Invordering', verband: 'dsz' }, 'procesmanager-dsz'), 201);
  assertProblem(await post('/competenties', { code: 'naturalisatie', naam: 'Naturalisatie', verband: 'drechtsteden' }, 'procesmanager-dsz'), 403);
  assertProblem(await post('/competenties', { code: 'kcc', naam: 'KCC' }, 'procesmanager-dsz'), 403, undefined, 'shared list');
  await ok(post('/competenties', { code: 'kcc', naam: 'KCC' }, 'procesmanager-netwerk'), 201);
  for (const who of ['manager-dalfsen', 'stuurgroep-dsz', 'raadslid-staphorst', 'medewerker-staphorst'])
    assertProblem(await post('/competenties', { code: 'x-' + who, naam: 'x', verband: 'dsz' }, who), 403, undefined, who);
  assertProblem(await post('/competenties', { code: 'anon', naam: 'x' }, null), 401);
});

// ---- levels and who may set them ----------------------------------------

test('levels: 1 basis, 2 ervaren, 3 expert; field errors are 400, unknown things 404', async () => {
  const id = staff.jos;
  const r = await ok(put(`/medewerkers/${id}/competenties/applicatiebeheer`, { niveau: 2 }, 'manager-staphorst'));
  assert.deepEqual(r, { competentie: 'applicatiebeheer', naam: 'Applicatiebeheer', niveau: 2, niveauNaam: 'ervaren', medewerker: id });
  const list = await ok(get(`/medewerkers/${id}/competenties`, 'raadslid-staphorst'));
  assert.deepEqual(list.map((l) => [l.competentie, l.niveau]), [['applicatiebeheer', 2], ['gis', 1]]);
  for (const niveau of [0, 4, '2', 2.5, null]) assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau }), 400, 'niveau', String(niveau));
  assertProblem(await put(`/medewerkers/${id}/competenties/onbekend`, { niveau: 2 }), 404);
  assertProblem(await put('/medewerkers/999999/competenties/gis', { niveau: 2 }), 404);
  assertProblem(await put('/medewerkers/abc/competenties/gis', { niveau: 2 }), 404);
  const del1 = await del(`/medewerkers/${id}/competenties/applicatiebeheer`, 'manager-staphorst');
  assert.equal(del1.status, 204, del1.text);
  assertProblem(await del(`/medewerkers/${id}/competenties/applicatiebeheer`, 'manager-staphorst'), 404);
  assert.deepEqual((await ok(get(`/medewerkers/${id}/competenties`))).map((l) => l.competentie), ['gis']);
});

test('levels: the own organisation\'s managers; a medewerker only their own record, once linked', async () => {
  const id = staff.marieke;
  assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau: 3 }, 'manager-dalfsen'), 403);
  assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau: 3 }, 'raadslid-staphorst'), 403);
  assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau: 3 }, 'stuurgroep-dsz'), 403);
  assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau: 3 }, null), 401);
  // Not linked yet: refused.
  assertProblem(await put(`/medewerkers/${id}/competenties/gis`, { niveau: 3 }, 'medewerker-staphorst'), 403);
  // The manager links the account to Marieke; a manager of another organisation may not.
  assertProblem(await put('/gebruikers/medewerker-staphorst/medewerker', { medewerker: id }, 'manager-dalfsen'), 403);
  assertProblem(await put('/gebruikers/medewerker-staphorst/medewerker', { medewerker: staff.jolanda }, 'manager-staphorst'), 422, 'medewerker');
  assertProblem(await put('/gebruikers/medewerker-staphorst/medewerker', { medewerker: 'x' }, 'manager-staphorst'), 400, 'medewerker');
  assertProblem(await put('/gebruikers/niemand/medewerker', { medewerker: id }), 404);
  assert.deepEqual(await ok(put('/gebruikers/medewerker-staphorst/medewerker', { medewerker: id }, 'manager-staphorst')),
    { gebruiker: 'medewerker-staphorst', medewerker: id });
  // Now Marieke keeps her own skills, and only hers.
  await ok(put(`/medewerkers/${id}/competenties/bag-beheer`, { niveau: 2 }, 'medewerker-staphorst'));
  assertProblem(await put(`/medewerkers/${staff.jos}/competenties/gis`, { niveau: 3 }, 'medewerker-staphorst'), 403);
  const d = await del(`/medewerkers/${id}/competenties/bag-beheer`, 'medewerker-staphorst');
  assert.equal(d.status, 204);
  // One account per medewerker.
  await createUser(srv, { naam: 'tweede-account', rol: 'medewerker', organisatie: 'GM0180', wachtwoord: 'een-lang-wachtwoord-2' });
  assertProblem(await put('/gebruikers/tweede-account/medewerker', { medewerker: id }), 409);
});

// ---- the vulnerability rules ---------------------------------------------

test('vulnerability: niveau 1 does not count, and pensioenjaar P still works in P', async () => {
  // Staphorst GIS: Albert 3 (pensioen 2015), Marieke 2 (2031), Jos 1.
  const y = async (jaar) => (await kwets(`organisatie=GM0180&jaar=${jaar}`)).gis;
  assert.deepEqual([(await y(2012)).houders, (await y(2012)).status], [2, 'gedekt']);
  assert.deepEqual([(await y(2015)).houders, (await y(2015)).status], [2, 'gedekt'], 'Albert still works in 2015');
  assert.deepEqual([(await y(2016)).houders, (await y(2016)).status], [1, 'een-pitter'], 'Albert gone in 2016; Jos at basis level does not count');
  assert.deepEqual([(await y(2032)).houders, (await y(2032)).status], [0, 'ontbreekt']);
  // Staphorst WOZ: only Marieke at basis level: missing.
  assert.equal((await kwets('organisatie=GM0180&jaar=2012'))['woz-taxatie'].status, 'ontbreekt');
  // The competences that apply: the dsz list, the shared one, not the Drechtsteden one.
  const codes = Object.keys(await kwets('organisatie=GM0180&jaar=2012'));
  assert.ok(codes.includes('applicatiebeheer') && codes.includes('gis') && !codes.includes('gba'), codes.join());
});

test('vulnerability: an absence on the date takes a holder out, first and last day included', async () => {
  await ok(post('/afwezigheden', { medewerker: staff.marieke, van: '2012-08-06', tot: '2012-08-24', reden: 'vakantie' }, 'manager-staphorst'), 201);
  const on = async (datum) => (await kwets(`organisatie=GM0180&datum=${datum}`)).gis;
  assert.equal((await on('2012-08-05')).status, 'gedekt');
  assert.deepEqual([(await on('2012-08-06')).houders, (await on('2012-08-06')).status], [1, 'een-pitter']);
  assert.equal((await on('2012-08-24')).status, 'een-pitter');
  assert.equal((await on('2012-08-25')).status, 'gedekt');
  // A year projection knows no absences.
  assert.equal((await kwets('organisatie=GM0180&jaar=2012')).gis.status, 'gedekt');
});

test('vervangingen: across municipalities, by the manager who lends the substitute, only at niveau 2 or 3', async () => {
  const body = { medewerker: staff.albert, vervanger: staff.jolanda, competentie: 'gis' };
  // Staphorst's manager cannot lend Dalfsen's Jolanda; Dalfsen's can.
  assertProblem(await post('/vervangingen', body, 'manager-staphorst'), 403);
  assertProblem(await post('/vervangingen', body, 'raadslid-staphorst'), 403);
  const v = await ok(post('/vervangingen', body, 'manager-dalfsen'), 201);
  assert.deepEqual([v.medewerker, v.vervanger, v.competentie, v.organisatie, v.vervangerOrganisatie, v.beeindigd],
    [staff.albert, staff.jolanda, 'gis', 'GM0180', 'GM0148', null]);
  assertProblem(await post('/vervangingen', body, 'manager-dalfsen'), 409);
  // Ilse holds WOZ only at basis level: 422 naming vervanger; no competence at all: 422 too.
  const r = await post('/vervangingen', { medewerker: staff.bert, vervanger: staff.ilse, competentie: 'woz-taxatie' }, 'manager-dalfsen');
  assert.match(assertProblem(r, 422, 'vervanger').detail, /niveau 1/);
  assertProblem(await post('/vervangingen', { medewerker: staff.bert, vervanger: staff.jolanda, competentie: 'woz-taxatie' }), 422, 'vervanger');
  assertProblem(await post('/vervangingen', { medewerker: staff.bert, vervanger: staff.bert, competentie: 'woz-taxatie' }), 422, 'vervanger');
  assertProblem(await post('/vervangingen', { medewerker: staff.jolanda, vervanger: staff.marieke, competentie: 'woz-taxatie' }), 422, 'competentie');
  assertProblem(await post('/vervangingen', { medewerker: 999999, vervanger: staff.bert, competentie: 'gis' }), 422, 'medewerker');
  assertProblem(await post('/vervangingen', { medewerker: staff.albert, vervanger: staff.jolanda, competentie: 'nope' }), 422, 'competentie');
  assertProblem(await post('/vervangingen', { medewerker: 'x', vervanger: staff.jolanda }), 400, ['medewerker', 'competentie']);
  // Process managers arrange substitution anywhere.
  const v2 = await ok(post('/vervangingen', { medewerker: staff.marieke, vervanger: staff.jolanda, competentie: 'gis' }, 'procesmanager-netwerk'), 201);
  const list = await ok(get('/vervangingen?organisatie=GM0180', 'raadslid-staphorst'));
  assert.deepEqual(list.map((x) => x.id).sort(), [v.id, v2.id].sort());
  // Either side may end it; it stays as history.
  assertProblem(await del(`/vervangingen/${v2.id}`, 'manager-dordrecht'), 403);
  const ended = await ok(del(`/vervangingen/${v2.id}`, 'manager-staphorst'));
  assert.ok(ended.beeindigd);
  assertProblem(await del(`/vervangingen/${v2.id}`, 'manager-staphorst'), 409);
  assertProblem(await del('/vervangingen/999999'), 404);
  assert.equal((await ok(get('/vervangingen?organisatie=GM0180'))).length, 1);
  assert.equal((await ok(get('/vervangingen?organisatie=GM0180&alle=1'))).length, 2);
});

test('vulnerability: substitutes count while the one substituted works and they hold the competence', async () => {
  // 2012: Jolanda (Dalfsen) substitutes Albert in GIS.
  let gis = (await kwets('organisatie=GM0180&jaar=2012')).gis;
  assert.deepEqual(gis.vervangers, [{ id: staff.jolanda, naam: 'Jolanda Veldhuis', organisatie: 'GM0148' }]);
  // 2016: Albert retired in 2015; the arrangement lapses; Marieke alone.
  gis = (await kwets('organisatie=GM0180&jaar=2016')).gis;
  assert.deepEqual([gis.status, gis.vervangers, gis.statusMetVervangers], ['een-pitter', [], 'een-pitter']);
  // During Marieke's holiday Albert is the only holder, with Jolanda as substitute from elsewhere.
  gis = (await kwets('organisatie=GM0180&datum=2012-08-10')).gis;
  assert.deepEqual([gis.status, gis.vervangers.length, gis.statusMetVervangers], ['een-pitter', 1, 'gedekt']);
  // A substitute on holiday does not count.
  const a = await ok(post('/afwezigheden', { medewerker: staff.jolanda, van: '2012-08-09', tot: '2012-08-10' }, 'manager-dalfsen'), 201);
  gis = (await kwets('organisatie=GM0180&datum=2012-08-10')).gis;
  assert.deepEqual(gis.vervangers, []);
  assert.equal((await del(`/afwezigheden/${a.id}`, 'manager-dalfsen')).status, 204);
});

test('kwetsbaarheid: query errors are 400/422 problems; anonymous is 401', async () => {
  assertProblem(await get('/kwetsbaarheid?jaar=2012'), 400, 'organisatie');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM0180&jaar=2012&datum=2012-01-01'), 400, 'jaar');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM0180&jaar=twintig'), 400, 'jaar');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM0180&jaar=1800'), 400, 'jaar');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM0180&datum=2012-02-30'), 400, 'datum');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM9999'), 422, 'organisatie');
  assertProblem(await get('/kwetsbaarheid?organisatie=GM0180', null), 401);
  assertProblem(await get('/kwetsbaarheid/netwerk?verband=xyz'), 422, 'verband');
  // Without jaar or datum: today.
  assert.ok((await ok(get('/kwetsbaarheid?organisatie=GM0180'))).length > 0);
});

test('network view: per competence who has it, who depends on one person, who lacks it; and five years on', async () => {
  const net = await ok(get('/kwetsbaarheid/netwerk?verband=dsz&jaar=2012', 'stuurgroep-dsz'));
  assert.deepEqual([net.verband, net.jaar, net.projectiejaar, net.datum], ['dsz', 2012, 2017, null]);
  assert.deepEqual(net.organisaties.map((o) => o.code).sort(), ['GM0148', 'GM0180', 'GM1896']);
  const c = Object.fromEntries(net.competenties.map((x) => [x.competentie, x]));
  assert.ok(!c.gba, 'another network\'s list is not in the view');
  // GIS 2012: Staphorst 2 (gedekt), Dalfsen 1 (Jolanda), Zwartewaterland none.
  assert.deepEqual([c.gis.gedekt, c.gis.eenPitter, c.gis.ontbreekt], [['GM0180'], ['GM0148'], ['GM1896']]);
  assert.deepEqual([c.gis.netwerkHouders, c.gis.netwerkStatus], [3, 'gedekt']);
  // 2017: Albert retired: Staphorst depends on Marieke alone.
  assert.deepEqual([c.gis.projectie.jaar, c.gis.projectie.gedekt, c.gis.projectie.eenPitter.sort(), c.gis.projectie.netwerkHouders],
    [2017, [], ['GM0148', 'GM0180'], 2]);
  assert.deepEqual(c.gis.verslechtert, ['GM0180']);
  const st = c.gis.perOrganisatie.find((p) => p.organisatie === 'GM0180');
  assert.deepEqual(st, { organisatie: 'GM0180', houders: 2, status: 'gedekt', vervangers: 1, houdersProjectie: 1, statusProjectie: 'een-pitter' });
  // WOZ: only Bert (Dalfsen, retiring 2016) in the whole network: een-pitter now, missing in 2017.
  assert.deepEqual([c['woz-taxatie'].netwerkHouders, c['woz-taxatie'].netwerkStatus], [1, 'een-pitter']);
  assert.deepEqual([c['woz-taxatie'].projectie.netwerkHouders, c['woz-taxatie'].projectie.netwerkStatus], [0, 'ontbreekt']);
  assert.ok(net.samenvatting.netwerkEenPitters.includes('woz-taxatie'));
  assert.ok(net.samenvattingProjectie.netwerkEenPitters.includes('gis') === false);
  // A date: absences count there.
  const aug = await ok(get('/kwetsbaarheid/netwerk?verband=dsz&datum=2012-08-10'));
  const g = aug.competenties.find((x) => x.competentie === 'gis');
  assert.deepEqual([aug.datum, g.perOrganisatie.find((p) => p.organisatie === 'GM0180').status], ['2012-08-10', 'een-pitter']);
  // Without verband: every organisation with a kwaliteitskaart.
  const all = await ok(get('/kwetsbaarheid/netwerk?jaar=2012'));
  assert.deepEqual(all.organisaties.map((o) => o.code).sort(), ['GM0148', 'GM0180']);
});

test('network view in pages of organisations: Link, X-Total-Count, the cells of the page, the network counts of all', async () => {
  const whole = await get('/kwetsbaarheid/netwerk?verband=dsz&jaar=2012');
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('x-total-count'), '3', 'the default page holds the three members');
  const codes = whole.json.organisaties.map((o) => o.code);
  const cells = (net) => net.competenties.map((c) => [c.competentie, c.perOrganisatie, c.gedekt, c.eenPitter, c.ontbreekt, c.verslechtert]);
  const seen = [];
  for (let n = 1; n <= 3; n++) {
    const r = await get(`/kwetsbaarheid/netwerk?verband=dsz&jaar=2012&pagina=${n}&paginaGrootte=1`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-total-count'), '3');
    const links = Object.fromEntries([...r.headers.get('link').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));
    assert.equal(links.first, '/api/v1/kwetsbaarheid/netwerk?verband=dsz&jaar=2012&pagina=1&paginaGrootte=1');
    assert.equal(links.last, '/api/v1/kwetsbaarheid/netwerk?verband=dsz&jaar=2012&pagina=3&paginaGrootte=1');
    assert.equal(links.next, n < 3 ? `/api/v1/kwetsbaarheid/netwerk?verband=dsz&jaar=2012&pagina=${n + 1}&paginaGrootte=1` : undefined);
    assert.deepEqual(r.json.organisaties.map((o) => o.code), [codes[n - 1]], `page ${n}: its one organisation`);
    for (const c of r.json.competenties) {
      const all = whole.json.competenties.find((x) => x.competentie === c.competentie);
      // The network's own counts are those of the whole selection on every page.
      assert.deepEqual([c.netwerkHouders, c.netwerkStatus, c.projectie.netwerkHouders], [all.netwerkHouders, all.netwerkStatus, all.projectie.netwerkHouders]);
      assert.deepEqual(c.perOrganisatie, all.perOrganisatie.filter((x) => x.organisatie === codes[n - 1]));
      for (const k of ['gedekt', 'eenPitter', 'ontbreekt'])
        assert.deepEqual(c[k], all[k].filter((x) => x === codes[n - 1]), `${c.competentie} ${k}`);
    }
    assert.deepEqual(r.json.samenvatting, whole.json.samenvatting);
    seen.push(r.json);
  }
  // The pages together are the whole view: each organisation's cells once.
  const merged = whole.json.competenties.map((c) => {
    const parts = seen.map((s) => s.competenties.find((x) => x.competentie === c.competentie));
    return [c.competentie, parts.flatMap((x) => x.perOrganisatie), ...['gedekt', 'eenPitter', 'ontbreekt'].map((k) => parts.flatMap((x) => x[k])),
      parts.flatMap((x) => x.verslechtert)];
  });
  const sortCodes = (rows) => rows.map(([k, per, ...l]) => [k, per, ...l.map((x) => [...x].sort())]);
  assert.deepEqual(sortCodes(merged), sortCodes(cells(whole.json)));
  // Beyond the last page: no organisations, the same network counts.
  const beyond = await ok(get('/kwetsbaarheid/netwerk?verband=dsz&jaar=2012&pagina=9&paginaGrootte=1'));
  assert.deepEqual(beyond.organisaties, []);
  assert.ok(beyond.competenties.every((c) => c.perOrganisatie.length === 0));
  assertProblem(await get('/kwetsbaarheid/netwerk?paginaGrootte=0'), 400, 'paginaGrootte');
});

// ---- absences and privacy --------------------------------------------------

test('absences: recorded by the own managers; shown only to who may see personal data', async () => {
  const body = { medewerker: staff.jos, van: '2012-03-05', tot: '2012-03-09', reden: 'ziekte' };
  assertProblem(await post('/afwezigheden', body, 'manager-dalfsen'), 403);
  assertProblem(await post('/afwezigheden', body, 'raadslid-staphorst'), 403);
  assertProblem(await post('/afwezigheden', body, null), 401);
  assertProblem(await post('/afwezigheden', { ...body, tot: '2012-03-01' }, 'manager-staphorst'), 400, 'tot');
  assertProblem(await post('/afwezigheden', { ...body, reden: 'griep' }, 'manager-staphorst'), 400, 'reden');
  assertProblem(await post('/afwezigheden', { ...body, van: '5 maart' }, 'manager-staphorst'), 400, 'van');
  assertProblem(await post('/afwezigheden', { ...body, medewerker: 999999 }), 422, 'medewerker');
  const a = await ok(post('/afwezigheden', body, 'manager-staphorst'), 201);
  assert.deepEqual([a.medewerker, a.organisatie, a.van, a.tot, a.reden], [staff.jos, 'GM0180', '2012-03-05', '2012-03-09', 'ziekte']);
  const seen = async (who) => (await ok(get(`/afwezigheden?medewerker=${staff.jos}`, who))).length;
  assert.equal(await seen('manager-staphorst'), 1);
  assert.equal(await seen('procesmanager-netwerk'), 1);
  assert.equal(await seen(undefined), 1, 'beheerder');
  assert.equal(await seen('manager-dalfsen'), 0);
  assert.equal(await seen('raadslid-staphorst'), 0);
  assert.equal(await seen('stuurgroep-dsz'), 0);
  assert.equal(await seen('medewerker-staphorst'), 0, 'another colleague\'s absence');
  // The linked medewerker (Marieke) sees her own.
  assert.ok((await ok(get(`/afwezigheden?medewerker=${staff.marieke}`, 'medewerker-staphorst'))).length >= 1);
  // Filters by period overlap.
  assert.equal((await ok(get(`/afwezigheden?medewerker=${staff.jos}&van=2012-03-09&tot=2012-03-20`))).length, 1);
  assert.equal((await ok(get(`/afwezigheden?medewerker=${staff.jos}&van=2012-03-10`))).length, 0);
  assertProblem(await get('/afwezigheden?van=gisteren'), 400, 'van');
  assertProblem(await del(`/afwezigheden/${a.id}`, 'manager-dalfsen'), 403);
  assert.equal((await del(`/afwezigheden/${a.id}`, 'manager-staphorst')).status, 204);
  assertProblem(await del(`/afwezigheden/${a.id}`, 'manager-staphorst'), 404);
});

test('privacy: who holds what in a projection, and pensioenjaar, only for the own organisation', async () => {
  const own = await kwets('organisatie=GM0180&jaar=2016', 'manager-staphorst');
  assert.deepEqual(own.gis.houderIds, [staff.marieke]);
  for (const who of ['manager-dalfsen', 'raadslid-staphorst', 'stuurgroep-dsz', 'medewerker-staphorst']) {
    const other = await kwets('organisatie=GM0180&jaar=2016', who);
    assert.equal(other.gis.houders, 1, who);
    assert.ok(!('houderIds' in other.gis), `${who} sees no holder ids`);
  }
  const rec = await ok(get(`/medewerkers/${staff.albert}`, 'manager-dalfsen'));
  assert.ok(!('pensioenjaar' in rec), 'pensioenjaar hidden from another organisation');
  assert.equal((await ok(get(`/medewerkers/${staff.albert}`, 'manager-staphorst'))).pensioenjaar, 2015);
  // The map: without the personal columns for another organisation.
  const map = await ok(get('/kwaliteitskaart?organisatie=GM0180', 'manager-dalfsen'));
  assert.ok(map.medewerkers.length >= 3);
  assert.ok(map.medewerkers.every((m) => !('pensioenjaar' in m) && !('uurPerWeek' in m)));
  assert.equal(map.medewerkers.find((m) => m.naam === 'Albert Zwiers').niveaus.gis, 3, 'levels are for the whole network to see');
  const csv = (await get('/kwaliteitskaart?organisatie=GM0180&formaat=csv', 'manager-dalfsen')).text;
  assert.ok(!/pensioenjaar/.test(csv) && !/2015/.test(csv), csv.slice(0, 200));
  const ownCsv = (await get('/kwaliteitskaart?organisatie=GM0180&formaat=csv', 'manager-staphorst')).text;
  assert.match(ownCsv, /pensioenjaar/);
  assert.match(ownCsv, /Albert Zwiers;specialist;36;4;2015;;/);
});

test('the AVG inzage of a medewerker includes competences, absences and substitutions', async () => {
  const r = await ok(get(`/medewerkers/${staff.albert}/inzage`, 'manager-staphorst'));
  assert.ok(r.kwaliteitskaart, JSON.stringify(Object.keys(r)));
  assert.deepEqual(r.kwaliteitskaart.competenties.map((c) => [c.competentie, c.niveau]), [['gis', 3]]);
  assert.ok(r.kwaliteitskaart.vervangingen.some((v) => v.vervanger === staff.jolanda));
});
