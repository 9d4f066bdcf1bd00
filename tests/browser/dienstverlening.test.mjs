// The dienstverlening proeftuin in Chromium (issue 11, point 6), on the demo:
// a manager of Dordrecht reaches it from Mijn samen, sees the pools and the
// training programme, plans a training without JavaScript, searches the
// answer base, adds an answer (a missing field answered next to it), words
// Dordrecht's variation, and imports Dordrecht's zaaktypen (a bad list is
// refused and changes nothing). A raadslid reads but gets no forms. axe on
// every page at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, rowText } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const DV = '/verbanden/drechtsteden/dienstverlening';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const u of [{ naam: 'dv-manager', rol: 'manager', organisatie: 'GM0505' },
    { naam: 'dv-raadslid', rol: 'raadslid', organisatie: 'GM0505' }]) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(naam, options) {
  const p = await newPage(browser, options);
  await p.page.goto(`${srv.url}/inloggen`);
  await p.page.getByLabel('Naam').fill(naam);
  await p.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return p;
}

async function axeBoth(page, what) {
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a manager runs the four lines of work from the pages, without JavaScript', async () => {
  const p = await signedIn('dv-manager', { javaScriptEnabled: false });
  const { page } = p;
  await page.goto(`${srv.url}/mijn`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Expertisepools' }).click()]);
  assert.equal(new URL(page.url()).pathname, DV);
  assert.match(await rowText(page, 'Expertisepool GBA', 'Sliedrecht'), /één-pitter 1/);

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Opleidingsprogramma' }).click()]);
  await page.getByLabel('Competentie').selectOption('gba');
  await page.getByLabel('Deelnemer').selectOption({ label: 'Lotte Verboom (Zwijndrecht, basis)' });
  await page.getByLabel('Docent (een expert; niet verplicht)').selectOption({ label: 'Marco Boogaard (Zwijndrecht, expert)' });
  await page.getByLabel('Gepland op').fill('2012-12-06');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Opleiding plannen' }).click()]);
  assert.match(await rowText(page, 'Opleidingen', '6 december 2012'), /Lotte Verboom \(Zwijndrecht\) Marco Boogaard \(Zwijndrecht\)/);

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Redactie Antwoord' }).click()]);
  await page.getByLabel('Zoeken in vragen en antwoorden').fill('paspoort');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Zoeken' }).click()]);
  assert.match(await page.getByRole('status').innerText(), /\d+ antwoorden gevonden/);
  assert.match(await rowText(page, 'Vragen en antwoorden', 'Wat kost een paspoort?'), /Burgerzaken Dordrecht/);
  // A new answer with the review date missing (past the browser's check): the summary names it.
  await page.getByLabel('Onderwerp', { exact: true }).fill('Burgerzaken');
  await page.getByLabel('Vraag', { exact: true }).fill('Kan ik mijn rijbewijs laten bezorgen?');
  await page.getByLabel('Antwoord', { exact: true }).fill('Nee, u haalt het rijbewijs zelf op aan de balie.');
  await page.locator('#herzienOp').evaluate((e) => { e.removeAttribute('required'); });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Antwoord toevoegen' }).click()]);
  assert.match(page.url(), /formulier=/);
  assert.match(await page.locator('#fouten').innerText(), /Herzien uiterlijk op/);
  await page.getByLabel('Herzien uiterlijk op').fill('2013-06-01');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Antwoord toevoegen' }).click()]);
  assert.match(page.url(), /\/antwoorden\/\d+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Kan ik mijn rijbewijs laten bezorgen?');
  await page.getByLabel('Wat in uw gemeente anders is (leeg: geen variant)').fill('In Dordrecht kan het op afspraak ook in het Stadswinkel-servicepunt.');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Variant vastleggen' }).click()]);
  assert.match(await page.locator('main').innerText(), /Stadswinkel-servicepunt/);

  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Zaaktypen' }).click()]);
  assert.match(await rowText(page, 'Vergelijking', 'Ligplaatsvergunning woonboot'), /in één gemeente/);
  const before = await rowText(page, 'Ingelezen lijsten', 'Dordrecht');
  // Nothing chosen, nothing pasted: said so, nothing changes.
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.match(await page.locator('#fouten').innerText(), /Kies een bestand of plak de lijst/);
  // A pasted list with a bad line: refused with its line, the text kept.
  const bad = 'identificatie;omschrijving;doorlooptijd\nZT-1;Paspoort;vijf dagen\n';
  await page.getByLabel('Of plak de lijst').fill(bad);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.match(await page.locator('#fouten').innerText(), /regel 2/);
  assert.equal(await page.getByLabel('Of plak de lijst').inputValue(), bad);
  assert.equal(await rowText(page, 'Ingelezen lijsten', 'Dordrecht'), before);
  // The file a municipality exports from its zaaksysteem (Excel's CSV: BOM, CRLF) wins over the pasted text.
  await page.getByLabel('Bestand').setInputFiles({ name: 'zaaktypen-dordrecht.csv', mimeType: 'text/csv',
    buffer: Buffer.from('\ufeffidentificatie;omschrijving;doorlooptijd\r\nZT-BZ-001;Aanvraag paspoort;P5D\r\nZT-BZ-002;Aanvraag identiteitskaart;5\r\n') });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.match(await rowText(page, 'Ingelezen lijsten', 'Dordrecht'), /^Dordrecht 2 /);
  // And a ZGW Catalogi export as JSON.
  await page.getByLabel('Formaat').selectOption('zgw');
  await page.getByLabel('Bestand').setInputFiles({ name: 'catalogus.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ count: 3, results: [
      { identificatie: 'ZT-BZ-001', omschrijving: 'Aanvraag paspoort', doorlooptijd: 'P5D' },
      { identificatie: 'ZT-BZ-002', omschrijving: 'Aanvraag identiteitskaart', doorlooptijd: 'P5D' },
      { identificatie: 'ZT-BZ-003', omschrijving: 'Aanvraag rijbewijs', doorlooptijd: 'P10D' }] })) });
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.match(await rowText(page, 'Ingelezen lijsten', 'Dordrecht'), /^Dordrecht 3 \d+ [a-z]+ \d{4}, \d{2}:\d{2}$/, 'when, in Dutch time');
  assert.doesNotMatch(await page.locator('main').innerText(), /GM\d{4}/, 'municipalities by name');
  await p.context.close();

  const js = await signedIn('dv-manager');
  for (const rest of ['', '/opleidingen?datum=2012-07-01', '/antwoorden?zoek=paspoort', '/antwoorden/1', '/zaaktypen']) {
    await js.page.goto(`${srv.url}${DV}${rest}`);
    await axeBoth(js.page, rest || 'pools');
  }
  await js.context.close();
});

test('a raadslid reads the pages but gets no forms, and a post is refused', async () => {
  const p = await signedIn('dv-raadslid');
  const { page } = p;
  await page.goto(`${srv.url}${DV}/antwoorden`);
  assert.equal(await page.getByRole('button', { name: 'Antwoord toevoegen' }).count(), 0);
  await page.goto(`${srv.url}${DV}/zaaktypen`);
  assert.equal(await page.getByRole('button', { name: 'Inlezen' }).count(), 0);
  const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
  const r = await page.request.post(`${srv.url}${DV}/zaaktypen`, { form: { csrf, formaat: 'csv', lijst: 'x' } });
  assert.equal(r.status(), 403);
  await p.context.close();
});
