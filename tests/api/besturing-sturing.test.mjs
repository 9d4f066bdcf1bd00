// Running cooperation: business cases, milestones with postponements,
// decisions, roles, meldingen ("schaken op meerdere borden") and the
// progress data per organisation, with every error class and who may do what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { expectStatus, params, makeRegister, makeAccounts, makeTraject } from './besturing-helpers.mjs';

let srv, acc, ict, inkoop;
before(async () => {
  srv = await startServer();
  await makeRegister(srv);
  acc = await makeAccounts(srv);
  ict = await makeTraject(srv, 'abc', 'ict', ['GM0014', 'GM0034', 'GM0037']);
  inkoop = await makeTraject(srv, 'abc', 'inkoop', ['GM0014', 'GM0034']);
});
after(async () => { await srv.stop(); });

const bc = {
  periodeJaren: 3,
  discontoPromille: 30,
  toelichting: 'drie jaar',
  posten: [
    { soort: 'investering', jaar: 1, centen: 6000000, verdeelsleutel: 'inwoners' }, // 1:2:3
    { organisatie: 'GM0014', soort: 'besparing', jaar: 2, centen: 1500000 },
    { organisatie: 'GM0014', soort: 'besparing', jaar: 3, centen: 1500000 },
    { soort: 'besparing', jaar: 2, centen: 9000000, verdeelsleutel: 'gelijk' },
    { soort: 'kosten', jaar: 3, centen: 100, verdeelsleutel: 'gebruik' },
  ],
  gebruik: [{ organisatie: 'GM0014', aandeel: 1 }, { organisatie: 'GM0037', aandeel: 3 }],
};

test('a business case per traject: allocation keys, discounting, payback year and verdict', async () => {
  expectStatus(await srv.api('GET', `/api/v1/trajecten/${ict}/businesscase`), 404);
  expectStatus(await srv.api('PUT', `/api/v1/trajecten/${ict}/businesscase`, bc, { token: null }), 401);
  expectStatus(await srv.api('PUT', `/api/v1/trajecten/${ict}/businesscase`, bc, { token: acc.stuurgroepXyz }), 403);
  expectStatus(await srv.api('PUT', `/api/v1/trajecten/${ict}/businesscase`, bc, { token: acc.manager1 }), 403);
  let r = await srv.api('PUT', `/api/v1/trajecten/${ict}/businesscase`, bc, { token: acc.stuurgroepAbc });
  const b = expectStatus(r, 200);
  assert.equal(b.periodeJaren, 3);
  assert.equal(b.posten.length, 5);
  const by = Object.fromEntries(b.perOrganisatie.map((o) => [o.organisatie, o]));
  // GM0014: −10.000 in year 1; +15.000 + 30.000 in year 2; +15.000 − 0,25 in year 3.
  assert.deepEqual(by.GM0014.perJaar.map((y) => y.nettoCenten), [-1000000, 4500000, 1499975]);
  assert.deepEqual(by.GM0014.perJaar.map((y) => y.cumulatiefCenten), [-1000000, 3500000, 4999975]);
  assert.equal(by.GM0014.nettoCenten, 4999975);
  assert.equal(by.GM0014.terugverdienjaar, 2);
  // ncw: year 2 once ×1000/1030, year 3 twice, rounded per step.
  // 4500000 → 4368932,04 → 4368932; 1499975 → 1456286,41 → 1456286 → 1413869,90 → 1413870
  assert.equal(by.GM0014.ncwCenten, -1000000 + 4368932 + 1413870);
  // GM0034: −20.000 then +30.000: back in year 2.
  assert.equal(by.GM0034.nettoCenten, 1000000);
  assert.equal(by.GM0034.terugverdienjaar, 2);
  // GM0037: −30.000, +30.000, −0,75: cumulatively back in year 2, below again in year 3.
  assert.equal(by.GM0037.nettoCenten, -75);
  assert.equal(by.GM0037.terugverdienjaar, 2);
  assert.equal(by.GM0037.verdientZichTerug, false);
  assert.equal(b.totaal.nettoCenten, 4999975 + 1000000 - 75);
  assert.equal(b.oordeel, 'verdient-zich-niet-terug');
  assert.match(b.toelichtingOordeel, /Ceestad/);
  // A case every partner earns back.
  r = await srv.api('PUT', `/api/v1/trajecten/${inkoop}/businesscase`, {
    periodeJaren: 2, posten: [{ soort: 'investering', jaar: 1, centen: 1001 }, { soort: 'besparing', jaar: 2, centen: 2000 }],
  });
  const k = expectStatus(r, 200);
  assert.equal(k.discontoPromille, 0);
  assert.deepEqual(k.perOrganisatie.map((o) => o.investeringCenten), [501, 500]); // gelijk by default
  assert.equal(k.oordeel, 'verdient-zich-terug');
  r = await srv.api('GET', `/api/v1/trajecten/${ict}/businesscase`, null, { token: null });
  assert.equal(expectStatus(r, 200).oordeel, 'verdient-zich-niet-terug');
});

test('a business case that never pays back has terugverdienjaar null', async () => {
  const r = await srv.api('PUT', `/api/v1/trajecten/${inkoop}/businesscase`, {
    periodeJaren: 3, posten: [{ organisatie: 'GM0014', soort: 'kosten', jaar: 1, centen: 100 }],
  });
  const b = expectStatus(r, 200);
  const a = b.perOrganisatie.find((o) => o.organisatie === 'GM0014');
  assert.equal(a.terugverdienjaar, null);
  assert.equal(a.nettoCenten, -100);
  assert.equal(b.perOrganisatie.find((o) => o.organisatie === 'GM0034').terugverdienjaar, 1);
  assert.equal(b.oordeel, 'verdient-zich-niet-terug');
});

test('a business case with bad input is refused and nothing changes', async () => {
  const put = (body) => srv.api('PUT', `/api/v1/trajecten/${ict}/businesscase`, body);
  let r = await put({ periodeJaren: 3, posten: [{ soort: 'kosten', jaar: 4, centen: 1 }, { soort: 'winst', jaar: 1, centen: -1 }] });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['posten[0].jaar', 'posten[1].centen', 'posten[1].soort']);
  r = await put({ periodeJaren: 31, posten: [] });
  expectStatus(r, 400);
  r = await put({ periodeJaren: 3, discontoPromille: 30.5, posten: [] });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['discontoPromille']);
  r = await put({ periodeJaren: 3, posten: [{ organisatie: 'GM0014', soort: 'kosten', jaar: 1, centen: 1, verdeelsleutel: 'gelijk' }] });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['posten[0].verdeelsleutel']);
  r = await put({ periodeJaren: 3, posten: [{ organisatie: 'GM0050', soort: 'kosten', jaar: 1, centen: 1 }] });
  expectStatus(r, 422); // not a participant
  assert.deepEqual(params(r), ['posten[0].organisatie']);
  r = await put({ periodeJaren: 3, posten: [{ organisatie: 'GM0000', soort: 'kosten', jaar: 1, centen: 1 }] });
  expectStatus(r, 422);
  r = await put({ periodeJaren: 3, posten: [{ soort: 'kosten', jaar: 1, centen: 1, verdeelsleutel: 'gebruik' }] });
  expectStatus(r, 422); // no usage shares
  r = await put({ periodeJaren: 3, posten: [], gebruik: [{ organisatie: 'GM0050', aandeel: 1 }] });
  expectStatus(r, 422);
  expectStatus(await srv.api('PUT', '/api/v1/trajecten/999999/businesscase', bc), 404);
  expectStatus(await srv.api('GET', '/api/v1/trajecten/abc/businesscase'), 404);
  r = await srv.api('GET', `/api/v1/trajecten/${ict}/businesscase`);
  assert.equal(expectStatus(r, 200).posten.length, 5, 'the stored case is unchanged');
});

test('shares by inhabitants need every participant\'s number of inhabitants', async () => {
  const t = await makeTraject(srv, 'xyz', 'belastingen', ['GM0047', 'GM0014']);
  const r = await srv.api('PUT', `/api/v1/trajecten/${t}/businesscase`, {
    periodeJaren: 1, posten: [{ soort: 'kosten', jaar: 1, centen: 100, verdeelsleutel: 'inwoners' }],
  });
  expectStatus(r, 422);
  assert.match(r.json.detail, /GM0047/);
});

let mid;
test('milestones: due today is not late, postponement keeps its history, done late is late', async () => {
  const base = `/api/v1/trajecten/${ict}/mijlpalen`;
  expectStatus(await srv.api('POST', base, { titel: 'x', deadline: '2012-05-01' }, { token: acc.manager1 }), 403);
  let r = await srv.api('POST', base, { titel: 'Verslag werkgroep', deadline: '2012-05-01', verantwoordelijke: 'werkgroep ICT', organisatie: 'GM0034' },
    { token: acc.procesmanagerAbc });
  const m = expectStatus(r, 201);
  mid = m.id;
  assert.equal(m.deadline, '2012-05-01');
  assert.equal(m.oorspronkelijkeDeadline, '2012-05-01');
  assert.equal(m.gereed, null);
  assert.deepEqual(m.uitstel, []);
  const at = async (datum) => expectStatus(await srv.api('GET', `${base}/${mid}?datum=${datum}`), 200);
  assert.equal((await at('2012-05-01')).status, 'open');
  const late = await at('2012-05-03');
  assert.equal(late.status, 'te-laat');
  assert.equal(late.dagenTeLaat, 2);
  // Postponement by the responsible organisation's manager; others may not.
  expectStatus(await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-09-24', reden: 'vakanties' }, { token: acc.manager1 }), 403);
  expectStatus(await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-09-24', reden: 'vakanties' }, { token: null }), 401);
  r = await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-09-24', reden: 'vakanties', datum: '2012-05-01' }, { token: acc.manager2 });
  const p = expectStatus(r, 200);
  assert.equal(p.deadline, '2012-09-24');
  assert.equal(p.oorspronkelijkeDeadline, '2012-05-01');
  assert.deepEqual(p.uitstel, [{ datum: '2012-05-01', oudeDeadline: '2012-05-01', nieuweDeadline: '2012-09-24', reden: 'vakanties' }]);
  // Judged on the new deadline.
  assert.equal((await at('2012-06-15')).status, 'open');
  assert.equal((await at('2012-09-24')).status, 'open');
  assert.equal((await at('2012-09-25')).status, 'te-laat');
  // A second postponement; earlier or equal is refused.
  r = await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-09-24', reden: 'nog eens' });
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['nieuweDeadline']);
  r = await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-10-01' });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['reden']);
  r = await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2012-10-01', reden: 'ziekte', datum: '2012-09-20' });
  assert.deepEqual(expectStatus(r, 200).uitstel.map((u) => u.oudeDeadline), ['2012-05-01', '2012-09-24']);
  // Done after the deadline in force: late.
  r = await srv.api('POST', `${base}/${mid}/gereed`, { datum: '2012-10-03', toelichting: 'gepresenteerd' }, { token: acc.stuurgroepAbc });
  const d = expectStatus(r, 200);
  assert.deepEqual(d.gereed, { datum: '2012-10-03', toelichting: 'gepresenteerd' });
  assert.equal(d.status, 'gereed-te-laat');
  assert.equal(d.dagenTeLaat, 2);
  assert.equal((await at('2012-10-02')).status, 'te-laat'); // not done yet that day
  expectStatus(await srv.api('POST', `${base}/${mid}/gereed`, { datum: '2012-10-04' }), 422);
  expectStatus(await srv.api('POST', `${base}/${mid}/uitstel`, { nieuweDeadline: '2013-01-01', reden: 'x' }), 422);
});

test('milestone errors: fields, unknown ids, a milestone of another traject', async () => {
  const base = `/api/v1/trajecten/${ict}/mijlpalen`;
  let r = await srv.api('POST', base, { deadline: '2012-02-30' });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['deadline', 'titel']);
  r = await srv.api('POST', base, { titel: 'x', deadline: '2012-02-01', organisatie: 'GM0050' });
  expectStatus(r, 422);
  expectStatus(await srv.api('POST', '/api/v1/trajecten/424242/mijlpalen', { titel: 'x', deadline: '2012-02-01' }), 404);
  expectStatus(await srv.api('POST', `/api/v1/trajecten/${inkoop}/mijlpalen/${mid}/gereed`, { datum: '2012-02-01' }), 404);
  expectStatus(await srv.api('POST', `${base}/zeven/gereed`, { datum: '2012-02-01' }), 404);
  expectStatus(await srv.api('GET', `${base}/${mid}?datum=morgen`), 400);
  r = await srv.api('POST', `${base}/${mid}/gereed`, {});
  expectStatus(r, 400);
});

test('what is late on a date, across trajecten and per organisation', async () => {
  const mk = async (traject, titel, deadline, extra = {}) =>
    expectStatus(await srv.api('POST', `/api/v1/trajecten/${traject}/mijlpalen`, { titel, deadline, ...extra }), 201).id;
  const a = await mk(inkoop, 'Inkoopplan', '2012-06-01');
  await mk(inkoop, 'Aanbesteding', '2012-12-01');
  const c = await mk(ict, 'Netwerk', '2012-06-01');
  expectStatus(await srv.api('POST', `/api/v1/trajecten/${ict}/mijlpalen/${c}/gereed`, { datum: '2012-05-30' }), 200);
  let r = await srv.api('GET', '/api/v1/mijlpalen?status=te-laat&datum=2012-06-02', null, { token: null });
  assert.deepEqual(expectStatus(r, 200).map((m) => m.id), [a]);
  r = await srv.api('GET', '/api/v1/mijlpalen?status=te-laat&datum=2012-06-01');
  assert.deepEqual(expectStatus(r, 200), []);
  r = await srv.api('GET', '/api/v1/mijlpalen?status=uitgesteld&datum=2012-06-02');
  assert.deepEqual(expectStatus(r, 200).map((m) => m.id), [mid]);
  r = await srv.api('GET', '/api/v1/mijlpalen?status=gereed&datum=2012-06-02');
  assert.deepEqual(expectStatus(r, 200).map((m) => m.id), [c]);
  // GM0037 takes part in ict, not in inkoop.
  r = await srv.api('GET', '/api/v1/mijlpalen?organisatie=GM0037&datum=2012-06-02');
  assert.ok(expectStatus(r, 200).every((m) => m.traject === ict));
  r = await srv.api('GET', `/api/v1/trajecten/${inkoop}/mijlpalen?status=open&datum=2012-06-02`);
  assert.deepEqual(expectStatus(r, 200).map((m) => m.titel), ['Aanbesteding']);
  r = await srv.api('GET', '/api/v1/mijlpalen?van=2012-06-01&tot=2012-06-30');
  assert.deepEqual(expectStatus(r, 200).map((m) => m.deadline), ['2012-06-01', '2012-06-01']);
  expectStatus(await srv.api('GET', '/api/v1/mijlpalen?status=vergeten'), 400);
  expectStatus(await srv.api('GET', '/api/v1/mijlpalen?datum=2012-6-1'), 400);
  expectStatus(await srv.api('GET', '/api/v1/mijlpalen?organisatie=GM0000'), 422);
  expectStatus(await srv.api('GET', '/api/v1/mijlpalen?traject=x'), 400);
});

test('decisions per traject and per verband, by body and organisation', async () => {
  const post = (path, body, token) => srv.api('POST', path, body, { token });
  let r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'no-go', onderwerp: 'ICT-pool', toelichting: 'te kort om terug te verdienen' }, acc.stuurgroepAbc);
  const d = expectStatus(r, 201);
  assert.equal(d.traject, ict);
  assert.equal(d.verband, 'abc');
  assert.equal(d.taakveld, 'ict');
  assert.equal(d.organisatie, null);
  // The trail of one organisation on inkoop: stuurgroep, the OR asked and advising, the college.
  expectStatus(await post(`/api/v1/trajecten/${inkoop}/besluiten`, { orgaan: 'stuurgroep', datum: '2012-06-01', uitkomst: 'go', onderwerp: 'ICT-pool', toelichting: 'proef' }), 201);
  expectStatus(await post(`/api/v1/trajecten/${inkoop}/besluiten`, { orgaan: 'or', organisatie: 'GM0014', datum: '2012-06-01', uitkomst: 'advies-gevraagd', adviesDeadline: '2012-06-29', onderwerp: 'ICT-pool', toelichting: 'proef' }), 201);
  expectStatus(await post(`/api/v1/trajecten/${inkoop}/besluiten`, { orgaan: 'or', organisatie: 'GM0014', datum: '2012-06-20', uitkomst: 'advies', advies: 'positief', onderwerp: 'ICT-pool', toelichting: 'proef' }), 201);
  expectStatus(await post(`/api/v1/trajecten/${inkoop}/besluiten`, { orgaan: 'college', organisatie: 'GM0014', datum: '2012-07-01', uitkomst: 'go', onderwerp: 'ICT-pool', toelichting: 'proef' }), 201);
  expectStatus(await post('/api/v1/verbanden/abc/besluiten', { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go', onderwerp: 'ICT-pool', toelichting: 'proef' }), 201);
  r = await post('/api/v1/verbanden/abc/besluiten', { orgaan: 'raad', organisatie: 'GM0037', datum: '2012-09-01', uitkomst: 'kennisname', onderwerp: 'ICT-pool', toelichting: 'proef' });
  assert.equal(expectStatus(r, 201).traject, null);
  // Who may.
  expectStatus(await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' }, acc.stuurgroepXyz), 403);
  expectStatus(await post('/api/v1/verbanden/abc/besluiten', { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' }, acc.manager1), 403);
  expectStatus(await post('/api/v1/verbanden/abc/besluiten', { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' }, null), 401);
  // Errors.
  r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'college', datum: '2012-05-01', uitkomst: 'misschien' });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['organisatie', 'uitkomst']);
  r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'college', organisatie: 'GM0050', datum: '2012-05-01', uitkomst: 'go', onderwerp: 'ICT-pool', toelichting: 'proef' });
  expectStatus(r, 422); // not a member
  r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'college', organisatie: 'GM0000', datum: '2012-05-01', uitkomst: 'go', onderwerp: 'ICT-pool', toelichting: 'proef' });
  expectStatus(r, 422);
  // A decision without a subject or a text is refused: it would stand in the report for good.
  r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' });
  expectStatus(r, 422);
  assert.deepEqual(params(r).sort(), ['onderwerp', 'toelichting']);
  r = await post(`/api/v1/trajecten/${ict}/besluiten`, { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go', onderwerp: '  ', toelichting: 'x' });
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['onderwerp']);
  expectStatus(await post('/api/v1/verbanden/nergens/besluiten', { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' }), 404);
  expectStatus(await post('/api/v1/trajecten/777777/besluiten', { orgaan: 'stuurgroep', datum: '2012-05-01', uitkomst: 'go' }), 404);
  // Reading.
  r = await srv.api('GET', `/api/v1/trajecten/${ict}/besluiten`);
  assert.deepEqual(expectStatus(r, 200).map((x) => x.uitkomst), ['no-go']);
  r = await srv.api('GET', `/api/v1/trajecten/${inkoop}/besluiten`);
  assert.deepEqual(expectStatus(r, 200).map((x) => x.advies || x.uitkomst), ['go', 'advies-gevraagd', 'positief', 'go']);
  r = await srv.api('GET', '/api/v1/verbanden/abc/besluiten');
  assert.equal(expectStatus(r, 200).length, 7);
  r = await srv.api('GET', '/api/v1/besluiten?organisatie=GM0037&van=2012-05-01&tot=2012-08-31');
  assert.deepEqual(expectStatus(r, 200).map((x) => x.traject === null ? 'abc' : 'ict'), ['ict', 'abc']); // inkoop is not GM0037's
  r = await srv.api('GET', '/api/v1/besluiten?orgaan=raad');
  assert.deepEqual(expectStatus(r, 200).map((x) => x.organisatie), ['GM0037']);
  expectStatus(await srv.api('GET', '/api/v1/besluiten?orgaan=koning'), 400);
  expectStatus(await srv.api('GET', '/api/v1/besluiten?van=gisteren'), 400);
  expectStatus(await srv.api('GET', '/api/v1/besluiten?verband=nergens'), 422);
});

test('roles per verband and per traject', async () => {
  let r = await srv.api('POST', '/api/v1/verbanden/abc/rollen', { rol: 'procesmanager', naam: 'Roel', van: '2012-01-01' }, { token: acc.stuurgroepAbc });
  assert.equal(expectStatus(r, 201).traject, null);
  r = await srv.api('POST', `/api/v1/trajecten/${ict}/rollen`, { rol: 'eigenaar', naam: 'Ada Jansen', organisatie: 'GM0014' });
  const e = expectStatus(r, 201);
  assert.equal(e.organisatieNaam, 'Aadorp');
  assert.equal(e.taakveld, 'ict');
  expectStatus(await srv.api('POST', `/api/v1/trajecten/${ict}/rollen`, { rol: 'projectleider', naam: 'Bo', organisatie: 'GM0037', van: '2013-07-01' }), 201);
  r = await srv.api('POST', '/api/v1/verbanden/abc/rollen', { rol: 'koning', naam: '', van: '2012-02-01', tot: '2012-01-01' });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['naam', 'rol', 'tot']);
  expectStatus(await srv.api('POST', '/api/v1/verbanden/abc/rollen', { rol: 'eigenaar', naam: 'X', organisatie: 'GM0000' }), 422);
  expectStatus(await srv.api('POST', '/api/v1/verbanden/abc/rollen', { rol: 'eigenaar', naam: 'X' }, { token: acc.stuurgroepXyz }), 403);
  expectStatus(await srv.api('POST', '/api/v1/verbanden/nergens/rollen', { rol: 'eigenaar', naam: 'X' }), 404);
  r = await srv.api('GET', `/api/v1/trajecten/${ict}/rollen`);
  assert.deepEqual(expectStatus(r, 200).map((x) => x.rol), ['eigenaar', 'projectleider']);
  r = await srv.api('GET', '/api/v1/verbanden/abc/rollen');
  assert.deepEqual(expectStatus(r, 200).map((x) => [x.rol, x.traject]), [['procesmanager', null], ['eigenaar', ict], ['projectleider', ict]]);
});

test('schaken op meerdere borden: partners hear of cooperation outside their verband', async () => {
  // GM0014 starts on inkoop in xyz with GM0047, who is outside abc; abc
  // already covers inkoop. GM0034 takes part in abc's inkoop, GM0037 not:
  // both members that do not take part in the new traject are told.
  const t = await makeTraject(srv, 'xyz', 'inkoop', ['GM0047', 'GM0014'], { start: '2012-04-01' });
  let r = await srv.api('GET', '/api/v1/meldingen?organisatie=GM0034', null, { token: null });
  const [m] = expectStatus(r, 200);
  assert.equal(m.verband, 'abc');
  assert.equal(m.traject, t);
  assert.equal(m.trajectVerband, 'xyz');
  assert.equal(m.taakveld, 'inkoop');
  assert.equal(m.datum, '2012-04-01');
  assert.deepEqual(m.melders, ['GM0014']);
  assert.deepEqual(m.buitenPartners, ['GM0047']);
  assert.deepEqual(m.ontvangers, ['GM0034', 'GM0037']);
  assert.match(m.tekst, /Aadorp werkt vanaf 2012-04-01 .* ook samen met Dijkveld/);
  r = await srv.api('GET', '/api/v1/meldingen?organisatie=GM0037');
  assert.equal(expectStatus(r, 200).length, 1);
  r = await srv.api('GET', '/api/v1/meldingen?organisatie=GM0014'); // the one who reports sees none addressed to it
  assert.deepEqual(expectStatus(r, 200), []);
  r = await srv.api('GET', '/api/v1/meldingen?verband=abc');
  assert.equal(expectStatus(r, 200).length, 1);
  // No melding when the task field is new to abc, or no party is from outside.
  await makeTraject(srv, 'xyz', 'ict', ['GM0014'], { start: '2012-04-01' });
  await makeTraject(srv, 'abc', 'belastingen', ['GM0014']);
  r = await srv.api('GET', '/api/v1/meldingen');
  assert.equal(expectStatus(r, 200).length, 1);
  expectStatus(await srv.api('GET', '/api/v1/meldingen?organisatie=GM0000'), 422);
});

test('the progress of an organisation over a period, for the status report', async () => {
  let r = await srv.api('GET', '/api/v1/voortgang?organisatie=GM0034&van=2012-03-01&tot=2012-09-30');
  const v = expectStatus(r, 200);
  assert.equal(v.organisatie.naam, 'Beekdorp');
  const abc = v.verbanden.find((x) => x.code === 'abc');
  const t = abc.trajecten.find((x) => x.id === ict);
  assert.deepEqual(t.besluiten.map((b) => b.uitkomst), ['no-go']);
  assert.equal(t.businesscase.oordeel, 'verdient-zich-niet-terug');
  assert.equal(t.businesscase.organisatie.organisatie, 'GM0034');
  assert.deepEqual(t.mijlpalen.uitgesteld.map((m) => m.id), [mid]);
  assert.deepEqual(t.mijlpalen.gehaald.map((m) => m.titel), ['Netwerk']);
  assert.deepEqual(t.mijlpalen.teLaat, []);
  assert.equal(v.meldingen.length, 1);
  assert.equal(v.samenvatting.meldingen, 1);
  r = await srv.api('GET', '/api/v1/voortgang?organisatie=GM0034&van=2012-10-01&tot=2012-09-30');
  expectStatus(r, 400);
  r = await srv.api('GET', '/api/v1/voortgang?organisatie=GM0000&van=2012-01-01&tot=2012-09-30');
  expectStatus(r, 422);
  r = await srv.api('GET', '/api/v1/voortgang?organisatie=GM0034');
  expectStatus(r, 400);
});

test('the OpenAPI document lists the steering endpoints', async () => {
  const r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  const doc = expectStatus(r, 200);
  for (const p of ['/verkenningen', '/verkenningen/{code}/antwoorden', '/scoringen/{code}/uitslag', '/trajecten/{id}/businesscase',
    '/trajecten/{id}/mijlpalen/{mid}/uitstel', '/mijlpalen', '/trajecten/{id}/besluiten', '/meldingen', '/voortgang'])
    assert.ok(doc.paths[p], `${p} missing`);
  assert.ok(doc.paths['/trajecten/{id}/businesscase'].put);
});
