// The kwaliteitskaart pages in Chromium: the heatmap (WCAG 2.1 AA, status
// told in words and symbols and not by colour alone, the year selector
// working without JavaScript), the person page (personal data only for the
// own organisation; forms that work without JavaScript) and the import page
// with its per-line error report. The data is the demo map
// (demo/kwaliteitskaart.json) on the demo register, loaded through the CLI
// and the API. Screenshots land in /tmp/samen-kwaliteitskaart-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot } from '../lib/browser.mjs';
import { samen } from '../api/auth-helpers.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PW = 'een lang wachtwoord voor de browser';
let srv, browser;
const ids = {}; // "GM0180/Klaas Mussche" -> id

async function must(r, what) {
  const x = await r;
  assert.ok(x.status < 300, `${what}: ${x.status} ${x.text}`);
  return x.json;
}

before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  const r = samen(['import', '--db', srv.db, join(ROOT, 'demo/register.json')]);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(ROOT, 'demo/kwaliteitskaart.json'), 'utf8'));
  const api = (m, p, b) => must(srv.api(m, '/api/v1' + p, b), `${m} ${p}`);
  for (const c of doc.competenties) await api('POST', '/competenties', c);
  for (const k of doc.kaarten)
    for (const { niveaus = {}, werktVoor, ...m } of k.medewerkers) {
      const rec = await api('POST', '/medewerkers', { ...m, organisatie: k.organisatie });
      ids[`${k.organisatie}/${m.naam}`] = rec.id;
      for (const [code, niveau] of Object.entries(niveaus)) await api('PUT', `/medewerkers/${rec.id}/competenties/${code}`, { niveau });
      if (werktVoor) await api('PUT', `/medewerkers/${rec.id}/werkt-voor`, { werktVoor }); // a shared medewerker (issue 17)
    }
  const id = (x) => ids[`${x.organisatie}/${x.naam}`];
  for (const v of doc.vervangingen) await api('POST', '/vervangingen', { medewerker: id(v.medewerker), vervanger: id(v.vervanger), competentie: v.competentie });
  for (const a of doc.afwezigheden) await api('POST', '/afwezigheden', { ...a, medewerker: id(a.medewerker) });
  for (const [naam, organisatie] of [['kk-manager-staphorst', 'GM0180'], ['kk-manager-dalfsen', 'GM0148']])
    await api('POST', '/gebruikers', { naam, rol: 'manager', organisatie, wachtwoord: PW });
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
  assert.notEqual(new URL(v.page.url()).pathname, '/inloggen', 'signed in');
  return v;
}

async function frameChecks(page, problems, what) {
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assert.equal(await page.locator('[style]').count(), 0, `${what}: no style attributes (the CSP blocks them)`);
  assert.equal(await page.locator('style, script:not([src])').count(), 0, `${what}: no inline <style> or <script>`);
  assert.deepEqual(problems, [], `${what}: browser problems`);
}

const cellText = (page, competentie, col) =>
  page.evaluate(([c, i]) => document.querySelector(`tr[data-competentie="${c}"]`).cells[i].innerText.replace(/\s+/g, ' ').trim(), [competentie, col]);

test('heatmap: DSZ in 2012 with the change until 2017, readable without colour, WCAG 2.1 AA', async () => {
  const { page, context, problems } = await signedIn('kk-manager-staphorst');
  const res = await page.goto(`${srv.url}/kwaliteitskaart?verband=dsz&jaar=2012`);
  assert.equal(res.status(), 200);
  await page.locator('table caption', { hasText: 'Houders per competentie en organisatie in 2012, met de verandering tot 2017' }).waitFor();
  const heads = await page.locator('table thead th').allInnerTexts();
  assert.deepEqual(heads.map((h) => h.trim()), ['Competentie', 'Dalfsen', 'Staphorst', 'Zwartewaterland', 'Netwerk samen']);
  // Staphorst lacks informatiebeveiliging (Klaas has only basis level); Zwartewaterland depends on Ruud, retiring 2016.
  assert.equal(await cellText(page, 'informatiebeveiliging', 2), '0 ✕ ontbreekt');
  assert.equal(await cellText(page, 'informatiebeveiliging', 3), '1 ! één-pitter ▼ 2017: ontbreekt (0) +1 vervanger');
  assert.match(await cellText(page, 'informatiebeveiliging', 4), /^3 ✓ gedekt ▼ 2017: één-pitter \(1\)$/);
  assert.equal(await cellText(page, 'woz-taxatie', 2), '1 ! één-pitter ▼ 2017: ontbreekt (0) +2 vervangers');
  // Every coloured cell says its status in words too.
  for (const [cls, word] of [['gedekt', 'gedekt'], ['een-pitter', 'één-pitter'], ['ontbreekt', 'ontbreekt']]) {
    const texts = await page.locator(`td.samen-kk--${cls}`).allInnerTexts();
    assert.ok(texts.length > 0, cls);
    for (const t of texts) assert.ok(t.includes(word), `${cls}: ${t}`);
  }
  const legend = await page.locator('.samen-kk-legend').innerText();
  for (const w of ['gedekt', 'één-pitter', 'ontbreekt', 'n.v.t.', '2017']) assert.ok(legend.includes(w), w);
  assert.match(await page.locator('#kop-netwerk + ul').innerText(), /2017: .*Informatiebeveiliging/s);
  assert.deepEqual(await axeViolations(page), [], 'axe on the heatmap');
  await frameChecks(page, problems, 'heatmap');
  await shoot(page, 'kwaliteitskaart-heatmap');
  await context.close();
});

test('heatmap: the year selector and the verband filter work without JavaScript', async () => {
  const { page, context, problems } = await signedIn('kk-manager-dalfsen', { javaScriptEnabled: false });
  await page.goto(`${srv.url}/kwaliteitskaart?jaar=2012`);
  // All organisations with a map: DSZ and the six Drechtsteden.
  assert.equal(await page.locator('table thead th').count(), 1 + 9 + 1);
  assert.equal(await cellText(page, 'gba', 2), '— niet van toepassing', 'a Drechtsteden competence does not apply to Dalfsen');
  await page.selectOption('#verband', 'dsz');
  await page.selectOption('#jaar', '2017');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Toon' }).click()]);
  const url = new URL(page.url());
  assert.deepEqual([url.searchParams.get('verband'), url.searchParams.get('jaar')], ['dsz', '2017']);
  await page.locator('table caption', { hasText: 'in 2017, met de verandering tot 2022' }).waitFor();
  assert.equal(await page.locator('#jaar').inputValue(), '2017');
  assert.equal(await cellText(page, 'woz-taxatie', 2), '0 ✕ ontbreekt', 'Staphorst has lost Gerrit (2015)');
  assert.match(await cellText(page, 'informatiebeveiliging', 4), /^1 ! één-pitter/, 'the whole network depends on Jeroen');
  // The quick link back to 2012.
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '2012 (bronstukken)' }).click()]);
  assert.equal(new URL(page.url()).searchParams.get('jaar'), '2012');
  // A wrong year is a 400 with the form and a message.
  const bad = await page.goto(`${srv.url}/kwaliteitskaart?jaar=twintig`);
  assert.equal(bad.status(), 400);
  assert.match(await page.locator('.samen-alert').innerText(), /Kies een jaar/);
  await frameChecks(page, problems, 'heatmap without JS');
  await context.close();
});

test('heatmap: anonymous visitors are asked to sign in', async () => {
  const v = await newPage(browser);
  const res = await v.page.goto(`${srv.url}/kwaliteitskaart`);
  assert.equal(res.status(), 401);
  assert.equal(await v.page.locator('a[href="/kwaliteitskaart"]').count(), 0, 'no nav link when signed out');
  await v.context.close();
});

test('person page: skills, substitutions, and personal data only for the own organisation', async () => {
  const gerrit = ids['GM0180/Gerrit Brouwer'];
  const own = await signedIn('kk-manager-staphorst');
  await own.page.goto(`${srv.url}/medewerkers/${gerrit}`);
  assert.equal(await own.page.locator('h1').innerText(), 'Gerrit Brouwer');
  const facts = (await own.page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Pensioenjaar 2015/);
  assert.match((await own.page.locator('tr[data-competentie="woz-taxatie"]').innerText()).replace(/\s+/g, ' '), /WOZ-taxatie 3 \(expert\) ja/);
  const subs = await own.page.locator('table', { hasText: 'Wie deze medewerker vervangen' }).innerText();
  assert.match(subs, /Ilse Nijenhuis/);
  assert.match(subs, /Bert Meulman/);
  assert.match(subs, /Dalfsen/);
  assert.equal(await own.page.locator('#kop-afwezig').count(), 1);
  assert.deepEqual(await axeViolations(own.page), [], 'axe on the person page (own organisation)');
  await frameChecks(own.page, own.problems, 'person page');
  await shoot(own.page, 'kwaliteitskaart-persoon');
  await own.context.close();

  const other = await signedIn('kk-manager-dalfsen');
  await other.page.goto(`${srv.url}/medewerkers/${gerrit}`);
  const text = await other.page.locator('main').innerText();
  assert.doesNotMatch(text, /Pensioenjaar|2015/);
  assert.equal(await other.page.locator('#kop-afwezig').count(), 0, 'no absences for another organisation');
  assert.equal(await other.page.locator('form[action$="/competenties"]').count(), 0, 'no forms for another organisation');
  assert.match(text, /WOZ-taxatie/);
  // Albert's illness in March 2012 is not shown to Dalfsen either.
  await other.page.goto(`${srv.url}/medewerkers/${ids['GM0180/Albert Zwiers']}`);
  assert.doesNotMatch(await other.page.locator('main').innerText(), /ziekte|maart 2012/);
  assert.deepEqual(await axeViolations(other.page), [], 'axe on the person page (other organisation)');
  await other.context.close();
});

test('person page: a manager changes a level and records an absence without JavaScript', async () => {
  const jos = ids['GM0180/Jos Bisschop'];
  const { page, context, problems } = await signedIn('kk-manager-staphorst', { javaScriptEnabled: false });
  await page.goto(`${srv.url}/medewerkers/${jos}`);
  await page.selectOption('#nieuwe-competentie', 'gis');
  await page.selectOption('#nieuw-niveau', '2');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Toevoegen' }).click()]);
  assert.equal(new URL(page.url()).pathname, `/medewerkers/${jos}`);
  assert.match(await page.locator('tr[data-competentie="gis"]').innerText(), /2 \(ervaren\)/);
  // Back to nothing through the row's own form.
  await page.selectOption('#niveau-gis', '0');
  await Promise.all([page.waitForNavigation(), page.locator('tr[data-competentie="gis"] button').click()]);
  assert.equal(await page.locator('tr[data-competentie="gis"]').count(), 0);
  // An absence; tot before van is refused with the reason on the page.
  await page.fill('#van', '2012-09-10');
  await page.fill('#tot', '2012-09-03');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vastleggen' }).click()]);
  // Back at the person's own address, the summary on top, what was typed kept.
  assert.equal(new URL(page.url()).pathname, `/medewerkers/${jos}`);
  assert.match(await page.locator('#fouten').innerText(), /niet vastgelegd/);
  assert.match(await page.locator('#tot-fout').innerText(), /ligt voor het begin \(10 september 2012\)/);
  assert.equal(await page.locator('#tot').inputValue(), '2012-09-03');
  await page.fill('#van', '2012-09-03');
  await page.fill('#tot', '2012-09-07');
  await page.selectOption('#reden', 'opleiding');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Vastleggen' }).click()]);
  assert.match((await page.locator('table', { hasText: 'Van' }).last().innerText()).replace(/\s+/g, ' '), /3 september 2012 7 september 2012 opleiding/);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Verwijderen/ }).click()]);
  assert.match(await page.locator('main').innerText(), /Geen afwezigheid vastgelegd/);
  await frameChecks(page, problems, 'person page forms');
  await context.close();
});

test('import page: a bad file gives every error by line and column and changes nothing; a good one is read', async () => {
  const { page, context, problems } = await signedIn('kk-manager-staphorst');
  await page.goto(`${srv.url}/kwaliteitskaart/import`);
  assert.equal(await page.locator('#organisatie').inputValue(), 'GM0180');
  assert.deepEqual(await page.locator('#organisatie option').allInnerTexts(), ['Staphorst (GM0180)'], 'only the own organisation');
  assert.deepEqual(await axeViolations(page), [], 'axe on the import page');
  const bad = join(srv.dir, 'staphorst-fout.csv');
  writeFileSync(bad, '\ufeffnaam;functie;uurPerWeek;gis;bag-beheer;woz\r\nNieuwe Collega;GIS-medewerker;32;2;4;1\r\nJos Bisschop;systeembeheerder;36;;;\r\nNieuwe Collega;x;32;1;;\r\n');
  await page.setInputFiles('#bestand', bad);
  const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.equal(resp.status(), 422);
  const rows = await page.locator('table', { hasText: /fout(en)? in het bestand/ }).locator('tbody tr').allInnerTexts();
  const lines = rows.map((r) => r.replace(/\s+/g, ' ').trim());
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], /^1 woz 'woz' is geen bekende competentie/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the error report');
  const bad2 = join(srv.dir, 'staphorst-fout2.csv');
  writeFileSync(bad2, 'naam;functie;uurPerWeek;gis;bag-beheer\r\nNieuwe Collega;GIS-medewerker;32;2;4\r\nNieuwe Collega;x;32;1;\r\n');
  await page.setInputFiles('#bestand', bad2);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  const lines2 = (await page.locator('table', { hasText: /fout(en)? in het bestand/ }).locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.deepEqual(lines2.map((l) => l.split(' ').slice(0, 2).join(' ')), ['2 bag-beheer', '3 naam']);
  assert.equal((await srv.api('GET', '/api/v1/medewerkers?organisatie=GM0180')).json.some((m) => m.naam === 'Nieuwe Collega'), false, 'nothing written');
  const good = join(srv.dir, 'staphorst.csv');
  writeFileSync(good, 'naam;functie;uurPerWeek;gis;bag-beheer\r\nNieuwe Collega;GIS-medewerker;32;2;3\r\n');
  await page.setInputFiles('#bestand', good);
  const [ok] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Inlezen' }).click()]);
  assert.equal(ok.status(), 200);
  assert.match(await page.locator('.samen-kk-done').innerText(), /1 nieuw.*Nieuw: Nieuwe Collega/s);
  await frameChecks(page, problems, 'import page');
  await shoot(page, 'kwaliteitskaart-import');
  await context.close();
});
