// Mijn samen: every role's start page after signing in, as the demo
// accounts, in Chromium without JavaScript — what waits for them with
// counts and direct links, the header with the person's name and
// organisation — and every job of the role reachable from it in at most two
// clicks. Mijn uren and Mijn gegevens for a medewerker. axe finds nothing,
// at 1280 and at 390 px. Screenshots: /tmp/samen-mijn-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeWithScripts } from '../lib/browser.mjs';
import { tokenFor } from '../api/auth-helpers.mjs';

const PW = 'een lang genoeg wachtwoord';
const NOJS = { javaScriptEnabled: false };
const DEMO = ['beheerder', 'procesmanager-drechtsteden', 'stuurgroep-dsz', 'manager-dordrecht', 'manager-alblasserdam',
  'medewerker-dordrecht', 'raadslid-dalfsen'];
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const naam of DEMO) {
    const r = await srv.api('PUT', `/api/v1/gebruikers/${naam}/wachtwoord`, { wachtwoord: PW });
    assert.equal(r.status, 204, r.text);
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(naam, options = NOJS) {
  const p = await newPage(browser, options);
  await p.page.goto(`${srv.url}/inloggen`);
  await p.page.getByLabel('Naam').fill(naam);
  await p.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return p;
}
// axe at 1280 and 390 px on the page p shows now (tests/lib/browser.mjs).
async function axe(p, what, shot) {
  const found = await axeWithScripts(browser, p, what, { shot: shot && `mijn-${shot}` });
  for (const [where, violations] of Object.entries(found)) assert.deepEqual(violations, [], where);
}
const text = async (page, sel = 'main') => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
async function hrefs(page) {
  const out = [];
  for (const a of await page.locator('main a[href^="/"]').all()) out.push(await a.getAttribute('href'));
  return out;
}
// Every job of the role (targets: paths or their beginnings) is a link on
// the start page or on a page one of its links leads to: two clicks.
async function withinTwoClicks(p, targets) {
  const { page } = p;
  const start = page.url();
  const first = await hrefs(page);
  const found = new Set();
  const pathOf = (h) => h.split('#')[0];
  for (const t of targets) if (first.some((h) => pathOf(h) === t || pathOf(h).startsWith(t))) found.add(t);
  for (const h of [...new Set(first.map(pathOf))]) {
    if (found.size === targets.length) break;
    if (!h || h.startsWith('/api/')) continue;
    await page.goto(srv.url + h);
    for (const g of await hrefs(page)) for (const t of targets) if (pathOf(g) === t || pathOf(g).startsWith(t)) found.add(t);
  }
  await page.goto(start);
  assert.deepEqual(targets.filter((t) => !found.has(t)), [], 'jobs not within two clicks of Mijn samen');
}

test('a manager: hours to approve, own opdrachten and their staffing, saldo and drawing rights, what is asked', async () => {
  const p = await signedIn('manager-alblasserdam');
  const { page } = p;
  assert.equal(new URL(page.url()).pathname, '/mijn', 'signing in lands on Mijn samen');
  const header = await text(page, 'header');
  assert.match(header, /manager-alblasserdam Alblasserdam/);
  assert.doesNotMatch(header, /GM0482|\(manager/);
  const main = await text(page);
  assert.match(main, /\d+ urenregels? wachten? op uw goedkeuring/);
  assert.match(main, /Goedkeuren in Proeftuin beleid Drechtsteden 2012 \(\d+\)/);
  assert.match(main, /open opdrachten van uw organisatie/);
  assert.match(main, /saldo in Proeftuin beleid Drechtsteden 2012/);
  assert.match(main, /Trekkingsrecht: nog −?[\d.]+:\d\d uur werk voor uw organisatie/);
  assert.match(main, /verkenningen? wachten? op uw antwoord/);
  // The queue count is the API's.
  const queue = (await srv.api('GET', '/api/v1/proeftuinen/dt2012/uren?status=ingediend&opdrachtgever=GM0482')).json.length;
  assert.match(main, new RegExp(`^.*${queue} urenregels? wachten? op uw goedkeuring`));
  await axe(p, 'the manager\'s start page', 'manager');
  await withinTwoClicks(p, ['/proeftuinen/dt2012/opdrachten/nieuw', '/proeftuinen/dt2012/goedkeuren', '/proeftuinen/dt2012/saldi',
    '/proeftuinen/dt2012/uren/nieuw', '/beheer/gebruikers', '/kwaliteitskaart', '/besturing', '/rapporten']);
  await p.context.close();
});

// Consent (seed 002: merging "met instemming van betrokken bestuurders"):
// what is asked of the manager's organisation shows on Mijn samen with a
// link to where it is answered, and goes once answered.
test('a manager: a consent asked of the organisation, linked to where it is answered, gone once answered', async () => {
  const PT = '/api/v1/proeftuinen/dt2012';
  const lokaal = async (org, titel) => {
    const r = await srv.api('POST', `${PT}/opdrachten`, { soort: 'lokaal', titel, opdrachtgevers: [{ organisatie: org }] });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const a = await lokaal('GM0482', 'Nota minimabeleid Alblasserdam'), b = await lokaal('GM0505', 'Nota minimabeleid Dordrecht');
  // By the procesmanager: a proposal both opdrachtgevers' managers answer.
  const { token } = await tokenFor(srv, 'procesmanager-drechtsteden');
  const r = await srv.api('POST', `${PT}/opdrachten/${a}/samenvoegen`, { met: b, titel: 'Minimabeleid samen' }, { token });
  assert.equal(r.status, 202, r.text);
  const asked = (await srv.api('GET', '/api/v1/organisaties/GM0482/instemmingen')).json.length;
  assert.ok(asked >= 1);
  const p = await signedIn('manager-alblasserdam');
  const { page } = p;
  let main = await text(page);
  assert.match(main, new RegExp(`${asked} (verzoek wacht|verzoeken wachten) op uw instemming`));
  const link = page.getByRole('link', { name: 'Samenvoegen: Nota minimabeleid Alblasserdam met Nota minimabeleid Dordrecht (Proeftuin beleid Drechtsteden 2012)' });
  assert.equal(await link.getAttribute('href'), '/proeftuinen/dt2012/instemmingen#kop-wacht');
  assert.match(main, /besluitvormingsstappen? wachte?n? op uw organisatie/);
  await axe(p, 'the manager\'s start page with a consent', 'manager-instemming');
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(new URL(page.url()).pathname, '/proeftuinen/dt2012/instemmingen');
  const form = page.locator(`form[action="/proeftuinen/dt2012/instemmingen/samenvoeging/${r.json.id}"]`);
  await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Akkoord' }).click()]);
  assert.match(await page.locator('[role=status]').innerText(), /instemming is vastgelegd/);
  await page.goto(`${srv.url}/mijn`);
  main = await text(page);
  assert.match(main, new RegExp(`${asked - 1} (verzoek wacht|verzoeken wachten) op uw instemming`));
  assert.doesNotMatch(main, /Nota minimabeleid/);
  if (asked === 1) assert.equal(await page.getByRole('link', { name: 'Instemmingen in Proeftuin beleid Drechtsteden 2012' }).getAttribute('href'),
    '/proeftuinen/dt2012/instemmingen#kop-wacht');
  await p.context.close();
});

test('a medewerker: own inzet, own hours and their status, own kwaliteitskaart and absences; Mijn uren and Mijn gegevens', async () => {
  const p = await signedIn('medewerker-dordrecht');
  const { page } = p;
  assert.match(await text(page, 'header'), /Sanne Verhoeven Dordrecht/, 'the person\'s name, not the account\'s');
  const main = await text(page);
  assert.match(main, /Sanne Verhoeven, medewerker van Dordrecht/);
  assert.match(main, /opdrachten? waarop u bent ingezet/);
  assert.match(main, /urenregels? wachte?n? op goedkeuring/);
  assert.match(main, /2 competenties op uw kwaliteitskaart/);
  assert.match(main, /afwezighed?e?n? vanaf vandaag/);
  await axe(p, 'the medewerker\'s start page', 'medewerker');
  await withinTwoClicks(p, ['/proeftuinen/dt2012/uren/nieuw', '/mijn/uren', '/mijn/gegevens', '/medewerkers/']);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Mijn gegevens (inzage)' }).click()]);
  const gegevens = await text(page);
  assert.match(gegevens, /Naam Sanne Verhoeven Organisatie Dordrecht Functie medewerker KCC/);
  assert.match(gegevens, /Waarom samen uw gegevens heeft/);
  assert.match(gegevens, /Wijzigingen van uw gegevens/);
  await axe(p, 'Mijn gegevens', 'gegevens');
  const json = await page.request.get(`${srv.url}/mijn/gegevens?formaat=json`);
  assert.equal(json.status(), 200);
  assert.match(json.headers()['content-disposition'], /attachment; filename="mijn-gegevens-\d+\.json"/);
  assert.equal((await json.json()).medewerker.naam, 'Sanne Verhoeven');
  // Reading one's own data stands in the log, and shows on the page next time.
  await page.reload();
  assert.match(await text(page), /Eigen gegevens inzien \(inzage\)/);
  await page.goto(`${srv.url}/mijn/uren`);
  await axe(p, 'Mijn uren');
  await p.context.close();
});

test('an unlinked medewerker is told whom to ask, and books for no one', async () => {
  await srv.api('POST', '/api/v1/gebruikers', { naam: 'nieuw-dordrecht', rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const p = await signedIn('nieuw-dordrecht');
  assert.match(await text(p.page), /Uw account is nog niet gekoppeld aan uw gegevens als medewerker\. Vraag uw manager/);
  await p.page.goto(`${srv.url}/mijn/uren`);
  assert.match(await text(p.page), /niet gekoppeld/);
  await p.page.goto(`${srv.url}/proeftuinen/dt2012/uren/nieuw`);
  assert.equal(await p.page.getByRole('button', { name: 'Indienen' }).count(), 0);
  assert.match(await text(p.page), /niet gekoppeld/);
  await p.context.close();
});

test('a stuurgroep member: verkenningen and scoringen to fill in, decisions to take, milestones late or due', async () => {
  const p = await signedIn('stuurgroep-dsz');
  const main = await text(p.page);
  assert.match(await text(p.page, 'header'), /stuurgroep-dsz Dalfsen/);
  assert.match(main, /lid van de stuurgroep van DSZ/);
  assert.match(main, /verkenningen? wachten? op uw antwoord/);
  assert.match(main, /scoringen? wachten? op uw scores/);
  assert.match(main, /\d+ trajecten? wachten? op een besluit/);
  assert.match(main, /mijlpalen? te laat of binnen 30 dagen/);
  // Dalfsen's next decision steps in DSZ (the demo: the OR is still to be asked on two trajecten).
  const steps = (await srv.api('GET', '/api/v1/organisaties/GM0148/besluitvorming')).json.filter((x) => x.verband === 'dsz');
  assert.ok(steps.length >= 1);
  assert.match(main, new RegExp(`${steps.length} besluitvormingsstappen? wachte?n? op uw organisatie`));
  const step = p.page.locator(`main a[href="/trajecten/${steps[0].traject}/besluitvorming"]`);
  assert.match(await step.innerText(), /: advies vragen aan de ondernemingsraad/);
  await withinTwoClicks(p, ['/besturing', '/verbanden/dsz', '/mijlpalen', '/rapporten/stand-van-zaken', '/trajecten/', '/scoringen/']);
  await Promise.all([p.page.waitForNavigation(), step.click()]);
  assert.equal(new URL(p.page.url()).pathname, `/trajecten/${steps[0].traject}/besluitvorming`);
  assert.match(await text(p.page), /Dalfsen/);
  await p.context.close();
});

test('a procesmanager: what blocks the settlement and at which manager, unstaffed work, late milestones', async () => {
  const p = await signedIn('procesmanager-drechtsteden');
  const main = await text(p.page);
  assert.match(main, /urenregels? houden? de afrekening op/);
  assert.match(main, /\d+ bij de manager van Alblasserdam/);
  assert.match(main, /open opdrachten/);
  assert.match(main, /nog niemand ingezet/);
  await axe(p, 'the procesmanager\'s start page', 'procesmanager');
  await withinTwoClicks(p, ['/proeftuinen/dt2012/matching', '/proeftuinen/dt2012/afrekening', '/proeftuinen/dt2012/opdrachten/nieuw',
    '/besturing', '/kwaliteitskaart', '/mijlpalen']);
  await p.context.close();
});

test('a raadslid: the stand van zaken of the own municipality and the agenda', async () => {
  const p = await signedIn('raadslid-dalfsen');
  const main = await text(p.page);
  assert.match(main, /De stand van zaken van Dalfsen/);
  assert.match(main, /Stand van zaken van 2012/, 'the latest year with news, besides this year');
  assert.match(main, /mijlpalen? op de agenda/);
  assert.match(main, /0 trajecten voor de raad/, 'the OR is still to be asked: nothing for the raad yet');
  // The OR advises and the college decides: the next step is the raad's, which the raadslid reads (and cannot record).
  const besluit = async (body) => {
    const r = await srv.api('POST', '/api/v1/trajecten/5/besluiten', { organisatie: 'GM0148', onderwerp: 'Belastingsamenwerking DSZ',
      toelichting: 'Stap in de besluitvorming van Dalfsen', ...body });
    assert.equal(r.status, 201, r.text);
  };
  await besluit({ orgaan: 'or', datum: '2026-01-05', uitkomst: 'advies-gevraagd', adviesDeadline: '2026-02-05' });
  await besluit({ orgaan: 'or', datum: '2026-01-20', uitkomst: 'advies', advies: 'positief' });
  await besluit({ orgaan: 'college', datum: '2026-01-27', uitkomst: 'go' });
  await p.page.reload();
  assert.match(await text(p.page), /1 traject voor de raad/);
  const raad = p.page.locator('main a[href="/trajecten/5/besluitvorming"]');
  assert.match(await raad.innerText(), /^Belastingen .*\(.*\): de raad (informeren of laten besluiten|consulteren)/);
  await axe(p, 'the raadslid\'s start page', 'raadslid');
  await Promise.all([p.page.waitForNavigation(), raad.click()]);
  assert.equal(new URL(p.page.url()).pathname, '/trajecten/5/besluitvorming');
  assert.equal(await p.page.locator('form[action="/trajecten/5/besluitvorming"]').count(), 0, 'read-only');
  await p.page.goto(`${srv.url}/mijn`);
  await Promise.all([p.page.waitForNavigation(), p.page.getByRole('link', { name: 'Stand van zaken van 2012' }).click()]);
  assert.equal(new URL(p.page.url()).pathname, '/rapporten/stand-van-zaken');
  assert.match(await text(p.page), /Dalfsen/);
  await p.page.goto(`${srv.url}/mijn`);
  const ics = await p.page.request.get(srv.url + await p.page.getByRole('link', { name: /iCalendar/ }).getAttribute('href'));
  assert.equal(ics.status(), 200);
  assert.match(await ics.text(), /BEGIN:VCALENDAR/);
  await p.context.close();
});

test('a beheerder: users, tokens, the audit log in words and Dutch time', async () => {
  const p = await signedIn('beheerder');
  const { page } = p;
  const main = await text(page);
  assert.match(main, /\d+ actieve accounts/);
  assert.match(main, /geldige? API-tokens?/);
  assert.match(main, /geweigerde pogingen? in de laatste 7 dagen/);
  await axe(p, 'the beheerder\'s start page', 'beheerder');
  await withinTwoClicks(p, ['/beheer/gebruikers', '/beheer/gebruikers/nieuw', '/beheer/audit']);
  await page.goto(`${srv.url}/beheer/audit`);
  const audit = await text(page);
  assert.doesNotMatch(audit, /UTC|POST \/|GET \//, 'no addresses or UTC in the log');
  assert.match(audit, /Aanmelden op de website — gebruiker beheerder/);
  assert.match(audit, /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}, \d\d:\d\d/);
  await axe(p, 'the audit log', 'audit');
  await p.context.close();
});

test('signing in from a page that asked for it returns there; only paths of this site', async () => {
  const p = await newPage(browser, NOJS);
  const { page } = p;
  const r = await page.goto(`${srv.url}/beheer/audit?actor=beheerder`);
  assert.equal(r.status(), 401);
  await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('link', { name: 'Aanmelden' }).click()]);
  assert.equal(new URL(page.url()).searchParams.get('terug'), '/beheer/audit?actor=beheerder');
  // A wrong password first: the page comes back with the summary, and still knows where to go.
  await page.getByLabel('Naam').fill('beheerder');
  await page.getByLabel('Wachtwoord').fill('fout fout fout');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  assert.equal(await page.locator('#fouten:focus').count(), 1, 'the error summary has the focus');
  assert.match(await text(page, '#fouten'), /Naam of wachtwoord klopt niet/);
  assert.equal(await page.getByLabel('Naam').inputValue(), 'beheerder');
  await page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/beheer/audit?actor=beheerder');
  await p.context.close();
  // Another site, or a scheme, is not followed.
  for (const evil of ['//example.org/x', 'https://example.org/', '/\\example.org', 'javascript:alert(1)']) {
    const q = await newPage(browser, NOJS);
    await q.page.goto(`${srv.url}/inloggen?terug=${encodeURIComponent(evil)}`);
    await q.page.getByLabel('Naam').fill('beheerder');
    await q.page.getByLabel('Wachtwoord').fill(PW);
    await Promise.all([q.page.waitForNavigation(), q.page.getByRole('button', { name: 'Aanmelden' }).click()]);
    const u = new URL(q.page.url());
    assert.equal(u.origin, srv.url, evil);
    assert.equal(u.pathname, '/mijn', evil);
    await q.context.close();
  }
});
