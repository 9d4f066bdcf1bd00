// The dienstverlening proeftuin (issue 11, point 6) on the demo network:
// the pools and training programme from the kwaliteitskaart, the KCC answer
// base (who may edit, search, overdue, local variations) and the zaaktypen
// (CSV and ZGW imports, refusals, bad imports that change nothing, the
// comparison).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';

let srv;
const V = (rest = '') => `/api/v1/verbanden/drechtsteden${rest}`;
const tokens = {};
const ACTORS = {
  'manager-dordrecht': { rol: 'manager', organisatie: 'GM0505' },
  'manager-zwijndrecht': { rol: 'manager', organisatie: 'GM0642' },
  'medewerker-dordrecht': { rol: 'medewerker', organisatie: 'GM0505' },
  'medewerker-sliedrecht': { rol: 'medewerker', organisatie: 'GM0610' },
  'manager-dalfsen': { rol: 'manager', organisatie: 'GM0148' },
  raadslid: { rol: 'raadslid', organisatie: 'GM0505' },
};
const as = (who, method, path, body, opts = {}) => srv.api(method, path, body, { token: tokens[who], ...opts });

before(async () => {
  srv = await startServer({ demo: true });
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
});
after(() => srv?.stop());

test('the demo pools and training programme come from the kwaliteitskaart', async () => {
  let r = await as('raadslid', 'GET', V('/expertisepools'));
  assert.equal(r.status, 200, r.text);
  const gba = r.json.find((p) => p.competentie === 'gba');
  assert.ok(gba);
  // Sliedrecht has one GBA holder (Gerben Vat, expert): an één-pitter.
  assert.ok(gba.eenPitters.includes('GM0610'), JSON.stringify(gba.organisaties));
  assert.equal(gba.organisaties.find((o) => o.organisatie === 'GM0505').houders, 5);
  assert.ok(gba.mensen.every((m) => m.beschikbaarUurPerWeek === undefined));
  r = await as('raadslid', 'GET', V('/opleidingen?datum=2012-07-01'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.opleidingen.length, 7);
  assert.equal(r.json.achterstallig, 1); // Lotte Verboom, planned 10 May, not done
  assert.ok(r.json.behoefte.some((b) => b.organisatie === 'GM0642' && b.medewerker?.naam === 'Lotte Verboom' && b.gepland));
  // Planning: the process manager's or a member's manager; a docent must be an expert.
  const lotte = r.json.behoefte.find((b) => b.medewerker?.naam === 'Lotte Verboom').medewerker.medewerker;
  const expert = gba.mensen.find((m) => m.naam === 'Marco Boogaard').medewerker;
  const ervaren = gba.mensen.find((m) => m.naam === 'Annelies Kraaijeveld').medewerker;
  assert.equal((await as('raadslid', 'POST', V('/opleidingen'), { competentie: 'gba', deelnemer: lotte, gepland: '2012-11-01' })).status, 403);
  assert.equal((await as('manager-dalfsen', 'POST', V('/opleidingen'), { competentie: 'gba', deelnemer: lotte, gepland: '2012-11-01' })).status, 403);
  r = await as('manager-zwijndrecht', 'POST', V('/opleidingen'), { competentie: 'gba', deelnemer: lotte, docent: ervaren, gepland: '2012-11-01' });
  assert.equal(r.status, 422, r.text);
  r = await as('manager-zwijndrecht', 'POST', V('/opleidingen'), { competentie: 'gba', deelnemer: lotte, docent: expert, gepland: '2012-11-01' });
  assert.equal(r.status, 201, r.text);
  r = await as('manager-zwijndrecht', 'POST', V(`/opleidingen/${r.json.id}/afronden`), { afgerond: '2012-11-01' });
  assert.equal(r.json.status, 'afgerond');
  assert.equal((await as('manager-zwijndrecht', 'POST', V(`/opleidingen/${r.json.id}/afronden`), { afgerond: '2012-11-02' })).status, 409);
});

test('the answer base: the owning redactie edits, members word their own variation, search and overdue', async () => {
  let r = await as('raadslid', 'GET', V('/antwoorden?datum=2012-07-01'));
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.totaal >= 250, `${r.json.totaal}`);
  assert.ok(r.json.achterstallig > 0 && r.json.achterstallig < r.json.totaal);
  r = await as('raadslid', 'GET', V('/antwoorden?zoek=PASPOORT&datum=2012-07-01'));
  assert.ok(r.json.antwoorden.length > 0);
  assert.ok(r.json.antwoorden.every((a) => /paspoort/i.test(a.vraag + a.antwoord + a.onderwerp)));
  r = await as('raadslid', 'GET', V('/antwoorden?achterstallig=1&datum=2012-07-01'));
  assert.ok(r.json.antwoorden.every((a) => a.achterstallig && a.herzienOp < '2012-07-01'));
  assert.equal((await as('raadslid', 'GET', V('/antwoorden?achterstallig=ja'))).status, 400);

  const NEW = { onderwerp: 'Burgerzaken', vraag: 'Kan ik mijn paspoort laten bezorgen?', antwoord: 'Nee, u haalt het zelf op.',
    eigenaar: 'GM0505', redacteur: 'Wilma Schouten', herzienOp: '2013-01-01' };
  for (const who of ['medewerker-sliedrecht', 'raadslid', 'manager-zwijndrecht']) {
    const x = await as(who, 'POST', V('/antwoorden'), NEW);
    assert.equal(x.status, 403, `${who}: ${x.text}`);
  }
  assert.equal((await as('manager-dalfsen', 'POST', V('/antwoorden'), { ...NEW, eigenaar: 'GM0148' })).status, 422);
  r = await as('medewerker-dordrecht', 'POST', V('/antwoorden'), { ...NEW, herzienOp: 'morgen' });
  assert.equal(r.status, 400);
  assert.ok(r.json['invalid-params'].some((p) => p.name === 'herzienOp'));
  r = await as('medewerker-dordrecht', 'POST', V('/antwoorden'), NEW);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(r.json.eigenaarNaam, 'Dordrecht');
  assert.equal((await as('manager-zwijndrecht', 'PUT', V(`/antwoorden/${id}`), NEW)).status, 403);
  r = await as('manager-dordrecht', 'PUT', V(`/antwoorden/${id}`), { ...NEW, herzienOp: '2014-01-01' });
  assert.equal(r.json.herzienOp, '2014-01-01');
  // Zwijndrecht words its own variation; not Sliedrecht's.
  assert.equal((await as('manager-zwijndrecht', 'PUT', V(`/antwoorden/${id}/varianten/GM0610`), { tekst: 'x' })).status, 403);
  r = await as('manager-zwijndrecht', 'PUT', V(`/antwoorden/${id}/varianten/GM0642`), { tekst: 'In Zwijndrecht bezorgen we wel.' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.varianten.map((v) => v.organisatie), ['GM0642']);
  r = await as('manager-zwijndrecht', 'PUT', V(`/antwoorden/${id}/varianten/GM0642`), { tekst: '' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.varianten, []);
  assert.equal((await as('raadslid', 'GET', V('/antwoorden/999999'))).status, 404);
});

test('zaaktypen: imports as CSV and ZGW JSON, refusals and bad imports change nothing, the comparison', async () => {
  let r = await as('raadslid', 'GET', V('/zaaktypen'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.organisaties.length, 6);
  const melding = r.json.zaaktypen.find((z) => z.organisaties.some((o) => o.identificatie === 'ZT-OR-001'));
  assert.equal(melding.status, 'verschilt');
  assert.deepEqual(melding.verschillen, ['naam']);
  assert.ok(r.json.zaaktypen.some((z) => z.status === 'uniek' && z.omschrijving === 'Ligplaatsvergunning woonboot'));
  assert.ok(r.json.telling.gedeeld > 0 && r.json.telling.verschilt > 0 && r.json.telling.uniek > 0);
  const kwijt = r.json.zaaktypen.find((z) => z.organisaties.some((o) => o.identificatie === 'ZT-BL-002'));
  assert.equal(kwijt.status, 'gedeeld'); // P56D in Zwijndrecht is P8W elsewhere

  const before = (await as('raadslid', 'GET', V('/zaaktypen/GM0642'))).json;
  const csv = 'identificatie;omschrijving;doorlooptijd\r\nZT-BZ-001;Aanvraag paspoort;5\r\nZT-ZWD-9;Veerpont;P2W\r\n';
  for (const who of ['manager-dordrecht', 'medewerker-dordrecht', 'raadslid']) {
    const x = await as(who, 'PUT', V('/zaaktypen/GM0642'), csv, { headers: { 'Content-Type': 'text/csv' } });
    assert.equal(x.status, 403, `${who}: ${x.text}`);
  }
  r = await as('manager-zwijndrecht', 'PUT', V('/zaaktypen/GM0642'), 'identificatie;omschrijving;doorlooptijd\nZT-1;Een;P1D\nZT-1;Twee;P1D\n;Drie;P1D\nZT-2;Vier;acht weken\n',
    { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.json['invalid-params'].map((p) => p.name), ['regel 3', 'regel 4', 'regel 5']);
  r = await as('manager-zwijndrecht', 'PUT', V('/zaaktypen/GM0642'), '{"results": [{"identificatie": "A"}]}', { headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 400, r.text);
  r = await as('manager-zwijndrecht', 'PUT', V('/zaaktypen/GM0642'), 'ZT;x', { headers: { 'Content-Type': 'application/xml' } });
  assert.equal(r.status, 415);
  assert.deepEqual((await as('raadslid', 'GET', V('/zaaktypen/GM0642'))).json, before);

  r = await as('manager-zwijndrecht', 'PUT', V('/zaaktypen/GM0642'), csv, { headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.aantal, 2);
  assert.equal(r.json.bron, 'csv');
  const zgw = { count: 2, results: [
    { url: 'https://catalogi.example/zaaktypen/1', identificatie: 'ZT-BZ-001', omschrijving: 'Aanvraag paspoort', doorlooptijd: 'P5D', vertrouwelijkheidaanduiding: 'openbaar' },
    { url: 'https://catalogi.example/zaaktypen/2', identificatie: 'ZT-VG-001', omschrijving: 'Omgevingsvergunning regulier', doorlooptijd: 'P10W' }] };
  r = await as('manager-zwijndrecht', 'PUT', V('/zaaktypen/GM0642'), JSON.stringify(zgw), { headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.bron, 'zgw');
  assert.deepEqual(r.json.zaaktypen.map((z) => [z.identificatie, z.doorlooptijd, z.doorlooptijdTekst]),
    [['ZT-BZ-001', 'P5D', '5 dagen'], ['ZT-VG-001', 'P70D', '10 weken']]);
  r = await as('raadslid', 'GET', V('/zaaktypen'));
  const omg = r.json.zaaktypen.find((z) => z.organisaties.some((o) => o.identificatie === 'ZT-VG-001'));
  assert.deepEqual(omg.verschillen, ['termijn']);
  assert.ok(r.json.zaaktypen.find((z) => z.omschrijving === 'Klacht').ontbreektBij.includes('GM0642'));
  assert.equal((await srv.api('GET', V('/zaaktypen'), null, { token: null })).status, 401);
  assert.equal((await as('raadslid', 'GET', '/api/v1/verbanden/bestaat-niet/zaaktypen')).status, 404);
});
