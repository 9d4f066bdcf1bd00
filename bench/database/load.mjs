// The load of bench/database/run: a data set made through the API, and
// timed phases of reads or durable bookings from many clients at once,
// spread over one or more samen servers.
//
//   SAMEN_BENCH_TOKEN=… node bench/database/load.mjs setup URL > state.json
//   node bench/database/load.mjs reads|bookings state.json SECONDS CLIENTS URL[,URL…]
//     → one JSON line: { requests, ok, errors, perSecond, p50, p95, p99, ids }
//
// A booking is POST /uren by a medewerker on an opdracht of the own
// organisation (no inzet needed), each (medewerker, day) used at most
// 24 times, so every one is accepted: 201 means it was committed, and the
// run afterwards checks that each acknowledged id is in the database.
// A read is one of the proeftuin's balances, 50 approved entries with their
// postings, or the matrix of the register on a date.
import { readFileSync } from 'node:fs';

const [, , mode, ...args] = process.argv;

async function call(url, token, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text };
}

async function must(p, what) {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return JSON.parse(r.text);
}

const ORGS = 24, STAFF_PER_ORG = 5, DEPOSITS = 400, APPROVED = 1200;

async function setup(url, token) {
  const api = (m, p, b) => call(url, token, m, p, b);
  // Real CBS codes (samen refuses others): the first that existed from 2010 through 2012.
  const cbs = readFileSync(new URL('../../data/gemeenten.csv', import.meta.url), 'utf8').split('\n')
    .filter((l) => /^GM\d{4};/.test(l)).map((l) => l.split(';'))
    .filter(([, , , van, tot]) => (!van || van <= '2010-01-01') && (!tot || tot > '2012-12-31'));
  const orgs = cbs.slice(0, ORGS).map(([code]) => code);
  for (const [i, [code, naam]] of cbs.slice(0, ORGS).entries())
    await must(api('POST', '/api/v1/organisaties', { code, naam, soort: 'gemeente', inwoners: 10000 + i * 1000, geldigVan: '2010-01-01' }), code);
  await must(api('POST', '/api/v1/taakvelden', { code: 'ict', naam: 'ICT', soort: 'bedrijfsvoering' }), 'taakveld');
  await must(api('POST', '/api/v1/verbanden', {
    code: 'bench', naam: 'Benchverband', doelen: ['kosten'], geenCherryPicking: true,
    leden: orgs.map((organisatie) => ({ organisatie, rol: 'lid', van: '2010-01-01' })),
  }), 'verband');
  // Trajecten on three task fields, so that the matrix has something to show.
  for (const [i, tv] of ['ict', 'belastingen', 'inkoop'].entries()) {
    if (tv !== 'ict') await must(api('POST', '/api/v1/taakvelden', { code: tv, naam: tv, soort: 'bedrijfsvoering' }), tv);
    await must(api('POST', '/api/v1/verbanden/bench/trajecten', {
      taakveld: tv, fase: 'uitvoering', vorm: 'netwerk', intensiteit: 'bijstand', start: `201${i}-01-01`,
    }), `traject ${tv}`);
  }
  const pt = 'bench';
  await must(api('POST', '/api/v1/proeftuinen', {
    code: pt, naam: 'Benchproeftuin', van: '2012-01-01', tot: '2012-12-31', tariefCenten: 6500, kredietlimietMinuten: 100000, leden: orgs,
  }), 'proeftuin');
  const staff = [], opdracht = {};
  for (const code of orgs) {
    opdracht[code] = (await must(api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, {
      soort: 'lokaal', titel: `Opdracht van ${code}`, opdrachtgevers: [{ organisatie: code, aandeel: 1 }],
    }), 'opdracht')).id;
    for (let k = 0; k < STAFF_PER_ORG; k++) {
      const m = await must(api('POST', '/api/v1/medewerkers', {
        naam: `Medewerker ${k + 1} van ${code}`, organisatie: code, uurPerWeek: 36, beschikbaarUurPerWeek: 8,
      }), 'medewerker');
      staff.push({ id: m.id, org: code });
    }
  }
  // A journal to read: deposits, and hours of one organisation for another, approved.
  for (let i = 0; i < DEPOSITS; i++)
    await must(api('POST', `/api/v1/proeftuinen/${pt}/stortingen`, {
      organisatie: orgs[i % ORGS], bedragCenten: 6500 + i, datum: '2012-02-01',
    }), 'storting');
  for (let i = 0; i < ORGS; i++) {
    const from = staff[i * STAFF_PER_ORG], to = orgs[(i + 1) % ORGS];
    await must(api('POST', `/api/v1/proeftuinen/${pt}/opdrachten/${opdracht[to]}/inzet`, { medewerker: from.id, minuten: 60 * APPROVED / ORGS }), 'inzet');
  }
  for (let i = 0; i < APPROVED; i++) {
    const k = i % ORGS, from = staff[k * STAFF_PER_ORG], to = orgs[(k + 1) % ORGS];
    const day = new Date(Date.UTC(2012, 0, 2 + Math.floor(i / ORGS))).toISOString().slice(0, 10);
    const u = await must(api('POST', `/api/v1/proeftuinen/${pt}/uren`, { medewerker: from.id, opdracht: opdracht[to], datum: day, minuten: 60 }), 'uren');
    await must(api('POST', `/api/v1/proeftuinen/${pt}/uren/${u.id}/goedkeuren`), 'goedkeuren');
  }
  process.stdout.write(JSON.stringify({ pt, orgs, staff, opdracht }) + '\n');
}

function percentile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

async function run(kind, stateFile, seconds, clients, urls) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const token = process.env.SAMEN_BENCH_TOKEN;
  const base = urls.split(',');
  const lat = [], ids = [];
  let requests = 0, ok = 0, errors = 0, next = 0, firstError = '';
  const reads = [
    `/api/v1/proeftuinen/${state.pt}/saldi`,
    `/api/v1/proeftuinen/${state.pt}/uren?status=goedgekeurd&limiet=50`,
    `/api/v1/matrix?organisatie=${state.orgs[0]}&datum=2012-03-08`,
  ];
  const deadline = performance.now() + seconds * 1000;
  async function worker(w) {
    while (performance.now() < deadline) {
      const i = next++;
      const url = base[i % base.length];
      let p;
      if (kind === 'reads') {
        p = call(url, token, 'GET', reads[i % reads.length]);
      } else {
        const m = state.staff[i % state.staff.length];
        const day = new Date(Date.UTC(2012, 3, 1 + (Math.floor(i / state.staff.length / 24) % 240))).toISOString().slice(0, 10);
        p = call(url, token, 'POST', `/api/v1/proeftuinen/${state.pt}/uren`, { medewerker: m.id, opdracht: state.opdracht[m.org], datum: day, minuten: 60 });
      }
      const t0 = performance.now();
      let r;
      try { r = await p; } catch (e) { r = { status: 0, text: String(e) }; }
      lat.push(performance.now() - t0);
      requests++;
      if (r.status === (kind === 'reads' ? 200 : 201)) {
        ok++;
        if (kind === 'bookings') ids.push(JSON.parse(r.text).id);
      } else {
        errors++;
        if (!firstError) firstError = `${r.status} ${r.text.slice(0, 200)}`;
      }
      void w;
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({
    kind, requests, ok, errors, firstError, perSecond: ok / elapsed,
    p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), p99: percentile(lat, 0.99), ids,
  }) + '\n');
}

if (mode === 'setup') await setup(args[0], process.env.SAMEN_BENCH_TOKEN);
else if (mode === 'reads' || mode === 'bookings') await run(mode, args[0], Number(args[1]), Number(args[2]), args[3]);
else { console.error('gebruik: load.mjs setup URL | reads|bookings STATE SECONDS CLIENTS URLS'); process.exit(2); }
