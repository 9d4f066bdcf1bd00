// Starts the samen binary under test on an ephemeral loopback port with a
// fresh SQLite file, and gives helpers for real HTTP requests against it.
//   const srv = await startServer({ demo: true });
//   const r = await srv.api('POST', '/api/v1/organisaties', {...});  // as beheerder
//   const r = await srv.api('GET', '/api/v1/status', null, { token: null }); // anonymous
//   await srv.stop();
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkResponse } from './contract.mjs';

export const BIN = process.env.SAMEN_BIN || new URL('../../build/asan/samen', import.meta.url).pathname;
export const ADMIN_TOKEN = 'test-beheerder-token-0123456789';

export async function startServer({ demo = false, env = {}, args = [], db: dbPath = null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'samen-test-'));
  const db = dbPath || join(dir, 'samen.db'); // an existing database (a restored copy), or a fresh one
  const cmd = demo ? 'demo' : 'serve';
  const child = spawn(BIN, [cmd, '--db', db, '--port', '0', ...args], {
    env: { ...process.env, SAMEN_ADMIN_TOKEN: ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('server did not start in 20 s\n' + stderr)); }, 20000);
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
    const res = await fetch(url + path, { method, headers: h, body: payload, redirect: 'manual' });
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
    // A sanitizer report or a crash must fail the test that owned the server.
    if (exited && (exited.code !== 0 || /ERROR: AddressSanitizer|runtime error:|LeakSanitizer/.test(stderr))) {
      throw new Error(`server ended badly (${JSON.stringify(exited)}):\n${stderr}`);
    }
  }

  return { url, db, dir, api, stop, get stderr() { return stderr; }, get exited() { return exited; } };
}
