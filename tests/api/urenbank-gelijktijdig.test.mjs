// Two samen servers on one database taking concurrent requests, as behind a
// load balancer (docs/installatie.md): the ledger's rules hold over both —
// drawing rights are never overdrawn, an inzet is never overbooked, an
// entry is approved once, every acknowledged booking is there — and
// sessions, Idempotency-Keys and the login lockout are shared through the
// database, so either server can answer any request. On PostgreSQL the two
// share one database; on SQLite one file (WAL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ENGINE } from '../lib/server.mjs';
import { drechtsteden, proeftuin, saldi, must, samen } from './urenbank-helpers.mjs';
import { createUser, login, unique } from './auth-helpers.mjs';

let a, b, staff;
const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
// Request i goes to server a or b in turn: both take the load at once.
const either = (i) => (i % 2 ? b : a);

before(async () => {
  a = await startServer();
  b = await startServer({ db: a.db });
  ({ staff } = await drechtsteden(a));
});
after(async () => {
  await b.stop();
  await a.stop();
});

test(`two servers on one ${ENGINE} database: drawing rights, inzet and approval hold under concurrent requests`, async () => {
  // A credit limit of 600 minutes: Dordrecht can commit at most that.
  const pt = await proeftuin(a, { kredietlimietMinuten: 600 });
  const o = await must(a.api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Beleidsnotitie', opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }],
  }), 'opdracht');

  // Twelve concurrent inzet requests of 100 minutes: exactly six fit.
  const inzet = await Promise.all(Array.from({ length: 12 }, (_, i) =>
    either(i).api('POST', P(pt, `/opdrachten/${o.id}/inzet`), { medewerker: staff.GM0590, minuten: 100 })));
  assert.deepEqual(inzet.map((r) => r.status).sort(), [...Array(6).fill(201), ...Array(6).fill(422)]);
  for (const r of inzet.filter((x) => x.status === 422)) assert.match(r.json.detail, /Onvoldoende trekkingsrechten/);
  let s = await saldi(b, pt);
  assert.equal(s.GM0505.vastgelegdMinuten, 600);
  assert.equal(s.GM0505.beschikbaarMinuten, 0, 'never below zero');

  // Ten concurrent bookings of 90 minutes within that inzet of 600: six fit,
  // and every one that was acknowledged is there.
  const days = Array.from({ length: 10 }, (_, i) => `2012-03-${String(i + 5).padStart(2, '0')}`);
  const booked = await Promise.all(days.map((datum, i) =>
    either(i).api('POST', P(pt, '/uren'), { medewerker: staff.GM0590, opdracht: o.id, datum, minuten: 90 })));
  assert.deepEqual(booked.map((r) => r.status).sort(), [...Array(6).fill(201), ...Array(4).fill(422)]);
  const ids = booked.filter((r) => r.status === 201).map((r) => r.json.id).sort((x, y) => x - y);
  const listed = (await must(b.api('GET', P(pt, '/uren?status=ingediend')), 'uren')).map((u) => u.id).sort((x, y) => x - y);
  assert.deepEqual(listed, ids, 'every acknowledged booking, and nothing else');

  // Each entry approved by both servers at once: once each.
  const approvals = await Promise.all(ids.flatMap((id, i) => [
    either(i).api('POST', P(pt, `/uren/${id}/goedkeuren`)), either(i + 1).api('POST', P(pt, `/uren/${id}/goedkeuren`)),
  ]));
  assert.equal(approvals.filter((r) => r.status === 200).length, ids.length);
  assert.equal(approvals.filter((r) => r.status === 422).length, ids.length);
  s = await saldi(a, pt);
  assert.equal(s.GM0590.gebrachtMinuten, 540);
  assert.equal(s.GM0505.gehaaldMinuten, 540);
  assert.equal(s.GM0505.vastgelegdMinuten, 60);
  assert.equal(s.GM0505.beschikbaarMinuten, 0);

  // Deposits from both servers at once all count; with them Dordrecht may draw again.
  const deposits = await Promise.all(Array.from({ length: 6 }, (_, i) =>
    either(i).api('POST', P(pt, '/stortingen'), { organisatie: 'GM0505', bedragCenten: 6500, datum: '2012-04-02' })));
  assert.ok(deposits.every((r) => r.status === 201), deposits.map((r) => r.text).join('\n'));
  s = await saldi(b, pt);
  assert.equal(s.GM0505.gestortMinuten, 360);
  assert.equal(s.GM0505.beschikbaarMinuten, 360);

  // The books balance, recomputed from the journal.
  const v = samen(['proeftuin', 'verify', '--db', a.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('a session, an Idempotency-Key and the login lockout made on one server hold on the other', async () => {
  const naam = unique('gelijktijdig');
  const wachtwoord = 'een lang genoeg wachtwoord';
  await createUser(a, { naam, rol: 'manager', organisatie: 'GM0505', wachtwoord });
  const { session, cookie } = await login(a, naam, wachtwoord);
  assert.ok(session, 'signed in on a');
  const me = await b.api('GET', '/api/v1/sessies/huidig', null, { token: null, headers: { Cookie: cookie.pair } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.gebruiker, naam);
  // Signing out on b ends the session on a too.
  const out = await b.api('DELETE', '/api/v1/sessies/huidig', null,
    { token: null, headers: { Cookie: cookie.pair, 'X-CSRF-Token': session.csrf } });
  assert.ok(out.status < 300, out.text);
  assert.equal((await a.api('GET', '/api/v1/sessies/huidig', null, { token: null, headers: { Cookie: cookie.pair } })).status, 401);

  // One key sent to both servers at once: one deposit, one answer.
  const pt = await proeftuin(a);
  const key = { headers: { 'Idempotency-Key': `beide-${pt}` } };
  const body = { organisatie: 'GM0590', bedragCenten: 13000, datum: '2012-05-01' };
  const all = await Promise.all(Array.from({ length: 8 }, (_, i) => either(i).api('POST', P(pt, '/stortingen'), body, key)));
  assert.ok(all.every((r) => r.status === 201 && r.text === all[0].text), all.map((r) => `${r.status} ${r.text}`).join('\n'));
  assert.equal(all.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 7);
  assert.equal((await saldi(b, pt)).GM0590.gestortMinuten, 120);

  // Failed sign-ins on both servers count together: after five the name is locked on either.
  const other = unique('slot');
  await createUser(a, { naam: other, rol: 'medewerker', organisatie: 'GM0505', wachtwoord });
  for (let i = 0; i < 5; i++) {
    const r = await either(i).api('POST', '/api/v1/sessies', { naam: other, wachtwoord: 'fout wachtwoord nummer ' + i }, { token: null });
    assert.equal(r.status, 401, r.text);
  }
  for (const srv of [a, b]) {
    const r = await srv.api('POST', '/api/v1/sessies', { naam: other, wachtwoord }, { token: null });
    assert.equal(r.status, 429, `locked on both servers, even with the right password: ${r.text}`);
  }
});
