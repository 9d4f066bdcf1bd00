// No single client can take the server: connections per address, the
// deadline for a request head that trickling bytes do not extend, the
// deadline for a body, 431 for an oversized head, and a flood of bad
// sign-ins that neither blocks other users nor locks anyone out from
// elsewhere. The loopback network has more than one address: the
// "attacker" connects from 127.0.0.2, everyone else from 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { startServer, dumpDb } from '../lib/server.mjs';
import { createUser, tokenFor, auditRecords, unique } from './auth-helpers.mjs';

const PW = 'een goed en lang wachtwoord';
let srv, port;
before(async () => {
  srv = await startServer({ env: { SAMEN_MAX_PER_ADRES: '12', SAMEN_KOP_SECONDEN: '2', SAMEN_INHOUD_SECONDEN: '2' } });
  port = Number(new URL(srv.url).port);
  const r = await srv.api('POST', '/api/v1/organisaties', { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente' });
  assert.equal(r.status, 201, r.text);
});
after(async () => { await srv.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A raw connection from `from`; resolves once connected (or refused).
function raw(from) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: from });
    const c = { socket: s, closed: false, closedAt: 0, data: '' };
    s.on('data', (d) => { c.data += d; });
    s.on('error', () => {});
    s.on('close', () => { c.closed = true; c.closedAt = performance.now(); });
    s.on('connect', () => resolve(c));
    s.on('close', () => resolve(c));
  });
}

// One HTTP request from a given source address.
function request(from, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method, path, localAddress: from, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, at: performance.now() }));
    });
    r.on('error', reject);
    if (body) r.write(body);
    r.end();
  });
}

test('slow connections from one address: the rest keep being served, and trickling does not extend the deadline', async () => {
  const slow = await Promise.all(Array.from({ length: 30 }, () => raw('127.0.0.2')));
  for (const c of slow) if (!c.closed) c.socket.write('GET /api/v1/status HTTP/1.1\r\nHost: x\r\n');
  // One header byte every 300 ms: activity that would reset an idle timeout.
  const trickle = setInterval(() => { for (const c of slow) if (!c.closed) c.socket.write('X'); }, 300);
  const t0 = performance.now();
  try {
    // Beyond the limit per address the server closes at once.
    await sleep(300);
    assert.ok(slow.filter((c) => c.closed).length >= 18, `${slow.filter((c) => c.closed).length} of 30 closed at once (limit 12 per address)`);
    for (let i = 0; i < 20; i++) {
      const r = await request('127.0.0.1', 'GET', '/api/v1/status');
      assert.equal(r.status, 200);
    }
    // The held ones are closed after the head deadline (2 s), trickle or not.
    while (slow.some((c) => !c.closed) && performance.now() - t0 < 15000) await sleep(100);
    assert.ok(slow.every((c) => c.closed), 'every trickling connection is closed');
    const late = Math.max(...slow.map((c) => c.closedAt)) - t0;
    assert.ok(late < 9000, `the last trickling connection lived ${Math.round(late)} ms (deadline 2 s)`);
    assert.ok(slow.every((c) => !c.data.startsWith('HTTP/1.1 200')), 'no trickled request was answered as if complete');
  } finally {
    clearInterval(trickle);
  }
  // Afterwards the address may connect again.
  assert.equal((await request('127.0.0.2', 'GET', '/api/v1/status')).status, 200);
});

test('a body that trickles in is cut off at its deadline; an oversized head gets 431', async () => {
  const c = await raw('127.0.0.1');
  c.socket.write('POST /api/v1/organisaties HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
  const t0 = performance.now();
  const drip = setInterval(() => { if (!c.closed) c.socket.write(' '); }, 300);
  while (!c.closed && performance.now() - t0 < 15000) await sleep(100);
  clearInterval(drip);
  assert.ok(c.closed, 'the trickling body is cut off');
  assert.ok(c.closedAt - t0 < 9000);

  const big = await request('127.0.0.1', 'GET', '/api/v1/status', { headers: { 'X-Groot': 'a'.repeat(32 * 1024) } });
  assert.equal(big.status, 431);
  assert.equal(big.headers['content-type'], 'application/problem+json');
  assert.match(JSON.parse(big.text).detail, /kopregels/);
  assert.equal((await request('127.0.0.1', 'GET', '/api/v1/status', { headers: { 'X-Klein': 'a'.repeat(2000) } })).status, 200);
});

const login = (from, naam, wachtwoord) => request(from, 'POST', '/api/v1/sessies',
  { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ naam, wachtwoord }) });

test('a flood of bad sign-ins: other users stay served meanwhile, and nobody is locked out from elsewhere', async () => {
  const naam = unique('dirk');
  await createUser(srv, { naam, rol: 'manager', organisatie: 'GM0505', wachtwoord: PW });
  const token = (await tokenFor(srv, naam)).token;
  // Eight connections of failed sign-ins for random names, each answer held.
  let stop = false;
  const firstAnswer = [];
  const flood = Array.from({ length: 8 }, async () => {
    while (!stop) {
      // A connection refused at the limit per address is the attacker's loss, not a failure.
      const r = await login('127.0.0.2', `gok-${Math.random().toString(36).slice(2)}`, 'raden maar').catch(() => null);
      if (!r) continue;
      firstAnswer.push(r.at);
      assert.ok(r.status === 401 || r.status === 429, `flood answer ${r.status}`);
    }
  });
  await sleep(100);
  const t0 = performance.now();
  const served = [];
  for (let i = 0; i < 10; i++) {
    const r = await request('127.0.0.1', 'GET', '/api/v1/sessies/huidig', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    served.push(r.at);
  }
  // Every answer held 0.2 s or more: if a held answer occupied a worker, ten
  // requests would wait behind eight floods. They were all served before
  // the flood had its eighth answer (the first ones come after 0.2 s).
  const done = served.at(-1);
  assert.ok(firstAnswer.filter((a) => a <= done).length < 8 || done - t0 < 200,
    `${firstAnswer.filter((a) => a <= done).length} flood answers came before the ten requests were served`);
  // A real sign-in during the flood finds the hashing slot taken, waits
  // (woken when the slot comes free, not refused) and gets its session.
  const mine = await login('127.0.0.3', naam, PW);
  assert.equal(mine.status, 201, 'signed in during the flood');
  stop = true;
  await Promise.all(flood);

  // Five failures from 127.0.0.2 lock the name there, not from 127.0.0.1.
  for (let i = 0; i < 5; i++) assert.equal((await login('127.0.0.2', naam, `fout ${i}`)).status, 401);
  const locked = await login('127.0.0.2', naam, PW);
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers['retry-after']) > 800);
  assert.equal((await login('127.0.0.1', naam, PW)).status, 201);

  // A password typed into the name field is never stored: the audit log
  // names an unknown name only by a keyed hash.
  const secret = `Geheim-${Math.random().toString(36).slice(2)}!`;
  assert.equal((await login('127.0.0.1', secret, secret)).status, 401);
  const recs = await auditRecords(srv);
  const rec = recs.find((a) => a.actie === 'aanmelden' && /onbekende naam \([0-9a-f]{12}\)/.test(a.object));
  assert.ok(rec, 'an unknown name is audited as "onbekende naam (hash)"');
  assert.ok(!JSON.stringify(recs).includes(secret));
  const dump = dumpDb(srv.db);
  assert.equal(dump.status, 0, dump.stderr);
  assert.ok(!dump.stdout.includes(secret), 'the typed name is nowhere in the database');
});
