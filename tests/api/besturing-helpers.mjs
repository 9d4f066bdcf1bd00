// Helpers for the besturing tests: a small register (five municipalities,
// two verbanden, three task fields) and accounts per role with API tokens.
import assert from 'node:assert/strict';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

// Fails with the body when the status is not the expected one.
export function expectStatus(r, status) {
  assert.equal(r.status, status, `${r.status} ${r.text}`);
  if (status >= 400) {
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.equal(r.json.status, status);
    assert.ok(r.json.title && r.json.detail, 'problem has title and detail');
  }
  return r.json;
}

// The names in invalid-params.
export const params = (r) => (r.json['invalid-params'] || []).map((p) => p.name);

// abc: GM0014 Aadorp, GM0034 Beekdorp, GM0037 Ceestad (since 2010);
// xyz: GM0047 Dijkveld (inhabitants unknown) and GM0014 (since 2010);
// GM0050 Eemoord belongs to neither. Task fields ict, inkoop, belastingen.
export async function makeRegister(srv) {
  const orgs = [
    { code: 'GM0014', naam: 'Aadorp', soort: 'gemeente', inwoners: 10000 },
    { code: 'GM0034', naam: 'Beekdorp', soort: 'gemeente', inwoners: 20000 },
    { code: 'GM0037', naam: 'Ceestad', soort: 'gemeente', inwoners: 30000 },
    { code: 'GM0047', naam: 'Dijkveld', soort: 'gemeente' },
    { code: 'GM0050', naam: 'Eemoord', soort: 'gemeente', inwoners: 5000 },
  ];
  for (const o of orgs) expectStatus(await srv.api('POST', '/api/v1/organisaties', o), 201);
  for (const code of ['ict', 'inkoop', 'belastingen'])
    expectStatus(await srv.api('POST', '/api/v1/taakvelden', { code, naam: code.toUpperCase(), soort: 'bedrijfsvoering' }), 201);
  const lid = (organisatie) => ({ organisatie, rol: 'lid', van: '2010-01-01' });
  expectStatus(await srv.api('POST', '/api/v1/verbanden', {
    code: 'abc', naam: 'ABC', leden: ['GM0014', 'GM0034', 'GM0037'].map(lid),
  }), 201);
  expectStatus(await srv.api('POST', '/api/v1/verbanden', { code: 'xyz', naam: 'XYZ', leden: ['GM0047', 'GM0014'].map(lid) }), 201);
}

// Adds a traject to verband; returns its id.
export async function makeTraject(srv, verband, taakveld, deelnemers, extra = {}) {
  const r = await srv.api('POST', `/api/v1/verbanden/${verband}/trajecten`, {
    taakveld, fase: 'businesscase', vorm: 'netwerk', intensiteit: 'afstemming', deelnemers, start: '2012-01-01', ...extra,
  });
  return expectStatus(r, 201).id;
}

// An account with an API token; returns the token.
export async function tokenOf(srv, rol, organisatie, verband) {
  const naam = unique(`${rol}-${organisatie}`);
  await createUser(srv, verband ? { naam, rol, organisatie, verband } : { naam, rol, organisatie });
  return (await tokenFor(srv, naam)).token;
}

// Accounts for the authorisation tests.
export async function makeAccounts(srv) {
  return {
    stuurgroepAbc: await tokenOf(srv, 'stuurgroep', 'GM0014', 'abc'),
    stuurgroepAbc2: await tokenOf(srv, 'stuurgroep', 'GM0034', 'abc'),
    stuurgroepXyz: await tokenOf(srv, 'stuurgroep', 'GM0047', 'xyz'),
    procesmanagerAbc: await tokenOf(srv, 'procesmanager', 'GM0014', 'abc'),
    manager1: await tokenOf(srv, 'manager', 'GM0014'),
    manager2: await tokenOf(srv, 'manager', 'GM0034'),
    raadslid: await tokenOf(srv, 'raadslid', 'GM0014'),
  };
}
