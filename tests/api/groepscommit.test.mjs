// Group commit (docs/prestaties.md "Duurzaam en toch snel"): concurrent
// bookings of several users share one sync of the disk, and still each
// request stands alone — a refused booking changes nothing, however many
// others were committed with it — and every acknowledged booking is there
// after the server is killed with SIGKILL in the middle of them, with the
// books in order. On PostgreSQL the same requests, on its own group commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must, samen, CODES } from './urenbank-helpers.mjs';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;

// A manager per municipality with an API token, an opdracht of its own and
// its medewerker: each can book without waiting for another account.
async function bookers(srv) {
  const { staff } = await drechtsteden(srv);
  const pt = await proeftuin(srv);
  const out = [];
  for (const code of CODES) {
    const o = await must(srv.api('POST', P(pt, '/opdrachten'), {
      soort: 'lokaal', titel: `Eigen werk ${code}`, opdrachtgevers: [{ organisatie: code, aandeel: 1 }],
    }), 'opdracht');
    const naam = unique(`manager-${code}`);
    await createUser(srv, { naam, rol: 'manager', organisatie: code, wachtwoord: 'een-lang-genoeg-wachtwoord' });
    out.push({ code, medewerker: staff[code], opdracht: o.id, token: (await tokenFor(srv, naam)).token });
  }
  return { pt, bookers: out };
}

const day = (i) => new Date(Date.UTC(2012, 1, 1 + i)).toISOString().slice(0, 10);

test('concurrent bookings of six users: the refused ones change nothing, the accepted ones are all there', async () => {
  const srv = await startServer();
  try {
    const { pt, bookers: b } = await bookers(srv);
    // Per user eight bookings at once: even ones fit, odd ones fall after
    // the proeftuin's end and are refused; all 48 in flight together.
    const reqs = b.flatMap((x) => Array.from({ length: 8 }, (_, i) => ({ x, i, datum: i % 2 ? '2013-02-01' : day(i) })));
    const res = await Promise.all(reqs.map(({ x, datum }) => srv.api('POST', P(pt, '/uren'),
      { medewerker: x.medewerker, opdracht: x.opdracht, datum, minuten: 60 }, { token: x.token })));
    for (const [k, r] of res.entries())
      assert.equal(r.status, reqs[k].i % 2 ? 422 : 201, r.text);
    const ids = res.filter((r) => r.status === 201).map((r) => r.json.id).sort((p, q) => p - q);
    assert.equal(ids.length, 24);
    const listed = (await must(srv.api('GET', P(pt, '/uren?status=ingediend')), 'uren'));
    assert.deepEqual(listed.map((u) => u.id).sort((p, q) => p - q), ids, 'every acknowledged booking and nothing else');
    assert.ok(listed.every((u) => u.minuten === 60));
    const v = samen(['proeftuin', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  } finally {
    await srv.stop();
  }
});

test('bookings under way when the server is killed with SIGKILL: every acknowledged one is there afterwards, the books in order', async () => {
  const srv = await startServer();
  const { pt, bookers: b } = await bookers(srv);
  const acknowledged = [];
  let killed = false;
  // Six users book one after another each, all six at once, until the
  // server is killed after 60 acknowledgements; what was in flight then
  // may or may not be there, what was acknowledged must be.
  const loops = b.map(async (x) => {
    for (let i = 0; !killed && i < 200; i++) {
      let r;
      try {
        r = await srv.api('POST', P(pt, '/uren'), { medewerker: x.medewerker, opdracht: x.opdracht, datum: day(i % 300), minuten: 30 }, { token: x.token });
      } catch {
        return; // the connection died with the server
      }
      if (r.status !== 201) throw new Error(`${r.status} ${r.text}`);
      acknowledged.push(r.json.id);
      if (acknowledged.length >= 60 && !killed) {
        killed = true;
        process.kill(srv.pid, 'SIGKILL');
      }
    }
  });
  await Promise.all(loops);
  assert.ok(killed && acknowledged.length >= 60);

  const again = await startServer({ db: srv.db });
  try {
    const listed = new Set((await must(again.api('GET', P(pt, '/uren?status=ingediend&paginaGrootte=1000')), 'uren')).map((u) => u.id));
    const lost = acknowledged.filter((id) => !listed.has(id));
    assert.deepEqual(lost, [], 'no acknowledged booking lost');
    const v = samen(['proeftuin', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  } finally {
    await again.stop();
    await assert.rejects(srv.stop(), /SIGKILL/);
  }
});
