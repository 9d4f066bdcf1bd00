// The register API (docs/api.md "General" and "Register"), endpoint by endpoint:
// what a valid request creates and returns, and every class of error with
// its status and problem+json body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem, codes } from '../lib/problem.mjs';

let srv;
const post = (path, body, opts) => srv.api('POST', '/api/v1' + path, body, opts);
const get = (path, opts) => srv.api('GET', '/api/v1' + path, null, opts);

const ORGS = [
  { code: 'GM0148', naam: 'Dalfsen', soort: 'gemeente', inwoners: 28000 },
  { code: 'GM0180', naam: 'Staphorst', soort: 'gemeente', inwoners: 16300 },
  { code: 'GM1896', naam: 'Zwartewaterland', soort: 'gemeente', inwoners: 22300 },
  { code: 'GM0193', naam: 'Zwolle', soort: 'gemeente', inwoners: 121000 },
  { code: 'PV23', naam: 'Provincie Overijssel', soort: 'provincie', inwoners: 1140000 },
  { code: 'WS0155', naam: 'Waterschap Drents Overijsselse Delta', soort: 'waterschap' },
  { code: 'SSC-ZWOLLE', naam: 'SSC Zwolle', soort: 'ssc', inwoners: null },
];
const TRAJECT = {
  taakveld: 'ict', fase: 'businesscase', vorm: 'netwerk', intensiteit: 'bijstand',
  deelnemers: ['GM0148', 'GM0180', 'GM1896'], eigenaar: 'werkgroep ICT', start: '2012-01-01', wettelijkeDeadline: null,
};

before(async () => {
  srv = await startServer();
  for (const o of ORGS) assert.equal((await post('/organisaties', o)).status, 201, o.code);
  for (const t of [
    { code: 'ict', naam: 'ICT', soort: 'bedrijfsvoering', iv3: '0.4' },
    { code: 'psa', naam: 'PSA', soort: 'bedrijfsvoering' },
  ]) assert.equal((await post('/taakvelden', t)).status, 201, t.code);
  const r = await post('/verbanden', {
    code: 'dsz', naam: 'DSZ', doelen: ['kwaliteit', 'kwetsbaarheid', 'kosten'], geenCherryPicking: false,
    leden: [
      { organisatie: 'GM0148', rol: 'lid', van: '2010-01-01' },
      { organisatie: 'GM0180', rol: 'lid', van: '2010-01-01' },
      { organisatie: 'GM1896', rol: 'gastheer', van: '2010-01-01' },
      { organisatie: 'GM0193', rol: 'toehoorder', van: '2010-01-01' },
    ],
  });
  assert.equal(r.status, 201, r.text);
});
after(async () => { await srv.stop(); });

// ---- General --------------------------------------------------------------

test('status: 200 ok with versie, and every answer (errors too) carries API-Version', async () => {
  const r = await get('/status', { token: null });
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.status, typeof r.json.versie], ['ok', 'string']);
  assert.equal(r.headers.get('api-version'), '1.5.0');
  const e = await get('/organisaties/GM9999');
  assert.equal(e.headers.get('api-version'), '1.5.0');
});

test('malformed JSON is a 400 problem that says where', async () => {
  for (const body of ['{"code":"GM0001",', '{code:1}', '{"a":1}}', "{'a':1}", '{"a":tru}', '\u00ff\u00fe']) {
    const p = assertProblem(await post('/organisaties', body), 400, undefined, body);
    assert.match(p.detail, /JSON/, body);
  }
  const p = assertProblem(await post('/organisaties', '{\n"code": "GM0001",\n  "naam": }'), 400);
  assert.match(p.detail, /regel 3/);
  assert.match(assertProblem(await post('/organisaties', '['.repeat(5000)), 400).detail, /te diep genest/);
  assert.match(assertProblem(await post('/organisaties', '{"code":"GM0001"'), 400).detail, /houdt onverwacht op/);
  assert.match(assertProblem(await post('/organisaties', '{"inwoners":1e999}'), 400).detail, /te groot/);
  assert.match(assertProblem(await post('/organisaties', '{"a":1} {"b":2}'), 400).detail, /nog tekst/);
});

test('an empty body, or JSON that is not an object, is a 400 problem', async () => {
  for (const path of ['/organisaties', '/taakvelden', '/verbanden', '/verbanden/dsz/leden',
    '/verbanden/dsz/leden/GM0148/uittreding', '/verbanden/dsz/trajecten']) {
    for (const body of ['', '[]', '[{"code":"GM0001"}]', '"tekst"', '42', 'null', 'true']) {
      const p = assertProblem(await post(path, body), 400, undefined, `${path} ${body}`);
      assert.match(p.detail, /object/, `${path} ${body}`);
    }
  }
});

test('duplicate keys and \\u0000 inside a string are refused with 400, in Dutch', async () => {
  let p = assertProblem(await post('/organisaties', '{"code":"GM0001","code":"GM0002","naam":"x","soort":"gemeente"}'), 400);
  assert.match(p.detail, /twee keer/);
  p = assertProblem(await post('/organisaties', '{"code":"GM0001","naam":"Nul\\u0000teken","soort":"gemeente"}'), 400);
  assert.match(p.detail, /NUL/);
  p = assertProblem(await post('/organisaties', '{"code\\u0000":"GM0001","naam":"x","soort":"gemeente"}'), 400);
  assert.match(p.detail, /NUL/);
  assertProblem(await post('/organisaties', Buffer.from('{"code":"GM0001","naam":"a\0b","soort":"gemeente"}')), 400);
  assert.equal((await get('/organisaties/GM0001')).status, 404, 'nothing was stored');
});

test('an anonymous write is refused with 401 before its body is even read', async () => {
  assertProblem(await post('/organisaties', { code: 'GM0002', naam: 'x', soort: 'gemeente' }, { token: null }), 401);
  assertProblem(await post('/organisaties', '{kapot', { token: null }), 401);
  assertProblem(await post('/verbanden/dsz/leden', '{kapot', { token: null }), 401);
  assertProblem(await post('/verbanden', { code: 'x' }, { token: 'niet-bestaand-token-xxxxxxxx' }), 401);
});

// ---- organisaties ---------------------------------------------------------

test('organisaties: created with 201, listed, fetched one by one with the TOOI identifier', async () => {
  const r = await post('/organisaties', { code: 'GM0166', naam: 'Kampen', soort: 'gemeente', inwoners: 51000 });
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.equal(r.json.code, 'GM0166');
  assert.equal(r.json.naam, 'Kampen');
  assert.equal(r.json.soort, 'gemeente');
  assert.equal(r.json.inwoners, 51000);
  assert.equal(r.json.tooi, 'https://identifier.overheid.nl/tooi/id/gemeente/gm0166');

  const one = await get('/organisaties/GM0148');
  assert.equal(one.status, 200);
  assert.equal(one.json.tooi, 'https://identifier.overheid.nl/tooi/id/gemeente/gm0148');
  assert.deepEqual(one.json.verbanden.map((v) => [v.verband, v.rol, v.van, v.tot]), [['dsz', 'lid', '2010-01-01', null]]);
  assert.equal((await get('/organisaties/PV23')).json.tooi, 'https://identifier.overheid.nl/tooi/id/provincie/pv23');
  assert.equal((await get('/organisaties/WS0155')).json.inwoners, null, 'inwoners may be left out');
  const ssc = await get('/organisaties/SSC-ZWOLLE');
  assert.equal(ssc.json.soort, 'ssc');
  assert.equal(ssc.json.tooi, undefined, 'an SSC has no TOOI identifier');

  const all = await get('/organisaties', { token: null });
  assert.equal(all.status, 200);
  for (const o of ORGS) assert.ok(all.json.some((x) => x.code === o.code && x.naam === o.naam), o.code);
  assert.equal(all.json.find((x) => x.code === 'GM0148').tooi, 'https://identifier.overheid.nl/tooi/id/gemeente/gm0148');
});

test('organisaties: wrong types are 400 naming the field', async () => {
  const ok = { code: 'GM0200', naam: 'Apeldoorn', soort: 'gemeente', inwoners: 160000 };
  const cases = [
    [{ inwoners: '28000' }, 'inwoners'],
    [{ inwoners: 2.5 }, 'inwoners'],
    [{ inwoners: true }, 'inwoners'],
    [{ inwoners: [1] }, 'inwoners'],
    [{ naam: 12 }, 'naam'],
    [{ naam: { nl: 'x' } }, 'naam'],
    [{ naam: ['x'] }, 'naam'],
    [{ code: 200 }, 'code'],
    [{ soort: 1 }, 'soort'],
    [{ soort: ['gemeente'] }, 'soort'],
  ];
  for (const [patch, field] of cases)
    assertProblem(await post('/organisaties', { ...ok, ...patch }), 400, field, JSON.stringify(patch));
});

test('organisaties: values out of range are 400 naming the field', async () => {
  const ok = { code: 'GM0200', naam: 'Apeldoorn', soort: 'gemeente' };
  const cases = [
    [{ inwoners: -1 }, 'inwoners'],
    [{ inwoners: 1e12 }, 'inwoners'],
    [{ soort: 'stad' }, 'soort'],
    [{ soort: 'Gemeente' }, 'soort'],
    [{ soort: '' }, 'soort'],
    [{ code: 'GM12' }, 'code'],
    [{ code: 'GM01234' }, 'code'],
    [{ code: 'gm0200' }, 'code'],
    [{ code: 'GMABCD' }, 'code'],
    [{ code: 'PV23' }, 'code'],
    [{ code: 'PV123', soort: 'provincie' }, 'code'],
    [{ code: 'WS12', soort: 'waterschap' }, 'code'],
    [{ code: 'ssc zwolle', soort: 'ssc' }, 'code'],
    [{ code: 'X', soort: 'overig' }, 'code'],
    [{ naam: '' }, 'naam'],
    [{ naam: 'x'.repeat(201) }, 'naam'],
    [{ naam: 'tab\u0001teken' }, 'naam'],
  ];
  for (const [patch, field] of cases) {
    const p = assertProblem(await post('/organisaties', { ...ok, ...patch }), 400, field, JSON.stringify(patch));
    assert.doesNotMatch(p['invalid-params'].map((x) => x.reason).join(' '), /\b(must|invalid|required)\b/, 'reasons are Dutch');
  }
  const p = assertProblem(await post('/organisaties', { ...ok, code: 'GM12' }), 400, 'code');
  assert.match(p['invalid-params'][0].reason, /GM/, 'the reason says what a gemeente code looks like');
});

test('organisaties: missing required fields are 400, each one named', async () => {
  assertProblem(await post('/organisaties', {}), 400, ['code', 'naam', 'soort']);
  assertProblem(await post('/organisaties', { code: 'GM0200', soort: 'gemeente' }), 400, 'naam');
  assertProblem(await post('/organisaties', { code: null, naam: 'x', soort: 'gemeente' }), 400, 'code');
  const p = assertProblem(await post('/organisaties', { naam: 'x', soort: 'gemeente' }), 400, 'code');
  assert.match(p['invalid-params'][0].reason, /verplicht/);
});

test('organisaties: a duplicate code is 409; an unknown one in the path 404', async () => {
  const p = assertProblem(await post('/organisaties', { code: 'GM0148', naam: 'Dalfsen bis', soort: 'gemeente' }), 409);
  assert.match(p.detail, /GM0148/);
  assert.equal((await get('/organisaties/GM0148')).json.naam, 'Dalfsen', 'the original is untouched');
  const q = assertProblem(await get('/organisaties/GM9999'), 404);
  assert.match(q.detail, /GM9999/);
  assertProblem(await get('/organisaties/%FF%FE%C3'), 404, undefined, 'invalid UTF-8 in the path still gives a detail');
  assertProblem(await get('/organisaties/' + encodeURIComponent('é'.repeat(400))), 404);
});

test('%00 in a path or query value names nothing; it never cuts the value short', async () => {
  assertProblem(await get('/organisaties/GM0148%00xyz'), 404);
  assertProblem(await get('/organisaties/GM0148%00'), 404);
  assertProblem(await get('/organisaties%00/GM0148'), 404);
  assertProblem(await get('/verbanden/dsz%00'), 404);
  assertProblem(await post('/verbanden/dsz%00x/leden', { organisatie: 'GM0166', van: '2012-01-01' }), 404);
  assertProblem(await get('/matrix?organisatie=GM0148%00junk&datum=2012-03-08'), 422);
  assertProblem(await get('/matrix?organisatie=GM0148&datum=2012-03-08%00junk'), 400, 'datum');
  assertProblem(await get('/trajecten?organisatie=GM0148%00'), 422);
  assert.equal((await get('/organisaties/GM%30148')).json.code, 'GM0148', 'other escapes still decode');
  assert.equal((await get('/matrix?organisatie=GM%30148&datum=2012-03-08')).status, 200);
});

test('text is stored and returned verbatim: SQL, quotes, unicode, markup', async () => {
  const names = [
    "x'); DROP TABLE organisaties;--",
    "Robert'); DELETE FROM lidmaatschappen; --",
    '" OR 1=1 --',
    'Súdwest-Fryslân ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏛️',
    '<script>alert(1)</script> & &amp;',
    'tab\there\nnewline',
  ];
  for (const [i, naam] of names.entries()) {
    const code = ['GM0059', 'GM0060', 'GM0072', 'GM0074', 'GM0080', 'GM0085'][i];
    const r = await post('/organisaties', { code, naam, soort: 'gemeente' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.naam, naam);
    assert.equal((await get('/organisaties/' + code)).json.naam, naam);
  }
  const all = await get('/organisaties');
  assert.ok(all.json.length >= ORGS.length + names.length, 'the table is still there');
  const t = await post('/taakvelden', { code: 'sql', naam: "'; DROP TABLE taakvelden;--", soort: 'beleid' });
  assert.equal(t.json.naam, "'; DROP TABLE taakvelden;--");
  assert.equal((await get('/taakvelden/ict')).status, 200);
});

// ---- taakvelden -----------------------------------------------------------

test('taakvelden: created with 201, listed and fetched', async () => {
  const r = await post('/taakvelden', { code: 'inkoop', naam: 'Inkoop', soort: 'bedrijfsvoering', iv3: '0.4' });
  assert.equal(r.status, 201);
  assert.deepEqual(r.json, { code: 'inkoop', naam: 'Inkoop', soort: 'bedrijfsvoering', iv3: '0.4' });
  const w = await post('/taakvelden', { code: 'wmo', naam: 'Wmo', soort: 'uitvoering' });
  assert.equal(w.json.iv3, null);
  const all = await get('/taakvelden');
  assert.equal(all.status, 200);
  assert.ok(['ict', 'psa', 'inkoop', 'wmo'].every((c) => all.json.some((t) => t.code === c)));
  const one = await get('/taakvelden/ict');
  assert.deepEqual(one.json, { code: 'ict', naam: 'ICT', soort: 'bedrijfsvoering', iv3: '0.4' });
  assertProblem(await get('/taakvelden/bestaat-niet'), 404);
});

test('taakvelden: wrong types, ranges, missing fields and duplicates', async () => {
  const ok = { code: 'vth', naam: 'VTH', soort: 'uitvoering' };
  for (const [patch, field] of [
    [{ code: 'ICT2' }, 'code'], [{ code: 'met spatie' }, 'code'], [{ code: 'x'.repeat(41) }, 'code'],
    [{ code: 7 }, 'code'], [{ naam: false }, 'naam'], [{ soort: 'ondersteuning' }, 'soort'],
    [{ soort: null }, 'soort'], [{ iv3: 0.4 }, 'iv3'], [{ iv3: 'x'.repeat(21) }, 'iv3'],
  ]) assertProblem(await post('/taakvelden', { ...ok, ...patch }), 400, field, JSON.stringify(patch));
  assertProblem(await post('/taakvelden', {}), 400, ['code', 'naam', 'soort']);
  assertProblem(await post('/taakvelden', { code: 'ict', naam: 'ICT opnieuw', soort: 'beleid' }), 409);
});

// ---- verbanden ------------------------------------------------------------

test('verbanden: created with members, listed, fetched with leden and trajecten', async () => {
  const r = await post('/verbanden', {
    code: 'staan', naam: 'STAAN', omschrijving: 'Tynaarlo, Aa en Hunze, Assen, Noordenveld',
    doelen: ['kennisdeling', 'klant', 'kosten'],
    leden: [{ organisatie: 'GM0148', van: '2012-03-01' }, { organisatie: 'PV23', rol: 'gastheer', van: '2012-03-01' }],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'staan');
  assert.deepEqual(r.json.doelen, ['klant', 'kosten', 'kennisdeling'], 'the 5 K\'s in their order');
  assert.equal(r.json.geenCherryPicking, false, 'geenCherryPicking defaults to false');
  assert.deepEqual(r.json.leden.map((l) => [l.organisatie, l.rol, l.van, l.tot]).sort(),
    [['GM0148', 'lid', '2012-03-01', null], ['PV23', 'gastheer', '2012-03-01', null]]);
  assert.deepEqual(r.json.trajecten, []);

  const dsz = await get('/verbanden/dsz');
  assert.equal(dsz.status, 200);
  assert.deepEqual(dsz.json.doelen, ['kosten', 'kwetsbaarheid', 'kwaliteit']);
  assert.deepEqual(codes(dsz.json.leden, 'organisatie'), ['GM0148', 'GM0180', 'GM0193', 'GM1896']);
  assert.equal(dsz.json.leden.find((l) => l.organisatie === 'GM0193').rol, 'toehoorder');
  assert.ok(Array.isArray(dsz.json.trajecten));
  const all = await get('/verbanden');
  assert.equal(all.status, 200);
  assert.deepEqual(codes(all.json).filter((c) => c === 'dsz' || c === 'staan'), ['dsz', 'staan']);
  assertProblem(await get('/verbanden/bestaat-niet'), 404);
});

test('verbanden: wrong types and values are 400 naming the field, also inside leden', async () => {
  const ok = { code: 'wol', naam: 'WOL', leden: [{ organisatie: 'GM0148', rol: 'lid', van: '2007-08-01' }] };
  const cases = [
    [{ code: 'WOL' }, 'code'], [{ code: '' }, 'code'], [{ naam: 1 }, 'naam'],
    [{ geenCherryPicking: 'ja' }, 'geenCherryPicking'], [{ geenCherryPicking: 1 }, 'geenCherryPicking'],
    [{ doelen: 'kosten' }, 'doelen'], [{ doelen: ['kosten', 'geld'] }, 'doelen[1]'], [{ doelen: [3] }, 'doelen[0]'],
    [{ omschrijving: ['x'] }, 'omschrijving'],
    [{ leden: { organisatie: 'GM0148' } }, 'leden'], [{ leden: ['GM0148'] }, 'leden[0]'],
    [{ leden: [{ organisatie: 'GM0148', rol: 'voorzitter', van: '2007-08-01' }] }, 'leden[0].rol'],
    [{ leden: [{ organisatie: 'GM0148', van: '2012-02-30' }] }, 'leden[0].van'],
    [{ leden: [{ organisatie: 'GM0148', van: '2007-8-1' }] }, 'leden[0].van'],
    [{ leden: [{ organisatie: 'GM0148', van: 20070801 }] }, 'leden[0].van'],
    [{ leden: [{ organisatie: 'GM0148' }] }, 'leden[0].van'],
    [{ leden: [{ organisatie: 'GM0148', van: '2010-01-01', tot: '2009-01-01' }] }, 'leden[0].tot'],
    [{ leden: [{ organisatie: 12, van: '2010-01-01' }] }, 'leden[0].organisatie'],
    [{ leden: [ok.leden[0], { organisatie: 'GM0180', rol: 'baas', van: '2010-01-01' }] }, 'leden[1].rol'],
  ];
  for (const [patch, field] of cases)
    assertProblem(await post('/verbanden', { ...ok, ...patch }), 400, field, JSON.stringify(patch));
  assertProblem(await post('/verbanden', {}), 400, ['code', 'naam']);
  assertProblem(await get('/verbanden/wol'), 404, undefined, 'nothing of the refused verbanden was written');
});

test('verbanden: an unknown member is 422, a duplicate code 409, and neither writes anything', async () => {
  const p = assertProblem(await post('/verbanden', {
    code: 'drecht', naam: 'Drechtsteden',
    leden: [{ organisatie: 'GM0148', van: '2011-05-01' }, { organisatie: 'GM9999', van: '2011-05-01' }],
  }), 422, 'leden[1].organisatie');
  assert.match(p.detail, /GM9999/);
  assertProblem(await get('/verbanden/drecht'), 404);
  const org = await get('/organisaties/GM0148');
  assert.ok(!org.json.verbanden.some((v) => v.verband === 'drecht'), 'the first member was rolled back too');
  assertProblem(await post('/verbanden', { code: 'dsz', naam: 'DSZ opnieuw' }), 409);
  assert.equal((await get('/verbanden/dsz')).json.naam, 'DSZ');
});

// ---- leden and uittreding -------------------------------------------------

test('leden: a member joins (201 with the verband), with role, and the errors of joining', async () => {
  assert.equal((await post('/verbanden', { code: 'vechtdal', naam: 'Vechtdal' })).status, 201);
  const r = await post('/verbanden/vechtdal/leden', { organisatie: 'GM0148', rol: 'gastheer', van: '2008-01-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'vechtdal');
  assert.deepEqual(r.json.leden.map((l) => [l.organisatie, l.rol, l.van, l.tot]), [['GM0148', 'gastheer', '2008-01-01', null]]);
  const d = await post('/verbanden/vechtdal/leden', { organisatie: 'GM0180', van: '2009-01-01' });
  assert.equal(d.json.leden.find((l) => l.organisatie === 'GM0180').rol, 'lid', 'rol defaults to lid');

  assertProblem(await post('/verbanden/nope/leden', { organisatie: 'GM0148', van: '2008-01-01' }), 404);
  assertProblem(await post('/verbanden/nope/leden', {}), 404, undefined, 'an unknown verband is 404 whatever the body');
  assertProblem(await post('/verbanden/vechtdal/leden', { organisatie: 'GM9999', van: '2008-01-01' }), 422, 'organisatie');
  for (const [body, field] of [
    [{ organisatie: 'GM1896', rol: 'lid ', van: '2008-01-01' }, 'rol'],
    [{ organisatie: 'GM1896', rol: 3, van: '2008-01-01' }, 'rol'],
    [{ organisatie: 'GM1896' }, 'van'],
    [{ van: '2008-01-01' }, 'organisatie'],
    [{ organisatie: 'GM1896', van: '2013-02-29' }, 'van'],
    [{ organisatie: 'GM1896', van: '2012-13-01' }, 'van'],
    [{ organisatie: 'GM1896', van: '2012-00-10' }, 'van'],
    [{ organisatie: 'GM1896', van: '1899-12-31' }, 'van'],
    [{ organisatie: 'GM1896', van: '2012-01-01T00:00:00Z' }, 'van'],
    [{ organisatie: ['GM1896'], van: '2012-01-01' }, 'organisatie'],
    [{ organisatie: 'GM1896', van: '2012-01-01', tot: '2013-01-01' }, 'tot'],
  ]) assertProblem(await post('/verbanden/vechtdal/leden', body), 400, field, JSON.stringify(body));
  const p = assertProblem(await post('/verbanden/vechtdal/leden', { organisatie: 'GM0148', van: '2010-01-01' }), 422, 'van');
  assert.match(p.detail, /al lid/, 'an overlapping membership is refused');
  const v = await get('/verbanden/vechtdal');
  assert.equal(v.json.leden.length, 2, 'nothing was added by the refused requests');
});

test('uittreding: a member leaves (history kept), rejoins later, and the errors of leaving', async () => {
  assert.equal((await post('/verbanden', { code: 'wmo-awbz', naam: 'Wmo/AWBZ',
    leden: [{ organisatie: 'GM0148', van: '2012-01-01' }, { organisatie: 'GM0180', van: '2012-01-01' }] })).status, 201);
  const bad = [
    [{}, 'datum'], [{ datum: '2013-02-30' }, 'datum'], [{ datum: 20130101 }, 'datum'], [{ datum: '' }, 'datum'],
  ];
  for (const [body, field] of bad)
    assertProblem(await post('/verbanden/wmo-awbz/leden/GM0180/uittreding', body), 400, field, JSON.stringify(body));
  let p = assertProblem(await post('/verbanden/wmo-awbz/leden/GM0180/uittreding', { datum: '2011-06-01' }), 422, 'datum');
  assert.match(p.detail, /2012-01-01/, 'leaving before joining names the date of joining');
  assertProblem(await post('/verbanden/wmo-awbz/leden/GM0180/uittreding', { datum: '2012-01-01' }), 422, 'datum');
  assertProblem(await post('/verbanden/nope/leden/GM0180/uittreding', { datum: '2014-01-01' }), 404);
  assertProblem(await post('/verbanden/wmo-awbz/leden/GM9999/uittreding', { datum: '2014-01-01' }), 404);
  assertProblem(await post('/verbanden/wmo-awbz/leden/GM1896/uittreding', { datum: '2014-01-01' }), 404,
    undefined, 'an organisation that is not a member cannot leave');

  const r = await post('/verbanden/wmo-awbz/leden/GM0180/uittreding', { datum: '2014-01-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.leden.find((l) => l.organisatie === 'GM0180').tot, '2014-01-01');
  assertProblem(await post('/verbanden/wmo-awbz/leden/GM0180/uittreding', { datum: '2015-01-01' }), 404,
    undefined, 'who has left cannot leave again');
  p = assertProblem(await post('/verbanden/wmo-awbz/leden', { organisatie: 'GM0180', van: '2013-06-01' }), 422, 'van');
  const back = await post('/verbanden/wmo-awbz/leden', { organisatie: 'GM0180', van: '2014-01-01' });
  assert.equal(back.status, 201, 'rejoining on the day of leaving is fine: tot is not included');
  const periods = back.json.leden.filter((l) => l.organisatie === 'GM0180').map((l) => [l.van, l.tot]);
  assert.deepEqual(periods, [['2012-01-01', '2014-01-01'], ['2014-01-01', null]], 'history is kept');
  const org = await get('/organisaties/GM0180');
  assert.deepEqual(org.json.verbanden.filter((v) => v.verband === 'wmo-awbz').map((v) => [v.van, v.tot]), periods);
});

// ---- trajecten ------------------------------------------------------------

test('trajecten: created (201 with id), fetched by id, listed and filtered', async () => {
  const r = await post('/verbanden/dsz/trajecten', TRAJECT);
  assert.equal(r.status, 201, r.text);
  assert.ok(Number.isInteger(r.json.id) && r.json.id > 0);
  const want = { verband: 'dsz', taakveld: 'ict', fase: 'businesscase', vorm: 'netwerk', intensiteit: 'bijstand',
    eigenaar: 'werkgroep ICT', start: '2012-01-01', eind: null, wettelijkeDeadline: null };
  for (const [k, v] of Object.entries(want)) assert.deepEqual(r.json[k], v, k);
  assert.deepEqual([...r.json.deelnemers].sort(), ['GM0148', 'GM0180', 'GM1896']);

  const one = await get('/trajecten/' + r.json.id);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json, r.json);
  const p = await post('/verbanden/dsz/trajecten', { ...TRAJECT, taakveld: 'psa', deelnemers: ['GM0148', 'GM0180'],
    fase: 'uitvoering', vorm: 'dvo', intensiteit: 'gezamenlijke-uitvoering', start: '2013-01-01', eind: '2016-01-01',
    wettelijkeDeadline: '2014-01-01' });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.wettelijkeDeadline, '2014-01-01');
  assert.equal(p.json.eind, '2016-01-01');

  const mine = await get('/trajecten?organisatie=GM1896');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.some((t) => t.id === r.json.id));
  assert.ok(!mine.json.some((t) => t.id === p.json.id), 'GM1896 is no deelnemer of the psa traject');
  assert.deepEqual((await get('/trajecten?organisatie=GM0193')).json, [], 'a toehoorder takes part in nothing');
  assert.deepEqual((await get('/trajecten?organisatie=PV23')).json, []);
  assert.ok((await get('/trajecten')).json.length >= 2);
  assert.deepEqual((await get('/trajecten?taakveld=psa')).json.map((t) => t.id), [p.json.id]);
  assert.deepEqual((await get('/trajecten?verband=dsz&taakveld=ict')).json.map((t) => t.id), [r.json.id]);
  assert.ok((await get('/trajecten?organisatie=')).json.length >= 2, 'an empty filter is no filter');
  assert.deepEqual((await get('/verbanden/dsz')).json.trajecten.map((t) => t.id).sort(), [r.json.id, p.json.id].sort());

  assertProblem(await get('/trajecten?organisatie=GM9999'), 422);
  assertProblem(await get('/trajecten?verband=nope'), 422);
  assertProblem(await get('/trajecten?taakveld=nope'), 422);
  for (const id of ['999999', '0', '-1', 'abc', '1e3', '99999999999999999999999'])
    assertProblem(await get('/trajecten/' + id), 404, undefined, id);
});

test('trajecten: wrong types and values are 400 naming the field', async () => {
  const cases = [
    [{ fase: 'klaar' }, 'fase'], [{ fase: 'Verkenning' }, 'fase'], [{ vorm: 'fusie' }, 'vorm'],
    [{ intensiteit: 'veel' }, 'intensiteit'], [{ intensiteit: 3 }, 'intensiteit'],
    [{ start: '2012-02-30' }, 'start'], [{ start: '2011-02-29' }, 'start'], [{ start: '01-01-2012' }, 'start'],
    [{ start: null }, 'start'], [{ eind: '2011-12-31' }, 'eind'], [{ eind: '2012-01-01' }, 'eind'],
    [{ wettelijkeDeadline: 'morgen' }, 'wettelijkeDeadline'],
    [{ deelnemers: { GM0148: true } }, 'deelnemers'], [{ deelnemers: 'GM0148' }, 'deelnemers'],
    [{ deelnemers: ['GM0148', 5] }, 'deelnemers[1]'], [{ deelnemers: [['GM0148']] }, 'deelnemers[0]'],
    [{ deelnemers: [] }, 'deelnemers'], [{ deelnemers: null }, 'deelnemers'],
    [{ taakveld: 1 }, 'taakveld'], [{ eigenaar: 5 }, 'eigenaar'], [{ eigenaar: 'x'.repeat(201) }, 'eigenaar'],
    [{ omschrijving: {} }, 'omschrijving'],
  ];
  for (const [patch, field] of cases)
    assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, ...patch }), 400, field, JSON.stringify(patch));
  assertProblem(await post('/verbanden/dsz/trajecten', {}), 400, ['taakveld', 'fase', 'vorm', 'intensiteit', 'start']);
});

test('trajecten: unknown references are 404 in the path, 422 in the body', async () => {
  assertProblem(await post('/verbanden/nope/trajecten', TRAJECT), 404);
  let p = assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, taakveld: 'ruimtevaart' }), 422, 'taakveld');
  assert.match(p.detail, /ruimtevaart/);
  p = assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, deelnemers: ['GM0148', 'GM9999'] }), 422, 'deelnemers[1]');
  assert.match(p.detail, /GM9999/);
});

test('trajecten: deelnemers must be current members, and a toehoorder cannot take part', async () => {
  let p = assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, deelnemers: ['GM0148', 'PV23'] }), 422, 'deelnemers[1]');
  assert.match(p.detail, /PV23.*geen lid/);
  p = assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, deelnemers: ['GM0148', 'GM0193'] }), 422, 'deelnemers[1]');
  assert.match(p.detail, /toehoorder/);
  p = assertProblem(await post('/verbanden/dsz/trajecten', { ...TRAJECT, start: '2009-12-31' }), 422, 'deelnemers[0]');
  assert.match(p.detail, /2009-12-31/, 'not yet a member on start');
  // A member that has left is no longer current.
  assert.equal((await post('/verbanden/wmo-awbz/leden', { organisatie: 'GM1896', van: '2012-01-01' })).status, 201);
  assert.equal((await post('/verbanden/wmo-awbz/leden/GM1896/uittreding', { datum: '2013-01-01' })).status, 200);
  p = assertProblem(await post('/verbanden/wmo-awbz/trajecten', {
    ...TRAJECT, taakveld: 'psa', deelnemers: ['GM0148', 'GM1896'], start: '2013-06-01' }), 422, 'deelnemers[1]');
  assert.match(p.detail, /GM1896.*geen lid/);
  const left = await post('/verbanden/wmo-awbz/trajecten', { ...TRAJECT, taakveld: 'psa', deelnemers: ['GM0148', 'GM0180'], start: '2013-06-01' });
  assert.equal(left.status, 201, left.text);
  const after = await post('/verbanden/wmo-awbz/trajecten', {
    ...TRAJECT, taakveld: 'psa', deelnemers: ['GM0148', 'GM0180'], start: '2030-01-01' });
  assert.equal(after.status, 201, 'GM0180 rejoined in 2014 and is a member again');
  assert.ok((await get('/trajecten?verband=wmo-awbz')).json.length === 2);
});

// ---- matrix and netwerk ---------------------------------------------------

test('matrix: partners per taakveld on a date, without the organisation itself', async () => {
  const r = await get('/matrix?organisatie=GM0148&datum=2012-03-08');
  assert.equal(r.status, 200);
  const ict = r.json.find((x) => x.taakveld === 'ict');
  assert.deepEqual(ict.partners, ['GM0180', 'GM1896']);
  assert.deepEqual(ict.verbanden, ['dsz']);
  assert.ok(!r.json.some((x) => x.partners.includes('GM0148')));
  assert.ok(!r.json.some((x) => x.taakveld === 'psa'), 'the psa traject starts in 2013');
  const later = await get('/matrix?organisatie=GM0148&datum=2013-06-01');
  assert.deepEqual(later.json.find((x) => x.taakveld === 'psa').partners, ['GM0180']);
  const before = await get('/matrix?organisatie=GM0148&datum=2011-12-31');
  assert.deepEqual(before.json, [], 'no traject has started yet');
  assert.deepEqual((await get('/matrix?organisatie=GM0193&datum=2012-03-08')).json, [], 'a toehoorder has no partners');
  assert.equal((await get('/matrix?organisatie=GM0148')).status, 200, 'datum defaults to today');
});

test('matrix and netwerk: query errors', async () => {
  assertProblem(await get('/matrix'), 400, 'organisatie');
  assertProblem(await get('/matrix?datum=2012-01-01'), 400, 'organisatie');
  assertProblem(await get('/matrix?organisatie=GM0148&datum=2012-02-30'), 400, 'datum');
  assertProblem(await get('/matrix?organisatie=GM0148&datum=morgen'), 400, 'datum');
  assertProblem(await get('/matrix?organisatie=GM0148&datum=' + encodeURIComponent('x' + 'é'.repeat(41))), 400, 'datum');
  assertProblem(await get('/matrix?organisatie=GM9999&datum=2012-01-01'), 422);
  assertProblem(await get('/matrix?organisatie=%FF&datum=2012-01-01'), 422);
  assertProblem(await get('/netwerk?datum=2012-13-01'), 400, 'datum');
  assertProblem(await get('/netwerk?taakveld=ruimtevaart'), 422);
});

test('netwerk: every pair that works together on a date, with their taakvelden', async () => {
  const r = await get('/netwerk?datum=2013-06-01');
  assert.equal(r.status, 200);
  for (const l of r.json) assert.ok(l.a < l.b, 'each pair once, ordered');
  const pair = r.json.find((l) => l.a === 'GM0148' && l.b === 'GM0180');
  assert.deepEqual(pair.taakvelden.sort(), ['ict', 'psa']);
  assert.deepEqual(r.json.find((l) => l.a === 'GM0148' && l.b === 'GM1896').taakvelden, ['ict']);
  assert.ok(!r.json.some((l) => l.a === 'GM0193' || l.b === 'GM0193'), 'a toehoorder is in no pair');
  const ict = await get('/netwerk?datum=2013-06-01&taakveld=psa');
  assert.ok(ict.json.every((l) => l.taakvelden.every((t) => t === 'psa')));
  assert.deepEqual((await get('/netwerk?datum=2000-01-01')).json, []);
});

test('405 for a method a register path does not have, with Allow', async () => {
  const r = await srv.api('DELETE', '/api/v1/verbanden/dsz');
  assertProblem(r, 405);
  assert.match(r.headers.get('allow'), /GET/);
  const m = await srv.api('PUT', '/api/v1/matrix', {});
  assertProblem(m, 405);
});
