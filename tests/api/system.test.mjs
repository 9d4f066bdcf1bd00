import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('status answers ok with a version and the API-Version header', async () => {
  const r = await srv.api('GET', '/api/v1/status', null, { token: null });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.ok(r.json.versie);
  assert.equal(r.headers.get('api-version'), '1.5.0');
});

test('openapi.json lists every API route the server has', async () => {
  const r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.0.3');
  for (const p of ['/status', '/organisaties', '/organisaties/{code}', '/verbanden/{code}/leden/{organisatie}/uittreding', '/matrix'])
    assert.ok(r.json.paths[p], `path ${p} missing`);
  assert.ok(r.json.paths['/organisaties'].post);
});

test('openapi.json is one fixed document with an ETag; If-None-Match with it gives 304', async () => {
  const a = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  const b = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  const etag = a.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.equal(b.headers.get('etag'), etag);
  assert.equal(b.text, a.text);
  assert.equal(a.headers.get('cache-control'), 'no-cache');
  assert.ok(a.json.paths['/openapi.json'].get.responses['304'], 'the document names its 304');
  let r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null, headers: { 'If-None-Match': etag } });
  assert.equal(r.status, 304);
  assert.equal(r.headers.get('etag'), etag);
  r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null, headers: { 'If-None-Match': `"x", W/${etag}` } });
  assert.equal(r.status, 304);
  r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null, headers: { 'If-None-Match': '"anders"' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.0.3');
});

test('an unknown API path is a 404 problem, a wrong method a 405 with Allow', async () => {
  let r = await srv.api('GET', '/api/v1/bestaatniet');
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.equal(r.json.status, 404);
  r = await srv.api('DELETE', '/api/v1/organisaties');
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /POST/);
});

test('a body over 1 MiB is refused with 413', async () => {
  const big = '{"code":"' + 'x'.repeat(1100 * 1024) + '"}';
  const r = await srv.api('POST', '/api/v1/organisaties', big);
  assert.equal(r.status, 413);
  assert.equal(r.json.status, 413);
});
