// The rules of the register over time (docs/api.md "Register", docs/registerformaat.md
// "Wat de matrix telt"): members that join and leave, no cherry-picking, toehoorders,
// and how all of it shows in trajecten, the matrix and the network on dates
// before and after each change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';

let srv;
const post = (path, body) => srv.api('POST', '/api/v1' + path, body);
const get = (path) => srv.api('GET', '/api/v1' + path);
async function ok(r, status = 201) { assert.equal(r.status, status, r.text); return r.json; }

// The partners of org on taakveld at datum ([] when it has no row).
async function partners(org, datum, taakveld) {
  const r = await get(`/matrix?organisatie=${org}&datum=${datum}`);
  assert.equal(r.status, 200, r.text);
  const row = r.json.find((x) => x.taakveld === taakveld);
  return row ? row.partners : [];
}
const T = { fase: 'uitvoering', vorm: 'dvo', intensiteit: 'gezamenlijke-uitvoering' };

before(async () => {
  srv = await startServer();
  for (const [code, naam, soort] of [
    ['GM0193', 'Zwolle', 'gemeente'], ['GM0166', 'Kampen', 'gemeente'], ['PV23', 'Overijssel', 'provincie'],
    ['GM0148', 'Dalfsen', 'gemeente'], ['GM1708', 'Steenwijkerland', 'gemeente'], ['GM0505', 'Dordrecht', 'gemeente'],
    ['GM0482', 'Alblasserdam', 'gemeente'], ['GM0531', 'Hendrik-Ido-Ambacht', 'gemeente'],
  ]) await ok(await post('/organisaties', { code, naam, soort }));
  for (const [code, naam] of [['psa', 'PSA'], ['ict', 'ICT'], ['inkoop', 'Inkoop'], ['aa', 'Zelfde naam'], ['bb', 'Zelfde naam']])
    await ok(await post('/taakvelden', { code, naam, soort: 'bedrijfsvoering' }));
});
after(async () => { await srv.stop(); });

test('geenCherryPicking: deelnemers may be left out, a partial list is 422, the full list is fine', async () => {
  const v = await ok(await post('/verbanden', {
    code: 'ssc', naam: 'SSC Zwolle', geenCherryPicking: true, doelen: ['kosten', 'kwetsbaarheid'],
    leden: [
      { organisatie: 'GM0193', rol: 'gastheer', van: '2013-01-01' },
      { organisatie: 'GM0166', van: '2013-01-01' },
      { organisatie: 'PV23', van: '2013-01-01' },
      { organisatie: 'GM0148', rol: 'toehoorder', van: '2012-03-01' },
    ],
  }));
  assert.equal(v.geenCherryPicking, true);
  const psa = await ok(await post('/verbanden/ssc/trajecten', { ...T, taakveld: 'psa', start: '2013-01-01' }));
  assert.deepEqual(psa.deelnemers, ['GM0166', 'GM0193', 'PV23'], 'every member, not the toehoorder');

  const p = assertProblem(await post('/verbanden/ssc/trajecten', { ...T, taakveld: 'ict', start: '2013-01-01',
    deelnemers: ['GM0193', 'GM0166'] }), 422, 'deelnemers');
  assert.match(p.detail, /cherry-picking/);
  assertProblem(await post('/verbanden/ssc/trajecten', { ...T, taakveld: 'ict', start: '2013-01-01',
    deelnemers: ['GM0193', 'GM0166', 'PV23', 'GM0148'] }), 422, 'deelnemers[3]', 'a toehoorder is no deelnemer here either');
  const ict = await ok(await post('/verbanden/ssc/trajecten', { ...T, taakveld: 'ict', start: '2013-01-01',
    deelnemers: ['PV23', 'GM0193', 'GM0166'] }));
  assert.deepEqual(ict.deelnemers, ['GM0166', 'GM0193', 'PV23']);
  assert.equal((await get('/trajecten?verband=ssc')).json.length, 2, 'the refused trajecten were not written');
});

test('geenCherryPicking: a member that joins later takes part in every traject, from the day it joins', async () => {
  await ok(await post('/verbanden/ssc/leden', { organisatie: 'GM1708', van: '2014-01-01' }));
  const list = await get('/trajecten?organisatie=GM1708');
  assert.deepEqual(list.json.map((t) => t.taakveld).sort(), ['ict', 'psa'], 'GET trajecten?organisatie= lists both');
  for (const t of list.json) assert.ok(t.deelnemers.includes('GM1708'), `${t.taakveld} lists GM1708 as deelnemer`);
  const one = await get('/trajecten/' + list.json[0].id);
  assert.ok(one.json.deelnemers.includes('GM1708'));

  assert.deepEqual(await partners('GM1708', '2013-12-31', 'psa'), [], 'not before it joined');
  assert.deepEqual(await partners('GM1708', '2014-01-01', 'psa'), ['GM0166', 'GM0193', 'PV23']);
  assert.deepEqual(await partners('GM1708', '2014-06-01', 'ict'), ['GM0166', 'GM0193', 'PV23']);
  assert.deepEqual(await partners('GM0193', '2013-06-01', 'psa'), ['GM0166', 'PV23']);
  assert.deepEqual(await partners('GM0193', '2014-06-01', 'psa'), ['GM0166', 'GM1708', 'PV23']);
  const m = await get('/matrix?organisatie=GM0193&datum=2014-06-01');
  assert.deepEqual(m.json.find((x) => x.taakveld === 'psa').verbanden, ['ssc']);
  // A traject started after the join counts it in at once.
  const inkoop = await ok(await post('/verbanden/ssc/trajecten', { ...T, taakveld: 'inkoop', start: '2015-01-01' }));
  assert.ok(inkoop.deelnemers.includes('GM1708'));
});

test('a toehoorder watches: no partner, no deelnemer, nothing in the matrix or network', async () => {
  assert.deepEqual((await get('/matrix?organisatie=GM0148&datum=2014-06-01')).json, []);
  assert.ok(!(await partners('GM0193', '2014-06-01', 'psa')).includes('GM0148'));
  assert.deepEqual((await get('/trajecten?organisatie=GM0148')).json, []);
  const net = await get('/netwerk?datum=2014-06-01');
  assert.ok(!net.json.some((l) => l.a === 'GM0148' || l.b === 'GM0148'));
  const pair = net.json.find((l) => l.a === 'GM0166' && l.b === 'GM0193');
  assert.deepEqual(pair.taakvelden, ['ict', 'psa']);
});

test('geenCherryPicking: a member that leaves stops being a partner on the day it leaves', async () => {
  const r = await post('/verbanden/ssc/leden/GM0166/uittreding', { datum: '2016-01-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await partners('GM0193', '2015-12-31', 'psa'), ['GM0166', 'GM1708', 'PV23']);
  assert.deepEqual(await partners('GM0193', '2016-01-01', 'psa'), ['GM1708', 'PV23']);
  assert.deepEqual(await partners('GM0166', '2016-01-01', 'psa'), []);
  assert.deepEqual(await partners('GM0166', '2015-06-01', 'inkoop'), ['GM0193', 'GM1708', 'PV23']);
  const tr = (await get('/trajecten?verband=ssc&taakveld=psa')).json[0];
  assert.ok(!tr.deelnemers.includes('GM0166'), 'today it no longer takes part');
  // It took part in the past, so the history still finds it.
  assert.deepEqual((await get('/trajecten?organisatie=GM0166')).json.map((t) => t.taakveld).sort(), ['ict', 'inkoop', 'psa']);
});

test('explicit deelnemers: joining and leaving over time shows in the matrix before and after', async () => {
  await ok(await post('/verbanden', { code: 'drecht', naam: 'Drechtsteden', leden: [
    { organisatie: 'GM0505', van: '2011-05-01' }, { organisatie: 'GM0482', van: '2011-05-01' },
  ] }));
  assertProblem(await post('/verbanden/drecht/trajecten', { ...T, taakveld: 'ict', start: '2012-01-01',
    deelnemers: ['GM0505', 'GM0531'] }), 422, 'deelnemers[1]', 'GM0531 has not joined yet');
  await ok(await post('/verbanden/drecht/leden', { organisatie: 'GM0531', van: '2011-09-01' }));
  const tr = await ok(await post('/verbanden/drecht/trajecten', { ...T, taakveld: 'ict', start: '2012-01-01', eind: '2014-01-01',
    deelnemers: ['GM0505', 'GM0531', 'GM0482'] }));
  assert.deepEqual(tr.deelnemers, ['GM0482', 'GM0505', 'GM0531']);
  await ok(await post('/verbanden/drecht/leden/GM0482/uittreding', { datum: '2013-01-01' }), 200);

  assert.deepEqual(await partners('GM0505', '2011-12-31', 'ict'), [], 'before the traject starts');
  assert.deepEqual(await partners('GM0505', '2012-01-01', 'ict'), ['GM0482', 'GM0531']);
  assert.deepEqual(await partners('GM0505', '2012-12-31', 'ict'), ['GM0482', 'GM0531']);
  assert.deepEqual(await partners('GM0505', '2013-01-01', 'ict'), ['GM0531'], 'GM0482 has left');
  assert.deepEqual(await partners('GM0482', '2013-01-01', 'ict'), []);
  assert.deepEqual(await partners('GM0505', '2013-12-31', 'ict'), ['GM0531']);
  assert.deepEqual(await partners('GM0505', '2014-01-01', 'ict'), [], 'the traject has ended (eind not included)');

  // Rejoining restores the partnership on the traject it was a deelnemer of.
  await ok(await post('/verbanden/drecht/leden', { organisatie: 'GM0482', van: '2013-07-01' }));
  assert.deepEqual(await partners('GM0505', '2013-06-30', 'ict'), ['GM0531']);
  assert.deepEqual(await partners('GM0505', '2013-07-01', 'ict'), ['GM0482', 'GM0531']);
  const v = await get('/verbanden/drecht');
  assert.deepEqual(v.json.leden.filter((l) => l.organisatie === 'GM0482').map((l) => [l.van, l.tot]),
    [['2011-05-01', '2013-01-01'], ['2013-07-01', null]]);
  const net = await get('/netwerk?datum=2013-03-01&taakveld=ict');
  const drecht = ['GM0482', 'GM0505', 'GM0531'];
  assert.deepEqual(net.json.filter((l) => drecht.includes(l.a) || drecht.includes(l.b)).map((l) => [l.a, l.b]),
    [['GM0505', 'GM0531']]);
});

test('memberships of one organisation in one verband never overlap', async () => {
  await ok(await post('/verbanden', { code: 'ov', naam: 'Overlap' }));
  await ok(await post('/verbanden/ov/leden', { organisatie: 'GM0148', van: '2010-01-01' }));
  await ok(await post('/verbanden/ov/leden/GM0148/uittreding', { datum: '2012-01-01' }), 200);
  for (const van of ['2010-01-01', '2009-01-01', '2011-12-31'])
    assertProblem(await post('/verbanden/ov/leden', { organisatie: 'GM0148', van }), 422, 'van', van);
  await ok(await post('/verbanden/ov/leden', { organisatie: 'GM0148', van: '2012-01-01' }));
  assertProblem(await post('/verbanden/ov/leden', { organisatie: 'GM0148', van: '2020-01-01' }), 422, 'van',
    'an open membership overlaps everything after it');
  // The same rule applies to a verband created with its members at once.
  const p = assertProblem(await post('/verbanden', { code: 'ov2', naam: 'Overlap 2', leden: [
    { organisatie: 'GM0148', van: '2010-01-01', tot: '2012-01-01' }, { organisatie: 'GM0148', van: '2011-01-01' },
  ] }), 422, 'leden[1].van');
  assert.match(p.detail, /al lid/);
  assertProblem(await get('/verbanden/ov2'), 404);
  const ok2 = await ok(await post('/verbanden', { code: 'ov3', naam: 'Opeenvolgend', leden: [
    { organisatie: 'GM0148', van: '2010-01-01', tot: '2012-01-01' }, { organisatie: 'GM0148', van: '2012-01-01' },
  ] }));
  assert.equal(ok2.leden.length, 2);
  // Leaving before joining, or on the day of joining, is refused.
  assertProblem(await post('/verbanden/ov/leden/GM0148/uittreding', { datum: '2011-06-01' }), 422, 'datum');
  assertProblem(await post('/verbanden/ov/leden/GM0148/uittreding', { datum: '2012-01-01' }), 422, 'datum');
});

test('two taakvelden with the same name stay two rows in the matrix', async () => {
  await ok(await post('/verbanden', { code: 'twee', naam: 'Twee', leden: [
    { organisatie: 'GM0505', van: '2020-01-01' }, { organisatie: 'GM0531', van: '2020-01-01' },
    { organisatie: 'GM1708', van: '2020-01-01' },
  ] }));
  await ok(await post('/verbanden/twee/trajecten', { ...T, taakveld: 'aa', start: '2020-01-01', deelnemers: ['GM0505', 'GM0531'] }));
  await ok(await post('/verbanden/twee/trajecten', { ...T, taakveld: 'bb', start: '2020-01-01', deelnemers: ['GM0505', 'GM1708'] }));
  await ok(await post('/verbanden/twee/trajecten', { ...T, taakveld: 'aa', start: '2020-01-01', deelnemers: ['GM0505', 'GM1708'] }));
  const m = await get('/matrix?organisatie=GM0505&datum=2020-06-01');
  const rows = m.json.filter((x) => x.taakveld === 'aa' || x.taakveld === 'bb');
  assert.deepEqual(rows.map((x) => [x.taakveld, x.partners]).sort(),
    [['aa', ['GM0531', 'GM1708']], ['bb', ['GM1708']]]);
  const seen = m.json.map((x) => x.taakveld);
  assert.equal(new Set(seen).size, seen.length, 'each taakveld once');
});

test('a traject whose start falls before a deelnemer joined is refused; nothing half-written', async () => {
  const before = (await get('/trajecten')).json.length;
  await ok(await post('/verbanden/twee/leden', { organisatie: 'GM0482', van: '2021-01-01' }));
  assertProblem(await post('/verbanden/twee/trajecten', { ...T, taakveld: 'ict', start: '2020-06-01',
    deelnemers: ['GM0505', 'GM0482'] }), 422, 'deelnemers[1]');
  assert.equal((await get('/trajecten')).json.length, before);
  await ok(await post('/verbanden/twee/trajecten', { ...T, taakveld: 'ict', start: '2021-01-01',
    deelnemers: ['GM0505', 'GM0482'] }));
});
