// GET /api/v1/openapi.json describes the register as it is: every route of
// docs/api.md "General" and "Register" is in paths, every $ref resolves, the enums
// are docs/api.md's, and real answers of the demo network fit their schemas (no
// undocumented field, no missing required one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv, doc;
const get = (path) => srv.api('GET', '/api/v1' + path);

// docs/api.md "General" and "Register": method, path (relative to servers[0].url), query parameters.
const ROUTES = [
  ['get', '/status'], ['get', '/openapi.json'],
  ['post', '/organisaties'], ['get', '/organisaties'], ['get', '/organisaties/{code}'],
  ['post', '/taakvelden'], ['get', '/taakvelden'],
  ['post', '/verbanden'], ['get', '/verbanden'], ['get', '/verbanden/{code}'],
  ['post', '/verbanden/{code}/leden'], ['post', '/verbanden/{code}/leden/{organisatie}/uittreding'],
  ['post', '/verbanden/{code}/trajecten'], ['get', '/trajecten/{id}'], ['get', '/trajecten', ['organisatie']],
  ['get', '/matrix', ['organisatie', 'datum']], ['get', '/netwerk', ['datum']],
];
const ENUMS = {
  'Organisatie.soort': ['gemeente', 'provincie', 'waterschap', 'gr', 'ssc', 'overig'],
  'Taakveld.soort': ['bedrijfsvoering', 'uitvoering', 'beleid'],
  'Lid.rol': ['lid', 'gastheer', 'toehoorder'],
  'Lidmaatschap.rol': ['lid', 'gastheer', 'toehoorder'],
  'Traject.fase': ['verkenning', 'businesscase', 'besluitvorming', 'implementatie', 'uitvoering', 'evaluatie', 'beeindigd'],
  'Traject.vorm': ['netwerk', 'convenant', 'dvo', 'centrumregeling', 'bedrijfsvoeringsorganisatie', 'gemeenschappelijk-orgaan',
    'openbaar-lichaam', 'ambtelijke-fusie'],
  'Traject.intensiteit': ['informatie', 'afstemming', 'bijstand', 'gezamenlijke-uitvoering', 'integratie'],
};

function refs(node, out = []) {
  if (Array.isArray(node)) node.forEach((x) => refs(x, out));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) if (k === '$ref') out.push(v); else refs(v, out);
  return out;
}
const resolve = (s) => (s.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s);

// A small validator for the subset of OpenAPI 3.0 schemas we write.
function validate(schema, value, path, errors) {
  schema = resolve(schema);
  if (!schema) return errors.push(`${path}: schema missing`);
  if (value === null) { if (!schema.nullable) errors.push(`${path}: null not allowed`); return; }
  switch (schema.type) {
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return errors.push(`${path}: not an object`);
      for (const k of schema.required || []) if (!(k in value)) errors.push(`${path}.${k}: required, missing`);
      for (const [k, v] of Object.entries(value)) {
        if (!schema.properties || !schema.properties[k]) errors.push(`${path}.${k}: not in the schema`);
        else validate(schema.properties[k], v, `${path}.${k}`, errors);
      }
      break;
    case 'array':
      if (!Array.isArray(value)) return errors.push(`${path}: not an array`);
      value.forEach((v, i) => validate(schema.items, v, `${path}[${i}]`, errors));
      break;
    case 'string':
      if (typeof value !== 'string') return errors.push(`${path}: not a string`);
      if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: '${value}' not in enum`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: '${value}' does not match`);
      if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${path}: not a date`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) errors.push(`${path}: not an integer`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: not a boolean`);
      break;
    default:
      errors.push(`${path}: schema without type`);
  }
  return errors;
}
function assertFits(name, value) {
  const errors = validate({ $ref: `#/components/schemas/${name}` }, value, name, []);
  assert.deepEqual(errors, [], `${name}: ${JSON.stringify(value).slice(0, 300)}`);
}

before(async () => {
  srv = await startServer({ demo: true });
  const r = await srv.api('GET', '/api/v1/openapi.json', null, { token: null });
  assert.equal(r.status, 200);
  doc = r.json;
});
after(async () => { await srv.stop(); });

test('every route of docs/api.md General and Register is in paths, with its query parameters', () => {
  assert.equal(doc.openapi, '3.0.3');
  assert.equal(doc.servers[0].url, '/api/v1');
  for (const [method, path, query = []] of ROUTES) {
    const op = doc.paths[path] && doc.paths[path][method];
    assert.ok(op, `${method.toUpperCase()} ${path} missing from paths`);
    const q = (op.parameters || []).filter((p) => p.in === 'query').map((p) => p.name);
    for (const name of query) assert.ok(q.includes(name), `${path} lacks query parameter ${name}`);
    const inPath = (path.match(/\{(\w+)\}/g) || []).map((s) => s.slice(1, -1));
    const declared = (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name);
    assert.deepEqual(declared, inPath, `${path}: path parameters`);
    if (method === 'post') {
      assert.ok(op.requestBody, `${path} has a request body`);
      assert.ok(op.responses['400'] && op.responses['422'], `${path} documents its errors`);
    }
  }
  for (const path of ['/organisaties', '/taakvelden', '/verbanden', '/verbanden/{code}/leden', '/verbanden/{code}/trajecten'])
    assert.ok(doc.paths[path].post.responses['201'], `${path} answers 201`);
  assert.ok(doc.paths['/verbanden/{code}/leden/{organisatie}/uittreding'].post.responses['200']);
});

test('every $ref in the served document resolves to a defined schema', () => {
  const all = refs(doc);
  assert.ok(all.length > 20);
  const missing = [...new Set(all)].filter((r) => {
    const m = /^#\/components\/(schemas|headers|parameters)\/([^/]+)$/.exec(r);
    return !m || !doc.components[m[1]][m[2]];
  });
  assert.deepEqual(missing, [], 'undefined schemas');
  for (const name of ['Status', 'Organisatie', 'Taakveld', 'Verband', 'Lid', 'Uittreding', 'Traject', 'MatrixRegel',
    'Verbinding', 'Probleem']) assert.ok(doc.components.schemas[name], `${name} is defined`);
  for (const [name, s] of Object.entries(doc.components.schemas)) {
    assert.ok(s.type, `${name} has a type`);
    for (const k of s.required || []) assert.ok(s.properties[k], `${name}.${k} is required and described`);
  }
});

test('the schemas carry the enumerations of docs/api.md and the problem shape of RFC 9457', () => {
  for (const [where, values] of Object.entries(ENUMS)) {
    const [schema, prop] = where.split('.');
    assert.deepEqual(doc.components.schemas[schema].properties[prop].enum, values, where);
  }
  assert.deepEqual(doc.components.schemas.Verband.properties.doelen.items.enum,
    ['klant', 'kosten', 'kwetsbaarheid', 'kwaliteit', 'kennisdeling', 'toekomstkansen-medewerkers']);
  const p = doc.components.schemas.Probleem;
  assert.deepEqual([...p.required].sort(), ['detail', 'status', 'title', 'type']);
  assert.deepEqual(p.properties['invalid-params'].items.required, ['name', 'reason']);
  for (const [name, s] of Object.entries(doc.components.schemas))
    if (s.example) assertFits(name, s.example);
});

test('real answers fit their schemas', async () => {
  assertFits('Status', (await get('/status')).json);
  for (const o of (await get('/organisaties')).json) assertFits('Organisatie', o);
  assertFits('Organisatie', (await get('/organisaties/GM0148')).json);
  for (const t of (await get('/taakvelden')).json) assertFits('Taakveld', t);
  for (const v of (await get('/verbanden')).json) assertFits('Verband', v);
  const dsz = (await get('/verbanden/dsz')).json;
  assertFits('Verband', dsz);
  assertFits('Traject', (await get('/trajecten/' + dsz.trajecten[0].id)).json);
  for (const t of (await get('/trajecten?organisatie=GM0193')).json) assertFits('Traject', t);
  for (const m of (await get('/matrix?organisatie=GM0148&datum=2012-03-08')).json) assertFits('MatrixRegel', m);
  for (const l of (await get('/netwerk?datum=2013-06-01')).json) assertFits('Verbinding', l);
  const bad = await srv.api('POST', '/api/v1/organisaties', { code: 'GM12', naam: 1, soort: 'stad' });
  assert.equal(bad.status, 400);
  assertFits('Probleem', bad.json);
  assertFits('Probleem', (await get('/organisaties/GM9999')).json);
});
