// The forms of choosing and running cooperation that used to be API-only,
// in Chromium without JavaScript: starting a verkenningsronde and a scoring
// from /besturing (criteria as rows, the code made from the name),
// answering a verkenning for one's own organisation, adding a mijlpaal to a
// traject and replacing its business case (posten as rows). Each stores what
// it says (read back through the API) and shows it; invalid input comes back
// at the form's own page with an error summary and the error next to the
// field, and stores nothing; the pages with the forms pass axe.
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
  const [res] = await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]:not([name=meer]):not([aria-hidden])').last().click()]);
  return res;
}
async function submit2(page, button) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

const SURVEY = 'dsz-formtest';
const SCORING = 'dsz-formscoring'; // made from the name 'DSZ formscoring'

test('a stuurgroep member starts a verkenningsronde and answers it for its own organisation, without JavaScript', async () => {
  const { page, context } = await as('bf-stuurgroep-dsz');
  // The overview links to the form on its own page.
  await page.goto(`${srv.url}/besturing`);
  assert.equal(await page.locator('form[action="/besturing/verkenningen"]').count(), 0, 'no creation form on the overview');
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nieuwe verkenningsronde' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/besturing/verkenningen/nieuw');
  let form = page.locator('form[action="/besturing/verkenningen"]');
  await form.getByLabel(/^Korte naam/).fill(SURVEY);
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
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/verkenningen/${SURVEY}`, 'back at the form\'s own page');
  assert.match(await page.locator('#fouten').innerText(), /Er is iets niet goed ingevuld/);
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
  // No code typed: it is made from the name.
  await form.locator('#sc-naam').fill('DSZ formscoring');
  await form.getByLabel('Verband').selectOption('dsz');
  await form.locator('input[name=taakveld][value=ict]').check();
  await form.locator('input[name=taakveld][value=inkoop]').check();
  // The criteria are rows: STAAN's five to start with, each with its weight.
  assert.equal(await form.locator('#cr-1-naam').inputValue(), 'Gedeeld ambitieniveau');
  assert.equal(await form.locator('#cr-5-naam').inputValue(), 'Binnen 2 jaar te effectueren');
  // "Meer criteria" keeps what was typed and adds three rows.
  await form.locator('#cr-6-naam').fill('Klantperspectief');
  await form.locator('#cr-6-gewicht').fill('2');
  let res = await submit2(page, form.getByRole('button', { name: 'Meer criteria' }));
  assert.equal(new URL(page.url()).pathname, '/besturing/scoringen/nieuw');
  form = page.locator('form[action="/besturing/scoringen"]');
  assert.equal(await form.locator('#cr-6-naam').inputValue(), 'Klantperspectief');
  assert.equal(await form.locator('#cr-10-naam').count(), 1, 'three rows more');
  assert.equal(await form.locator('input[name=taakveld][value=inkoop]').isChecked(), true);
  // Refused: a weight of zero; back at /besturing with the summary, what was typed kept.
  await form.locator('#cr-2-gewicht').fill('0');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/besturing/scoringen/nieuw');
  assert.equal(await page.locator('#fouten:focus').count(), 1, 'the summary has the focus');
  assert.match(await page.locator('#fouten').innerText(), /Criterium 2, gewicht: een gewicht is een geheel getal/);
  assert.equal(await page.locator('#cr-2-gewicht').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#sc-naam').inputValue(), 'DSZ formscoring', 'the input is kept');
  let r = await srv.api('GET', `/api/v1/scoringen/${SCORING}`);
  assert.equal(r.status, 404, 'nothing stored');

  form = page.locator('form[action="/besturing/scoringen"]');
  await form.locator('#cr-2-gewicht').fill('1');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), new RegExp(`/scoringen/${SCORING}\\?nieuw=1$`));
  assert.match(await page.locator('[role=status]').innerText(), /scoring is gestart/);
  r = await srv.api('GET', `/api/v1/scoringen/${SCORING}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.criteria.map((c) => [c.code, c.gewicht]), [
    ['gedeeld-ambitieniveau', 1], ['vergelijkbare-belangen', 1], ['mate-van-vertrouwen-vermogen-tot', 1],
    ['draagvlak-achterban', 1], ['binnen-2-jaar-te-effectueren', 1], ['klantperspectief', 2]]);
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
  // The stored posten are rows, organisations by name, amounts in euros.
  const first = old.posten[0];
  assert.equal(await form.locator('#po-1-jaar').inputValue(), String(first.jaar));
  assert.equal(await form.locator('#po-1-bedrag').inputValue(),
    `${Math.floor(first.centen / 100)},${String(first.centen % 100).padStart(2, '0')}`);
  const rows = old.posten.length;
  const clear = async (f) => {
    for (let n = 1; n <= rows + 3; n++) {
      await f.locator(`#po-${n}-jaar`).fill('');
      await f.locator(`#po-${n}-bedrag`).fill('');
      await f.locator(`#po-${n}-omschrijving`).fill('');
    }
  };
  const post = async (f, n, org, soort, jaar, bedrag, sleutel, oms) => {
    await f.locator(`#po-${n}-organisatie`).selectOption(org ? { label: org } : '');
    await f.locator(`#po-${n}-soort`).selectOption(soort);
    await f.locator(`#po-${n}-jaar`).fill(jaar);
    await f.locator(`#po-${n}-bedrag`).fill(bedrag);
    if (sleutel) await f.locator(`#po-${n}-verdeelsleutel`).selectOption(sleutel);
    if (oms) await f.locator(`#po-${n}-omschrijving`).fill(oms);
  };

  // Refused: an amount with three decimals; then a year outside the period (the store's check, on its row).
  await clear(form);
  await post(form, 1, 'Dalfsen', 'kosten', '1', '200000,00');
  await post(form, 2, 'Dalfsen', 'kosten', '1', '12,345');
  let res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/trajecten/${tid}`);
  assert.match(await page.locator('#fouten').innerText(), /Post 2, bedrag: schrijf een bedrag in euro's/);
  assert.equal(await page.locator('#po-2-bedrag').inputValue(), '12,345', 'what was typed is kept');
  form = page.locator(`form[action="/trajecten/${tid}/businesscase"]`);
  await form.locator('#bc-periode').fill('3');
  await form.locator('#po-2-jaar').fill('');
  await form.locator('#po-2-bedrag').fill('');
  await post(form, 3, 'Dalfsen', 'besparing', '9', '100,00');
  res = await submit(page, form);
  assert.match(await page.locator('#fouten').innerText(), /Post 3, jaar/);
  assert.equal(await page.locator('#po-3-jaar').getAttribute('aria-invalid'), 'true');
  assert.deepEqual((await srv.api('GET', `/api/v1/trajecten/${tid}/businesscase`)).json.posten, old.posten, 'nothing stored');

  form = page.locator(`form[action="/trajecten/${tid}/businesscase"]`);
  await form.locator('#bc-periode').fill('5');
  await form.locator('#bc-disconto').fill('30');
  await form.locator('#po-3-jaar').fill('');
  await form.locator('#po-3-bedrag').fill('');
  await post(form, 1, 'Dalfsen', 'kosten', '1', '200000,00');
  await post(form, 2, 'Dalfsen', 'besparing', '2', '1.234,5');
  await post(form, 3, null, 'investering', '1', '90000', 'gelijk', 'Gedeelde investering; met puntkomma');
  await post(form, 4, 'Dalfsen', 'besparing', '3', '€ 0,07');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /gelukt=businesscase/, await page.locator('main').innerText().then((t) => t.slice(0, 600)));
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
