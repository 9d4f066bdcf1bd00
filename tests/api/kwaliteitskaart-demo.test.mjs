// The demo kwaliteitskaart (demo/kwaliteitskaart.json, issue 5 point 5):
// DSZ ICT and belastingen & geo, the Drechtsteden dienstverlening
// expertise, about 15% of the staff retiring within five years of 2012,
// substitution arrangements and absences; the network view shows which
// competences depend on one person now and in 2017.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
const get = async (path, token) => {
  const r = await srv.api('GET', '/api/v1' + path, null, token ? { token } : {});
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.json;
};
const byCode = (net) => Object.fromEntries(net.competenties.map((c) => [c.competentie, c]));

before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

test('DSZ in 2012 and 2017: who depends on one person, who lacks what, and the network as a whole', async () => {
  const net = await get('/kwetsbaarheid/netwerk?verband=dsz&jaar=2012');
  assert.equal(net.projectiejaar, 2017);
  assert.deepEqual(net.organisaties.map((o) => o.naam), ['Dalfsen', 'Staphorst', 'Zwartewaterland']);
  const c = byCode(net);
  assert.deepEqual(Object.keys(c).sort(), ['applicatiebeheer', 'bag-beheer', 'belastingheffing', 'gis', 'informatiebeveiliging',
    'invordering', 'netwerkbeheer', 'woz-taxatie']);
  // Now: één-pitters.
  const eenPitters = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.eenPitter]));
  assert.deepEqual(eenPitters, {
    applicatiebeheer: [], 'bag-beheer': [], belastingheffing: ['GM0180'], gis: ['GM0148', 'GM1896'],
    informatiebeveiliging: ['GM1896'], invordering: ['GM1896'], netwerkbeheer: [], 'woz-taxatie': ['GM0180'],
  });
  // Staphorst's coördinator ICT knows informatiebeveiliging only at basis level: missing.
  assert.deepEqual(c.informatiebeveiliging.ontbreekt, ['GM0180']);
  // 2017: retirements make Dalfsen and Zwartewaterland vulnerable; Staphorst loses WOZ entirely.
  assert.deepEqual(c['woz-taxatie'].projectie.ontbreekt, ['GM0180']);
  assert.deepEqual(c['woz-taxatie'].projectie.eenPitter, ['GM0148']);
  assert.deepEqual(c.invordering.projectie.ontbreekt, ['GM1896']);
  assert.deepEqual(c.informatiebeveiliging.projectie.ontbreekt.sort(), ['GM0180', 'GM1896']);
  // The whole network depends on one security officer in 2017.
  assert.deepEqual([c.informatiebeveiliging.netwerkHouders, c.informatiebeveiliging.projectie.netwerkHouders], [3, 1]);
  assert.deepEqual(net.samenvatting.netwerkEenPitters, []);
  assert.deepEqual(net.samenvattingProjectie.netwerkEenPitters, ['informatiebeveiliging']);
  assert.deepEqual([net.samenvatting.eenPitter, net.samenvatting.ontbreekt], [6, 1]);
  assert.deepEqual([net.samenvattingProjectie.eenPitter, net.samenvattingProjectie.ontbreekt], [7, 4]);
});

test('Drechtsteden dienstverlening: GBA, applicatiebeheer, naturalisatie and KCC across the six', async () => {
  const net = await get('/kwetsbaarheid/netwerk?verband=drechtsteden&jaar=2012');
  assert.equal(net.organisaties.length, 6);
  const c = byCode(net);
  assert.deepEqual(Object.keys(c).sort(), ['applicatiebeheer', 'gba', 'kcc', 'naturalisatie']);
  assert.deepEqual(c.naturalisatie.ontbreekt.sort(), ['GM0531', 'GM0610']);
  assert.deepEqual(c.kcc.eenPitter.sort(), ['GM0482', 'GM0531', 'GM0590', 'GM0610']);
  assert.deepEqual(c.kcc.projectie.ontbreekt, ['GM0531'], 'Hendrik-Ido-Ambacht\'s KCC expert retires in 2013');
  assert.deepEqual(c.naturalisatie.projectie.ontbreekt.sort(), ['GM0531', 'GM0610', 'GM0642']);
  assert.deepEqual(c.applicatiebeheer.ontbreekt.sort(), ['GM0482', 'GM0531']);
  // As one network the six are covered in everything, now and in 2017.
  for (const k of Object.values(c)) assert.equal(k.projectie.netwerkStatus, 'gedekt', k.competentie);
});

test('about 15% of the staff retires within five years of 2012', async () => {
  const orgs = ['GM0148', 'GM0180', 'GM1896', 'GM0505', 'GM0482', 'GM0531', 'GM0590', 'GM0610', 'GM0642'];
  const gone = (m) => m.pensioenjaar !== null && m.pensioenjaar <= 2016;
  let all = 0, leaving = 0, mapped = 0, mappedLeaving = 0;
  for (const o of orgs) {
    const map = await get(`/kwaliteitskaart?organisatie=${o}`);
    all += map.medewerkers.length;
    leaving += map.medewerkers.filter(gone).length;
    // Those on the kwaliteitskaart (the demo's hours exchange adds policy staff without levels).
    const withLevels = map.medewerkers.filter((m) => Object.keys(m.niveaus).length > 0);
    mapped += withLevels.length;
    mappedLeaving += withLevels.filter(gone).length;
  }
  assert.deepEqual([mapped, mappedLeaving], [60, 9]);
  assert.ok(leaving / all >= 0.12 && leaving / all <= 0.18, `${leaving} of ${all}`);
});

test('absences and substitutions in the demo: Staphorst GIS on 8 March 2012, substitutes from Dalfsen', async () => {
  const staphorst = Object.fromEntries((await get('/kwetsbaarheid?organisatie=GM0180&datum=2012-03-08')).map((c) => [c.competentie, c]));
  assert.deepEqual([staphorst.gis.houders, staphorst.gis.status], [1, 'een-pitter'], 'Albert Zwiers is ill');
  assert.deepEqual(staphorst['woz-taxatie'].vervangers.map((v) => [v.naam, v.organisatie]).sort(),
    [['Bert Meulman', 'GM0148'], ['Ilse Nijenhuis', 'GM0148']]);
  assert.equal(staphorst['woz-taxatie'].statusMetVervangers, 'gedekt');
  const subs = await get('/vervangingen');
  assert.equal(subs.length, 8);
  assert.ok(subs.every((v) => v.organisatie !== v.vervangerOrganisatie), 'every arrangement crosses a municipal border');
});

test('the demo medewerker account is Sanne Verhoeven and keeps her own skills only', async () => {
  const t = await srv.api('POST', '/api/v1/gebruikers/medewerker-dordrecht/tokens', { omschrijving: 'demo-test' });
  assert.equal(t.status, 201, t.text);
  const token = t.json.token;
  const dordrecht = await get('/kwaliteitskaart?organisatie=GM0505');
  const sanne = dordrecht.medewerkers.find((m) => m.naam === 'Sanne Verhoeven');
  const other = dordrecht.medewerkers.find((m) => m.naam === 'Daan Rijsdijk');
  let r = await srv.api('PUT', `/api/v1/medewerkers/${sanne.id}/competenties/gba`, { niveau: 2 }, { token });
  assert.equal(r.status, 200, r.text);
  r = await srv.api('PUT', `/api/v1/medewerkers/${other.id}/competenties/gba`, { niveau: 2 }, { token });
  assert.equal(r.status, 403, r.text);
});
