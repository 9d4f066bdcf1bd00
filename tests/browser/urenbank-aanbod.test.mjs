// Offers of capacity in Chromium (issue 11, point 5): a manager reaches the
// proeftuin's Aanbod page from Mijn samen, sees the demo's offers (open,
// expired, withdrawn), offers a medewerker without JavaScript (a reversed
// period is answered next to the field, with what was typed), the manager
// of an opdrachtgever puts the offer on its opdracht (inzet at once: its
// own consent), and the offering manager withdraws it. axe at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, rowText, axeWithScripts } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const NOJS = { javaScriptEnabled: false };
const CAPTION = 'Aanbod in deze proeftuin';
let srv, browser, opdracht;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const u of [{ naam: 'ab-papendrecht', rol: 'manager', organisatie: 'GM0590' },
    { naam: 'ab-dordrecht', rol: 'manager', organisatie: 'GM0505' }]) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
  const r = await srv.api('POST', '/api/v1/proeftuinen/dt2012/opdrachten', { soort: 'lokaal', titel: 'Notitie burgerparticipatie Dordrecht',
    opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }], geraamdeMinuten: 6000 });
  assert.equal(r.status, 201, r.text);
  opdracht = r.json.id;
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
async function axe(p, what) {
  const found = await axeWithScripts(browser, p, what);
  for (const [where, violations] of Object.entries(found)) assert.deepEqual(violations, [], where);
}

const optionValue = (page, label, text) => page.getByLabel(label, { exact: true }).locator('option', { hasText: text }).first().getAttribute('value');

test('offer, put on an opdracht, withdraw: from Mijn samen, without JavaScript', async () => {
  const pap = await signedIn('ab-papendrecht');
  let page = pap.page;
  await page.goto(`${srv.url}/mijn`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Aanbod in Proeftuin beleid Drechtsteden 2012' }).click()]);
  assert.match(page.url(), /\/proeftuinen\/dt2012\/aanbod$/);
  // The demo: open offers, one that ran out in June, one withdrawn.
  assert.match(await rowText(page, CAPTION, 'Marieke Vos'), /Dordrecht .*1 juli 2012 – 31 december 2012 120:00 uur 120:00 uur open/);
  assert.match(await rowText(page, CAPTION, 'Competentie Naturalisatie'), /Sliedrecht .* open/);
  assert.match(await rowText(page, CAPTION, 'Sanne Smit'), /verlopen/);
  assert.match(await rowText(page, CAPTION, 'Gerrit de Wit'), /ingetrokken/);
  await axe(pap, 'the offers page of a manager');

  // A reversed period comes back next to its field, with what was typed.
  const form = page.getByRole('region', { name: 'Aanbod doen' });
  await form.getByLabel('Medewerker', { exact: true }).selectOption(await optionValue(form, 'Medewerker', 'Els Visser'));
  await form.getByLabel('Uren', { exact: true }).fill('40');
  await form.getByLabel('Van', { exact: true }).fill('2012-09-01');
  await form.getByLabel('Tot en met', { exact: true }).fill('2012-08-01');
  await form.getByLabel('Toelichting (niet verplicht)').fill('Ruimte na de zomer.');
  await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Aanbieden' }).click()]);
  assert.match(page.url(), /formulier=/);
  assert.match(await page.locator('#fouten').innerText(), /andersom/);
  assert.equal(await form.getByLabel('Uren', { exact: true }).inputValue(), '40');
  await form.getByLabel('Tot en met', { exact: true }).fill('2012-12-31');
  await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Aanbieden' }).click()]);
  assert.match(page.url(), /gedaan=aangeboden/);
  assert.match(await page.getByRole('status').innerText(), /klaar voor het netwerk/);
  assert.match(await rowText(page, CAPTION, 'Els Visser'), /Papendrecht 1 september 2012 – 31 december 2012 40:00 uur 40:00 uur open/);

  // Dordrecht's manager takes it up for its own opdracht: inzet at once.
  const dor = await signedIn('ab-dordrecht');
  const dp = dor.page;
  await dp.goto(`${srv.url}/proeftuinen/dt2012/aanbod`);
  const section = dp.getByRole('region', { name: /Els Visser van Papendrecht/ });
  // The form with its selects is drawn for the offer asked for (a national
  // network offers hundreds), behind a link.
  const toForm = () => Promise.all([dp.waitForNavigation(), section.getByRole('link', { name: 'Op een opdracht inzetten' }).click()]);
  assert.equal(await section.getByLabel('Op opdracht').count(), 0);
  await toForm();
  await section.getByLabel('Op opdracht').selectOption(String(opdracht));
  await section.getByLabel('Uren').fill('10');
  await Promise.all([dp.waitForNavigation(), section.getByRole('button', { name: 'Inzetten' }).click()]);
  assert.match(await dp.getByRole('status').innerText(), /ingezet op de opdracht/);
  assert.match(await rowText(dp, CAPTION, 'Els Visser'), /40:00 uur 30:00 uur open 10:00 uur Els Visser op Notitie burgerparticipatie Dordrecht/);
  // More than is left is refused next to the hours, in the form that stays drawn.
  await toForm();
  await section.getByLabel('Op opdracht').selectOption(String(opdracht));
  await section.getByLabel('Uren').fill('31');
  await Promise.all([dp.waitForNavigation(), section.getByRole('button', { name: 'Inzetten' }).click()]);
  assert.match(await dp.locator('#fouten').innerText(), /30:00 uur over/);
  await axe(dor, 'the offers page with a refused form');
  assert.equal(await section.getByRole('button', { name: 'Aanbod intrekken' }).count(), 0, 'only the offering organisation withdraws');
  await dor.context.close();

  // Papendrecht withdraws it; the inzet stays.
  await page.reload();
  await Promise.all([page.waitForNavigation(), page.getByRole('region', { name: /Els Visser van Papendrecht/ }).getByRole('button', { name: 'Aanbod intrekken' }).click()]);
  assert.match(await page.getByRole('status').innerText(), /ingetrokken/);
  assert.match(await rowText(page, CAPTION, 'Els Visser'), /ingetrokken 10:00 uur Els Visser/);
  await pap.context.close();
});
