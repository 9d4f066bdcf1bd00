// Four eyes on the ledger and the privacy of booked hours (issue 15).
//  - Nobody approves hours that credit their own organisation: staff of
//    Dordrecht on an opdracht that Zwijndrecht and Hendrik-Ido-Ambacht also
//    pay are approved by the manager of one of those, not Dordrecht's. On
//    Dordrecht's own local opdracht nothing moves and its manager approves.
//    A refusal changes nothing (balances, journal, the entry).
//  - A person's hours per day (who, what, who reviewed) are for the person,
//    the managers of their organisation and of the approvers, the
//    proeftuin's process manager and the beheerder; everyone else sees the
//    organisation and the totals. The API, the journal and the demo follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, auditRecords } from './auth-helpers.mjs';
import { drechtsteden, must, saldi } from './urenbank-helpers.mjs';

let srv, staff;
const tokens = {};
const PT = 'dt-vier-ogen';
const P = (rest = '') => `/api/v1/proeftuinen/${PT}${rest}`;
const ACTORS = {
  'manager-505': { rol: 'manager', organisatie: 'GM0505' },
  'manager-642': { rol: 'manager', organisatie: 'GM0642' },
  'manager-590': { rol: 'manager', organisatie: 'GM0590' },
  'medewerker-zelf': { rol: 'medewerker', organisatie: 'GM0505' },
  'medewerker-collega': { rol: 'medewerker', organisatie: 'GM0505' },
  'raadslid-505': { rol: 'raadslid', organisatie: 'GM0505' },
  'raadslid-148': { rol: 'raadslid', organisatie: 'GM0148' },
  'stuurgroep-dt': { rol: 'stuurgroep', organisatie: 'GM0642', verband: 'drechtsteden' },
  'procesmanager-dt': { rol: 'procesmanager', organisatie: 'GM0590', verband: 'drechtsteden' },
  'procesmanager-dsz': { rol: 'procesmanager', organisatie: 'GM0148', verband: 'dsz' },
};
const as = (actor, method, path, body) => srv.api(method, path, body, { token: actor === 'beheerder' ? undefined : tokens[actor] });
let shared, local;

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  await must(srv.api('POST', '/api/v1/organisaties', { code: 'GM0148', naam: 'Dalfsen', soort: 'gemeente' }), 'Dalfsen');
  for (const code of ['drechtsteden', 'dsz'])
    await must(srv.api('POST', '/api/v1/verbanden', { code, naam: code, doelen: ['kwaliteit'] }), 'verband');
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  // The medewerker account of the person who works.
  await must(srv.api('PUT', `/api/v1/gebruikers/medewerker-zelf-${process.pid}/medewerker`, { medewerker: staff.GM0505 }), 'koppeling');
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: PT, naam: 'Proeftuin', verband: 'drechtsteden', van: '2012-01-01',
    tot: '2012-12-31', tariefCenten: 6500, kredietlimietMinuten: 100000, leden: ['GM0505', 'GM0642', 'GM0531', 'GM0590'] }), 'proeftuin');
  shared = (await must(srv.api('POST', P('/opdrachten'), { soort: 'meervoudig-lokaal', titel: 'Wet werken naar vermogen',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 118 }, { organisatie: 'GM0642', aandeel: 45 }, { organisatie: 'GM0531', aandeel: 29 }] }), 'opdracht')).id;
  local = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Evaluatie subsidiebeleid',
    opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'opdracht')).id;
});
after(async () => { await srv.stop(); });

let day = 1;
const book = async (opdracht) => (await must(as('manager-505', 'POST', P('/uren'), { medewerker: staff.GM0505, opdracht,
  datum: `2012-02-${String(day++).padStart(2, '0')}`, minuten: 240, omschrijving: 'beleidskader re-integratie' }), 'uren')).id;
const journal = async (actor = 'beheerder') => (await as(actor, 'GET', P('/journaal'))).text;

test('staff of Dordrecht on a shared opdracht: Dordrecht\'s manager may not approve, a paying principal\'s may', async () => {
  const id = await book(shared);
  const before = { saldi: await saldi(srv, PT), journal: await journal(), entry: (await as('beheerder', 'GET', P(`/uren/${id}`))).json };
  for (const actor of ['manager-505', 'manager-590', 'medewerker-zelf', 'procesmanager-dt', 'raadslid-505']) {
    const r = await as(actor, 'POST', P(`/uren/${id}/goedkeuren`));
    assert.equal(r.status, 403, `${actor}: ${r.status} ${r.text}`);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
  }
  const own = await as('manager-505', 'POST', P(`/uren/${id}/goedkeuren`));
  assert.match(own.json.detail, /eigen organisatie/);
  assert.match(own.json.detail, /GM0642, GM0531/);
  // The refusals changed nothing.
  assert.deepEqual(await saldi(srv, PT), before.saldi);
  assert.equal(await journal(), before.journal);
  assert.deepEqual((await as('beheerder', 'GET', P(`/uren/${id}`))).json, before.entry);
  // The approval queue: the entry waits for Zwijndrecht and HIA, not Dordrecht.
  const queue = async (org) => (await as('beheerder', 'GET', P(`/uren?status=ingediend&goedkeurder=${org}`))).json.map((u) => u.id);
  assert.ok(!(await queue('GM0505')).includes(id));
  assert.ok((await queue('GM0642')).includes(id));
  assert.ok((await queue('GM0531')).includes(id));
  assert.ok(!(await queue('GM0590')).includes(id));
  // Zwijndrecht's manager approves: Dordrecht brings, the others take their share.
  const ok = await as('manager-642', 'POST', P(`/uren/${id}/goedkeuren`));
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.beoordeeldDoor, `manager-642-${process.pid}`);
  const posten = Object.fromEntries(ok.json.posten.map((x) => [x.organisatie, x.minuten]));
  assert.ok(posten.GM0505 > 0 && posten.GM0642 < 0 && posten.GM0531 < 0, JSON.stringify(posten));
  const audit = await auditRecords(srv);
  assert.ok(audit.some((a) => a.actie === 'uren-goedkeuren' && a.resultaat === 'geweigerd (403)' && a.actor.startsWith(`manager-505-${process.pid}`)));
});

test('on its own local opdracht nothing moves, and Dordrecht\'s manager approves', async () => {
  const id = await book(local);
  const r = await as('manager-505', 'POST', P(`/uren/${id}/goedkeuren`));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.posten, []);
  assert.ok((await as('beheerder', 'GET', P('/uren?status=goedgekeurd&goedkeurder=GM0505'))).json.some((u) => u.id === id));
});

test('a person\'s hours: the person, their manager, the approvers\' managers, the process manager and the beheerder; the rest see the organisation', async () => {
  const id = await book(shared);
  await must(as('manager-642', 'POST', P(`/uren/${id}/goedkeuren`)), 'goedkeuren');
  const may = ['beheerder', 'medewerker-zelf', 'manager-505', 'manager-642', 'procesmanager-dt'];
  const mayNot = ['medewerker-collega', 'manager-590', 'raadslid-505', 'raadslid-148', 'stuurgroep-dt', 'procesmanager-dsz'];
  const personal = ['medewerker', 'medewerkerNaam', 'omschrijving', 'ingediendDoor'];
  for (const actor of [...may, ...mayNot]) {
    const one = await as(actor, 'GET', P(`/uren/${id}`));
    assert.equal(one.status, 200, `${actor}: ${one.text}`);
    const list = (await as(actor, 'GET', P(`/uren?opdracht=${shared}`))).json.find((u) => u.id === id);
    for (const e of [one.json, list]) {
      assert.equal(e.organisatie, 'GM0505');
      assert.equal(e.minuten, 240);
      for (const f of personal)
        assert.equal(f in e, may.includes(actor), `${actor} ${may.includes(actor) ? 'sees' : 'does not see'} ${f}`);
    }
    // Filtering on the person is reading the person's hours.
    const byPerson = await as(actor, 'GET', P(`/uren?medewerker=${staff.GM0505}`));
    const personLevel = ['beheerder', 'medewerker-zelf', 'manager-505', 'procesmanager-dt'].includes(actor);
    assert.equal(byPerson.status, personLevel ? 200 : 403, `${actor} filters on the person: ${byPerson.status}`);
    // The journal: the organisation's amounts for everyone, the person only for who may.
    const j = await journal(actor);
    assert.match(j, new RegExp(`Urenregel ${id}: 240 min van`));
    assert.equal(j.includes(`Urenregel ${id}: 240 min van medewerker ${staff.GM0505}`), may.includes(actor), `${actor} journal`);
    assert.equal(j.includes('beleidskader re-integratie'), may.includes(actor), `${actor} journal description`);
  }
  // The balances are the same for everyone.
  assert.deepEqual((await as('raadslid-148', 'GET', P('/saldi'))).json, (await as('beheerder', 'GET', P('/saldi'))).json);
});

test('the demo tells its story with approvals by the managers of paying principals', async () => {
  const demo = await startServer({ demo: true });
  try {
    const names = Object.fromEntries((await demo.api('GET', '/api/v1/organisaties')).json.map((o) => [o.code, o.naam]));
    const opdrachten = Object.fromEntries((await demo.api('GET', '/api/v1/proeftuinen/dt2012/opdrachten')).json
      .map((o) => [o.id, o.opdrachtgevers.map((g) => g.organisatie)]));
    const entries = (await demo.api('GET', '/api/v1/proeftuinen/dt2012/uren?status=goedgekeurd&limiet=10000')).json;
    assert.ok(entries.length > 100);
    const manager = (code) => `manager-${names[code].toLowerCase().replace(/ /g, '-')}`;
    let shared = 0;
    for (const e of entries) {
      const principals = opdrachten[e.opdracht];
      const others = principals.filter((c) => c !== e.organisatie);
      const allowed = others.length ? others.map(manager) : [manager(e.organisatie)];
      assert.ok(allowed.includes(e.beoordeeldDoor), `entry ${e.id} of ${e.organisatie} on ${principals} approved by ${e.beoordeeldDoor}`);
      if (others.length && principals.includes(e.organisatie)) shared++;
    }
    assert.ok(shared > 10, `${shared} entries of a principal's own staff on shared opdrachten, approved by another principal`);
  } finally {
    await demo.stop();
  }
});
