// The proeftuin-MT's leerervaringen and bijsturing in Chromium (issue 11):
// the list is reached from the proeftuin's navigation, the process manager
// records one on its own form page without JavaScript (a missing theme is
// answered next to the field), the list and its CSV show it, and a
// raadslid reads but gets no form (403). axe on the list and the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, rowText } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const u of [{ naam: 'le-procesmanager', rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
    { naam: 'le-raadslid', rol: 'raadslid', organisatie: 'GM0505' }]) {
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

test('the process manager records a lesson on its own form, without JavaScript', async () => {
  const p = await signedIn('le-procesmanager', { javaScriptEnabled: false });
  const { page } = p;
  await page.goto(`${srv.url}/proeftuinen/dt2012`);
  await Promise.all([page.waitForNavigation(), page.getByRole('navigation', { name: 'Urenbank van deze proeftuin' }).getByRole('link', { name: 'Leerervaringen' }).click()]);
  // The demo's MT recorded four during 2012.
  assert.match(await rowText(page, 'Leerervaringen en bijsturing', '16 april 2012'), /leerervaring Trekkingsrechten Alblasserdam haalt/);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Leerervaring of bijsturing vastleggen' }).click()]);
  await page.getByLabel('Soort').selectOption('bijsturing');
  await page.getByLabel('Datum').fill('2012-10-01');
  await page.getByLabel('Wat is geleerd, of wat is besloten').fill('Opdrachten die drie maanden op inzet wachten gaan terug naar de opdrachtgever.');
  // The theme left empty (past the browser's own check): the server answers next to the field.
  const r = await page.request.post(`${srv.url}/proeftuinen/dt2012/leerervaringen/nieuw`, {
    form: { csrf: await page.locator('main input[name="csrf"]').first().getAttribute('value'), soort: 'bijsturing', datum: '2012-03-01', thema: '', inhoud: 'x' },
  });
  assert.equal(r.status(), 400);
  assert.match(await r.text(), /Vul het thema in\./);
  await page.getByLabel('Thema').fill('Werkvoorraad');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vastleggen' }).click()]);
  assert.match(page.url(), /\/proeftuinen\/dt2012\/leerervaringen\?vastgelegd=\d+$/);
  assert.match(await page.getByRole('status').innerText(), /vastgelegd/);
  assert.match(await rowText(page, 'Leerervaringen en bijsturing', '1 oktober 2012'), /bijsturing Werkvoorraad Opdrachten die drie maanden/);
  const csv = await page.request.get(`${srv.url}/proeftuinen/dt2012/leerervaringen?formaat=csv`);
  assert.equal(csv.headers()['content-type'], 'text/csv; charset=utf-8');
  assert.match(await csv.text(), /2012-10-01;bijsturing;Werkvoorraad;/);
  await p.context.close();
  const js = await signedIn('le-procesmanager');
  await js.page.goto(`${srv.url}/proeftuinen/dt2012/leerervaringen`);
  assert.deepEqual(await axeViolations(js.page), [], 'axe on the list');
  await js.page.goto(`${srv.url}/proeftuinen/dt2012/leerervaringen/nieuw`);
  assert.deepEqual(await axeViolations(js.page), [], 'axe on the form');
  await js.context.close();
});

test('a raadslid reads the lessons but gets no form', async () => {
  const p = await signedIn('le-raadslid');
  const { page } = p;
  await page.goto(`${srv.url}/proeftuinen/dt2012/leerervaringen`);
  assert.equal(await page.getByRole('link', { name: 'Leerervaring of bijsturing vastleggen' }).count(), 0);
  const r = await page.goto(`${srv.url}/proeftuinen/dt2012/leerervaringen/nieuw`);
  assert.equal(r.status(), 403);
  await p.context.close();
});
