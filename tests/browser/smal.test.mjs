// A phone (390 × 844 px): for every role, every page it can open reads
// without scrolling the page sideways (document.documentElement.scrollWidth
// ≤ clientWidth; a wide table scrolls inside its own box, its row header kept
// in view), the header takes little room, and the menu opens behind a
// "Menu" disclosure without JavaScript. axe finds nothing at 390 px on the
// pages this work changed. Screenshots at 390 and 1280 px:
// /tmp/samen-smal-*.png and /tmp/samen-breed-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord voor de telefoon';
const PHONE = { width: 390, height: 844 };
let srv, browser, ids;

const ROLES = [
  null,
  { naam: 'sm-medewerker', rol: 'medewerker', organisatie: 'GM0505' },
  { naam: 'sm-manager', rol: 'manager', organisatie: 'GM0505' },
  { naam: 'sm-stuurgroep', rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
  { naam: 'sm-procesmanager', rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
  { naam: 'sm-raadslid', rol: 'raadslid', organisatie: 'GM0148' },
  { naam: 'sm-beheerder', rol: 'beheerder' },
];

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  for (const u of ROLES.filter(Boolean)) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
  const first = async (path) => (await srv.api('GET', path)).json[0];
  ids = {
    traject: (await first('/api/v1/trajecten?verband=dsz&taakveld=ict')).id,
    verkenning: (await first('/api/v1/verkenningen')).code,
    scoring: (await first('/api/v1/scoringen')).code,
    medewerker: (await first('/api/v1/medewerkers?organisatie=GM0505')).id,
  };
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Every page of the site, with the query strings people use.
const pages = () => [
  '/', '/netwerk', '/netwerk?datum=2012-03-08', '/organisaties/GM0148', '/organisaties/GM0505?datum=2012-03-08',
  '/verbanden/dsz', '/verbanden/drechtsteden', '/besturing', '/mijlpalen?datum=2012-09-30', '/meldingen',
  `/verkenningen/${ids.verkenning}`, `/scoringen/${ids.scoring}`, `/trajecten/${ids.traject}`,
  '/besturing/verkenningen/nieuw', '/besturing/scoringen/nieuw', `/trajecten/${ids.traject}/besluiten/nieuw`,
  `/trajecten/${ids.traject}/mijlpalen/nieuw`, '/proeftuinen', '/proeftuinen/dt2012', '/proeftuinen/dt2012/opdrachten',
  '/proeftuinen/dt2012/uren', '/proeftuinen/dt2012/uren/nieuw', '/proeftuinen/dt2012/goedkeuren',
  '/proeftuinen/dt2012/saldi', '/proeftuinen/dt2012/afrekening', '/proeftuinen/dt2012/matching', '/kwaliteitskaart',
  '/kwaliteitskaart/import', '/medewerkers', `/medewerkers/${ids.medewerker}`, '/rapporten',
  '/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30', '/beheer/audit', '/inloggen',
  '/dit/bestaat/niet',
];
// The pages this work built or changed: axe at 390 px on each.
const CHANGED = new Set(['/netwerk?datum=2012-03-08', '/proeftuinen/dt2012/opdrachten', '/proeftuinen/dt2012/uren',
  '/medewerkers', '/beheer/audit', '/besturing', '/besturing/verkenningen/nieuw', '/proeftuinen/dt2012/saldi',
  '/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30']);

async function signedIn(user, viewport, javaScriptEnabled = false) {
  const p = await newPage(browser, { javaScriptEnabled, viewport });
  if (user) {
    await p.page.goto(`${srv.url}/inloggen`);
    await p.page.getByLabel('Naam').fill(user.naam);
    await p.page.getByLabel('Wachtwoord').fill(PW);
    await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  }
  return p;
}

// What sticks out to the right of the page, to say what to fix.
const overflow = (page) => page.evaluate(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
    // Inside a table's box only what escapes it: a positioned element whose containing block is outside.
    .filter((e) => !e.closest('.samen-table-container') || e.classList.contains('samen-table-container')
      || getComputedStyle(e).position === 'absolute')
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}px`);
  return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ${wide.join('; ')}`;
});

for (const user of ROLES) {
  const who = user ? user.rol : 'anoniem';
  test(`at 390 px every page of the ${who} reads without sideways scrolling`, async () => {
    // The pages need no JavaScript; measuring them does.
    const { page, context } = await signedIn(user, PHONE, true);
    let seen = 0;
    for (const path of pages()) {
      const r = await page.goto(srv.url + path);
      if (r.status() >= 400 && path !== '/dit/bestaat/niet') continue; // not a page of this role
      seen++;
      assert.equal(await overflow(page), null, `${who} on ${path}`);
      if (user?.rol === 'beheerder' && CHANGED.has(path))
        assert.deepEqual(await axeViolations(page), [], `axe at 390 px on ${path}`);
    }
    assert.ok(seen >= (user ? 15 : 10), `${seen} pages`);
    await context.close();
  });
}

// The score form of a scoring is a table of criteria × candidate task
// fields: on a phone it stacks to a block per task field, a visible label and
// select per criterion, and it saves what is chosen there.
test('at 390 px a stuurgroep member scores in the stacked score form, without sideways scrolling', async () => {
  const member = { naam: 'sm-stuurgroep-staan', rol: 'stuurgroep', organisatie: 'GM0106', verband: 'staan' };
  const r = await srv.api('POST', '/api/v1/gebruikers', { ...member, wachtwoord: PW });
  assert.equal(r.status, 201, r.text);
  const { page, context } = await signedIn(member, PHONE, true);
  await page.goto(`${srv.url}/scoringen/staan-2012`);
  await assert.doesNotReject(page.getByRole('heading', { name: /^Scoren voor Assen/ }).waitFor());
  assert.equal(await overflow(page), null, 'the scoring page with its score form');
  assert.deepEqual(await axeViolations(page), [], 'axe at 390 px on the scoring page with the score form');
  // Every select is on the screen beside its own visible label.
  const selects = page.locator('.bst-scoretabel select');
  assert.equal(await selects.count(), 13 * 5, 'a select per task field and criterion');
  const fits = await page.evaluate(() => [...document.querySelectorAll('.bst-scoretabel select')].every((s) => {
    const label = document.querySelector(`label[for="${s.id}"]`).getBoundingClientRect(), box = s.getBoundingClientRect();
    return box.left >= 0 && box.right <= document.documentElement.clientWidth && label.width > 40 && label.height > 10;
  }));
  assert.ok(fits, 'every select and its label are within the screen');
  const field = page.getByRole('combobox', { name: 'Vastgoed: Draagvlak achterban' });
  assert.ok(await field.isVisible());
  await shoot(page, 'smal-scoren', { fullPage: false });
  const before = (await srv.api('GET', '/api/v1/scoringen/staan-2012/scores')).json
    .find((s) => s.organisatie === 'GM0106' && s.taakveld === 'vastgoed');
  assert.equal(before.scores['draagvlak-achterban'], 3, 'the demo score');
  await field.selectOption('1');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Scores opslaan' }).click()]);
  assert.match(page.url(), /\/scoringen\/staan-2012\?opgeslagen=1#kop-uitslag$/);
  assert.match(await page.locator('.bst-gelukt').innerText(), /De scores zijn opgeslagen/);
  const after = (await srv.api('GET', '/api/v1/scoringen/staan-2012/scores')).json
    .find((s) => s.organisatie === 'GM0106' && s.taakveld === 'vastgoed');
  assert.deepEqual(after.scores, { ...before.scores, 'draagvlak-achterban': 1 }, 'the new score is saved, the others kept');
  assert.equal(await page.getByRole('combobox', { name: 'Vastgoed: Draagvlak achterban' }).inputValue(), '1');
  assert.equal(await overflow(page), null, 'the page after saving');
  await context.close();
});

test('on a phone the header is small and the menu is a disclosure that works without JavaScript', async () => {
  const { page, context } = await signedIn(ROLES[2], PHONE);
  await page.goto(`${srv.url}/proeftuinen/dt2012/uren`);
  const header = await page.locator('header.samen-header').boundingBox();
  assert.ok(header.height <= PHONE.height * 0.15, `header ${header.height}px high`);
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  assert.equal(await menu.count(), 0, 'the menu is closed');
  await page.locator('summary', { hasText: 'Menu' }).click();
  assert.equal(await menu.count(), 1, 'one main menu, now open');
  const links = await menu.getByRole('link').allInnerTexts();
  assert.deepEqual(links, ['Mijn samen', 'Overzicht', 'Netwerkkaart', 'Urenbank', 'Besturing', 'Rapporten', 'Kwaliteitskaart']);
  assert.equal(await menu.getByRole('link', { name: 'Urenbank' }).getAttribute('aria-current'), 'page');
  await shoot(page, 'smal-menu', { fullPage: false });
  await Promise.all([page.waitForNavigation(), menu.getByRole('link', { name: 'Netwerkkaart' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/netwerk');
  await context.close();
  // A wide table keeps its key column in view while it scrolls in its box.
  const js = await signedIn(ROLES[2], PHONE, true);
  await js.page.goto(`${srv.url}/proeftuinen/dt2012/uren`);
  const box = js.page.locator('.samen-listing-bar + .samen-table-container');
  assert.ok(await box.evaluate((e) => e.scrollWidth > e.clientWidth), 'the table scrolls in its box');
  const key = js.page.locator('.samen-listing-bar + .samen-table-container tbody tr:first-child th');
  const before = await key.boundingBox();
  await box.evaluate((e) => { e.scrollLeft = 400; });
  const after = await key.boundingBox();
  assert.equal(Math.round(after.x), Math.round(before.x), 'the row header stays in view');
  await shoot(js.page, 'smal-uren', { fullPage: false });
  await js.context.close();
  // On a wide screen the menu is a row in the header, no disclosure.
  const wide = await signedIn(ROLES[2], { width: 1280, height: 900 }, true);
  await wide.page.goto(`${srv.url}/proeftuinen/dt2012/uren`);
  assert.equal(await wide.page.locator('summary', { hasText: 'Menu' }).isVisible(), false);
  assert.equal(await wide.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').count(), 7);
  await shoot(wide.page, 'breed-uren', { fullPage: false });
  await wide.context.close();
});
