// Governance as the seeds run it, in Chromium without JavaScript, on the
// demo: a traject, organisation and verband as they stood on a date; the
// stuurgroep changing a traject's fase from a date; the decision trail of a
// traject (the OR asked with a term and advising before the college, errors
// next to the field); an opdrachtgever's manager accepting and refusing
// what waits for its consent in the urenbank; the raad's kaders recorded on
// the organisation's page, a traject outside them waiting for the raad to
// be consulted. Everything stored is read
// back through the API; every page passes axe (run on the same HTML in a
// browser with JavaScript, which axe needs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, axeViolations } from '../lib/browser.mjs';
import { tokenFor } from '../api/auth-helpers.mjs';

const PW = 'Verloop-test-wachtwoord-1';
const PT = '/proeftuinen/dt2012';
let srv, browser;
const tok = {};
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const users = [
    { naam: 'bv-stuurgroep-dsz', rol: 'stuurgroep', organisatie: 'GM0148', verband: 'dsz' },
    { naam: 'bv-manager-dalfsen', rol: 'manager', organisatie: 'GM0148' },
    { naam: 'bv-manager-staphorst', rol: 'manager', organisatie: 'GM0180' },
    { naam: 'bv-raadslid-dalfsen', rol: 'raadslid', organisatie: 'GM0148' },
    { naam: 'bv-manager-dd', rol: 'manager', organisatie: 'GM0505' },
    { naam: 'bv-manager-ad', rol: 'manager', organisatie: 'GM0482' },
    { naam: 'bv-procesmanager', rol: 'procesmanager', organisatie: 'GM0505', verband: 'drechtsteden' },
    { naam: 'bv-stuurgroep-ssc', rol: 'stuurgroep', organisatie: 'GM0193', verband: 'ssc-zwolle' },
  ];
  for (const u of users) {
    const r = await srv.api('POST', '/api/v1/gebruikers', { ...u, wachtwoord: PW });
    assert.equal(r.status, 201, r.text);
  }
  for (const n of ['bv-manager-dd', 'bv-procesmanager']) tok[n] = (await tokenFor(srv, n)).token;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function as(naam) {
  const v = await newPage(browser, { javaScriptEnabled: false });
  if (!naam) return v;
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill(naam);
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  return v;
}

async function submit(page, form, button = form.locator('button[type=submit]')) {
  const [res] = await Promise.all([page.waitForNavigation(), button.click()]);
  return res;
}

// axe runs in the page, so it needs JavaScript: the page as the no-JS
// browser got it is served again, at its own address, to one that has it.
async function axe(page, what) {
  const url = page.url(), html = await page.content();
  const { context, page: p } = await newPage(browser, { javaScriptEnabled: true });
  await p.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await p.goto(url);
  assert.deepEqual(await axeViolations(p), [], `axe on ${what}`);
  await context.close();
}

test('a traject, an organisation and a verband as they stood on a date', async () => {
  const { page, context } = await as(null);
  // DSZ ICT: in besluitvorming in April 2012, implementatie from May (seed 000).
  let r = await page.goto(`${srv.url}/trajecten/1?datum=2012-04-25`);
  assert.equal(r.status(), 200);
  let verloop = page.locator('section[aria-labelledby=kop-verloop]');
  assert.match(await verloop.innerText(), /Wijzigingen van dit traject/);
  assert.match(await page.locator('main').innerText(), /besluitvorming/i);
  await axe(page, 'a traject on a date');
  r = await page.goto(`${srv.url}/trajecten/1`);
  const rows = await verloop.locator('tbody tr').allInnerTexts();
  assert.ok(rows.some((t) => /implementatie/.test(t) && /2012/.test(t)), rows.join('\n'));
  assert.ok(rows.some((t) => /eigenaar/.test(t) && /afdelingshoofden/i.test(t)), rows.join('\n'));
  // The besluitvorming page of the traject: the no-go of May 2012.
  await page.locator('a[href="/trajecten/1/besluitvorming"]').first().click();
  assert.match(page.url(), /\/trajecten\/1\/besluitvorming$/);
  assert.match(await page.locator('section[aria-labelledby=kop-stuurgroep]').innerText(), /niet akkoord \(no-go\)/);
  assert.equal(await page.locator('form').filter({ hasText: 'Stap vastleggen' }).count(), 0, 'no form for anonymous visitors');
  await axe(page, 'the decision trail of a traject');
  // Dalfsen: what is planned for its raad, and the verband's afspraken.
  r = await page.goto(`${srv.url}/organisaties/GM0148`);
  assert.equal(r.status(), 200);
  assert.match(await page.locator('main').innerText(), /december 2012/);
  await axe(page, 'an organisation with its history');
  r = await page.goto(`${srv.url}/verbanden/ssc-zwolle`);
  assert.equal(r.status(), 200);
  assert.match(await page.locator('main').innerText(), /convenant/i);
  r = await page.goto(`${srv.url}/verbanden/staan`);
  assert.match(await page.locator('main').innerText(), /Stuurgroep STAAN.*elke 6 weken/);
  await axe(page, 'a verband with its documents, trekkers and meetings');
  r = await page.goto(`${srv.url}/verbanden/dsz/besluitvorming`);
  assert.equal(r.status(), 200);
  await axe(page, 'the decision trail of a verband');
  await context.close();
});

test('the stuurgroep changes a traject from a date; a date before its start is refused and nothing changes', async () => {
  const { page, context } = await as('bv-stuurgroep-dsz');
  const before = (await srv.api('GET', '/api/v1/trajecten/2/historie')).json;
  await page.goto(`${srv.url}/trajecten/2`);
  const form = page.locator('form[action="/trajecten/2/wijziging"]');
  await axe(page, 'a traject with the change form');
  await form.locator('#wijz-ingang').fill('1999-01-01');
  await form.locator('#wijz-fase').selectOption('besluitvorming');
  let res = await submit(page, form);
  assert.ok([400, 422].includes(res.status()), `refused: ${res.status()}`);
  assert.ok(await page.locator('[role=alert], .utrecht-alert').count() > 0, 'the reason is shown');
  assert.equal(await page.locator('#wijz-fase').inputValue(), 'besluitvorming', 'the input is kept');
  await axe(page, 'a refused change');
  assert.deepEqual((await srv.api('GET', '/api/v1/trajecten/2/historie')).json, before);

  await page.locator('#wijz-ingang').fill('2012-10-01');
  await page.locator('#wijz-reden').fill('businesscase inkoop af');
  res = await submit(page, page.locator('form[action="/trajecten/2/wijziging"]'));
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/trajecten\/2\?gelukt=wijziging$/);
  const after = (await srv.api('GET', '/api/v1/trajecten/2/historie')).json;
  assert.equal(after.length, before.length + 1);
  const m = after.find((x) => x.ingangsdatum === '2012-10-01');
  assert.equal(m.veld, 'fase');
  assert.equal(m.waarde, 'besluitvorming');
  assert.equal(m.reden, 'businesscase inkoop af');
  // On a date before the change the old fase, after it the new one.
  assert.equal((await srv.api('GET', '/api/v1/trajecten/2?datum=2012-09-30')).json.fase, 'businesscase');
  assert.equal((await srv.api('GET', '/api/v1/trajecten/2?datum=2012-10-01')).json.fase, 'besluitvorming');
  await context.close();
});

test('an evaluation moment of a traject: planned, then its outcome and what follows, on the traject\'s page', async () => {
  const { page, context } = await as('bv-stuurgroep-dsz');
  const evals = async () => (await srv.api('GET', '/api/v1/trajecten/2/evaluaties')).json;
  const before = await evals();
  await page.goto(`${srv.url}/trajecten/2`);
  let form = page.locator('form[action="/trajecten/2/evaluatie"]');
  // Without a subject (past the browser's own check): refused, what was typed is kept, nothing stored.
  await form.locator('#eval-titel').evaluate((e) => e.removeAttribute('required'));
  await form.locator('#eval-moment').fill('2015-03-01');
  let res = await submit(page, form);
  assert.ok([400, 422].includes(res.status()), `refused: ${res.status()}`);
  assert.match(await page.locator('main').innerText(), /titel/);
  assert.equal(await page.locator('#eval-moment').inputValue(), '2015-03-01');
  assert.deepEqual(await evals(), before);
  await page.locator('#eval-titel').fill('Drie jaar ICT-samenwerking');
  await page.locator('#eval-precisie').selectOption('maand');
  res = await submit(page, page.locator('form[action="/trajecten/2/evaluatie"]'));
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/trajecten\/2\?gelukt=evaluatie/);
  const made = (await evals()).find((e) => e.titel === 'Drie jaar ICT-samenwerking');
  assert.ok(made && made.datum === '2015-03-01' && made.precisie === 'maand', JSON.stringify(made));
  await axe(page, 'a traject with the evaluation forms');
  // Its outcome: continue, and scale up.
  form = page.locator('form[action="/trajecten/2/evaluatie-uitkomst"]');
  await form.locator('#eval-id').selectOption(String(made.id));
  await form.locator('#eval-gehouden').fill('2015-03-10');
  await form.locator('#eval-uitkomst').fill('De samenwerking werkt; aansluiten bij het SSC wordt onderzocht.');
  await form.locator('#eval-vervolg').selectOption('opschalen');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  const held = (await evals()).find((e) => e.id === made.id);
  assert.deepEqual([held.gehouden, held.vervolg], ['2015-03-10', 'opschalen']);
  assert.match(await page.locator('main').innerText(), /Drie jaar ICT-samenwerking.*gehouden 10 maart 2015.*vervolg: opschalen/s);
  // A raadslid sees the moments but no forms.
  const rl = await as('bv-raadslid-dalfsen');
  await rl.page.goto(`${srv.url}/trajecten/2`);
  assert.equal(await rl.page.locator('form[action="/trajecten/2/evaluatie"]').count(), 0);
  await rl.context.close();
  await context.close();
});

test('the decision trail: the OR is asked with a term and advises before the college decides', async () => {
  const { page, context } = await as('bv-manager-dalfsen');
  const url = `${srv.url}/trajecten/5/besluitvorming`;
  await page.goto(url);
  const row = () => page.locator('tr[data-organisatie=GM0148]');
  assert.match(await row().innerText(), /advies vragen aan de ondernemingsraad/);
  let form = page.locator('form[action="/trajecten/5/besluitvorming"]');
  await axe(page, 'the decision trail with the form');
  // The college before the OR: refused, the reason shown, nothing stored.
  await form.locator('#stap-orgaan').selectOption('college');
  await form.locator('#stap-organisatie').selectOption('GM0148');
  await form.locator('#stap-datum').fill('2012-06-01');
  await form.locator('#stap-uitkomst').selectOption('go');
  await form.locator('#stap-onderwerp').fill('Samenwerking sociale zaken');
  await form.locator('#stap-toelichting').fill('Zoals in het verslag van de vergadering.');
  let res = await submit(page, form);
  assert.equal(res.status(), 422);
  assert.match(await page.locator('main').innerText(), /ondernemingsraad/i);
  await axe(page, 'a refused step');
  let trail = (await srv.api('GET', '/api/v1/trajecten/5/besluitvorming')).json;
  assert.equal(trail.organisaties.find((o) => o.organisatie === 'GM0148').college, null);

  // The OR asked, without a term: the error is next to the field.
  form = page.locator('form[action="/trajecten/5/besluitvorming"]');
  await form.locator('#stap-orgaan').selectOption('or');
  await form.locator('#stap-organisatie').selectOption('GM0148');
  await form.locator('#stap-datum').fill('2012-06-01');
  await form.locator('#stap-uitkomst').selectOption('advies-gevraagd');
  await form.locator('#stap-onderwerp').fill('Samenwerking sociale zaken');
  await form.locator('#stap-toelichting').fill('Zoals in het verslag van de vergadering.');
  res = await submit(page, form);
  assert.equal(res.status(), 400);
  assert.equal(await page.locator('#stap-termijn').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#stap-uitkomst').inputValue(), 'advies-gevraagd', 'the input is kept');
  await page.locator('#stap-termijn').fill('2012-07-15');
  res = await submit(page, page.locator('form[action="/trajecten/5/besluitvorming"]'));
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\?gelukt=1$/);
  assert.match(await row().innerText(), /uiterlijk 15 juli 2012/);
  // On a day within the term the trail waits for the advice; today (the
  // term long over) the college may decide without it.
  await page.goto(`${url}?datum=2012-06-15`);
  assert.match(await row().innerText(), /wacht op het advies/);
  await page.goto(url);

  // The advice, then the college.
  form = page.locator('form[action="/trajecten/5/besluitvorming"]');
  await form.locator('#stap-orgaan').selectOption('or');
  await form.locator('#stap-organisatie').selectOption('GM0148');
  await form.locator('#stap-datum').fill('2012-07-10');
  await form.locator('#stap-uitkomst').selectOption('advies');
  await form.locator('#stap-onderwerp').fill('Samenwerking sociale zaken');
  await form.locator('#stap-toelichting').fill('Zoals in het verslag van de vergadering.');
  await form.locator('#stap-advies').selectOption('met-voorwaarden');
  await submit(page, form);
  assert.match(await row().innerText(), /met voorwaarden/);
  assert.match(await row().innerText(), /besluit van het college/);
  form = page.locator('form[action="/trajecten/5/besluitvorming"]');
  await form.locator('#stap-orgaan').selectOption('college');
  await form.locator('#stap-organisatie').selectOption('GM0148');
  await form.locator('#stap-datum').fill('2012-07-17');
  await form.locator('#stap-uitkomst').selectOption('go');
  await form.locator('#stap-onderwerp').fill('Samenwerking sociale zaken');
  await form.locator('#stap-toelichting').fill('Zoals in het verslag van de vergadering.');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  trail = (await srv.api('GET', '/api/v1/trajecten/5/besluitvorming')).json;
  const dalfsen = trail.organisaties.find((o) => o.organisatie === 'GM0148');
  assert.deepEqual(dalfsen.or, { gevraagd: '2012-06-01', deadline: '2012-07-15', advies: 'met-voorwaarden', adviesDatum: '2012-07-10' });
  assert.equal(dalfsen.college.uitkomst, 'go');
  // Staphorst is not Dalfsen's to record: it is not offered.
  assert.equal(await page.locator('#stap-organisatie option[value=GM0180]').count(), 0);
  await context.close();

  // A raadslid reads the trail but gets no form.
  const rl = await as('bv-raadslid-dalfsen');
  await rl.page.goto(url);
  assert.equal(await rl.page.locator('form[action="/trajecten/5/besluitvorming"]').count(), 0);
  await rl.context.close();
});

test('consent in the urenbank: the opdrachtgever accepts an inzet and refuses a merge (with a reason)', async () => {
  const lokaal = async (org, titel) => {
    const r = await srv.api('POST', `/api/v1${PT}/opdrachten`, { soort: 'lokaal', titel, opdrachtgevers: [{ organisatie: org }] });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const a = await lokaal('GM0482', 'Nota armoedebeleid Alblasserdam');
  const b = await lokaal('GM0505', 'Nota armoedebeleid Dordrecht');
  const vos = (await srv.api('GET', '/api/v1/medewerkers?organisatie=GM0505')).json.find((m) => m.naam === 'Marieke Vos').id;
  let r = await srv.api('POST', `/api/v1${PT}/opdrachten/${a}/inzet`, { medewerker: vos, minuten: 600 }, { token: tok['bv-manager-dd'] });
  assert.equal(r.status, 202, r.text);
  const inzetReq = r.json.id;
  r = await srv.api('POST', `/api/v1${PT}/opdrachten/${a}/samenvoegen`, { met: b, titel: 'Armoedebeleid samen' }, { token: tok['bv-procesmanager'] });
  assert.equal(r.status, 202, r.text);
  const merge = r.json.id;

  const { page, context } = await as('bv-manager-ad');
  await page.goto(`${srv.url}${PT}`);
  await page.getByRole('link', { name: 'Instemming' }).first().click();
  assert.match(page.url(), /\/proeftuinen\/dt2012\/instemmingen$/);
  const waiting = page.locator('section[aria-labelledby=kop-wacht]');
  assert.match(await waiting.innerText(), /Marieke Vos/);
  assert.match(await waiting.innerText(), /Samenvoegen van opdracht/);
  await axe(page, 'the consent page');

  // Accept the inzet: it is made and commits Alblasserdam's hours.
  let form = page.locator(`form[action="${PT}/instemmingen/inzet/${inzetReq}"]`);
  let res = await submit(page, form, form.getByRole('button', { name: 'Akkoord' }));
  assert.equal(res.status(), 200);
  assert.match(await page.locator('[role=status]').innerText(), /instemming is vastgelegd/);
  const op = (await srv.api('GET', `/api/v1${PT}/opdrachten/${a}`)).json;
  assert.equal(op.inzet.length, 1);
  assert.equal(op.inzet[0].medewerker, vos);

  // Refusing without a reason: the error next to the field; nothing answered.
  form = page.locator(`form[action="${PT}/instemmingen/samenvoeging/${merge}"]`);
  res = await submit(page, form, form.getByRole('button', { name: 'Weigeren' }));
  assert.equal(res.status(), 400);
  assert.equal(await page.locator(`#reden-samenvoeging-${merge}`).getAttribute('aria-invalid'), 'true');
  await axe(page, 'a refusal without a reason');
  r = (await srv.api('GET', `/api/v1${PT}/instemmingen`)).json.find((x) => x.soort === 'samenvoeging' && x.id === merge);
  assert.equal(r.status, 'gevraagd');
  await page.locator(`#reden-samenvoeging-${merge}`).fill('eigen accenten in het armoedebeleid');
  form = page.locator(`form[action="${PT}/instemmingen/samenvoeging/${merge}"]`);
  res = await submit(page, form, form.getByRole('button', { name: 'Weigeren' }));
  assert.equal(res.status(), 200);
  r = (await srv.api('GET', `/api/v1${PT}/instemmingen`)).json.find((x) => x.soort === 'samenvoeging' && x.id === merge);
  assert.equal(r.status, 'geweigerd');
  assert.equal((await srv.api('GET', `/api/v1${PT}/opdrachten/${a}`)).json.status, 'open', 'nothing merged');
  assert.match(await page.locator('section[aria-labelledby=kop-wacht]').innerText(), /Er wacht niets op uw antwoord/);

  // Ending the inzet, from the same page.
  const inzetId = op.inzet[0].id;
  form = page.locator(`form[action="${PT}/inzet/${inzetId}/beeindigen"]`);
  await form.locator(`#reden-inzet-${inzetId}`).fill('de nota is klaar');
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  const ended = (await srv.api('GET', `/api/v1${PT}/opdrachten/${a}`)).json.inzet[0];
  assert.equal(ended.status, 'afgesloten');
  assert.equal(ended.beeindigd.reden, 'de nota is klaar');
  await axe(page, 'the consent page after answering');
  await context.close();
});

test('the raad\'s kaders: recorded on the organisation\'s page; a traject outside them waits for "raad geconsulteerd"', async () => {
  const { page, context } = await as('bv-manager-staphorst');
  await page.goto(`${srv.url}/organisaties/GM0180`);
  let form = page.locator('form[action="/organisaties/GM0180/kaders"]');
  await axe(page, 'the organisation page with the kaders form');
  // Task fields and partners are chosen by name, several at once.
  assert.ok((await form.getByLabel(/^Taakvelden/).locator('option').allInnerTexts()).includes('ICT en informatievoorziening'));
  assert.ok((await form.getByLabel(/^Partners/).locator('option').allInnerTexts()).includes('Dalfsen'));
  // A forged unknown task field: refused with the reason, nothing stored.
  await form.getByLabel('Titel (het raadsbesluit of de visie)').fill('Kadernota samenwerking');
  await form.getByLabel('Geldig vanaf').fill('2012-01-01');
  await form.getByLabel(/^Taakvelden/).evaluate((s) => s.add(new Option('nergens', 'nergens')));
  await form.getByLabel(/^Taakvelden/).selectOption(['ict', 'nergens']);
  let res = await submit(page, form);
  assert.equal(res.status(), 422);
  assert.match(await page.locator('main').innerText(), /nergens/);
  await axe(page, 'refused kaders');
  assert.deepEqual((await srv.api('GET', '/api/v1/organisaties/GM0180/kaders')).json, []);
  // ICT and inkoop, with Dalfsen and Zwartewaterland.
  await page.goto(`${srv.url}/organisaties/GM0180`);
  form = page.locator('form[action="/organisaties/GM0180/kaders"]');
  await form.getByLabel('Titel (het raadsbesluit of de visie)').fill('Kadernota samenwerking');
  await form.getByLabel('Geldig vanaf').fill('2012-01-01');
  await form.getByLabel(/^Taakvelden/).selectOption([{ label: 'ICT en informatievoorziening' }, { label: 'Inkoop en aanbesteding' }]);
  await form.getByLabel(/^Partners/).selectOption([{ label: 'Dalfsen' }, { label: 'Zwartewaterland' }]);
  res = await submit(page, form);
  assert.equal(res.status(), 200);
  assert.match(await page.locator('section[aria-labelledby=kop-kaders]').innerText(),
    /Kadernota samenwerking.*taakvelden ICT en informatievoorziening, Inkoop en aanbesteding; partners Dalfsen, Zwartewaterland/s);
  const k = (await srv.api('GET', '/api/v1/organisaties/GM0180/kaders')).json;
  assert.deepEqual([k.length, k[0].taakvelden, k[0].partners], [1, ['ict', 'inkoop'], ['GM0148', 'GM1896']]);

  // Financiën (traject 6) lies outside them: marked, and after the OR the
  // next step is to consult the raad, not the college.
  const url = `${srv.url}/trajecten/6/besluitvorming`;
  await page.goto(url);
  const row = () => page.locator('tr[data-organisatie=GM0180]');
  assert.match(await row().innerText(), /buiten de kaders/);
  const step = async (orgaan, datum, uitkomst, extra = {}) => {
    const f = page.locator('form[action="/trajecten/6/besluitvorming"]');
    await f.locator('#stap-orgaan').selectOption(orgaan);
    await f.locator('#stap-organisatie').selectOption('GM0180');
    await f.locator('#stap-datum').fill(datum);
    await f.locator('#stap-uitkomst').selectOption(uitkomst);
    await f.locator('#stap-onderwerp').fill('Samenwerking sociale zaken');
    await f.locator('#stap-toelichting').fill('Zoals in het verslag van de vergadering.');
    if (extra.termijn) await f.locator('#stap-termijn').fill(extra.termijn);
    if (extra.advies) await f.locator('#stap-advies').selectOption(extra.advies);
    return submit(page, f);
  };
  assert.equal((await step('or', '2012-10-01', 'advies-gevraagd', { termijn: '2012-10-15' })).status(), 200);
  assert.equal((await step('or', '2012-10-10', 'advies', { advies: 'positief' })).status(), 200);
  assert.match(await row().innerText(), /de raad consulteren/);
  await axe(page, 'a traject outside the kaders');
  // The college cannot go first: refused, nothing stored.
  res = await step('college', '2012-10-17', 'go');
  assert.equal(res.status(), 422);
  assert.match(await page.locator('main').innerText(), /raad/i);
  let dec = (await srv.api('GET', '/api/v1/trajecten/6/besluitvorming')).json.organisaties.find((o) => o.organisatie === 'GM0180');
  assert.equal(dec.college, null);
  await page.goto(url);
  assert.equal((await step('raad', '2012-10-20', 'geconsulteerd')).status(), 200);
  assert.match(await row().innerText(), /geconsulteerd \(raad\)/);
  assert.match(await row().innerText(), /besluit van het college/);
  dec = (await srv.api('GET', '/api/v1/trajecten/6/besluitvorming')).json.organisaties.find((o) => o.organisatie === 'GM0180');
  assert.deepEqual([dec.buitenKaders, dec.volgendeStap], [true, 'college']);
  await context.close();

  // A raadslid of Dalfsen may not record Staphorst's kaders: no form.
  const rl = await as('bv-raadslid-dalfsen');
  await rl.page.goto(`${srv.url}/organisaties/GM0180`);
  assert.equal(await rl.page.locator('form[action="/organisaties/GM0180/kaders"]').count(), 0);
  await rl.context.close();
});

test('the SSC without cherry-picking: a phased entry and a new gastheer recorded on the verband\'s page', async () => {
  const { page, context } = await as('bv-stuurgroep-ssc');
  const url = `${srv.url}/verbanden/ssc-zwolle`;
  const record = async (wat, fields) => {
    await page.goto(url);
    const f = page.locator('form[action="/verbanden/ssc-zwolle/afspraken"]');
    await f.locator('#afspraak-soort').selectOption(wat);
    for (const [id, v] of Object.entries(fields)) {
      const el = f.locator(`#${id}`);
      if (await el.evaluate((e) => e.tagName === 'SELECT')) await el.selectOption(v);
      else await el.fill(v);
    }
    return submit(page, f);
  };
  // Kampen takes part in inkoop only from 2014 (the seed: "op verschillende momenten in te stappen").
  let res = await record('instap', { 'afspraak-organisatie': 'GM0166', 'afspraak-taakveld': 'inkoop', 'afspraak-datum': '2014-01-01',
    'afspraak-titel': 'instap inkoop', 'afspraak-omschrijving': 'Kampen sluit aan na afloop van het eigen contract' });
  assert.equal(res.status(), 200);
  const instap = (await srv.api('GET', '/api/v1/verbanden/ssc-zwolle/instap')).json;
  assert.deepEqual(instap.map((x) => [x.organisatie, x.taakveld, x.vanaf]), [['GM0166', 'inkoop', '2014-01-01']]);
  // In Kampen's matrix of 2013 the exception shows; in 2014 it is gone.
  await page.goto(`${srv.url}/organisaties/GM0166?datum=2013-06-01`);
  assert.match(await page.locator('main').innerText(), /instap in SSC Zwolle.*pas vanaf 1 januari 2014/s);
  await axe(page, 'a matrix with a phased entry');
  await page.goto(`${srv.url}/organisaties/GM0166?datum=2014-06-01`);
  assert.doesNotMatch(await page.locator('main').innerText(), /pas vanaf 1 januari 2014/);

  // A gastheer that is no member is refused; nothing changes.
  const hosts = async () => (await srv.api('GET', '/api/v1/verbanden/ssc-zwolle')).json.leden.filter((l) => l.rol === 'gastheer').map((l) => [l.organisatie, l.van, l.tot ?? null]);
  const before = await hosts();
  // The form offers the members by name only; a forged choice is refused by the server.
  await page.goto(url);
  const org = page.locator('form[action="/verbanden/ssc-zwolle/afspraken"] #afspraak-organisatie');
  const offered = await org.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.ok(offered.some(([v, t]) => v === 'GM0166' && t === 'Kampen'), JSON.stringify(offered));
  assert.ok(!offered.some(([v]) => v === 'GM0180'));
  const forged = async (wat, fields) => {
    await page.goto(url);
    await page.locator('#afspraak-organisatie').evaluate((s) => s.add(new Option('Staphorst', 'GM0180')));
    const f = page.locator('form[action="/verbanden/ssc-zwolle/afspraken"]');
    await f.locator('#afspraak-soort').selectOption(wat);
    for (const [id, v] of Object.entries(fields)) await f.locator(`#${id}`).fill(v);
    await f.locator('#afspraak-organisatie').selectOption('GM0180');
    return submit(page, f);
  };
  res = await forged('gastheer', { 'afspraak-datum': '2015-01-01', 'afspraak-titel': 'gastheer' });
  assert.ok(res.status() >= 400 && res.status() < 500, `status ${res.status()}`);
  await axe(page, 'a refused gastheer');
  assert.deepEqual(await hosts(), before);
  // Kampen takes over from Zwolle on 1 January 2015: exactly one gastheer at a time.
  res = await record('gastheer', { 'afspraak-organisatie': 'GM0166', 'afspraak-datum': '2015-01-01', 'afspraak-titel': 'gastheer' });
  assert.equal(res.status(), 200);
  assert.deepEqual(await hosts(), [['GM0193', '2013-01-01', '2015-01-01'], ['GM0166', '2015-01-01', null]]);
  await context.close();
});

test('what was agreed to happen: a meeting\'s agenda and minutes, an evaluation\'s outcome, the next report to the raad', async () => {
  const { page, context } = await as('bv-stuurgroep-dsz');
  const url = `${srv.url}/verbanden/dsz`;
  const meetings = async () => (await srv.api('GET', '/api/v1/overleggen?verband=dsz')).json.find((m) => m.id === 6).vergaderingen;
  await page.goto(url);
  await axe(page, 'the verband page with the stuurgroep\'s forms');
  const meeting = async (datum) => {
    await page.goto(url);
    const f = page.locator('form[action="/verbanden/dsz/vergadering"]');
    await f.locator('#vergadering-overleg').selectOption('6');
    await f.locator('#vergadering-datum').fill(datum);
    await f.locator('#vergadering-agenda').fill('1. Voortgang Belastingen & Geo');
    await f.locator('#vergadering-verslag').fill('Op schema; de colleges besluiten in december.');
    return submit(page, f);
  };
  // A date that is not one of the series: refused, nothing stored.
  const before = await meetings();
  let res = await meeting('2012-11-02');
  assert.ok(res.status() >= 400 && res.status() < 500, `status ${res.status()}`);
  assert.deepEqual(await meetings(), before);
  res = await meeting('2012-11-01');
  assert.equal(res.status(), 200);
  assert.deepEqual((await meetings()).find((v) => v.datum === '2012-11-01'),
    { datum: '2012-11-01', agenda: '1. Voortgang Belastingen & Geo', verslag: 'Op schema; de colleges besluiten in december.' });
  assert.match(await page.locator('main').innerText(), /verslag: Op schema/);

  // The ICT evaluation after three years (seed 000): scale up to the SSC.
  await page.goto(url);
  let f = page.locator('form[action="/verbanden/dsz/evaluatie-uitkomst"]');
  await f.locator('#evaluatie-id').selectOption('1');
  await f.locator('#evaluatie-gehouden').fill('2015-01-15');
  await f.locator('#evaluatie-uitkomst').fill('De ICT-samenwerking werkt; aansluiten bij het SSC Zwolle wordt uitgewerkt.');
  await f.locator('#evaluatie-vervolg').selectOption('opschalen');
  res = await submit(page, f);
  assert.equal(res.status(), 200);
  const ev = (await srv.api('GET', '/api/v1/verbanden/dsz/evaluaties')).json.find((e) => e.id === 1);
  assert.deepEqual([ev.gehouden, ev.vervolg], ['2015-01-15', 'opschalen']);
  assert.equal(await page.locator('form[action="/verbanden/dsz/evaluatie-uitkomst"]').count(), 0, 'nothing left to evaluate');
  await context.close();

  // Dalfsen's manager plans the next stand van zaken for its raad.
  const m = await as('bv-manager-dalfsen');
  await m.page.goto(`${srv.url}/organisaties/GM0148`);
  f = m.page.locator('form[action="/organisaties/GM0148/rapportageplanning"]');
  await f.locator('#plan-datum').fill('2013-03-01');
  await f.locator('#plan-precisie').selectOption('maand');
  res = await submit(m.page, f);
  assert.equal(res.status(), 200);
  assert.match(await m.page.locator('section[aria-labelledby=kop-rapportages]').innerText(), /maart 2013/);
  await axe(m.page, 'the organisation page after planning a report');
  const plans = (await srv.api('GET', '/api/v1/organisaties/GM0148/rapportageplanning')).json;
  assert.ok(plans.some((x) => x.datum === '2013-03-01' && x.wanneer === 'maart 2013'), JSON.stringify(plans));
  await m.context.close();
});

test('a role changes hands on a date on the traject\'s page; a date before the holder began is refused', async () => {
  // Inkoop (traject 2): a projectleider of Dalfsen since March 2012.
  const made = await srv.api('POST', '/api/v1/trajecten/2/rollen', { rol: 'projectleider', naam: 'A. de Vries', organisatie: 'GM0148', van: '2012-03-01' });
  assert.equal(made.status, 201, made.text);
  const roles = async () => (await srv.api('GET', '/api/v1/trajecten/2/rollen')).json.map((r) => [r.naam, r.van, r.tot ?? null]);
  const { page, context } = await as('bv-stuurgroep-dsz');
  const hand = async (datum) => {
    await page.goto(`${srv.url}/trajecten/2`);
    const f = page.locator('form[action="/trajecten/2/rolwissel"]');
    await f.locator('#rolwissel-rol').selectOption(String(made.json.id));
    await f.locator('#rolwissel-datum').fill(datum);
    await f.locator('#rolwissel-naam').fill('B. Jansen');
    await f.locator('#rolwissel-organisatie').fill('GM0180');
    await f.locator('#rolwissel-reden').fill('Staphorst trekt inkoop');
    return submit(page, f);
  };
  let res = await hand('2011-12-01');
  assert.ok(res.status() >= 400 && res.status() < 500, `status ${res.status()}`);
  await axe(page, 'a refused role change');
  assert.deepEqual(await roles(), [['A. de Vries', '2012-03-01', null]]);
  res = await hand('2013-01-01');
  assert.equal(res.status(), 200);
  assert.deepEqual(await roles(), [['A. de Vries', '2012-03-01', '2013-01-01'], ['B. Jansen', '2013-01-01', null]]);
  assert.match(await page.locator('section[aria-labelledby=kop-rollen]').innerText(), /B\. Jansen/);
  await axe(page, 'the traject page with the roles form');
  await context.close();
});
