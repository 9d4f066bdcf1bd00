// The proeftuin's evaluation figures (issue 11): GET …/evaluatie on a small
// proeftuin whose every figure is worked out by hand below — a corrected and
// a rejected entry, two local opdrachten merged after hours were booked on
// one, a regional opdracht, a één-pitter whose gap others filled, and an
// intermediate settlement that must not change what was brought and taken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { drechtsteden, must } from './urenbank-helpers.mjs';

let srv, staff;
const PT = 'dt-evaluatie';
const P = (rest = '') => `/api/v1/proeftuinen/${PT}${rest}`;
const D = 'GM0505', Z = 'GM0642', PD = 'GM0590';
const ids = {};

async function book(who, opdracht, datum, minuten, then = 'goedkeuren', body = {}) {
  const e = await must(srv.api('POST', P('/uren'), { medewerker: staff[who], opdracht, datum, minuten }), `uren ${datum}`);
  if (then) await must(srv.api('POST', P(`/uren/${e.id}/${then}`), body), then);
  return e;
}

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  await must(srv.api('POST', '/api/v1/competenties', { code: 'apv', naam: 'APV en handhaving' }), 'competentie');
  // Zwijndrecht has one person with APV knowledge: a één-pitter.
  await must(srv.api('PUT', `/api/v1/medewerkers/${staff[Z]}/competenties/apv`, { niveau: 2 }), 'niveau');
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: PT, naam: 'Proeftuin evaluatie', van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: 6500, kredietlimietMinuten: 100000, leden: [D, Z, PD] }), 'proeftuin');
  const op = async (body) => (await must(srv.api('POST', P('/opdrachten'), body), body.titel)).id;
  ids.apv = await op({ soort: 'lokaal', titel: 'APV Zwijndrecht', opdrachtgevers: [{ organisatie: Z, aandeel: 1 }], geraamdeMinuten: 600,
    competenties: [{ competentie: 'apv', niveau: 2 }] });
  ids.visieP = await op({ soort: 'lokaal', titel: 'Visie Papendrecht', opdrachtgevers: [{ organisatie: PD, aandeel: 1 }], geraamdeMinuten: 200 });
  ids.visieD = await op({ soort: 'lokaal', titel: 'Visie Dordrecht', opdrachtgevers: [{ organisatie: D, aandeel: 1 }], geraamdeMinuten: 200 });
  ids.regio = await op({ soort: 'regionaal', titel: 'Regionale agenda', verdeelsleutel: 'gelijk', geraamdeMinuten: 900 });
  await must(srv.api('POST', P(`/opdrachten/${ids.apv}/inzet`), { medewerker: staff[D], minuten: 600 }), 'inzet apv');
  // APV: 300 approved, 120 approved and corrected, 60 rejected.
  await book(D, ids.apv, '2012-02-01', 300);
  const c = await book(D, ids.apv, '2012-02-02', 120);
  await must(srv.api('POST', P(`/uren/${c.id}/corrigeren`), { reden: 'dubbel geboekt' }), 'corrigeren');
  await book(D, ids.apv, '2012-02-03', 60, 'afkeuren', { reden: 'niet voor deze opdracht' });
  // Dordrecht's own vision: 60 minutes that move nothing; then merged.
  await book(D, ids.visieD, '2012-02-06', 60);
  ids.visie = (await must(srv.api('POST', P(`/opdrachten/${ids.visieP}/samenvoegen`), { met: ids.visieD, titel: 'Visie Papendrecht–Dordrecht' }), 'samenvoegen')).id;
  await must(srv.api('POST', P(`/opdrachten/${ids.visie}/inzet`), { medewerker: staff[Z], minuten: 240 }), 'inzet visie');
  await book(Z, ids.visie, '2012-03-05', 240);
  // Regional, equal shares: Dordrecht's 300 minutes bring 200.
  await book(D, ids.regio, '2012-03-06', 300);
  await must(srv.api('POST', P(`/opdrachten/${ids.regio}/afronden`)), 'afronden');
  await must(srv.api('POST', P('/afrekening'), { tot: '2012-03-31' }), 'afrekening');
  // After the settlement: 60 more on APV in April.
  await book(D, ids.apv, '2012-04-02', 60);
});
after(() => srv?.stop());

test('per member: brought, taken, worked, the share across the border, rejected and corrected — a settlement changes none of it', async () => {
  const ev = await must(srv.api('GET', P('/evaluatie')), 'evaluatie');
  assert.equal(ev.van, '2012-01-01');
  assert.equal(ev.tot, '2012-12-31');
  const l = Object.fromEntries(ev.leden.map((x) => [x.organisatie, x]));
  assert.deepEqual(ev.leden.map((x) => x.organisatie), [D, Z, PD]);
  // D: 300 + 60 (APV) + 200 of 300 (regional); Z: 240 on the merged opdracht.
  assert.equal(l[D].gebrachtMinuten, 560);
  assert.equal(l[D].gehaaldMinuten, 120);
  assert.equal(l[D].gewerktMinuten, 720); // 300 + 60 + 60 own + 300
  assert.equal(l[D].grensoverschrijdendPromille, 778); // 560 / 720 = 777,8 ‰
  assert.equal(l[D].afgekeurd, 1);
  assert.equal(l[D].afgekeurdMinuten, 60);
  assert.equal(l[D].gecorrigeerd, 1);
  assert.equal(l[D].gecorrigeerdMinuten, 120);
  assert.equal(l[Z].gebrachtMinuten, 240);
  assert.equal(l[Z].gehaaldMinuten, 460); // 300 + 60 APV + 100 regional
  assert.equal(l[PD].gebrachtMinuten, 0);
  assert.equal(l[PD].gehaaldMinuten, 220); // 120 merged + 100 regional
  assert.equal(l[PD].gewerktMinuten, 0);
  assert.equal(l[PD].grensoverschrijdendPromille, undefined); // nothing worked: no share
  assert.equal(ev.totaal.gebrachtMinuten, 800);
  assert.equal(ev.totaal.gehaaldMinuten, 800);
  assert.equal(ev.totaal.gewerktMinuten, 960);
  assert.equal(ev.totaal.grensoverschrijdendPromille, 833);
  // Every figure says how it was computed.
  for (const k of ['gebracht', 'gehaald', 'gewerkt', 'grensoverschrijdend', 'perSoort', 'perCompetentie', 'opdrachten',
    'samenvoegingen', 'doorlooptijden', 'afgekeurd', 'expertise', 'potentieel'])
    assert.ok(ev.berekening[k]?.length > 20, k);
});

test('a period: only what was worked in it, the settlement before it notwithstanding', async () => {
  const ev = await must(srv.api('GET', P('/evaluatie?van=2012-04-01&tot=2012-06-30')), 'april');
  const l = Object.fromEntries(ev.leden.map((x) => [x.organisatie, x]));
  assert.equal(l[D].gebrachtMinuten, 60);
  assert.equal(l[Z].gehaaldMinuten, 60);
  assert.equal(ev.totaal.gewerktMinuten, 60);
  assert.equal(ev.totaal.afgekeurd, 0);
  assert.deepEqual(ev.opdrachten.map((o) => o.id), [ids.apv]);
});

test('hours by soort and competence, estimate against spent, the merge gain and the potential as a range', async () => {
  const ev = await must(srv.api('GET', P('/evaluatie')), 'evaluatie');
  assert.deepEqual(ev.perSoort, [{ soort: 'lokaal', minuten: 420 }, { soort: 'meervoudig-lokaal', minuten: 240 }, { soort: 'regionaal', minuten: 300 }]);
  assert.deepEqual(ev.perCompetentie, [{ competentie: 'apv', naam: 'APV en handhaving', opdrachten: 1, minuten: 360 },
    { naam: 'zonder competentie', opdrachten: 3, minuten: 600 }]);
  const apv = ev.opdrachten.find((o) => o.id === ids.apv);
  assert.equal(apv.geraamdMinuten, 600);
  assert.equal(apv.besteedMinuten, 360);
  assert.equal(apv.verschilMinuten, -240);
  assert.equal(apv.besteedPromille, 600);
  assert.equal(ev.opdrachten.find((o) => o.id === ids.visieD).status, 'samengevoegd');
  // Estimated 200 + 200; used 60 on the original and 240 on the merged one.
  assert.deepEqual(ev.samenvoegingen, [{ opdracht: ids.visie, titel: 'Visie Papendrecht–Dordrecht', originelen: [ids.visieP, ids.visieD],
    geraamdMinuten: 400, besteedOrigineelMinuten: 60, besteedSamengevoegdMinuten: 240, besteedMinuten: 300, winstMinuten: 100 }]);
  // Lower bound: the merge's 100. Upper: + the regional 300 × (3 − 1); the merged one is not counted twice.
  assert.equal(ev.potentieel.ondergrensMinuten, 100);
  assert.equal(ev.potentieel.bovengrensMinuten, 700);
  assert.ok(ev.potentieel.aannames.length >= 3);
});

test('expertise from elsewhere where the principal has a één-pitter; lead times', async () => {
  const ev = await must(srv.api('GET', P('/evaluatie')), 'evaluatie');
  // The corrected 120 nets out: 300 + 60.
  assert.deepEqual(ev.expertise, [{ opdrachtgever: Z, naam: 'Zwijndrecht', competentie: 'apv', competentieNaam: 'APV en handhaving',
    status: 'een-pitter', minuten: 360 }]);
  const f = Object.fromEntries(ev.doorlooptijden.map((d) => [d.fase, d]));
  assert.equal(f['ingediend-afgerond'].aantal, 1); // the regional one was closed
  assert.equal(f['ingediend-afgerond'].mediaanDagen, 0);
  assert.equal(f['ingediend-bemand'].aantal, 2); // APV and the merged one had inzet
  assert.equal(f['boeking-goedkeuring'].aantal, 7); // every reviewed entry, the rejected one too
  assert.equal(f['boeking-goedkeuring'].maximumDagen, 0);
});

test('refusals: a bad or reversed period is 400, an unknown proeftuin 404, anonymous 401', async () => {
  let r = await srv.api('GET', P('/evaluatie?van=2012-13-01'));
  assert.equal(r.status, 400);
  assert.equal(r.json['invalid-params'][0].name, 'van');
  r = await srv.api('GET', P('/evaluatie?van=2012-07-01&tot=2012-06-30'));
  assert.equal(r.status, 400);
  assert.match(r.json['invalid-params'][0].reason, /voor de begindatum/);
  assert.equal((await srv.api('GET', '/api/v1/proeftuinen/bestaat-niet/evaluatie')).status, 404);
  assert.equal((await srv.api('GET', P('/evaluatie'), null, { token: null })).status, 401);
});

// Last: it adds opdrachten and hours of its own.
test('the work stock now: per status and age, waiting for staffing, over the estimate, waiting for review', async () => {
  const op = async (body) => (await must(srv.api('POST', P('/opdrachten'), body), body.titel)).id;
  const wacht = await op({ soort: 'lokaal', titel: 'Wacht op iemand', opdrachtgevers: [{ organisatie: PD, aandeel: 1 }], geraamdeMinuten: 100 });
  const krap = await op({ soort: 'lokaal', titel: 'Krap geraamd', opdrachtgevers: [{ organisatie: D, aandeel: 1 }], geraamdeMinuten: 30 });
  await book(D, krap, '2012-05-01', 60);
  await book(D, krap, '2012-05-02', 30, null);
  const w = (await must(srv.api('GET', P('/evaluatie')), 'evaluatie')).werkvoorraad;
  assert.match(w.peildatum, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(w.perStatus, [
    { status: 'open', aantal: 4, geraamdMinuten: 600 + 400 + 100 + 30, besteedMinuten: 360 + 240 + 60 },
    { status: 'afgerond', aantal: 1, geraamdMinuten: 900, besteedMinuten: 300 },
    { status: 'samengevoegd', aantal: 2, geraamdMinuten: 400, besteedMinuten: 60 },
  ]);
  assert.deepEqual(w.leeftijd.map((k) => k.aantal), [4, 0, 0, 0]); // all made today
  assert.deepEqual(w.wachtOpInzet.map((o) => [o.id, o.wachtDagen]), [[wacht, 0]]);
  assert.deepEqual(w.overRaming, [{ id: krap, titel: 'Krap geraamd', geraamdMinuten: 30, besteedMinuten: 60, overMinuten: 30 }]);
  assert.deepEqual(w.teBeoordelen, { aantal: 1, minuten: 30 });
});

// The expertise table reads the kept counts of the kwaliteitskaart (issue
// 12) less who is retired or absent on the end date: it must say what the
// kwaliteitskaart itself says about the principal on that day.
test('expertise: the own cover on the end date as the kwaliteitskaart says it — a second holder covers, unless retired or absent then', async () => {
  const expertise = async (tot) => (await must(srv.api('GET', P(`/evaluatie?tot=${tot}`)), 'evaluatie')).expertise;
  const kaart = async (datum) => (await must(srv.api('GET', `/api/v1/kwetsbaarheid?organisatie=${Z}&datum=${datum}`), 'kwetsbaarheid'))
    .find((c) => c.competentie === 'apv').status;
  const same = async (tot, status) => {
    assert.equal(await kaart(tot), status, `kwaliteitskaart on ${tot}`);
    assert.deepEqual(await expertise(tot), status === 'gedekt' ? [] : [{ opdrachtgever: Z, naam: 'Zwijndrecht', competentie: 'apv',
      competentieNaam: 'APV en handhaving', status, minuten: 360 }], `evaluation up to ${tot}`);
  };
  const tweede = (await must(srv.api('POST', '/api/v1/medewerkers', { naam: 'Tweede APV-kenner', organisatie: Z, functie: 'jurist',
    uurPerWeek: 36, beschikbaarUurPerWeek: 4, pensioenjaar: 2030 }), 'medewerker')).id;
  await must(srv.api('PUT', `/api/v1/medewerkers/${tweede}/competenties/apv`, { niveau: 1 }), 'basis');
  await same('2012-12-31', 'een-pitter'); // basis level does not count
  await must(srv.api('PUT', `/api/v1/medewerkers/${tweede}/competenties/apv`, { niveau: 3 }), 'expert');
  await same('2012-12-31', 'gedekt');
  // The first holder is away in December: one holder on the last day, two in June.
  await must(srv.api('POST', '/api/v1/afwezigheden', { medewerker: staff[Z], van: '2012-12-01', tot: '2012-12-31', reden: 'verlof' }), 'afwezig');
  await same('2012-12-31', 'een-pitter');
  await same('2012-06-30', 'gedekt');
  // The second retired before 2012: nobody left on the last day, one in June.
  await must(srv.api('PATCH', `/api/v1/medewerkers/${tweede}`, { pensioenjaar: 2011 }), 'pensioen');
  await same('2012-12-31', 'ontbreekt');
  await same('2012-06-30', 'een-pitter');
});
