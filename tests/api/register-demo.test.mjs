// Facts of the demo network (demo/register.json, loaded by `samen demo`) as the
// seeds tell them: who works with whom, on which task field, on which date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
const get = (path) => srv.api('GET', '/api/v1' + path, null, { token: null });

async function matrix(org, datum) {
  const r = await get(`/matrix?organisatie=${org}&datum=${datum}`);
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.map((x) => [x.taakveld, x]));
}

before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

test('2012-03-08: Dalfsen shares ICT with Staphorst and Zwartewaterland, recreatie with Hardenberg and Ommen', async () => {
  const m = await matrix('GM0148', '2012-03-08');
  assert.deepEqual(m.ict.partners, ['GM0180', 'GM1896']);
  assert.deepEqual(m.ict.verbanden, ['dsz']);
  assert.deepEqual(m['recreatie-toerisme'].partners, ['GM0160', 'GM0175']);
  assert.deepEqual(m['recreatie-toerisme'].verbanden, ['vechtdal']);
  assert.equal(m.psa, undefined, 'Dalfsen only listens in at the SSC (toehoorder)');
  for (const row of Object.values(m)) assert.ok(!row.partners.includes('GM0148'), 'never itself');
});

test('2013-06-01: Zwolle shares PSA with Kampen and the province through the SSC', async () => {
  const m = await matrix('GM0193', '2013-06-01');
  assert.deepEqual(m.psa.partners, ['GM0166', 'PV23']);
  assert.deepEqual(m.psa.verbanden, ['ssc-zwolle']);
  assert.equal((await matrix('GM0193', '2012-12-31')).psa, undefined, 'the SSC starts on 2013-01-01');
  const tr = await get('/trajecten?organisatie=GM0193');
  assert.ok(tr.json.some((t) => t.verband === 'ssc-zwolle' && t.taakveld === 'psa'));
  assert.ok(!(await get('/trajecten?organisatie=GM0148')).json.some((t) => t.verband === 'ssc-zwolle'));
});

test('brandweer moves from DSZ to the veiligheidsregio on 2014-01-01', async () => {
  const before = await matrix('GM0148', '2013-12-31');
  assert.deepEqual(before.brandweer.partners, ['GM0180', 'GM1896']);
  assert.deepEqual(before.brandweer.verbanden, ['dsz']);
  const afterwards = await matrix('GM0148', '2014-01-01');
  assert.deepEqual(afterwards.brandweer.verbanden, ['vr-ijsselland']);
  assert.equal(afterwards.brandweer.partners.length, 10);
});

test('the Drechtsteden proeftuin runs through 2012 only', async () => {
  assert.equal((await matrix('GM0505', '2012-06-01')).beleid.partners.length, 5);
  assert.equal((await matrix('GM0505', '2013-01-01')).beleid, undefined);
});

test('the demo register reads back: organisations with TOOI, verbanden with members and trajecten', async () => {
  const o = await get('/organisaties/GM0148');
  assert.equal(o.json.tooi, 'https://identifier.overheid.nl/tooi/id/gemeente/gm0148');
  assert.ok(o.json.verbanden.some((v) => v.verband === 'ssc-zwolle' && v.rol === 'toehoorder'));
  const v = await get('/verbanden/ssc-zwolle');
  assert.equal(v.json.geenCherryPicking, true);
  assert.deepEqual(v.json.trajecten.find((t) => t.taakveld === 'psa').deelnemers, ['GM0166', 'GM0193', 'PV23']);
  const net = await get('/netwerk?datum=2012-03-08&taakveld=ict');
  assert.deepEqual(net.json.map((l) => [l.a, l.b]), [['GM0148', 'GM0180'], ['GM0148', 'GM1896'], ['GM0180', 'GM1896']]);
});

test('8 March 2012, as Dalfsen told its council: jeugdzorg at the scale of regio IJsselland, the Wwnv with the GR Wezo, the Talentenregio', async () => {
  const m = await matrix('GM0148', '2012-03-08');
  assert.deepEqual(m.jeugdzorg.verbanden, ['jeugdzorg-ijsselland']);
  assert.equal(m.jeugdzorg.partners.length, 10, 'the other ten municipalities of IJsselland');
  assert.ok(['GM0150', 'GM0193', 'GM1708'].every((c) => m.jeugdzorg.partners.includes(c)));
  assert.deepEqual(m['werken-naar-vermogen'].verbanden, ['wwnv-wezo']);
  assert.ok(m['werken-naar-vermogen'].partners.includes('GR-WEZO'), 'with the GR Wezo itself');
  assert.deepEqual(m.talentontwikkeling.verbanden, ['talentenregio']);
  assert.equal((await get('/organisaties/GR-WEZO')).json.soort, 'gr');
  const wezo = await get('/verbanden/wwnv-wezo');
  assert.match(wezo.json.omschrijving, /derde decentralisatie/);
  // A different scale per task field, and a different intensity: information only in the Talentenregio.
  const t = (await get('/trajecten?verband=talentenregio')).json[0];
  assert.equal(t.intensiteit, 'informatie');
  assert.equal((await get('/trajecten?verband=jeugdzorg-ijsselland')).json[0].intensiteit, 'afstemming');
});

test("WOL: seven short-term tasks and communicatie as the eighth, pending; the reasons for these three partners", async () => {
  const wol = await get('/verbanden/wol');
  assert.match(wol.json.omschrijving, /vergelijkbaar en gelijkwaardig/);
  assert.match(wol.json.omschrijving, /natuurlijke corridor/);
  const tr = (await get('/trajecten?verband=wol&datum=2009-01-01')).json;
  assert.equal(tr.length, 8);
  const pm = tr.find((x) => x.taakveld === 'communicatie');
  assert.equal(pm.fase, 'verkenning');
  assert.match(pm.omschrijving, /^Pm: communicatie/);
  assert.equal(tr.filter((x) => x.fase === 'uitvoering').length, 7);
});

// Issue 17: what the members of a verband share without a legal entity, each on the seed's date.
const running = (list, d) => list.filter((t) => t.start <= d && (t.eind === null || t.eind > d));

test('8 March 2012: the applicatiebeheer of Sociale Zaken is hosted by Dalfsen for the DSZ municipalities', async () => {
  for (const org of ['GM0148', 'GM0180', 'GM1896']) {
    const row = (await matrix(org, '2012-03-08'))['applicatiebeheer-sz'];
    assert.deepEqual(row.uitgevoerdDoor, [{ verband: 'dsz', organisatie: 'GM0148' }], org);
    assert.deepEqual(row.verbanden, ['dsz']);
  }
  const t = (await get('/trajecten?verband=dsz&taakveld=applicatiebeheer-sz')).json;
  assert.equal(t.length, 1);
  assert.equal(t[0].uitvoerder, 'GM0148');
  assert.match(t[0].omschrijving, /ondergebracht bij de gemeente Dalfsen/);
});

test('February 2012: the WWB verordeningen drafted together (afstemming); on 8 March information exchange only', async () => {
  const wwb = (await get('/trajecten?verband=dsz&taakveld=wwb')).json;
  const feb = running(wwb, '2012-02-15');
  assert.deepEqual(feb.map((t) => t.intensiteit), ['afstemming']);
  assert.match(feb[0].omschrijving, /opstellen van de verordeningen/);
  assert.deepEqual(running(wwb, '2012-03-08').map((t) => t.intensiteit), ['informatie']);
  for (const d of ['2012-02-15', '2012-03-08']) {
    const row = (await matrix('GM0148', d)).wwb;
    assert.deepEqual(row.partners, ['GM0180', 'GM1896'], d);
    assert.deepEqual(row.verbanden, ['dsz']);
  }
});

test('September 2012: the joint inkoopadviseur of DSZ, employed by one and working for the three', async () => {
  const rows = await Promise.all(['GM0148', 'GM0180', 'GM1896'].map(async (org) => (await matrix(org, '2012-09-01')).inkoop));
  for (const row of rows) {
    assert.equal(row.gedeeldeMedewerkers.length, 1);
    const g = row.gedeeldeMedewerkers[0];
    assert.equal(g.functie, 'inkoopadviseur');
    assert.equal(g.werkgever, 'GM0148');
    assert.deepEqual(g.werktVoor, ['GM0148', 'GM0180', 'GM1896']);
  }
  const id = rows[0].gedeeldeMedewerkers[0].medewerker;
  const mw = await srv.api('GET', `/api/v1/medewerkers/${id}`);
  assert.equal(mw.json.organisatie, 'GM0148');
  const wv = await srv.api('GET', `/api/v1/medewerkers/${id}/werkt-voor?datum=2012-09-01`);
  assert.deepEqual(wv.json.werktVoor.map((w) => [w.organisatie, w.taakveld]), [['GM0148', 'inkoop'], ['GM0180', 'inkoop'], ['GM1896', 'inkoop']]);
  // On the kwaliteitskaart of Staphorst and Zwartewaterland, with Dalfsen as werkgever.
  for (const org of ['GM0180', 'GM1896']) {
    const kaart = await srv.api('GET', `/api/v1/kwaliteitskaart?organisatie=${org}`);
    assert.deepEqual(kaart.json.gedeeldeMedewerkers.map((g) => [g.medewerker, g.functie, g.werkgever, g.taakveld]),
      [[id, 'inkoopadviseur', 'GM0148', 'inkoop']], org);
  }
});

test('19 September 2011: the Drechtsteden argue from a scale of 260.000+ inhabitants, and the six have it', async () => {
  const v = await get('/verbanden/drechtsteden?datum=2011-09-19');
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.schaal.datum, '2011-09-19');
  assert.equal(v.json.schaal.leden, 6);
  assert.ok(v.json.schaal.inwoners >= 260000, `${v.json.schaal.inwoners} inwoners`);
  assert.deepEqual(v.json.schaal.zonderInwoners, []);
  assert.match(v.json.omschrijving, /260\.000\+ inwoners/);
  assert.equal((await get('/verbanden/drechtsteden?datum=2011-04-30')).json.schaal.leden, 0, 'before the colleges\' assignment of May 2011');
  assert.equal((await get('/verbanden/drechtsteden?datum=gisteren')).status, 400);
});
