// The forms of choosing and running cooperation that used to be API-only,
// in Chromium without JavaScript: starting a verkenningsronde and a scoring
// from /besturing, answering a verkenning for one's own organisation,
// adding a mijlpaal to a traject and replacing its business case. Each
// stores what it says (read back through the API) and shows it; invalid
// input gets a Dutch error next to the field and stores nothing; the pages
// with the forms pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations } from '../lib/browser.mjs';

const PW = 'Formulieren-test-wachtwoord-1';
let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'bf-stuurgroep-dsz', rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
    { naam: 'bf-raadslid-dalfsen', rol: 'raadslid', organisatie: 'GM0148' },
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

async function as(naam, { javaScriptEnabled = false } = {}) {
  const v = await newPage(browser, { javaScriptEnabled });
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill(naam);
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return v;
}

async function submit(page, form) {
  const [res] = await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
  return res;
}

const SURVEY = 'dsz-formtest';
const SCORING = 'dsz-formscoring';

test('a stuurgroep member starts a verkenningsronde and answers it for its own organisation, without JavaScript', async () => {
  const { page, context } = await as('bf-stuurgroep-dsz');
  // The overview links to the form on its own page.
  await page.goto(`${srv.url}/besturing`);
  assert.equal(await page.locator('form[action="/besturing/verkenningen"]').count(), 0, 'no creation form on the overview');
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nieuwe verkenningsronde' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/besturing/verkenningen/nieuw');
  let form = page.locator('form[action="/besturing/verkenningen"]');
  await form.getByLabel(/^Code/).fill(SURVEY);
  await form.getByLabel('Naam', { exact: true }).fill('Verkenning uit het formulier');
  await form.getByLabel('Verband').selectOption('dsz');
  await form.locator('input[name=taakveld][value=ict]').check();
  await form.locator('input[name=taakveld][value=belastingen]').check();
  let res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), new RegExp(`/verkenningen/${SURVEY}\\?nieuw=1$`));
  assert.match(await page.locator('[role=status]').innerText(), /verkenningsronde is gestart/);
  let r = await srv.api('GET', `/api/v1/verkenningen/${SURVEY}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.verband, 'dsz');
  assert.equal(r.json.naam, 'Verkenning uit het formulier');
  assert.deepEqual([...r.json.taakvelden].sort(), ['belastingen', 'ict']);
  assert.ok(r.json.partners.includes('GM0148'), 'Dalfsen is a partner today');

  // The answer form: one fieldset per taakveld.
  form = page.locator(`form[action="/verkenningen/${SURVEY}/antwoorden"]`);
  assert.equal(await form.locator('fieldset').count(), 2);
  const ict = r.json.taakvelden.indexOf('ict');
  await form.locator(`#knelpunt-${ict}`).selectOption('4');
  await form.locator(`#meerwaarde-${ict}`).selectOption('5');
  await form.locator(`#snel-${ict}`).check();
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\?opgeslagen=1/);
  assert.match(await page.locator('[role=status]').innerText(), /antwoorden zijn opgeslagen/);
  r = await srv.api('GET', `/api/v1/verkenningen/${SURVEY}/antwoorden`);
  assert.equal(r.status, 200);
  assert.equal(r.json.length, 1);
  assert.deepEqual(
    { o: r.json[0].organisatie, t: r.json[0].taakveld, k: r.json[0].knelpunt, m: r.json[0].meerwaarde, s: r.json[0].snelResultaat },
    { o: 'GM0148', t: 'ict', k: 4, m: 5, s: true });
  // The stored answer is shown: in the ranking and in the form again.
  const row = page.locator('tr', { has: page.locator('th', { hasText: 'ICT' }) }).first();
  assert.match(await row.innerText(), /1 van \d/);
  assert.equal(await page.locator(`#knelpunt-${ict}`).inputValue(), '4');
  assert.equal(await page.locator(`#snel-${ict}`).isChecked(), true);

  // Refused: a knelpunt without its meerwaarde; nothing changes.
  const other = 1 - ict;
  await form.locator(`#knelpunt-${ict}`).selectOption('1');
  await form.locator(`#knelpunt-${other}`).selectOption('3');
  res = await submit(page, form);
  assert.equal(res.status(), 400);
  const err = page.locator(`#meerwaarde-${other}-fout`);
  assert.match(await err.innerText(), /kies ook de meerwaarde/);
  assert.equal(await page.locator(`#meerwaarde-${other}`).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#knelpunt-${other}`).inputValue(), '3', 'the input is kept');
  r = await srv.api('GET', `/api/v1/verkenningen/${SURVEY}/antwoorden`);
  assert.equal(r.json.length, 1);
  assert.equal(r.json[0].knelpunt, 4, 'nothing stored');
  await context.close();
});

test('a stuurgroep member starts a scoring with the STAAN criteria; bad criteria are refused', async () => {
  const { page, context } = await as('bf-stuurgroep-dsz');
  await page.goto(`${srv.url}/besturing`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nieuwe scoring' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/besturing/scoringen/nieuw');
  let form = page.locator('form[action="/besturing/scoringen"]');
  await form.getByLabel(/^Code/).fill(SCORING);
  await form.getByLabel('Naam', { exact: true }).fill('Scoring uit het formulier');
  await form.getByLabel('Verband').selectOption('dsz');
  await form.locator('input[name=taakveld][value=ict]').check();
  await form.locator('input[name=taakveld][value=inkoop]').check();
  // Refused first: a criterion without a weight.
  const crit = form.locator('#sc-criteria');
  const dflt = await crit.inputValue();
  await crit.fill('vertrouwen;Vertrouwen;\n');
  let res = await submit(page, form);
  assert.equal(res.status(), 400);
  assert.match(await page.locator('#sc-criteria-fout').innerText(), /regel 1 is niet code;naam;gewicht/);
  assert.equal(await page.locator('#sc-code').inputValue(), SCORING, 'the input is kept');
  let r = await srv.api('GET', `/api/v1/scoringen/${SCORING}`);
  assert.equal(r.status, 404, 'nothing stored');

  form = page.locator('form[action="/besturing/scoringen"]');
  await form.locator('#sc-criteria').fill(dflt);
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), new RegExp(`/scoringen/${SCORING}\\?nieuw=1$`));
  assert.match(await page.locator('[role=status]').innerText(), /scoring is gestart/);
  r = await srv.api('GET', `/api/v1/scoringen/${SCORING}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.criteria.map((c) => [c.code, c.gewicht]), [
    ['gedeeld-ambitieniveau', 1], ['vergelijkbare-belangen', 1], ['vertrouwen', 1], ['draagvlak-achterban', 1],
    ['binnen-2-jaar', 1]]);
  assert.deepEqual([...r.json.taakvelden].sort(), ['ict', 'inkoop']);
  assert.match(await page.locator('dl.samen-facts').innerText(), /Draagvlak achterban \(1\)/);
  // The scoring page offers the member its own score form.
  assert.equal(await page.locator(`form[action="/scoringen/${SCORING}/scores"]`).count(), 1);
  await context.close();
});

test('a stuurgroep member adds a mijlpaal to a traject', async () => {
  const tid = (await srv.api('GET', '/api/v1/trajecten?verband=dsz&taakveld=ict', null, { token: null })).json[0].id;
  const n0 = (await srv.api('GET', `/api/v1/trajecten/${tid}/mijlpalen`)).json.length;
  const { page, context } = await as('bf-stuurgroep-dsz');
  await page.goto(`${srv.url}/trajecten/${tid}`);
  // The form is on its own page, linked from the traject.
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Mijlpaal toevoegen' }).click()]);
  assert.equal(new URL(page.url()).pathname, `/trajecten/${tid}/mijlpalen/nieuw`);
  const form = page.locator(`form[action="/trajecten/${tid}/mijlpalen"]`);
  await form.getByLabel('Verantwoordelijke (niet verplicht)').fill('Poolmanager ICT');
  await form.getByLabel('Titel').fill('Aanbesteding werkplekken gegund');
  await form.getByLabel('Deadline').fill('2027-03-01');
  const res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /gelukt=mijlpaal/);
  assert.match(await page.locator('[role=status]').innerText(), /mijlpaal is toegevoegd/);
  const ms = (await srv.api('GET', `/api/v1/trajecten/${tid}/mijlpalen`)).json;
  assert.equal(ms.length, n0 + 1);
  const m = ms.find((x) => x.titel === 'Aanbesteding werkplekken gegund');
  assert.ok(m);
  assert.equal(m.deadline, '2027-03-01');
  assert.equal(m.verantwoordelijke, 'Poolmanager ICT');
  assert.match(await page.locator(`#mijlpaal-${m.id}`).innerText(), /Aanbesteding werkplekken gegund/);
  await context.close();
});

test('a stuurgroep member replaces the business case; euros become cents exactly, a bad line is refused', async () => {
  const tid = (await srv.api('GET', '/api/v1/trajecten?verband=dsz&taakveld=ict', null, { token: null })).json[0].id;
  const old = (await srv.api('GET', `/api/v1/trajecten/${tid}/businesscase`)).json;
  const { page, context } = await as('bf-stuurgroep-dsz');
  await page.goto(`${srv.url}/trajecten/${tid}`);
  let form = page.locator(`form[action="/trajecten/${tid}/businesscase"]`);
  // The stored posten are in the field, in euros.
  const first = old.posten[0];
  assert.match(await form.locator('#bc-posten').inputValue(),
    new RegExp(`^${first.organisatie ?? ''};${first.soort};${first.jaar};${Math.floor(first.centen / 100)},${String(first.centen % 100).padStart(2, '0')}`));

  // Refused: an amount with three decimals, then a year outside the period (the store's check, on its line).
  await form.locator('#bc-posten').fill('GM0148;kosten;1;200000,00\nGM0148;kosten;1;12,345\n');
  let res = await submit(page, form);
  assert.equal(res.status(), 400);
  assert.match(await page.locator('#bc-posten-fout').innerText(), /regel 2: het bedrag is geen bedrag in euro's/);
  form = page.locator(`form[action="/trajecten/${tid}/businesscase"]`);
  await form.locator('#bc-periode').fill('3');
  await form.locator('#bc-posten').fill('GM0148;kosten;1;200000,00\n\nGM0148;besparing;9;100,00\n');
  res = await submit(page, form);
  assert.ok([400, 422].includes(res.status()), `status ${res.status()}`);
  assert.match(await page.locator('#bc-posten-fout').innerText(), /regel 3, jaar/);
  assert.deepEqual((await srv.api('GET', `/api/v1/trajecten/${tid}/businesscase`)).json.posten, old.posten, 'nothing stored');

  form = page.locator(`form[action="/trajecten/${tid}/businesscase"]`);
  await form.locator('#bc-periode').fill('5');
  await form.locator('#bc-disconto').fill('30');
  await form.locator('#bc-posten').fill(
    'GM0148;kosten;1;200000,00\nGM0148;besparing;2;1.234,5\n;investering;1;90000;gelijk;Gedeelde investering; met puntkomma\n' +
    'GM0148;besparing;3;€ 0,07\n');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /gelukt=businesscase/);
  assert.match(await page.locator('[role=status]').innerText(), /businesscase is opgeslagen/);
  const bc = (await srv.api('GET', `/api/v1/trajecten/${tid}/businesscase`)).json;
  assert.equal(bc.periodeJaren, 5);
  assert.equal(bc.discontoPromille, 30);
  assert.deepEqual(bc.posten.map((x) => [x.organisatie, x.soort, x.jaar, x.centen, x.verdeelsleutel, x.omschrijving]), [
    ['GM0148', 'kosten', 1, 20000000, null, null],
    ['GM0148', 'besparing', 2, 123450, null, null],
    [null, 'investering', 1, 9000000, 'gelijk', 'Gedeelde investering; met puntkomma'],
    ['GM0148', 'besparing', 3, 7, null, null]]);
  assert.match(await page.locator('#kop-businesscase').locator('..').innerText(), /binnen 5 jaar/);
  await context.close();
});

test('the forms are offered only to who may use them, and the pages with them pass axe', async () => {
  const raad = await as('bf-raadslid-dalfsen');
  await raad.page.goto(`${srv.url}/besturing`);
  assert.equal(await raad.page.locator('form[action^="/besturing/"]').count(), 0);
  await raad.page.goto(`${srv.url}/verkenningen/${SURVEY}`);
  assert.equal(await raad.page.locator('form[action$="/antwoorden"]').count(), 0);
  const tid = (await srv.api('GET', '/api/v1/trajecten?verband=dsz&taakveld=ict', null, { token: null })).json[0].id;
  await raad.page.goto(`${srv.url}/trajecten/${tid}`);
  assert.equal(await raad.page.locator('form[action^="/trajecten/"]').count(), 0);
  await raad.context.close();

  const v = await as('bf-stuurgroep-dsz', { javaScriptEnabled: true });
  for (const path of ['/besturing', `/verkenningen/${SURVEY}`, `/trajecten/${tid}`]) {
    const res = await v.page.goto(srv.url + path);
    assert.equal(res.status(), 200);
    assert.ok(await v.page.locator('form[method=post]').count() > 0, `forms on ${path}`);
    assert.deepEqual(await axeViolations(v.page), [], `axe violations on ${path}`);
    assert.equal(await v.page.locator('[style]').count(), 0);
    assert.equal(await v.page.locator('style, script:not([src])').count(), 0);
  }
  assert.deepEqual(v.problems, []);
  await v.context.close();
});
