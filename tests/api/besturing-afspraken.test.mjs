// How a network runs itself (docs/besturingsformaat.md "Afspraken"): a
// verband's documents with their dates, the lead municipality per theme,
// evaluation moments with outcome and follow-up decision, recurring
// meetings with agenda and minutes (also in the agenda feed), the next
// stand van zaken planned for a raad, and a role that changes hands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { startServer, BIN } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';
import { tokenOf } from './besturing-helpers.mjs';

// The feed with meetings and planned reports, valid for libical in its
// strictest mode (tools/icalcheck.c, built by make check).
const ICALCHECK = process.env.SAMEN_ICALCHECK || join(dirname(dirname(BIN)), 'tools', 'icalcheck');
function icalcheck(ics) {
  const r = spawnSync(ICALCHECK, [], { input: ics, encoding: 'utf8' });
  if (r.error) throw new Error(`${ICALCHECK} is niet te starten (${r.error.code}); make check bouwt hem`);
  assert.equal(r.status, 0, `libical (strict) weigert de agenda:\n${r.stderr}`);
}

let srv, ict, tok;
// A decision needs a subject and a text (the store refuses one without); these tests are about
// the order of the steps, so each decision gets them unless the test gives its own.
const withText = (path, body) => (/\/besluiten$/.test(path) && body && typeof body === 'object'
  ? { onderwerp: 'Samenwerking', toelichting: 'Zoals in het verslag van de vergadering.', ...body } : body);
const post = (path, body, token) => srv.api('POST', '/api/v1' + path, withText(path, body), token === undefined ? {} : { token });
const get = (path) => srv.api('GET', '/api/v1' + path);
async function ok(pr, status = 201) { const r = await pr; assert.equal(r.status, status, r.text); return r.json; }

before(async () => {
  srv = await startServer({ env: { SAMEN_HOST: 'samen.example.nl' } });
  for (const [code, naam] of [['GM1730', 'Tynaarlo'], ['GM1680', 'Aa en Hunze'], ['GM0106', 'Assen'], ['GM1699', 'Noordenveld']])
    await ok(post('/organisaties', { code, naam, soort: 'gemeente' }));
  await ok(post('/taakvelden', { code: 'psa', naam: 'PSA', soort: 'bedrijfsvoering', iv3: '0.4' }));
  await ok(post('/verbanden', { code: 'staan', naam: 'STAAN', leden: ['GM1730', 'GM1680', 'GM0106', 'GM1699'].map((o) => ({ organisatie: o, van: '2012-03-01' })) }));
  ict = (await ok(post('/verbanden/staan/trajecten', { taakveld: 'psa', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'afstemming',
    deelnemers: ['GM1730', 'GM1680', 'GM0106', 'GM1699'], start: '2012-06-01' }))).id;
  tok = { stuurgroep: await tokenOf(srv, 'stuurgroep', 'GM1730', 'staan'), manager: await tokenOf(srv, 'manager', 'GM1730'),
    raadslid: await tokenOf(srv, 'raadslid', 'GM1730'), managerAssen: await tokenOf(srv, 'manager', 'GM0106') };
});
after(async () => { await srv.stop(); });

test('documents with their dates, as precisely as the source gives them', async () => {
  const d = await ok(post('/verbanden/staan/documenten', { soort: 'startdocument', titel: 'Startdocument STAAN', datum: '2012-06-01', precisie: 'maand' }, tok.stuurgroep));
  assert.equal(d[0].wanneer, 'juni 2012');
  await ok(post('/verbanden/staan/documenten', { soort: 'intentieverklaring', titel: 'Intentieverklaring', datum: '2008-10-01', precisie: 'kwartaal', status: 'gepland' }));
  const list = await ok(get('/verbanden/staan/documenten'), 200);
  assert.deepEqual(list.map((x) => [x.soort, x.wanneer, x.status]), [['intentieverklaring', 'vierde kwartaal 2008', 'gepland'], ['startdocument', 'juni 2012', 'vastgesteld']]);
  assertProblem(await post('/verbanden/staan/documenten', { soort: 'convenant', titel: 'x', datum: '2012-06-15', precisie: 'maand' }), 400, 'datum');
  assertProblem(await post('/verbanden/staan/documenten', { soort: 'brief', titel: 'x', datum: '2012-06-15' }), 400, 'soort');
  assertProblem(await post('/verbanden/staan/documenten', { soort: 'convenant', titel: 'x', datum: '2012-06-15' }, tok.manager), 403);
  assertProblem(await post('/verbanden/staan/documenten', { soort: 'convenant', titel: 'x', datum: '2012-06-15' }, null), 401);
  assertProblem(await post('/verbanden/nergens/documenten', { soort: 'convenant', titel: 'x', datum: '2012-06-15' }), 404);
  assert.equal((await get('/verbanden/staan/documenten')).json.length, 2, 'nothing stored by the refusals');
});

test('the lead municipality of a theme; a new one takes over', async () => {
  await ok(post('/verbanden/staan/trekkers', { thema: 'communicatie', organisatie: 'GM0106', van: '2012-06-01', toelichting: 'eerste aanspreekpunt' }, tok.stuurgroep));
  const t = await ok(post('/verbanden/staan/trekkers', { thema: 'communicatie', organisatie: 'GM1730', van: '2014-01-01' }));
  assert.deepEqual(t.map((x) => [x.organisatie, x.van, x.tot]), [['GM0106', '2012-06-01', '2014-01-01'], ['GM1730', '2014-01-01', null]]);
  assertProblem(await post('/verbanden/staan/trekkers', { thema: 'x', organisatie: 'GM0148', van: '2012-06-01' }), 422, 'organisatie');
});

test('an evaluation moment, its outcome and the follow-up decision', async () => {
  const e = await ok(post(`/trajecten/${ict}/evaluaties`, { titel: 'Evaluatie na drie jaar', datum: '2015-01-01', precisie: 'kwartaal' }, tok.stuurgroep));
  assert.equal(e.wanneer, 'eerste kwartaal 2015');
  assert.equal(e.gehouden, null);
  const b = await ok(post(`/trajecten/${ict}/besluiten`, { orgaan: 'stuurgroep', datum: '2015-03-01', uitkomst: 'go', onderwerp: 'Opschalen' }));
  assertProblem(await post(`/evaluaties/${e.id}/uitkomst`, { gehouden: '2015-02-15', uitkomst: 'meerwaarde', vervolg: 'weggooien' }), 400, 'vervolg');
  assertProblem(await post(`/evaluaties/${e.id}/uitkomst`, { gehouden: '2015-02-15', uitkomst: 'meerwaarde', besluit: 999999 }), 422, 'besluit');
  const held = await ok(post(`/evaluaties/${e.id}/uitkomst`, { gehouden: '2015-02-15', uitkomst: 'Meerwaarde gebleken', vervolg: 'opschalen', besluit: b.id }), 200);
  assert.equal(held.vervolg, 'opschalen');
  assert.equal(held.besluit, b.id);
  assertProblem(await post(`/evaluaties/${e.id}/uitkomst`, { gehouden: '2015-03-15', uitkomst: 'nog eens' }), 422);
  await ok(post('/verbanden/staan/evaluaties', { titel: 'Tussenevaluatie', datum: '2013-07-01', precisie: 'maand' }));
  assert.equal((await get('/verbanden/staan/evaluaties')).json.length, 2);
  assert.equal((await get(`/trajecten/${ict}/evaluaties`)).json.length, 1);
});

test('recurring meetings: every six weeks, twice a year; agenda and minutes per date; in the agenda feed', async () => {
  const sg = await ok(post('/verbanden/staan/overleggen', { soort: 'stuurgroep', titel: 'Stuurgroep STAAN', eerste: '2012-07-02',
    interval: { eenheid: 'week', aantal: 6 } }, tok.stuurgroep));
  assert.deepEqual(sg.interval, { eenheid: 'week', aantal: 6 });
  const mt = await ok(post('/verbanden/staan/overleggen', { soort: 'mt-sessie', titel: 'Gezamenlijke sessie van de MT\'s', eerste: '2012-11-01',
    precisie: 'maand', interval: { eenheid: 'maand', aantal: 6 } }));
  assertProblem(await post('/verbanden/staan/overleggen', { soort: 'stuurgroep', titel: 'x', eerste: '2012-07-02', interval: { eenheid: 'dag', aantal: 1 } }), 400, 'interval');
  const dates = (await ok(get('/overleggen?verband=staan&van=2012-07-01&tot=2012-12-31'), 200)).map((m) => `${m.soort} ${m.datum}`);
  assert.deepEqual(dates, ['stuurgroep 2012-07-02', 'stuurgroep 2012-08-13', 'stuurgroep 2012-09-24', 'stuurgroep 2012-11-05',
    'stuurgroep 2012-12-17', 'mt-sessie 2012-11-01']);
  assertProblem(await srv.api('PUT', `/api/v1/overleggen/${sg.id}/vergaderingen/2012-07-03`, { agenda: 'x' }), 404);
  const m = await ok(srv.api('PUT', `/api/v1/overleggen/${sg.id}/vergaderingen/2012-08-13`, { agenda: '1. Opdrachtformuleringen\n2. Communicatieaanpak' }), 200);
  await ok(srv.api('PUT', `/api/v1/overleggen/${sg.id}/vergaderingen/2012-08-13`, { verslag: 'Opdrachtformuleringen vastgesteld.' }), 200);
  const v = (await get('/overleggen?verband=staan')).json.find((x) => x.id === sg.id).vergaderingen;
  assert.deepEqual(v, [{ datum: '2012-08-13', agenda: '1. Opdrachtformuleringen\n2. Communicatieaanpak', verslag: 'Opdrachtformuleringen vastgesteld.' }]);
  assert.equal(m.id, sg.id);
  assert.equal((await get('/overleggen?organisatie=GM1699&van=2012-08-13&tot=2012-08-13')).json[0].agenda.startsWith('1.'), true);
  const ics = (await srv.api('GET', '/api/v1/agenda?organisatie=GM1730', null, { token: tok.raadslid, raw: true })).text;
  assert.match(ics, new RegExp(`UID:overleg-${sg.id}-2012-08-13-gm1730@samen\\.example\\.nl$`, 'm'));
  icalcheck(ics);
  assert.match(ics, /CATEGORIES:Overleg/);
  assert.match(ics.replace(/\r\n /g, ''), /Opdrachtformuleringen vastgesteld/);
  assert.ok(mt.id);
});

test('the next stand van zaken to the raad is planned by the organisation itself', async () => {
  assertProblem(await post('/organisaties/GM1730/rapportageplanning', { datum: '2012-12-01', precisie: 'maand' }, tok.managerAssen), 403);
  assertProblem(await post('/organisaties/GM1730/rapportageplanning', { datum: '2012-12-15', precisie: 'maand' }, tok.manager), 400, 'datum');
  const r = await ok(post('/organisaties/GM1730/rapportageplanning', { datum: '2012-12-01', precisie: 'maand' }, tok.manager));
  assert.equal(r[0].wanneer, 'december 2012');
  assert.equal(r[0].titel, 'Stand van zaken bestuurlijke samenwerking');
  const ics = (await srv.api('GET', '/api/v1/agenda?organisatie=GM1730', null, { token: tok.raadslid, raw: true })).text;
  assert.match(ics, /CATEGORIES:Rapportage/);
  icalcheck(ics);
});

test('a role changes hands on a date: the holder ends, the new one starts; or it ends with a reason', async () => {
  const [role] = [await ok(post(`/trajecten/${ict}/rollen`, { rol: 'eigenaar', naam: 'Judith Jansen', organisatie: 'GM0106', van: '2012-06-01' }))];
  const r = await ok(srv.api('PATCH', `/api/v1/rollen/${role.id}`, { ingangsdatum: '2013-07-01', naam: 'Evert Jansen', organisatie: 'GM1730' }), 200);
  assert.deepEqual([r.naam, r.organisatie, r.van, r.tot], ['Evert Jansen', 'GM1730', '2013-07-01', null]);
  const rows = (await get(`/trajecten/${ict}/rollen`)).json.map((x) => `${x.naam} ${x.van} ${x.tot}`);
  assert.deepEqual(rows, ['Judith Jansen 2012-06-01 2013-07-01', 'Evert Jansen 2013-07-01 null']);
  assertProblem(await srv.api('PATCH', `/api/v1/rollen/${role.id}`, { ingangsdatum: '2014-01-01' }), 422, undefined, 'ended already');
  const pl = await ok(post(`/trajecten/${ict}/rollen`, { rol: 'projectleider', naam: 'Poolmanager', van: '2012-06-01' }));
  const end = await ok(srv.api('PATCH', `/api/v1/rollen/${pl.id}`, { ingangsdatum: '2013-01-01', reden: 'geen poolmanager' }), 200);
  assert.equal(end.tot, '2013-01-01');
  assert.equal(end.eindeReden, 'geen poolmanager');
  assertProblem(await srv.api('PATCH', `/api/v1/rollen/${pl.id}`, { ingangsdatum: '2013-01-01' }, { token: tok.manager }), 403);
  assertProblem(await srv.api('PATCH', '/api/v1/rollen/999999', { ingangsdatum: '2013-01-01' }), 404);
});
