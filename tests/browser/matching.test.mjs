// The matching proposal page in Chromium: a process manager signs in,
// opens the proposal of a small proeftuin, leaves one row out, accepts, and
// sees the inzet that was created (checked through the API too); the page
// meets WCAG 2.1 AA before and after, works without JavaScript, and says so
// when the proposal changed in between; a medewerker may not see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot, rowText } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const VANAF = '2012-12-18'; // 14 days: h hours a week are 120·h minutes

let srv, browser, n = 0;
const api = (m, p, b, o) => srv.api(m, p, b, o);
async function must(r, what) {
  const x = await r;
  if (x.status >= 300) throw new Error(`${what}: ${x.status} ${x.text}`);
  return x.json;
}

// The small proeftuin of tests/api/matching.test.mjs, on fresh organisations.
async function scenario() {
  const orgs = {}, names = {};
  for (const [k, naam] of [['D', 'Dordrecht'], ['P', 'Papendrecht'], ['Z', 'Zwijndrecht']]) {
    orgs[k] = `${k}B-${process.pid}-${++n}`;
    names[k] = `${naam} ${n}`;
    await must(api('POST', '/api/v1/organisaties', { code: orgs[k], naam: names[k], soort: 'overig' }), 'organisatie');
  }
  const pt = `pt-match-${process.pid}-${++n}`;
  await must(api('POST', '/api/v1/proeftuinen', { code: pt, naam: `Proeftuin beleid ${n}`, van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: 6500, kredietlimietMinuten: 2400, leden: [orgs.D, orgs.P, orgs.Z] }), 'proeftuin');
  const person = async (naam, org, uur, comps) => {
    const m = await must(api('POST', '/api/v1/medewerkers', { naam, organisatie: org, functie: 'beleidsadviseur', uurPerWeek: 36, beschikbaarUurPerWeek: uur }), 'medewerker');
    for (const [code, niveau] of Object.entries(comps))
      await must(api('PUT', `/api/v1/medewerkers/${m.id}/competenties/${code}`, { niveau }), 'niveau');
    return m.id;
  };
  const p = {
    P1: await person(`Anna de Vries ${n}`, orgs.D, 2, { jeugdzorg: 3, wmo: 1 }),
    P2: await person(`Bram Jansen ${n}`, orgs.Z, 3, { jeugdzorg: 2 }),
    P3: await person(`Carla Smit ${n}`, orgs.P, 1, { jeugdzorg: 2 }),
    P4: await person(`Daan Bakker ${n}`, orgs.P, 2, { wmo: 1 }),
  };
  const opdracht = async (org, titel, geraamdeMinuten, competentie, niveau) => (await must(api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, {
    soort: 'lokaal', titel, opdrachtgevers: [{ organisatie: org, aandeel: 1 }], geraamdeMinuten, competenties: [{ competentie, niveau }],
  }), 'opdracht')).id;
  const O1 = await opdracht(orgs.P, `Nota jeugdhulp ${n}`, 600, 'jeugdzorg', 2);
  const O2 = await opdracht(orgs.Z, `Wmo-verordening ${n}`, 300, 'wmo', 1);
  await must(api('POST', `/api/v1/proeftuinen/${pt}/stortingen`, { organisatie: orgs.D, bedragCenten: 6500, datum: '2012-02-01' }), 'storting');
  return { pt, orgs, names, p, O1, O2, n };
}

before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  for (const [code, naam] of [['jeugdzorg', 'Jeugdzorg'], ['wmo', 'Wmo-beleid']])
    await must(api('POST', '/api/v1/competenties', { code, naam }), 'competentie');
  await must(api('POST', '/api/v1/organisaties', { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente', inwoners: 118800 }), 'organisatie');
  await must(api('POST', '/api/v1/gebruikers', { naam: 'pm-matching', rol: 'procesmanager', organisatie: 'GM0505', wachtwoord: PW }), 'procesmanager');
  await must(api('POST', '/api/v1/gebruikers', { naam: 'mw-matching', rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW }), 'medewerker');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page, naam) {
  await page.goto(`${srv.url}/inloggen`);
  await page.getByLabel('Naam').fill(naam);
  await page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
}

const inzetOf = async (pt, id) => (await must(api('GET', `/api/v1/proeftuinen/${pt}/opdrachten/${id}`), 'opdracht')).inzet
  .map((i) => [i.medewerker, i.minuten]);

test('the process manager opens the proposal, leaves a row out, accepts and sees the inzet', async () => {
  const s = await scenario();
  const { page, context, problems } = await newPage(browser);
  await signIn(page, 'pm-matching');
  const res = await page.goto(`${srv.url}/proeftuinen/${s.pt}/matching?vanaf=${VANAF}`);
  assert.equal(res.status(), 200);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Matching: wie werkt aan wat');
  // The optimum of the API test, as a table: exact level first, then the lowest saldo.
  assert.match(await rowText(page, 'Voorgestelde toewijzingen', `Nota jeugdhulp ${s.n}`), new RegExp(`Anna de Vries ${s.n} ${s.names.D} Jeugdzorg expert \\(gevraagd: ervaren\\) 2:00 uur`));
  const body = await page.locator('main').innerText();
  assert.match(body, /Gevraagd\s+15:00 uur/);
  assert.match(body, /Gedekt in dit voorstel\s+15:00 uur/);
  assert.equal(await page.locator('table caption', { hasText: 'Voorgestelde toewijzingen' }).locator('xpath=..').locator('tbody tr').count(), 5);
  assert.match(await rowText(page, 'Trekkingsrechten', s.names.P), /0:00 uur 40:00 uur 8:00 uur$/, 'hours as hours:minutes');
  assert.deepEqual(await axeViolations(page), [], 'axe on the proposal');
  await shoot(page, 'matching-voorstel');

  // Leave Anna's hour on the Wmo-verordening out, then accept.
  await page.getByLabel(`Niet overnemen: Anna de Vries ${s.n} op Wmo-verordening ${s.n}`).check();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Voorstel accepteren' }).click()]);
  assert.match(new URL(page.url()).search, /geaccepteerd=4&minuten=840/);
  assert.match(await page.getByRole('status').innerText(), /Voorstel geaccepteerd: 4 toewijzingen, 14:00 uur inzet vastgelegd\./);
  assert.match(await rowText(page, 'Inzet op open opdrachten', `Nota jeugdhulp ${s.n}`), /Anna de Vries .* 2:00 uur open/);
  assert.match(await page.locator('main').innerText(), new RegExp(`Daan Bakker \\d+\\s+${s.names.P}\\s+4:00 uur`), 'the organisation by name');
  assert.deepEqual(await axeViolations(page), [], 'axe after accepting');
  await shoot(page, 'matching-geaccepteerd');
  assert.deepEqual(problems, []);
  await context.close();

  assert.deepEqual(await inzetOf(s.pt, s.O1), [[s.p.P1, 120], [s.p.P2, 360], [s.p.P3, 120]]);
  assert.deepEqual(await inzetOf(s.pt, s.O2), [[s.p.P4, 240]]);
});

test('without JavaScript too; a changed proposal is shown again instead of accepted', async () => {
  const s = await scenario();
  const { page, context, problems } = await newPage(browser, { javaScriptEnabled: false });
  await signIn(page, 'pm-matching');
  await page.goto(`${srv.url}/proeftuinen/${s.pt}/matching?vanaf=${VANAF}`);
  // Meanwhile someone staffs Bram on the jeugdhulp nota: the proposal changes.
  await must(api('POST', `/api/v1/proeftuinen/${s.pt}/opdrachten/${s.O1}/inzet`, { medewerker: s.p.P2, minuten: 60 }), 'inzet');
  const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Voorstel accepteren' }).click()]);
  assert.equal(resp.status(), 409);
  assert.match(await page.getByRole('alert').innerText(), /Het voorstel is veranderd sinds u het opende/);
  assert.deepEqual(await inzetOf(s.pt, s.O2), [], 'nothing accepted');
  // The new proposal accepts.
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Voorstel accepteren' }).click()]);
  assert.match(page.url(), /geaccepteerd=\d+/);
  assert.equal((await inzetOf(s.pt, s.O1)).reduce((a, [, m]) => a + m, 0), 600);
  assert.deepEqual(problems.filter((x) => !/HTTP 409/.test(x)), []);
  await context.close();
});

test('a medewerker is refused the page; signed out, it asks to sign in', async () => {
  const s = await scenario();
  const { page, context } = await newPage(browser);
  let res = await page.goto(`${srv.url}/proeftuinen/${s.pt}/matching`);
  assert.equal(res.status(), 401);
  await signIn(page, 'mw-matching');
  res = await page.goto(`${srv.url}/proeftuinen/${s.pt}/matching`);
  assert.equal(res.status(), 403);
  assert.match(await page.locator('main').innerText(), /Alleen de procesmanager van proeftuin/);
  assert.equal(await page.getByRole('button', { name: 'Voorstel accepteren' }).count(), 0);
  res = await page.goto(`${srv.url}/proeftuinen/bestaat-niet/matching`);
  assert.equal(res.status(), 403, 'a medewerker learns nothing about what exists');
  await context.close();
});
