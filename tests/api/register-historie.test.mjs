// The register over time (issue: everything that changes has a history) and
// the official code lists: CBS municipality codes with their validity and
// herindelingen, Iv3 taakvelden; dated changes of organisations, trajecten,
// participants and member roles; the rules of a network (one gastheer who
// hands over, notices when a member joins a verband without cherry-picking,
// phased entry). Every refusal is a 4xx with its message, and nothing of it
// is stored; the matrix is read on dates before and after each change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';

let srv;
const post = (path, body, opts) => srv.api('POST', '/api/v1' + path, body, opts);
const patch = (path, body, opts) => srv.api('PATCH', '/api/v1' + path, body, opts);
const get = (path) => srv.api('GET', '/api/v1' + path);
async function ok(pr, status = 201) { const r = await pr; assert.equal(r.status, status, r.text); return r.json; }

async function partners(org, datum, taakveld) {
  const r = await get(`/matrix?organisatie=${org}&datum=${datum}`);
  assert.equal(r.status, 200, r.text);
  const row = r.json.find((x) => x.taakveld === taakveld);
  return row ? [...row.partners].sort() : [];
}

before(async () => {
  srv = await startServer();
  for (const t of ['ict', 'psa', 'inkoop', 'belastingen'])
    await ok(post('/taakvelden', { code: t, naam: t.toUpperCase(), soort: 'bedrijfsvoering', iv3: '0.4' }));
});
after(async () => { await srv.stop(); });

test('gemeente codes come from the CBS list: unknown, not yet and no longer valid codes are 422, nothing stored', async () => {
  let p = assertProblem(await post('/organisaties', { code: 'GM9999', naam: 'Nergens', soort: 'gemeente' }), 422, 'code');
  assert.match(p.detail, /GM9999.*geen gemeentecode.*CBS/);
  assert.equal((await get('/organisaties/GM9999')).status, 404, 'nothing stored');
  // Haren went into Groningen on 1 January 2019: not valid today, valid in 2012.
  p = assertProblem(await post('/organisaties', { code: 'GM0017', naam: 'Haren', soort: 'gemeente' }), 422, 'code');
  assert.match(p.detail, /1 januari 2019 niet meer.*GM0014 \(Groningen\)/);
  assert.equal((await get('/organisaties/GM0017')).status, 404);
  p = assertProblem(await post('/organisaties', { code: 'GM0017', naam: 'Haren', soort: 'gemeente', geldigVan: '2019-06-01' }), 422, 'geldigVan');
  assert.match(p.detail, /bestaat sinds 1 januari 2019 niet meer/);
  const haren = await ok(post('/organisaties', { code: 'GM0017', naam: 'Haren', soort: 'gemeente', inwoners: 19800, geldigVan: '2012-01-01' }));
  assert.equal(haren.geldigVan, '2012-01-01');
  assert.equal(haren.geldigTot, '2019-01-01', 'the end comes from the list');
  assert.equal(haren.tooi, 'https://identifier.overheid.nl/tooi/id/gemeente/gm0017');
  // Voorne aan Zee exists from 2023 only.
  p = assertProblem(await post('/organisaties', { code: 'GM1992', naam: 'Voorne aan Zee', soort: 'gemeente', geldigVan: '2020-01-01' }), 422, 'geldigVan');
  assert.match(p.detail, /pas vanaf 1 januari 2023/);
  assert.equal((await get('/organisaties/GM1992')).status, 404);
  // A province is one of the twelve.
  assertProblem(await post('/organisaties', { code: 'PV99', naam: 'Nergensland', soort: 'provincie' }), 422, 'code');
  const pv = await ok(post('/organisaties', { code: 'PV20', naam: 'Provincie Groningen', soort: 'provincie' }));
  assert.equal(pv.tooi, 'https://identifier.overheid.nl/tooi/id/provincie/pv20');
  await ok(post('/organisaties', { code: 'GM0014', naam: 'Groningen', soort: 'gemeente', inwoners: 200000 }));
  await ok(post('/organisaties', { code: 'GM0009', naam: 'Ten Boer', soort: 'gemeente', inwoners: 7000, geldigVan: '2012-01-01' }));
});

test('an Iv3 code must be a taakveld of the BBV list; a custom task field hangs under one', async () => {
  const p = assertProblem(await post('/taakvelden', { code: 'fruit', naam: 'Fruit', soort: 'beleid', iv3: 'banaan' }), 422, 'iv3');
  assert.match(p.detail, /'banaan' is geen Iv3-taakveld/);
  assert.equal((await get('/taakvelden/fruit')).status, 404, 'nothing stored');
  assertProblem(await post('/taakvelden', { code: 'fruit', naam: 'Fruit', soort: 'beleid', iv3: '6.9' }), 422, 'iv3');
  const t = await ok(post('/taakvelden', { code: 'jeugd', naam: 'Jeugdhulp', soort: 'beleid', iv3: '6.72' }));
  assert.equal(t.iv3, '6.72');
  await ok(post('/taakvelden', { code: 'reserves', naam: 'Reserves', soort: 'bedrijfsvoering', iv3: '0.10' }));
});

test('an organisation changes name and inhabitants by dated mutation; the history is a resource', async () => {
  await ok(post('/organisaties', { code: 'GM1900', naam: 'Sudwest Fryslan', soort: 'gemeente', inwoners: 82000 }));
  let o = await ok(patch('/organisaties/GM1900', { ingangsdatum: '2016-01-01', naam: 'Súdwest-Fryslân', reden: 'naamswijziging' }), 200);
  assert.equal(o.naam, 'Súdwest-Fryslân');
  await ok(patch('/organisaties/GM1900', { ingangsdatum: '2018-01-01', inwoners: 89000 }), 200);
  assert.equal((await get('/organisaties/GM1900?datum=2015-06-01')).json.naam, 'Sudwest Fryslan');
  assert.equal((await get('/organisaties/GM1900?datum=2015-06-01')).json.inwoners, 82000);
  assert.equal((await get('/organisaties/GM1900?datum=2016-06-01')).json.naam, 'Súdwest-Fryslân');
  assert.equal((await get('/organisaties/GM1900?datum=2019-06-01')).json.inwoners, 89000);
  assert.equal((await get('/organisaties/GM1900')).json.inwoners, 89000, 'today');
  const h = await ok(get('/organisaties/GM1900/historie'), 200);
  assert.deepEqual(h.map((m) => [m.ingangsdatum, m.veld, m.waarde, m.vorige]),
    [['2016-01-01', 'naam', 'Súdwest-Fryslân', 'Sudwest Fryslan'], ['2018-01-01', 'inwoners', '89000', '82000']]);
  // Refusals change nothing.
  assertProblem(await patch('/organisaties/GM1900', { naam: 'x' }), 400, 'ingangsdatum');
  assertProblem(await patch('/organisaties/GM1900', { ingangsdatum: '2019-01-01' }), 400);
  assertProblem(await patch('/organisaties/GM0017', { ingangsdatum: '2011-01-01', naam: 'Oud Haren' }), 422, 'ingangsdatum');
  assertProblem(await patch('/organisaties/GM0000', { ingangsdatum: '2019-01-01', naam: 'x' }), 404);
  assertProblem(await patch('/organisaties/GM1900', { ingangsdatum: '2019-01-01', naam: 'x' }, { token: null }), 401);
  assert.equal((await get('/organisaties/GM1900/historie')).json.length, 2);
});

test('a herindeling ends the municipality and carries its memberships and participations to the successor', async () => {
  await ok(post('/verbanden', { code: 'noord', naam: 'Noord', leden: [
    { organisatie: 'GM0017', van: '2012-01-01' }, { organisatie: 'GM0009', van: '2012-01-01' }] }));
  await ok(post('/verbanden/noord/trajecten', { taakveld: 'belastingen', fase: 'uitvoering', vorm: 'netwerk', intensiteit: 'afstemming',
    deelnemers: ['GM0017', 'GM0009'], start: '2012-01-01' }));
  assert.deepEqual(await partners('GM0009', '2018-06-01', 'belastingen'), ['GM0017']);
  // The CBS list says Haren went into Groningen: another successor is refused, nothing changes.
  let p = assertProblem(await patch('/organisaties/GM0017', { ingangsdatum: '2019-01-01', opgeheven: true, opvolger: 'PV20' }), 422, 'opvolger');
  assert.match(p.detail, /Volgens de CBS-lijst ging GM0017.*GM0014/);
  assert.equal((await get('/organisaties/GM0017')).json.geldigTot, '2019-01-01', 'still the list end, not ended in samen');
  assert.equal((await get('/organisaties/GM0017/historie')).json.length, 0);
  // Without a successor named, the list's single registered one is taken.
  const haren = await ok(patch('/organisaties/GM0017', { ingangsdatum: '2019-01-01', opgeheven: true, reden: 'herindeling' }), 200);
  assert.equal(haren.opvolger, 'GM0014');
  assert.equal(haren.verbanden.find((v) => v.verband === 'noord').tot, '2019-01-01');
  const noord = await ok(get('/verbanden/noord'), 200);
  assert.ok(noord.leden.some((l) => l.organisatie === 'GM0014' && l.van === '2019-01-01'), 'Groningen is a member from the herindeling');
  assert.deepEqual(await partners('GM0009', '2018-06-01', 'belastingen'), ['GM0017'], 'before: Haren');
  assert.deepEqual(await partners('GM0009', '2019-06-01', 'belastingen'), ['GM0014'], 'after: Groningen');
  assert.deepEqual(await partners('GM0017', '2019-06-01', 'belastingen'), []);
  const [t] = (await get('/trajecten?verband=noord&datum=2019-06-01')).json;
  assert.deepEqual(t.deelnemers, ['GM0009', 'GM0014']);
  assert.ok(t.deelname.some((d) => d.organisatie === 'GM0017' && d.tot === '2019-01-01'));
  // An organisation that no longer exists cannot join, nor be ended twice.
  p = assertProblem(await post('/verbanden/noord/leden', { organisatie: 'GM0017', van: '2019-06-01' }), 422, 'van');
  assert.match(p.detail, /bestaat sinds 1 januari 2019 niet meer/);
  assertProblem(await patch('/organisaties/GM0017', { ingangsdatum: '2018-06-01', opgeheven: true }), 422);
});

test('a traject changes fase, vorm, intensiteit and eigenaar by dated mutation and ends with a reason', async () => {
  for (const [code, naam] of [['GM0148', 'Dalfsen'], ['GM0180', 'Staphorst'], ['GM1896', 'Zwartewaterland']])
    await ok(post('/organisaties', { code, naam, soort: 'gemeente' }));
  await ok(post('/verbanden', { code: 'dsz', naam: 'DSZ', leden: ['GM0148', 'GM0180', 'GM1896'].map((o) => ({ organisatie: o, van: '2010-01-01' })) }));
  const ict = await ok(post('/verbanden/dsz/trajecten', { taakveld: 'ict', fase: 'businesscase', vorm: 'netwerk', intensiteit: 'bijstand',
    deelnemers: ['GM0148', 'GM0180', 'GM1896'], eigenaar: 'werkgroep ICT', start: '2010-01-01' }));
  await ok(patch(`/trajecten/${ict.id}`, { ingangsdatum: '2012-05-01', fase: 'besluitvorming', reden: 'businessplan aan de stuurgroep' }), 200);
  const t = await ok(patch(`/trajecten/${ict.id}`, { ingangsdatum: '2012-09-01', fase: 'uitvoering', intensiteit: 'afstemming',
    eigenaar: 'afdelingshoofden ICT', reden: 'no-go op de ICT-pool' }), 200);
  assert.equal(t.fase, 'uitvoering', 'today');
  const on = async (d) => (await get(`/trajecten/${ict.id}?datum=${d}`)).json;
  assert.equal((await on('2012-03-08')).fase, 'businesscase');
  assert.equal((await on('2012-06-01')).fase, 'besluitvorming');
  assert.equal((await on('2012-06-01')).eigenaar, 'werkgroep ICT');
  assert.equal((await on('2012-10-01')).intensiteit, 'afstemming');
  assert.equal((await on('2012-10-01')).eigenaar, 'afdelingshoofden ICT');
  const h = await ok(get(`/trajecten/${ict.id}/historie`), 200);
  assert.deepEqual(h.map((m) => `${m.ingangsdatum} ${m.veld} ${m.vorige}→${m.waarde}`), [
    '2012-05-01 fase businesscase→besluitvorming', '2012-09-01 fase besluitvorming→uitvoering',
    '2012-09-01 intensiteit bijstand→afstemming', '2012-09-01 eigenaar werkgroep ICT→afdelingshoofden ICT']);
  // Before the traject started, or not a value: refused, nothing stored.
  let p = assertProblem(await patch(`/trajecten/${ict.id}`, { ingangsdatum: '2009-01-01', fase: 'verkenning' }), 422, 'ingangsdatum');
  assert.match(p.detail, /begon op 1 januari 2010/);
  assertProblem(await patch(`/trajecten/${ict.id}`, { ingangsdatum: '2013-01-01', fase: 'klaar' }), 400, 'fase');
  assertProblem(await patch(`/trajecten/${ict.id}`, { ingangsdatum: '2013-01-01' }), 400);
  assertProblem(await patch('/trajecten/999999', { ingangsdatum: '2013-01-01', fase: 'uitvoering' }), 404);
  assert.equal((await get(`/trajecten/${ict.id}/historie`)).json.length, 4);
  // Ending: the fase is beëindigd from the end, the matrix drops it.
  const inkoop = await ok(post('/verbanden/dsz/trajecten', { taakveld: 'inkoop', fase: 'uitvoering', vorm: 'netwerk', intensiteit: 'bijstand',
    deelnemers: ['GM0148', 'GM0180'], start: '2010-01-01' }));
  const e = await ok(patch(`/trajecten/${inkoop.id}`, { eind: '2013-01-01', reden: 'over naar het SSC' }), 200);
  assert.equal(e.eind, '2013-01-01');
  assert.equal(e.eindReden, 'over naar het SSC');
  assert.equal((await get(`/trajecten/${inkoop.id}?datum=2012-12-31`)).json.fase, 'uitvoering');
  assert.equal((await get(`/trajecten/${inkoop.id}?datum=2013-01-01`)).json.fase, 'beeindigd');
  assert.deepEqual(await partners('GM0148', '2012-12-31', 'inkoop'), ['GM0180']);
  assert.deepEqual(await partners('GM0148', '2013-01-01', 'inkoop'), []);
  assertProblem(await patch(`/trajecten/${inkoop.id}`, { ingangsdatum: '2013-06-01', fase: 'uitvoering' }), 422, 'ingangsdatum');
  assertProblem(await get(`/trajecten/${ict.id}?datum=gisteren`), 400, 'datum');
});

test('a member joins and leaves a traject on dates; the matrix shows it before and after', async () => {
  const [psa] = [await ok(post('/verbanden/dsz/trajecten', { taakveld: 'psa', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'afstemming',
    deelnemers: ['GM0148', 'GM0180'], start: '2012-01-01' }))];
  let p = assertProblem(await post(`/trajecten/${psa.id}/deelnemers`, { organisatie: 'GM0014', van: '2012-06-01' }), 422, 'organisatie');
  assert.match(p.detail, /geen deelnemend lid van verband 'dsz'/);
  assertProblem(await post(`/trajecten/${psa.id}/deelnemers`, { organisatie: 'GM1896', van: '2011-06-01' }), 422, 'van');
  assertProblem(await post(`/trajecten/${psa.id}/deelnemers`, { organisatie: 'GM0148', van: '2012-06-01' }), 422, 'organisatie');
  await ok(post(`/trajecten/${psa.id}/deelnemers`, { organisatie: 'GM1896', van: '2012-06-01', reden: 'sluit aan' }));
  assert.deepEqual(await partners('GM1896', '2012-05-31', 'psa'), []);
  assert.deepEqual(await partners('GM1896', '2012-06-01', 'psa'), ['GM0148', 'GM0180']);
  await ok(post(`/trajecten/${psa.id}/deelnemers/GM0180/uittreding`, { datum: '2013-01-01', reden: 'eigen koers' }), 200);
  assert.deepEqual(await partners('GM0148', '2012-12-31', 'psa'), ['GM0180', 'GM1896']);
  assert.deepEqual(await partners('GM0148', '2013-01-01', 'psa'), ['GM1896']);
  assertProblem(await post(`/trajecten/${psa.id}/deelnemers/GM0180/uittreding`, { datum: '2013-06-01' }), 422);
  assertProblem(await post(`/trajecten/${psa.id}/deelnemers/GM0014/uittreding`, { datum: '2013-06-01' }), 404);
  await ok(post(`/trajecten/${psa.id}/deelnemers/GM1896/uittreding`, { datum: '2014-01-01' }), 200);
  p = assertProblem(await post(`/trajecten/${psa.id}/deelnemers/GM0148/uittreding`, { datum: '2015-01-01' }), 422);
  assert.match(p.detail, /enige deelnemer/);
});

test('the gastheermodel: exactly one gastheer, who leaves only with a successor; a new one takes over', async () => {
  for (const [code, naam] of [['GM0193', 'Zwolle'], ['GM0166', 'Kampen'], ['PV23', 'Provincie Overijssel']])
    await ok(post('/organisaties', { code, naam, soort: code.startsWith('PV') ? 'provincie' : 'gemeente' }));
  await ok(post('/verbanden', { code: 'ssc', naam: 'SSC', geenCherryPicking: true, leden: [
    { organisatie: 'GM0193', rol: 'gastheer', van: '2013-01-01' }, { organisatie: 'GM0166', van: '2013-01-01' }, { organisatie: 'PV23', van: '2013-01-01' }] }));
  await ok(post('/verbanden/ssc/trajecten', { taakveld: 'psa', fase: 'uitvoering', vorm: 'centrumregeling', intensiteit: 'integratie', start: '2013-01-01' }));
  await ok(post('/verbanden/ssc/trajecten', { taakveld: 'ict', fase: 'uitvoering', vorm: 'centrumregeling', intensiteit: 'integratie', start: '2013-01-01' }));
  const before = (await get('/verbanden/ssc')).json.leden;
  let p = assertProblem(await post('/verbanden/ssc/leden', { organisatie: 'GM0148', rol: 'gastheer', van: '2014-01-01' }), 422, 'rol');
  assert.match(p.detail, /al een gastheer: Zwolle/);
  p = assertProblem(await post('/verbanden', { code: 'twee', naam: 'Twee gastheren', leden: [
    { organisatie: 'GM0193', rol: 'gastheer', van: '2013-01-01' }, { organisatie: 'GM0166', rol: 'gastheer', van: '2013-01-01' }] }), 422);
  assert.equal((await get('/verbanden/twee')).status, 404, 'nothing stored');
  p = assertProblem(await post('/verbanden/ssc/leden/GM0193/uittreding', { datum: '2016-01-01' }), 422, 'opvolger');
  assert.match(p.detail, /zonder opvolger/);
  assertProblem(await post('/verbanden/ssc/leden/GM0193/uittreding', { datum: '2016-01-01', opvolger: 'GM0148' }), 422, 'opvolger');
  assert.deepEqual((await get('/verbanden/ssc')).json.leden, before, 'nothing changed');
  // Kampen becomes gastheer: Zwolle is a member from then.
  const v = await ok(patch('/verbanden/ssc/leden/GM0166', { ingangsdatum: '2015-01-01', rol: 'gastheer' }), 200);
  const rows = v.leden.map((l) => `${l.organisatie} ${l.rol} ${l.van} ${l.tot}`).sort();
  assert.ok(rows.includes('GM0193 gastheer 2013-01-01 2015-01-01') && rows.includes('GM0193 lid 2015-01-01 null'), rows.join('; '));
  assert.ok(rows.includes('GM0166 gastheer 2015-01-01 null'));
  // Kampen leaves and hands over to the province.
  await ok(post('/verbanden/ssc/leden/GM0166/uittreding', { datum: '2017-01-01', opvolger: 'PV23' }), 200);
  const leden = (await get('/verbanden/ssc')).json.leden;
  assert.ok(leden.some((l) => l.organisatie === 'PV23' && l.rol === 'gastheer' && l.van === '2017-01-01'));
  assert.deepEqual(await partners('GM0193', '2017-06-01', 'psa'), ['PV23']);
});

test('joining a verband without cherry-picking: a participant everywhere, a notice to every partner, phased entry', async () => {
  await ok(post('/verbanden/ssc/leden', { organisatie: 'GM0180', van: '2014-01-01' }));
  const m = await ok(get('/toetredingsmeldingen?organisatie=GM0193'), 200);
  const n = m.find((x) => x.organisatie === 'GM0180');
  assert.ok(n, 'Zwolle hears that Staphorst joins');
  assert.deepEqual(n.ontvangers, ['GM0166', 'GM0193', 'PV23']);
  assert.equal(n.datum, '2014-01-01');
  assert.match(n.tekst, /Staphorst treedt per 1 januari 2014 toe tot SSC.*doet vanaf dan mee aan elk traject/);
  assert.deepEqual(n.taakvelden.sort(), ['ict', 'psa']);
  assert.equal((await get('/toetredingsmeldingen?organisatie=GM0180')).json.length, 0, 'not to itself');
  assert.equal(m.filter((x) => x.organisatie === 'GM0166').length, 0, 'founders are no news to each other');
  assert.deepEqual(await partners('GM0180', '2014-06-01', 'psa'), ['GM0166', 'GM0193', 'PV23'], 'a partner on every SSC traject');
  // Phased entry: Dalfsen joins in 2016 and takes part in ICT only from 2018.
  await ok(post('/verbanden/ssc/leden', { organisatie: 'GM0148', van: '2016-01-01' }));
  let p = assertProblem(await post('/verbanden/ssc/instap', { organisatie: 'GM0148', taakveld: 'ict', vanaf: '2015-01-01' }), 422, 'vanaf');
  assertProblem(await post('/verbanden/ssc/instap', { organisatie: 'GM0148', taakveld: 'inkoop', vanaf: '2018-01-01' }), 422, 'taakveld');
  assertProblem(await post('/verbanden/dsz/instap', { organisatie: 'GM0148', taakveld: 'ict', vanaf: '2018-01-01' }), 422);
  await ok(post('/verbanden/ssc/instap', { organisatie: 'GM0148', taakveld: 'ict', vanaf: '2018-01-01', toelichting: 'na de evaluatie van DSZ ICT' }));
  assertProblem(await post('/verbanden/ssc/instap', { organisatie: 'GM0148', taakveld: 'ict', vanaf: '2019-01-01' }), 409);
  const row = (await get('/matrix?organisatie=GM0148&datum=2017-01-01')).json.find((x) => x.taakveld === 'ict');
  assert.deepEqual(row.instap, [{ verband: 'ssc', vanaf: '2018-01-01' }], 'the exception is visible in the matrix');
  assert.ok(!row.verbanden.includes('ssc'), 'not yet an ICT partner through the SSC');
  assert.ok((await partners('GM0148', '2017-01-01', 'psa')).includes('GM0193'), 'PSA from the day it joined');
  assert.ok((await partners('GM0148', '2018-01-01', 'ict')).includes('GM0193'), 'ICT from the phased date');
  assert.ok(!(await partners('GM0193', '2017-01-01', 'ict')).includes('GM0148'));
  const list = await ok(get('/verbanden/ssc/instap'), 200);
  assert.deepEqual(list.map((x) => [x.organisatie, x.taakveld, x.vanaf]), [['GM0148', 'ict', '2018-01-01']]);
  // Who may: the verband's managers, not anonymous.
  assertProblem(await post('/verbanden/ssc/instap', { organisatie: 'GM0166', taakveld: 'ict', vanaf: '2019-01-01' }, { token: null }), 401);
});
