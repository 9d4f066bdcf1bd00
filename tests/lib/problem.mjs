// Assertions on problem+json answers (docs/api.md "General", RFC 9457).
//   assertProblem(r, 400, 'inwoners')   status, body shape, and a field named
//   assertProblem(r, 404)               status and body shape only
import assert from 'node:assert/strict';

export function assertProblem(r, status, param, what = '') {
  const ctx = `${what} → ${r.status} ${r.text.slice(0, 600)}`;
  assert.equal(r.status, status, `status ${ctx}`);
  assert.equal(r.headers.get('content-type'), 'application/problem+json', `content-type ${ctx}`);
  assert.ok(r.headers.get('api-version'), `API-Version header ${ctx}`);
  assert.ok(r.json && typeof r.json === 'object', `body is JSON ${ctx}`);
  assert.equal(r.json.status, status, `body status ${ctx}`);
  assert.equal(typeof r.json.title, 'string', `title ${ctx}`);
  assert.ok(r.json.title.length > 0, `title ${ctx}`);
  assert.equal(typeof r.json.detail, 'string', `detail ${ctx}`);
  assert.ok(r.json.detail.length > 0, `detail ${ctx}`);
  if (param !== undefined) {
    const ps = r.json['invalid-params'];
    assert.ok(Array.isArray(ps) && ps.length > 0, `invalid-params ${ctx}`);
    for (const p of ps) {
      assert.equal(typeof p.name, 'string', `invalid-params name ${ctx}`);
      assert.ok(typeof p.reason === 'string' && p.reason.length > 0, `invalid-params reason ${ctx}`);
    }
    const names = ps.map((p) => p.name);
    for (const want of [].concat(param))
      assert.ok(names.includes(want), `invalid-params names ${JSON.stringify(names)} lack ${want} ${ctx}`);
  }
  return r.json;
}

// The codes in a list of objects, or a list of codes, as a sorted array.
export const codes = (xs, key = 'code') => xs.map((x) => (typeof x === 'string' ? x : x[key])).sort();
