// The pages of choosing and running cooperation and the council's report,
// in Chromium: each meets WCAG 2.1 AA (axe) with no CSP complaints, the
// seeds' facts are on them, the forms work without JavaScript, and the
// report prints on A4: its PDF has pages, and the first page as PNG lands
// in /tmp/samen-rapport-dalfsen.png to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot, rowText } from '../lib/browser.mjs';

const PW = 'Besturing-test-wachtwoord-1';
let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'bt-raadslid-dalfsen', rol: 'raadslid', organisatie: 'GM0148' },
    { naam: 'bt-raadslid-staphorst', rol: 'raadslid', organisatie: 'GM0180' },
    { naam: 'bt-stuurgroep-dsz', rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
    { naam: 'bt-stuurgroep-staan', rol: 'stuurgroep', organisatie: 'GM1730', verband: 'staan' },
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

// A page in a fresh context, signed in as naam (or anonymous) through the login form.
async function as(naam) {
  const v = await newPage(browser);
  if (naam) {
    await v.page.goto(`${srv.url}/inloggen`);
    await v.page.getByLabel('Naam').fill(naam);
    await v.page.getByLabel('Wachtwoord').fill(PW);
    await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  }
  return v;
}

// Opens path in v, checks status, WCAG 2.1 AA, the CSP and the frame.
async function visit(v, path, { status = 200, shot, axe = true } = {}) {
  const res = await v.page.goto(srv.url + path, { waitUntil: 'load' });
  assert.equal(res.status(), status, `status of ${path}`);
  assert.equal(await v.page.getAttribute('html', 'lang'), 'nl');
  if (axe) assert.deepEqual(await axeViolations(v.page), [], `axe violations on ${path}`);
  assert.deepEqual(v.problems, [], `browser problems on ${path}`);
  assert.equal(await v.page.locator('[style]').count(), 0, 'no style attributes (the CSP blocks them)');
  assert.equal(await v.page.locator('style, script:not([src])').count(), 0, 'no inline <style> or <script>');
  if (shot) await shoot(v.page, shot);
  return v.page;
}

const ictId = async () => {
  const r = await srv.api('GET', '/api/v1/trajecten?verband=dsz&taakveld=ict', null, { token: null });
  return r.json[0].id;
};
const trajectId = async (taakveld) =>
  (await srv.api('GET', `/api/v1/trajecten?verband=dsz&taakveld=${taakveld}`, null, { token: null })).json[0].id;

test('the overview, the WOL survey and the STAAN scoring read as the seeds', async () => {
  const v = await as(null);
  let page = await visit(v, '/besturing', { shot: 'besturing' });
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Besturing' }).getAttribute('aria-current'), 'page');
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rapporten' }).count(), 0, 'no reports for anonymous');
  assert.match(await rowText(page, 'Verkenningsrondes', 'Verkenningsronde WOL'), /WOL.*1 september 2007/);
  assert.match(await rowText(page, 'Trajecten met mijlpalen', 'ICT en informatievoorziening'), /DSZ/);

  page = await visit(v, '/verkenningen/wol-2007', { shot: 'verkenning' });
  const chosen = await page.locator('tr.bst-gekozen th').allInnerTexts();
  assert.deepEqual(chosen.map((t) => t.trim()).sort(),
    ['Bouw- en woningtoezicht en handhaving', 'Burgerzaken', 'Dienstverlening', 'Juridische zaken', 'Milieu',
      'Personeel en organisatie (P&O)', 'Wmo (maatschappelijke ondersteuning)']);

  page = await visit(v, '/scoringen/staan-2012', { shot: 'scoring' });
  assert.match(await rowText(page, 'Uitslag van de scoring', 'Belastingen'), /4,61 .* zeer kansrijk geen Tonnie Vos \(Tynaarlo\)/);
  assert.match(await rowText(page, 'Uitslag van de scoring', 'Lean'), /Noordenveld \(2,57\) 2,14 kansrijk/);
  assert.match(await rowText(page, 'Uitslag van de scoring', 'ICT'), /kansrijk op termijn/);
  assert.equal(await page.locator('form[action="/scoringen/staan-2012/scores"]').count(), 0, 'no form for anonymous');
  await v.context.close();
});

test('a member of the STAAN stuurgroep scores for its own organisation through the form, without JavaScript', async () => {
  const v = await as('bt-stuurgroep-staan');
  let page = await visit(v, '/scoringen/staan-2012');
  await assert.doesNotReject(page.getByRole('heading', { name: /^Scoren voor Tynaarlo/ }).waitFor());
  // One table: every taakveld a row, every criterium a column, with what was scored before.
  await page.locator('#score-0-0').selectOption('5');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Scores opslaan' }).click()]);
  assert.match(page.url(), /\/scoringen\/staan-2012\?opgeslagen=1#kop-uitslag$/);
  assert.match(await page.locator('.bst-gelukt').innerText(), /De scores zijn opgeslagen/);
  assert.equal(await page.locator('#score-0-0').inputValue(), '5', 'the form shows the current scores');
  // Nothing chosen: back at the scoring's own address with the summary, which has the focus.
  for (const sel of await page.locator('.bst-scoretabel select').all()) await sel.selectOption('');
  const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Scores opslaan' }).click()]);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/scoringen/staan-2012');
  assert.equal(await page.locator('#fouten:focus').count(), 1, 'the summary has the focus');
  assert.match(await page.locator('#fouten').innerText(), /kies ten minste één score/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the form with an error');
  await v.context.close();
});

test('a traject: the ICT business case, milestones with their delays, decisions; the forms for the stuurgroep', async () => {
  const ict = await ictId();
  const anon = await as(null);
  let page = await visit(anon, `/trajecten/${ict}`, { shot: 'traject' });
  assert.match(await page.locator('h1').innerText(), /ICT en informatievoorziening/);
  assert.match(await page.locator('main').innerText(), /verdient zich niet terug binnen 3 jaar/);
  assert.match(await rowText(page, 'Businesscase per organisatie', 'Dalfsen'), /€ 50\.000 € 685\.351 € 120\.000 −€ 615\.351 −€ 615\.351 niet binnen 3 jaar/);
  assert.match(await rowText(page, 'Besluiten over dit traject', '1 mei 2012'), /stuurgroep niet akkoord \(no-go\) ICT-pool en poolmanager/);
  assert.equal(await page.locator('svg[role="img"] title').first().textContent(), 'Tijdlijn van de mijlpalen van ICT en informatievoorziening');
  assert.equal(await page.locator('form').filter({ hasText: 'Besluit vastleggen' }).count(), 0, 'no forms for anonymous');
  await anon.context.close();

  const inkoop = await trajectId('inkoop');
  const anon2 = await as(null);
  page = await visit(anon2, `/trajecten/${inkoop}`, { axe: false });
  assert.match(await rowText(page, 'Mijlpalen met hun geschiedenis', 'Werkgroep Inkoop'),
    /24 september 2012 .*1 mei 2012 → 24 september 2012 \(1 september 2012\): Contacten met Zwolle, Kampen en Provincie/);
  await anon2.context.close();

  // The stuurgroep of DSZ postpones the facilitair milestone, reports it done, records a decision.
  const fac = await trajectId('facilitair');
  const v = await as('bt-stuurgroep-dsz');
  page = await visit(v, `/trajecten/${fac}`, { shot: 'traject-stuurgroep' });
  const row = page.locator('tr', { hasText: 'Werkgroep Facilitaire Zaken doet verslag' });
  await row.locator('summary', { hasText: 'Bijwerken' }).click();
  await row.getByLabel('Nieuwe deadline').fill('2012-10-15');
  await row.getByLabel('Reden').fill('De stuurgroep gaf de werkgroep tot half oktober; vakanties.');
  await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: 'Uitstellen' }).click()]);
  assert.match(page.url(), /gelukt=uitstel/);
  assert.match(await page.locator('.bst-gelukt').innerText(), /uitstel is vastgelegd/);
  assert.match(await rowText(page, 'Mijlpalen met hun geschiedenis', 'Werkgroep Facilitaire Zaken'),
    /15 oktober 2012 .*1 juni 2012 → 15 oktober 2012 .*half oktober; vakanties/);
  // An earlier deadline is refused with the reason, and nothing changes.
  const row2 = page.locator('tr', { hasText: 'Werkgroep Facilitaire Zaken doet verslag' });
  await row2.locator('summary', { hasText: 'Bijwerken' }).click();
  await row2.getByLabel('Nieuwe deadline').fill('2012-07-01');
  await row2.getByLabel('Reden').fill('terug');
  const [res] = await Promise.all([page.waitForNavigation(), row2.getByRole('button', { name: 'Uitstellen' }).click()]);
  assert.equal(res.status(), 200, 'back at the traject\'s own address');
  assert.equal(new URL(page.url()).pathname, `/trajecten/${fac}`);
  assert.match(await page.locator('#fouten').innerText(), /later leggen dan 15 oktober 2012/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the traject page with an error');
  const row3 = page.locator('tr', { hasText: 'Werkgroep Facilitaire Zaken doet verslag' });
  if (!(await row3.locator('details[open]').count())) await row3.locator('summary', { hasText: 'Bijwerken' }).click();
  await row3.getByLabel('Gereed op').fill('2012-10-10');
  await Promise.all([page.waitForNavigation(), row3.getByRole('button', { name: 'Gereed melden' }).click()]);
  assert.match(await rowText(page, 'Mijlpalen met hun geschiedenis', 'Werkgroep Facilitaire Zaken'), /gereed op 10 oktober 2012/);
  // The decision form is on its own page, reached from the traject.
  assert.equal(await page.locator('form[action$="/besluiten"]').count(), 0, 'no creation form on the traject page');
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Besluit vastleggen' }).click()]);
  assert.equal(new URL(page.url()).pathname, `/trajecten/${fac}/besluiten/nieuw`);
  assert.deepEqual(await axeViolations(page), [], 'axe on the decision form page');
  // The stuurgroep's own step: a college step would first need the
  // stuurgroep's go and the OR (the decision trail, issue 10).
  await page.getByLabel('Orgaan').selectOption('stuurgroep');
  await page.getByLabel('Datum', { exact: true }).fill('2012-10-20');
  await page.getByLabel('Uitkomst').selectOption('go');
  await page.getByLabel('Onderwerp').fill('Businessplan Facilitaire Zaken');
  await page.locator('#besluit-toelichting').fill('Het college stemt in met het businessplan.');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Besluit vastleggen' }).click()]);
  assert.match(await rowText(page, 'Besluiten over dit traject', '20 oktober 2012'), /stuurgroep akkoord \(go\) Businessplan Facilitaire Zaken/);
  await v.context.close();
});

test('what is late on 30 September 2012, and the meldingen', async () => {
  const v = await as(null);
  let page = await visit(v, '/mijlpalen?datum=2012-09-30', { shot: 'te-laat' });
  assert.match(await rowText(page, 'Te laat op 30 september 2012', 'Werkgroep Inkoop'), /24 september 2012 6 was 1 mei 2012 werkgroep Inkoop/);
  assert.match(await rowText(page, 'Te laat op 30 september 2012', 'Werkgroep P&O'), /24 september 2012 6 was 1 mei 2012/);
  page = await visit(v, '/mijlpalen?datum=2012-13-40', { status: 400, axe: false });
  assert.equal(await page.getAttribute('input[name="datum"]', 'aria-invalid'), 'true');
  page = await visit(v, '/meldingen?organisatie=GM0180', { shot: 'meldingen' });
  assert.match(await page.locator('.bst-melding').first().innerText(), /Dalfsen werkt vanaf 2012-03-08 op het taakveld Belastingen .* ook samen met Kampen/);
  await v.context.close();
});

test('the report page: chosen from /rapporten, readable, prints on A4 as a council member expects', async () => {
  const v = await as('bt-raadslid-dalfsen');
  let page = await visit(v, '/rapporten', { shot: 'rapporten' });
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rapporten' }).getAttribute('aria-current'), 'page');
  assert.deepEqual(await page.locator('#rapport-organisatie option').allInnerTexts(), ['Dalfsen'], 'only its own organisation');
  await page.getByLabel('Van').fill('2012-03-01');
  await page.getByLabel('Tot en met').fill('2012-09-30');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Toon de stand van zaken' }).click()]);
  assert.match(page.url(), /\/rapporten\/stand-van-zaken\?organisatie=GM0148&van=2012-03-01&tot=2012-09-30$/);
  page = await visit(v, '/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30', { shot: 'rapport' });
  assert.equal(await page.locator('h1').innerText(), 'Stand van zaken bestuurlijke samenwerking');
  const main = (await page.locator('article.svz').innerText()).replace(/\s+/g, ' ');
  assert.match(main, /Gemeente Dalfsen Periode: 1 maart 2012 tot en met 30 september 2012/);
  assert.match(main, /ruim € 200\.000 per jaar/);
  assert.match(main, /Uitgesteld van 1 mei 2012 naar 24 september 2012/);
  assert.equal(await page.locator('.svz-acties a[href^="/api/v1/agenda?organisatie=GM0148"]').count(), 1);
  const md = page.locator('.svz-acties a', { hasText: 'Markdown' });
  const mdRes = await page.request.get(srv.url + (await md.getAttribute('href')));
  assert.equal(mdRes.status(), 200, 'the Markdown link works with the session');
  assert.match(await mdRes.text(), /^\n# Stand van zaken bestuurlijke samenwerking/);
  const ics = await page.request.get(`${srv.url}/api/v1/agenda?organisatie=GM0148`);
  assert.equal(ics.status(), 200);

  // On paper: A4 pages, the frame left off, and the first page as a picture.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.samen-header').isVisible(), false, 'no site header on paper');
  assert.equal(await page.locator('.svz-keuze').isVisible(), false, 'no form on paper');
  const dir = mkdtempSync(join(tmpdir(), 'samen-rapport-'));
  const pdf = join(dir, 'rapport.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  assert.ok(pages >= 3 && pages <= 12, `${pages} pages`);
  assert.match(info, /^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/m);
  const words = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(words, /Stand van zaken bestuurlijke samenwerking/);
  assert.match(words, /Gemeente Dalfsen/);
  assert.match(words, /pagina 1 van \d+/);
  assert.doesNotMatch(words, /Afmelden|Hoofdmenu|Netwerkkaart/, 'the frame is not printed');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-singlefile', pdf, '/tmp/samen-rapport-dalfsen']);
  assert.ok(existsSync('/tmp/samen-rapport-dalfsen.png'));
  assert.ok(readFileSync('/tmp/samen-rapport-dalfsen.png').length > 20000, 'the first page has content');
  await v.context.close();
});

test('the standalone report prints too; another municipality gets a refusal page', async () => {
  const v = await as('bt-raadslid-dalfsen');
  const page = await visit(v, '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30',
    { shot: 'rapport-los' });
  assert.equal(await page.locator('main article.svz h1').innerText(), 'Stand van zaken bestuurlijke samenwerking');
  const buf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  assert.ok(buf.length > 10000);
  await v.context.close();

  const other = await as('bt-raadslid-staphorst');
  const p2 = await visit(other, '/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30',
    { status: 403, shot: 'rapport-geweigerd' });
  assert.match(await p2.locator('main').innerText(), /Als raadslid van Staphorst kunt u dit niet doen voor Dalfsen/);
  await other.context.close();
  const anon = await as(null);
  await visit(anon, '/rapporten/stand-van-zaken?organisatie=GM0148', { status: 401, axe: false });
  await anon.context.close();
});
