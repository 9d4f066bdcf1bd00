// Shared staff and hosted tasks on the pages (issue 17), in a real browser:
// the matrix of an organisation, the verband page with its scale, the
// person's page and the kwaliteitskaart; WCAG 2.1 AA (axe) at 1280 and 390 px.
// Screenshots land in /tmp/samen-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, openPage, axeViolations, shoot } from '../lib/browser.mjs';

const PW = 'een lang wachtwoord voor de test';
let srv, browser, inkoper;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const r = await srv.api('POST', '/api/v1/gebruikers', { naam: 'gd-manager-staphorst', rol: 'manager', organisatie: 'GM0180', wachtwoord: PW });
  assert.equal(r.status, 201, r.text);
  const m = await srv.api('GET', '/api/v1/matrix?organisatie=GM0180&datum=2012-09-01', null, { token: null });
  inkoper = m.json.find((x) => x.taakveld === 'inkoop').gedeeldeMedewerkers[0].medewerker;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function checks(v, path, shot) {
  assert.equal(v.response.status(), 200, `status of ${path}`);
  assert.deepEqual(await axeViolations(v.page), [], `axe violations on ${path}`);
  assert.deepEqual(v.problems, [], `browser problems on ${path}`);
  assert.equal(await v.page.locator('[style]').count(), 0, 'no style attributes (the CSP blocks them)');
  const wide = await v.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false, `${path}: no horizontal scrolling of the page`);
  await shoot(v.page, shot);
}
const text = (page, sel) => page.locator(sel).first().innerText().then((t) => t.replace(/\s+/g, ' ').trim());

test('Staphorst\'s matrix on 1 September 2012: applicatiebeheer by Dalfsen as gastgemeente, the shared inkoopadviseur', async () => {
  for (const width of [1280, 390]) {
    const path = '/organisaties/GM0180?datum=2012-09-01';
    const v = await openPage(browser, srv.url + path, { viewport: { width, height: 900 } });
    await checks(v, path, `gedeeld-matrix-${width}`);
    assert.match(await text(v.page, 'tr[data-taakveld="applicatiebeheer-sz"]'), /uitgevoerd door Dalfsen \(gastgemeente\), zonder rechtspersoon/);
    assert.match(await text(v.page, 'tr[data-taakveld="inkoop"]'),
      /gedeelde medewerker: inkoopadviseur in dienst van Dalfsen, werkt voor Dalfsen, Staphorst en Zwartewaterland/);
    assert.equal(await v.page.getByText('Gerrit Kroeze').count(), 0, 'no names in the public matrix');
    await v.context.close();
  }
});

test('the verband pages: DSZ\'s hosted task, and the Drechtsteden at 268.000 inhabitants on 19 September 2011', async () => {
  let v = await openPage(browser, srv.url + '/verbanden/dsz');
  await checks(v, '/verbanden/dsz', 'gedeeld-dsz');
  assert.equal(await v.page.locator('[data-uitvoerder="GM0148"]').count(), 1);
  assert.match(await text(v.page, '[data-uitvoerder="GM0148"]'), /uitgevoerd door Dalfsen \(gastgemeente\)/);
  // The WWB at two intensities: the verordeningen drafted together until February 2012, information after.
  const wwb = await v.page.locator('tr', { hasText: 'Wet werk en bijstand' }).evaluateAll((trs) => trs.map((t) => t.innerText.replace(/\s+/g, ' ')));
  assert.equal(wwb.length, 2);
  assert.match(wwb[0], /afstemming.*1 januari 2012 1 maart 2012/);
  assert.match(wwb[1], /informatie.*1 maart 2012 lopend/);
  await v.context.close();
  v = await openPage(browser, srv.url + '/verbanden/drechtsteden?datum=2011-09-19');
  await checks(v, '/verbanden/drechtsteden', 'gedeeld-drechtsteden');
  assert.match(await text(v.page, 'dl.samen-facts'), /Schaal 268\.000 inwoners in 6 leden op 19 september 2011/);
  assert.match(await text(v.page, '.utrecht-paragraph--lead'), /260\.000\+ inwoners/);
  await v.context.close();
});

test('signed in: the inkoopadviseur\'s page lists for whom he works, Staphorst\'s kwaliteitskaart lists him', async () => {
  const v = await newPage(browser);
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill('gd-manager-staphorst');
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  assert.notEqual(new URL(v.page.url()).pathname, '/inloggen', 'signed in');

  let r = await v.page.goto(`${srv.url}/medewerkers/${inkoper}`);
  assert.equal(r.status(), 200);
  assert.deepEqual(await axeViolations(v.page), []);
  await shoot(v.page, 'gedeeld-medewerker');
  assert.match(await text(v.page, '#kop-werkt-voor'), /Gedeelde medewerker: werkt voor/);
  const rows = await v.page.locator('tr[data-werkt-voor]').evaluateAll((trs) => trs.map((t) => t.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(rows, ['Dalfsen Inkoop en aanbesteding 1 januari 2010 lopend', 'Staphorst Inkoop en aanbesteding 1 januari 2010 lopend',
    'Zwartewaterland Inkoop en aanbesteding 1 januari 2010 lopend']);
  assert.match(await text(v.page, 'dl.samen-facts'), /Organisatie Dalfsen/, 'the werkgever stays');

  r = await v.page.goto(`${srv.url}/kwaliteitskaart?verband=dsz`);
  assert.equal(r.status(), 200);
  assert.deepEqual(await axeViolations(v.page), []);
  const staphorst = v.page.locator('details.samen-kk-staff', { hasText: 'Staphorst' });
  // Inside a closed <details>: its text, not what is rendered.
  assert.match((await staphorst.locator('li[data-gedeeld="GM0148"]').textContent()).replace(/\s+/g, ' '),
    /Gerrit Kroeze inkoopadviseur, gedeelde medewerker in dienst van Dalfsen, werkt ook voor Staphorst \(Inkoop en aanbesteding\)/);
  await v.context.close();
});
