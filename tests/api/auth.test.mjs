// Sign-in, lockout, session expiry, logout, CSRF, API tokens, accounts,
// SQL-injection strings, the audit log (API and `samen audit`) and the
// account commands of the CLI — against a real server on the demo network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { startServer, ADMIN_TOKEN, ENGINE, dumpDb } from '../lib/server.mjs';
import { createUser, tokenFor, login, setCookie, samen, auditRecords, unique } from './auth-helpers.mjs';

const PW = 'een lang genoeg wachtwoord';
let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

test('signing in sets a hardened session cookie and tells who you are', async () => {
  const naam = unique('anna');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const { r, session, cookie } = await login(srv, naam, PW);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, csrf: undefined, verloopt: undefined },
    { gebruiker: naam, rol: 'medewerker', organisatie: 'GM0505', verband: null, csrf: undefined, verloopt: undefined });
  assert.match(r.json.csrf, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(cookie, 'Set-Cookie samen_sessie');
  assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
  for (const a of ['httponly', 'samesite=strict', 'path=/']) assert.ok(cookie.attrs.includes(a), `${a} in ${cookie.raw}`);
  const maxAge = cookie.attrs.find((a) => a.startsWith('max-age='));
  assert.ok(maxAge && Number(maxAge.slice(8)) > 0 && Number(maxAge.slice(8)) <= 8 * 3600, cookie.raw);
  assert.ok(!cookie.attrs.includes('secure'), 'no Secure over plain HTTP');

  const me = await session.api('GET', '/api/v1/sessies/huidig');
  assert.equal(me.status, 200);
  assert.equal(me.json.gebruiker, naam);
  assert.equal(me.json.via, 'sessie');
  assert.equal(me.json.csrf, r.json.csrf);
  const anon = await srv.api('GET', '/api/v1/sessies/huidig', null, { token: null });
  assert.equal(anon.status, 401);
  const viaToken = await srv.api('GET', '/api/v1/sessies/huidig');
  assert.equal(viaToken.json.via, 'token');
  assert.equal(viaToken.json.rol, 'beheerder');
});

test('a wrong password and an unknown name get the same answer', async () => {
  const naam = unique('bea');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const wrong = await srv.api('POST', '/api/v1/sessies', { naam, wachtwoord: 'niet het wachtwoord' }, { token: null });
  const unknown = await srv.api('POST', '/api/v1/sessies', { naam: unique('niemand'), wachtwoord: 'niet het wachtwoord' }, { token: null });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.detail, unknown.json.detail);
  assert.equal(wrong.json.detail, 'Naam of wachtwoord klopt niet.');
  assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
  // An account without a password (token only) cannot sign in either.
  const tokenOnly = unique('koppeling');
  await createUser(srv, { naam: tokenOnly, rol: 'medewerker', organisatie: 'GM0505' });
  const none = await srv.api('POST', '/api/v1/sessies', { naam: tokenOnly, wachtwoord: 'wat dan ook 123' }, { token: null });
  assert.equal(none.status, 401);
  assert.equal(none.json.detail, wrong.json.detail);
});

test('the API sign-in takes JSON only, so no cross-site form can sign anyone in', async () => {
  const r = await srv.api('POST', '/api/v1/sessies', 'naam=a&wachtwoord=b', {
    token: null, headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 415);
  const missing = await srv.api('POST', '/api/v1/sessies', { naam: 'x' }, { token: null });
  assert.equal(missing.status, 400);
  assert.ok(missing.json['invalid-params'].some((p) => p.name === 'wachtwoord'));
});

test('five failures lock a name for a while, with a growing delay, whether or not it exists', async () => {
  const naam = unique('bert');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  async function fail(n) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await srv.api('POST', '/api/v1/sessies', { naam: n, wachtwoord: `fout wachtwoord ${i}` }, { token: null });
      times.push(performance.now() - t0);
      assert.equal(r.status, 401, `attempt ${i + 1} for ${n}: ${r.text}`);
    }
    return times;
  }
  const ghost = unique('spook');
  const [known, unknown] = await Promise.all([fail(naam), fail(ghost)]);
  for (const times of [known, unknown]) {
    // The delay is a floor (0.2 s, doubling per failure, 3.2 s from the
    // fifth): load can only add to it, so the test asserts the floors.
    assert.ok(times[0] >= 190, `the first failure waits 0.2 s: ${times.map(Math.round)}`);
    assert.ok(times[3] >= 1590, `the fourth waits 1.6 s: ${times.map(Math.round)}`);
    assert.ok(times[4] >= 3190, `the fifth waits 3.2 s: ${times.map(Math.round)}`);
  }
  // Locked: even the right password is refused, with Retry-After.
  const locked = await srv.api('POST', '/api/v1/sessies', { naam, wachtwoord: PW }, { token: null });
  assert.equal(locked.status, 429, locked.text);
  assert.equal(locked.headers.get('content-type'), 'application/problem+json');
  assert.match(locked.json.detail, /minuten/);
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(retry > 800 && retry <= 900, `Retry-After ${retry}`);
  const lockedGhost = await srv.api('POST', '/api/v1/sessies', { naam: ghost, wachtwoord: PW }, { token: null });
  assert.equal(lockedGhost.status, 429);
  assert.equal(lockedGhost.json.detail, locked.json.detail);
  // A new password set by a beheerder lifts the lock.
  const reset = await srv.api('PUT', `/api/v1/gebruikers/${naam}/wachtwoord`, { wachtwoord: 'weer een nieuw wachtwoord' });
  assert.equal(reset.status, 204, reset.text);
  const ok = await login(srv, naam, 'weer een nieuw wachtwoord');
  assert.equal(ok.r.status, 201, ok.r.text);
  const audit = await auditRecords(srv);
  assert.ok(audit.some((a) => a.actie === 'aanmelden' && a.resultaat === 'geweigerd (429)' && a.object.includes(naam)));
});

test('signing out ends the session; a forged sign-out is refused', async () => {
  const naam = unique('carla');
  await createUser(srv, { naam, rol: 'raadslid', organisatie: 'GM0148', wachtwoord: PW });
  const { session } = await login(srv, naam, PW);
  const forged = await session.api('DELETE', '/api/v1/sessies/huidig', null, { csrf: null });
  assert.equal(forged.status, 403);
  assert.equal(forged.json.detail, 'CSRF-token ontbreekt of klopt niet');
  const out = await session.api('DELETE', '/api/v1/sessies/huidig');
  assert.equal(out.status, 204);
  const cleared = setCookie(out.headers, 'samen_sessie');
  assert.ok(cleared && cleared.value === '' && cleared.attrs.includes('max-age=0'), cleared?.raw);
  const after = await session.api('GET', '/api/v1/sessies/huidig');
  assert.equal(after.status, 401, 'the old cookie no longer works');
  const again = await session.api('DELETE', '/api/v1/sessies/huidig');
  assert.equal(again.status, 401);
  const viaToken = await srv.api('DELETE', '/api/v1/sessies/huidig');
  assert.equal(viaToken.status, 400, 'a token has no session to end');
});

test('a cookie session must send its CSRF token with every state change; a token need not', async () => {
  const { session } = await login(srv, 'beheerder', await beheerderPassword());
  const body = () => ({ code: `CSRF-${Math.floor(Math.random() * 1e6)}`, naam: 'CSRF-proef', soort: 'overig' });
  const none = await session.api('POST', '/api/v1/organisaties', body(), { csrf: null });
  assert.equal(none.status, 403, none.text);
  assert.equal(none.json.detail, 'CSRF-token ontbreekt of klopt niet');
  const wrong = await session.api('POST', '/api/v1/organisaties', body(), { csrf: 'A'.repeat(43) });
  assert.equal(wrong.status, 403);
  const other = await login(srv, 'beheerder', await beheerderPassword());
  const crossed = await session.api('POST', '/api/v1/organisaties', body(), { csrf: other.session.csrf });
  assert.equal(crossed.status, 403, "another session's token does not fit");
  const right = await session.api('POST', '/api/v1/organisaties', body());
  assert.equal(right.status, 201, right.text);
  const token = await srv.api('POST', '/api/v1/organisaties', body());
  assert.equal(token.status, 201, 'Bearer requests are exempt');
  // Reading needs no token.
  assert.equal((await session.api('GET', '/api/v1/organisaties', null, { csrf: null })).status, 200);
  // The forms: /uitloggen without and with the form field.
  const noField = await srv.api('POST', '/uitloggen', 'x=1', {
    token: null, headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, raw: true,
  });
  assert.equal(noField.status, 403);
  assert.match(noField.headers.get('content-type'), /text\/html/);
  const withField = await srv.api('POST', '/uitloggen', `csrf=${encodeURIComponent(session.csrf)}`, {
    token: null, headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, raw: true,
  });
  assert.equal(withField.status, 303);
  assert.equal(withField.headers.get('location'), '/inloggen?afgemeld=1');
  const audit = await auditRecords(srv, '&actor=beheerder');
  assert.ok(audit.some((a) => a.resultaat === 'geweigerd (403)' && a.object === 'POST /api/v1/organisaties'));
  assert.ok(audit.some((a) => a.actie === 'afmelden' && a.object === 'POST /uitloggen' && a.resultaat === 'gelukt (303)'));
});

// The demo beheerder's password is not known to the test: give it one.
let bhPw;
async function beheerderPassword() {
  if (!bhPw) {
    bhPw = 'beheerder wachtwoord voor de test';
    const r = await srv.api('PUT', '/api/v1/gebruikers/beheerder/wachtwoord', { wachtwoord: bhPw });
    assert.equal(r.status, 204, r.text);
  }
  return bhPw;
}

test('API tokens are shown once, stored hashed, and stop working when revoked', async () => {
  const naam = unique('koppeling');
  await createUser(srv, { naam, rol: 'manager', organisatie: 'GM0148' });
  const t = await tokenFor(srv, naam);
  assert.match(t.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(t.gebruiker, naam);
  const me = await srv.api('GET', '/api/v1/sessies/huidig', null, { token: t.token });
  assert.equal(me.status, 200);
  assert.equal(me.json.gebruiker, naam);
  const list = await srv.api('GET', `/api/v1/gebruikers/${naam}/tokens`);
  assert.equal(list.status, 200);
  assert.ok(list.json.some((x) => x.id === t.id && x.ingetrokken === null));
  assert.ok(!list.text.includes(t.token), 'the list never shows the secret');
  // Not in the database files either (only its hash).
  for (const f of [srv.db, `${srv.db}-wal`]) {
    if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(t.token)), `${f} holds the token`);
  }
  if (ENGINE === 'postgres') assert.ok(!dumpDb(srv.db).stdout.includes(t.token), 'the database holds the token');
  const del = await srv.api('DELETE', `/api/v1/tokens/${t.id}`);
  assert.equal(del.status, 204, del.text);
  const revoked = await srv.api('GET', '/api/v1/sessies/huidig', null, { token: t.token });
  assert.equal(revoked.status, 401);
  assert.equal(revoked.json.detail, 'Het token is onbekend of ingetrokken.');
  const post = await srv.api('POST', '/api/v1/organisaties', { code: 'X1', naam: 'x', soort: 'overig' }, { token: t.token });
  assert.equal(post.status, 401);
  const again = await srv.api('GET', `/api/v1/gebruikers/${naam}/tokens`);
  assert.ok(again.json.find((x) => x.id === t.id).ingetrokken);
  assert.equal((await srv.api('DELETE', '/api/v1/tokens/999999')).status, 404);
  // A disabled account's tokens stop too.
  const t2 = await tokenFor(srv, naam);
  const dis = await srv.api('POST', `/api/v1/gebruikers/${naam}/uitschakeling`);
  assert.equal(dis.status, 200, dis.text);
  assert.equal(dis.json.actief, false);
  assert.equal((await srv.api('GET', '/api/v1/sessies/huidig', null, { token: t2.token })).status, 401);
  const self = await srv.api('POST', '/api/v1/gebruikers/beheerder/uitschakeling');
  assert.equal(self.status, 422, 'nobody disables their own account');
});

test('accounts are validated with Dutch messages', async () => {
  const short = await srv.api('POST', '/api/v1/gebruikers', { naam: unique('kort'), rol: 'medewerker', organisatie: 'GM0505', wachtwoord: 'kort' });
  assert.equal(short.status, 400);
  const reason = short.json['invalid-params'].find((p) => p.name === 'wachtwoord').reason;
  assert.match(reason, /ten minste 10 tekens/);
  const naam = unique('dubbel');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505' });
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam, rol: 'medewerker', organisatie: 'GM0505' })).status, 409);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: unique('x'), rol: 'medewerker', organisatie: 'GM9999' })).status, 422);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: unique('x'), rol: 'koning', organisatie: 'GM0505' })).status, 400);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: unique('x'), rol: 'stuurgroep', organisatie: 'GM0148' })).status, 400,
    'a stuurgroep member needs a verband');
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: unique('x'), rol: 'stuurgroep', organisatie: 'GM0148', verband: 'bestaatniet' })).status, 422);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: unique('x'), rol: 'medewerker', organisatie: 'GM0148', verband: 'dsz' })).status, 400);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: 'a/b', rol: 'medewerker', organisatie: 'GM0148' })).status, 400);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: 'a\nb', rol: 'medewerker', organisatie: 'GM0148' })).status, 400);
  assert.equal((await srv.api('POST', '/api/v1/gebruikers', { naam: 5, rol: 'medewerker', organisatie: 'GM0148' })).status, 400);
  const pm = await srv.api('POST', '/api/v1/gebruikers', { naam: unique('pm'), rol: 'procesmanager', organisatie: 'GM0148' });
  assert.equal(pm.status, 201, 'a procesmanager may serve the whole network');
  const rol = await srv.api('PUT', `/api/v1/gebruikers/${pm.json.naam}/rol`, { rol: 'stuurgroep', verband: 'dsz' });
  assert.equal(rol.status, 200, rol.text);
  assert.deepEqual([rol.json.rol, rol.json.verband], ['stuurgroep', 'dsz']);
  const list = await srv.api('GET', '/api/v1/gebruikers?organisatie=GM0148');
  assert.ok(list.json.every((u) => u.organisatie === 'GM0148'));
  assert.ok(list.json.every((u) => !('wachtwoord' in u) && !('wachtwoord_hash' in u)));
});

test('a manager keeps the medewerker and raadslid accounts of the own organisation, nothing more', async () => {
  const mgr = unique('mgr');
  await createUser(srv, { naam: mgr, rol: 'manager', organisatie: 'GM0505' });
  const { token } = await tokenFor(srv, mgr);
  const as = (m, p, b) => srv.api(m, p, b, { token });
  const mine = await as('POST', '/api/v1/gebruikers', { naam: unique('m'), rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  assert.equal(mine.status, 201, mine.text);
  assert.equal((await as('POST', '/api/v1/gebruikers', { naam: unique('m'), rol: 'medewerker', organisatie: 'GM0148' })).status, 403);
  const implicit = await as('POST', '/api/v1/gebruikers', { naam: unique('m'), rol: 'raadslid' });
  assert.equal(implicit.status, 201, implicit.text);
  assert.equal(implicit.json.organisatie, 'GM0505', "without organisatie: the manager's own");
  assert.equal((await as('POST', '/api/v1/gebruikers', { naam: unique('m'), rol: 'manager', organisatie: 'GM0505' })).status, 403);
  assert.equal((await as('PUT', `/api/v1/gebruikers/${mine.json.naam}/rol`, { rol: 'raadslid' })).status, 200);
  assert.equal((await as('PUT', `/api/v1/gebruikers/${mine.json.naam}/rol`, { rol: 'manager' })).status, 403);
  assert.equal((await as('PUT', `/api/v1/gebruikers/${mine.json.naam}/rol`, { rol: 'raadslid', organisatie: 'GM0148' })).status, 403);
  const list = await as('GET', '/api/v1/gebruikers');
  assert.equal(list.status, 200);
  assert.ok(list.json.length >= 2 && list.json.every((u) => u.organisatie === 'GM0505'));
  assert.equal((await as('GET', '/api/v1/gebruikers?organisatie=GM0148')).status, 403);
  assert.equal((await as('GET', '/api/v1/gebruikers/beheerder')).status, 403);
  assert.equal((await as('GET', '/api/v1/gebruikers/bestaat-niet')).status, 403, 'unknown names do not leak');
  assert.equal((await srv.api('GET', '/api/v1/gebruikers/bestaat-niet')).status, 404);
  assert.equal((await as('POST', `/api/v1/gebruikers/${mine.json.naam}/tokens`)).status, 403, 'tokens are for a beheerder');
  assert.equal((await as('GET', '/api/v1/audit')).status, 403);
});

test('SQL-injection strings are stored and returned verbatim', async () => {
  const evil = [
    "Robert'); DROP TABLE gebruikers;--",
    "' OR '1'='1",
    "x' UNION SELECT hash, csrf FROM sessies --",
    '"; DELETE FROM audit; --',
    'naam%27%20OR%201=1',
  ];
  for (const naam of evil) {
    const c = await srv.api('POST', '/api/v1/gebruikers', { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
    assert.equal(c.status, 201, `${naam}: ${c.text}`);
    assert.equal(c.json.naam, naam);
    const g = await srv.api('GET', `/api/v1/gebruikers/${encodeURIComponent(naam)}`);
    assert.equal(g.status, 200, `${naam}: ${g.text}`);
    assert.equal(g.json.naam, naam);
    const { r } = await login(srv, naam, PW);
    assert.equal(r.status, 201, `sign in as ${naam}`);
    assert.equal(r.json.gebruiker, naam);
    const f = await login(srv, naam, "' OR '1'='1");
    assert.equal(f.r.status, 401);
  }
  const org = await srv.api('POST', '/api/v1/organisaties', { code: 'SQLI', naam: evil[0], soort: 'overig' });
  assert.equal(org.status, 201, org.text);
  assert.equal((await srv.api('GET', '/api/v1/organisaties/SQLI')).json.naam, evil[0]);
  const users = await srv.api('GET', '/api/v1/gebruikers');
  for (const naam of evil) assert.ok(users.json.some((u) => u.naam === naam));
  const audit = await auditRecords(srv, `&actor=${encodeURIComponent(evil[0])}`);
  assert.ok(audit.length >= 1 && audit.every((a) => a.actor.startsWith(evil[0])), 'the audit filter matches the name exactly');
  assert.ok((await auditRecords(srv)).length > 10, 'the audit log is still there');
});

test('the audit log records every case, holds no secrets, and prints as JSON lines', async () => {
  const naam = unique('dirk');
  const pw = 'geheim-wachtwoord-dat-nergens-mag-staan';
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: pw });
  await login(srv, naam, 'verkeerd-wachtwoord-dat-ook-niet-mag');
  const { session } = await login(srv, naam, pw);
  await session.api('POST', '/api/v1/taakvelden', { code: 'x', naam: 'x', soort: 'beleid' }); // 403: not allowed
  await session.api('POST', '/api/v1/taakvelden', {}, { csrf: null }); // 403: CSRF
  await srv.api('POST', '/api/v1/organisaties', { code: 'GM0148', naam: 'dubbel', soort: 'gemeente' }); // 409
  await srv.api('POST', '/api/v1/organisaties', '{kapot'); // 400
  await srv.api('POST', '/api/v1/organisaties', {}, { token: null }); // 401
  const t = await tokenFor(srv, naam);
  await srv.api('DELETE', `/api/v1/tokens/${t.id}`);
  await srv.api('GET', '/api/v1/status', null, { token: t.token }); // 401 revoked
  await session.api('DELETE', '/api/v1/sessies/huidig');

  const all = await auditRecords(srv);
  const mine = all.filter((a) => a.actor.startsWith(`${naam} `) || a.object?.includes(naam));
  const has = (pred, what) => assert.ok(all.some(pred), `audit lacks ${what}:\n${JSON.stringify(mine, null, 1)}`);
  has((a) => a.actie === 'gebruikers-wijzigen' && a.object.includes(naam) && a.resultaat === 'gelukt (201)', 'the account creation');
  has((a) => a.actie === 'aanmelden' && a.actor === 'anoniem' && a.object.includes(naam) && a.resultaat === 'geweigerd (401)', 'the failed sign-in');
  has((a) => a.actie === 'aanmelden' && a.actor.startsWith(naam) && a.resultaat === 'gelukt (201)', 'the sign-in');
  has((a) => a.actie === 'register-wijzigen' && a.actor.startsWith(naam) && a.resultaat === 'geweigerd (403)', 'the refusal');
  has((a) => a.actor.startsWith(naam) && a.object === 'POST /api/v1/taakvelden' && a.resultaat === 'geweigerd (403)', 'the CSRF refusal');
  has((a) => a.actor.startsWith('beheerder') && a.object.startsWith('POST /api/v1/organisaties') && a.resultaat === 'mislukt (409)', 'the 409');
  has((a) => a.actor.startsWith('beheerder') && a.object.startsWith('POST /api/v1/organisaties') && a.resultaat === 'mislukt (400)', 'the 400');
  has((a) => a.actor === 'anoniem' && a.object.startsWith('POST /api/v1/organisaties') && a.resultaat === 'geweigerd (401)', 'the 401');
  has((a) => a.actie === 'tokens-beheren' && a.object.includes(`token ${t.id} van gebruiker ${naam}`) && a.resultaat === 'gelukt (204)', 'the revocation');
  has((a) => a.actor === 'anoniem' && a.object === 'GET /api/v1/status: token' && a.resultaat === 'geweigerd (401)', 'the revoked token');
  has((a) => a.actie === 'afmelden' && a.actor.startsWith(naam), 'the sign-out');
  for (const a of all) {
    for (const k of ['id', 'tijdstempel', 'actor', 'actie', 'resultaat', 'oorsprong']) assert.ok(a[k] !== undefined && a[k] !== null, k);
    assert.match(a.tijdstempel, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  assert.ok(mine.every((a) => a.oorsprong === '127.0.0.1'), 'origin is the client address');
  const text = JSON.stringify(all);
  for (const secret of [pw, 'verkeerd-wachtwoord-dat-ook-niet-mag', t.token, session.csrf, ADMIN_TOKEN])
    assert.ok(!text.includes(secret), 'a secret in the audit log');
  assert.ok(all[0].id > all[all.length - 1].id, 'newest first');

  // Filters.
  const today = new Date().toISOString().slice(0, 10);
  assert.ok((await auditRecords(srv, `&van=${today}&tot=${today}`)).length > 0);
  assert.equal((await auditRecords(srv, '&van=2000-01-01&tot=2000-12-31')).length, 0);
  const byActor = await auditRecords(srv, `&actor=${naam}`);
  assert.ok(byActor.length >= 4 && byActor.every((a) => a.actor.startsWith(`${naam} (`)));
  const page = await srv.api('GET', `/api/v1/audit?limiet=2&voor=${all[0].id}`);
  assert.deepEqual(page.json.map((a) => a.id), [all[1].id, all[2].id]);
  assert.equal((await srv.api('GET', '/api/v1/audit?van=gisteren')).status, 400);
  assert.equal((await srv.api('GET', '/api/v1/audit?limiet=0')).status, 400);
  assert.equal((await srv.api('GET', '/api/v1/audit', null, { token: null })).status, 401);

  // samen audit: JSON lines, oldest first, exactly the six Dutch fields.
  const out = samen(['audit', '--db', srv.db]);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= all.length);
  for (const l of lines) assert.deepEqual(Object.keys(l), ['tijdstempel', 'actor', 'actie', 'object', 'resultaat', 'oorsprong']);
  assert.ok(lines.some((l) => l.actie === 'aanmelden' && l.actor === 'anoniem' && l.object.includes(naam)));
  assert.ok(lines.some((l) => l.actie === 'tokens-beheren' && l.object.includes(naam)));
  assert.ok(!out.stdout.includes(pw) && !out.stdout.includes(t.token));
  for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1].tijdstempel <= lines[i].tijdstempel, 'oldest first');
  assert.equal(samen(['audit']).status, 2);
  assert.equal(samen(['audit', '--db', `${srv.dir}/bestaat-niet.db`]).status, 1);
});

test('samen gebruiker keeps accounts from the command line', async () => {
  const db = srv.db;
  const naam = unique('cli');
  let r = samen(['gebruiker', 'toevoegen', '--db', db, '--naam', naam, '--organisatie', 'GM0505', '--rol', 'manager', '--wachtwoord', PW]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok((await login(srv, naam, PW)).r.status === 201);
  // Without --wachtwoord, from standard input when that is no terminal.
  const stdinUser = unique('cli-stdin');
  r = samen(['gebruiker', 'toevoegen', '--db', db, '--naam', stdinUser, '--organisatie=GM0148', '--rol', 'stuurgroep', '--verband', 'dsz'],
    { input: 'wachtwoord via standaardinvoer\n' });
  assert.equal(r.status, 0, r.stderr);
  const s = await login(srv, stdinUser, 'wachtwoord via standaardinvoer');
  assert.equal(s.r.status, 201);
  assert.equal(s.r.json.verband, 'dsz');
  // Refusals with Dutch reasons and the documented exit codes.
  r = samen(['gebruiker', 'toevoegen', '--db', db, '--naam', unique('k'), '--organisatie', 'GM0505', '--rol', 'medewerker', '--wachtwoord', 'kort']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ten minste 10 tekens/);
  r = samen(['gebruiker', 'toevoegen', '--db', db, '--naam', unique('k'), '--organisatie', 'GM0505', '--rol', 'koning', '--wachtwoord', PW]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Onbekende rol/);
  assert.equal(samen(['gebruiker', 'toevoegen', '--db', db, '--rol', 'medewerker']).status, 2);
  assert.equal(samen(['gebruiker', 'verwijderen', '--db', db, '--naam', naam]).status, 2);
  assert.equal(samen(['gebruiker', 'lijst', '--db', db, '--onzin', 'x']).status, 2);
  // rol, wachtwoord (stdin), token, lijst, uitschakelen.
  r = samen(['gebruiker', 'rol', '--db', db, '--naam', naam, '--rol', 'medewerker']);
  assert.equal(r.status, 0, r.stderr);
  r = samen(['gebruiker', 'wachtwoord', '--db', db, '--naam', naam], { input: 'nog een ander wachtwoord\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await login(srv, naam, PW)).r.status, 401);
  const again = await login(srv, naam, 'nog een ander wachtwoord');
  assert.equal(again.r.status, 201);
  assert.equal(again.r.json.rol, 'medewerker');
  r = samen(['gebruiker', 'token', '--db', db, '--naam', naam]);
  assert.equal(r.status, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal((await srv.api('GET', '/api/v1/sessies/huidig', null, { token })).json.gebruiker, naam);
  r = samen(['gebruiker', 'lijst', '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const users = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(users.some((u) => u.naam === naam && u.rol === 'medewerker' && u.actief === true));
  r = samen(['gebruiker', 'lijst', '--db', db]);
  assert.match(r.stdout, new RegExp(`${naam}\\s+medewerker\\s+GM0505`));
  r = samen(['gebruiker', 'uitschakelen', '--db', db, '--naam', naam]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await login(srv, naam, 'nog een ander wachtwoord')).r.status, 401);
  assert.equal((await srv.api('GET', '/api/v1/sessies/huidig', null, { token })).status, 401);
  assert.equal((await again.session.api('GET', '/api/v1/sessies/huidig')).status, 401, 'its sessions ended');
  // Each change is in the audit log, attributed to the command line.
  const lines = samen(['audit', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const actie of ['gebruiker-toevoegen', 'gebruiker-rol', 'gebruiker-wachtwoord', 'token-uitgeven', 'gebruiker-uitschakelen'])
    assert.ok(lines.some((l) => l.actie === actie && l.oorsprong === 'opdrachtregel' && l.object.includes(naam)), actie);
  assert.ok(!lines.some((l) => JSON.stringify(l).includes(token)));
});

test('pages and API answers carry the security headers', async () => {
  for (const path of ['/', '/inloggen', '/api/v1/status', '/bestaat-niet']) {
    const r = await srv.api('GET', path, null, { token: null, raw: true });
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, `${path}: CSP`);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `${path}: ${csp}`);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(r.headers.get('referrer-policy'), `${path}: Referrer-Policy`);
    assert.equal(r.headers.get('strict-transport-security'), null, 'HSTS only over TLS');
  }
});

test('the login page: a pre-session CSRF token, clear Dutch errors, a session on success', async () => {
  const naam = unique('eva');
  await createUser(srv, { naam, rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  const page = await srv.api('GET', '/inloggen', null, { token: null, raw: true });
  assert.equal(page.status, 200);
  const pre = setCookie(page.headers, 'samen_inlog');
  assert.ok(pre && pre.attrs.includes('httponly') && pre.attrs.includes('samesite=strict'), pre?.raw);
  const field = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal(field, pre.value);
  const form = (fields, cookie) => srv.api('POST', '/inloggen', new URLSearchParams(fields).toString(), {
    token: null, raw: true, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  });
  let r = await form({ csrf: field, naam, wachtwoord: PW });
  assert.equal(r.status, 403, 'without the cookie the form is refused');
  assert.match(r.text, /Het formulier is verlopen/);
  r = await form({ csrf: 'B'.repeat(43), naam, wachtwoord: PW }, pre.pair);
  assert.equal(r.status, 403);
  // A refusal sends the browser back to the login page (post/redirect/get),
  // which shows it to the same visitor only (the login cookie).
  const back = async (res) => {
    assert.equal(res.status, 303);
    const loc = res.headers.get('location');
    assert.match(loc, /^\/inloggen\?formulier=[A-Za-z0-9_-]+#fouten$/);
    const other = await srv.api('GET', loc.split('#')[0], null, { token: null, raw: true });
    assert.doesNotMatch(other.text, /klopt niet|Vul uw naam in/, 'not for another visitor');
    return srv.api('GET', loc.split('#')[0], null, { token: null, raw: true, headers: { Cookie: pre.pair } });
  };
  r = await back(await form({ csrf: field, naam, wachtwoord: 'fout wachtwoord hier' }, pre.pair));
  assert.equal(r.status, 200);
  assert.match(r.text, /Naam of wachtwoord klopt niet\./);
  assert.match(r.text, new RegExp(`value="${naam}"`), 'the name stays filled in');
  assert.doesNotMatch(r.text, /fout wachtwoord hier/, 'never the password');
  r = await back(await form({ csrf: field, naam: '', wachtwoord: '' }, pre.pair));
  assert.match(r.text, /Vul uw naam in\./);
  assert.match(r.text, /aria-invalid="true"/);
  r = await form({ csrf: field, naam, wachtwoord: PW }, pre.pair);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/mijn');
  const sess = setCookie(r.headers, 'samen_sessie');
  assert.ok(sess && sess.attrs.includes('httponly'));
  const me = await srv.api('GET', '/inloggen', null, { token: null, raw: true, headers: { Cookie: sess.pair } });
  assert.match(me.text, new RegExp(`U bent aangemeld als <strong>${naam}</strong>`));
  assert.match(me.text, /action="\/uitloggen"/);
  const audit = await srv.api('GET', '/beheer/audit', null, { token: null, raw: true, headers: { Cookie: sess.pair } });
  assert.equal(audit.status, 403, 'a medewerker does not see the audit log');
  const anon = await srv.api('GET', '/beheer/audit', null, { token: null, raw: true });
  assert.equal(anon.status, 401);
  assert.match(anon.text, /href="\/inloggen\?terug=%2Fbeheer%2Faudit"/);
});
