// The long tables, as a municipal employee uses them without JavaScript:
// search, filters, sortable column headers (aria-sort) and paging past 50
// rows, all as query parameters of a GET (web/page_listing.h), on the
// network table, the people, the opdrachten, the hours and the audit log;
// and the CSV download next to every table of figures (saldi, uren,
// afrekening, scoring, matrix, audit), parsed back: the figures equal the
// page's. axe finds nothing on any of them. Screenshots: /tmp/samen-tabel-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations, shoot } from '../lib/browser.mjs';

const PW = 'een lang genoeg wachtwoord voor tabellen';
let srv, browser;

before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'tb-beheerder', rol: 'beheerder' },
    { naam: 'tb-manager', rol: 'manager', organisatie: 'GM0505' },
    { naam: 'tb-stuurgroep', rol: 'stuurgroep', organisatie: 'GM1730', verband: 'staan' },
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

// A page without JavaScript (js: with), signed in as naam (or anonymous).
async function as(naam, js = false) {
  const p = await newPage(browser, { javaScriptEnabled: js });
  if (naam) {
    await p.page.goto(`${srv.url}/inloggen`);
    await p.page.getByLabel('Naam').fill(naam);
    await p.page.getByLabel('Wachtwoord').fill(PW);
    await Promise.all([p.page.waitForNavigation(), p.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  }
  return p;
}
async function go(page, path, status = 200) {
  const r = await page.goto(srv.url + path);
  assert.equal(r.status(), status, path);
  return r;
}
const click = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);
const search = async (page, fields) => {
  const form = page.locator('form.samen-filter');
  for (const [label, value] of Object.entries(fields)) {
    const f = form.getByLabel(label, { exact: true });
    if (/utrecht-select/.test(await f.getAttribute('class'))) await f.selectOption(value);
    else await f.fill(value);
  }
  await click(page, form.getByRole('button', { name: 'Toon' }));
};
const count = (page) => page.locator('.samen-listing-count').innerText();
// The cells of a table's body: [[text of each cell]] per row. (Read without
// running script in the page: its JavaScript is off.)
const rowsOf = async (rows) => (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.replace(/\s+/g, ' ').trim()));
const cells = (page) => rowsOf(page.locator('.samen-listing-bar + .samen-table-container table tbody tr'));
const tableRows = (page, caption) => rowsOf(page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tbody tr'));
const sortHeader = (page, name) => page.locator('thead th', { has: page.locator('a.samen-sort', { hasText: name }) });

// Dutch Excel CSV: a byte-order mark, ';' between fields, CRLF, quotes doubled.
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'a byte-order mark');
  assert.match(text, /\r\n$/, 'CRLF line ends');
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c;
    } else if (c === '"') q = true;
    else if (c === ';') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}
// Downloads the CSV the page links to, with the page's session.
async function csvOf(page, link = page.getByRole('link', { name: 'Download als CSV (Excel)' }).first()) {
  assert.equal(await link.getAttribute('download'), '', 'a download link');
  const res = await page.request.get(new URL(await link.getAttribute('href'), page.url()).href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'text/csv; charset=utf-8');
  assert.match(res.headers()['content-disposition'], /^attachment; filename="[^"]+\.csv"$/);
  return parseCsv(await res.text());
}
// "1.234:05 uur", "+5:00 uur", "−1:15 uur" on the page; "1234:05", "-1:15" in the CSV.
const pageHours = (s) => s.replace(/ uur$/, '').replace(/^\+/, '').replace('−', '-').replace(/\./g, '');
// axe runs in the page, so it looks at the same address in a context with JavaScript.
async function axe(page, what) {
  const cookies = await page.context().cookies();
  const js = await newPage(browser);
  await js.context.addCookies(cookies);
  const r = await js.page.goto(page.url());
  assert.ok(r.status() < 400, `${what}: ${r.status()}`);
  assert.deepEqual(await axeViolations(js.page), [], `axe on ${what}`);
  await js.context.close();
}

test('the network table: 84 pairs in pages of 50, sorted by a header, searched, and the CSV of the selection', async () => {
  const { page, context } = await as(null);
  await go(page, '/netwerk?datum=2012-03-08');
  assert.equal(await count(page), 'Rij 1 tot en met 50 van 84.');
  assert.equal((await cells(page)).length, 50);
  assert.equal(await sortHeader(page, 'Organisatie').getAttribute('aria-sort'), 'ascending');
  await axe(page, '/netwerk with a pager');
  await shoot(page, 'tabel-netwerk');
  // Paging keeps the selection; the pager names the current page.
  await click(page, page.getByRole('link', { name: 'Volgende' }));
  assert.equal(new URL(page.url()).search, '?datum=2012-03-08&pagina=2');
  assert.equal(await count(page), 'Rij 51 tot en met 84 van 84.');
  assert.equal((await cells(page)).length, 34);
  assert.equal(await page.locator('.samen-pager a[aria-current="page"]').textContent(), 'Pagina 2');
  // Sorting by the number of shared task fields, then turned round; back to page 1.
  await click(page, page.locator('a.samen-sort', { hasText: 'Gedeelde taakvelden' }));
  assert.equal(await sortHeader(page, 'Gedeelde taakvelden').getAttribute('aria-sort'), 'ascending');
  assert.equal(await count(page), 'Rij 1 tot en met 50 van 84.');
  let n = (await cells(page)).map((r) => Number(r[2]));
  assert.deepEqual(n, [...n].sort((a, b) => a - b));
  await click(page, page.locator('a.samen-sort', { hasText: 'Gedeelde taakvelden' }));
  assert.equal(await sortHeader(page, 'Gedeelde taakvelden').getAttribute('aria-sort'), 'descending');
  assert.equal(new URL(page.url()).searchParams.get('sorteer'), '-aantal');
  n = (await cells(page)).map((r) => Number(r[2]));
  assert.deepEqual(n, [...n].sort((a, b) => b - a));
  assert.ok(n[0] > n[n.length - 1]);
  // A search keeps the date and the sort; every row names Dalfsen.
  await search(page, { 'Zoek een organisatie': 'dalf' });
  const u = new URL(page.url()).searchParams;
  assert.deepEqual([u.get('zoek'), u.get('datum'), u.get('sorteer')], ['dalf', '2012-03-08', '-aantal']);
  const rows = await cells(page);
  assert.ok(rows.length >= 5 && rows.length < 50, `${rows.length} rows`);
  for (const r of rows) assert.ok(r[0] === 'Dalfsen' || r[1] === 'Dalfsen', r.join(' | '));
  // The CSV is the whole selection in the same order, with the same figures.
  const csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Organisatie', 'Partner', 'Gedeelde taakvelden', 'Taakvelden']);
  assert.deepEqual(csv.slice(1), rows);
  await context.close();
});

test('the people: search on name or function, one organisation, sorted, as CSV', async () => {
  const { page, context } = await as('tb-manager');
  await go(page, '/kwaliteitskaart');
  await click(page, page.getByRole('link', { name: 'Zoek in alle medewerkers' }));
  assert.equal(new URL(page.url()).pathname, '/medewerkers');
  await axe(page, '/medewerkers');
  const all = Number((await count(page)).match(/van ([\d.]+)\./)?.[1].replace('.', '') ?? (await count(page)).match(/^(\d+) rij/)[1]);
  assert.ok(all > 50, `${all} people`);
  await search(page, { Organisatie: 'GM0148', 'Zoek op naam of functie': 'taxateur' });
  let rows = await cells(page);
  assert.ok(rows.length >= 2);
  for (const r of rows) {
    assert.equal(r[1], 'Dalfsen');
    assert.match(r[2], /taxateur/i);
  }
  await click(page, page.locator('a.samen-sort', { hasText: 'Naam' }));
  assert.equal(await sortHeader(page, 'Naam').getAttribute('aria-sort'), 'descending');
  rows = await cells(page);
  assert.deepEqual(rows.map((r) => r[0]), rows.map((r) => r[0]).sort((a, b) => b.localeCompare(a, 'nl')));
  const csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Naam', 'Organisatie', 'Functie']);
  assert.deepEqual(csv.slice(1), rows);
  // A person's link leads to the person page.
  await click(page, page.locator('tbody th a').first());
  assert.match(new URL(page.url()).pathname, /^\/medewerkers\/\d+$/);
  await context.close();
});

test('the opdrachten and the hours of a proeftuin: filters, sort, pages of 50 of 714 entries, CSV equal to the page', async () => {
  const { page, context } = await as('tb-manager');
  await go(page, '/proeftuinen/dt2012');
  await click(page, page.locator('.samen-ub-tabs').getByRole('link', { name: 'Opdrachten', exact: true }));
  await axe(page, '/proeftuinen/dt2012/opdrachten');
  await search(page, { Soort: 'regionaal' });
  let rows = await cells(page);
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.equal(r[2], 'regionaal');
  let csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Nr', 'Opdracht', 'Soort', 'Opdrachtgevers', 'Status', 'Contactpersoon', 'Geraamd (uren)', 'Goedgekeurd (uren)']);
  assert.equal(csv.length - 1, rows.length);
  for (let i = 0; i < rows.length; i++) {
    assert.equal(csv[i + 1][0], rows[i][0]);
    assert.equal(csv[i + 1][7], pageHours(rows[i][6]), `approved hours of ${rows[i][1]}`);
  }
  await click(page, page.locator('a.samen-sort', { hasText: 'Geraamd' }));
  assert.equal(await sortHeader(page, 'Geraamd').getAttribute('aria-sort'), 'ascending');

  await click(page, page.locator('.samen-ub-tabs').getByRole('link', { name: 'Uren', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/proeftuinen/dt2012/uren');
  await axe(page, '/proeftuinen/dt2012/uren');
  await shoot(page, 'tabel-uren');
  const total = (await srv.api('GET', '/api/v1/proeftuinen/dt2012/uren?limiet=10000')).json.length;
  assert.equal(await count(page), `Rij 1 tot en met 50 van ${total}.`);
  assert.equal(await sortHeader(page, 'Datum').getAttribute('aria-sort'), 'descending', 'newest first');
  // The last page, through the pager.
  const last = Math.ceil(total / 50);
  await click(page, page.locator('.samen-pager').getByRole('link', { name: `Pagina ${last}`, exact: true }));
  assert.equal((await cells(page)).length, total - (last - 1) * 50);
  // Longest first, within a period, only approved hours of Alblasserdam's staff.
  await search(page, { Status: 'goedgekeurd', 'Organisatie van de medewerker': 'GM0482', 'Van (datum)': '2012-03-01', 'Tot en met (datum)': '2012-06-30' });
  assert.equal(new URL(page.url()).searchParams.get('pagina'), null, 'a new selection starts at page 1');
  await click(page, page.locator('a.samen-sort', { hasText: 'Tijd' }));
  await click(page, page.locator('a.samen-sort', { hasText: 'Tijd' }));
  assert.equal(await sortHeader(page, 'Tijd').getAttribute('aria-sort'), 'descending');
  rows = await cells(page);
  assert.ok(rows.length > 0);
  const minutes = (h) => { const [a, b] = pageHours(h).split(':'); return Number(a) * 60 + Number(b); };
  for (const r of rows) {
    assert.equal(r[2], 'Alblasserdam');
    assert.match(r[5], /^goedgekeurd/);
    assert.match(r[0], /(maart|april|mei|juni) 2012/);
  }
  assert.deepEqual(rows.map((r) => minutes(r[4])), rows.map((r) => minutes(r[4])).sort((a, b) => b - a));
  csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Datum', 'Medewerker', 'Organisatie', 'Opdracht', 'Tijd (uren)', 'Status', 'Reden', 'Omschrijving']);
  const expected = (await srv.api('GET', '/api/v1/proeftuinen/dt2012/uren?status=goedgekeurd&organisatie=GM0482&limiet=10000')).json
    .filter((e) => e.datum >= '2012-03-01' && e.datum <= '2012-06-30');
  assert.equal(csv.length - 1, expected.length, 'the CSV holds the whole selection');
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    assert.equal(csv[i + 1][1], rows[i][1]);
    assert.equal(csv[i + 1][4], pageHours(rows[i][4]), `hours of row ${i + 1}`);
  }
  const sum = (list) => list.reduce((s, x) => s + x, 0);
  assert.equal(sum(csv.slice(1).map((r) => minutes(r[4]))), sum(expected.map((e) => e.minuten)));
  // A wrong date is said next to its field.
  await go(page, '/proeftuinen/dt2012/uren?van=morgen', 400);
  assert.equal(await page.locator('#van').getAttribute('aria-invalid'), 'true');
  await context.close();
});

test('the figures of saldi, afrekening, scoring and the partner matrix download as CSV with the page\'s figures', async () => {
  const { page, context } = await as('tb-manager');
  // Saldi: every municipality's row, hours as on the page.
  await go(page, '/proeftuinen/dt2012/saldi');
  const saldi = await tableRows(page, 'Saldo en trekkingsrechten');
  let csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Gemeente', 'Gebracht', 'Gehaald', 'Gestort', 'Saldo', 'Vastgelegd', 'Beschikbaar']);
  assert.equal(csv.length - 1, saldi.length);
  for (let i = 0; i < saldi.length; i++) {
    assert.equal(csv[i + 1][0], saldi[i][0]);
    for (let k = 1; k < 7; k++) assert.equal(csv[i + 1][k], saldi[i][k] ? pageHours(saldi[i][k]) : '', `${saldi[i][0]} column ${k}`);
  }
  // Afrekening: the preview, euros with a decimal comma.
  await go(page, '/proeftuinen/dt2012/afrekening');
  const preview = await tableRows(page, 'Voorlopige afrekening');
  csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Afrekening', 'Gemeente', 'Saldo (uren)', 'Omgerekend (euro)', 'Rest van stortingen (euro)']);
  assert.equal(csv.length - 1, preview.length);
  const euro = (s) => s.replace(/^€ /, '').replace(/^−€ /, '-').replace(/\./g, '');
  for (let i = 0; i < preview.length; i++) {
    assert.equal(csv[i + 1][0], 'voorlopig');
    assert.equal(csv[i + 1][1], preview[i][0]);
    assert.equal(csv[i + 1][3], euro(preview[i][2]), `${preview[i][0]} omgerekend`);
  }
  // The partner matrix of Dalfsen on 8 March 2012.
  await go(page, '/organisaties/GM0148?datum=2012-03-08');
  const matrix = await tableRows(page, 'Partners van Dalfsen');
  csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Taakveld', 'Partners', 'Via verband', 'Gedeeld']);
  assert.deepEqual(csv.slice(1).map((r) => r[0]), matrix.map((r) => r[0]));
  for (let i = 0; i < matrix.length; i++)
    assert.deepEqual(csv[i + 1][1].split(', ').sort(), matrix[i][1].split(', ').sort(), matrix[i][0]);
  // What is shared (issue 17): Dalfsen hosts the applicatiebeheer of Sociale Zaken.
  assert.equal(csv.find((r) => r[0] === 'Applicatiebeheer Sociale Zaken')[3], 'uitgevoerd door Dalfsen (gastgemeente)');
  assert.match(csv.find((r) => r[0] === 'Inkoop en aanbesteding')[3], /^gedeelde medewerker: inkoopadviseur in dienst van Dalfsen, werkt voor Dalfsen, Staphorst, Zwartewaterland$/);
  await context.close();

  // The STAAN scoring: averages and spread as the page writes them.
  const s = await as('tb-stuurgroep');
  const code = (await srv.api('GET', '/api/v1/scoringen')).json.find((x) => x.verband === 'staan').code;
  await go(s.page, `/scoringen/${code}`);
  const uitslag = await tableRows(s.page, 'Uitslag van de scoring');
  csv = await csvOf(s.page);
  assert.equal(csv[0][0], 'Taakveld');
  assert.equal(csv.length - 1, uitslag.length);
  for (let i = 0; i < uitslag.length; i++) {
    assert.equal(csv[i + 1][0], uitslag[i][0]);
    assert.equal(csv[i + 1][1], uitslag[i][1] === '—' ? '' : uitslag[i][1], `average of ${uitslag[i][0]}`);
    assert.equal(csv[i + 1][4], uitslag[i][3] === '—' ? '' : uitslag[i][3], `spread of ${uitslag[i][0]}`);
    // "voorlopig" beside the class on the page is the CSV's Uitslag.
    const klasse = uitslag[i][4];
    assert.equal(csv[i + 1][8], /voorlopig/.test(klasse) ? 'voorlopig' : csv[i + 1][5] ? 'definitief' : '', `uitslag of ${uitslag[i][0]}`);
  }
  assert.equal(csv[0][8], 'Uitslag');
  await axe(s.page, `/scoringen/${code}`);
  await s.context.close();
});

test('the audit log: searched, sorted by a header, 50 a page, as CSV', async () => {
  // Some history to read: refused and accepted writes.
  for (let i = 0; i < 30; i++) await srv.api('POST', '/api/v1/organisaties', { code: `TB${i}`, naam: `Tabelgemeente ${i}`, soort: 'gemeente' });
  for (let i = 0; i < 30; i++) await srv.api('POST', '/api/v1/organisaties', { code: 'GM0148', naam: 'Dubbel', soort: 'gemeente' });
  const { page, context } = await as('tb-beheerder');
  await go(page, '/beheer/audit');
  assert.match(await count(page), /^Rij 1 tot en met 50 van \d+\.$/);
  assert.equal(await sortHeader(page, 'Tijdstip').getAttribute('aria-sort'), 'descending');
  await axe(page, '/beheer/audit');
  // The page names actions in words ("organisatie toevoegen"); the search finds them by those words too.
  await search(page, { 'Zoek in actor, actie, object en resultaat': 'organisatie' });
  const total = Number((await count(page)).match(/van (\d+)\./)[1]);
  assert.ok(total >= 60, `${total}`);
  let rows = await cells(page);
  for (const r of rows) assert.match(r.join(' ').toLowerCase(), /organisatie/);
  await click(page, page.locator('a.samen-sort', { hasText: 'Uitkomst' }));
  assert.equal(await sortHeader(page, 'Uitkomst').getAttribute('aria-sort'), 'ascending');
  rows = await cells(page);
  assert.equal(rows.length, 50);
  // The CSV holds the selection in the page's order, in the page's words and Dutch time, and then the
  // log's own values for an auditor.
  const csv = await csvOf(page);
  assert.deepEqual(csv[0], ['Tijdstip', 'Wie', 'Actie', 'Wat', 'Uitkomst', 'Vanaf adres',
    'Tijdstempel (UTC)', 'Actor (log)', 'Actie (log)', 'Object (log)', 'Resultaat (log)']);
  assert.equal(csv.length - 1, total);
  for (const r of csv.slice(1)) {
    assert.match(r[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.match(r[6], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.doesNotMatch(r[2], /-/, 'the action in words');
    assert.doesNotMatch(r[3], /^(POST|GET|PUT|PATCH|DELETE) \//, 'what was done in words');
    assert.match(r[4], /^[a-z]+$/, 'the outcome as a word');
    assert.ok(r[10].startsWith(r[4]), 'the word is the log\'s outcome');
  }
  assert.ok(csv.some((r) => r[3].startsWith('Organisatie') || r[3].includes('organisatie')), 'an organisation added, in words');
  const results = csv.slice(1).map((r) => r[4]);
  assert.deepEqual(results, [...results].sort(), 'sorted on the result');
  await click(page, page.getByRole('link', { name: 'Volgende' }));
  assert.equal((await cells(page)).length, Math.min(50, total - 50));
  await context.close();
});
