// What the members of a verband should know of each other (issue 17, seed
// 003 §4 "Belangen"): each member's visie en kernwaarden, organisatiebelang
// and position on the stip op de horizon, tempo, inhoud and schaal, recorded
// by the member itself in dated versions; the demo holds the seed's table for
// the four STAAN municipalities on the day of the werkconferentie, and the
// communicatieadviseur of Assen as the first contact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

const ASSEN = 'GM0106', TYNAARLO = 'GM1730', AA_EN_HUNZE = 'GM1680', NOORDENVELD = 'GM1699', DALFSEN = 'GM0148';

let srv;
const tokens = {};
before(async () => {
  srv = await startServer({ demo: true });
  const accounts = {
    'stuurgroep-assen': { rol: 'stuurgroep', organisatie: ASSEN, verband: 'staan' },
    'stuurgroep-dalfsen': { rol: 'stuurgroep', organisatie: DALFSEN, verband: 'dsz' },
    'manager-tynaarlo': { rol: 'manager', organisatie: TYNAARLO },
    'medewerker-assen': { rol: 'medewerker', organisatie: ASSEN },
    'raadslid-assen': { rol: 'raadslid', organisatie: ASSEN },
    'procesmanager-staan': { rol: 'procesmanager', organisatie: ASSEN, verband: 'staan' },
  };
  for (const [who, a] of Object.entries(accounts)) {
    const naam = unique(who);
    await createUser(srv, { naam, ...a });
    tokens[who] = (await tokenFor(srv, naam)).token;
  }
});
after(async () => { await srv.stop(); });

const as = (who, method, path, body) => srv.api(method, path, body, { token: who === 'anoniem' ? null : who === 'beheerder' ? undefined : tokens[who] });
const current = async (datum, verband = 'staan') => {
  const r = await srv.api('GET', `/api/v1/verbanden/${verband}/belangen${datum ? `?datum=${datum}` : ''}`, null, { token: null });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.map((b) => [b.organisatie, b]));
};

test('demo: the seed\'s table of visie en kernwaarden and organisatiebelang, as on 30 May 2012', async () => {
  const on = await current('2012-05-30');
  assert.deepEqual(Object.keys(on).sort(), [ASSEN, AA_EN_HUNZE, NOORDENVELD, TYNAARLO].sort());
  assert.deepEqual(on[AA_EN_HUNZE].visieKernwaarden, ['Slagvaardig', 'Vertrouwen', 'Concreet']);
  assert.deepEqual(on[AA_EN_HUNZE].organisatiebelang, ['Klant is koning']);
  assert.deepEqual(on[ASSEN].visieKernwaarden, ['Klantvraag centraal', 'Respect voor elkaar', 'Waarde toevoegen', 'Vertrouwen']);
  assert.deepEqual(on[ASSEN].organisatiebelang, ['Mobiliteit medewerkers (duurzame inzetbaarheid)']);
  assert.deepEqual(on[NOORDENVELD].visieKernwaarden, ['Informele organisatie', 'Open/transparant', 'Gelijkwaardig-/evenwaardigheid (in samenwerking)']);
  assert.deepEqual(on[NOORDENVELD].organisatiebelang, ['Behoud van kernwaarden']);
  assert.deepEqual(on[TYNAARLO].visieKernwaarden, ['Subtop willen zijn', 'Energiek leiderschap', 'Aantrekkelijk', 'Opleidingsgemeente',
    'Flexibiliteit', 'Goede spullen', 'Creatieve doorzetters', 'In de geest van de regel']);
  assert.deepEqual(on[TYNAARLO].organisatiebelang, ['Alles wat bijdraagt aan realisatie van de kernwaarden']);
  for (const b of Object.values(on)) {
    assert.equal(b.datum, '2012-05-30');
    assert.equal(b.verband, 'staan');
    // The seed says the four value the stip op de horizon differently, not how: no position is made up.
    for (const k of ['eindperspectief', 'tempo', 'inhoud', 'schaal']) assert.equal(b[k], null, `${b.organisatieNaam} ${k}`);
    assert.match(b.toelichting, /stip op de horizon/);
    assert.match(b.toelichting, /30 mei 2012 in Norg/);
  }
  assert.equal(on[ASSEN].organisatieNaam, 'Assen');
  // The day before the werkconferentie nothing was recorded yet.
  assert.deepEqual(await current('2012-05-29'), {});
  // Other verbanden have none in the demo.
  assert.deepEqual(await current('2012-05-30', 'dsz'), {});
});

test('demo: the communicatieadviseur of Assen is STAAN\'s first contact, beside stuurgroep and procesmanager', async () => {
  const r = await srv.api('GET', '/api/v1/verbanden/staan/rollen', null, { token: null });
  assert.equal(r.status, 200);
  const comm = r.json.filter((x) => x.rol === 'communicatieadviseur');
  assert.equal(comm.length, 1);
  assert.equal(comm[0].organisatie, ASSEN);
  assert.equal(comm[0].traject, null);
  assert.match(comm[0].toelichting, /eerste aanspreekpunt/i);
  for (const rol of ['stuurgroep', 'procesmanager', 'eigenaar', 'projectleider'])
    assert.ok(r.json.some((x) => x.rol === rol), rol);
  // The role can be given through the API, and an unknown one is refused.
  const ok = await srv.api('POST', '/api/v1/verbanden/dsz/rollen', { rol: 'communicatieadviseur', naam: 'Communicatie Dalfsen', organisatie: DALFSEN });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.rol, 'communicatieadviseur');
  const bad = await srv.api('POST', '/api/v1/verbanden/dsz/rollen', { rol: 'woordvoerder', naam: 'X' });
  assert.equal(bad.status, 400);
  assert.match(bad.json['invalid-params'][0].reason, /communicatieadviseur/);
});

test('who may record: the member itself (its stuurgroep member in that verband, its manager) and the beheerder', async () => {
  const body = (organisatie, extra = {}) => ({ organisatie, datum: '2012-09-01', organisatiebelang: ['Samen sterker'], ...extra });
  const tries = [
    ['anoniem', ASSEN, 401],
    ['raadslid-assen', ASSEN, 403],
    ['medewerker-assen', ASSEN, 403],
    ['procesmanager-staan', ASSEN, 403],
    ['stuurgroep-assen', TYNAARLO, 403], // not for another member
    ['stuurgroep-dalfsen', DALFSEN, 403], // not in another verband's stuurgroep
    ['manager-tynaarlo', ASSEN, 403],
    ['stuurgroep-assen', ASSEN, 201],
    ['manager-tynaarlo', TYNAARLO, 201],
    ['beheerder', NOORDENVELD, 201],
  ];
  for (const [who, org, want] of tries) {
    const r = await as(who, 'POST', '/api/v1/verbanden/staan/belangen', body(org));
    assert.equal(r.status, want, `${who} for ${org}: ${r.text}`);
    if (want === 201) {
      assert.equal(r.json.organisatie, org);
      assert.deepEqual(r.json.organisatiebelang, ['Samen sterker']);
      assert.equal(r.json.datum, '2012-09-01');
      assert.ok(r.json.door.length > 0);
    } else {
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
    }
  }
  // A manager of a member, but in a verband it is not a member of: the rule refuses (422).
  const r = await as('manager-tynaarlo', 'POST', '/api/v1/verbanden/dsz/belangen', body(TYNAARLO));
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json['invalid-params'][0].name, 'organisatie');
  assert.match(r.json.detail, /geen lid van verband 'dsz'/);
  // The refusal of a stuurgroep member for another municipality says why.
  const no = await as('stuurgroep-assen', 'POST', '/api/v1/verbanden/staan/belangen', body(TYNAARLO));
  assert.match(no.json.detail, /Belangen legt het lid zelf vast/);
});

test('history by date: each version holds from its date; of two on one day the later; nothing is lost', async () => {
  const post = (extra) => as('stuurgroep-assen', 'POST', '/api/v1/verbanden/staan/belangen', { organisatie: ASSEN, ...extra });
  let r = await post({ datum: '2013-01-01', visieKernwaarden: ['  Klantvraag centraal ', '', 'Vertrouwen'],
    eindperspectief: 'Eén ambtelijke organisatie voor de bedrijfsvoering', tempo: 'Sneller dan de anderen', schaal: 'De vier gemeenten' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.visieKernwaarden, ['Klantvraag centraal', 'Vertrouwen'], 'trimmed, empty items dropped');
  assert.deepEqual(r.json.organisatiebelang, []);
  assert.equal(r.json.inhoud, null);
  r = await post({ datum: '2013-01-01', tempo: 'Stap voor stap', toelichting: 'Gecorrigeerd na de stuurgroep' });
  assert.equal(r.status, 201, r.text);
  const corrected = r.json.id;

  assert.deepEqual((await current('2012-05-30'))[ASSEN].organisatiebelang, ['Mobiliteit medewerkers (duurzame inzetbaarheid)']);
  assert.deepEqual((await current('2012-12-31'))[ASSEN].organisatiebelang, ['Samen sterker']);
  const jan = (await current('2013-01-01'))[ASSEN];
  assert.equal(jan.id, corrected, 'the later of the two versions of one day');
  assert.equal(jan.tempo, 'Stap voor stap');
  assert.equal(jan.eindperspectief, null, 'a version stands on its own; it does not merge with the one before');
  // Today: the latest of each member; the others are untouched.
  const now = await current();
  assert.equal(now[ASSEN].id, corrected);
  assert.deepEqual(now[AA_EN_HUNZE].visieKernwaarden, ['Slagvaardig', 'Vertrouwen', 'Concreet']);

  const h = await srv.api('GET', `/api/v1/verbanden/staan/belangen/historie?organisatie=${ASSEN}`, null, { token: null });
  assert.equal(h.status, 200);
  assert.deepEqual(h.json.map((b) => b.datum), ['2012-05-30', '2012-09-01', '2013-01-01', '2013-01-01']);
  assert.equal(h.json[3].id, corrected);
  const all = await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie', null, { token: null });
  assert.ok(all.json.length >= 4 + 3, 'every member\'s versions');
  assert.deepEqual([...new Set(all.json.map((b) => b.organisatieNaam))], ['Aa en Hunze', 'Assen', 'Noordenveld', 'Tynaarlo']);
  // Paged like every collection.
  const page = await srv.api('GET', `/api/v1/verbanden/staan/belangen/historie?organisatie=${ASSEN}&paginaGrootte=2&pagina=2`, null, { token: null });
  assert.equal(page.headers.get('x-total-count'), '4');
  assert.deepEqual(page.json.map((b) => b.id), h.json.slice(2).map((b) => b.id));
  // No way to change or remove a version.
  for (const m of ['PUT', 'PATCH', 'DELETE']) assert.equal((await srv.api(m, '/api/v1/verbanden/staan/belangen', {})).status, 405, m);
});

test('bad input: a clear Dutch problem per field, nothing written', async () => {
  const before = (await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie', null, { token: null })).json.length;
  const post = (b) => srv.api('POST', '/api/v1/verbanden/staan/belangen', b);
  const field = async (b, name, status = 400) => {
    const r = await post(b);
    assert.equal(r.status, status, `${JSON.stringify(b)}: ${r.text}`);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.ok(r.json['invalid-params'].some((p) => p.name === name), `${name} in ${r.text}`);
    return r;
  };
  await field({ datum: '2013-02-01', tempo: 'x' }, 'organisatie');
  await field({ organisatie: ASSEN, tempo: 'x' }, 'datum');
  await field({ organisatie: ASSEN, datum: '2013-02-30', tempo: 'x' }, 'datum');
  const empty = await field({ organisatie: ASSEN, datum: '2013-02-01', visieKernwaarden: [' '], tempo: '' }, 'visieKernwaarden');
  assert.match(empty.json['invalid-params'][0].reason, /ten minste/);
  await field({ organisatie: ASSEN, datum: '2013-02-01', visieKernwaarden: 'Vertrouwen' }, 'visieKernwaarden');
  await field({ organisatie: ASSEN, datum: '2013-02-01', organisatiebelang: ['a\nb'] }, 'organisatiebelang[0]');
  await field({ organisatie: ASSEN, datum: '2013-02-01', organisatiebelang: [3] }, 'organisatiebelang[0]');
  await field({ organisatie: ASSEN, datum: '2013-02-01', organisatiebelang: Array(31).fill('x') }, 'organisatiebelang');
  await field({ organisatie: ASSEN, datum: '2013-02-01', tempo: 'x'.repeat(2001) }, 'tempo');
  await field({ organisatie: ASSEN, datum: '2013-02-01', schaal: 7 }, 'schaal');
  // Rules: a member on that date only, an organisation that exists.
  const early = await field({ organisatie: ASSEN, datum: '2011-12-31', tempo: 'x' }, 'organisatie', 422);
  assert.match(early.json.detail, /op 2011-12-31 geen lid/);
  await field({ organisatie: 'GM9999', datum: '2013-02-01', tempo: 'x' }, 'organisatie', 422);
  // The path and the query.
  assert.equal((await post({ organisatie: ASSEN, datum: '2013-02-01', tempo: 'Zoals afgesproken' })).status, 201);
  assert.equal((await srv.api('POST', '/api/v1/verbanden/bestaat-niet/belangen', { organisatie: ASSEN, datum: '2013-02-01', tempo: 'x' })).status, 404);
  assert.equal((await srv.api('GET', '/api/v1/verbanden/bestaat-niet/belangen', null, { token: null })).status, 404);
  const q = await srv.api('GET', '/api/v1/verbanden/staan/belangen?datum=morgen', null, { token: null });
  assert.equal(q.status, 400);
  assert.equal(q.json['invalid-params'][0].name, 'datum');
  assert.equal((await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie?organisatie=GM9999', null, { token: null })).status, 422);
  const notJson = await srv.api('POST', '/api/v1/verbanden/staan/belangen', '{"organisatie":');
  assert.equal(notJson.status, 400);
  // Only the one good request above was written.
  const afterwards = (await srv.api('GET', '/api/v1/verbanden/staan/belangen/historie', null, { token: null })).json.length;
  assert.equal(afterwards, before + 1);
});

test('the stand van zaken of a member lists the interests per verband, as at the end of the period, in HTML and Markdown', async () => {
  const q = '/api/v1/rapporten/stand-van-zaken?organisatie=GM1699&van=2012-01-01&tot=2012-06-30';
  const md = await srv.api('GET', `${q}&formaat=md`, null, { raw: true });
  assert.equal(md.status, 200, md.text);
  assert.match(md.text, /### Belangen van de partners/);
  assert.match(md.text, /\*\*STAAN \(Tynaarlo – Aa en Hunze – Assen – Noordenveld\)\*\*/);
  assert.match(md.text, /- \*\*Noordenveld\*\* \(vanaf 30 mei 2012\): visie en kernwaarden: Informele organisatie, Open\/transparant, Gelijkwaardig-\/evenwaardigheid \(in samenwerking\); organisatiebelang: Behoud van kernwaarden\./);
  assert.match(md.text, /- \*\*Assen\*\* \(vanaf 30 mei 2012\): visie en kernwaarden: Klantvraag centraal/);
  const html = await srv.api('GET', `${q}&formaat=html`, null, { raw: true });
  assert.equal(html.status, 200);
  assert.match(html.text, /id="svz-belangen"[^>]*>Belangen van de partners/);
  assert.match(html.text, /<strong>Tynaarlo<\/strong> \(vanaf 30 mei 2012\): visie en kernwaarden: Subtop willen zijn/);
  // A period before the werkconferentie has nothing to list.
  const early = await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM1699&van=2012-01-01&tot=2012-05-29&formaat=md', null, { raw: true });
  assert.doesNotMatch(early.text, /Belangen van de partners/);
});
