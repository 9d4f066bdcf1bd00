// Valid HTML on every page (issue 14): Chromium walks the demo network, as
// a visitor and as the beheerder, following every link on the site, and
// html-validate checks each page it loads (tests/lib/browser.mjs checks
// every HTML document a test page loads; this test makes sure that is all
// of them). The favicon's data: URL is part of every page.
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

async function walk(v) {
  const seen = new Set(), kinds = new Set(), queue = ['/'];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const k = kind(path);
    if (kinds.has(k)) continue;
    kinds.add(k);
    let res;
    try {
      res = await v.page.goto(srv.url + path, { waitUntil: 'load' });
    } catch (e) {
      if (/Download is starting/.test(e.message)) continue; // a journal or an export: no page
      throw e;
    }
    visited++;
    if (!res || !/^text\/html/.test(res.headers()['content-type'] || '')) continue;
    const links = await v.page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      const u = new URL(href, srv.url + path);
      if (u.origin !== srv.url || u.pathname.startsWith('/api/') || u.pathname.startsWith('/static/')) continue;
      if (/uitloggen|\.(csv|xlsx|ics|md)$/.test(u.pathname) || /formaat=(csv|xlsx|md)/.test(u.search)) continue;
      queue.push(u.pathname + u.search);
    }
  }
  return visited;
}

test('every page a visitor can reach is valid HTML', async () => {
  const v = await newPage(browser);
  const n = await walk(v);
  assert.ok(n >= 5, `walked ${n} pages`);
  assert.deepEqual(await validHtml(v.page), []);
  await v.context.close();
});

test('every page the beheerder can reach is valid HTML', async () => {
  const v = await newPage(browser);
  await v.page.goto(`${srv.url}/inloggen`);
  await v.page.getByLabel('Naam').fill('html-beheerder');
  await v.page.getByLabel('Wachtwoord').fill(PW);
  await Promise.all([v.page.waitForNavigation(), v.page.getByRole('button', { name: 'Aanmelden' }).click()]);
  const n = await walk(v);
  assert.ok(n >= 15, `walked ${n} pages`);
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
