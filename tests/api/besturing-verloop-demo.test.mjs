// The seeds' dated story in the demo (issue: governance as the seeds run
// it): the DSZ ICT no-go of May 2012 and the traject's fase changing, the
// poolmanager who is no more, the decision trails of 2012, Evert Jansen as
// PSA owner from July 2013, the SSC's convenant of 25 June 2012, STAAN's
// meetings, WOL's 2008–2009 timeline and the reports planned for September
// and December 2012 — read back through the API on the dates the seeds give.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

let srv, raadslid;
const get = async (path, token) => {
  const r = await srv.api('GET', '/api/v1' + path, null, token ? { token } : {});
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.json;
};
const traject = async (verband, taakveld, datum) =>
  (await get(`/trajecten?verband=${verband}&taakveld=${taakveld}${datum ? `&datum=${datum}` : ''}`))[0];

before(async () => {
  srv = await startServer({ demo: true });
  const naam = unique('raadslid-dalfsen');
  await createUser(srv, { naam, rol: 'raadslid', organisatie: 'GM0148' });
  raadslid = (await tokenFor(srv, naam)).token;
});
after(async () => { await srv.stop(); });

test('DSZ ICT: businesscase in March 2012, besluitvorming after 20 April, the no-go of May, execution from September', async () => {
  assert.equal((await traject('dsz', 'ict', '2012-03-08')).fase, 'businesscase');
  assert.equal((await traject('dsz', 'ict', '2012-04-25')).fase, 'besluitvorming');
  const may = await traject('dsz', 'ict', '2012-06-01');
  assert.equal(may.fase, 'implementatie');
  assert.equal(may.eigenaar, 'afdelingshoofden ICT');
  assert.match(may.omschrijving, /Geen ICT-pool/);
  assert.equal((await traject('dsz', 'ict', '2012-09-30')).fase, 'uitvoering');
  const h = await get(`/trajecten/${may.id}/historie`);
  assert.ok(h.some((m) => m.veld === 'fase' && m.ingangsdatum === '2012-05-01' && /No-go/.test(m.reden)));
  const besluiten = await get(`/trajecten/${may.id}/besluiten`);
  assert.ok(besluiten.some((b) => b.orgaan === 'stuurgroep' && b.uitkomst === 'no-go' && b.datum === '2012-05-01'));
  // The poolmanager is no more from the decision on.
  const rollen = await get(`/trajecten/${may.id}/rollen`);
  const pool = rollen.find((r) => r.naam === 'Poolmanager ICT');
  assert.equal(pool.tot, '2012-05-01');
  assert.match(pool.eindeReden, /geen poolmanager/);
  // The evaluation after three years, with the possible scale-up to the SSC.
  const ev = await get(`/trajecten/${may.id}/evaluaties`);
  assert.equal(ev[0].wanneer, '2015');
  assert.match(ev[0].omschrijving, /opgeschaald naar het SSC Zwolle/);
});

test('the decision trails of 2012: where each DSZ organisation stands', async () => {
  const v = await get('/verbanden/dsz/besluitvorming?datum=2012-09-30');
  const dalfsen = v.organisaties.find((o) => o.organisatie === 'GM0148');
  assert.equal(dalfsen.college.uitkomst, 'go');
  assert.deepEqual(dalfsen.raad.map((r) => [r.datum, r.uitkomst]), [['2012-03-08', 'kennisname'], ['2012-09-01', 'kennisname']]);
  assert.ok(v.stuurgroep.some((s) => s.orgaan === 'burgemeesters' && s.datum === '2012-01-11'));
  const bel = await traject('dsz', 'belastingen');
  const t = await get(`/trajecten/${bel.id}/besluitvorming?datum=2012-09-30`);
  assert.deepEqual(t.stuurgroep.map((s) => s.uitkomst), ['go', 'go']);
  assert.ok(t.organisaties.every((o) => o.volgendeStap === 'or-vragen'), 'the plan goes to the ORs next (seed 000)');
});

test('STAAN PSA: Judith Jansen owner from 2012, Evert Jansen beside her from July 2013', async () => {
  assert.equal((await traject('staan', 'psa', '2013-06-30')).eigenaar, 'Judith Jansen, Assen');
  assert.equal((await traject('staan', 'psa', '2013-07-01')).eigenaar, 'Judith Jansen, Assen; Evert Jansen, Tynaarlo');
  const psa = await traject('staan', 'psa');
  const rollen = await get(`/trajecten/${psa.id}/rollen`);
  assert.ok(rollen.some((r) => r.naam === 'Evert Jansen' && r.van === '2013-07-01'));
});

test('the SSC\'s convenant of 25 June 2012, one gastheer', async () => {
  const docs = await get('/verbanden/ssc-zwolle/documenten');
  const c = docs.find((x) => x.soort === 'convenant');
  assert.equal(c.datum, '2012-06-25');
  assert.equal(c.wanneer, '25 juni 2012');
  const leden = (await get('/verbanden/ssc-zwolle')).leden;
  assert.deepEqual(leden.filter((l) => l.rol === 'gastheer').map((l) => l.organisatie), ['GM0193']);
});

test('STAAN\'s meetings: MT sessions twice a year from the werkconferentie, the stuurgroep every six weeks', async () => {
  const m = await get('/overleggen?verband=staan&van=2012-05-01&tot=2013-06-30');
  const mt = m.filter((x) => x.soort === 'mt-sessie').map((x) => x.datum);
  assert.deepEqual(mt, ['2012-05-30', '2012-11-30', '2013-05-30']);
  const first = m.find((x) => x.soort === 'mt-sessie' && x.datum === '2012-05-30');
  assert.match(first.agenda, /Werkconferentie in Norg/);
  const sg = m.filter((x) => x.soort === 'stuurgroep').map((x) => x.datum);
  assert.equal(sg[0], '2012-06-01');
  assert.equal(sg[1], '2012-07-13', 'six weeks later');
  const trekker = await get('/verbanden/staan/trekkers');
  assert.deepEqual(trekker.map((t) => [t.thema, t.organisatie]), [['communicatie', 'GM0106']]);
});

test('WOL 2008–2009: information in February, evaluation mid-2008, the joint council after the summer, intent, decision', async () => {
  const dec = await get('/verbanden/wol/besluiten');
  assert.deepEqual(dec.filter((b) => b.orgaan === 'raad').map((b) => b.datum), ['2008-02-01', '2008-02-01', '2008-02-01']);
  assert.ok(dec.some((b) => b.orgaan === 'stuurgroep' && b.datum === '2008-01-01'));
  const ev = await get('/verbanden/wol/evaluaties');
  assert.deepEqual(ev.map((e) => e.wanneer), ['juli 2008']);
  const m = await get('/overleggen?verband=wol');
  assert.deepEqual(m.map((x) => [x.titel, x.wanneer]), [['Gezamenlijke raadsbijeenkomst WOL', 'september 2008'],
    ['Besluitvorming in de raden over het vervolg van de samenwerking', 'eerste kwartaal 2009']]);
  const docs = await get('/verbanden/wol/documenten');
  assert.deepEqual(docs.map((d) => [d.soort, d.wanneer, d.status]), [['overig', 'februari 2008', 'vastgesteld'],
    ['intentieverklaring', 'vierde kwartaal 2008', 'gepland']]);
});

test('Dalfsen\'s reports: September 2012 planned in March, December 2012 in the September report', async () => {
  const plan = await get('/organisaties/GM0148/rapportageplanning');
  assert.deepEqual(plan.map((x) => x.wanneer), ['september 2012', 'december 2012']);
  const march = (await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-01-01&tot=2012-03-08&formaat=md',
    null, { token: raadslid })).text;
  assert.match(march, /\*\*Volgende rapportage aan de raad:\*\* september 2012 \(In september 2012 zal het College/);
  const sept = (await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-09-30&formaat=md',
    null, { token: raadslid })).text;
  assert.match(sept, /\*\*Volgende rapportage aan de raad:\*\* december 2012 \(tenzij er eerder/);
  assert.match(sept, /#### ICT en informatievoorziening[\s\S]*Fase: uitvoering[\s\S]*##### Gewijzigd[\s\S]*1 mei 2012: fase van besluitvorming naar implementatie/);
});

test('every demo taakveld carries an Iv3 code from the list', async () => {
  const tv = await get('/taakvelden');
  assert.deepEqual(tv.filter((t) => !t.iv3).map((t) => t.code), []);
});
