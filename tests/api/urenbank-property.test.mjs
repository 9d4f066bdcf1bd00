// Property test of the hours exchange: thousands of random operations
// through the real API (opdrachten, inzet, bookings, approvals, rejections,
// corrections, deposits, merges, closing, repeats under the same
// Idempotency-Key, intermediate settlements), each checked against an
// independent model of the accounting rules. After every operation:
//   - Σ over members of (gebracht − gehaald) is zero;
//   - no accepted operation left any member's beschikbaar below zero;
//   - /saldi equals the model exactly, and a refusal for drawing rights
//     happens exactly when the model says the rights fall short.
// At the end `samen proeftuin verify` must find no difference.
// PROEFTUIN_SEED and PROEFTUIN_OPS reproduce or lengthen a run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, ENGINE } from '../lib/server.mjs';
import { CODES, DRECHTSTEDEN, must, samen } from './urenbank-helpers.mjs';

const SEED = Number(process.env.PROEFTUIN_SEED || Date.now() % 1000000);
// Fewer on PostgreSQL: there the run checks the same rules in the other
// dialect, and every operation is several round trips to the database.
const OPS = Number(process.env.PROEFTUIN_OPS || (ENGINE === 'postgres' ? 300 : 2000));
const RATE = 6500;
const LIMIT = 600;
const PT = 'prop';

// mulberry32: small, seeded, good enough to pick operations.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(SEED);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

// ---- the model ------------------------------------------------------------

// Largest remainder; ties to the earlier index (docs/urenbank.md, ledger.h).
function split(total, weights) {
  const W = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / W));
  const rems = weights.map((w, i) => ({ r: (total * w) % W, i }));
  let left = total - shares.reduce((a, b) => a + b, 0);
  rems.sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; k < left; k++) shares[rems[k].i]++;
  return shares;
}

const M = {
  bal: Object.fromEntries(CODES.map((c) => [c, { brought: 0, taken: 0, deposited: 0, committed: 0 }])),
  postings: [], // { date, org, kind, minutes }
  opdrachten: new Map(), // id → { principals: [{org, w}], status, soort }
  inzet: [], // { id, opdracht, staff, org, minuten, status, commits: {org: {min, rel}} }
  entries: new Map(), // id → { opdracht, staff, org, min, date, status, postings, releases }
  closed: '', // last settlement date
};
const saldo = (b) => b.brought - b.taken + b.deposited;
const avail = (b) => saldo(b) + LIMIT - b.committed;
function post(date, org, kind, minutes) {
  if (!minutes) return;
  M.postings.push({ date, org, kind, minutes });
  const b = M.bal[org];
  if (kind === 'gebracht') b.brought += minutes;
  else if (kind === 'gehaald') b.taken -= minutes;
  else b.deposited += minutes;
}
function releaseInzet(pred) {
  for (const iz of M.inzet) {
    if (iz.status !== 'open' || !pred(iz)) continue;
    for (const [org, c] of Object.entries(iz.commits)) {
      M.bal[org].committed -= c.min - c.rel;
      c.rel = c.min;
    }
    iz.status = 'afgesloten';
  }
}

let srv;
const staff = []; // { id, org }
const done = []; // POSTs that succeeded or were refused, for replays
const stats = {};
const count = (k) => { stats[k] = (stats[k] || 0) + 1; };

async function call(path, body) {
  const key = randomUUID();
  const r = await srv.api('POST', `/api/v1/proeftuinen/${PT}${path}`, body, { headers: { 'Idempotency-Key': key } });
  assert.ok(r.status < 500, `${path}: ${r.status} ${r.text}`);
  if (r.status !== 400) done.push({ path, body, key, status: r.status, text: r.text });
  if (done.length > 200) done.shift();
  return r;
}

async function checkSaldi(what) {
  const s = (await must(srv.api('GET', `/api/v1/proeftuinen/${PT}/saldi`), 'saldi'));
  let net = 0;
  for (const x of s) {
    net += x.gebrachtMinuten - x.gehaaldMinuten;
    assert.ok(x.beschikbaarMinuten >= 0, `${what}: beschikbaar van ${x.organisatie} is ${x.beschikbaarMinuten} (seed ${SEED})`);
    const b = M.bal[x.organisatie];
    const want = { gebrachtMinuten: b.brought, gehaaldMinuten: b.taken, gestortMinuten: b.deposited, saldoMinuten: saldo(b),
      vastgelegdMinuten: b.committed, beschikbaarMinuten: avail(b) };
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, x[k]]));
    assert.deepEqual(got, want, `${what}: saldo van ${x.organisatie} (seed ${SEED})`);
  }
  assert.equal(net, 0, `${what}: Σ gebracht − gehaald (seed ${SEED})`);
}

// A refusal for drawing rights must be one the model also sees.
function expectShort(r, short, what) {
  if (short.length) {
    assert.equal(r.status, 422, `${what}: model says short for ${short.join(', ')}, server ${r.status} ${r.text} (seed ${SEED})`);
    assert.match(r.json.detail, /Onvoldoende trekkingsrechten/, `${what} (seed ${SEED})`);
    for (const c of short) assert.match(r.json.detail, new RegExp(`\\(${c}\\)`), `${what}: ${c} named (seed ${SEED})`);
    return false;
  }
  assert.ok(r.status === 200 || r.status === 201, `${what}: model accepts, server ${r.status} ${r.text} (seed ${SEED})`);
  return true;
}

const openOpdrachten = () => [...M.opdrachten].filter(([, o]) => o.status === 'open').map(([id]) => id);
function randomDate() {
  const lo = M.closed ? Date.parse(M.closed) + 86400000 : Date.parse('2012-01-01');
  const hi = Date.parse('2012-12-31');
  return new Date(lo + Math.floor(rnd() * ((hi - lo) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}

// ---- the operations ---------------------------------------------------------

async function opCreate() {
  const soort = pick(['lokaal', 'lokaal', 'meervoudig-lokaal', 'regionaal']);
  let body, principals;
  if (soort === 'regionaal') {
    const key = pick(['gelijk', 'inwoners']);
    body = { soort, titel: 'regionaal', verdeelsleutel: key };
    principals = DRECHTSTEDEN.map((o) => ({ org: o.code, w: key === 'gelijk' ? 1 : o.inwoners }));
  } else {
    const n = soort === 'lokaal' ? 1 : int(2, 4);
    const orgs = [...CODES].sort(() => rnd() - 0.5).slice(0, n);
    principals = orgs.map((org) => ({ org, w: int(1, 5) }));
    body = { soort, titel: soort, opdrachtgevers: principals.map((p) => ({ organisatie: p.org, aandeel: p.w })) };
  }
  const r = await call('/opdrachten', body);
  assert.equal(r.status, 201, r.text);
  M.opdrachten.set(r.json.id, { principals, status: 'open', soort });
  count('opdracht');
}

async function opInzet() {
  const ids = openOpdrachten();
  if (!ids.length) return opCreate();
  const id = pick(ids), o = M.opdrachten.get(id), s = pick(staff), minuten = int(30, 1500);
  const shares = split(minuten, o.principals.map((p) => p.w));
  const commits = {};
  o.principals.forEach((p, i) => { if (p.org !== s.org && shares[i] > 0) commits[p.org] = { min: shares[i], rel: 0 }; });
  const short = Object.entries(commits).filter(([org, c]) => avail(M.bal[org]) - c.min < 0).map(([org]) => org);
  const r = await call(`/opdrachten/${id}/inzet`, { medewerker: s.id, minuten });
  if (!expectShort(r, short, `inzet ${minuten} op ${id}`)) return count('inzet geweigerd');
  for (const [org, c] of Object.entries(commits)) M.bal[org].committed += c.min;
  M.inzet.push({ id: r.json.id, opdracht: id, staff: s.id, org: s.org, minuten, status: 'open', commits });
  count('inzet');
}

async function opBook() {
  const ids = openOpdrachten();
  if (!ids.length) return opCreate();
  const id = pick(ids), o = M.opdrachten.get(id);
  // Mostly staff that may book here: of a principal or with an inzet.
  const candidates = staff.filter((s) => o.principals.some((p) => p.org === s.org) ||
    M.inzet.some((iz) => iz.opdracht === id && iz.staff === s.id && iz.status === 'open'));
  const s = rnd() < 0.85 && candidates.length ? pick(candidates) : pick(staff);
  const minuten = int(15, 480), datum = randomDate();
  const live = [...M.entries.values()].filter((e) => e.status === 'ingediend' || e.status === 'goedgekeurd');
  const principal = o.principals.some((p) => p.org === s.org);
  const ingezet = M.inzet.filter((iz) => iz.opdracht === id && iz.staff === s.id && iz.status === 'open')
    .reduce((a, iz) => a + iz.minuten, 0);
  const geboekt = live.filter((e) => e.opdracht === id && e.staff === s.id).reduce((a, e) => a + e.min, 0);
  const day = live.filter((e) => e.staff === s.id && e.date === datum).reduce((a, e) => a + e.min, 0);
  const ok = (principal || (ingezet > 0 && geboekt + minuten <= ingezet)) && day + minuten <= 1440;
  const r = await call('/uren', { medewerker: s.id, opdracht: id, datum, minuten, omschrijving: 'werk' });
  assert.equal(r.status, ok ? 201 : 422, `boeken ${minuten} op ${id} door ${s.org}: ${r.text} (seed ${SEED})`);
  if (!ok) return count('boeking geweigerd');
  M.entries.set(r.json.id, { opdracht: id, staff: s.id, org: s.org, min: minuten, date: datum, status: 'ingediend', postings: [], releases: [] });
  count('boeking');
}

async function opApprove(entryId) {
  const pending = [...M.entries].filter(([, e]) => e.status === 'ingediend').map(([i]) => i);
  if (!pending.length && entryId === undefined) return opBook();
  const id = entryId ?? pick(pending), e = M.entries.get(id), o = M.opdrachten.get(e.opdracht);
  const shares = split(e.min, o.principals.map((p) => p.w));
  const postings = [];
  let brought = 0;
  o.principals.forEach((p, i) => {
    if (p.org === e.org || !shares[i]) return;
    brought += shares[i];
    postings.push({ org: p.org, kind: 'gehaald', minutes: -shares[i] });
  });
  if (brought) postings.unshift({ org: e.org, kind: 'gebracht', minutes: brought });
  // Releases: the staff's open inzet on this opdracht, oldest first.
  const releases = [], released = {};
  o.principals.forEach((p, i) => {
    if (p.org === e.org) return;
    let want = shares[i];
    for (const iz of M.inzet) {
      if (!want || iz.status !== 'open' || iz.opdracht !== e.opdracht || iz.staff !== e.staff || !iz.commits[p.org]) continue;
      const c = iz.commits[p.org], m = Math.min(c.min - c.rel, want);
      if (m <= 0) continue;
      want -= m;
      releases.push({ iz, org: p.org, m });
      released[p.org] = (released[p.org] || 0) + m;
    }
  });
  const short = o.principals.filter((p, i) => p.org !== e.org && shares[i] - (released[p.org] || 0) > 0 &&
    avail(M.bal[p.org]) - (shares[i] - (released[p.org] || 0)) < 0).map((p) => p.org);
  const r = await call(`/uren/${id}/goedkeuren`);
  if (!expectShort(r, short, `goedkeuren ${id}`)) return count('goedkeuring geweigerd');
  for (const p of postings) post(e.date, p.org, p.kind, p.minutes);
  for (const x of releases) { x.iz.commits[x.org].rel += x.m; M.bal[x.org].committed -= x.m; }
  Object.assign(e, { status: 'goedgekeurd', postings, releases });
  count('goedkeuring');
}

async function opReject() {
  const pending = [...M.entries].filter(([, e]) => e.status === 'ingediend').map(([i]) => i);
  if (!pending.length) return opBook();
  const id = pick(pending);
  const r = await call(`/uren/${id}/afkeuren`, { reden: 'niet voor deze opdracht' });
  assert.equal(r.status, 200, r.text);
  M.entries.get(id).status = 'afgekeurd';
  count('afkeuring');
}

async function opCorrect() {
  const approved = [...M.entries].filter(([, e]) => e.status === 'goedgekeurd' && e.date > M.closed).map(([i]) => i);
  if (!approved.length) return opApprove();
  const id = pick(approved), e = M.entries.get(id);
  const recommit = e.releases.filter((x) => x.iz.status === 'open');
  const delta = {};
  for (const p of e.postings) delta[p.org] = (delta[p.org] || 0) - p.minutes;
  for (const x of recommit) delta[x.org] = (delta[x.org] || 0) - x.m;
  const short = Object.entries(delta).filter(([org, d]) => d < 0 && avail(M.bal[org]) + d < 0).map(([org]) => org);
  const r = await call(`/uren/${id}/corrigeren`, { reden: 'correctie' });
  if (!expectShort(r, short, `corrigeren ${id}`)) return count('correctie geweigerd');
  for (const p of e.postings) post(e.date, p.org, p.kind, -p.minutes);
  for (const x of recommit) { x.iz.commits[x.org].rel -= x.m; M.bal[x.org].committed += x.m; }
  e.status = 'gecorrigeerd';
  count('correctie');
}

async function opDeposit() {
  const org = pick(CODES), cents = int(100, 150000), datum = randomDate();
  const r = await call('/stortingen', { organisatie: org, bedragCenten: cents, datum });
  assert.equal(r.status, 201, r.text);
  const minutes = Math.floor((cents * 60) / RATE);
  assert.equal(r.json.minuten, minutes);
  assert.equal(r.json.restCenten, Math.floor((cents * 60 - minutes * RATE) / 60));
  post(datum, org, 'gestort', minutes);
  count('storting');
}

async function opMerge() {
  const ids = openOpdrachten().filter((id) => M.opdrachten.get(id).soort !== 'regionaal');
  if (ids.length < 2) return opCreate();
  const a = pick(ids), b = pick(ids.filter((x) => x !== a));
  const r = await call(`/opdrachten/${a}/samenvoegen`, { met: b });
  assert.equal(r.status, 201, r.text);
  const principals = [];
  for (const src of [a, b])
    for (const p of M.opdrachten.get(src).principals) {
      const have = principals.find((x) => x.org === p.org);
      if (have) have.w += p.w; else principals.push({ ...p });
    }
  assert.deepEqual(r.json.opdrachtgevers.map((g) => [g.organisatie, g.aandeel]), principals.map((p) => [p.org, p.w]));
  releaseInzet((iz) => iz.opdracht === a || iz.opdracht === b);
  M.opdrachten.get(a).status = M.opdrachten.get(b).status = 'samengevoegd';
  M.opdrachten.set(r.json.id, { principals, status: 'open', soort: r.json.soort });
  count('samenvoeging');
}

async function opClose() {
  const ids = openOpdrachten();
  if (ids.length < 4) return opCreate();
  const id = pick(ids);
  const r = await call(`/opdrachten/${id}/afronden`);
  assert.equal(r.status, 200, r.text);
  releaseInzet((iz) => iz.opdracht === id);
  M.opdrachten.get(id).status = 'afgerond';
  count('afronding');
}

async function opReplay() {
  if (!done.length) return opDeposit();
  const d = pick(done);
  const r = await srv.api('POST', `/api/v1/proeftuinen/${PT}${d.path}`, d.body, { headers: { 'Idempotency-Key': d.key } });
  assert.equal(r.status, d.status, `herhaling van ${d.path} (seed ${SEED})`);
  assert.equal(r.text, d.text, `herhaling van ${d.path} (seed ${SEED})`);
  assert.equal(r.headers.get('idempotent-replayed'), 'true');
  count('herhaling');
}

// Settles everything up to date: first every pending entry dated up to it is judged.
async function settle(tot, final) {
  for (const [id, e] of M.entries)
    if (e.status === 'ingediend' && e.date <= tot) {
      if (rnd() < 0.7) await opApprove(id);
      if (M.entries.get(id).status === 'ingediend') {
        await must(call(`/uren/${id}/afkeuren`, { reden: 'afrekening' }), 'afkeuren');
        M.entries.get(id).status = 'afgekeurd';
      }
      await checkSaldi(`voor de afrekening tot ${tot}`);
    }
  const asof = Object.fromEntries(CODES.map((c) => [c, { brought: 0, taken: 0, deposited: 0 }]));
  for (const p of M.postings) {
    if (p.date > tot) continue;
    const a = asof[p.org];
    if (p.kind === 'gebracht') a.brought += p.minutes; else if (p.kind === 'gehaald') a.taken -= p.minutes; else a.deposited += p.minutes;
  }
  const short = final ? [] : CODES.filter((c) => {
    const b = M.bal[c], a = asof[c];
    return (b.brought - a.brought) - (b.taken - a.taken) + (b.deposited - a.deposited) + LIMIT - b.committed < 0;
  });
  const r = await call('/afrekening', final ? {} : { tot });
  if (short.length) {
    assert.equal(r.status, 422, `afrekening tot ${tot}: model ziet onbedekte inzet bij ${short} (seed ${SEED})`);
    count('afrekening geweigerd');
    return;
  }
  assert.equal(r.status, 201, `afrekening tot ${tot}: ${r.text} (seed ${SEED})`);
  for (const x of r.json.regels) {
    const a = asof[x.organisatie], s = a.brought - a.taken + a.deposited;
    assert.equal(x.saldoMinuten, s);
    assert.equal(x.bedragCenten, Math.sign(s) * Math.floor((Math.abs(s) * RATE + 30) / 60));
  }
  for (const c of CODES) {
    post(tot, c, 'gebracht', -asof[c].brought);
    post(tot, c, 'gehaald', asof[c].taken);
    post(tot, c, 'gestort', -asof[c].deposited);
  }
  if (final) releaseInzet(() => true);
  M.closed = tot;
  count('afrekening');
}

before(async () => {
  srv = await startServer();
  for (const o of DRECHTSTEDEN) {
    await must(srv.api('POST', '/api/v1/organisaties', { ...o, soort: 'gemeente' }), 'organisatie');
    for (let k = 0; k < 2; k++) {
      const m = await must(srv.api('POST', '/api/v1/medewerkers', { naam: `${o.naam} ${k}`, organisatie: o.code, uurPerWeek: 36, beschikbaarUurPerWeek: 8 }), 'medewerker');
      staff.push({ id: m.id, org: o.code });
    }
  }
  await must(srv.api('POST', '/api/v1/proeftuinen', { code: PT, naam: 'Eigenschappen', van: '2012-01-01', tot: '2012-12-31',
    tariefCenten: RATE, kredietlimietMinuten: LIMIT, leden: CODES }), 'proeftuin');
});
after(async () => { await srv.stop(); });

test(`random operations keep the books (seed ${SEED}, ${OPS} operations)`, async (t) => {
  const ops = [
    [opCreate, 4], [opInzet, 14], [opBook, 28], [opApprove, 24], [opReject, 3], [opCorrect, 6],
    [opDeposit, 5], [opMerge, 2], [opClose, 2], [opReplay, 6],
  ];
  const total = ops.reduce((a, [, w]) => a + w, 0);
  for (let i = 0; i < OPS; i++) {
    if (i === Math.floor(OPS / 3)) await settle('2012-04-30', false);
    if (i === Math.floor((2 * OPS) / 3)) await settle('2012-08-31', false);
    let x = rnd() * total;
    const [fn] = ops.find(([, w]) => (x -= w) < 0) || ops[0];
    await fn();
    await checkSaldi(`na operatie ${i} (${fn.name})`);
  }
  await settle('2012-12-31', true);
  await checkSaldi('na de slotafrekening');
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', PT]);
  assert.equal(v.status, 0, `verify (seed ${SEED}): ${v.stdout}${v.stderr}`);
  t.diagnostic(`seed ${SEED}: ${JSON.stringify(stats)}`);
  // The run must have exercised the rules, refusals included.
  for (const k of ['inzet', 'goedkeuring', 'correctie', 'storting', 'herhaling', 'afrekening'])
    assert.ok(stats[k] > 0, `no ${k} in this run: ${JSON.stringify(stats)}`);
  assert.ok((stats['inzet geweigerd'] || 0) + (stats['goedkeuring geweigerd'] || 0) > 0, 'no refusal for drawing rights');
});
