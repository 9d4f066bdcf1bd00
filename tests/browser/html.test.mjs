// Valid HTML on every page (issue 14): a walk over the demo network, as a
// visitor and as the beheerder, follows every link on the site, one page of
// each kind, and html-validate checks each page (tests/lib/browser.mjs also
// checks every HTML document that Chromium loads in any browser test). The
// favicon's data: URL is part of every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, newPage, validHtml, htmlErrors } from '../lib/browser.mjs';

const PW = 'Html-test-wachtwoord-1';
const MAX_PAGES = 120; // the demo has fewer kinds of page; this bounds the walk
let srv, browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  const r = await srv.api('POST', '/api/v1/gebruikers', { naam: 'html-beheerder', rol: 'beheerder', wachtwoord: PW });
  assert.equal(r.status, 201, r.text);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// One page per kind: /verbanden/dsz and /verbanden/wol are the same page.
const kind = (path) => path.replace(/\/\d+(?=\/|$)/g, '/N').replace(/\?.*$/, '');

// The walk fetches the pages as the browser would (with the session
// cookie) and validates each; the links come from the HTML itself. Plain
// HTTP keeps it fast; the pages the other browser tests open in Chromium are
// validated there as they load (tests/lib/browser.mjs).
async function walk(cookie) {
  const seen = new Set(), kinds = new Set(), queue = ['/'], errors = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const k = kind(path);
    if (kinds.has(k)) continue;
    kinds.add(k);
    const res = await fetch(srv.url + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' });
    const html = await res.text();
    if (!/^text\/html/.test(res.headers.get('content-type') || '')) continue;
    visited++;
    for (const e of await htmlErrors(html, path)) errors.push(`${e} on ${path}`);
    for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
      if (/\sdownload[\s>=]/.test(m[0])) continue;
      const u = new URL(m[1].replace(/&amp;/g, '&'), srv.url + path);
      if (u.origin !== srv.url || u.pathname.startsWith('/api/') || u.pathname.startsWith('/static/')) continue;
      if (/uitloggen|\.(csv|xlsx|ics|md)$/.test(u.pathname) || /formaat=(csv|xlsx|md)/.test(u.search)) continue;
      queue.push(u.pathname + u.search);
    }
  }
  return { visited, errors };
}

test('every page a visitor can reach is valid HTML', async () => {
  const { visited, errors } = await walk(null);
  assert.ok(visited >= 5, `walked ${visited} pages`);
  assert.deepEqual(errors, []);
});

test('every page the beheerder can reach is valid HTML', async () => {
  const r = await srv.api('POST', '/api/v1/sessies', { naam: 'html-beheerder', wachtwoord: PW }, { token: null });
  assert.equal(r.status, 201, r.text);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { visited, errors } = await walk(cookie);
  assert.ok(visited >= 15, `walked ${visited} pages`);
  assert.deepEqual(errors, []);
});

test('Chromium loads a page and its HTML is checked as it loads', async () => {
  const v = await newPage(browser);
  await v.page.goto(`${srv.url}/`, { waitUntil: 'load' });
  await v.page.goto(`${srv.url}/netwerk`, { waitUntil: 'load' });
  assert.deepEqual(await validHtml(v.page), []);
  await v.context.close();
});

test('the checker itself finds what a conformance checker flags', async () => {
  const page = (head, body) => `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;
  assert.deepEqual(await htmlErrors(page('', '<p>goed</p>')), []);
  const space = await htmlErrors(page('<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=\'x\'%3E">', ''));
  assert.ok(space.some((e) => /^html url:/.test(e)), space.join('\n'));
  const nested = await htmlErrors(page('', '<p><div>fout</div></p>'));
  assert.ok(nested.length > 0, 'a div inside a p');
  const dup = await htmlErrors(page('', '<p id="a">x</p><p id="a">y</p>'));
  assert.ok(dup.some((e) => /no-dup-id/.test(e)), dup.join('\n'));
});
