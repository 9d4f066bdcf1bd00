// Choosing what to cooperate on: verkenningen (survey rounds) and
// scoringen (weighted criteria, tiers, missing scores, owners), with every
// error class and who may do what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { expectStatus, params, makeRegister, makeAccounts } from './besturing-helpers.mjs';

let srv, acc;
before(async () => {
  srv = await startServer();
  await makeRegister(srv);
  acc = await makeAccounts(srv);
});
after(async () => { await srv.stop(); });

const survey = { code: 'ronde-1', verband: 'abc', naam: 'Eerste ronde', datum: '2012-02-01', taakvelden: ['ict', 'inkoop', 'belastingen'] };

test('a survey round is created by the stuurgroep of its verband, once', async () => {
  let r = await srv.api('POST', '/api/v1/verkenningen', survey, { token: null });
  expectStatus(r, 401);
  r = await srv.api('POST', '/api/v1/verkenningen', survey, { token: acc.stuurgroepXyz });
  expectStatus(r, 403);
  r = await srv.api('POST', '/api/v1/verkenningen', survey, { token: acc.manager1 });
  expectStatus(r, 403);
  r = await srv.api('POST', '/api/v1/verkenningen', survey, { token: acc.stuurgroepAbc });
  const k = expectStatus(r, 201);
  assert.equal(k.code, 'ronde-1');
  assert.deepEqual(k.taakvelden, ['ict', 'inkoop', 'belastingen']);
  assert.deepEqual(k.partners, ['GM0014', 'GM0034', 'GM0037']);
  assert.deepEqual(k.gekozen, []);
  r = await srv.api('POST', '/api/v1/verkenningen', survey, { token: acc.procesmanagerAbc });
  expectStatus(r, 409);
  r = await srv.api('GET', '/api/v1/verkenningen/ronde-1', null, { token: null });
  assert.equal(expectStatus(r, 200).naam, 'Eerste ronde');
  r = await srv.api('GET', '/api/v1/verkenningen?verband=abc');
  assert.deepEqual(expectStatus(r, 200).map((x) => x.code), ['ronde-1']);
  r = await srv.api('GET', '/api/v1/verkenningen?verband=bestaatniet');
  expectStatus(r, 422);
});

test('a survey round with bad fields is refused with the fields named', async () => {
  let r = await srv.api('POST', '/api/v1/verkenningen', { code: 'Fout Code', verband: 'abc', taakvelden: 'ict', datum: '2012-13-01' });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['code', 'datum', 'taakvelden']);
  r = await srv.api('POST', '/api/v1/verkenningen', { code: 'r2', verband: 'abc', taakvelden: [] });
  expectStatus(r, 400);
  r = await srv.api('POST', '/api/v1/verkenningen', { code: 'r2', verband: 'abc', taakvelden: ['ict', 'ict'] });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['taakvelden[1]']);
  r = await srv.api('POST', '/api/v1/verkenningen', { code: 'r2', verband: 'abc', taakvelden: ['ict', 'vliegveld'] });
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['taakvelden[1]']);
  r = await srv.api('POST', '/api/v1/verkenningen', { code: 'r2', verband: 'bestaatniet', taakvelden: ['ict'] });
  expectStatus(r, 422);
  r = await srv.api('POST', '/api/v1/verkenningen', '{"code":', {});
  expectStatus(r, 400);
  r = await srv.api('GET', '/api/v1/verkenningen/bestaatniet');
  expectStatus(r, 404);
});

test('partners answer for themselves; the ranking follows the documented formula', async () => {
  const put = (body, token) => srv.api('PUT', '/api/v1/verkenningen/ronde-1/antwoorden', body, { token });
  const a = (organisatie, taakveld, knelpunt, meerwaarde, snelResultaat) => ({ organisatie, taakveld, knelpunt, meerwaarde, snelResultaat });
  // Authorisation: the own manager or the own stuurgroep member in this verband.
  expectStatus(await put(a('GM0034', 'ict', 5, 5, true), acc.manager1), 403);
  expectStatus(await put(a('GM0034', 'ict', 5, 5, true), acc.stuurgroepAbc), 403);
  expectStatus(await put(a('GM0047', 'ict', 5, 5, true), acc.stuurgroepXyz), 403);
  expectStatus(await put(a('GM0014', 'ict', 5, 5, true), null), 401);
  let r = await put(a('GM0014', 'ict', 5, 4, true), acc.manager1);
  assert.deepEqual(expectStatus(r, 200), { organisatie: 'GM0014', taakveld: 'ict', knelpunt: 5, meerwaarde: 4, snelResultaat: true, toelichting: null });
  // Answering again replaces the answer.
  expectStatus(await put(a('GM0014', 'ict', 5, 5, true), acc.stuurgroepAbc), 200);
  expectStatus(await put(a('GM0034', 'ict', 4, 5, true), acc.manager2), 200);
  expectStatus(await put(a('GM0037', 'ict', 5, 4, false), undefined), 200);
  expectStatus(await put(a('GM0014', 'inkoop', 5, 5, true), undefined), 200); // one partner only
  expectStatus(await put(a('GM0014', 'belastingen', 4, 4, true), undefined), 200);
  expectStatus(await put(a('GM0034', 'belastingen', 4, 4, false), undefined), 200);
  // Errors: range, type, membership, task field outside the round, unknown round.
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', knelpunt: 6, meerwaarde: '4' });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['knelpunt', 'meerwaarde']);
  r = await put(a('GM0050', 'ict', 3, 3, false));
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['organisatie']);
  r = await put(a('GM9999', 'ict', 3, 3, false));
  expectStatus(r, 422);
  expectStatus(await srv.api('POST', '/api/v1/taakvelden', { code: 'repro', naam: 'Repro', soort: 'bedrijfsvoering' }), 201);
  r = await put(a('GM0014', 'repro', 3, 3, false));
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['taakveld']);
  r = await srv.api('PUT', '/api/v1/verkenningen/bestaatniet/antwoorden', a('GM0014', 'ict', 3, 3, false));
  expectStatus(r, 404);

  r = await srv.api('GET', '/api/v1/verkenningen/ronde-1/uitslag', null, { token: null });
  const u = expectStatus(r, 200);
  assert.match(u.formule, /knelpunt × meerwaarde/);
  assert.deepEqual(u.taakvelden.map((t) => [t.rang, t.taakveld]), [[1, 'ict'], [2, 'belastingen'], [3, 'inkoop']]);
  const ict = u.taakvelden[0];
  // (25 + 20 + 20) / 3 partners = 21,67; knelpunt (5+4+5)/3, meerwaarde (5+5+4)/3.
  assert.equal(ict.prioriteit, 2167);
  assert.equal(ict.gemiddeldeKnelpunt, 467);
  assert.equal(ict.gemiddeldeMeerwaarde, 467);
  assert.equal(ict.antwoorden, 3);
  assert.equal(ict.partners, 3);
  assert.equal(ict.snelResultaat, 2);
  assert.equal(ict.snelleWinst, true);
  assert.deepEqual(ict.ontbrekend, []);
  const bel = u.taakvelden[1], ink = u.taakvelden[2];
  assert.equal(bel.prioriteit, 1067); // 32 / 3
  assert.equal(ink.prioriteit, 833); // 25 / 3: one partner alone counts for a third
  assert.equal(ink.snelleWinst, false);
  assert.deepEqual(ink.ontbrekend, ['GM0034', 'GM0037']);
  r = await srv.api('GET', '/api/v1/verkenningen/ronde-1/antwoorden');
  assert.equal(expectStatus(r, 200).length, 6);
});

test('the stuurgroep records which task fields were chosen', async () => {
  let r = await srv.api('PUT', '/api/v1/verkenningen/ronde-1/keuze', { taakvelden: ['ict'], datum: '2012-03-01' }, { token: acc.manager1 });
  expectStatus(r, 403);
  r = await srv.api('PUT', '/api/v1/verkenningen/ronde-1/keuze', { taakvelden: ['repro'] });
  expectStatus(r, 422);
  r = await srv.api('PUT', '/api/v1/verkenningen/ronde-1/keuze', { taakvelden: 'ict' });
  expectStatus(r, 400);
  r = await srv.api('PUT', '/api/v1/verkenningen/ronde-1/keuze', { taakvelden: ['ict', 'belastingen'], datum: '2012-03-01', toelichting: 'snelle winst' }, { token: acc.stuurgroepAbc });
  const k = expectStatus(r, 200);
  assert.deepEqual(k.gekozen, ['ict', 'belastingen']);
  assert.deepEqual(k.keuze, { datum: '2012-03-01', toelichting: 'snelle winst' });
  r = await srv.api('GET', '/api/v1/verkenningen/ronde-1/uitslag');
  assert.deepEqual(expectStatus(r, 200).taakvelden.map((t) => t.gekozen), [true, true, false]);
});

const scoring = {
  code: 'sc-1', verband: 'abc', datum: '2012-05-30',
  criteria: [{ code: 'ambitie', naam: 'Gedeeld ambitieniveau', gewicht: 2 }, { code: 'tempo', naam: 'Binnen 2 jaar', gewicht: 1 }],
  taakvelden: ['ict', 'inkoop', 'belastingen'],
};

test('a scoring is created with weighted criteria and (default) thresholds', async () => {
  expectStatus(await srv.api('POST', '/api/v1/scoringen', scoring, { token: null }), 401);
  expectStatus(await srv.api('POST', '/api/v1/scoringen', scoring, { token: acc.stuurgroepXyz }), 403);
  expectStatus(await srv.api('POST', '/api/v1/scoringen', scoring, { token: acc.raadslid }), 403);
  let r = await srv.api('POST', '/api/v1/scoringen', scoring, { token: acc.procesmanagerAbc });
  const s = expectStatus(r, 201);
  assert.deepEqual(s.drempels, {
    'zeer-kansrijk': { gemiddelde: 400, laagste: 300 },
    kansrijk: { gemiddelde: 325, laagste: 200 },
    'kansrijk-op-termijn': { gemiddelde: 250, laagste: 100 },
  });
  assert.deepEqual(s.partners, ['GM0014', 'GM0034', 'GM0037']);
  expectStatus(await srv.api('POST', '/api/v1/scoringen', scoring), 409);
  r = await srv.api('POST', '/api/v1/scoringen', {
    ...scoring, code: 'sc-2', criteria: [{ code: 'a', naam: 'A', gewicht: 0 }, { code: 'a', naam: 'B' }],
  });
  expectStatus(r, 400);
  assert.deepEqual(params(r).sort(), ['criteria[0].gewicht', 'criteria[1].code']);
  r = await srv.api('POST', '/api/v1/scoringen', {
    ...scoring, code: 'sc-2', drempels: { kansrijk: { gemiddelde: 450 } },
  });
  expectStatus(r, 400); // kansrijk may not ask more than zeer kansrijk
  assert.deepEqual(params(r), ['drempels']);
  r = await srv.api('POST', '/api/v1/scoringen', { ...scoring, code: 'sc-2', drempels: { heel: {} } });
  expectStatus(r, 400);
  r = await srv.api('POST', '/api/v1/scoringen', { ...scoring, code: 'sc-2', verband: 'nergens' });
  expectStatus(r, 422);
  r = await srv.api('POST', '/api/v1/scoringen', { ...scoring, code: 'sc-2', taakvelden: ['nergens'] });
  expectStatus(r, 422);
  expectStatus(await srv.api('GET', '/api/v1/scoringen/sc-2'), 404);
});

test('each partner scores only for itself through its stuurgroep member', async () => {
  const put = (body, token) => srv.api('PUT', '/api/v1/scoringen/sc-1/scores', body, { token });
  expectStatus(await put({ organisatie: 'GM0034', taakveld: 'ict', criterium: 'ambitie', score: 5 }, acc.stuurgroepAbc), 403);
  expectStatus(await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 5 }, acc.manager1), 403);
  expectStatus(await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 5 }, acc.procesmanagerAbc), 403);
  expectStatus(await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 5 }, null), 401);
  let r = await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 5 }, acc.stuurgroepAbc);
  assert.deepEqual(expectStatus(r, 200), { organisatie: 'GM0014', taakveld: 'ict', scores: { ambitie: 5 }, score: 500 });
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', scores: { ambitie: 5, tempo: 2 } }, acc.stuurgroepAbc);
  assert.equal(expectStatus(r, 200).score, 400); // (10 + 2) / 3
  r = await put({ organisatie: 'GM0034', taakveld: 'ict', scores: { ambitie: 4, tempo: 1 } }, acc.stuurgroepAbc2);
  assert.equal(expectStatus(r, 200).score, 300);
  // Errors.
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 0 });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['score']);
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', scores: { ambitie: 9 } });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['scores.ambitie']);
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 3, scores: { tempo: 3 } });
  expectStatus(r, 400);
  r = await put({ organisatie: 'GM0014', taakveld: 'ict', criterium: 'kleur', score: 3 });
  expectStatus(r, 422);
  assert.deepEqual(params(r), ['criterium']);
  r = await put({ organisatie: 'GM0050', taakveld: 'ict', criterium: 'ambitie', score: 3 });
  expectStatus(r, 422);
  r = await put({ organisatie: 'GM0014', taakveld: 'repro', criterium: 'ambitie', score: 3 });
  expectStatus(r, 422);
  expectStatus(await srv.api('PUT', '/api/v1/scoringen/nergens/scores', { organisatie: 'GM0014', taakveld: 'ict', criterium: 'ambitie', score: 3 }), 404);
});

test('the result shows mean, lowest partner, spread, tier and what is missing, exactly', async () => {
  const put = (organisatie, taakveld, scores) => srv.api('PUT', '/api/v1/scoringen/sc-1/scores', { organisatie, taakveld, scores });
  // ict: GM0014 4,00, GM0034 3,00, GM0037 (5,5) 5,00 → mean (12+9+15)/9 = 4,00, lowest 3,00: zeer kansrijk exactly.
  expectStatus(await put('GM0037', 'ict', { ambitie: 5, tempo: 5 }), 200);
  // inkoop: everyone 4 on ambitie, tempo missing for GM0037.
  expectStatus(await put('GM0014', 'inkoop', { ambitie: 4, tempo: 2 }), 200);
  expectStatus(await put('GM0034', 'inkoop', { ambitie: 4, tempo: 2 }), 200);
  expectStatus(await put('GM0037', 'inkoop', { ambitie: 4 }), 200);
  let r = await srv.api('GET', '/api/v1/scoringen/sc-1/uitslag', null, { token: null });
  const u = expectStatus(r, 200);
  assert.match(u.eenheid, /honderdsten/);
  const by = Object.fromEntries(u.taakvelden.map((t) => [t.taakveld, t]));
  assert.equal(by.ict.gemiddelde, 400);
  assert.deepEqual(by.ict.laagste, { organisatie: 'GM0034', score: 300 });
  assert.equal(by.ict.spreiding, 200);
  assert.equal(by.ict.klasse, 'zeer-kansrijk');
  assert.deepEqual(by.ict.ontbrekend, []);
  assert.equal(by.ict.volledig, true);
  // inkoop: ambitie weighs 2: (8+2) + (8+2) + 8 over 3 + 3 + 2 = 28/8 = 3,50; GM0014 and GM0034 10/3 each.
  assert.equal(by.inkoop.gemiddelde, 350);
  assert.deepEqual(by.inkoop.laagste, { organisatie: 'GM0014', score: 333 });
  assert.equal(by.inkoop.spreiding, 67);
  assert.equal(by.inkoop.klasse, 'kansrijk');
  assert.deepEqual(by.inkoop.ontbrekend, [{ organisatie: 'GM0037', criterium: 'tempo' }]);
  assert.equal(by.inkoop.volledig, false);
  // belastingen: nothing scored.
  assert.equal(by.belastingen.gemiddelde, null);
  assert.equal(by.belastingen.klasse, null);
  assert.equal(by.belastingen.laagste, null);
  assert.equal(by.belastingen.ontbrekend.length, 6);
  // Ranked by tier, unscored last.
  assert.deepEqual(u.taakvelden.map((t) => t.taakveld), ['ict', 'inkoop', 'belastingen']);
  r = await srv.api('GET', '/api/v1/scoringen/sc-1/scores');
  assert.equal(expectStatus(r, 200).length, 6);
});

test('thresholds are configurable per scoring and decide on the exact value', async () => {
  let r = await srv.api('PUT', '/api/v1/scoringen/sc-1/drempels', { 'zeer-kansrijk': { gemiddelde: 401 } }, { token: acc.stuurgroepXyz });
  expectStatus(r, 403);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/drempels', { 'zeer-kansrijk': { gemiddelde: 600 } });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['drempels.zeer-kansrijk.gemiddelde']);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/drempels', { 'zeer-kansrijk': { gemiddelde: 401 } }, { token: acc.stuurgroepAbc });
  assert.equal(expectStatus(r, 200).drempels['zeer-kansrijk'].gemiddelde, 401);
  r = await srv.api('GET', '/api/v1/scoringen/sc-1/uitslag');
  assert.equal(expectStatus(r, 200).taakvelden.find((t) => t.taakveld === 'ict').klasse, 'kansrijk'); // 4,00 < 4,01
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/drempels', { 'zeer-kansrijk': { gemiddelde: 400, laagste: 301 } });
  expectStatus(r, 200);
  r = await srv.api('GET', '/api/v1/scoringen/sc-1/uitslag');
  assert.equal(expectStatus(r, 200).taakvelden.find((t) => t.taakveld === 'ict').klasse, 'kansrijk'); // lowest 3,00 < 3,01
  expectStatus(await srv.api('PUT', '/api/v1/scoringen/sc-1/drempels', { 'zeer-kansrijk': { laagste: 300 } }), 200);
});

test('owners per task field are set on the scoring', async () => {
  let r = await srv.api('PUT', '/api/v1/scoringen/sc-1/eigenaren/ict', { eigenaren: [{ naam: 'Ada' }] }, { token: acc.manager1 });
  expectStatus(r, 403);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/eigenaren/repro', { eigenaren: [{ naam: 'Ada' }] });
  expectStatus(r, 404);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/eigenaren/ict', { eigenaren: [{ naam: '' }] });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['eigenaren[0].naam']);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/eigenaren/ict', { eigenaren: [{ naam: 'Ada', organisatie: 'GM0000' }] });
  expectStatus(r, 422);
  r = await srv.api('PUT', '/api/v1/scoringen/sc-1/eigenaren/ict', {
    eigenaren: [{ naam: 'Ada Jansen', organisatie: 'GM0014' }, { naam: 'Bo de Vries', organisatie: 'GM0037', toelichting: 'vanaf juli' }],
  }, { token: acc.stuurgroepAbc });
  const e = expectStatus(r, 200);
  assert.equal(e.eigenaar, 'Ada Jansen (Aadorp); Bo de Vries (Ceestad)');
  r = await srv.api('GET', '/api/v1/scoringen/sc-1/uitslag');
  const ict = expectStatus(r, 200).taakvelden.find((t) => t.taakveld === 'ict');
  assert.equal(ict.eigenaar, 'Ada Jansen (Aadorp); Bo de Vries (Ceestad)');
  assert.deepEqual(ict.eigenaren.map((x) => x.organisatie), ['GM0014', 'GM0037']);
});
