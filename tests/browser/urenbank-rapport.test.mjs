// The proeftuin's reports to the colleges in Chromium (issue 11, point 4):
// the process manager goes from the start page (/mijn) to the reports of
// the proeftuin, reads the demo's final evaluation, adopts a new interim
// report with an advice on the form without JavaScript (a missing argument
// is answered next to the field) and downloads it as Markdown and PDF; a
// raadslid reads the reports but gets no form. axe at 1280 and 390 px on
// the list, the form and a report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, rowText } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const u of [{ naam: 'ubr-procesmanager', rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
    { naam: 'ubr-raadslid', rol: 'raadslid', organisatie: 'GM0482' }]) {
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
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await axeViolations(page), [], `axe on ${what} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('from the start page to the final evaluation; a new interim report adopted without JavaScript, downloaded as Markdown and PDF', async () => {
  const p = await signedIn('ubr-procesmanager', { javaScriptEnabled: false });
  const { page } = p;
  await page.goto(`${srv.url}/mijn`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tussentijdse rapportage en eindevaluatie' }).click()]);
  assert.match(page.url(), /\/proeftuinen\/dt2012\/rapporten$/);
  assert.match(await rowText(page, 'Rapporten aan de colleges', 'Eindevaluatie met adviesrapportage'),
    /1 januari 2012 tot en met 31 december 2012 10 januari 2013, procesmanager-drechtsteden Doorgaan met aanpassingen/);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Eindevaluatie met adviesrapportage' }).click()]);
  const report = await page.locator('main').innerText();
  assert.match(report, /Eindevaluatie en adviesrapportage Proeftuin beleid Drechtsteden 2012/);
  assert.match(report, /Alblasserdam haalde 153:41 uur meer dan zij bracht/);
  // A figure leads to the bookings behind it.
  await Promise.all([page.waitForNavigation(), page.locator('main table').first().getByRole('link', { name: 'Alblasserdam' }).click()]);
  assert.match(page.url(), /\/proeftuinen\/dt2012\/uren\?status=goedgekeurd&organisatie=GM0482&van=2012-01-01&tot=2012-12-31$/);
  await page.goto(`${srv.url}/proeftuinen/dt2012/rapporten`);
  await page.getByLabel('Soort').selectOption('tussentijds');
  await page.getByLabel('Periode van').fill('2012-01-01');
  await page.getByLabel('Periode tot en met').fill('2012-09-30');
  await page.getByLabel('Vastgesteld op').fill('2012-10-08');
  await page.getByLabel('Advies aan de colleges').selectOption('bijstellen');
  // The argument left empty (past the browser's own check): the server answers next to the field.
  const r = await page.request.post(`${srv.url}/proeftuinen/dt2012/rapporten`, {
    form: { csrf: await page.locator('main input[name="csrf"]').first().getAttribute('value'), soort: 'tussentijds', van: '2012-01-01',
      tot: '2012-09-30', datum: '2012-10-08', advies: 'bijstellen', toelichting: '' },
  });
  assert.equal(r.status(), 400);
  assert.match(await r.text(), /Schrijf op waarom u dit adviseert\./);
  await page.getByLabel('Onderbouwing van het advies').fill('Doorgaan, maar urenregels sneller goedkeuren.');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vaststellen' }).click()]);
  assert.match(page.url(), /\/proeftuinen\/dt2012\/rapporten\/\d+$/);
  const body = await page.locator('main').innerText();
  assert.match(body, /Tussentijdse rapportage Proeftuin beleid Drechtsteden 2012/);
  assert.match(body, /Periode: 1 januari 2012 tot en met 30 september 2012\. Vastgesteld op 8 oktober 2012\./);
  assert.match(body, /Doorgaan, maar urenregels sneller goedkeuren\./);
  const md = await page.request.get(`${page.url()}?formaat=md`);
  assert.equal(md.headers()['content-type'], 'text/markdown; charset=utf-8');
  assert.match(await md.text(), /# Tussentijdse rapportage Proeftuin beleid Drechtsteden 2012/);
  const pdf = await page.request.get(`${page.url()}?formaat=pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await p.context.close();
  const js = await signedIn('ubr-procesmanager');
  await js.page.goto(`${srv.url}/proeftuinen/dt2012/rapporten`);
  await axeBoth(js.page, 'the list and the form');
  await js.page.goto(`${srv.url}/proeftuinen/dt2012/rapporten/1`);
  await axeBoth(js.page, 'the interim report');
  await js.context.close();
});

test('a raadslid reads the reports but gets no form', async () => {
  const p = await signedIn('ubr-raadslid');
  const { page } = p;
  await page.goto(`${srv.url}/proeftuinen/dt2012/rapporten`);
  assert.equal(await page.getByRole('button', { name: 'Vaststellen' }).count(), 0);
  await page.goto(`${srv.url}/proeftuinen/dt2012/rapporten/2`);
  assert.match(await page.locator('main').innerText(), /Advies over het vervolg/);
  const r = await page.request.post(`${srv.url}/proeftuinen/dt2012/rapporten`, {
    form: { csrf: 'x', soort: 'eind', advies: 'stoppen', toelichting: 'Nee.' },
  });
  assert.ok([403].includes(r.status()), String(r.status()));
  await p.context.close();
});
