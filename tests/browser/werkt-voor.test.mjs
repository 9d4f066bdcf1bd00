// Editing for whom a shared medewerker works (issue 17) on the person page,
// without JavaScript: the werkgever's manager adds a period, sees it on the
// page and in the API, gets an overlapping period refused beside the field
// with nothing changed, ends and removes a period; the manager of another
// organisation sees no form and a POST of theirs is refused (403) and
// changes nothing. The person is the demo's inkoopadviseur Gerrit Kroeze,
// employed by Dalfsen and working for the three DSZ municipalities. The
// demo has no manager account for Dalfsen, so the test makes one.
// WCAG 2.1 AA (axe) at 1280 and 390 px. Screenshots in /tmp/samen-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, axeWithScripts, shoot } from '../lib/browser.mjs';

const PW = 'een lang wachtwoord voor de test';
let srv, browser, gerrit;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const [naam, organisatie] of [['wv-manager-dalfsen', 'GM0148'], ['wv-manager-staphorst', 'GM0180']]) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { naam, rol: 'manager', organisatie, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
  const m = await srv.api('GET', '/api/v1/medewerkers?organisatie=GM0148&paginaGrootte=1000');
  gerrit = (m.json.items ?? m.json).find((x) => x.naam === 'Gerrit Kroeze').id;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(naam, options) {
  const v = await newPage(browser, options);
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill(naam);
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  assert.equal(new URL(v.page.url()).pathname, '/mijn', 'signing in lands on Mijn samen');
  return v;
}
const werktVoor = async () => {
  const r = await srv.api('GET', `/api/v1/medewerkers/${gerrit}/werkt-voor`);
  assert.equal(r.status, 200, r.text);
  return r.json.werktVoor.map(({ organisatie, taakveld, van, tot }) => ({ organisatie, taakveld, van, tot }));
};
const rows = (page) => page.locator('tr[data-werkt-voor]').evaluateAll((trs) => trs.map((t) => t.innerText.replace(/\s+/g, ' ').trim()));
const submit = (page, button) => Promise.all([page.waitForNavigation(), button.click()]);

// A page driven without JavaScript is checked by axe in a context that runs scripts (axeWithScripts).
async function frame(page, problems, what, v = null) {
  if (v) {
    const found = await axeWithScripts(browser, v, what);
    assert.deepEqual(found, Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  } else {
    assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  }
  assert.deepEqual(problems, [], `browser problems on ${what}`);
  assert.equal(await page.locator('[style]').count(), 0, 'no style attributes (the CSP blocks them)');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false, `${what}: no horizontal scrolling of the page`);
}

test('the manager of Dalfsen adds, is refused an overlap, ends and removes a period, without JavaScript', async () => {
  const v = await signedIn('wv-manager-dalfsen', { javaScriptEnabled: false });
  const { page, context, problems } = v;
  // From Mijn samen to the person page: the kwaliteitskaart, Dalfsen's staff, Gerrit.
  await submit(page, page.getByRole('link', { name: 'Medewerkers en kwaliteitskaart' }));
  const staff = page.locator('details.samen-kk-staff', { has: page.locator('summary', { hasText: /^Dalfsen / }) });
  await staff.locator('summary').click();
  await submit(page, staff.getByRole('link', { name: 'Gerrit Kroeze' }));
  assert.equal(new URL(page.url()).pathname, `/medewerkers/${gerrit}`);
  const before = await werktVoor();
  assert.equal(before.length, 3);
  await frame(page, problems, 'the person page with the werkt-voor forms', v);

  // Add: Staphorst on ICT from 1 January 2013.
  await page.selectOption('#wv-organisatie', 'GM0180');
  await page.selectOption('#wv-taakveld', 'ict');
  await page.fill('#wv-van', '2013-01-01');
  await submit(page, page.getByRole('button', { name: 'Periode opnemen' }));
  let url = new URL(page.url());
  assert.equal(url.pathname, `/medewerkers/${gerrit}`);
  assert.equal(url.searchParams.get('gelukt'), 'werkt-voor-toegevoegd');
  assert.match(await page.locator('#kop-werkt-voor ~ [role="status"]').innerText(), /De periode is toegevoegd/);
  assert.ok((await rows(page)).includes('Staphorst ICT en informatievoorziening 1 januari 2013 lopend'), (await rows(page)).join('\n'));
  let now = await werktVoor();
  assert.deepEqual(now, [...before, { organisatie: 'GM0180', taakveld: 'ict', van: '2013-01-01', tot: null }].sort((a, b) =>
    a.taakveld.localeCompare(b.taakveld) || a.organisatie.localeCompare(b.organisatie) || a.van.localeCompare(b.van)));

  // Refused: Dalfsen on Inkoop from 2012 overlaps the running period from 2010.
  await page.selectOption('#wv-organisatie', 'GM0148');
  await page.selectOption('#wv-taakveld', 'inkoop');
  await page.fill('#wv-van', '2012-01-01');
  await submit(page, page.getByRole('button', { name: 'Periode opnemen' }));
  url = new URL(page.url());
  assert.equal(url.pathname, `/medewerkers/${gerrit}`);
  assert.ok(url.searchParams.get('formulier'), 'back with the refused form');
  assert.match(await page.locator('#fouten').innerText(), /niet toegevoegd/);
  assert.match(await page.locator('#wv-van-fout').innerText(),
    /overlapt met de periode voor Dalfsen op Inkoop en aanbesteding vanaf 1 januari 2010 \(lopend\)/);
  assert.equal(await page.locator('#wv-van').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#wv-van').inputValue(), '2012-01-01', 'what was typed is kept');
  assert.equal(await page.locator('#wv-organisatie').inputValue(), 'GM0148');
  assert.equal(await page.locator('#wv-taakveld').inputValue(), 'inkoop');
  assert.deepEqual(await werktVoor(), now, 'a refused period changes nothing');
  await frame(page, problems, 'the refused form', v);
  await shoot(page, 'werkt-voor-geweigerd');

  // End Zwartewaterland's period; first with a date before its start (refused beside that row's field).
  const zwl = page.locator('li[data-werkt-voor-rij="GM1896"]');
  await zwl.getByLabel('Beëindigen per').fill('2009-06-01');
  await submit(page, zwl.getByRole('button', { name: /Beëindigen/ }));
  assert.match(await page.locator('#fouten').innerText(), /niet beëindigd/);
  const field = page.locator('li[data-werkt-voor-rij="GM1896"] input[name="tot"]');
  assert.equal(await field.inputValue(), '2009-06-01');
  const fout = await field.getAttribute('id');
  assert.match(await page.locator(`#${fout}-fout`).innerText(), /na 'van'/);
  assert.deepEqual(await werktVoor(), now, 'a refused end changes nothing');
  await field.fill('2014-01-01');
  await submit(page, page.locator('li[data-werkt-voor-rij="GM1896"]').getByRole('button', { name: /Beëindigen/ }));
  assert.equal(new URL(page.url()).searchParams.get('gelukt'), 'werkt-voor-beeindigd');
  assert.match(await page.locator('#kop-werkt-voor ~ [role="status"]').innerText(), /De periode is beëindigd/);
  assert.ok((await rows(page)).includes('Zwartewaterland Inkoop en aanbesteding 1 januari 2010 1 januari 2014'));
  now = now.map((w) => (w.organisatie === 'GM1896' ? { ...w, tot: '2014-01-01' } : w));
  assert.deepEqual(await werktVoor(), now);
  // On 1 February 2014 he works for two of the three.
  const feb = await srv.api('GET', `/api/v1/medewerkers/${gerrit}/werkt-voor?datum=2014-02-01`);
  assert.deepEqual(feb.json.werktVoor.filter((w) => w.taakveld === 'inkoop').map((w) => w.organisatie), ['GM0148', 'GM0180']);

  // Remove the ICT period added above.
  const ict = page.locator('li[data-werkt-voor-rij="GM0180"]', { hasText: 'ICT' });
  await submit(page, ict.getByRole('button', { name: /Verwijderen/ }));
  assert.match(await page.locator('#kop-werkt-voor ~ [role="status"]').innerText(), /De periode is verwijderd/);
  now = now.filter((w) => w.taakveld !== 'ict');
  assert.deepEqual(await werktVoor(), now);
  await context.close();
});

test('the person page with its forms at 1280 and 390 px: axe, no sideways scrolling', async () => {
  for (const width of [1280, 390]) {
    const { page, context, problems } = await signedIn('wv-manager-dalfsen', { viewport: { width, height: 900 } });
    await page.goto(`${srv.url}/medewerkers/${gerrit}`);
    assert.equal(await page.locator('form[action$="/werkt-voor"]').count(), 1);
    await frame(page, problems, `the person page at ${width} px`);
    // Every field of the forms fits the window.
    const out = await page.locator('#kop-werkt-voor').locator('xpath=..').locator('input:not([type=hidden]), select, button')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.id || e.innerText));
    assert.deepEqual(out, [], `controls beyond the window at ${width} px`);
    await shoot(page, `werkt-voor-${width}`);
    await context.close();
  }
});

test('the manager of another organisation sees no form, and a POST of theirs is refused and changes nothing', async () => {
  const { page, context } = await signedIn('wv-manager-staphorst');
  const r = await page.goto(`${srv.url}/medewerkers/${gerrit}`);
  assert.equal(r.status(), 200);
  assert.equal(await page.locator('tr[data-werkt-voor]').count() > 0, true, 'the table is shown');
  assert.equal(await page.locator('form[action*="/werkt-voor"]').count(), 0, 'no werkt-voor form for Staphorst');
  const before = await werktVoor();
  const csrf = await page.locator('input[name="csrf"]').first().getAttribute('value');
  assert.ok(csrf, 'a form with the session\'s CSRF token on the page');
  const posts = [
    ['', { organisatie: 'GM0180', taakveld: 'ict', van: '2013-01-01' }],
    ['/beeindigen', { organisatie: 'GM0180', taakveld: 'inkoop', van: '2010-01-01', tot: '2013-01-01' }],
    ['/verwijderen', { organisatie: 'GM0180', taakveld: 'inkoop', van: '2010-01-01' }],
  ];
  for (const [rest, form] of posts) {
    const res = await page.request.post(`${srv.url}/medewerkers/${gerrit}/werkt-voor${rest}`, { form: { csrf, ...form }, maxRedirects: 0 });
    assert.equal(res.status(), 403, `POST werkt-voor${rest}`);
  }
  assert.deepEqual(await werktVoor(), before, 'nothing changed');
  // Without the CSRF token even the werkgever's manager is refused.
  const own = await signedIn('wv-manager-dalfsen');
  const res = await own.page.request.post(`${srv.url}/medewerkers/${gerrit}/werkt-voor`,
    { form: { organisatie: 'GM0180', taakveld: 'ict', van: '2013-01-01' }, maxRedirects: 0 });
  assert.equal(res.status(), 403);
  assert.deepEqual(await werktVoor(), before);
  await own.context.close();
  await context.close();
});
