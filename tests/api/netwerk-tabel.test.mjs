// The table under the network picture (/netwerk, issue 12): its pairs are
// formed, searched, sorted and paged by register_links_page from who takes
// part in which traject on the day. What it shows must be the network the
// API gives (GET /api/v1/netwerk): every pair once with all its task fields,
// the name that sorts first on the left; a page beyond the last still says
// how many pairs the selection has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_TOKEN } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv?.stop(); });

const page = async (q) => {
  const r = await fetch(`${srv.url}/netwerk${q}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(r.status, 200, q);
  return r.text();
};
const csvRows = (text) => text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(';'));

test('the CSV of the table is the API network: each pair once, its task fields by name, the first name left', async () => {
  const date = '2012-03-08';
  const pairs = (await srv.api('GET', `/api/v1/netwerk?datum=${date}&paginaGrootte=5000`)).json;
  const orgs = Object.fromEntries((await srv.api('GET', '/api/v1/organisaties?paginaGrootte=5000')).json.map((o) => [o.code, o.naam]));
  const tv = Object.fromEntries((await srv.api('GET', '/api/v1/taakvelden?paginaGrootte=5000')).json.map((t) => [t.code, t.naam]));
  assert.ok(pairs.length > 50, `${pairs.length} pairs`);
  // In the order of the table: the left name, then the two codes.
  const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  const expect = pairs.map((p) => {
    const [a, b] = orgs[p.a] <= orgs[p.b] ? [p.a, p.b] : [p.b, p.a];
    const names = p.taakvelden.map((c) => tv[c]).sort();
    return { key: [orgs[a], a, b], row: [orgs[a], orgs[b], String(p.taakvelden.length), names.join(', ')] };
  }).sort((x, y) => cmp(x.key[0], y.key[0]) || cmp(x.key[1], y.key[1]) || cmp(x.key[2], y.key[2])).map((x) => x.row);
  const got = csvRows(await page(`?datum=${date}&formaat=csv`)).map((r) => r.map((c) => c.replace(/^"|"$/g, '')));
  assert.deepEqual(got, expect);
  // Sorted by the number of task fields, most first: the same pairs, in that order.
  const most = csvRows(await page(`?datum=${date}&sorteer=-aantal&formaat=csv`)).map((r) => Number(r[2]));
  assert.equal(most.length, expect.length);
  assert.deepEqual(most, [...most].sort((x, y) => y - x));
  // A search in names and codes, any case.
  const dalf = csvRows(await page(`?datum=${date}&zoek=DALF&formaat=csv`));
  assert.deepEqual(dalf.map((r) => r.slice(0, 2)), expect.filter((r) => /dalf/i.test(r[0] + r[1])).map((r) => r.slice(0, 2)));
  const code = csvRows(await page(`?datum=${date}&zoek=gm0148&formaat=csv`));
  assert.equal(code.length, dalf.length, 'GM0148 is Dalfsen');
});

test('a page beyond the last says how many pairs the selection has', async () => {
  const html = await page('?datum=2012-03-08&pagina=9');
  assert.match(html, /Deze pagina is leeg: de selectie heeft 84 rijen\./);
});
