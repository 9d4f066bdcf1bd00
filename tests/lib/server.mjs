// Starts the samen binary under test on an ephemeral loopback port with a
// fresh database, and gives helpers for real HTTP requests against it.
//   const srv = await startServer({ demo: true });
//   const r = await srv.api('POST', '/api/v1/organisaties', {...});  // as beheerder
//   const r = await srv.api('GET', '/api/v1/status', null, { token: null }); // anonymous
//   await srv.stop();
//
// The engine: SQLite (a file in a temporary directory), or PostgreSQL when
// SAMEN_TEST_ENGINE=postgres, with SAMEN_TEST_PG the connection string of
// a cluster (scripts/pg-cluster.sh; tests/run.sh starts one): then every
// server gets a database of its own, dropped when it stops. A second server
// on the same database: startServer({ db: srv.db }).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkResponse } from './contract.mjs';

export const BIN = process.env.SAMEN_BIN || new URL('../../build/asan/samen', import.meta.url).pathname;
export const ADMIN_TOKEN = 'test-beheerder-token-0123456789';
export const ENGINE = process.env.SAMEN_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const PG = process.env.SAMEN_TEST_PG || '';
if (ENGINE === 'postgres' && !PG) throw new Error('SAMEN_TEST_ENGINE=postgres vraagt SAMEN_TEST_PG (scripts/pg-cluster.sh start)');

let made = 0;
function psql(sql) {
  const r = spawnSync('psql', [`${PG} dbname=postgres`, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`);
  return r.stdout;
}

// A new, empty database for the engine under test: a file name in dir
// (SQLite), or the connection string of a new PostgreSQL database (a copy
// of template when given). dropDb(db) removes a PostgreSQL one again (a
// file goes with its dir).
export function newDb(dir, name = 'samen.db', { template = null } = {}) {
  if (ENGINE !== 'postgres') return join(dir, name);
  const db = `t${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  psql(`CREATE DATABASE ${db}${template ? ` TEMPLATE ${template}` : ''}`);
  return `${PG} dbname=${db}`;
}

// On PostgreSQL loading the demo takes a round trip per statement, so
// tests/run.sh loads it once (makeDemoTemplate) and every
// startServer({ demo: true }) serves a copy of that database
// (SAMEN_TEST_PG_DEMO). `samen demo` itself is tested in cli.test.mjs.
// Likewise every other server starts on a copy of a database that is
// migrated already (SAMEN_TEST_PG_EMPTY, makeEmptyTemplate): copying is
// cheaper than applying every migration again. A database a test asks for
// with newDb() stays truly empty.
// On SQLite the same holds for the demo (its accounts' passwords are
// hashed with Argon2id, seven times, at low priority: on a busy machine
// that is most of a demo server's start): tests/run.sh makes both once as
// files (SAMEN_TEST_SQLITE_DEMO, SAMEN_TEST_SQLITE_EMPTY) and a server
// starts on a copy.
const DEMO_TEMPLATE = process.env.SAMEN_TEST_PG_DEMO || '';
const EMPTY_TEMPLATE = process.env.SAMEN_TEST_PG_EMPTY || '';
const SQLITE_DEMO = process.env.SAMEN_TEST_SQLITE_DEMO || '';
const SQLITE_EMPTY = process.env.SAMEN_TEST_SQLITE_EMPTY || '';
export async function makeDemoTemplate(name) {
  if (ENGINE !== 'postgres') return makeSqliteTemplate(name, true);
  psql(`CREATE DATABASE ${name}`);
  const srv = await startServer({ demo: true, db: `${PG} dbname=${name}` });
  await srv.stop();
}
export async function makeEmptyTemplate(name) {
  if (ENGINE !== 'postgres') return makeSqliteTemplate(name, false);
  psql(`CREATE DATABASE ${name}`);
  const srv = await startServer({ db: `${PG} dbname=${name}` });
  await srv.stop();
}
// A template file: made by a server that stops cleanly, so the WAL is
// checkpointed into it; a left-over -wal is copied along anyway.
async function makeSqliteTemplate(file, demo) {
  rmSync(file, { force: true });
  const srv = await startServer({ demo, db: file });
  await srv.stop();
}
function copySqlite(from, to) {
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

export function dropDb(db) {
  const m = ENGINE === 'postgres' && /dbname=(t\d+_\d+_[a-z0-9]+)$/.exec(db);
  if (m) psql(`DROP DATABASE IF EXISTS ${m[1]} WITH (FORCE)`);
}

// Everything a database holds, as text (sqlite3 .dump, pg_dump): what a
// test looks through for data that must be gone.
export function dumpDb(db) {
  return ENGINE === 'postgres'
    ? spawnSync('pg_dump', ['--data-only', db], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync('sqlite3', [db, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

// Runs one SQL statement on a test database behind samen's back (sqlite3,
// psql): { status, stdout, stderr }, status 0 when it succeeded.
export function sqlDb(db, sql) {
  return ENGINE === 'postgres'
    ? spawnSync('psql', [db, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, sql], { encoding: 'utf8' });
}

export async function startServer({ demo = false, env = {}, args = [], db: shared = null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'samen-test-'));
  let copy = demo && ENGINE === 'postgres' && DEMO_TEMPLATE && !shared;
  const db = shared || newDb(dir, 'samen.db', { template: copy ? DEMO_TEMPLATE : demo ? null : EMPTY_TEMPLATE || null });
  if (ENGINE !== 'postgres' && !shared) {
    const template = demo ? SQLITE_DEMO : SQLITE_EMPTY;
    if (template) { copySqlite(template, db); copy = demo; }
  }
  const cmd = demo && !copy ? 'demo' : 'serve';
  const child = spawn(BIN, [cmd, '--db', db, '--port', '0', ...args], {
    // A test that waits in spawnSync (a CLI call, a lint) leaves its kept-alive
    // connection idle with Node unable to notice the server closing it after
    // the head deadline (10 s), and its next request would hit the closed
    // socket: tests give idle connections longer unless they test that limit.
    // Kept files (the journal's days) go beside a SQLite file; on PostgreSQL
    // into the server's own directory, removed when it stops.
    env: { ...process.env, SAMEN_ADMIN_TOKEN: ADMIN_TOKEN, SAMEN_KOP_SECONDEN: '120',
      ...(ENGINE === 'postgres' ? { SAMEN_CACHE_DIR: join(dir, 'cache') } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    // A busy machine; and loading the demo takes a round trip to PostgreSQL per statement.
    const wait = ENGINE === 'postgres' ? 90 : 60;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start in ${wait} s\n` + stderr)); }, wait * 1000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(https?:\/\/[\d.:[\]]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}\n${stderr}`)); });
  });
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });

  async function api(method, path, body, { token = ADMIN_TOKEN, headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (body !== undefined && body !== null) {
      payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (!h['Content-Type']) h['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(url + path, { method, headers: h, body: payload, redirect: 'manual' });
    } catch (e) {
      // A kept-alive connection the server closed while the test waited (a
      // long CLI run: the server closes idle connections after 60 s): a GET
      // asks again on a new one, as any HTTP client would. A write does not.
      if (exited || !['GET', 'HEAD'].includes(method)) throw e;
      res = await fetch(url + path, { method, headers: h, body: payload, redirect: 'manual' });
    }
    const text = await res.text();
    let json = null;
    if (!raw) { try { json = JSON.parse(text); } catch { json = null; } }
    // Every API answer must be what the OpenAPI document says (tests/lib/contract.mjs).
    await checkResponse(url, method, path, { status: res.status, headers: res.headers, text });
    return { status: res.status, headers: res.headers, text, json };
  }

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => { if (exited) r(); else child.on('exit', r); });
    }
    rmSync(dir, { recursive: true, force: true });
    if (!shared) dropDb(db);
    // A sanitizer report, a crash, or SQL the database could not take
    // (a statement in the dialect of one engine only) must fail the test
    // that owned the server.
    if (exited && (exited.code !== 0 || /ERROR: AddressSanitizer|runtime error:|LeakSanitizer|SQL-fout/.test(stderr))) {
      throw new Error(`server ended badly (${JSON.stringify(exited)}):\n${stderr}`);
    }
  }

  return { url, db, dir, pid: child.pid, api, stop, get stderr() { return stderr; }, get exited() { return exited; } };
}
