// The urenbank's lists at national scale (issue 12): the opdrachten and
// hours of the API in pages chosen in SQL (Link, X-Total-Count, a stable
// order, the last page), an opdracht in a list the same as on its own, and
// the forms whose selects would hold thousands narrowed by a search on the
// server instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_TOKEN } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must } from './urenbank-helpers.mjs';

let srv, staff, pt;
const api = (m, p, b) => srv.api(m, p, b);
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const page = async (path) => {
  const r = await fetch(`${srv.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  return { status: r.status, html: await r.text() };
};
const links = (r) => Object.fromEntries(r.headers.get('link').split(', ').map((l) => {
  const m = /^<([^>]+)>; rel="(\w+)"$/.exec(l);
  return [m[2], m[1]];
}));

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { kredietlimietMinuten: 100000 });
});
after(async () => { await srv.stop(); });

test('opdrachten in pages: Link, X-Total-Count, by number, the last page; each the same as on its own', async () => {
  const made = [];
  for (let i = 1; i <= 7; i++)
    made.push((await must(api('POST', P('/opdrachten'), { soort: i % 2 ? 'lokaal' : 'meervoudig-lokaal', titel: `Opdracht ${i}`,
      opdrachtgevers: i % 2 ? [{ organisatie: 'GM0505' }] : [{ organisatie: 'GM0590', aandeel: 2 }, { organisatie: 'GM0610', aandeel: 1 }],
      competenties: [{ competentie: 'beleid', niveau: 2 }] }), 'opdracht')).id);
  await must(api('POST', P(`/opdrachten/${made[0]}/inzet`), { medewerker: staff.GM0642, minuten: 600 }), 'inzet');
  await must(api('POST', P(`/opdrachten/${made[0]}/inzet`), { medewerker: staff.GM0482, minuten: 300 }), 'inzet');
  const whole = await api('GET', P('/opdrachten'));
  assert.equal(whole.json.length, 7);
  assert.equal(whole.headers.get('x-total-count'), '7');
  // An opdracht in the list is the opdracht on its own: lists read for a page at once.
  for (const o of whole.json) assert.deepEqual(o, (await api('GET', P(`/opdrachten/${o.id}`))).json, `opdracht ${o.id}`);
  assert.equal(whole.json[0].inzet.length, 2);
  const seen = [];
  for (let n = 1; n <= 3; n++) {
    const r = await api('GET', P(`/opdrachten?pagina=${n}&paginaGrootte=3`));
    assert.equal(r.headers.get('x-total-count'), '7');
    const l = links(r);
    assert.equal(l.last, P('/opdrachten?pagina=3&paginaGrootte=3'));
    assert.equal(l.next, n < 3 ? P(`/opdrachten?pagina=${n + 1}&paginaGrootte=3`) : undefined);
    assert.equal(r.json.length, n < 3 ? 3 : 1, `page ${n}`);
    seen.push(...r.json.map((o) => o.id));
  }
  assert.deepEqual(seen, made, 'by number, every one once');
  const soort = await api('GET', P('/opdrachten?soort=lokaal&paginaGrootte=2&pagina=2'));
  assert.equal(soort.headers.get('x-total-count'), '4');
  assert.deepEqual(soort.json.map((o) => o.id), [made[4], made[6]]);
});

test('hours in pages: the total kept per status, the last page, a stable order', async () => {
  const opd = (await must(api('GET', P('/opdrachten?soort=lokaal&paginaGrootte=1')), 'opdrachten'))[0].id;
  const ids = [];
  for (let d = 1; d <= 5; d++)
    ids.push((await must(api('POST', P('/uren'), { medewerker: staff.GM0505, opdracht: opd, minuten: 60 + d, datum: `2012-03-0${d}` }), 'uren')).id);
  await must(api('POST', P(`/uren/${ids[0]}/afkeuren`), { reden: 'dubbel' }), 'afkeuren');
  const all = await api('GET', P('/uren?paginaGrootte=2&pagina=3'));
  assert.equal(all.headers.get('x-total-count'), '5');
  assert.deepEqual(all.json.map((e) => e.id), [ids[4]], 'the last page');
  assert.equal(links(all).prev, P('/uren?pagina=2&paginaGrootte=2'));
  assert.equal((await api('GET', P('/uren?status=ingediend'))).headers.get('x-total-count'), '4');
  assert.equal((await api('GET', P('/uren?status=afgekeurd'))).headers.get('x-total-count'), '1');
  assert.equal((await api('GET', P('/uren?status=goedgekeurd'))).headers.get('x-total-count'), '0');
  assert.equal((await api('GET', P(`/uren?medewerker=${staff.GM0505}&paginaGrootte=1`))).headers.get('x-total-count'), '5');
  const first = await api('GET', P('/uren?paginaGrootte=5'));
  assert.deepEqual(first.json.map((e) => e.id), ids);
  // The hours page: newest first, its count.
  const p = await page(`/proeftuinen/${pt}/uren`);
  assert.equal(p.status, 200);
  assert.match(p.html, /5 rijen\./);
});

test('the booking form with more than 200 open opdrachten: the first 200 and a search on the server', async () => {
  const few = await page(`/proeftuinen/${pt}/uren/nieuw`);
  assert.equal(few.status, 200);
  assert.ok(!few.html.includes('name="opdracht-zoek"'), 'no search while every opdracht fits');
  for (let i = 1; i <= 200; i++)
    await must(api('POST', P('/opdrachten'), { soort: 'lokaal', titel: `Extra opdracht ${i}`, opdrachtgevers: [{ organisatie: 'GM0531' }] }), 'opdracht');
  const many = await page(`/proeftuinen/${pt}/uren/nieuw`);
  assert.equal(many.status, 200);
  assert.match(many.html, /name="opdracht-zoek"/);
  assert.match(many.html, /Er zijn meer dan 200; de keuzelijst toont de eerste 200/);
  const select = many.html.slice(many.html.indexOf('id="opdracht" name="opdracht"'), many.html.indexOf('</select>', many.html.indexOf('id="opdracht" name="opdracht"')));
  assert.equal((select.match(/<option value="\d+"/g) || []).length, 200);
  const found = await page(`/proeftuinen/${pt}/uren/nieuw?opdracht-zoek=${encodeURIComponent('Extra opdracht 199')}`);
  const sel = found.html.slice(found.html.indexOf('id="opdracht" name="opdracht"'));
  assert.match(sel, /Extra opdracht 199 — Hendrik-Ido-Ambacht</);
  assert.equal((sel.slice(0, sel.indexOf('</select>')).match(/<option value="\d+"/g) || []).length, 1);
  const none = await page(`/proeftuinen/${pt}/uren/nieuw?opdracht-zoek=bestaat-niet`);
  assert.match(none.html, /Niets gevonden/);
});

test('the inzet form with more than 200 staff: a choice beyond the first 200 stays chosen when the form is refused', async () => {
  const opd = (await must(api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Inzet met veel mensen', opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'opdracht')).id;
  let last;
  for (let i = 1; i <= 205; i++)
    last = (await must(api('POST', '/api/v1/medewerkers', { naam: `Extra medewerker ${i}`, organisatie: 'GM0642', functie: 'adviseur', uurPerWeek: 36 }), 'medewerker')).id;
  const shown = await page(`/proeftuinen/${pt}/opdrachten/${opd}`);
  assert.equal(shown.status, 200);
  assert.match(shown.html, /name="medewerker-zoek"/);
  assert.ok(!shown.html.includes(`<option value="${last}"`), 'the last one is not among the first 200');
  const r = await fetch(`${srv.url}/proeftuinen/${pt}/opdrachten/${opd}/inzet`, {
    method: 'POST', redirect: 'manual',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formulier: 'inzet', medewerker: String(last), uren: 'heel veel' }).toString(),
  });
  assert.equal(r.status, 303, 'back to the form, kept');
  assert.match(r.headers.get('location'), /formulier=/);
  const again = await page(r.headers.get('location').replace(/#.*/, ''));
  assert.match(again.html, /schrijf een aantal uren/);
  assert.match(again.html, new RegExp(`<option value="${last}" selected>Extra medewerker 205`));
  const none = await api('GET', P(`/opdrachten/${opd}`));
  assert.equal(none.json.inzet.length, 0, 'nothing saved');
});
