// The demo through the API: STAAN's tiers and owners exactly as the seed's
// table (003), WOL's survey leading to its seven short-term tasks (004), and
// DSZ's 2012 milestones, delays, decisions and ICT business case (000, 001).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { expectStatus } from './besturing-helpers.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

const get = async (path) => expectStatus(await srv.api('GET', path, null, { token: null }), 200);
const trajectId = async (verband, taakveld) => {
  const [t, ...more] = await get(`/api/v1/trajecten?verband=${verband}&taakveld=${taakveld}`);
  assert.equal(more.length, 0);
  return t.id;
};

test('STAAN 2012: the tiers equal the seed table exactly', async () => {
  const u = await get('/api/v1/scoringen/staan-2012/uitslag');
  const tiers = {};
  for (const t of u.taakvelden) (tiers[t.klasse] ||= []).push(t.taakveld);
  for (const k of Object.keys(tiers)) tiers[k].sort();
  assert.deepEqual(tiers, {
    'zeer-kansrijk': ['belastingen', 'inkoop', 'juridisch', 'materieel-ow', 'mobiliteit', 'psa', 'repro'],
    kansrijk: ['lean', 'vastgoed'],
    'kansrijk-op-termijn': ['frontoffice-kcc', 'ict', 'ingenieursbureau', 'transities-jeugdzorg-awbz'],
  });
  assert.deepEqual(u.criteria.map((c) => c.code),
    ['gedeeld-ambitieniveau', 'vergelijkbare-belangen', 'vertrouwen', 'draagvlak-achterban', 'binnen-2-jaar']);
  assert.deepEqual(u.partners, ['GM0106', 'GM1680', 'GM1699', 'GM1730']);
  for (const t of u.taakvelden) {
    assert.equal(t.volledig, true, `${t.taakveld} fully scored`);
    assert.deepEqual(t.ontbrekend, []);
  }
  // Lean has a high mean but one partner scores low: kansrijk, not zeer kansrijk.
  const lean = u.taakvelden.find((t) => t.taakveld === 'lean');
  assert.ok(lean.gemiddelde >= 400);
  assert.deepEqual(lean.laagste, { organisatie: 'GM1699', score: 257 });
});

test('STAAN 2012: the owners of the zeer kansrijke task fields', async () => {
  const u = await get('/api/v1/scoringen/staan-2012/uitslag');
  const owners = Object.fromEntries(u.taakvelden.map((t) => [t.taakveld, t.eigenaren.map((e) => `${e.naam}, ${e.organisatieNaam}`)]));
  assert.deepEqual(owners.belastingen, ['Tonnie Vos, Tynaarlo']);
  assert.deepEqual(owners.inkoop, ['Binse van Spronsen, Aa en Hunze']);
  assert.deepEqual(owners.psa, ['Judith Jansen, Assen', 'Evert Jansen, Tynaarlo']);
  assert.deepEqual(owners['materieel-ow'], ['Alfred Somsen, Assen']);
  assert.deepEqual(owners.mobiliteit, ['Jan Westen, Tynaarlo', 'Wieneke Pathuis, Assen']);
  assert.deepEqual(owners.repro, ['Inge Bakker, Noordenveld']);
  assert.deepEqual(owners.juridisch, []);
  const roles = await get('/api/v1/verbanden/staan/rollen');
  assert.ok(roles.some((r) => r.rol === 'procesmanager' && r.naam === 'Roel Schrotenboer'));
  assert.equal(roles.filter((r) => r.rol === 'stuurgroep').length, 4);
  assert.ok(roles.some((r) => r.rol === 'projectleider' && r.naam === 'Tonnie Vos' && r.taakveld === 'belastingen'));
});

test('WOL 2007: the survey ranks the seven short-term tasks first, and they were chosen', async () => {
  const seven = ['burgerzaken', 'bwt', 'dienstverlening', 'juridisch', 'milieu', 'po', 'wmo'];
  const u = await get('/api/v1/verkenningen/wol-2007/uitslag');
  assert.deepEqual(u.partners, ['GM0415', 'GM0431', 'GM0880']);
  const top = u.taakvelden.slice(0, 7);
  assert.deepEqual(top.map((t) => t.taakveld).sort(), seven);
  assert.ok(top.every((t) => t.snelleWinst && t.gekozen && t.antwoorden === 3));
  assert.ok(u.taakvelden.slice(7).every((t) => !t.gekozen && !t.snelleWinst));
  assert.equal(u.taakvelden[0].taakveld, 'wmo');
  const k = await get('/api/v1/verkenningen/wol-2007');
  assert.deepEqual([...k.gekozen].sort(), seven);
  assert.equal(k.keuze.datum, '2008-01-01');
});

test('DSZ ICT business case: ruim € 200.000 a year extra for Dalfsen, so it does not pay back', async () => {
  const id = await trajectId('dsz', 'ict');
  const b = await get(`/api/v1/trajecten/${id}/businesscase`);
  assert.equal(b.oordeel, 'verdient-zich-niet-terug');
  assert.equal(b.periodeJaren, 3);
  const dalfsen = b.perOrganisatie.find((o) => o.organisatie === 'GM0148');
  assert.equal(dalfsen.terugverdienjaar, null);
  assert.equal(dalfsen.nettoCenten, -61535135);
  assert.ok(dalfsen.nettoCenten / 3 < -20000000, 'ruim € 200.000 a year');
  assert.ok(dalfsen.nettoCenten <= -60000000, '€ 600.000 in all');
  // Three years are too short for the others as well.
  assert.ok(b.perOrganisatie.every((o) => o.terugverdienjaar === null));
  assert.match(b.toelichtingOordeel, /Dalfsen/);
  // The decision that followed, with its reason.
  const d = await get(`/api/v1/trajecten/${id}/besluiten`);
  const nogo = d.filter((x) => x.uitkomst === 'no-go');
  assert.deepEqual(nogo.map((x) => x.orgaan).sort(), ['burgemeesters', 'stuurgroep']);
  for (const x of nogo) {
    assert.equal(x.datum.slice(0, 7), '2012-05');
    assert.match(x.toelichting, /terug te verdienen/);
    assert.match(x.toelichting, /200\.000/);
    assert.match(x.toelichting, /geen ICT-pool/i);
  }
});

test('DSZ 2012: inkoop and P&O postponed to 24 September with reasons, facilitair late', async () => {
  let late = await get('/api/v1/mijlpalen?verband=dsz&status=te-laat&datum=2012-09-15');
  assert.deepEqual(late.map((m) => m.taakveld), ['facilitair']);
  assert.equal(late[0].deadline, '2012-06-01');
  const postponed = await get('/api/v1/mijlpalen?verband=dsz&status=uitgesteld&datum=2012-09-15');
  assert.deepEqual(postponed.map((m) => m.taakveld).sort(), ['inkoop', 'po']);
  for (const m of postponed) {
    assert.equal(m.oorspronkelijkeDeadline, '2012-05-01');
    assert.equal(m.deadline, '2012-09-24');
    assert.equal(m.uitstel.length, 1);
    assert.match(m.uitstel[0].reden, /vakanties/);
  }
  assert.match(postponed.find((m) => m.taakveld === 'inkoop').uitstel[0].reden, /Zwolle, Kampen en Provincie/);
  assert.match(postponed.find((m) => m.taakveld === 'po').uitstel[0].reden, /visies/);
  // The ICT business case was due 20 April 2012; on 8 March it was open.
  const ict = await get('/api/v1/mijlpalen?verband=dsz&datum=2012-03-08&van=2012-04-20&tot=2012-04-20');
  assert.equal(ict[0].status, 'open');
  late = await get('/api/v1/mijlpalen?verband=dsz&status=te-laat&datum=2012-09-25');
  assert.deepEqual(late.map((m) => m.taakveld).sort(), ['facilitair', 'inkoop', 'po']);
});

test('DSZ 2012: belastingen & geo approved; facilitair pushed to accelerate; colleges continue DSZ', async () => {
  const bel = await get(`/api/v1/trajecten/${await trajectId('dsz', 'belastingen')}/besluiten`);
  assert.ok(bel.some((x) => x.orgaan === 'stuurgroep' && x.uitkomst === 'go' && x.datum.startsWith('2012-06')));
  assert.ok(bel.some((x) => x.orgaan === 'burgemeesters' && x.uitkomst === 'go'));
  const fac = await get(`/api/v1/trajecten/${await trajectId('dsz', 'facilitair')}/besluiten`);
  assert.match(fac[0].toelichting, /versnelling/);
  const colleges = (await get('/api/v1/besluiten?verband=dsz&orgaan=college')).filter((x) => x.traject === null);
  assert.deepEqual(colleges.map((x) => x.organisatie).sort(), ['GM0148', 'GM0180', 'GM1896']);
  assert.ok(colleges.every((x) => x.uitkomst === 'go' && x.datum <= '2012-03-08'));
});

test('schaken op meerdere borden in the demo: Staphorst and Zwartewaterland hear of Dalfsen and Kampen', async () => {
  for (const org of ['GM0180', 'GM1896']) {
    const m = await get(`/api/v1/meldingen?organisatie=${org}`);
    assert.equal(m.length, 1);
    assert.equal(m[0].verband, 'dsz');
    assert.equal(m[0].taakveld, 'belastingen');
    assert.deepEqual(m[0].melders, ['GM0148']);
    assert.deepEqual(m[0].buitenPartners, ['GM0166']);
  }
  assert.deepEqual(await get('/api/v1/meldingen?organisatie=GM0148'), []);
});

test('the progress of Dalfsen from March to September 2012 holds the facts of the September report', async () => {
  const v = await get('/api/v1/voortgang?organisatie=GM0148&van=2012-03-01&tot=2012-09-30');
  const dsz = v.verbanden.find((x) => x.code === 'dsz');
  const tr = Object.fromEntries(dsz.trajecten.map((t) => [t.taakveld, t]));
  assert.ok(tr.ict.besluiten.some((b) => b.uitkomst === 'no-go' && /200\.000/.test(b.toelichting)));
  assert.equal(tr.ict.businesscase.oordeel, 'verdient-zich-niet-terug');
  assert.equal(tr.ict.businesscase.organisatie.terugverdienjaar, null);
  for (const k of ['inkoop', 'po']) {
    const [m] = tr[k].mijlpalen.uitgesteld;
    assert.equal(m.deadline, '2012-09-24');
    assert.match(m.uitstel[0].reden, /vakanties/);
  }
  assert.ok(tr.belastingen.besluiten.some((b) => b.uitkomst === 'go'));
  assert.deepEqual(tr.facilitair.mijlpalen.teLaat.map((m) => m.deadline), ['2012-06-01']);
  assert.deepEqual(tr.belastingen.mijlpalen.komend.map((m) => m.deadline), ['2012-11-05']);
  assert.equal(v.gemeld.length, 1);
  assert.ok(v.samenvatting.besluiten >= 8);
  assert.ok(dsz.besluiten.some((b) => b.orgaan === 'college' && b.organisatie === 'GM0148'));
  assert.equal(dsz.rollen.filter((r) => r.rol === 'stuurgroep').length, 3);
});
