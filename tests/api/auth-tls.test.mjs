// TLS directly: `samen serve --cert --key` with a self-signed certificate
// made at test time by openssl. Over HTTPS the session cookie is Secure and
// every answer carries Strict-Transport-Security.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ADMIN_TOKEN } from '../lib/server.mjs';

let srv, dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samen-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  srv = await startServer({ args: ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')] });
});
after(async () => { await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

// One HTTPS request that accepts the self-signed certificate.
function https(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(srv.url + path, {
      method,
      rejectUnauthorized: false,
      headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}), ...headers },
    }, (res) => {
      const cert = res.socket.getPeerCertificate();
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { json = null; }
        resolve({ status: res.statusCode, headers: res.headers, text, json, cert });
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

test('the server speaks HTTPS with the given certificate and sends HSTS', async () => {
  assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const r = await https('GET', '/api/v1/status');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.cert.subject.CN, 'localhost', 'the certificate given with --cert');
  assert.match(r.headers['strict-transport-security'], /max-age=\d{7,}/);
  const page = await https('GET', '/inloggen');
  assert.match(page.headers['strict-transport-security'], /max-age=/);
  assert.ok(page.headers['set-cookie'].some((c) => /^samen_inlog=.*; Secure/.test(c)), page.headers['set-cookie']);
});

test('over TLS the session cookie is Secure, HttpOnly and SameSite=Strict', async () => {
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  let r = await https('POST', '/api/v1/organisaties', { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente' }, auth);
  assert.equal(r.status, 201, r.text);
  r = await https('POST', '/api/v1/gebruikers', { naam: 'tls-gebruiker', rol: 'manager', organisatie: 'GM0505', wachtwoord: 'een lang genoeg wachtwoord' }, auth);
  assert.equal(r.status, 201, r.text);
  r = await https('POST', '/api/v1/sessies', { naam: 'tls-gebruiker', wachtwoord: 'een lang genoeg wachtwoord' });
  assert.equal(r.status, 201, r.text);
  const c = r.headers['set-cookie'].find((x) => x.startsWith('samen_sessie='));
  for (const a of ['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(c.split('; ').includes(a), `${a} in ${c}`);
  const me = await https('GET', '/api/v1/sessies/huidig', undefined, { Cookie: c.split(';')[0] });
  assert.equal(me.status, 200);
  assert.equal(me.json.gebruiker, 'tls-gebruiker');
});

test('plain HTTP to the TLS port gets no answer', async () => {
  const url = srv.url.replace('https:', 'http:');
  await assert.rejects(fetch(url + '/api/v1/status', { signal: AbortSignal.timeout(5000) }));
});
