// The measuring half of bench/http/run: every GET route of the running
// server's OpenAPI document and every page of the web route table, with
// real ids of the instance, measured with wrk at concurrency 1 and 32.
//
//   SAMEN_BENCH_TOKEN=… node bench/http/bench.mjs URL SERVER_PID BARE.json OUTDIR
//
// Roles: every route as the beheerder (who sees the most); every page also
// as a procesmanager and a manager of one municipality, at concurrency 1
// (their pages differ; their API answers are the beheerder's or smaller).
// Each role has HTTP_BENCH_ACCOUNTS accounts with an API token (default 8)
// and wrk spreads the requests over them: samen lets one account run at
// most half the cores' worth of requests at once (SAMEN_MAX_PER_ACCOUNT) and
// queues the rest, so 32 connections of one account would measure that
// queue, not the server.
//
// Per route and role: one probe request (status, bytes, time), then wrk
// for HTTP_BENCH_SECONDS (default 1) per concurrency; a route whose probe
// takes over 200 ms gets about three requests at concurrency 1 (at most
// 8 s unless one request takes longer) and about four probe times at 32
// (at most 10 s), and the server is left to finish what wrk abandoned; one
// over HTTP_BENCH_C32_MAX s (default 1) is not run at 32 (wrk would leave
// up to 32 of them behind), and one over HTTP_BENCH_CUTOFF s (default 5) is
// measured by its probe alone. A probe gets HTTP_BENCH_PROBE_MAX s (default
// 60); no answer by then is reported as such (over budget). A 4xx answer is reported and not
// measured further; a 5xx answer, or the server gone, fails the run (exit 1)
// after the report. Writes OUTDIR/results.json and prints the report.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const [, , URL_, PID, BARE, OUT] = process.argv;
const ADMIN = process.env.SAMEN_BENCH_TOKEN;
const SECS = Number(process.env.HTTP_BENCH_SECONDS || 1);
const ACCOUNTS = Number(process.env.HTTP_BENCH_ACCOUNTS || 8);
const ONLY = process.env.HTTP_BENCH_ONLY ? new RegExp(process.env.HTTP_BENCH_ONLY) : null; // a filter, for trying things
const PROBE_MAX = Number(process.env.HTTP_BENCH_PROBE_MAX || 60), CUTOFF = Number(process.env.HTTP_BENCH_CUTOFF || 5), C32_MAX = Number(process.env.HTTP_BENCH_C32_MAX || 1);
const LUA = new URL('./get.lua', import.meta.url).pathname;
const P95_BUDGET = 50, HTML_BUDGET = 500 * 1024;
const t0 = Date.now();

async function call(token, method, path, body, retry = 1, timeoutS = 0) {
  let r;
  try {
    r = await fetch(URL_ + path, {
    method,
    ...(timeoutS ? { signal: AbortSignal.timeout(timeoutS * 1000) } : {}),
    redirect: 'manual',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) { // a kept-alive connection the server closed meanwhile: once more on a new one
    if (e.name === 'TimeoutError') throw e;
    if (retry > 0) return call(token, method, path, body, retry - 1, timeoutS);
    throw new Error(`${method} ${path}: ${e.cause?.message || e.message}`);
  }
  const buf = Buffer.from(await r.arrayBuffer());
  return { status: r.status, type: r.headers.get('content-type') || '', buf };
}
async function must(method, path, body) {
  const r = await call(ADMIN, method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.buf.toString().slice(0, 300)}`);
  return JSON.parse(r.buf.toString());
}
const first = (j) => (Array.isArray(j) ? j[0] : j && Object.values(j).find((v) => Array.isArray(v))?.[0]);

// ---- the instance: what fills the parameters -------------------------------
const verband = first(await must('GET', '/api/v1/verbanden?paginaGrootte=1'));
const V = verband.code, ORG = verband.leden[0].organisatie;
const PT = first(await must('GET', '/api/v1/proeftuinen?paginaGrootte=1')).code;
const TRAJECT = first(await must('GET', `/api/v1/trajecten?verband=${V}&paginaGrootte=1`)).id;
const STAFF = first(await must('GET', `/api/v1/medewerkers?organisatie=${ORG}&limiet=1`)).id;
const OPDRACHT = first(await must('GET', `/api/v1/proeftuinen/${PT}/opdrachten?organisatie=${ORG}&paginaGrootte=1`)).id;
const UREN = first(await must('GET', `/api/v1/proeftuinen/${PT}/uren?limiet=1`)).id;
const TAAKVELD = first(await must('GET', '/api/v1/taakvelden?paginaGrootte=1')).code;
const COMPETENTIE = first(await must('GET', '/api/v1/competenties?paginaGrootte=1')).code;

// ---- accounts ---------------------------------------------------------------
const roles = { beheerder: [ADMIN], procesmanager: [], manager: [] };
for (const rol of Object.keys(roles))
  for (let i = roles[rol].length; i < ACCOUNTS; i++) {
    const naam = `bench-${rol}-${i}`;
    await must('POST', '/api/v1/gebruikers', { naam, rol, ...(rol === 'beheerder' ? {} : { organisatie: ORG }) }); // token only: no password to hash
    roles[rol].push((await must('POST', `/api/v1/gebruikers/${naam}/tokens`, { omschrijving: 'bench/http' })).token);
  }
const USER = 'bench-manager-0';
const setupS = (Date.now() - t0) / 1000;
if (process.env.HTTP_BENCH_VERBOSE) process.stderr.write(`accounts and ids ready after ${setupS.toFixed(1)} s\n`);

// ---- routes -------------------------------------------------------------------
// A path parameter: fixed for the objects the instance is built around,
// otherwise the first element of the collection it is in (GET of the prefix).
const fixed = {
  '/organisaties/{code}': ORG, '/verbanden/{code}': V, '/taakvelden/{code}': TAAKVELD, '/trajecten/{id}': TRAJECT,
  '/medewerkers/{id}': STAFF, '/gebruikers/{naam}': USER, '/proeftuinen/{p}': PT, '/competenties/{code}': COMPETENTIE,
  '/proeftuinen/{p}/opdrachten/{id}': OPDRACHT, '/proeftuinen/{p}/uren/{id}': UREN, '/verbanden/{code}/zaaktypen/{organisatie}': ORG,
};
const listed = new Map();
async function fill(template) {
  let path = '';
  for (const part of template.split('/').slice(1)) {
    const m = /^\{(\w+)\}$/.exec(part);
    if (!m) { path += '/' + part; continue; }
    const pattern = template.slice(0, template.indexOf(part) + part.length);
    let v = fixed[pattern];
    if (v === undefined) {
      const key = path;
      if (!listed.has(key)) {
        const r = await call(ADMIN, 'GET', '/api/v1' + key);
        listed.set(key, r.status === 200 && r.type.includes('json') ? JSON.parse(r.buf.toString()) : undefined);
      }
      // The first element of the list, or of the first list in an answer
      // object whose element has a value for the parameter (the answer base
      // lists its onderwerpen before its antwoorden).
      const j = listed.get(key);
      const value = (el) => el && typeof el === 'object' ? el[m[1]] ?? el.id ?? el.code ?? el.naam : undefined;
      const lists = Array.isArray(j) ? [j] : j && typeof j === 'object' ? Object.values(j).filter(Array.isArray) : [];
      v = lists.map((l) => value(l[0])).find((x) => x !== undefined);
      if (v === undefined) return { skip: `no ${m[1]} for ${pattern}: GET /api/v1${key} lists none in this instance` };
    }
    path += '/' + encodeURIComponent(v);
  }
  return { path };
}
const QUERY = { organisatie: ORG, verband: V, datum: '2012-06-30', van: '2012-01-01', tot: '2012-12-31', proeftuin: PT };

const openapi = JSON.parse((await call(ADMIN, 'GET', '/api/v1/openapi.json')).buf.toString());
const routes = [];
for (const [template, item] of Object.entries(openapi.paths)) {
  if (!item.get) continue;
  const params = [...(item.parameters || []), ...(item.get.parameters || [])].filter((x) => !x.$ref);
  const q = [];
  let skip;
  for (const x of params.filter((x) => x.in === 'query' && x.required)) {
    if (QUERY[x.name] === undefined) skip = `required query parameter ${x.name} unknown to the benchmark`;
    else q.push(`${x.name}=${encodeURIComponent(QUERY[x.name])}`);
  }
  const f = skip ? { skip } : await fill(template);
  const path = f.path && '/api/v1' + f.path + (q.length ? '?' + q.join('&') : '');
  // A route that refuses what its document calls enough (400) gets every
  // query parameter the benchmark knows a value for, and says so (below).
  const all = params.filter((x) => x.in === 'query' && QUERY[x.name] !== undefined).map((x) => `${x.name}=${encodeURIComponent(QUERY[x.name])}`);
  const fuller = f.path && all.length > q.length && { path: '/api/v1' + f.path + '?' + all.join('&'),
    note: `400 without ${all.filter((a) => !q.includes(a)).map((a) => a.split('=')[0]).join(', ')}, which the OpenAPI document does not require` };
  routes.push({ kind: 'api', route: 'GET /api/v1' + template, path, skip: f.skip, fuller });
}

// Pages: the GET rows of the route tables in src/web (literal strings and
// the #define'd prefixes they are built from).
const web = new URL('../../src/web/', import.meta.url).pathname;
const pages = new Set();
for (const f of readdirSync(web).filter((n) => n.endsWith('.c'))) {
  const src = readFileSync(web + f, 'utf8');
  const defs = Object.fromEntries([...src.matchAll(/^#define (\w+) "([^"]*)"/gm)].map((m) => [m[1], m[2]]));
  for (const m of src.matchAll(/\{\s*"GET",\s*((?:\w+|"[^"]*")(?:\s+(?:\w+|"[^"]*"))*)\s*,/g))
    pages.add(m[1].match(/\w+|"[^"]*"/g).map((t) => (t[0] === '"' ? t.slice(1, -1) : defs[t] ?? `?${t}`)).join(''));
}
for (const template of [...pages].sort()) {
  if (template.includes('?')) { routes.push({ kind: 'page', route: 'GET ' + template, skip: 'prefix macro not understood' }); continue; }
  let f;
  if (template === '/static/{name}') f = { path: '/static/samen.css' };
  else if (template.startsWith('/beheer/gebruikers/{naam}')) f = { path: template.replace('{naam}', USER) };
  else f = await fill(template.replace('/dienstverlening/antwoorden/{id}', '/antwoorden/{id}'));
  if (f.path && template.includes('/dienstverlening/antwoorden/')) f.path = f.path.replace('/antwoorden/', '/dienstverlening/antwoorden/');
  // A page that refuses without a query (400: the report of an organisation
  // over a period) gets the organisation and period the API routes get.
  const q = `organisatie=${encodeURIComponent(ORG)}&van=${QUERY.van}&tot=${QUERY.tot}`;
  routes.push({ kind: 'page', route: 'GET ' + template, path: f.path, skip: f.skip,
    fuller: f.path && { path: f.path + (f.path.includes('?') ? '&' : '?') + q, note: '400 without organisatie, van, tot' } });
}

// The journal page offers the journal per period; the usual request is the
// period it chooses (the most recent month with transactions), measured as
// a route. The whole journal is an export on request: measured apart, one
// request, its bytes and seconds (below the report), not against the page
// budget.
const exports = [];
{
  const base = `/proeftuinen/${encodeURIComponent(PT)}/journaal`;
  const r = await call(ADMIN, 'GET', base);
  const m = /<option selected value="([^"]+)"/.exec(r.buf.toString());
  if (m) routes.push({ kind: 'download', route: 'GET /proeftuinen/{p}/journaal?periode={maand}', path: `${base}?periode=${m[1]}` });
  else routes.push({ kind: 'download', route: 'GET /proeftuinen/{p}/journaal?periode={maand}', skip: 'the journal page chooses no period' });
  exports.push({ route: 'GET /proeftuinen/{p}/journaal?periode=alles', what: 'the whole journal', path: `${base}?periode=alles` });
}

// ---- measuring ------------------------------------------------------------------
// The server's CPU time (ticks) from /proc; after a run of a slow route it
// is still working off the requests wrk left when it stopped, and a new
// connection may wait for a worker thread longer than the server lets a
// request head take (SAMEN_KOP_SECONDEN): wait until it is idle again.
function cpuTicks() {
  try { const f = readFileSync(`/proc/${PID}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); } catch { return 0; }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function settle() {
  for (let i = 0, last = cpuTicks(); i < 600; i++) {
    await sleep(200);
    const now = cpuTicks();
    if (now - last <= 2) return;
    last = now;
  }
}
function alive() { try { process.kill(Number(PID), 0); return true; } catch { return false; } }
function wrk(path, tokens, conns, secs) {
  const out = execFileSync('wrk', [`-t${conns > 1 ? 2 : 1}`, `-c${conns}`, `-d${secs}s`, '--timeout', '60s', '-s', LUA, URL_], {
    env: { ...process.env, BH_PATH: path, BH_TOKENS: tokens.join(',') }, encoding: 'utf8', maxBuffer: 1 << 20,
  });
  return JSON.parse(out.split('\n').find((l) => l.startsWith('{')));
}
const results = [];
let failed = '';
const only = ONLY ? routes.filter((r) => ONLY.test(r.route)) : routes;
for (const r of only) {
  const roleList = r.kind === 'page' || r.kind === 'download' ? ['beheerder', 'procesmanager', 'manager'] : ['beheerder'];
  for (const role of roleList) {
    const row = { route: r.route, kind: r.kind, role, path: r.path };
    results.push(row);
    if (r.skip) { row.skip = r.skip; break; }
    if (process.env.HTTP_BENCH_VERBOSE) process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(0)} s ${r.route} ${role}\n`);
    let a = performance.now();
    const probeCall = async (path) => {
      try { return await call(roles[role][0], 'GET', path, undefined, 1, PROBE_MAX); } catch (e) { if (e.name === 'TimeoutError') return null; throw e; }
    };
    let probe = await probeCall(r.path);
    if (probe && probe.status === 400 && r.fuller) {
      a = performance.now();
      const again = await probeCall(r.fuller.path);
      if (!again || again.status !== 400) Object.assign(r, { path: r.fuller.path, note: r.fuller.note }), Object.assign(row, { path: r.path, note: r.note }), (probe = again);
    }
    row.probeMs = performance.now() - a;
    if (!probe) { // no answer in time: over budget, measured by that alone; the server finishes it before the next
      const ms = PROBE_MAX * 1000;
      Object.assign(row, { status: 0, bytes: 0, within: false, c1: { requests: 0, seconds: PROBE_MAX, p50: ms, p95: ms, p99: ms, one: true },
        note: `no answer within ${PROBE_MAX} s (HTTP_BENCH_PROBE_MAX)` });
      await settle();
      continue;
    }
    row.status = probe.status;
    row.bytes = probe.buf.length;
    row.html = probe.type.includes('text/html');
    if (probe.status >= 500) { row.fail = `${probe.status}: ${probe.buf.toString().slice(0, 200)}`; failed ||= `${r.route}: ${row.fail}`; continue; }
    if (probe.status >= 400) { row.skip = `answers ${probe.status} for a ${role}`; continue; }
    // A slow route: about three requests at c1 (at most 8 s, but always room
    // for one); at c32 only when one request takes under C32_MAX s, since
    // wrk leaves up to 32 requests behind when it stops, and the server
    // works them off before it is fit to measure again. Over CUTOFF s the
    // probe is the only measurement.
    const slow = row.probeMs > 200, p = row.probeMs / 1000;
    if (p > CUTOFF) {
      row.c1 = { requests: 1, seconds: p, p50: row.probeMs, p95: row.probeMs, p99: row.probeMs, one: true };
      row.c32skip = `one request takes ${p.toFixed(1)} s`;
    } else {
      row.c1 = wrk(r.path, roles[role], 1, slow ? Math.max(Math.ceil(p * 1.2) + 1, Math.min(8, Math.ceil(p * 3))) : SECS);
      if (role === 'beheerder' && p < C32_MAX) row.c32 = wrk(r.path, roles[role], 32, slow ? Math.max(2, Math.min(10, Math.ceil(p * 4))) : SECS);
      else if (role === 'beheerder') row.c32skip = `one request takes ${p.toFixed(1)} s`;
    }
    const c1 = row.c1;
    // After c32 the server still works off what wrk left (up to 32 requests):
    // the next route's first request at c1 would wait for that, and wrk's
    // correction for coordinated omission turns one such wait into a p95
    // (a 412 ms wait made an agenda of 0.7 ms p50 read "p95 348 ms").
    if (slow || row.c32) await settle();
    if (!c1.requests) { row.skip = `no answer at concurrency 1 within the ${c1.seconds.toFixed(0)} s measured`; delete row.c1; }
    for (const m of [row.c1, row.c32].filter(Boolean))
      if (m.c5 || m.sockerr) { row.fail = `${m.c5} answers 5xx, ${m.sockerr} socket errors`; failed ||= `${r.route}: ${row.fail}`; }
    if (!row.c1) continue;
    row.within = c1.p95 < P95_BUDGET && !(row.html && row.bytes > HTML_BUDGET);
    if (!alive()) { failed = `the server died during ${r.route} (${role})`; break; }
  }
  if (!alive()) break;
}
// Exports: one request each as the beheerder, however long it takes (up to
// HTTP_BENCH_EXPORT_MAX s, default 600).
const EXPORT_MAX = Number(process.env.HTTP_BENCH_EXPORT_MAX || 600);
for (const x of exports.filter((x) => !ONLY || ONLY.test(x.route))) {
  if (!alive()) break;
  await settle();
  const a = performance.now();
  let r = null;
  try { r = await call(ADMIN, 'GET', x.path, undefined, 1, EXPORT_MAX); } catch (e) { if (e.name !== 'TimeoutError') throw e; }
  Object.assign(x, { seconds: (performance.now() - a) / 1000, status: r ? r.status : 0, bytes: r ? r.buf.length : 0 });
  if (r && r.status >= 500) failed ||= `${x.route}: ${r.status}`;
}
const measureS = (Date.now() - t0) / 1000;
writeFileSync(`${OUT}/results.json`, JSON.stringify({ results, exports, measureS }, null, 1));

// ---- the report -------------------------------------------------------------------
const bare = JSON.parse(readFileSync(BARE, 'utf8'));
const bareRate = bare.requests / bare.seconds;
const f1 = (x) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const kb = (b) => (b < 1024 ? `${b} B` : `${(b / 1024).toFixed(b < 10240 ? 1 : 0)} KB`);
const rate = (m) => m.requests / m.seconds;
const w = Math.min(72, Math.max(...results.map((x) => x.route.length)));
console.log(`${'route'.padEnd(w)} ${'role'.padEnd(13)} ${'c1 p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'c32 req/s'.padStart(9)} ${'bytes'.padStart(8)}  budget`);
for (const x of results) {
  const head = `${x.route.slice(0, w).padEnd(w)} ${x.role.padEnd(13)}`;
  if (x.skip || !x.c1) { console.log(`${head} ${x.fail ? 'FAIL ' + x.fail : 'skipped: ' + x.skip}`); continue; }
  console.log(`${head} ${f1(x.c1.p50).padStart(7)} ${f1(x.c1.p95).padStart(7)} ${f1(x.c1.p99).padStart(7)} ${(x.c32 ? rate(x.c32).toFixed(0) : x.c32skip ? '—' : '').padStart(9)} ${kb(x.bytes).padStart(8)}  ${x.within ? 'yes' : 'NO'}${x.status && x.status !== 200 ? ` (answers ${x.status})` : ''}${x.c1.one ? ' (one request)' : ''}${x.c32skip ? ` (c32 not run: ${x.c32skip})` : ''}${x.note ? ` (${x.note})` : ''}${x.fail ? ' FAIL ' + x.fail : ''}`);
}
const measured = results.filter((x) => x.c1);
console.log(`\n${measured.length} route×role measured (${new Set(measured.map((x) => x.route)).size} routes), ${results.filter((x) => x.skip).length} skipped; ` +
  `${measured.filter((x) => x.within).length} within budget (p95 < ${P95_BUDGET} ms at c1, HTML ≤ 500 KB), ${measured.filter((x) => !x.within).length} not`);
console.log('\nslowest ten at concurrency 1 (p95):');
for (const x of [...measured].sort((a, b) => b.c1.p95 - a.c1.p95).slice(0, 10))
  console.log(`  ${x.status ? f1(x.c1.p95).padStart(7) : ('>' + PROBE_MAX * 1000).padStart(7)} ms  ${x.route} (${x.role}, ${x.status ? kb(x.bytes) : 'no answer'})`);
const done = exports.filter((x) => x.seconds !== undefined);
if (done.length) {
  console.log('\nexports (a download on request, not a page: one request as the beheerder, not against the budget):');
  for (const x of done)
    console.log(`  ${x.route} (${x.what}): ${x.status ? `${x.seconds.toFixed(1)} s, ${kb(x.bytes)}${x.status !== 200 ? ` (answers ${x.status})` : ''}` : `no answer within ${EXPORT_MAX} s`}`);
}
const big = measured.filter((x) => x.html && x.bytes > HTML_BUDGET);
if (big.length) console.log(`\nHTML pages over 500 KB: ${big.map((x) => `${x.route} (${x.role}, ${kb(x.bytes)})`).join(', ')}`);
const rates = measured.filter((x) => x.c32).map((x) => rate(x.c32)).sort((a, b) => a - b);
const median = rates.length ? (rates[(rates.length - 1) >> 1] + rates[rates.length >> 1]) / 2 : 0;
const best = measured.filter((x) => x.c32).sort((a, b) => rate(b.c32) - rate(a.c32))[0];
console.log(`\nbare libmicrohttpd ("ok", same thread model) at concurrency 32: ${bareRate.toFixed(0)} req/s (p50 ${f1(bare.p50)} ms)`);
console.log(`samen at concurrency 32, median over the ${rates.length} routes run at 32 (not those over ${C32_MAX} s a request): ${median.toFixed(0)} req/s = ${(median / bareRate).toFixed(3)} of the bare server` +
  (best ? `; fastest route ${best.route}: ${rate(best.c32).toFixed(0)} req/s = ${(rate(best.c32) / bareRate).toFixed(3)}` : ''));
console.log(`measuring took ${(measureS / 60).toFixed(1)} min (${SECS} s per route per concurrency; ${ACCOUNTS} accounts per role)`);
{ // for bench/samenvatting: the budget of issue 12 in a few lines
  const slow = measured.filter((x) => !x.status || x.c1.p95 >= P95_BUDGET).sort((a, b) => b.c1.p95 - a.c1.p95);
  const worst = [...measured].sort((a, b) => b.c1.p95 - a.c1.p95)[0];
  writeFileSync(`${OUT}/summary.txt`, [
    `${measured.length} route×role at national scale: ${measured.length - slow.length} with p95 < ${P95_BUDGET} ms at c1, ${slow.length} not` +
      (worst ? ` (slowest ${worst.route} as ${worst.role}: ${f1(worst.c1.p95)} ms)` : '') + `; every route within budget: ${slow.length ? 'NO' : 'yes'}`,
    `HTML pages over 500 KB: ${big.length}${big.length ? ' (' + big.slice(0, 5).map((x) => `${x.route} ${kb(x.bytes)}`).join(', ') + (big.length > 5 ? ', …' : '') + ')' : ''}`,
    ...done.map((x) => `export ${x.route} (${x.what}): ${x.status ? `${x.seconds.toFixed(1)} s, ${kb(x.bytes)}` : 'no answer'}`),
    `read throughput at c32: median ${median.toFixed(0)} req/s = ${(median / bareRate).toFixed(3)} of a bare libmicrohttpd server (${bareRate.toFixed(0)} req/s)`,
  ].join('\n') + '\n');
}
if (failed) { console.error(`\nFAIL: ${failed}`); process.exit(1); }
