// The decision trail per traject and organisation (docs/besturingsformaat.md
// "Besluitvorming"): the verband's stuurgroep, then advice asked of the OR
// with a deadline and its advice (never a go), then the college, then the
// raad — each step only after the one before, not before the traject
// existed, recorded only by someone of that organisation (or the verband's
// stuurgroep for its own step). Out of order is a 422 that names the missing
// step, and nothing is stored. The raad's kaders: a traject outside them
// waits for the raad to be consulted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';
import { tokenOf } from './besturing-helpers.mjs';

let srv, ict, inkoop, tok;
// A decision needs a subject and a text (the store refuses one without); these tests are about
// the order of the steps, so each decision gets them unless the test gives its own.
const withText = (path, body) => (/\/besluiten$/.test(path) && body && typeof body === 'object'
  ? { onderwerp: 'Samenwerking', toelichting: 'Zoals in het verslag van de vergadering.', ...body } : body);
const post = (path, body, token) => srv.api('POST', '/api/v1' + path, withText(path, body), token === undefined ? {} : { token });
const get = (path) => srv.api('GET', '/api/v1' + path);
async function ok(pr, status = 201) { const r = await pr; assert.equal(r.status, status, r.text); return r.json; }
const besluit = (id, body, token) => post(`/trajecten/${id}/besluiten`, body, token);
const count = async (id) => (await get(`/trajecten/${id}/besluiten`)).json.length;

before(async () => {
  srv = await startServer();
  for (const [code, naam] of [['GM0148', 'Dalfsen'], ['GM0180', 'Staphorst'], ['GM1896', 'Zwartewaterland'], ['GM0166', 'Kampen']])
    await ok(post('/organisaties', { code, naam, soort: 'gemeente' }));
  for (const t of ['ict', 'inkoop', 'belastingen'])
    await ok(post('/taakvelden', { code: t, naam: t.toUpperCase(), soort: 'bedrijfsvoering', iv3: '0.4' }));
  await ok(post('/verbanden', { code: 'dsz', naam: 'DSZ', leden: ['GM0148', 'GM0180', 'GM1896'].map((o) => ({ organisatie: o, van: '2010-01-01' })) }));
  await ok(post('/verbanden', { code: 'dk', naam: 'Dalfsen–Kampen', leden: ['GM0148', 'GM0166'].map((o) => ({ organisatie: o, van: '2012-03-08' })) }));
  const traject = (verband, taakveld, deelnemers, start) => ok(post(`/verbanden/${verband}/trajecten`, {
    taakveld, fase: 'businesscase', vorm: 'netwerk', intensiteit: 'bijstand', deelnemers, start }));
  ict = (await traject('dsz', 'ict', ['GM0148', 'GM0180', 'GM1896'], '2010-01-01')).id;
  inkoop = (await traject('dsz', 'inkoop', ['GM0148', 'GM0180'], '2012-01-01')).id;
  tok = {
    stuurgroepDalfsen: await tokenOf(srv, 'stuurgroep', 'GM0148', 'dsz'),
    managerStaphorst: await tokenOf(srv, 'manager', 'GM0180'),
    procesmanager: await tokenOf(srv, 'procesmanager', 'GM0148', 'dsz'),
  };
});
after(async () => { await srv.stop(); });

test('a raad go with no stuurgroep, OR or college step is refused, naming the missing step; nothing stored', async () => {
  let p = assertProblem(await besluit(ict, { orgaan: 'raad', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }), 422);
  assert.match(p.detail, /Ontbrekende stap: een go van de stuurgroep/);
  p = assertProblem(await besluit(ict, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }), 422);
  assert.match(p.detail, /Ontbrekende stap: een go van de stuurgroep/);
  p = assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-07-01' }), 422);
  assert.match(p.detail, /Ontbrekende stap: een go van de stuurgroep/);
  assert.equal(await count(ict), 0);
});

test('the OR only advises: a go is refused; its advice needs a request and a value', async () => {
  await ok(besluit(ict, { orgaan: 'stuurgroep', datum: '2012-04-20', uitkomst: 'go', onderwerp: 'Businessplan ICT' }));
  let p = assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'go' }), 422, 'uitkomst');
  assert.match(p.detail, /adviseert alleen/);
  p = assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'advies', advies: 'positief' }), 422);
  assert.match(p.detail, /Ontbrekende stap: advies gevraagd aan de OR/);
  assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'advies-gevraagd' }), 400, 'adviesDeadline');
  assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'advies', advies: 'misschien' }), 400, 'advies');
  assertProblem(await besluit(ict, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'go', advies: 'positief' }), 400, 'advies');
  assert.equal(await count(ict), 1, 'only the stuurgroep step');
});

test('dates: not before the traject existed, and each step after the one before', async () => {
  let p = assertProblem(await besluit(ict, { orgaan: 'stuurgroep', datum: '2009-06-01', uitkomst: 'go' }), 422, 'datum');
  assert.match(p.detail, /begon op 1 januari 2010/);
  p = assertProblem(await besluit(inkoop, { orgaan: 'college', organisatie: 'GM0148', datum: '2009-06-01', uitkomst: 'go' }), 422, 'datum');
  // The stuurgroep's go is dated 20 April: an OR asked in March comes before it.
  p = assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-03-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-04-01' }), 422);
  assert.match(p.detail, /een go van de stuurgroep/);
  assert.equal(await count(ict), 1);
});

test('the whole trail of Dalfsen: OR asked, a college too early, the advice, the college, the raad', async () => {
  await ok(besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-05-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-06-15' }));
  let p = assertProblem(await besluit(ict, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }), 422);
  assert.match(p.detail, /Ontbrekende stap: het advies van de OR \(termijn tot en met 15 juni 2012\)/);
  p = assertProblem(await besluit(ict, { orgaan: 'raad', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }), 422);
  assert.match(p.detail, /Ontbrekende stap: een besluit \(go\) van het college/);
  const advice = await ok(besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-06-10', uitkomst: 'advies', advies: 'met-voorwaarden', toelichting: 'mits geen gedwongen overplaatsing' }));
  assert.equal(advice.advies, 'met-voorwaarden');
  assertProblem(await besluit(ict, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-06-12', uitkomst: 'advies', advies: 'positief' }), 422);
  await ok(besluit(ict, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-06-19', uitkomst: 'go' }));
  await ok(besluit(ict, { orgaan: 'raad', organisatie: 'GM0148', datum: '2012-07-05', uitkomst: 'go' }));
  // Staphorst: asked, no advice, and the college decides once the deadline passed.
  await ok(besluit(ict, { orgaan: 'or', organisatie: 'GM0180', datum: '2012-05-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-06-01' }));
  assertProblem(await besluit(ict, { orgaan: 'college', organisatie: 'GM0180', datum: '2012-06-01', uitkomst: 'go' }), 422);
  await ok(besluit(ict, { orgaan: 'college', organisatie: 'GM0180', datum: '2012-06-02', uitkomst: 'no-go' }));
  assertProblem(await besluit(ict, { orgaan: 'raad', organisatie: 'GM0180', datum: '2012-07-01', uitkomst: 'go' }), 422, undefined,
    'a raad decides on a college go, not a no-go');
  // Where each organisation stands.
  const t = await ok(get(`/trajecten/${ict}/besluitvorming?datum=2012-07-10`), 200);
  const by = Object.fromEntries(t.organisaties.map((o) => [o.organisatie, o]));
  assert.deepEqual(t.stuurgroep.map((s) => s.uitkomst), ['go']);
  assert.equal(by.GM0148.or.advies, 'met-voorwaarden');
  assert.equal(by.GM0148.college.uitkomst, 'go');
  assert.deepEqual(by.GM0148.raad.map((r) => r.uitkomst), ['go']);
  assert.equal(by.GM0148.volgendeStap, null);
  assert.equal(by.GM0180.college.uitkomst, 'no-go');
  assert.equal(by.GM1896.volgendeStap, 'or-vragen');
  const early = await ok(get(`/trajecten/${ict}/besluitvorming?datum=2012-05-20`), 200);
  assert.equal(early.organisaties.find((o) => o.organisatie === 'GM0148').volgendeStap, 'or-advies');
  // What waits for Zwartewaterland today: asking its OR about ICT.
  const open = await ok(get('/organisaties/GM1896/besluitvorming'), 200);
  assert.ok(open.some((x) => x.traject === ict && x.stap === 'or-vragen'), JSON.stringify(open));
  assertProblem(await get('/organisaties/GM0000/besluitvorming'), 404);
});

test('who records: someone of that organisation for its OR, college and raad; the stuurgroep for its own step', async () => {
  await ok(besluit(inkoop, { orgaan: 'stuurgroep', datum: '2012-03-08', uitkomst: 'go' }, tok.stuurgroepDalfsen));
  // The Dalfsen stuurgroep account may not record Staphorst's steps.
  let r = await besluit(inkoop, { orgaan: 'or', organisatie: 'GM0180', datum: '2012-04-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-05-01' }, tok.stuurgroepDalfsen);
  assertProblem(r, 403);
  r = await besluit(inkoop, { orgaan: 'raad', organisatie: 'GM1896', datum: '2012-04-01', uitkomst: 'kennisname' }, tok.stuurgroepDalfsen);
  assertProblem(r, 403);
  // Its own organisation's step, yes; Staphorst's manager for Staphorst.
  await ok(besluit(inkoop, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-04-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-05-01' }, tok.stuurgroepDalfsen));
  await ok(besluit(inkoop, { orgaan: 'or', organisatie: 'GM0180', datum: '2012-04-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-05-01' }, tok.managerStaphorst));
  // A manager does not record the stuurgroep's step; the procesmanager does, but no organisation's.
  assertProblem(await besluit(inkoop, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'kennisname' }, tok.managerStaphorst), 403);
  await ok(besluit(inkoop, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'kennisname' }, tok.procesmanager));
  assertProblem(await besluit(inkoop, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }, tok.procesmanager), 403);
  assertProblem(await besluit(inkoop, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-06-01', uitkomst: 'go' }, null), 401);
  // An organisation that does not take part: its body has no step here.
  const p = assertProblem(await besluit(inkoop, { orgaan: 'college', organisatie: 'GM1896', datum: '2012-06-01', uitkomst: 'go' }), 422, 'organisatie');
  assert.match(p.detail, /neemt aan dit traject op 1 juni 2012 niet deel/);
  const audit = (await srv.api('GET', '/api/v1/audit')).json;
  assert.ok(audit.some((a) => a.actie === 'besluit-vastleggen' && /geweigerd \(403\)/.test(a.resultaat)));
});

test('the raad\'s kaders: a traject outside them is marked and its college waits for the raad to be consulted', async () => {
  assertProblem(await post('/organisaties/GM0148/kaders', { titel: 'Sterker Dichtbij', van: '2011-06-01' }, tok.managerStaphorst), 403);
  assertProblem(await post('/organisaties/GM0148/kaders', { titel: 'x', van: '2011-06-01', taakvelden: ['nergens'] }), 422);
  const k = await ok(post('/organisaties/GM0148/kaders', { titel: 'Sterker Dichtbij', van: '2011-06-01',
    taakvelden: ['ict', 'inkoop'], partners: ['GM0180', 'GM1896'], toelichting: 'motie van de raad' }, tok.stuurgroepDalfsen));
  assert.deepEqual(k[0].partners, ['GM0180', 'GM1896']);
  const bel = (await ok(post('/verbanden/dk/trajecten', { taakveld: 'belastingen', fase: 'verkenning', vorm: 'netwerk',
    intensiteit: 'informatie', deelnemers: ['GM0148', 'GM0166'], start: '2012-03-08' }))).id;
  await ok(besluit(bel, { orgaan: 'stuurgroep', datum: '2012-03-08', uitkomst: 'go' }));
  await ok(besluit(bel, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-03-09', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-04-09' }));
  await ok(besluit(bel, { orgaan: 'or', organisatie: 'GM0148', datum: '2012-04-01', uitkomst: 'advies', advies: 'positief' }));
  const t = await ok(get(`/trajecten/${bel}/besluitvorming?datum=2012-04-02`), 200);
  const d = t.organisaties.find((o) => o.organisatie === 'GM0148');
  assert.equal(d.buitenKaders, true);
  assert.ok(d.kaderRedenen.some((x) => /taakveld BELASTINGEN valt buiten de kaders/.test(x)));
  assert.ok(d.kaderRedenen.some((x) => /partner Kampen valt buiten de kaders/.test(x)));
  assert.equal(d.volgendeStap, 'raad-consulteren');
  const p = assertProblem(await besluit(bel, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-04-02', uitkomst: 'go' }), 422);
  assert.match(p.detail, /buiten de kaders van de raad van GM0148.*Ontbrekende stap: de raad van GM0148 geconsulteerd/);
  await ok(besluit(bel, { orgaan: 'raad', organisatie: 'GM0148', datum: '2012-04-10', uitkomst: 'geconsulteerd', toelichting: 'overlegd met de raad' }));
  await ok(besluit(bel, { orgaan: 'college', organisatie: 'GM0148', datum: '2012-04-17', uitkomst: 'go' }));
  // Inside the kaders: ICT with Staphorst needs no consultation.
  const ictState = (await get(`/trajecten/${ict}/besluitvorming`)).json.organisaties.find((o) => o.organisatie === 'GM0148');
  assert.equal(ictState.buitenKaders, false);
});

test('the verband as a whole: stuurgroep, then colleges, then raden; no OR at that level', async () => {
  let p = assertProblem(await post('/verbanden/dsz/besluiten', { orgaan: 'college', organisatie: 'GM0148', datum: '2012-03-08', uitkomst: 'go' }), 422);
  assert.match(p.detail, /een go van de stuurgroep/);
  await ok(post('/verbanden/dsz/besluiten', { orgaan: 'burgemeesters', datum: '2012-01-11', uitkomst: 'go', onderwerp: 'Vervolg DSZ' }));
  await ok(post('/verbanden/dsz/besluiten', { orgaan: 'college', organisatie: 'GM0148', datum: '2012-03-08', uitkomst: 'go' }));
  assertProblem(await post('/verbanden/dsz/besluiten', { orgaan: 'or', organisatie: 'GM0148', datum: '2012-03-08', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-04-01' }), 422, 'orgaan');
  await ok(post('/verbanden/dsz/besluiten', { orgaan: 'raad', organisatie: 'GM0148', datum: '2012-03-08', uitkomst: 'kennisname' }));
  const v = await ok(get('/verbanden/dsz/besluitvorming'), 200);
  const by = Object.fromEntries(v.organisaties.map((o) => [o.organisatie, o]));
  assert.equal(by.GM0148.volgendeStap, null);
  assert.equal(by.GM0180.volgendeStap, 'college');
  assert.equal(by.GM0148.or, undefined, 'no OR at the level of the verband');
});

test('a milestone is not dated, nor done, before its traject started', async () => {
  assertProblem(await post(`/trajecten/${inkoop}/mijlpalen`, { titel: 'Oud', deadline: '2001-01-01' }), 422, 'deadline');
  const m = await ok(post(`/trajecten/${inkoop}/mijlpalen`, { titel: 'Plan', deadline: '2012-05-01' }));
  assertProblem(await post(`/trajecten/${inkoop}/mijlpalen/${m.id}/gereed`, { datum: '2001-01-01' }), 422, 'datum');
  assert.equal((await get(`/trajecten/${inkoop}/mijlpalen/${m.id}`)).json.gereed, null);
});
