// The urenbank pages in Chromium, on the demo (the Drechtsteden proeftuin
// beleid 2012): the overview tells its story, a medewerker books hours on
// the form, the principal's manager approves them in the queue and the
// balance page shows the changed saldo; rejecting needs a reason; the
// settlement preview, its confirmation and settling; the journal download;
// actions hidden from who may not do them. Booking and approval work with
// JavaScript disabled. axe finds no WCAG 2.1 AA violation on any kind of
// page. Screenshots: /tmp/samen-urenbank-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot, rowText } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord';
const PT = '/proeftuinen/dt2012';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'ub-medewerker-dd', rol: 'medewerker', organisatie: 'GM0505' },
    { naam: 'ub-manager-ad', rol: 'manager', organisatie: 'GM0482' },
    { naam: 'ub-manager-zw', rol: 'manager', organisatie: 'GM0642' },
    { naam: 'ub-procesmanager', rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
    { naam: 'ub-raadslid', rol: 'raadslid', organisatie: 'GM0505' },
  ];
  for (const u of users) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
  // The medewerker is Ingrid Koster: a medewerker sees her own booked hours
  // per day, not her colleagues' (issue 15, docs/privacy.md).
  const koster = (await srv.api('GET', '/api/v1/medewerkers?organisatie=GM0505')).json.find((m) => m.naam === 'Ingrid Koster');
  const link = await srv.api('PUT', '/api/v1/gebruikers/ub-medewerker-dd/medewerker', { medewerker: koster.id });
  assert.equal(link.status, 200, link.text);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedIn(naam, options) {
  const p = await newPage(browser, options);
  await p.page.goto(`${srv.url}/inloggen`);
  await p.page.getByLabel('Naam').fill(naam);
  await p.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return p;
}

// Checks every page the same way: status, no CSP trouble, no inline style or script.
async function go(p, path, status = 200) {
  const r = await p.page.goto(srv.url + path);
  assert.equal(r.status(), status, `status of ${path}`);
  await clean(p, path);
  return r;
}
async function clean(p, what) {
  assert.equal(await p.page.locator('[style]').count(), 0, `no style attributes on ${what}`);
  assert.equal(await p.page.locator('style, script:not([src])').count(), 0, `no inline <style> or <script> on ${what}`);
  assert.deepEqual(p.problems.filter((x) => !/HTTP 40[0-9]/.test(x)), [], `browser problems on ${what}`);
}
async function axe(page, what) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
}

// Minutes as the pages write them: "1.234:05".
const hours = (m) => {
  const a = Math.abs(m);
  const h = String(Math.floor(a / 60)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${m < 0 ? '−' : ''}${h}:${String(a % 60).padStart(2, '0')}`;
};
const saldi = async () => Object.fromEntries((await srv.api('GET', `/api/v1${PT}/saldi`)).json.map((s) => [s.organisatie, s]));
const signOut = async (page) => {
  await Promise.all([page.waitForNavigation(), page.locator('header').getByRole('button', { name: 'Afmelden' }).click()]);
};

test('the overview tells the story of the proeftuin: opdrachten by soort and status, who works for whom', async () => {
  const p = await signedIn('ub-raadslid');
  const { page } = p;
  await go(p, '/proeftuinen');
  await axe(page, '/proeftuinen');
  assert.match(await rowText(page, 'Alle proeftuinen', 'Proeftuin beleid Drechtsteden 2012'), /1 januari 2012 tot en met 31 december 2012 6 € 65,00 per uur 200:00 uur open/);
  await page.locator('header').getByRole('link', { name: 'Urenbank' }).waitFor();
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Proeftuin beleid Drechtsteden 2012' }).click()]);
  assert.equal(new URL(page.url()).pathname, PT);
  await clean(p, PT);
  await axe(page, PT);
  await shoot(page, 'urenbank-overzicht');
  const facts = (await page.locator('dl.samen-facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Tarief € 65,00 per uur/);
  assert.match(facts, /Kredietlimiet 200:00 uur per lid/);
  assert.match(facts, /Leden Alblasserdam, Dordrecht, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht, Zwijndrecht/);
  // Three kinds: two merged pairs (the economic visions, the Wmo regulations), and what was closed
  // during the year (the APV, the safety plan, the housing vision, the sustainability programme, the
  // two merged ones); the KCC training programme and the GBA-kwaliteitsslag are the open
  // dienstverlening opdrachten the matching proposes staff for.
  assert.match(await rowText(page, 'Opdrachten per soort en status', 'lokaal'), /^lokaal 3 4 4 /);
  assert.match(await rowText(page, 'Opdrachten per soort en status', 'meervoudig lokaal'), /^meervoudig lokaal 4 2 0 /);
  assert.match(await rowText(page, 'Opdrachten per soort en status', 'regionaal'), /^regionaal 2 0 0 /);
  assert.match(await rowText(page, 'Lokale opdrachten', 'Economische visie Papendrecht'), /samengevoegd in: Economische visie Papendrecht–Sliedrecht 2020/);
  assert.match(await rowText(page, 'Lokale opdrachten', 'Herziening APV Alblasserdam'), /afgerond Hans Bakker \(Dordrecht\) 140:00 uur/);
  assert.match(await rowText(page, 'Meervoudig lokale opdrachten', 'Economische visie Papendrecht–Sliedrecht'), /samengevoegd uit: Economische visie Papendrecht \+ Economische agenda Sliedrecht/);
  assert.match(await rowText(page, 'Meervoudig lokale opdrachten', 'Decentralisatie jeugdzorg'), /Zwijndrecht \(45\), Papendrecht \(32\)/);
  assert.match(await rowText(page, 'Regionale opdrachten', 'Regionaal werkprogramma 2012'), /alle leden, naar inwoners/);
  // Who works for whom: row totals are gebracht, column totals gehaald.
  const s = await saldi();
  const names = { GM0505: 'Dordrecht', GM0642: 'Zwijndrecht', GM0590: 'Papendrecht', GM0531: 'Hendrik-Ido-Ambacht', GM0610: 'Sliedrecht', GM0482: 'Alblasserdam' };
  for (const [code, naam] of Object.entries(names)) {
    const row = await rowText(page, 'medewerkers van (rij)', naam);
    assert.ok(row.endsWith(`${hours(s[code].gebrachtMinuten)} uur`), `${naam}: ${row}`);
  }
  const gehaald = await rowText(page, 'medewerkers van (rij)', 'Gehaald');
  assert.equal(gehaald, `Gehaald ${Object.keys(names).map((c) => `${hours(s[c].gehaaldMinuten)} uur`).join(' ')}`);
  assert.match(await rowText(page, 'Urenregels per status', 'afgekeurd'), / 1 8:00 uur$/);
  assert.match(await rowText(page, 'Urenregels per status', 'gecorrigeerd'), / 1 3:00 uur$/);
  // A raadslid reads, but books, approves and settles nothing.
  const tabs = await page.locator('nav.samen-ub-tabs').innerText();
  assert.doesNotMatch(tabs, /Uren boeken|Goedkeuren/);
  assert.equal(await page.getByRole('link', { name: 'Matchingsvoorstel' }).count(), 0);
  await go(p, `${PT}/uren/nieuw`, 403);
  await go(p, `${PT}/goedkeuren`, 403);
  await go(p, `${PT}/afrekening`);
  assert.equal(await page.getByRole('button', { name: /Afrekenen/ }).count(), 0);
  await p.context.close();
});

test('the balance page: a table in hours and a chart with the credit limit, the same numbers in both', async () => {
  const p = await signedIn('ub-raadslid');
  const { page } = p;
  await go(p, `${PT}/saldi`);
  await axe(page, 'saldi');
  await shoot(page, 'urenbank-saldi');
  const s = await saldi();
  // The story: Dordrecht brings much; Alblasserdam takes more than it brings and paid in money.
  assert.ok(s.GM0505.saldoMinuten > 20000, 'Dordrecht brings much');
  assert.ok(s.GM0482.gehaaldMinuten > s.GM0482.gebrachtMinuten + 6000, 'Alblasserdam takes more than it brings');
  assert.equal(s.GM0482.gestortMinuten, 6000);
  for (const [code, x] of Object.entries(s)) {
    const row = await rowText(page, 'Saldo en trekkingsrechten', x.naam);
    const sign = (m) => (m > 0 ? '+' : '');
    assert.equal(row, `${x.naam} ${hours(x.gebrachtMinuten)} uur ${hours(x.gehaaldMinuten)} uur ${hours(x.gestortMinuten)} uur `
      + `${sign(x.saldoMinuten)}${hours(x.saldoMinuten)} uur ${hours(x.vastgelegdMinuten)} uur ${sign(x.beschikbaarMinuten)}${hours(x.beschikbaarMinuten)} uur`, code);
  }
  const chart = page.locator('svg.samen-saldi');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await chart.locator('title').first().textContent(), 'Saldo per gemeente met de kredietlimiet');
  const desc = await chart.locator('desc').textContent();
  for (const x of Object.values(s)) assert.ok(desc.includes(`${x.naam} ${x.saldoMinuten > 0 ? '+' : ''}${hours(x.saldoMinuten)} uur`), desc);
  assert.match(desc, /kredietlimiet is 200:00 uur per lid/);
  assert.equal(await chart.locator('.samen-saldi__bar').count(), 6);
  assert.equal(await chart.locator('.samen-saldi__bar--min').count(), Object.values(s).filter((x) => x.saldoMinuten < 0).length);
  assert.match(await chart.locator('.samen-saldi__limit text').textContent(), /kredietlimiet −200:00 uur/);
  // The limit line lies left of the zero line, bars of a minus to its left.
  const x0 = await chart.locator('.samen-saldi__zero').evaluate((e) => e.getBBox().x);
  const xl = await chart.locator('.samen-saldi__limit path').evaluate((e) => e.getBBox().x);
  assert.ok(xl < x0);
  assert.match(await rowText(page, 'Stortingen', '1 februari 2012'), /Alblasserdam € 6\.500,00 100:00 uur € 0,00/);
  await p.context.close();
});

test('without JavaScript: a medewerker books hours, the principal\'s manager approves them, the balance page shows the new saldo', async () => {
  const opts = { javaScriptEnabled: false };
  const mw = await signedIn('ub-medewerker-dd', opts);
  let { page } = mw;
  await go(mw, PT);
  await Promise.all([page.waitForNavigation(), page.locator('nav.samen-ub-tabs').getByRole('link', { name: 'Uren boeken' }).click()]);
  assert.equal(new URL(page.url()).pathname, `${PT}/uren/nieuw`);
  await clean(mw, 'uren/nieuw');
  assert.equal(await page.locator('nav.samen-ub-tabs').getByRole('link', { name: 'Goedkeuren' }).count(), 0, 'a medewerker approves nothing');
  // Everything wrong at once: each error next to its field.
  await page.getByLabel('Tijd').fill('7,33');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Indienen' }).click()]);
  await clean(mw, 'booking errors');
  assert.equal(await page.getByLabel('Opdracht').getAttribute('aria-invalid'), 'true');
  // A medewerker books only as herself: her own name is the one choice (issue 9).
  assert.deepEqual(await page.locator('#medewerker option').allInnerTexts(), ['Ingrid Koster, programmasecretaris rMJP (Dordrecht)']);
  assert.equal(await page.getByLabel('Datum').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#tijd-fout').innerText(), /geen heel aantal minuten/);
  assert.equal(await page.getByLabel('Tijd').inputValue(), '7,33', 'what was typed stays');
  await shoot(page, 'urenbank-boeken-fouten');
  // The store's rule, next to its field: a date outside the proeftuin.
  await page.getByLabel('Opdracht').selectOption({ label: 'Regionaal werkprogramma 2012 (rMJP)' });
  await page.getByLabel('Medewerker').selectOption({ label: 'Ingrid Koster, programmasecretaris rMJP (Dordrecht)' });
  await page.getByLabel('Datum').fill('2013-01-02');
  await page.getByLabel('Tijd').fill('2:30');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Indienen' }).click()]);
  assert.match(await page.locator('#datum-fout').innerText(), /valt buiten \S.*\(1 januari/);
  // Right this time.
  const before = await saldi();
  await page.getByLabel('Datum').fill('2012-12-21');
  await page.getByLabel('Omschrijving (niet verplicht)').fill('jaarverslag rMJP 2012');
  const [nav] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Indienen' }).click()]);
  assert.equal(nav.status(), 200);
  const id = Number(new URL(page.url()).searchParams.get('ingediend'));
  assert.ok(id > 0, page.url());
  assert.match(await page.getByRole('status').innerText(), /Ingediend: 2:30 uur van Ingrid Koster op 21 december 2012 voor 'Regionaal werkprogramma 2012 \(rMJP\)'/);
  assert.match(await rowText(page, 'Laatst ingediende uren', '21 december 2012'), /Ingrid Koster Regionaal werkprogramma 2012 \(rMJP\) 2:30 uur ingediend/);
  await shoot(page, 'urenbank-boeken');
  assert.deepEqual(await saldi(), before, 'submitted hours do not count yet');
  await mw.context.close();

  // Alblasserdam shares the regional programme: its manager approves.
  const mgr = await signedIn('ub-manager-ad', opts);
  page = mgr.page;
  await go(mgr, `${PT}/saldi`);
  const oldRow = await rowText(page, 'Saldo en trekkingsrechten', 'Dordrecht');
  await go(mgr, PT);
  await Promise.all([page.waitForNavigation(), page.locator('nav.samen-ub-tabs').getByRole('link', { name: 'Goedkeuren' }).click()]);
  await clean(mgr, 'goedkeuren');
  await shoot(page, 'urenbank-goedkeuren');
  const row = page.locator(`#urenregel-${id}`);
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /21 december 2012 Ingrid Koster Dordrecht Regionaal werkprogramma 2012 \(rMJP\) 2:30 uur jaarverslag rMJP 2012/);
  await Promise.all([page.waitForNavigation(), row.getByRole('button', { name: `Goedkeuren urenregel ${id}` }).click()]);
  assert.equal(new URL(page.url()).pathname, `${PT}/goedkeuren`);
  assert.match(await page.getByRole('status').innerText(), /2:30 uur van Ingrid Koster is goedgekeurd en geboekt/);
  assert.equal(await page.locator(`#urenregel-${id}`).count(), 0, 'out of the queue');
  const after = await saldi();
  // 150 minutes on an opdracht of all six by inhabitants: Dordrecht's own share moves nothing.
  const own = after.GM0505.gebrachtMinuten - before.GM0505.gebrachtMinuten;
  assert.ok(own > 0 && own < 150, `Dordrecht brings the others' shares (${own})`);
  const taken = Object.keys(after).reduce((t, c) => t + after[c].gehaaldMinuten - before[c].gehaaldMinuten, 0);
  assert.equal(taken, own, 'what one brings the others take');
  assert.ok(after.GM0482.gehaaldMinuten > before.GM0482.gehaaldMinuten);
  await go(mgr, `${PT}/saldi`);
  const newRow = await rowText(page, 'Saldo en trekkingsrechten', 'Dordrecht');
  assert.notEqual(newRow, oldRow);
  assert.match(newRow, new RegExp(`\\+${hours(after.GM0505.saldoMinuten).replace('.', '\\.')} uur`));
  await mgr.context.close();
});

test('rejecting needs a reason, shown next to the field; the medewerker sees the reason (axe on the forms)', async () => {
  const mw = await signedIn('ub-medewerker-dd');
  await go(mw, `${PT}/uren/nieuw`);
  const { page } = mw;
  await axe(page, 'the booking form');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Indienen' }).click()]);
  assert.equal(await page.getByLabel('Opdracht').getAttribute('aria-invalid'), 'true');
  await axe(page, 'the booking form with errors');
  await page.getByLabel('Opdracht').selectOption({ label: 'Regionaal werkprogramma 2012 (rMJP)' });
  await page.getByLabel('Medewerker').selectOption({ label: 'Ingrid Koster, programmasecretaris rMJP (Dordrecht)' });
  await page.getByLabel('Datum').fill('2012-12-27');
  await page.getByLabel('Tijd').fill('90');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Indienen' }).click()]);
  const id = Number(new URL(page.url()).searchParams.get('ingediend'));
  assert.ok(id > 0);

  const mgr = await signedIn('ub-manager-ad');
  await go(mgr, `${PT}/goedkeuren`);
  await axe(mgr.page, 'the approval queue');
  let row = mgr.page.locator(`#urenregel-${id}`);
  const [r] = await Promise.all([mgr.page.waitForNavigation(), row.getByRole('button', { name: `Afkeuren urenregel ${id}` }).click()]);
  assert.equal(r.status(), 200, 'back at the queue\'s own address (post/redirect/get)');
  assert.equal(new URL(mgr.page.url()).pathname, `${PT}/goedkeuren`);
  row = mgr.page.locator(`#urenregel-${id}`);
  const reason = row.getByLabel('Reden van afkeuren');
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.match(await row.locator('.utrecht-form-field-error-message').innerText(), /Geef een reden/);
  await clean(mgr, 'reject without a reason');
  await axe(mgr.page, 'the queue with an error');
  await shoot(mgr.page, 'urenbank-afkeuren-fout');
  await reason.fill('Tussen kerst en oud en nieuw was het programmabureau dicht.');
  await Promise.all([mgr.page.waitForNavigation(), row.getByRole('button', { name: `Afkeuren urenregel ${id}` }).click()]);
  assert.match(await mgr.page.getByRole('status').innerText(), /1:30 uur van Ingrid Koster is afgekeurd/);
  const e = (await srv.api('GET', `/api/v1${PT}/uren/${id}`)).json;
  assert.equal(e.status, 'afgekeurd');
  assert.equal(e.beoordeeldDoor, 'ub-manager-ad');
  await mgr.context.close();

  await go(mw, `${PT}/uren/nieuw`);
  assert.match(await rowText(page, 'Laatst ingediende uren', '27 december 2012'), /afgekeurd reden: Tussen kerst en oud en nieuw was het programmabureau dicht\./);
  await mw.context.close();
});

test('a manager approves only for its own organisation\'s opdrachten', async () => {
  const { json: queue } = await srv.api('GET', `/api/v1${PT}/uren?status=ingediend&opdrachtgever=GM0482`);
  const onlyAd = queue.find((e) => e.opdracht && e.medewerkerNaam === 'Peter Dekker');
  assert.ok(onlyAd, 'the demo has Zwijndrecht hours on an opdracht of Alblasserdam waiting');
  const zw = await signedIn('ub-manager-zw');
  await go(zw, `${PT}/goedkeuren`);
  assert.equal(await zw.page.locator(`#urenregel-${onlyAd.id}`).count(), 0, 'not in Zwijndrecht\'s queue');
  // A forged form for it is refused.
  const csrf = await zw.page.locator('input[name="csrf"]').first().getAttribute('value');
  const r = await zw.page.request.post(`${srv.url}${PT}/uren/${onlyAd.id}/goedkeuren`, { form: { csrf }, maxRedirects: 0 });
  assert.equal(r.status(), 403);
  assert.equal((await srv.api('GET', `/api/v1${PT}/uren/${onlyAd.id}`)).json.status, 'ingediend');
  await zw.context.close();
  // Anonymous: no Urenbank in the menu, a sign-in page for its pages.
  const anon = await newPage(browser);
  await anon.page.goto(`${srv.url}/`);
  assert.equal(await anon.page.locator('header').getByRole('link', { name: 'Urenbank' }).count(), 0);
  assert.equal((await anon.page.goto(`${srv.url}${PT}/saldi`)).status(), 401);
  await anon.context.close();
});

test('the journal page: a period to download in a plain GET form, and the whole journal that hledger and ledger read', async () => {
  const p = await signedIn('ub-raadslid');
  await go(p, `${PT}/saldi`);
  const link = p.page.locator('nav.samen-ub-tabs').getByRole('link', { name: 'Journaal', exact: true });
  assert.equal(await link.getAttribute('href'), `${PT}/journaal`);
  await go(p, `${PT}/journaal`);
  await axe(p.page, 'journaal');
  // The most recent month with transactions is chosen in a GET form: submitting it asks for ?periode=<month>.
  const month = await p.page.getByLabel('Periode', { exact: true }).inputValue();
  assert.match(month, /^\d{4}-\d{2}$/);
  const form = p.page.locator('form.samen-filter');
  assert.equal(await form.getAttribute('method'), 'get');
  assert.equal(await form.getAttribute('action'), `${PT}/journaal`);
  assert.equal(await p.page.getByLabel('Periode', { exact: true }).getAttribute('name'), 'periode');
  assert.equal(await form.getByRole('button', { name: 'Journaal downloaden' }).count(), 1);
  const r1 = await p.page.request.get(`${srv.url}${PT}/journaal?periode=${month}`);
  assert.equal(r1.status(), 200);
  assert.equal(r1.headers()['content-disposition'], `attachment; filename="dt2012-${month}.journal"`);
  const monthText = await r1.text();
  assert.match(monthText, new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\* \\(\\d+\\)`, 'm'));
  for (const line of monthText.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \*/.test(l))) assert.ok(line.startsWith(month), line);
  // The whole journal, on request.
  const whole = p.page.getByRole('link', { name: 'Het hele journaal downloaden' });
  assert.equal(await whole.getAttribute('href'), `${PT}/journaal?periode=alles`);
  const r = await p.page.request.get(`${srv.url}${PT}/journaal?periode=alles`);
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-type'], /^text\/plain; charset=utf-8/);
  assert.equal(r.headers()['content-disposition'], 'attachment; filename="dt2012.journal"');
  const text = await r.text();
  assert.match(text, /^; samen — journaal van de urenbank van proeftuin dt2012/);
  assert.match(text, /account leden:GM0482/);
  // What was downloaded adds up, for two tools no one here wrote, to the balances on the page.
  const s = await saldi();
  for (const tool of ['hledger', 'ledger']) {
    const r2 = spawnSync(tool, ['-f', '-', 'balance', '--flat'], { input: text, encoding: 'utf8', timeout: 60000 });
    assert.equal(r2.status, 0, `${tool}: ${r2.stderr}`);
    const totals = {};
    for (const line of r2.stdout.split('\n')) {
      const m = /^\s*(-?\d+) min\s+leden:(\S+)\s*$/.exec(line);
      if (m) totals[m[2]] = Number(m[1]);
    }
    for (const [code, x] of Object.entries(s)) assert.equal(totals[code] ?? 0, x.saldoMinuten, `${tool}: ${code}`);
  }
  await p.context.close();
});

test('settlement: a preview for everyone, a confirmation step and the real thing for the process manager', async () => {
  // The demo still has entries to approve: a preview, and no button yet.
  const pm = await signedIn('ub-procesmanager');
  const { page } = pm;
  // The process manager, and only they, finds the matching proposal from the overview.
  await go(pm, PT);
  assert.equal(await page.getByRole('link', { name: 'Matchingsvoorstel' }).getAttribute('href'), `${PT}/matching`);
  await go(pm, `${PT}/afrekening`);
  await axe(page, 'the settlement preview');
  await shoot(page, 'urenbank-afrekening');
  assert.match(await page.locator('.samen-ub-warning').innerText(), /nog \d+ urenregels ter goedkeuring/);
  assert.equal(await page.getByRole('button', { name: /Afrekenen/ }).count(), 0);
  const preview = (await srv.api('GET', `/api/v1${PT}/afrekening`)).json;
  const dd = preview.regels.find((x) => x.organisatie === 'GM0505');
  const euros = (c) => `€ ${String(Math.floor(Math.abs(c) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(Math.abs(c) % 100).padStart(2, '0')}`;
  assert.match(await rowText(page, 'Voorlopige afrekening', 'Dordrecht'), new RegExp(`ontvangt ${euros(dd.bedragCenten).replace('.', '\\.')}`));
  const ad = preview.regels.find((x) => x.organisatie === 'GM0482');
  assert.ok(ad.bedragCenten < 0);
  assert.match(await rowText(page, 'Voorlopige afrekening', 'Alblasserdam'), /betaalt € /);

  // A small proeftuin of the same verband with nothing pending can be settled.
  const api = (m, path, b) => srv.api(m, path, b);
  let r = await api('POST', '/api/v1/proeftuinen', { code: 'ub-klein', naam: 'Proeftuin klein', verband: 'drechtsteden', van: '2012-01-01',
    tot: '2012-12-31', tariefCenten: 6000, kredietlimietMinuten: 600, leden: ['GM0505', 'GM0482'] });
  assert.equal(r.status, 201, r.text);
  const o = (await api('POST', '/api/v1/proeftuinen/ub-klein/opdrachten', { soort: 'lokaal', titel: 'Advies', opdrachtgevers: [{ organisatie: 'GM0482', aandeel: 1 }] })).json;
  const staff = (await api('GET', '/api/v1/medewerkers?organisatie=GM0505')).json.find((m) => m.naam === 'Hans Bakker');
  assert.equal((await api('POST', `/api/v1/proeftuinen/ub-klein/opdrachten/${o.id}/inzet`, { medewerker: staff.id, minuten: 120 })).status, 201);
  const u = (await api('POST', '/api/v1/proeftuinen/ub-klein/uren', { medewerker: staff.id, opdracht: o.id, datum: '2012-06-01', minuten: 90 })).json;
  assert.equal((await api('POST', `/api/v1/proeftuinen/ub-klein/uren/${u.id}/goedkeuren`)).status, 200);

  await go(pm, '/proeftuinen/ub-klein/afrekening');
  assert.match(await rowText(page, 'Voorlopige afrekening', 'Dordrecht'), /\+1:30 uur € 90,00 ontvangt € 90,00/);
  assert.match(await rowText(page, 'Voorlopige afrekening', 'Alblasserdam'), /−1:30 uur −€ 90,00 betaalt € 90,00/);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Afrekenen…' }).click()]);
  assert.match(page.url(), /stap=bevestigen/);
  await clean(pm, 'the confirmation');
  await axe(page, 'the confirmation step');
  await shoot(page, 'urenbank-afrekening-bevestigen');
  assert.match(await page.getByRole('region', { name: 'Definitief afrekenen?' }).innerText(), /kan niet ongedaan worden gemaakt/);
  assert.equal((await api('GET', '/api/v1/proeftuinen/ub-klein')).json.status, 'open', 'nothing settled by looking');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Definitief afrekenen' }).click()]);
  assert.match(new URL(page.url()).search, /afgerekend=\d+/);
  assert.match(await page.getByRole('status').innerText(), /De proeftuin is afgerekend/);
  assert.match(await rowText(page, 'Afrekening tot en met 31 december 2012, door ub-procesmanager', 'Dordrecht'), /ontvangt € 90,00/);
  assert.equal((await api('GET', '/api/v1/proeftuinen/ub-klein')).json.status, 'afgerekend');
  assert.equal((await api('GET', '/api/v1/proeftuinen/ub-klein/saldi')).json.every((s) => s.saldoMinuten === 0), true);
  await go(pm, '/proeftuinen/ub-klein');
  assert.match(await pm.page.locator('dl.samen-facts').innerText(), /afgerekend en gesloten/);
  await pm.context.close();

  // A manager sees the preview, not the button.
  const mgr = await signedIn('ub-manager-ad');
  await go(mgr, `${PT}/afrekening?stap=bevestigen`);
  assert.equal(await mgr.page.getByRole('button', { name: 'Definitief afrekenen' }).count(), 0);
  const csrf = await mgr.page.locator('input[name="csrf"]').first().getAttribute('value');
  r = await mgr.page.request.post(`${srv.url}${PT}/afrekening`, { form: { csrf, bevestig: 'ja' }, maxRedirects: 0 });
  assert.equal(r.status(), 403);
  assert.equal((await srv.api('GET', `/api/v1${PT}`)).json.status, 'open');
  await mgr.context.close();
});
