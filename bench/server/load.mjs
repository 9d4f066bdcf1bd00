// The load generator of bench/server/run: a normal client measured quiet
// and under three attacks, each phase SECONDS_PER_PHASE seconds. Each
// attack runs in its own process, niced (node load.mjs attack KIND): on
// this machine it stands in for the attacker's own computer, whose
// processor is not the server's.
import http from 'node:http';
import net from 'node:net';

const url = new URL(process.env.URL);
const port = Number(url.port);
const SECS = Number(process.env.SECONDS_PER_PHASE || 20);
const SLOW = Number(process.env.SLOW_CONNS || 5000);
const LOGINS = Number(process.env.LOGIN_CONNS || 64);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function get(agent, path, headers, from) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers, localAddress: from }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    r.end();
  });
}
function post(agent, path, body, from) {
  return new Promise((resolve) => {
    const r = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, localAddress: from,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    r.on('error', () => resolve(0));
    r.end(body);
  });
}

// The normal client: one keep-alive connection, requests back to back.
async function sample(seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const r = await get(agent, '/api/v1/proeftuinen/dt2012/saldi', { Authorization: `Bearer ${process.env.TOKEN}` }, '127.0.0.1');
    if (r.status === 200) times.push(r.ms); else errors++;
  }
  agent.destroy();
  return { times, errors };
}
function summary(samples) {
  const times = samples.flatMap((x) => x.times).sort((a, b) => a - b);
  const q = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : NaN;
  return { n: times.length, errors: samples.reduce((e, x) => e + x.errors, 0), p50: q(0.5), p99: q(0.99) };
}

function slowloris(count) {
  const socks = new Set();
  let stopped = false, opened = 0;
  const open = () => {
    if (stopped) return;
    opened++;
    const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    socks.add(s);
    s.on('connect', () => s.write('GET /api/v1/status HTTP/1.1\r\nHost: x\r\n'));
    s.on('error', () => {});
    s.on('close', () => { socks.delete(s); setTimeout(open, 1000); }); // refused or cut off: again a second later
  };
  for (let i = 0; i < count; i++) open();
  const drip = setInterval(() => { for (const s of socks) if (s.writable) s.write('X'); }, 1000);
  return { stop: () => { stopped = true; clearInterval(drip); for (const s of socks) s.destroy(); }, opened: () => opened };
}

function loop(n, fn) {
  let stopped = false, count = 0;
  const runs = Array.from({ length: n }, async () => { while (!stopped) { await fn(); count++; } });
  return { stop: async () => { stopped = true; await Promise.all(runs); }, count: () => count };
}

if (process.argv[2] === 'attack') {
  const kind = process.argv[3];
  let stats = '';
  if (kind === 'slow') {
    const a = slowloris(SLOW);
    setInterval(() => { stats = `${a.opened()} connections opened`; }, 500);
  } else if (kind === 'logins') {
    const agent = new http.Agent({ keepAlive: true, maxSockets: LOGINS });
    let s401 = 0, s429 = 0, n = 0;
    loop(LOGINS, async () => {
      const st = await post(agent, '/api/v1/sessies', JSON.stringify({ naam: `gok-${Math.random().toString(36).slice(2)}`, wachtwoord: 'raden maar' }), '127.0.0.3');
      n++;
      if (st === 401) s401++; else if (st === 429) s429++;
      stats = `${n} sign-ins answered (${s401} × 401, ${s429} × 429)`;
    });
  } else {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    let n = 0;
    loop(16, async () => { await get(agent, '/api/v1/proeftuinen/dt2012/uren?limiet=50', { Authorization: `Bearer ${process.env.HEAVY}` }, '127.0.0.4'); stats = `${++n} lists served`; });
  }
  process.on('SIGTERM', () => { process.stdout.write(stats + '\n'); process.exit(0); });
} else {
const rows = [];
function report(name, r, quiet, extra = '') {
  const ratio = quiet ? (r.p99 / quiet.p99).toFixed(2) + 'x' : '';
  rows.push(name);
  console.log(`${name.padEnd(34)} ${String(r.n).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)} ${ratio.padStart(8)} ${String(r.errors).padStart(6)}  ${extra}`);
}

const { spawn } = await import('node:child_process');
function attack(kind) {
  const c = spawn('nice', ['-n', '10', process.execPath, new URL(import.meta.url).pathname, 'attack', kind], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  c.stdout.on('data', (d) => { out += d; });
  return { stop: () => new Promise((r) => { c.on('exit', () => r(out.trim())); c.kill('SIGTERM'); }) };
}
console.log(`${'normal client, GET …/saldi'.padEnd(34)} ${'n'.padStart(7)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'p99/quiet'.padStart(8)} ${'errors'.padStart(6)}`);
// Each attack is measured in ROUNDS rounds of quiet, then attacked, each
// SECONDS_PER_PHASE / ROUNDS long; the quiet and attacked samples of its
// rounds are pooled. Quiet and attacked alternate, so that the machine's own
// drift (other work, caches, the clock) falls on both alike.
const ROUNDS = Number(process.env.ROUNDS || 4);
await sample(2); // warm up
// ATTACKS=logins,heavy measures only those (default: all three).
const only = (process.env.ATTACKS || 'slow,logins,heavy').split(',');
for (const [kind, name] of [['slow', `${SLOW} slow connections (127.0.0.2)`], ['logins', `${LOGINS}-connection login flood`], ['heavy', '16 connections of one raadslid']].filter(([k]) => only.includes(k))) {
  const quiet = [], attacked = [], told = [];
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(await sample(SECS / ROUNDS));
    const a = attack(kind);
    await sleep(3000);
    attacked.push(await sample(SECS / ROUNDS));
    told.push(await a.stop());
    await sleep(3000);
  }
  const q = summary(quiet);
  report(`quiet, between the rounds`, q);
  report(name, summary(attacked), q, told.join('; '));
}
}
