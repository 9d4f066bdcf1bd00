// Managing accounts in the browser (/beheer/gebruikers), in Chromium
// without JavaScript, with the API's policy: a beheerder creates an account
// and links it to the medewerker it is, changes its role and scope, gives a
// new password, issues an API token (shown once) and revokes it, and
// disables the account; a manager does the same for medewerker accounts of
// the own organisation only. Refused forms come back at their page with the
// error summary. axe finds nothing, at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeWithScripts } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const NOJS = { javaScriptEnabled: false };
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const naam of ['beheerder', 'manager-dordrecht', 'medewerker-dordrecht']) {
    const r = await srv.api('PUT', `/api/v1/gebruikers/${naam}/wachtwoord`, { wachtwoord: PW });
    assert.equal(r.status, 204, r.text);
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(naam, wachtwoord = PW) {
  const p = await newPage(browser, NOJS);
  await p.page.goto(`${srv.url}/inloggen`);
  await p.page.getByLabel('Naam').fill(naam);
  await p.page.getByLabel('Wachtwoord').fill(wachtwoord);
  await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return p;
}
// axe at 1280 and 390 px on the page p shows now (tests/lib/browser.mjs).
async function axe(p, what, shot) {
  const found = await axeWithScripts(browser, p, what, { shot: shot && `gebruikers-${shot}` });
  for (const [where, violations] of Object.entries(found)) assert.deepEqual(violations, [], where);
}
const click = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);
const text = async (page, sel = 'main') => (await page.locator(sel).innerText()).replace(/\s+/g, ' ');
const user = async (naam) => (await srv.api('GET', `/api/v1/gebruikers/${naam}`)).json;

test('a beheerder creates an account for a medewerker, changes it, gives a password and a token, and disables it', async () => {
  const p = await signedIn('beheerder');
  const { page } = p;
  await click(page, page.locator('main').getByRole('link', { name: 'Gebruikers beheren' }));
  assert.equal(new URL(page.url()).pathname, '/beheer/gebruikers');
  assert.match(await text(page), /medewerker-dordrecht Sanne Verhoeven medewerker Dordrecht actief/);
  await axe(p, 'the list of users', 'lijst');
  await click(page, page.locator('main').getByRole('link', { name: 'Nieuwe gebruiker' }));
  await axe(p, 'the new user form', 'nieuw');

  // A name that exists, and a short password: back with the summary and what was typed (never the password).
  await page.getByLabel('Inlognaam').fill('medewerker-dordrecht');
  await page.getByLabel('Rol').selectOption({ label: 'medewerker' });
  await page.getByLabel('Organisatie').selectOption({ label: 'Dordrecht' });
  await page.getByLabel('Wachtwoord').fill('kort');
  await click(page, page.getByRole('button', { name: 'Gebruiker toevoegen' }));
  assert.equal(new URL(page.url()).pathname, '/beheer/gebruikers/nieuw');
  assert.equal(await page.locator('#fouten:focus').count(), 1);
  assert.match(await text(page, '#fouten'), /Wachtwoord: .*10/);
  assert.equal(await page.getByLabel('Inlognaam').inputValue(), 'medewerker-dordrecht');
  assert.equal(await page.getByLabel('Wachtwoord').inputValue(), '', 'a password is never sent back');
  await axe(p, 'the new user form with errors');

  // Right: Hans Bakker of Dordrecht gets an account that is him.
  await page.getByLabel('Inlognaam').fill('h.bakker-dordrecht');
  await page.getByLabel('Is medewerker (niet verplicht)').selectOption({ label: 'Hans Bakker, juridisch adviseur APV en handhaving (Dordrecht)' });
  await page.getByLabel('Wachtwoord').fill(PW);
  await click(page, page.getByRole('button', { name: 'Gebruiker toevoegen' }));
  assert.equal(new URL(page.url()).pathname, '/beheer/gebruikers/h.bakker-dordrecht');
  assert.match(await text(page), /De gebruiker is toegevoegd/);
  assert.match(await text(page), /Rol medewerker Organisatie Dordrecht Is Hans Bakker Status actief/);
  await axe(p, 'one account', 'account');

  // Role and scope: a procesmanager of the Drechtsteden.
  await page.locator('#rol-rol').selectOption('procesmanager');
  await page.locator('#rol-verband').selectOption(await page.locator('#rol-verband option', { hasText: 'Drechtsteden' }).first().getAttribute('value'));
  await click(page, page.getByRole('button', { name: 'Rol opslaan' }));
  assert.match(await text(page), /De rol is gewijzigd/);
  let u = await user('h.bakker-dordrecht');
  assert.equal(u.rol, 'procesmanager');
  assert.equal(u.verband, 'drechtsteden');

  // A new password ends the sessions; the old one no longer works.
  await page.getByRole('textbox', { name: 'Nieuw wachtwoord' }).fill('een heel ander wachtwoord');
  await click(page, page.getByRole('button', { name: 'Wachtwoord instellen' }));
  assert.match(await text(page), /Het nieuwe wachtwoord geldt/);
  const old = await srv.api('POST', '/api/v1/sessies', { naam: 'h.bakker-dordrecht', wachtwoord: PW }, { token: null });
  assert.equal(old.status, 401);

  // A token, shown once, that works; then revoked, and it stops working.
  await page.getByLabel('Omschrijving van een nieuw token').fill('koppeling tijdregistratie');
  const [answer] = await click(page, page.getByRole('button', { name: 'Token uitgeven' }));
  assert.equal(answer.status(), 201);
  const token = (await page.locator('#nieuw-token').innerText()).trim();
  assert.ok(token.length > 30);
  assert.equal((await srv.api('GET', '/api/v1/sessies/huidig', null, { token })).json.gebruiker, 'h.bakker-dordrecht');
  await page.goto(`${srv.url}/beheer/gebruikers/h.bakker-dordrecht`);
  assert.equal(await page.locator('#nieuw-token').count(), 0, 'shown once');
  assert.match(await text(page, 'table'), /koppeling tijdregistratie .* geldig/);
  await click(page, page.getByRole('button', { name: /^Intrekken/ }));
  assert.match(await text(page), /Het token is ingetrokken/);
  assert.equal((await srv.api('GET', '/api/v1/sessies/huidig', null, { token })).status, 401);

  // Disabling.
  await click(page, page.getByRole('button', { name: 'Gebruiker uitschakelen' }));
  assert.match(await text(page), /De gebruiker is uitgeschakeld/);
  u = await user('h.bakker-dordrecht');
  assert.equal(u.actief, false);
  // The audit log says it in words.
  await page.goto(`${srv.url}/beheer/audit?actor=beheerder`);
  const audit = await text(page);
  for (const what of ['Gebruiker toevoegen', 'Rol wijzigen', 'Nieuw wachtwoord instellen', 'API-token uitgeven', 'API-token intrekken',
    'Gebruiker uitschakelen'])
    assert.ok(audit.includes(what), `audit: ${what}`);
  await p.context.close();
});

test('a manager manages the medewerker accounts of the own organisation, not others and not managers', async () => {
  const p = await signedIn('manager-dordrecht');
  const { page } = p;
  await click(page, page.locator('main').getByRole('link', { name: 'Accounts van uw medewerkers' }));
  assert.equal(new URL(page.url()).pathname, '/beheer/gebruikers');
  const list = await text(page);
  assert.match(list, /medewerker-dordrecht/);
  assert.doesNotMatch(list, /manager-alblasserdam|raadslid-dalfsen/, 'only the own organisation');
  await click(page, page.locator('main').getByRole('link', { name: 'Nieuwe gebruiker' }));
  // Only the roles a manager hands out, only the own organisation.
  assert.deepEqual(await page.locator('#rol option').allInnerTexts(), ['raadslid', 'medewerker']);
  assert.deepEqual(await page.locator('#organisatie option').allInnerTexts(), ['Dordrecht']);
  assert.equal(await page.locator('#verband').count(), 0);
  await page.getByLabel('Inlognaam').fill('i.koster-dordrecht');
  await page.getByLabel('Rol').selectOption('medewerker');
  await page.getByLabel('Is medewerker (niet verplicht)').selectOption({ label: 'Ingrid Koster, programmasecretaris rMJP (Dordrecht)' });
  await page.getByLabel('Wachtwoord').fill(PW);
  await click(page, page.getByRole('button', { name: 'Gebruiker toevoegen' }));
  assert.match(await text(page), /Is Ingrid Koster/);
  await axe(p, 'an account as its manager sees it');
  // A forged form for a manager account, or another organisation, is refused in words.
  const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
  for (const [rol, organisatie] of [['manager', 'GM0505'], ['medewerker', 'GM0482']]) {
    const r = await page.request.post(`${srv.url}/beheer/gebruikers`, { form: { csrf, naam: `x-${rol}-${organisatie}`, rol, organisatie,
      wachtwoord: PW }, maxRedirects: 0 });
    assert.equal(r.status(), 303);
    await page.goto(srv.url + r.headers().location);
    assert.match(await text(page, '#fouten'), /Als manager van Dordrecht kunt u dit niet doen/);
    assert.equal((await srv.api('GET', `/api/v1/gebruikers/x-${rol}-${organisatie}`)).status, 404);
  }
  // The accounts of another organisation are not to be seen.
  assert.equal((await page.goto(`${srv.url}/beheer/gebruikers/manager-alblasserdam`)).status(), 403);
  await p.context.close();
  // The linked account books as Ingrid Koster.
  const ik = await signedIn('i.koster-dordrecht');
  await ik.page.goto(`${srv.url}/proeftuinen/dt2012/uren/nieuw`);
  assert.deepEqual(await ik.page.locator('#medewerker option').allInnerTexts(), ['Ingrid Koster, programmasecretaris rMJP (Dordrecht)']);
  await ik.context.close();
});

test('a medewerker does not manage accounts', async () => {
  const p = await signedIn('medewerker-dordrecht');
  assert.equal((await p.page.goto(`${srv.url}/beheer/gebruikers`)).status(), 403);
  assert.match(await text(p.page), /Als medewerker van Dordrecht kunt u dit niet doen/);
  assert.equal(await p.page.locator('header').getByRole('link', { name: 'Gebruikers' }).count(), 0);
  await p.context.close();
});
