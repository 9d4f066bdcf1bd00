// Helpers for the authentication and authorisation tests: accounts made
// through the API as the SAMEN_ADMIN_TOKEN beheerder, sign-in with a
// cookie session, requests as a session (cookie + CSRF header), and the
// samen binary's command line.
import { spawnSync } from 'node:child_process';
import { BIN } from '../lib/server.mjs';

let counter = 0;
export const unique = (prefix) => `${prefix}-${process.pid}-${++counter}`;

// Creates an account; returns its JSON (throws when not 201).
export async function createUser(srv, user) {
  const r = await srv.api('POST', '/api/v1/gebruikers', user);
  if (r.status !== 201) throw new Error(`gebruiker ${user.naam}: ${r.status} ${r.text}`);
  return r.json;
}

// Issues an API token for naam; returns the secret.
export async function tokenFor(srv, naam) {
  const r = await srv.api('POST', `/api/v1/gebruikers/${encodeURIComponent(naam)}/tokens`, { omschrijving: 'test' });
  if (r.status !== 201) throw new Error(`token voor ${naam}: ${r.status} ${r.text}`);
  return r.json;
}

// The name=value of a Set-Cookie header for name, with its attributes.
export function setCookie(headers, name) {
  const all = headers.getSetCookie ? headers.getSetCookie() : [headers.get('set-cookie')].filter(Boolean);
  const c = all.find((h) => h.startsWith(`${name}=`));
  if (!c) return null;
  const [pair, ...attrs] = c.split(/;\s*/);
  return { pair, value: pair.slice(name.length + 1), attrs: attrs.map((a) => a.toLowerCase()), raw: c };
}

// Signs in over the API; returns the response and, on success, a session
// object whose api() sends the cookie and (for state changes) the CSRF token.
export async function login(srv, naam, wachtwoord, { headers = {} } = {}) {
  const r = await srv.api('POST', '/api/v1/sessies', { naam, wachtwoord }, { token: null, headers });
  const c = r.status === 201 ? setCookie(r.headers, 'samen_sessie') : null;
  const session = c && {
    cookie: c.pair,
    csrf: r.json.csrf,
    api(method, path, body, { csrf = r.json.csrf, headers: h = {} } = {}) {
      const hh = { Cookie: c.pair, ...h };
      if (csrf) hh['X-CSRF-Token'] = csrf;
      return srv.api(method, path, body, { token: null, headers: hh });
    },
  };
  return { r, session, cookie: c };
}

// Runs the samen binary; returns { status, stdout, stderr }.
export function samen(args, { input, env = {} } = {}) {
  const res = spawnSync(BIN, args, {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1', ...env },
    timeout: 60000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

// The audit records (newest first) matching a predicate, via the API.
export async function auditRecords(srv, query = '') {
  const r = await srv.api('GET', `/api/v1/audit?limiet=1000${query}`);
  if (r.status !== 200) throw new Error(`audit: ${r.status} ${r.text}`);
  return r.json;
}
