// The API contract and the NL API Design Rules 2.x, rule by rule (issue 14).
// Every answer in every API test is already checked against the served
// OpenAPI document (tests/lib/contract.mjs); this file checks the document
// itself and the rules that need a request of their own:
//   /core/publish-openapi, /core/doc-openapi-contact, /core/doc-language: the
//     document lints clean against the ADR ruleset (Spectral), is complete
//     and publicly readable, cross-origin too
//   /core/version-header, /core/semver, /core/changelog: API-Version =
//     info.version = the newest version in CHANGELOG.md, on every answer
//   /core/transport/cors: preflight and allowed origins
//   /core/path-segments-kebab-case: every path, and the old /agenda.ics redirects
//   /core/error-handling/problem-details: problem+json also for what the HTTP
//     layer refuses (404, 405, 413, 414, 431) and 401 with WWW-Authenticate
//   paging (the national-scale issue): Link, X-Total-Count, a stable order
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ENGINE } from '../lib/server.mjs';
import { checkResponse } from '../lib/contract.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const ORIGIN = 'https://portaal.gemeente.example';
let srv, doc;
before(async () => {
  srv = await startServer({ demo: true, env: { SAMEN_CORS_ORIGINS: `${ORIGIN}, https://ander.example` } });
  const u = await srv.api('POST', '/api/v1/gebruikers', { naam: 'html-beheerder', rol: 'beheerder', wachtwoord: 'Contract-test-wachtwoord-1' });
  assert.equal(u.status, 201, u.text);
  const r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  assert.equal(r.status, 200);
  doc = r.json;
});
after(async () => { await srv?.stop(); });

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })));
const resolve = (x) => (x.$ref ? x.$ref.split('/').slice(1).reduce((o, k) => o[k], doc) : x);

// Spectral runs beside the event loop (not spawnSync): a kept-alive
// connection to the server must not sit unseen past the server's idle
// timeout while the lint takes its minute under load.
function run(cmd, args, timeout) {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { timeout });
    let stdout = '';
    c.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    c.on('error', (error) => resolve({ error, stdout }));
    c.on('close', (status) => resolve({ status, stdout }));
  });
}

// The document does not depend on the engine: linted on the SQLite run only (tests/run.sh runs both).
test('the served document lints clean against the API Design Rules (Spectral, the ADR ruleset)', { skip: ENGINE === 'postgres' && 'het document is op elke engine hetzelfde' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samen-adr-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await run(join(ROOT, 'node_modules/.bin/spectral'),
      ['lint', '--quiet', '-f', 'json', '-r', join(ROOT, 'tests/api/adr/ruleset.yaml'), file], 180000);
    if (r.error) throw new Error(`spectral is niet te starten (${r.error.code}); npm ci installeert hem`);
    const results = JSON.parse(r.stdout || '[]');
    const shown = results.map((x) => `${x.code} (${['error', 'warn', 'info', 'hint'][x.severity]}) ${x.path.join('.')}: ${x.message}`);
    assert.deepEqual(shown, [], 'Spectral with the ADR ruleset finds nothing, no error and no warning');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every operation has an operationId, tag, summary and Dutch description; every parameter a type and a description', () => {
  const ids = new Set();
  for (const { path, method, op } of operations()) {
    const what = `${method.toUpperCase()} ${path}`;
    assert.match(op.operationId ?? '', /^[a-z][A-Za-z0-9]+$/, `${what}: operationId`);
    assert.ok(!ids.has(op.operationId), `${what}: operationId ${op.operationId} is unique`);
    ids.add(op.operationId);
    assert.equal(op.tags?.length, 1, `${what}: one tag`);
    assert.ok(op.summary?.length > 3 && op.description?.length > op.summary.length, `${what}: summary and description`);
    assert.match(op.description, /\b(de|het|een|van|en)\b/, `${what}: the description is Dutch`);
    for (const p of (op.parameters ?? []).map(resolve)) {
      assert.ok(p.description?.length > 5, `${what}: parameter ${p.name} is described`);
      const s = p.schema ?? {};
      assert.ok(s.type, `${what}: parameter ${p.name} has a type`);
      if (s.type === 'string')
        assert.ok(s.enum || s.format || s.pattern || s.maxLength, `${what}: parameter ${p.name} is more than a plain string`);
      if (s.type === 'integer') assert.ok(s.minimum !== undefined || s.enum, `${what}: parameter ${p.name} has a range`);
    }
    for (const [status, resp] of Object.entries(op.responses)) {
      assert.ok(resp.headers?.['API-Version'], `${what} ${status}: API-Version declared`);
      if (status >= '400' || status === '5XX')
        assert.ok(resp.content?.['application/problem+json'], `${what} ${status}: problem+json`);
    }
    assert.ok(resolve(op.responses['401'].headers['WWW-Authenticate']).required, `${what}: 401 with WWW-Authenticate`);
  }
  assert.ok(ids.size >= 115, `${ids.size} operations`);
  assert.deepEqual(Object.keys(doc.info.contact).sort(), ['email', 'name', 'url']);
});

test('the media types are the ones the server sends: CSV, XLSX, Markdown, HTML, PDF, iCalendar, plain text', () => {
  const content = (path, status = '200') => Object.keys(doc.paths[path].get.responses[status].content);
  assert.deepEqual(content('/kwaliteitskaart').sort(),
    ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
  assert.deepEqual(content('/rapporten/stand-van-zaken').sort(), ['application/pdf', 'text/html', 'text/markdown']);
  assert.deepEqual(content('/agenda'), ['text/calendar']);
  assert.deepEqual(content('/proeftuinen/{p}/journaal'), ['text/plain']);
  assert.deepEqual(Object.keys(doc.paths['/kwaliteitskaart/import'].post.requestBody.content).sort(),
    ['multipart/form-data', 'text/csv']);
  // A field the privacy filter may drop is optional, with the rule in its description.
  const m = doc.components.schemas.Medewerker;
  assert.ok(!m.required.includes('uurPerWeek'));
  assert.match(m.properties.uurPerWeek.description, /alleen voor wie het mag zien/);
});

test('public operations say security: [] and answer without signing in; the others answer 401', async () => {
  let open = 0, closed = 0;
  for (const { path, method, op } of operations()) {
    if (method !== 'get') continue;
    const url = '/api/v1' + path.replace(/\{(\w+)\}/g, (_, n) => (/^(id|mid)$/.test(n) ? '1' : n === 'p' ? 'dt2012' : 'dsz'));
    const r = await srv.api('GET', url, null, { token: null });
    if (Array.isArray(op.security) && op.security.length === 0) {
      open++;
      assert.ok(r.status !== 401 && r.status !== 403, `GET ${path} is public, yet answered ${r.status}`);
    } else {
      closed++;
      assert.equal(r.status, 401, `GET ${path} needs signing in, yet answered ${r.status} anonymously`);
      assert.match(r.headers.get('www-authenticate'), /^Bearer realm="samen"/);
    }
  }
  assert.ok(open >= 20 && closed >= 20, `${open} public, ${closed} not`);
  assert.deepEqual(doc.paths['/sessies'].post.security, [], 'signing in needs no session');
  const bad = await srv.api('GET', '/api/v1/medewerkers', null, { token: 'onbekend-token' });
  assert.equal(bad.status, 401);
  assert.match(bad.headers.get('www-authenticate'), /error="invalid_token"/);
});

test('API-Version on every answer is info.version, the newest version of CHANGELOG.md, in semver', async () => {
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const newest = /^## (\d+\.\d+\.\d+)$/m.exec(changelog)?.[1];
  assert.ok(newest, 'CHANGELOG.md names versions as "## x.y.z"');
  assert.equal(doc.info.version, newest);
  for (const path of ['/api/v1/status', '/api/v1/bestaat-niet', '/api/v1/openapi.json', '/', '/inloggen'])
    assert.equal((await srv.api('GET', path, null, { token: null })).headers.get('api-version'), newest, path);
  const versions = [...changelog.matchAll(/^## (\d+)\.(\d+)\.(\d+)$/gm)].map((m) => m.slice(1).map(Number));
  for (let i = 1; i < versions.length; i++)
    assert.ok(versions[i - 1].join('.') !== versions[i].join('.') &&
      versions[i - 1].reduce((a, v, k) => a || (v !== versions[i][k] ? (v > versions[i][k] ? 1 : -1) : 0), 0) === 1,
    'newest first');
});

test('CORS: the document is readable from any origin; the API from the configured origins only', async () => {
  let r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null, headers: { Origin: 'https://wie.dan.ook' } });
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  r = await srv.api('OPTIONS', '/api/v1/openapi.json', null,
    { token: null, headers: { Origin: 'https://wie.dan.ook', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(r.status, 204);
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  assert.match(r.headers.get('access-control-allow-methods'), /GET/);

  r = await srv.api('GET', '/api/v1/organisaties', null, { token: null, headers: { Origin: ORIGIN } });
  assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(r.headers.get('vary'), /Origin/);
  assert.match(r.headers.get('access-control-expose-headers'), /API-Version.*Link.*X-Total-Count/);
  r = await srv.api('OPTIONS', '/api/v1/organisaties', null,
    { token: null, headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
  assert.equal(r.status, 204);
  assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(r.headers.get('access-control-allow-methods'), /POST/);
  assert.match(r.headers.get('access-control-allow-headers'), /Authorization/);
  assert.equal(r.headers.get('access-control-allow-credentials'), null, 'cookies never cross origins');

  r = await srv.api('GET', '/api/v1/organisaties', null, { token: null, headers: { Origin: 'https://kwaad.example' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('access-control-allow-origin'), null, 'an origin not on the list gets no CORS');
  r = await srv.api('OPTIONS', '/api/v1/organisaties', null, { token: null, headers: { Origin: 'https://kwaad.example' } });
  assert.equal(r.status, 204);
  assert.equal(r.headers.get('access-control-allow-origin'), null);
  assert.match(r.headers.get('allow'), /GET/);
  assert.match(r.headers.get('allow'), /POST/);
  r = await srv.api('OPTIONS', '/api/v1/bestaat-niet', null, { token: null, headers: { Origin: ORIGIN } });
  assert.equal(r.status, 404);
});

test('every path is kebab-case; the old /agenda.ics redirects permanently with its query', async () => {
  for (const path of Object.keys(doc.paths))
    for (const seg of path.split('/').slice(1))
      assert.match(seg, /^([a-z0-9]+(-[a-z0-9]+)*|\{\w+\}|openapi\.json)$/, `${path}: segment ${seg}`);
  const r = await srv.api('GET', '/api/v1/agenda.ics?organisatie=GM0148&x=a%20b', null, { token: null });
  assert.equal(r.status, 308);
  assert.equal(r.headers.get('location'), '/api/v1/agenda?organisatie=GM0148&x=a%20b');
});

// A raw request, for what fetch will not send.
function raw(request) {
  return new Promise((resolve, reject) => {
    const u = new URL(srv.url);
    const sock = connect(Number(u.port), u.hostname, () => sock.end(request));
    const chunks = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = new Headers(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') });
    });
  });
}

test('what the HTTP layer refuses is problem+json too: 404, 405, 413, 414, 431', async () => {
  const problem = async (r, status, path) => {
    assert.equal(r.status, status, path);
    assert.equal(r.headers.get('content-type'), 'application/problem+json', `${status} is problem+json`);
    assert.equal(JSON.parse(r.text).status, status);
    await checkResponse(srv.url, 'GET', path, r);
  };
  await problem(await srv.api('GET', '/api/v1/bestaat-niet'), 404, '/api/v1/bestaat-niet');
  const m = await srv.api('PATCH', '/api/v1/organisaties', { x: 1 });
  assert.equal(m.status, 405);
  assert.match(m.headers.get('allow'), /GET/);
  const long = '/api/v1/organisaties?x=' + 'a'.repeat(20000);
  await problem(await raw(`GET ${long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, long);
  await problem(await raw(`GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Groot: ${'b'.repeat(30000)}\r\nConnection: close\r\n\r\n`), 431,
    '/api/v1/status');
  const big = await srv.api('POST', '/api/v1/organisaties', '{"code":"' + 'x'.repeat(1100 * 1024) + '"}');
  assert.equal(big.status, 413);
});

test('paging: Link first/prev/next/last, X-Total-Count, a stable order over all pages, and the last page', async () => {
  const whole = await srv.api('GET', '/api/v1/organisaties', null, { token: null });
  const all = whole.json.map((o) => o.code);
  assert.equal(Number(whole.headers.get('x-total-count')), all.length, 'the default page holds the whole demo list');
  assert.ok(all.length > 10);
  const size = 4, last = Math.ceil(all.length / size);
  const seen = [];
  for (let page = 1; page <= last; page++) {
    const r = await srv.api('GET', `/api/v1/organisaties?pagina=${page}&paginaGrootte=${size}`, null, { token: null });
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.json), 'still a JSON array');
    assert.equal(Number(r.headers.get('x-total-count')), all.length);
    const links = Object.fromEntries([...r.headers.get('link').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));
    assert.equal(links.first, `/api/v1/organisaties?pagina=1&paginaGrootte=${size}`);
    assert.equal(links.last, `/api/v1/organisaties?pagina=${last}&paginaGrootte=${size}`);
    assert.equal(links.prev, page > 1 ? `/api/v1/organisaties?pagina=${page - 1}&paginaGrootte=${size}` : undefined);
    assert.equal(links.next, page < last ? `/api/v1/organisaties?pagina=${page + 1}&paginaGrootte=${size}` : undefined);
    assert.equal(r.json.length, page < last ? size : all.length - size * (last - 1), `page ${page} size`);
    seen.push(...r.json.map((o) => o.code));
  }
  assert.deepEqual(seen, all, 'the pages, one after the other, are the whole list in the same order, once each');
  const beyond = await srv.api('GET', `/api/v1/organisaties?pagina=${last + 3}&paginaGrootte=${size}`, null, { token: null });
  assert.deepEqual(beyond.json, []);
  assert.match(beyond.headers.get('link'), new RegExp(`pagina=${last}&paginaGrootte=${size}>; rel="prev"`));

  // Filters stay in the links; the page is chosen after the filter.
  const dsz = await srv.api('GET', '/api/v1/trajecten?verband=dsz&paginaGrootte=2&pagina=2', null, { token: null });
  assert.match(dsz.headers.get('link'), /<\/api\/v1\/trajecten\?verband=dsz&pagina=3&paginaGrootte=2>; rel="next"/);
  const dszAll = (await srv.api('GET', '/api/v1/trajecten?verband=dsz', null, { token: null })).json;
  assert.equal(Number(dsz.headers.get('x-total-count')), dszAll.length);
  assert.deepEqual(dsz.json.map((t) => t.id), dszAll.slice(2, 4).map((t) => t.id));

  for (const q of ['pagina=0', 'pagina=x', 'paginaGrootte=0', 'paginaGrootte=5001', 'pagina=-1']) {
    const r = await srv.api('GET', `/api/v1/organisaties?${q}`, null, { token: null });
    assert.equal(r.status, 400, q);
    assert.ok(r.json['invalid-params'].some((p) => /^pagina/.test(p.name)), q);
  }
  // Every collection pages and says so in the document, with the parameters and headers: the
  // lists of one object too (a history, the agreements of a verband), whose handler reads them
  // whole and the router pages. Only the audit log has a cursor of its own (limiet, voor).
  const lists = operations().filter(({ method, op }) => method === 'get' && op.responses['200']?.content?.['application/json']?.schema?.type === 'array');
  const paged = lists.filter(({ op }) => (op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/pagina'));
  assert.deepEqual(lists.filter((l) => !paged.includes(l)).map((l) => l.path), ['/audit'], 'collections without pagina');
  assert.ok(paged.length >= 50, `${paged.length} paged collections`);
  const first = async (path, key) => (await srv.api('GET', `/api/v1${path}`)).json[0][key];
  const object = {
    '/organisaties/{code}': 'GM0148', '/verbanden/{code}': 'dsz', '/proeftuinen/{p}': 'dt2012',
    '/verkenningen/{code}': await first('/verkenningen', 'code'), '/scoringen/{code}': await first('/scoringen', 'code'),
    '/trajecten/{id}': await first('/trajecten?verband=dsz&taakveld=ict', 'id'), '/medewerkers/{id}': await first('/medewerkers?organisatie=GM0505', 'id'),
    '/gebruikers/{naam}': 'html-beheerder',
  };
  const sampleQuery = { organisatie: 'GM0505', verband: 'drechtsteden', datum: '2012-06-01', jaar: '2012', van: '2012-01-01', tot: '2012-12-31' };
  let sliced = 0;
  for (const { path, op } of paged) {
    assert.ok(op.responses['200'].headers.Link && op.responses['200'].headers['X-Total-Count'], path);
    const prefix = Object.keys(object).find((k) => path.startsWith(k));
    const required = (op.parameters ?? []).map(resolve).filter((q) => q.in === 'query' && q.required);
    const query = required.map((q) => `${q.name}=${encodeURIComponent(sampleQuery[q.name])}`).join('&');
    const url = '/api/v1' + (prefix ? path.replace(prefix, prefix.replace(/\{\w+\}/, object[prefix])) : path) + (query ? `?${query}` : '');
    assert.ok(!/\{/.test(url), `${path}: a sample object to fill in`);
    const whole = await srv.api('GET', url);
    assert.equal(whole.status, 200, `${url}: ${whole.text}`);
    const sep = url.includes('?') ? '&' : '?';
    const r = await srv.api('GET', `${url}${sep}paginaGrootte=2&pagina=2`);
    assert.equal(r.status, 200, url);
    assert.equal(Number(r.headers.get('x-total-count')), whole.json.length, `${url}: the total`);
    assert.deepEqual(r.json, whole.json.slice(2, 4), `${url}: page 2 of 2 is the third and fourth of the whole list`);
    assert.match(r.headers.get('link'), /rel="first"/, url);
    if (whole.json.length > 4) assert.match(r.headers.get('link'), /pagina=3&paginaGrootte=2>; rel="next"/, url);
    if (whole.json.length > 2) sliced++;
  }
  assert.ok(sliced >= 20, `${sliced} lists long enough to show their second page`);
  // The history of DSZ ICT (no-go, fase changing) one entry per page, in the order of the whole.
  const ict = object['/trajecten/{id}'];
  const history = (await srv.api('GET', `/api/v1/trajecten/${ict}/historie`)).json;
  assert.ok(history.length >= 3, `${history.length} changes`);
  const pages = [];
  for (let n = 1; n <= history.length; n++) {
    const r = await srv.api('GET', `/api/v1/trajecten/${ict}/historie?pagina=${n}&paginaGrootte=1`);
    assert.equal(r.headers.get('x-total-count'), String(history.length));
    assert.match(r.headers.get('link'), new RegExp(`pagina=${history.length}&paginaGrootte=1>; rel="last"`));
    pages.push(...r.json);
  }
  assert.deepEqual(pages, history);
  // A list of one object refuses a bad page as the others do.
  const bad = await srv.api('GET', '/api/v1/organisaties/GM0505/historie?paginaGrootte=0');
  assert.equal(bad.status, 400);
  assert.ok(bad.json['invalid-params'].some((p) => p.name === 'paginaGrootte'));
});

test('each schema and parameter is named once in its file (JSON keeps only the last of two equal names)', () => {
  for (const file of ['src/http/openapi-schemas.json', 'src/http/openapi-parameters.json']) {
    const names = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^ {2}"([^"]+)": /gm)].map((m) => m[1]);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(twice, [], `${file}: named twice`);
  }
});
