// Signing in and out in Chromium, accessibility of the login and audit
// pages, and XSS: script payloads in every text field of the register and
// in user names, rendered on every page, must stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  'javascript:window.__xss=1',
  '</title><script>window.__xss=1</script>',
];
// User names cannot hold '/': the ones without.
const NAME_PAYLOADS = ['"><img src=x onerror="window.__xss=1">', "'><svg onload=window.__xss=1>", 'javascript:window.__xss=1'];

let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const ok = async (r, what) => { const x = await r; assert.ok(x.status < 300, `${what}: ${x.status} ${x.text}`); return x.json; };
  await ok(srv.api('POST', '/api/v1/gebruikers', { naam: 'browser-medewerker', rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW }), 'medewerker');
  await ok(srv.api('POST', '/api/v1/gebruikers', { naam: 'browser-beheerder', rol: 'beheerder', wachtwoord: PW }), 'beheerder');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(page, naam, wachtwoord) {
  await page.goto(`${srv.url}/inloggen`);
  await page.getByLabel('Naam').fill(naam);
  await page.getByLabel('Wachtwoord').fill(wachtwoord);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
}

test('signing in through the login page shows the user in the header; signing out ends it', async () => {
  const { page, context, problems } = await newPage(browser);
  await signIn(page, 'browser-medewerker', 'fout wachtwoord');
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  assert.match(await page.getByRole('alert').innerText(), /Naam of wachtwoord klopt niet\./);
  assert.equal(await page.getByLabel('Naam').inputValue(), 'browser-medewerker');

  await page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/');
  const header = page.locator('header');
  assert.match(await header.innerText(), /browser-medewerker \(medewerker, GM0505\)/);
  assert.equal(await header.getByRole('link', { name: 'Auditlog' }).count(), 0, 'pages hide what one may not do');
  const cookies = await context.cookies();
  const sess = cookies.find((c) => c.name === 'samen_sessie');
  assert.ok(sess && sess.httpOnly && sess.sameSite === 'Strict', JSON.stringify(sess));
  assert.equal(await page.evaluate(() => document.cookie.includes('samen_sessie')), false, 'not readable by scripts');
  await shoot(page, 'aangemeld');

  await Promise.all([page.waitForNavigation(), header.getByRole('button', { name: 'Afmelden' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/inloggen');
  assert.match(await page.locator('main').innerText(), /U bent afgemeld\./);
  assert.match(await page.locator('header').innerText(), /Aanmelden/);
  assert.ok(!(await context.cookies()).some((c) => c.name === 'samen_sessie' && c.value));
  assert.deepEqual(problems.filter((p) => !/HTTP 40[13]/.test(p)), []);
  await context.close();
});

test('the login page and the audit page meet WCAG 2.1 AA', async () => {
  const { page, context, problems } = await newPage(browser);
  await page.goto(`${srv.url}/inloggen`);
  assert.deepEqual(await axeViolations(page), [], 'axe on /inloggen');
  await signIn(page, 'browser-beheerder', 'nog een fout wachtwoord');
  assert.deepEqual(await axeViolations(page), [], 'axe on /inloggen with an error');
  await page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
  await Promise.all([page.waitForNavigation(), page.locator('header').getByRole('link', { name: 'Auditlog' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/beheer/audit');
  const r = await page.goto(`${srv.url}/beheer/audit`);
  assert.equal(r.status(), 200);
  assert.ok(await page.locator('table caption', { hasText: 'Auditregels' }).count());
  assert.deepEqual(await axeViolations(page), [], 'axe on /beheer/audit');
  await shoot(page, 'auditlog');
  const bad = await page.goto(`${srv.url}/beheer/audit?van=gisteren`);
  assert.equal(bad.status(), 400);
  assert.deepEqual(await axeViolations(page), [], 'axe on /beheer/audit with a filter error');
  assert.deepEqual(problems.filter((p) => !/HTTP 40[013]/.test(p)), []);
  await context.close();
});

test('XSS payloads in every text field stay text on every page', async () => {
  // Into the register, through the API.
  const codes = { org: [], verband: [] };
  for (const [i, p] of PAYLOADS.entries()) {
    const org = `XSS-${i}`;
    let r = await srv.api('POST', '/api/v1/organisaties', { code: org, naam: p, soort: 'gemeente' });
    if (r.status === 400) r = await srv.api('POST', '/api/v1/organisaties', { code: org, naam: p, soort: 'overig' });
    assert.equal(r.status, 201, r.text);
    codes.org.push(org);
    const verband = `xss-${i}`;
    r = await srv.api('POST', '/api/v1/verbanden', {
      code: verband, naam: p, omschrijving: p, doelen: ['kwaliteit'],
      leden: [{ organisatie: org, rol: 'lid', van: '2010-01-01' }, { organisatie: 'GM0148', rol: 'lid', van: '2010-01-01' }],
    });
    assert.equal(r.status, 201, r.text);
    codes.verband.push(verband);
    r = await srv.api('POST', `/api/v1/verbanden/${verband}/trajecten`, {
      taakveld: 'ict', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'afstemming', deelnemers: [org, 'GM0148'],
      eigenaar: p, omschrijving: p, start: '2011-01-01',
    });
    assert.equal(r.status, 201, r.text);
  }
  // User names, each acting once so that its name is in the audit log.
  for (const naam of NAME_PAYLOADS) {
    let r = await srv.api('POST', '/api/v1/gebruikers', { naam, rol: 'manager', organisatie: 'GM0505', wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
    r = await srv.api('POST', `/api/v1/gebruikers/${encodeURIComponent(naam)}/tokens`, {});
    const acted = await srv.api('POST', '/api/v1/organisaties', { code: 'NOOIT', naam: 'x', soort: 'overig' }, { token: r.json.token });
    assert.equal(acted.status, 403);
  }

  const pages = ['/', '/netwerk', '/netwerk?taakveld=ict', '/organisaties/GM0148', '/beheer/audit', '/inloggen',
    ...codes.org.map((c) => `/organisaties/${c}`), ...codes.verband.map((c) => `/verbanden/${c}`)];
  const { page, context } = await newPage(browser);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await signIn(page, 'browser-beheerder', PW);
  const rendered = new Set();
  for (const path of pages) {
    await page.goto(srv.url + path, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const onAttrs = [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)));
      return {
        xss: window.__xss,
        inlineScripts: document.querySelectorAll('script:not([src])').length,
        injected: document.querySelectorAll('img[src="x"], svg[onload]').length,
        onAttrs: onAttrs.map((el) => el.outerHTML.slice(0, 80)),
        jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
          .filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction') || ''))
          .map((el) => el.outerHTML.slice(0, 80)),
        text: document.body.innerText,
      };
    });
    assert.equal(found.xss, undefined, `script ran on ${path}`);
    assert.equal(found.inlineScripts, 0, `inline script on ${path}`);
    assert.equal(found.injected, 0, `injected element on ${path}`);
    assert.deepEqual(found.onAttrs, [], `event handler attributes on ${path}`);
    assert.deepEqual(found.jsLinks, [], `javascript: URLs on ${path}`);
    for (const p of [...PAYLOADS, ...NAME_PAYLOADS]) if (found.text.includes(p)) rendered.add(p);
  }
  assert.deepEqual(dialogs, []);
  // The payloads were on the screen, as text.
  for (const p of [...PAYLOADS, ...NAME_PAYLOADS]) assert.ok(rendered.has(p), `payload never shown as text: ${p}`);
  await shoot(page, 'xss-audit');
  await context.close();
});
