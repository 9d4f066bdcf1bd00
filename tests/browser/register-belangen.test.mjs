// The interests of the members of a verband in Chromium (issue 17, seed 003
// §4 "Belangen"), without JavaScript like the people who use it, at 1280 and
// 390 px: the verband page shows each member's visie en kernwaarden and
// organisatiebelang from the seed and the communicatieadviseur of Assen as
// first contact; a stuurgroep member records its own municipality's interests
// (a refusal comes back with the error beside the field and what was typed),
// read back through the API; the scoring page shows them beside the scores;
// the stand van zaken lists them. axe on every page (run on the same HTML in
// a browser with JavaScript, which axe needs). Screenshots in /tmp/samen-belangen-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot } from '../lib/browser.mjs';

const PW = 'Belangen-test-wachtwoord-1';
const PHONE = { width: 390, height: 844 }, WIDE = { width: 1280, height: 900 };
let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'bl-stuurgroep-assen', rol: 'stuurgroep', organisatie: 'GM0106', verband: 'staan' },
    { naam: 'bl-manager-tynaarlo', rol: 'manager', organisatie: 'GM1730' },
    { naam: 'bl-stuurgroep-dsz', rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
  ];
  for (const u of users) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function as(naam, viewport = WIDE) {
  const v = await newPage(browser, { javaScriptEnabled: false, viewport });
  if (!naam) return v;
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill(naam);
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return v;
}

// axe runs in the page, so it needs JavaScript: the page as the no-JS
// browser got it is served again, at its own address, to one that has it.
async function axe(page, what, viewport = WIDE) {
  const url = page.url(), html = await page.content();
  const { context, page: p } = await newPage(browser, { javaScriptEnabled: true, viewport });
  await p.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await p.goto(url);
  assert.deepEqual(await axeViolations(p), [], `axe on ${what}`);
  await context.close();
}

const noSideways = async (page, what) => {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw, `${what}: the page does not scroll sideways (${sw} > ${cw})`);
};

test('the verband page: the seed\'s table of interests and the communicatieadviseur, for everyone', async () => {
  for (const viewport of [WIDE, PHONE]) {
    const { page, context } = await as(null, viewport);
    const r = await page.goto(`${srv.url}/verbanden/staan`);
    assert.equal(r.status(), 200);
    const section = page.locator('section[aria-labelledby=kop-belangen]');
    const row = async (naam) => (await section.locator('tbody tr', { has: page.locator('th', { hasText: naam }) }).innerText()).replace(/\s+/g, ' ');
    assert.match(await row('Aa en Hunze'), /Slagvaardig Vertrouwen Concreet Klant is koning/);
    assert.match(await row('Assen'), /Klantvraag centraal Respect voor elkaar Waarde toevoegen Vertrouwen Mobiliteit medewerkers \(duurzame inzetbaarheid\)/);
    assert.match(await row('Noordenveld'), /Informele organisatie .* Behoud van kernwaarden/);
    assert.match(await row('Tynaarlo'), /Subtop willen zijn .* In de geest van de regel Alles wat bijdraagt aan realisatie van de kernwaarden/);
    assert.match(await row('Assen'), /vanaf 30 mei 2012/);
    assert.match(await section.innerText(), /stip op de horizon/);
    const roles = await page.locator('section[aria-labelledby=kop-rollen]').innerText();
    assert.match(roles, /communicatieadviseur \(eerste aanspreekpunt voor de communicatie\): Communicatieadviseur Assen \(Assen\)/);
    assert.match(roles, /procesmanager: Roel Schrotenboer/);
    assert.equal(await page.locator('form[action="/verbanden/staan/belangen"]').count(), 0, 'no form for a visitor');
    if (viewport === PHONE) await noSideways(page, 'the verband page at 390 px');
    await shoot(page, `belangen-verband-${viewport.width}`);
    await axe(page, `the verband page at ${viewport.width} px`, viewport);
    await context.close();
  }
});

test('a stuurgroep member records its own municipality\'s interests; a refusal keeps what was typed', async () => {
  const { page, context } = await as('bl-stuurgroep-assen');
  await page.goto(`${srv.url}/verbanden/staan`);
  const form = page.locator('form[action="/verbanden/staan/belangen"]');
  // Only its own municipality, and what holds now filled in.
  assert.deepEqual(await form.locator('select[name=organisatie] option').allInnerTexts(), ['Assen']);
  assert.equal(await form.getByLabel('Visie en kernwaarden').inputValue(), 'Klantvraag centraal\nRespect voor elkaar\nWaarde toevoegen\nVertrouwen');
  await axe(page, 'the verband page with the form');
  // Nothing to record: back on the page, the error beside the field, what was typed kept.
  await form.getByLabel('Geldt vanaf').fill('2013-03-01');
  await form.getByLabel('Visie en kernwaarden').fill('');
  await form.getByLabel('Organisatiebelang').fill('');
  await form.getByLabel('Toelichting (niet verplicht)').fill('Stuurgroep maart 2013');
  await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: 'Belangen vastleggen' }).click()]);
  assert.match(page.url(), /\/verbanden\/staan\?formulier=.*#fouten$/);
  assert.match(await page.locator('#fouten').innerText(), /Visie en kernwaarden/);
  const field = page.locator('#belang-kernwaarden');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('form[action="/verbanden/staan/belangen"]').innerText(), /ten minste/);
  assert.equal(await page.getByLabel('Toelichting (niet verplicht)').inputValue(), 'Stuurgroep maart 2013');
  assert.equal(await page.getByLabel('Geldt vanaf').inputValue(), '2013-03-01');
  await axe(page, 'the refused form');
  // Now with a position.
  await page.getByLabel('Visie en kernwaarden').fill('Klantvraag centraal\n\nVertrouwen\n');
  await page.getByLabel('Tempo').fill('Stap voor stap, eerst de bedrijfsvoering');
  await page.getByLabel('Schaal').fill('De vier STAAN-gemeenten');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Belangen vastleggen' }).click()]);
  assert.match(page.url(), /\/verbanden\/staan\?gelukt=belangen#kop-belangen$/);
  assert.match(await page.locator('[role=status]').innerText(), /De belangen zijn vastgelegd/);
  const assen = (await page.locator('section[aria-labelledby=kop-belangen] tbody tr', { has: page.locator('th', { hasText: 'Assen' }) }).innerText()).replace(/\s+/g, ' ');
  assert.match(assen, /Tempo: Stap voor stap, eerst de bedrijfsvoering/);
  assert.match(assen, /vanaf 1 maart 2013, vastgelegd door bl-stuurgroep-assen/);
  // The earlier version stays, in the disclosure.
  assert.match(await page.locator('details.samen-belang').textContent(), /Assen.*vanaf 30 mei 2012/s, 'closed: textContent');
  // Through the API: the new version from its date, the seed's before it.
  const on = async (d) => (await srv.api('GET', `/api/v1/verbanden/staan/belangen?datum=${d}`, null, { token: null })).json.find((b) => b.organisatie === 'GM0106');
  const now = await on('2013-03-01');
  assert.deepEqual(now.visieKernwaarden, ['Klantvraag centraal', 'Vertrouwen']);
  assert.deepEqual(now.organisatiebelang, []);
  assert.equal(now.tempo, 'Stap voor stap, eerst de bedrijfsvoering');
  assert.equal(now.schaal, 'De vier STAAN-gemeenten');
  assert.equal(now.toelichting, 'Stuurgroep maart 2013');
  assert.equal(now.door, 'bl-stuurgroep-assen');
  assert.deepEqual((await on('2013-02-28')).organisatiebelang, ['Mobiliteit medewerkers (duurzame inzetbaarheid)']);
  await context.close();
});

test('who sees the form: the member\'s manager for its own, nobody from another verband', async () => {
  let { page, context } = await as('bl-manager-tynaarlo');
  await page.goto(`${srv.url}/verbanden/staan`);
  assert.deepEqual(await page.locator('form[action="/verbanden/staan/belangen"] select[name=organisatie] option').allInnerTexts(), ['Tynaarlo']);
  await context.close();
  ({ page, context } = await as('bl-stuurgroep-dsz'));
  await page.goto(`${srv.url}/verbanden/staan`);
  assert.equal(await page.locator('form[action="/verbanden/staan/belangen"]').count(), 0);
  // A crafted post is refused with the reason, and nothing is written.
  const before = (await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie', null, { token: null })).json.length;
  const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
  const res = await page.request.post(`${srv.url}/verbanden/staan/belangen`, {
    form: { csrf, organisatie: 'GM0148', datum: '2013-01-01', tempo: 'Snel' }, maxRedirects: 0,
  });
  assert.equal(res.status(), 303);
  await page.goto(new URL(res.headers().location, srv.url).href);
  assert.match(await page.locator('#fouten').innerText(), /Als lid van de stuurgroep/);
  assert.equal((await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie', null, { token: null })).json.length, before);
  await context.close();
});

test('beside the scores: each partner\'s interests on the scoring page, and in the stand van zaken', async () => {
  for (const viewport of [WIDE, PHONE]) {
    const { page, context } = await as('bl-stuurgroep-assen', viewport);
    const r = await page.goto(`${srv.url}/scoringen/staan-2012`);
    assert.equal(r.status(), 200);
    const section = page.locator('section[aria-labelledby=kop-belangen]');
    assert.equal(await section.locator('details.samen-belang').count(), 4);
    const noordenveld = section.locator('details', { has: page.locator('summary', { hasText: 'Noordenveld' }) });
    assert.match(await noordenveld.locator('summary').innerText(), /vanaf 30 mei 2012/);
    assert.match(await noordenveld.textContent(), /Behoud van kernwaarden/, 'closed: textContent');
    // The interests come before the stuurgroep member's own scores.
    const order = await page.evaluate(() => {
      const all = [...document.querySelectorAll('main h2')].map((h) => h.textContent);
      return all;
    });
    assert.ok(order.indexOf('Belangen van de partners') > order.indexOf('Uitslag per taakveld'), order.join(' | '));
    await shoot(page, `belangen-scoring-${viewport.width}`);
    await axe(page, `the scoring page at ${viewport.width} px`, viewport);
    await context.close();
  }
  const { page, context } = await as('bl-stuurgroep-assen');
  const r = await page.goto(`${srv.url}/rapporten/stand-van-zaken?organisatie=GM0106&van=2012-01-01&tot=2012-12-31`);
  assert.equal(r.status(), 200);
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Belangen van de partners/);
  assert.match(text, /Tynaarlo \(vanaf 30 mei 2012\): visie en kernwaarden: Subtop willen zijn, .*; organisatiebelang: Alles wat bijdraagt aan realisatie van de kernwaarden\./);
  await axe(page, 'the stand van zaken');
  await context.close();
});
