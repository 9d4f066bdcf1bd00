// The web pages in a real browser: every page meets WCAG 2.1 AA (axe), the
// browser reports no errors (a CSP refusal of an inline style or script is
// one), and the facts of the seed documents are on the screen.
// Screenshots land in /tmp/samen-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, openPage, axeViolations, shoot, rowText } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Opens path, checks the status, the browser's complaints and (axe: true)
// WCAG 2.1 AA, takes a screenshot; returns the page for the facts. The
// caller closes it. axe is the slow part, so it runs once per kind of page.
async function visit(path, { status = 200, shot, axe = false, javaScriptEnabled = true } = {}) {
  const v = await openPage(browser, srv.url + path, { javaScriptEnabled });
  assert.equal(v.response.status(), status, `status of ${path}`);
  assert.match(v.response.headers()['content-type'], /^text\/html; charset=utf-8/);
  assert.equal(await v.page.getAttribute('html', 'lang'), 'nl');
  if (axe) assert.deepEqual(await axeViolations(v.page), [], `axe violations on ${path}`);
  assert.deepEqual(v.problems, [], `browser problems on ${path}`);
  assert.equal(await v.page.locator('[style]').count(), 0, 'no style attributes (the CSP blocks them)');
  assert.equal(await v.page.locator('style, script:not([src])').count(), 0, 'no inline <style> or <script>');
  if (shot) await shoot(v.page, shot);
  return v;
}

const captionOf = (page, text) => page.locator('table caption', { hasText: text });

test('home lists the verbanden and organisaties as tables, numbers the Dutch way', async () => {
  const { page, context } = await visit('/', { shot: 'home', axe: true });
  await assert.doesNotReject(captionOf(page, 'Alle samenwerkingsverbanden').waitFor());
  assert.ok(await page.locator('table th[scope="col"]').count() >= 7);
  const dsz = await rowText(page, 'Alle samenwerkingsverbanden', 'DSZ (Dalfsen');
  assert.match(dsz, /\b3\b/);
  assert.match(dsz, /kwaliteit/);
  assert.match(await rowText(page, 'Alle samenwerkingsverbanden', 'SSC Zwolle'), /3 \(\+1 toehoorder\)/);
  assert.equal(await page.locator('a[href="/verbanden/dsz"]').count(), 1);
  assert.match(await rowText(page, 'Alle organisaties', 'Dalfsen'), /GM0148 gemeente 28\.000/);
  assert.match(await rowText(page, 'Alle organisaties', 'Provincie Overijssel'), /PV23 provincie 1\.140\.000/);
  assert.match(await rowText(page, 'Alle organisaties', 'Veiligheidsregio IJsselland'), /gemeenschappelijke regeling onbekend/);
  // The skip link is out of sight until focused, then visible.
  await page.keyboard.press('Tab');
  const skip = page.locator('.samen-skiplink');
  assert.equal(await skip.evaluate((e) => e === document.activeElement), true);
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 10, 'skip link visible on focus');
  await page.locator('a[href="/organisaties/GM0148"]').click();
  await page.waitForURL(/\/organisaties\/GM0148$/);
  await context.close();
});

test('Dalfsen on 8 March 2012: ICT with Staphorst and Zwartewaterland, tourism with Ommen and Hardenberg', async () => {
  const { page, context } = await visit('/organisaties/GM0148?datum=2012-03-08', { shot: 'organisatie', axe: true });
  assert.equal(await page.locator('h1').innerText(), 'Dalfsen');
  const facts = (await page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Soort gemeente/);
  assert.match(facts, /https:\/\/identifier\.overheid\.nl\/tooi\/id\/gemeente\/gm0148/);
  assert.match(facts, /Inwoners 28\.000/);
  assert.match(await rowText(page, 'Verbanden waarvan Dalfsen', 'SSC Zwolle'), /toehoorder 1 maart 2012 heden/);
  await assert.doesNotReject(captionOf(page, 'Partners van Dalfsen per taakveld op 8 maart 2012').waitFor());
  assert.equal(await page.inputValue('input[name="datum"]'), '2012-03-08');
  const ict = await rowText(page, 'Partners van Dalfsen', 'ICT');
  assert.match(ict, /^ICT en informatievoorziening Staphorst, Zwartewaterland DSZ/);
  const rec = await rowText(page, 'Partners van Dalfsen', 'Recreatie en toerisme');
  assert.match(rec, /Hardenberg, Ommen Vechtdal/);
  assert.doesNotMatch(rec, /Staphorst/);
  // Partners and verbanden are links.
  const row = page.locator('tr[data-taakveld="recreatie-toerisme"]');
  assert.equal(await row.locator('a[href="/organisaties/GM0175"]').innerText(), 'Ommen');
  assert.equal(await row.locator('a[href="/verbanden/vechtdal"]').count(), 1);
  // Not yet in the RUD network on this date: VTH only with DSZ.
  assert.match(await rowText(page, 'Partners van Dalfsen', 'Vergunningverlening'), /Staphorst, Zwartewaterland DSZ/);
  await context.close();
});

test('Zwolle on 1 June 2013: PSA in the SSC with Kampen and Provincie Overijssel; the quick links change the date', async () => {
  const { page, context } = await visit('/organisaties/GM0193?datum=2013-06-01');
  const psa = await rowText(page, 'Partners van Zwolle', 'Personeels- en salarisadministratie');
  assert.match(psa, /Kampen, Provincie Overijssel SSC Zwolle/);
  assert.doesNotMatch(psa, /Dalfsen/, 'a toehoorder is no partner');
  assert.equal(await page.locator('.samen-quicklinks a[aria-current]').innerText(), '1 juni 2013');
  await page.locator('.samen-quicklinks a', { hasText: '8 maart 2012' }).click();
  await page.waitForURL(/datum=2012-03-08/);
  await assert.doesNotReject(captionOf(page, 'op 8 maart 2012').waitFor());
  await assert.rejects(rowText(page, 'Partners van Zwolle', 'Personeels- en salarisadministratie'), /no row/,
    'the SSC starts in 2013');
  assert.match(await rowText(page, 'Partners van Zwolle', 'Crisisbeheersing'), /Veiligheidsregio IJsselland$/);
  await context.close();
});

test('a wrong date is a Dutch message with status 400, an unknown code a 404 page', async () => {
  let v = await visit('/organisaties/GM0148?datum=2012-13-45', { status: 400, shot: 'datumfout', axe: true });
  assert.match(await v.page.locator('.samen-alert').innerText(), /geen geldige datum/);
  assert.equal(await v.page.getAttribute('input[name="datum"]', 'aria-invalid'), 'true');
  assert.equal(await v.page.locator('table caption', { hasText: 'Partners van' }).count(), 0);
  await v.context.close();
  v = await visit('/organisaties/GM9999', { status: 404 });
  assert.equal(await v.page.locator('h1').innerText(), 'Niet gevonden');
  assert.match(await v.page.locator('main').innerText(), /geen organisatie met deze code/);
  await v.context.close();
  v = await visit('/verbanden/bestaat-niet', { status: 404 });
  assert.match(await v.page.locator('main').innerText(), /geen samenwerkingsverband met deze code/);
  await v.context.close();
});

test('an unknown address is a Dutch 404 page in the frame', async () => {
  const { page, context } = await visit('/dit/bestaat/niet', { status: 404, shot: '404', axe: true });
  assert.equal(await page.locator('h1').innerText(), 'Niet gevonden');
  assert.match(await page.locator('main').innerText(), /Deze pagina bestaat niet/);
  assert.equal(await page.locator('main a[href="/"]').count(), 1);
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').count() >= 2, true);
  await context.close();
});

test('verband DSZ: doelen, no cherry-picking rule, members, trajecten in readable Dutch', async () => {
  const { page, context } = await visit('/verbanden/dsz', { shot: 'verband', axe: true });
  assert.match(await page.locator('h1').innerText(), /^DSZ \(Dalfsen/);
  const facts = (await page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Doelen \(de K's\) klant, kosten, kwetsbaarheid, kwaliteit, toekomstkansen van de medewerkers/);
  assert.match(facts, /Geen cherry-picking Nee/);
  assert.match(await rowText(page, 'Leden', 'Staphorst'), /lid 1 januari 2010 heden huidig lid/);
  const brandweer = await rowText(page, 'Trajecten', 'Brandweer');
  assert.match(brandweer, /implementatie netwerk bijstand Dalfsen, Staphorst, Zwartewaterland stuurgroep DSZ 1 januari 2010 1 januari 2014 1 januari 2014/);
  assert.match(await rowText(page, 'Trajecten', 'Inkoop'), /gezamenlijke uitvoering/);
  const body = await page.locator('main').innerText();
  assert.doesNotMatch(body, /gezamenlijke-uitvoering|beeindigd/);
  await context.close();

  const ssc = await visit('/verbanden/ssc-zwolle');
  assert.match((await ssc.page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' '), /Geen cherry-picking Ja/);
  const psa = await rowText(ssc.page, 'Trajecten', 'Personeels- en salarisadministratie');
  assert.match(psa, /uitvoering centrumregeling integratie Kampen, Provincie Overijssel, Zwolle/);
  await ssc.context.close();
});

test('the network picture: accessible SVG, lines by shared taakvelden, the same links as a table', async () => {
  const { page, context } = await visit('/netwerk?datum=2013-06-01', { shot: 'netwerk', axe: true });
  const svg = page.locator('svg.samen-netwerk');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.locator('title').first().textContent(), /Netwerk van samenwerking op 1 juni 2013/);
  assert.match(await svg.locator('desc').textContent(), /28 organisaties/);
  const lines = await svg.locator('path.samen-netwerk__link').count();
  const rows = await page.locator('table', { has: page.locator('caption', { hasText: 'Netwerk van samenwerking' }) })
    .locator('tbody tr').count();
  assert.ok(lines > 20);
  // The table shows them 50 a page (web/page_listing.h) and counts them all.
  assert.equal(rows, Math.min(lines, 50));
  assert.equal(await page.locator('.samen-listing-count').innerText(),
    lines > 50 ? `Rij 1 tot en met 50 van ${lines}.` : `${lines} rijen.`, 'every line is a row of the table');
  // Dalfsen and Staphorst share many taakvelden, Deventer and Dalfsen two (VR, RUD): a wider line.
  const width = async (t) => Number(await svg.locator('path', { has: page.locator(`title:text-is("${t}")`) }).getAttribute('stroke-width'));
  const dsz = await svg.locator('path title', { hasText: 'Dalfsen – Staphorst' }).textContent();
  const n = Number(dsz.match(/: (\d+) taakvelden/)[1]);
  assert.ok(n >= 9, dsz);
  assert.ok(await width(dsz) > await width('Dalfsen – Deventer: 3 taakvelden'));
  assert.match(await rowText(page, 'Netwerk van samenwerking', 'Dalfsen'), /Dalfsen Deventer 3 Crisisbeheersing/);
  await page.locator('figure').screenshot({ path: '/tmp/samen-netwerk-kaart.png' });
  // As served, the picture is a well-formed SVG document on its own.
  const html = await (await fetch(srv.url + '/netwerk?datum=2013-06-01')).text();
  const source = html.match(/<svg[\s\S]*?<\/svg>/)[0];
  const parsed = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
    return { error: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.localName };
  }, source);
  assert.deepEqual(parsed, { error: 0, root: 'svg' });
  await context.close();

  // One taakveld: only the SSC and STAAN work together on PSA then.
  const psa = await visit('/netwerk?datum=2013-06-01&taakveld=psa');
  const names = await psa.page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll('th, td')].slice(0, 2).map((c) => c.innerText).join(' – ')));
  assert.deepEqual(names.sort(), ['Aa en Hunze – Assen', 'Aa en Hunze – Noordenveld', 'Aa en Hunze – Tynaarlo',
    'Assen – Noordenveld', 'Assen – Tynaarlo', 'Kampen – Provincie Overijssel', 'Kampen – Zwolle',
    'Noordenveld – Tynaarlo', 'Provincie Overijssel – Zwolle']);
  assert.equal(await psa.page.locator('select[name="taakveld"] option:checked').innerText(),
    'Personeels- en salarisadministratie (PSA)');
  await psa.page.locator('figure').screenshot({ path: '/tmp/samen-netwerk-psa.png' });
  await psa.context.close();

  const bad = await visit('/netwerk?datum=2013-02-30', { status: 400 });
  assert.match(await bad.page.locator('.samen-alert').innerText(), /geen geldige datum/);
  await bad.context.close();
});

test('without JavaScript the forms still work: the date form changes the matrix, the network filters', async () => {
  const { page, context } = await visit('/organisaties/GM0148?datum=2012-03-08', { javaScriptEnabled: false });
  assert.doesNotMatch(await rowText(page, 'Partners van Dalfsen', 'Vergunningverlening'), /Deventer/);
  await page.fill('input[name="datum"]', '2013-06-01');
  await page.locator('form.samen-filter button[type="submit"]').click();
  await page.waitForURL(/datum=2013-06-01/);
  await assert.doesNotReject(captionOf(page, 'op 1 juni 2013').waitFor());
  const vth = await rowText(page, 'Partners van Dalfsen', 'Vergunningverlening');
  assert.match(vth, /Deventer/, 'from 2013 the RUD network adds partners');
  assert.match(vth, /Netwerk RUD IJsselland/);

  await page.goto(srv.url + '/netwerk?datum=2013-06-01');
  await page.selectOption('select[name="taakveld"]', 'ict');
  await page.locator('form.samen-filter button[type="submit"]').click();
  await page.waitForURL(/taakveld=ict/);
  assert.match(await page.locator('h2', { hasText: 'Netwerk van samenwerking' }).innerText(), /taakveld ICT en informatievoorziening/);
  await context.close();
});

test('the style sheets are served with their type and a cache lifetime; other names are 404', async () => {
  for (const name of ['utrecht.css', 'tokens.css', 'samen.css']) {
    const r = await fetch(`${srv.url}/static/${name}`);
    assert.equal(r.status, 200, name);
    assert.equal(r.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=3600');
    assert.ok((await r.text()).length > 1000, `${name} has content`);
  }
  for (const name of ['nope.css', '..%2Fmigrations%2F001_register.sql', 'netwerk.json']) {
    const r = await fetch(`${srv.url}/static/${name}`);
    assert.equal(r.status, 404, name);
    assert.match(await r.text(), /Niet gevonden/);
  }
});

test('text from the register is escaped; a former member is marked as such', async () => {
  const naam = `<img src=x onerror="window.pwned=1"> & 'Co' "B.V."`;
  let r = await srv.api('POST', '/api/v1/organisaties', { code: 'XSS-TEST', naam, soort: 'overig' });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', '/api/v1/verbanden/wol/leden', { organisatie: 'XSS-TEST', rol: 'lid', van: '2009-01-01' });
  assert.equal(r.status, 201, r.text);
  r = await srv.api('POST', '/api/v1/verbanden/wol/leden/XSS-TEST/uittreding', { datum: '2011-01-01' });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('POST', '/api/v1/verbanden/wol/trajecten', {
    taakveld: 'repro', fase: 'beeindigd', vorm: 'dvo', intensiteit: 'informatie', deelnemers: ['GM0880', 'GM0431'],
    start: '2009-01-01', eind: '2010-06-01', wettelijkeDeadline: null,
  });
  assert.equal(r.status, 201, r.text);

  const org = await visit('/organisaties/XSS-TEST');
  assert.equal(await org.page.locator('h1').innerText(), naam);
  assert.equal(await org.page.evaluate(() => window.pwned), undefined);
  assert.equal(await org.page.locator('main img').count(), 0);
  await org.context.close();

  const wol = await visit('/verbanden/wol', { shot: 'verband-oud-lid', axe: true });
  const row = wol.page.locator('tr.samen-row--former');
  assert.equal(await row.count(), 1);
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /lid 1 januari 2009 1 januari 2011 voormalig lid/);
  assert.match(await rowText(wol.page, 'Leden', 'Wormerland'), /heden huidig lid/);
  assert.match(await rowText(wol.page, 'Trajecten', 'Repro'),
    /^Repro beëindigd dienstverleningsovereenkomst \(DVO\) informatie-uitwisseling Oostzaan, Wormerland .* 1 januari 2009 1 juni 2010 —$/);
  await wol.context.close();
});
