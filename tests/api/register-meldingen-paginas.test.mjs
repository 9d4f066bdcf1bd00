// The meldingen ("schaken op meerdere borden") a page at a time (issue 12):
// the API with pagina and paginaGrootte, Link and X-Total-Count, in a
// stable order (datum, id) whose pages together are the whole list; the
// page /meldingen fifty at a time with the count and a pager.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_TOKEN } from '../lib/server.mjs';
import { expectStatus, makeRegister, makeTraject } from './besturing-helpers.mjs';

let srv;
const N = 12;
before(async () => {
  srv = await startServer();
  await makeRegister(srv);
  await makeTraject(srv, 'abc', 'inkoop', ['GM0014', 'GM0034']);
  // Each traject of xyz on inkoop with GM0047 (outside abc) is one melding to abc, on its own date.
  for (let i = 0; i < N; i++)
    await makeTraject(srv, 'xyz', 'inkoop', ['GM0047', 'GM0014'], { start: `2012-${String(12 - i).padStart(2, '0')}-01` });
});
after(async () => { await srv?.stop(); });

const links = (r) => Object.fromEntries((r.headers.get('link') || '').split(', ').filter(Boolean)
  .map((l) => { const m = /^<([^>]+)>; rel="(\w+)"$/.exec(l); return [m[2], m[1]]; }));

test('the API pages the meldingen in SQL: Link, X-Total-Count, a stable order and the last page', async () => {
  const all = expectStatus(await srv.api('GET', '/api/v1/meldingen'), 200);
  assert.equal(all.length, N);
  const dates = all.map((m) => m.datum);
  assert.deepEqual(dates, [...dates].sort(), 'by date');
  const dflt = await srv.api('GET', '/api/v1/meldingen');
  assert.equal(links(dflt).first, '/api/v1/meldingen?pagina=1&paginaGrootte=100', 'the default page: 100 meldingen');
  let r = await srv.api('GET', '/api/v1/meldingen?paginaGrootte=5');
  assert.equal(r.headers.get('x-total-count'), String(N));
  let l = links(r);
  assert.equal(l.first, '/api/v1/meldingen?pagina=1&paginaGrootte=5');
  assert.equal(l.next, '/api/v1/meldingen?pagina=2&paginaGrootte=5');
  assert.equal(l.last, '/api/v1/meldingen?pagina=3&paginaGrootte=5');
  assert.equal(l.prev, undefined);
  const pages = [r.json];
  for (let p = 2; p <= 3; p++) pages.push(expectStatus(await srv.api('GET', `/api/v1/meldingen?pagina=${p}&paginaGrootte=5`), 200));
  assert.deepEqual(pages.map((x) => x.length), [5, 5, 2]);
  assert.deepEqual(pages.flat(), all, 'the pages are the whole list, in its order');
  r = await srv.api('GET', '/api/v1/meldingen?pagina=3&paginaGrootte=5');
  l = links(r);
  assert.equal(l.next, undefined, 'the last page has no next');
  assert.equal(l.prev, '/api/v1/meldingen?pagina=2&paginaGrootte=5');
  r = await srv.api('GET', '/api/v1/meldingen?pagina=4&paginaGrootte=5');
  assert.deepEqual(expectStatus(r, 200), []);
  assert.equal(r.headers.get('x-total-count'), String(N));
  // With a filter the links keep it.
  r = await srv.api('GET', '/api/v1/meldingen?verband=abc&organisatie=GM0037&paginaGrootte=10');
  assert.equal(r.headers.get('x-total-count'), String(N));
  assert.equal(links(r).next, '/api/v1/meldingen?verband=abc&organisatie=GM0037&pagina=2&paginaGrootte=10');
  expectStatus(await srv.api('GET', '/api/v1/meldingen?paginaGrootte=0'), 400);
});

test('the page /meldingen: ten a page, the count, the next page and the last', async () => {
  const get = async (q) => (await fetch(`${srv.url}/meldingen${q}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
  let html = await get('?paginaGrootte=10');
  assert.match(html, /Melding 1 tot en met 10 van 12\./);
  assert.equal([...html.matchAll(/<li class="bst-melding">/g)].length, 10);
  assert.match(html, /<a class="utrecht-link samen-pager__link" href="\/meldingen\?paginaGrootte=10&amp;pagina=2" rel="next">Volgende<\/a>/);
  html = await get('?paginaGrootte=10&pagina=2');
  assert.match(html, /Melding 11 tot en met 12 van 12\./);
  assert.equal([...html.matchAll(/<li class="bst-melding">/g)].length, 2);
  assert.doesNotMatch(html, /rel="next"/);
  assert.match(html, /rel="prev">Vorige/);
  html = await get('');
  assert.match(html, /12 meldingen\./);
  assert.doesNotMatch(html, /samen-pager/);
});

test('the network\'s pairs are paged in SQL too: each pair whole on one page, the total, the last page', async () => {
  const all = expectStatus(await srv.api('GET', '/api/v1/netwerk?datum=2012-12-31'), 200);
  assert.ok(all.length >= 2, `pairs: ${all.length}`);
  const keys = all.map((x) => `${x.a} ${x.b}`);
  assert.deepEqual(keys, [...keys].sort(), 'by the two codes');
  const size = 1, last = Math.ceil(all.length / size), pages = [];
  for (let p = 1; p <= last; p++) {
    const r = await srv.api('GET', `/api/v1/netwerk?datum=2012-12-31&pagina=${p}&paginaGrootte=${size}`);
    assert.equal(r.headers.get('x-total-count'), String(all.length));
    const l = links(r);
    assert.equal(l.last, `/api/v1/netwerk?datum=2012-12-31&pagina=${last}&paginaGrootte=${size}`);
    assert.equal(l.next, p < last ? `/api/v1/netwerk?datum=2012-12-31&pagina=${p + 1}&paginaGrootte=${size}` : undefined);
    pages.push(r.json);
  }
  assert.deepEqual(pages.flat(), all, 'the pages are the whole list, each pair with all its task fields');
  const past = await srv.api('GET', `/api/v1/netwerk?datum=2012-12-31&pagina=${last + 1}&paginaGrootte=${size}`);
  assert.deepEqual(expectStatus(past, 200), []);
  assert.equal(past.headers.get('x-total-count'), String(all.length));
  const inkoop = expectStatus(await srv.api('GET', '/api/v1/netwerk?datum=2012-12-31&taakveld=inkoop&paginaGrootte=1'), 200);
  assert.equal(inkoop.length, 1);
  assert.deepEqual(inkoop[0].taakvelden, ['inkoop']);
});
