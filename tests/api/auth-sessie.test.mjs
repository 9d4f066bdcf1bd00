// Session expiry (SAMEN_SESSIE_MINUTEN, here 3 seconds) and a trusted
// reverse proxy (SAMEN_PROXY): the client address in the audit log and the
// Secure cookie come from the proxy's headers, and only from the proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, login, auditRecords, unique } from './auth-helpers.mjs';

const PW = 'een lang genoeg wachtwoord';
let srv, plain;
before(async () => {
  [srv, plain] = await Promise.all([
    startServer({ env: { SAMEN_SESSIE_MINUTEN: '0.05', SAMEN_PROXY: '127.0.0.1' } }),
    startServer({ env: { SAMEN_SESSIE_MINUTEN: 'onzin' } }),
  ]);
  for (const s of [srv, plain]) {
    const r = await s.api('POST', '/api/v1/organisaties', { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente' });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { await srv.stop(); await plain.stop(); });

test('a session ends after SAMEN_SESSIE_MINUTEN, cookie and server alike', async () => {
  const naam = unique('kort');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const { r, session, cookie } = await login(srv, naam, PW);
  assert.equal(r.status, 201);
  assert.ok(cookie.attrs.includes('max-age=3') || cookie.attrs.includes('max-age=2'), cookie.raw);
  assert.equal((await session.api('GET', '/api/v1/sessies/huidig')).status, 200);
  await new Promise((res) => setTimeout(res, 3500));
  const late = await session.api('GET', '/api/v1/sessies/huidig');
  assert.equal(late.status, 401, 'the server no longer knows the session');
  const write = await session.api('POST', '/api/v1/organisaties', { code: 'GM0148', naam: 'Dalfsen', soort: 'gemeente' });
  assert.equal(write.status, 401);
});

test('a nonsensical SAMEN_SESSIE_MINUTEN falls back to eight hours', async () => {
  const naam = unique('lang');
  await createUser(plain, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const { cookie } = await login(plain, naam, PW);
  const age = Number(cookie.attrs.find((a) => a.startsWith('max-age=')).slice(8));
  assert.ok(age > 8 * 3600 - 5 && age <= 8 * 3600, cookie.raw);
  assert.match(plain.stderr, /SAMEN_SESSIE_MINUTEN/);
});

test('behind the trusted proxy, X-Real-IP is the origin and X-Forwarded-Proto https makes the cookie Secure', async () => {
  const naam = unique('proxy');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const headers = { 'X-Real-IP': '203.0.113.7', 'X-Forwarded-Proto': 'https' };
  const { cookie } = await login(srv, naam, PW, { headers });
  assert.ok(cookie.attrs.includes('secure'), cookie.raw);
  await login(srv, naam, 'fout wachtwoord 1', { headers });
  const recs = (await auditRecords(srv)).filter((a) => a.actie === 'aanmelden' && a.object.includes(naam));
  assert.equal(recs.length, 2);
  assert.ok(recs.every((a) => a.oorsprong === '203.0.113.7'), JSON.stringify(recs));
  // Nonsense in the header is not taken over.
  await login(srv, naam, 'fout wachtwoord 2', { headers: { 'X-Real-IP': '<script>' } });
  const last = (await auditRecords(srv)).find((a) => a.actie === 'aanmelden' && a.object.includes(naam));
  assert.equal(last.oorsprong, '127.0.0.1');
});

test('without SAMEN_PROXY the same headers are ignored', async () => {
  const naam = unique('direct');
  await createUser(plain, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const { cookie } = await login(plain, naam, PW, { headers: { 'X-Real-IP': '203.0.113.7', 'X-Forwarded-Proto': 'https' } });
  assert.ok(!cookie.attrs.includes('secure'), cookie.raw);
  const rec = (await auditRecords(plain)).find((a) => a.actie === 'aanmelden' && a.object.includes(naam));
  assert.equal(rec.oorsprong, '127.0.0.1');
});
