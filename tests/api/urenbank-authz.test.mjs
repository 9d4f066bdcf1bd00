// Who may do what in the hours exchange (policy.c: urenbank-beheren,
// opdracht-wijzigen, inzetten, uren-boeken, uren-goedkeuren, storten):
// each endpoint as the role that may (2xx) and as roles that may not (403),
// anonymous 401, and every refusal in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, auditRecords } from './auth-helpers.mjs';
import { drechtsteden, must } from './urenbank-helpers.mjs';

let srv, staff;
const tokens = {};
const ACTORS = {
  'manager-505': { rol: 'manager', organisatie: 'GM0505' },
  'manager-590': { rol: 'manager', organisatie: 'GM0590' },
  'medewerker-505': { rol: 'medewerker', organisatie: 'GM0505' },
  'medewerker-590': { rol: 'medewerker', organisatie: 'GM0590' },
  'raadslid-505': { rol: 'raadslid', organisatie: 'GM0505' },
  'stuurgroep-dt': { rol: 'stuurgroep', organisatie: 'GM0505', verband: 'drechtsteden' },
  'procesmanager-dt': { rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
  'procesmanager-dsz': { rol: 'procesmanager', organisatie: 'GM0590', verband: 'dsz' },
  'procesmanager-netwerk': { rol: 'procesmanager', organisatie: 'GM0590' },
};
const PT = 'dt-authz';
const P = (rest = '') => `/api/v1/proeftuinen/${PT}${rest}`;
const as = (actor, method, path, body) => srv.api(method, path, body, { token: actor === 'anoniem' ? null : actor === 'beheerder' ? undefined : tokens[actor] });

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  for (const code of ['drechtsteden', 'dsz'])
    await must(srv.api('POST', '/api/v1/verbanden', { code, naam: code, doelen: ['kwaliteit'] }), 'verband');
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: PT, naam: 'Proeftuin', verband: 'drechtsteden', van: '2012-01-01',
    tot: '2012-12-31', tariefCenten: 6500, kredietlimietMinuten: 100000, leden: ['GM0505', 'GM0590', 'GM0642'] }), 'proeftuin');
});
after(async () => { await srv.stop(); });

// Tries `refused` actors (403, or 401 for anoniem) and then `allowed` ones (2xx), each with a fresh request.
async function matrix(what, fresh, allowed, refused) {
  for (const actor of ['anoniem', ...refused]) {
    const { method, path, body } = await fresh();
    const r = await as(actor, method, path, body);
    assert.equal(r.status, actor === 'anoniem' ? 401 : 403, `${what} als ${actor}: ${r.status} ${r.text}`);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
  }
  for (const actor of allowed) {
    const { method, path, body } = await fresh();
    const r = await as(actor, method, path, body);
    assert.ok(r.status >= 200 && r.status < 300, `${what} als ${actor}: ${r.status} ${r.text}`);
  }
}

let n = 0;
const lokaal = async (org = 'GM0505') => (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: `o${++n}`,
  opdrachtgevers: [{ organisatie: org }] }), 'opdracht')).id;
// An entry of GM0590's staff on a GM0505 opdracht, ingediend (or goedgekeurd).
async function entry(approved = false) {
  const o = await lokaal();
  await must(srv.api('POST', P(`/opdrachten/${o}/inzet`), { medewerker: staff.GM0590, minuten: 60 }), 'inzet');
  const e = await must(srv.api('POST', P('/uren'), { medewerker: staff.GM0590, opdracht: o, datum: '2012-02-01', minuten: 60 }), 'uren');
  if (approved) await must(srv.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
  return e.id;
}

test('proeftuinen are opened by the process manager of their verband (or of the whole network) and the beheerder', async () => {
  await matrix('POST /proeftuinen', async () => ({ method: 'POST', path: '/api/v1/proeftuinen', body: { code: `pt-${++n}`, naam: 'x',
    verband: 'drechtsteden', van: '2012-01-01', tot: '2012-12-31', tariefCenten: 6500, leden: ['GM0505'] } }),
  ['beheerder', 'procesmanager-dt', 'procesmanager-netwerk'],
  ['manager-505', 'medewerker-505', 'raadslid-505', 'stuurgroep-dt', 'procesmanager-dsz']);
});

test('opdrachten: the manager of the principal, or the process manager; regional ones only the process manager', async () => {
  await matrix('POST opdracht lokaal', async () => ({ method: 'POST', path: P('/opdrachten'), body: { soort: 'lokaal', titel: 'x',
    opdrachtgevers: [{ organisatie: 'GM0505' }] } }),
  ['manager-505', 'procesmanager-dt', 'procesmanager-netwerk', 'beheerder'],
  ['manager-590', 'medewerker-505', 'raadslid-505', 'stuurgroep-dt', 'procesmanager-dsz']);
  await matrix('POST opdracht regionaal', async () => ({ method: 'POST', path: P('/opdrachten'), body: { soort: 'regionaal', titel: 'x' } }),
    ['procesmanager-dt', 'beheerder'], ['manager-505', 'manager-590', 'procesmanager-dsz']);
  await matrix('afronden', async () => ({ method: 'POST', path: P(`/opdrachten/${await lokaal()}/afronden`) }),
    ['manager-505', 'procesmanager-dt'], ['manager-590', 'medewerker-505', 'raadslid-505']);
  await matrix('samenvoegen', async () => ({ method: 'POST', path: P(`/opdrachten/${await lokaal()}/samenvoegen`), body: { met: await lokaal('GM0590') } }),
    ['procesmanager-dt', 'procesmanager-netwerk', 'beheerder'], ['manager-505', 'manager-590', 'procesmanager-dsz', 'stuurgroep-dt']);
  // Two opdrachten of one principal: its manager merges them too.
  await matrix('samenvoegen eigen', async () => ({ method: 'POST', path: P(`/opdrachten/${await lokaal()}/samenvoegen`), body: { met: await lokaal() } }),
    ['manager-505', 'procesmanager-dt'], ['manager-590', 'medewerker-505', 'stuurgroep-dt']);
  await matrix('wijzigen', async () => ({ method: 'PATCH', path: P(`/opdrachten/${await lokaal()}`), body: { titel: 'anders' } }),
    ['manager-505', 'procesmanager-dt', 'beheerder'], ['manager-590', 'medewerker-505', 'raadslid-505', 'procesmanager-dsz']);
});

test('inzet: the manager of the staff member\'s organisation, or the process manager', async () => {
  await matrix('inzet', async () => ({ method: 'POST', path: P(`/opdrachten/${await lokaal()}/inzet`), body: { medewerker: staff.GM0590, minuten: 60 } }),
    ['manager-590', 'procesmanager-dt', 'beheerder'], ['manager-505', 'medewerker-590', 'raadslid-505', 'procesmanager-dsz']);
});

test('booking: a medewerker as the person the account is linked to, managers for their organisation\'s staff', async () => {
  const o = await lokaal();
  const colleague = (await must(srv.api('POST', '/api/v1/medewerkers', { naam: 'Collega Papendrecht', organisatie: 'GM0590', uurPerWeek: 36 }), 'medewerker')).id;
  for (const m of [staff.GM0590, colleague])
    await must(srv.api('POST', P(`/opdrachten/${o}/inzet`), { medewerker: m, minuten: 1000 }), 'inzet');
  let day = 1;
  const booking = (medewerker) => async () => ({ method: 'POST', path: P('/uren'), body: { medewerker, opdracht: o,
    datum: `2012-03-${String(day++).padStart(2, '0')}`, minuten: 30 } });
  // Not linked yet: a medewerker account books for no one.
  await matrix('uren zonder koppeling', booking(staff.GM0590), ['manager-590', 'beheerder'], ['medewerker-590']);
  const unlinked = await as('medewerker-590', 'POST', P('/uren'), { medewerker: staff.GM0590, opdracht: o, datum: '2012-04-02', minuten: 30 });
  assert.match(unlinked.json.detail, /niet gekoppeld/);
  await must(srv.api('PUT', `/api/v1/gebruikers/medewerker-590-${process.pid}/medewerker`, { medewerker: staff.GM0590 }), 'koppeling');
  await matrix('uren', booking(staff.GM0590),
    ['medewerker-590', 'manager-590', 'beheerder'], ['medewerker-505', 'manager-505', 'procesmanager-dt', 'raadslid-505']);
  // Linked: never in a colleague's name; the manager may book for both.
  await matrix('uren van een collega', booking(colleague), ['manager-590', 'beheerder'], ['medewerker-590', 'medewerker-505']);
  const refused = await as('medewerker-590', 'POST', P('/uren'), { medewerker: colleague, opdracht: o, datum: '2012-04-03', minuten: 30 });
  assert.match(refused.json.detail, /eigen uren/);
  // In the user's words, with names instead of codes.
  const other = await as('manager-505', 'POST', P('/uren'), { medewerker: colleague, opdracht: o, datum: '2012-04-04', minuten: 30 });
  assert.equal(other.status, 403);
  assert.match(other.json.detail, /^Als manager van Dordrecht kunt u dit niet doen voor Papendrecht\./);
});

test('approving, rejecting and correcting: the manager of the principal (a correction also the process manager)', async () => {
  await matrix('goedkeuren', async () => ({ method: 'POST', path: P(`/uren/${await entry()}/goedkeuren`) }),
    ['manager-505', 'beheerder'], ['manager-590', 'medewerker-505', 'medewerker-590', 'procesmanager-dt', 'raadslid-505']);
  await matrix('afkeuren', async () => ({ method: 'POST', path: P(`/uren/${await entry()}/afkeuren`), body: { reden: 'nee' } }),
    ['manager-505'], ['manager-590', 'medewerker-505']);
  await matrix('corrigeren', async () => ({ method: 'POST', path: P(`/uren/${await entry(true)}/corrigeren`) }),
    ['manager-505', 'procesmanager-dt'], ['manager-590', 'medewerker-505', 'procesmanager-dsz']);
});

test('deposits: the manager of the depositing organisation; settlement: the process manager', async () => {
  await matrix('storting', async () => ({ method: 'POST', path: P('/stortingen'), body: { organisatie: 'GM0505', bedragCenten: 6500, datum: '2012-05-01' } }),
    ['manager-505', 'beheerder'], ['manager-590', 'medewerker-505', 'procesmanager-dt', 'raadslid-505']);
  // A settlement is tried last: it closes the proeftuin (preview first, readable by anyone signed in).
  assert.equal((await as('raadslid-505', 'GET', P('/afrekening'))).status, 200);
  assert.equal((await as('anoniem', 'GET', P('/saldi'))).status, 401);
  assert.equal((await as('raadslid-505', 'GET', P('/saldi'))).status, 200);
  for (const actor of ['manager-505', 'stuurgroep-dt', 'procesmanager-dsz', 'anoniem']) {
    const r = await as(actor, 'POST', P('/afrekening'), { tot: '2012-03-31' });
    assert.equal(r.status, actor === 'anoniem' ? 401 : 403, `afrekening als ${actor}: ${r.text}`);
  }
  for (const [, id] of (await srv.api('GET', P('/uren?status=ingediend'))).json.map((u) => [u, u.id]))
    await must(srv.api('POST', P(`/uren/${id}/afkeuren`), { reden: 'opruimen' }), 'afkeuren');
  const r = await as('procesmanager-dt', 'POST', P('/afrekening'), { tot: '2012-03-31' });
  assert.equal(r.status, 201, r.text);
});

test('every refusal is in the audit log with the exchange\'s action names', async () => {
  const records = await auditRecords(srv);
  const refused = records.filter((a) => /geweigerd \(403\)/.test(a.resultaat));
  for (const actie of ['urenbank-beheren', 'opdracht-wijzigen', 'inzetten', 'uren-boeken', 'uren-goedkeuren', 'storten'])
    assert.ok(refused.some((a) => a.actie === actie), `a refused ${actie} in the audit log`);
  assert.ok(records.some((a) => a.actie === 'uren-goedkeuren' && /gelukt \(200\)/.test(a.resultaat)));
});
