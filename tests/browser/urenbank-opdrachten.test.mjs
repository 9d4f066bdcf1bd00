// A manager's whole job in the hours exchange, in Chromium without
// JavaScript, on the demo (the Drechtsteden proeftuin beleid 2012), as the
// demo accounts: the manager of Alblasserdam announces an opdracht (rows of
// principals and competences, "meer regels" keeps what was typed, a refused
// form comes back at its own address with an error summary that has the
// focus), changes it; the manager of Dordrecht puts a Dordrecht medewerker
// on it; that medewerker books on it as herself and is refused for a
// colleague; Alblasserdam's manager approves and the saldi change; the
// opdracht is merged and closed. axe finds nothing, also at 390 px.
// Screenshots: /tmp/samen-opdracht-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, shoot, axeWithScripts } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const PT = '/proeftuinen/dt2012';
const NOJS = { javaScriptEnabled: false };
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  // The demo accounts, with a password this test knows.
  for (const naam of ['manager-alblasserdam', 'manager-dordrecht', 'medewerker-dordrecht', 'procesmanager-drechtsteden', 'raadslid-dalfsen']) {
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
  assert.equal(new URL(p.page.url()).pathname, '/mijn', 'signing in lands on Mijn samen');
  return p;
}
// axe at 1280 and 390 px on the page p shows now (tests/lib/browser.mjs).
async function axe(p, what) {
  const found = await axeWithScripts(browser, p, what);
  for (const [where, violations] of Object.entries(found)) assert.deepEqual(violations, [], where);
}
const click = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);
const saldi = async () => Object.fromEntries((await srv.api('GET', `/api/v1${PT}/saldi`)).json.map((s) => [s.organisatie, s]));
const medewerker = async (naam) => (await srv.api('GET', '/api/v1/medewerkers?organisatie=GM0505')).json.find((m) => m.naam === naam);

let opdracht; // the id of the opdracht this story makes

test('a manager announces an opdracht in words: rows of principals and competences, a refusal keeps what was typed', async () => {
  const p = await signedIn('manager-alblasserdam');
  const { page } = p;
  // From Mijn samen, one click to the form.
  await click(page, page.getByRole('link', { name: 'Opdracht aanmelden' }));
  assert.equal(new URL(page.url()).pathname, `${PT}/opdrachten/nieuw`);
  await axe(p, 'the new opdracht form');
  await shoot(page, 'opdracht-nieuw');
  // Alblasserdam is filled in as the principal; organisations and competences by name.
  assert.equal(await page.locator('#og-1-organisatie option:checked').innerText(), 'Alblasserdam');
  assert.ok((await page.locator('#cp-1-competentie option').allInnerTexts()).includes('KCC'), 'competences by name');

  // "Meer competenties" keeps what was typed and gives more rows.
  await page.getByLabel('Titel').fill('Kwaliteitsslag klantcontact Alblasserdam');
  await page.getByLabel('Contactpersoon (niet verplicht)').fill('M. de Wit (MT Alblasserdam)');
  await page.locator('#cp-1-competentie').selectOption({ label: 'KCC' });
  await click(page, page.getByRole('button', { name: 'Meer competenties' }));
  assert.equal(new URL(page.url()).pathname, `${PT}/opdrachten/nieuw`);
  assert.equal(await page.getByLabel('Titel').inputValue(), 'Kwaliteitsslag klantcontact Alblasserdam');
  assert.equal(await page.locator('#cp-1-competentie option:checked').innerText(), 'KCC');
  assert.equal(await page.locator('fieldset.samen-rij[id^="cp-"]').count(), 5, 'three more rows');

  // A refused form: at its own address again, what was typed kept, the summary first and focused.
  await page.getByLabel('Geraamde uren (niet verplicht)').fill('veel');
  await page.locator('#og-2-organisatie').selectOption({ label: 'Dordrecht' });
  await page.locator('#og-2-aandeel').fill('0');
  const [refused] = await click(page, page.getByRole('button', { name: 'Opdracht aanmelden' }));
  assert.equal(refused.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.pathname, `${PT}/opdrachten/nieuw`, 'the form page, not the POST target');
  assert.ok(url.searchParams.get('formulier'));
  assert.equal(url.hash, '#fouten');
  const summary = page.locator('#fouten');
  assert.equal(await page.locator('#fouten:focus').count(), 1, 'the summary has the focus');
  assert.match(await summary.innerText(), /Er is iets niet goed ingevuld/);
  assert.match(await summary.innerText(), /Geraamde uren: schrijf een aantal uren, bijvoorbeeld 120/);
  assert.match(await summary.innerText(), /Opdrachtgever 2, aandeel: een aandeel is een geheel getal van 1 of meer/);
  // Dordrecht cannot be made to pay by Alblasserdam's manager: a refusal in words, at its row.
  assert.match(await summary.innerText(), /Als manager van Alblasserdam kunt u dit niet doen voor Dordrecht\./);
  assert.match(await summary.innerText(), /Opdrachtgever 2: deze gemeente kunt u geen opdrachtgever maken/);
  assert.equal(await summary.getByRole('link', { name: /Geraamde uren/ }).getAttribute('href'), '#geraamd');
  assert.equal(await page.getByLabel('Geraamde uren (niet verplicht)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Titel').inputValue(), 'Kwaliteitsslag klantcontact Alblasserdam');
  await axe(p, 'the form with its error summary');
  await shoot(page, 'opdracht-fouten');
  // Reloading shows the same and sends nothing again.
  const before = (await srv.api('GET', `/api/v1${PT}/opdrachten`)).json.length;
  await page.reload();
  assert.match(await page.locator('#fouten').innerText(), /Geraamde uren/);
  assert.equal((await srv.api('GET', `/api/v1${PT}/opdrachten`)).json.length, before);

  // Right: a local opdracht of Alblasserdam.
  await page.getByLabel('Geraamde uren (niet verplicht)').fill('80');
  await page.locator('#og-2-aandeel').fill('1');
  await page.locator('#og-2-organisatie').selectOption('');
  await click(page, page.getByRole('button', { name: 'Opdracht aanmelden' }));
  const m = new URL(page.url()).pathname.match(/\/opdrachten\/(\d+)$/);
  assert.ok(m, page.url());
  opdracht = Number(m[1]);
  assert.match(await page.getByRole('status').innerText(), /De opdracht is aangemeld/);
  const facts = (await page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Soort lokaal: van één gemeente/);
  assert.match(facts, /Opdrachtgevers Alblasserdam/);
  assert.match(facts, /Contactpersoon M\. de Wit \(MT Alblasserdam\)/);
  assert.match(facts, /Geraamd 80:00 uur/);
  assert.match(facts, /Gevraagde competenties KCC \(ervaren\)/);
  const o = (await srv.api('GET', `/api/v1${PT}/opdrachten/${opdracht}`)).json;
  assert.equal(o.geraamdeMinuten, 4800);
  assert.deepEqual(o.opdrachtgevers.map((g) => [g.organisatie, g.aandeel]), [['GM0482', 1]]);
  await axe(p, 'the opdracht page');
  await shoot(page, 'opdracht');

  // Changing it: the estimate and a competence more.
  await click(page, page.getByRole('link', { name: 'Opdracht wijzigen' }));
  await axe(p, 'the change form');
  await page.getByLabel('Geraamde uren (niet verplicht)').fill('100:30');
  await page.locator('#cp-2-competentie').selectOption({ label: 'Naturalisatie' });
  await page.locator('#cp-2-niveau').selectOption({ label: 'expert' });
  await click(page, page.getByRole('button', { name: 'Wijzigingen opslaan' }));
  assert.match(await page.getByRole('status').innerText(), /gewijzigd/);
  const changed = (await srv.api('GET', `/api/v1${PT}/opdrachten/${opdracht}`)).json;
  assert.equal(changed.geraamdeMinuten, 6030);
  assert.equal(changed.competenties.length, 2);
  // The Alblasserdam manager cannot put Dordrecht staff on it.
  assert.equal(await page.locator('#inzet-medewerker option', { hasText: '(Dordrecht)' }).count(), 0);
  await p.context.close();
});

test('the manager of Dordrecht puts a Dordrecht medewerker on it; she books as herself, not for a colleague', async () => {
  const sanne = await medewerker('Sanne Verhoeven');
  const hans = await medewerker('Hans Bakker');
  const mgr = await signedIn('manager-dordrecht');
  let { page } = mgr;
  await page.goto(`${srv.url}${PT}/opdrachten/${opdracht}`);
  await page.locator('#inzet-medewerker').selectOption(String(sanne.id));
  await page.getByLabel('Uren voor deze opdracht').fill('12');
  await click(page, page.getByRole('button', { name: 'Inzetten' }));
  assert.match(await page.getByRole('status').innerText(), /ingezet/);
  assert.match((await page.locator('table', { hasText: 'Wie op deze opdracht' }).innerText()).replace(/\s+/g, ' '),
    /Sanne Verhoeven Dordrecht 12:00 uur loopt/);
  await mgr.context.close();

  const mw = await signedIn('medewerker-dordrecht');
  page = mw.page;
  // The start page shows her inzet and leads to booking.
  assert.match(await page.locator('main').innerText(), /Kwaliteitsslag klantcontact Alblasserdam \(12:00 uur ingezet\)/);
  await click(page, page.locator('main').getByRole('link', { name: 'Uren boeken' }).first());
  assert.equal(new URL(page.url()).pathname, `${PT}/uren/nieuw`);
  // Only herself to choose.
  assert.deepEqual(await page.locator('#medewerker option').allInnerTexts(), ['Sanne Verhoeven, medewerker KCC (Dordrecht)']);
  await page.getByLabel('Opdracht').selectOption(String(opdracht));
  await page.getByLabel('Datum').fill('2012-11-05');
  await page.getByLabel('Tijd').fill('3:30');
  await page.getByLabel('Omschrijving (niet verplicht)').fill('controlelijsten opgesteld');
  await click(page, page.getByRole('button', { name: 'Indienen' }));
  assert.match(await page.getByRole('status').innerText(), /Ingediend: 3:30 uur van Sanne Verhoeven op 5 november 2012/);
  // A forged form in a colleague's name is refused, in her words, and nothing is booked.
  const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
  const count = (await srv.api('GET', `/api/v1${PT}/uren?opdracht=${opdracht}`)).json.length;
  const r = await page.request.post(`${srv.url}${PT}/uren`, {
    form: { csrf, opdracht: String(opdracht), medewerker: String(hans.id), datum: '2012-11-06', tijd: '2:00' }, maxRedirects: 0 });
  assert.equal(r.status(), 303);
  await page.goto(srv.url + r.headers().location);
  assert.match(await page.locator('#fouten').innerText(), /Als medewerker boekt u alleen uw eigen uren/);
  assert.equal((await srv.api('GET', `/api/v1${PT}/uren?opdracht=${opdracht}`)).json.length, count, 'nothing booked for Hans Bakker');
  // Mijn uren shows it, waiting.
  await page.goto(`${srv.url}/mijn/uren`);
  assert.match((await page.locator('table', { hasText: 'Mijn uren' }).innerText()).replace(/\s+/g, ' '),
    /5 november 2012 Kwaliteitsslag klantcontact Alblasserdam 3:30 uur ingediend controlelijsten opgesteld/);
  await axe(mw, 'Mijn uren');
  await shoot(page, 'opdracht-mijn-uren');
  await mw.context.close();
});

test('Alblasserdam\'s manager approves from the start page; the saldi change; then merges and closes', async () => {
  const before = await saldi();
  const p = await signedIn('manager-alblasserdam');
  const { page } = p;
  await click(page, page.getByRole('link', { name: /^Goedkeuren in Proeftuin beleid Drechtsteden 2012/ }));
  assert.equal(new URL(page.url()).pathname, `${PT}/goedkeuren`);
  const row = page.locator('tr', { hasText: 'controlelijsten opgesteld' });
  await click(page, row.getByRole('button', { name: /^Goedkeuren/ }));
  assert.match(await page.getByRole('status').innerText(), /3:30 uur van Sanne Verhoeven is goedgekeurd/);
  const after = await saldi();
  assert.equal(after.GM0505.gebrachtMinuten - before.GM0505.gebrachtMinuten, 210, 'Dordrecht brought 3:30');
  assert.equal(after.GM0482.gehaaldMinuten - before.GM0482.gehaaldMinuten, 210, 'Alblasserdam took 3:30');

  // Two opdrachten of Alblasserdam alone: its manager merges them.
  const other = (await srv.api('POST', `/api/v1${PT}/opdrachten`, { soort: 'lokaal', titel: 'Naturalisatieceremonies 2012',
    opdrachtgevers: [{ organisatie: 'GM0482' }] })).json;
  await page.goto(`${srv.url}${PT}/opdrachten/${opdracht}`);
  await page.getByLabel('Samenvoegen met').selectOption(String(other.id));
  await page.getByLabel('Titel van de nieuwe opdracht (niet verplicht)').fill('Klantcontact en burgerzaken 2012 Alblasserdam');
  await click(page, page.getByRole('button', { name: 'Samenvoegen' }));
  assert.match(await page.getByRole('status').innerText(), /samengevoegd tot deze nieuwe opdracht/);
  assert.match(await page.locator('h1').innerText(), /Klantcontact en burgerzaken 2012 Alblasserdam/);
  const merged = Number(new URL(page.url()).pathname.split('/').pop());
  assert.equal((await srv.api('GET', `/api/v1${PT}/opdrachten/${opdracht}`)).json.status, 'samengevoegd');
  await click(page, page.getByRole('button', { name: 'Opdracht afronden' }));
  assert.match(await page.getByRole('status').innerText(), /afgerond/);
  assert.equal((await srv.api('GET', `/api/v1${PT}/opdrachten/${merged}`)).json.status, 'afgerond');
  await axe(p, 'the closed opdracht');
  await p.context.close();
});

test('who may not sees no buttons and gets a refusal in words', async () => {
  const p = await signedIn('raadslid-dalfsen');
  const { page } = p;
  const r = await page.goto(`${srv.url}${PT}/opdrachten/nieuw`);
  assert.equal(r.status(), 403);
  assert.match(await page.locator('main').innerText(), /Als raadslid van Dalfsen kunt u dit niet doen/);
  await page.goto(`${srv.url}${PT}/opdrachten/${opdracht}`);
  assert.equal(await page.getByRole('button').filter({ hasNotText: 'Afmelden' }).count(), 0);
  await p.context.close();
  // Anonymous: sign in, and come back to the page asked for.
  const anon = await newPage(browser, NOJS);
  const r2 = await anon.page.goto(`${srv.url}${PT}/opdrachten/${opdracht}`);
  assert.equal(r2.status(), 401);
  await click(anon.page, anon.page.locator('main').getByRole('link', { name: 'Aanmelden' }));
  await anon.page.getByLabel('Naam').fill('manager-dordrecht');
  await anon.page.getByLabel('Wachtwoord').fill(PW);
  await click(anon.page, anon.page.getByRole('button', { name: 'Aanmelden' }));
  assert.equal(new URL(anon.page.url()).pathname, `${PT}/opdrachten/${opdracht}`);
  await anon.context.close();
});
