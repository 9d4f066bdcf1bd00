// Bad input never crashes the steering endpoints: malformed, mistyped and
// hostile bodies and query values get a 4xx problem, never a 5xx, and the
// server keeps answering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { expectStatus, makeRegister, makeTraject } from './besturing-helpers.mjs';

let srv, traject, mid;
before(async () => {
  srv = await startServer();
  await makeRegister(srv);
  traject = await makeTraject(srv, 'abc', 'ict', ['GM0014', 'GM0034', 'GM0037']);
  expectStatus(await srv.api('POST', '/api/v1/verkenningen', { code: 'v', verband: 'abc', taakvelden: ['ict'] }), 201);
  expectStatus(await srv.api('POST', '/api/v1/scoringen', {
    code: 's', verband: 'abc', criteria: [{ code: 'a', naam: 'A' }], taakvelden: ['ict'],
  }), 201);
  mid = expectStatus(await srv.api('POST', `/api/v1/trajecten/${traject}/mijlpalen`, { titel: 'm', deadline: '2012-01-01' }), 201).id;
});
after(async () => { await srv.stop(); });

// A small deterministic generator, so a failure can be replayed.
let seed = 20120308;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const odd = [null, true, false, 0, -1, 1.5, 1e300, 9007199254740993, '', ' ', 'x'.repeat(5000), '2012-02-30', '9999-99-99',
  "'; DROP TABLE besluiten; --", '<script>alert(1)</script>', 'GM0014', 'ict', 'a\u0001b', '\u00e9\u20ac\ud83d\ude00', [], {}, [1, 'a', null],
  { a: { b: { c: [] } } }, -9223372036854775808, 1000000000001, 'gelijk', 'inwoners', 'go', 'stuurgroep'];
const fields = ['code', 'verband', 'naam', 'datum', 'taakvelden', 'organisatie', 'taakveld', 'knelpunt', 'meerwaarde', 'snelResultaat',
  'criteria', 'criterium', 'score', 'scores', 'drempels', 'eigenaren', 'periodeJaren', 'discontoPromille', 'posten', 'gebruik',
  'titel', 'deadline', 'nieuweDeadline', 'reden', 'orgaan', 'uitkomst', 'rol', 'van', 'tot', 'zeer-kansrijk'];
function body() {
  const o = {};
  const n = rnd(6);
  for (let i = 0; i < n; i++) {
    const v = odd[rnd(odd.length)];
    o[fields[rnd(fields.length)]] = rnd(4) === 0 ? [v, { organisatie: v, soort: v, jaar: v, centen: v, code: v, naam: v }] : v;
  }
  return o;
}

test('hundreds of malformed and hostile bodies to every steering change: never a 5xx', async () => {
  const targets = [
    ['POST', '/api/v1/verkenningen'], ['PUT', '/api/v1/verkenningen/v/antwoorden'], ['PUT', '/api/v1/verkenningen/v/keuze'],
    ['POST', '/api/v1/scoringen'], ['PUT', '/api/v1/scoringen/s/scores'], ['PUT', '/api/v1/scoringen/s/drempels'],
    ['PUT', '/api/v1/scoringen/s/eigenaren/ict'], ['PUT', `/api/v1/trajecten/${traject}/businesscase`],
    ['POST', `/api/v1/trajecten/${traject}/mijlpalen`], ['POST', `/api/v1/trajecten/${traject}/mijlpalen/${mid}/uitstel`],
    ['POST', `/api/v1/trajecten/${traject}/mijlpalen/${mid}/gereed`], ['POST', `/api/v1/trajecten/${traject}/besluiten`],
    ['POST', '/api/v1/verbanden/abc/besluiten'], ['POST', '/api/v1/verbanden/abc/rollen'], ['POST', `/api/v1/trajecten/${traject}/rollen`],
  ];
  const raw = ['', '{', '[]', 'null', '"x"', '{"a":1,"a":2}', '{"code":"\\u0000"}', '{"posten":[' + '[]'.repeat(3) + ']}'];
  let n = 0;
  for (const [method, path] of targets) {
    for (const r of raw) {
      const res = await srv.api(method, path, r);
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(r)}: ${res.status} ${res.text}`);
      n++;
    }
    for (let i = 0; i < 25; i++) {
      const b = body();
      const res = await srv.api(method, path, b);
      assert.ok(res.status < 500, `${method} ${path} ${JSON.stringify(b).slice(0, 300)}: ${res.status} ${res.text}`);
      if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json');
      n++;
    }
  }
  assert.ok(n > 400);
});

test('odd path and query values on every steering read: never a 5xx', async () => {
  const values = ['', 'x', '0', '-1', '99999999999999999999', '%00', '%27%3B--', '2012-02-30', 'GM0014', '%F0%9F%98%80', 'a'.repeat(2000)];
  for (const v of values) {
    for (const path of [
      `/api/v1/verkenningen/${v}`, `/api/v1/verkenningen/${v}/uitslag`, `/api/v1/scoringen/${v}/uitslag`, `/api/v1/trajecten/${v}/businesscase`,
      `/api/v1/trajecten/${v}/mijlpalen`, `/api/v1/trajecten/${traject}/mijlpalen/${v}`, `/api/v1/trajecten/${v}/besluiten`,
      `/api/v1/verbanden/${v}/rollen`, `/api/v1/mijlpalen?status=${v}&datum=${v}&organisatie=${v}&verband=${v}&traject=${v}&van=${v}&tot=${v}`,
      `/api/v1/besluiten?organisatie=${v}&orgaan=${v}&van=${v}`, `/api/v1/meldingen?organisatie=${v}&verband=${v}`,
      `/api/v1/voortgang?organisatie=${v}&van=${v}&tot=${v}`, `/api/v1/verkenningen?verband=${v}`, `/api/v1/scoringen?verband=${v}`,
    ]) {
      const res = await srv.api('GET', path);
      assert.ok(res.status < 500, `GET ${path}: ${res.status} ${res.text}`);
    }
  }
});

test('after the storm the steering data is intact and still served', async () => {
  const u = expectStatus(await srv.api('GET', '/api/v1/scoringen/s/uitslag'), 200);
  assert.deepEqual(u.taakvelden.map((t) => t.taakveld), ['ict']);
  expectStatus(await srv.api('GET', '/api/v1/verkenningen/v/uitslag'), 200);
  expectStatus(await srv.api('GET', `/api/v1/trajecten/${traject}/mijlpalen/${mid}`), 200);
});
