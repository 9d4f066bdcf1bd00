// The API contract, enforced on every response a test sees (issue 14).
//
//   await checkResponse(baseUrl, method, path, { status, headers, body })
//
// loads the server's own /api/v1/openapi.json once per server, finds the
// operation for method + path, and checks that the status is declared, the
// media type is one the operation declares for that status, the declared
// headers are there and well-formed (API-Version equal to info.version on
// every response), and a JSON body satisfies its schema, checked by ajv
// (with ajv-formats). Objects are checked closed (no field the schema does
// not name), so the document cannot fall behind what the server sends.
// Paths outside /api/ (the pages) are not part of the contract. A request
// that names no operation (an unknown path, a wrong method, an old path
// that redirects, an error of the HTTP layer itself) must still answer as
// the API does everywhere: problem+json, or a redirect with Location.
// A mismatch throws, so the test fails.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const docs = new Map(); // base URL → { doc, ajv, ops }

function closed(node, inResponse) {
  if (Array.isArray(node)) return node.map((x) => closed(x, inResponse));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' ? v : closed(v, inResponse);
  if (out.type === 'object' && out.properties) {
    if (out.additionalProperties === undefined) out.additionalProperties = false;
    // A field the client writes but never reads back is not required in a response.
    if (inResponse && out.required)
      out.required = out.required.filter((k) => !(out.properties[k] && out.properties[k].writeOnly));
  }
  return out;
}

function compileDoc(doc) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'samen-openapi', components: { schemas: closed(doc.components.schemas, true) } });
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const names = [];
    const re = new RegExp('^' + doc.servers[0].url + p.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, n) => {
      names.push(n);
      return '([^/]+)';
    }) + '$');
    for (const [m, op] of Object.entries(item)) if (typeof op === 'object' && op.responses) ops.push({ re, method: m.toUpperCase(), path: p, op });
  }
  return { doc, ajv, ops, validators: new Map() };
}

async function load(base) {
  let c = docs.get(base);
  if (c) return c;
  const res = await fetch(base + '/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`contract: GET /api/v1/openapi.json answered ${res.status}`);
  c = compileDoc(await res.json());
  docs.set(base, c);
  return c;
}

function schemaFor(c, schema) {
  const key = JSON.stringify(schema);
  let v = c.validators.get(key);
  if (!v) {
    const rewritten = JSON.parse(key.replace(/"#\/components\/schemas\//g, '"samen-openapi#/components/schemas/'));
    v = c.ajv.compile(closed(rewritten, true));
    c.validators.set(key, v);
  }
  return v;
}

function responseFor(op, status) {
  const r = op.responses;
  return r[String(status)] || r[`${String(status)[0]}XX`] || r.default;
}

// What ajv found, with the value it found it in.
function explain(c, v, data) {
  return (v.errors || []).slice(0, 6).map((e) => {
    let at = data;
    for (const k of e.instancePath.split('/').slice(1)) at = at?.[k.replace(/~1/g, '/').replace(/~0/g, '~')];
    const allowed = e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
    const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : '';
    return `${e.instancePath || '(body)'} ${e.message}${allowed}${extra}, is ${JSON.stringify(at)?.slice(0, 80)}`;
  }).join('; ');
}

function mediaType(headers) {
  const ct = headers.get('content-type');
  return ct ? ct.split(';')[0].trim().toLowerCase() : null;
}

function fail(what, method, path, status, body) {
  const text = typeof body === 'string' ? body : body ? `(${body.length} bytes)` : '';
  const where = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  throw new Error(`contract: ${method} ${where} → ${status}: ${what}\n  body: ${text.slice(0, 400)}`);
}

function checkProblem(c, method, path, status, headers, text) {
  if (mediaType(headers) !== 'application/problem+json') fail(`an error must be application/problem+json, not ${headers.get('content-type')}`, method, path, status, text);
  let json;
  try { json = JSON.parse(text); } catch { fail('the problem is not JSON', method, path, status, text); }
  const v = schemaFor(c, { $ref: '#/components/schemas/Probleem' });
  if (!v(json)) fail(`the problem does not fit Probleem: ${explain(c, v, json)}`, method, path, status, text);
  if (json.status !== status) fail(`the problem says status ${json.status}`, method, path, status, text);
}

// res: { status, headers (a Headers), text (string) or bytes (Uint8Array) }
export async function checkResponse(base, method, path, res) {
  const url = new URL(path, base);
  if (!url.pathname.startsWith('/api/')) return;
  const c = await load(base);
  const { status, headers } = res;
  const text = res.text !== undefined ? res.text : null;
  method = method.toUpperCase();
  const version = headers.get('api-version');
  if (version !== c.doc.info.version) fail(`API-Version is ${version}, the document says ${c.doc.info.version}`, method, path, status, text);

  const want = method === 'HEAD' ? 'GET' : method;
  const onPath = c.ops.filter((o) => o.re.test(url.pathname));
  const found = onPath.find((o) => o.method === want);
  if (!found) {
    // No operation: CORS preflight, a redirect from an old path, or an error.
    if (method === 'OPTIONS' && (status === 204 || status === 200)) return;
    if (status >= 300 && status < 400) {
      if (!headers.get('location')) fail('a redirect without Location', method, path, status, text);
      return;
    }
    if (status < 400) fail(`no operation ${want} ${url.pathname} in the document, yet it answered ${status}`, method, path, status, text);
    if (onPath.length && status !== 405 && status !== 401 && status !== 403 && status !== 413)
      fail(`a method the path lacks must be 405`, method, path, status, text);
    checkProblem(c, method, path, status, headers, text ?? '');
    return;
  }
  const { op } = found;
  const declared = responseFor(op, status);
  if (!declared) fail(`status ${status} is not declared for ${want} ${found.path} (declared: ${Object.keys(op.responses)})`, method, path, status, text);

  for (const [name, h] of Object.entries(declared.headers || {})) {
    const got = headers.get(name);
    if (got === null) {
      if (h.required) fail(`required header ${name} missing`, method, path, status, text);
      continue;
    }
    const s = h.schema || {};
    const value = s.type === 'integer' ? Number(got) : got;
    if (s.type === 'integer' && !Number.isInteger(value)) fail(`header ${name}: '${got}' is not an integer`, method, path, status, text);
    const v = schemaFor(c, s);
    if (!v(value)) fail(`header ${name}: '${got}' ${c.ajv.errorsText(v.errors)}`, method, path, status, text);
  }

  const body = text ?? res.bytes;
  const empty = method === 'HEAD' || !body || body.length === 0;
  const content = declared.content || {};
  if (empty) {
    if (Object.keys(content).length && method !== 'HEAD' && status !== 204)
      fail('the response is empty, the document promises content', method, path, status, text);
    return;
  }
  const mt = mediaType(headers);
  const media = content[mt];
  if (!media) fail(`media type ${mt} is not declared (declared: ${Object.keys(content).join(', ') || 'none'})`, method, path, status, text);
  if (mt === 'application/json' || mt.endsWith('+json')) {
    let json;
    try { json = JSON.parse(text); } catch { fail('the body is not JSON', method, path, status, text); }
    const v = schemaFor(c, media.schema || {});
    if (!v(json)) fail(`the body does not fit its schema: ${explain(c, v, json)}`, method, path, status, text);
    if (mt === 'application/problem+json' && json.status !== status) fail(`the problem says status ${json.status}`, method, path, status, text);
  } else if (media.schema && media.schema.type !== 'string') {
    fail(`a ${mt} body needs a string schema`, method, path, status, text);
  }
}

// The served document, for tests that read it.
export async function contractDocument(base) { return (await load(base)).doc; }
