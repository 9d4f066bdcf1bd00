// The Aanbod page a page at a time (issue 12: no HTML page over 500 KB at
// national scale, where every municipality offers someone): the offers table
// and the forms of its open offers 50 at a time, newest first, in the order
// of the API's list; the form that puts an offer on an opdracht (selects of
// up to 200 opdrachten and staff) only for the offer asked for, on its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { must } from './urenbank-helpers.mjs';

let srv, ids;
const PAGE = '/proeftuinen/dt2012/aanbod';
const rows = (html) => [...html.matchAll(/<tr class="utrecht-table__row" id="aanbod-(\d+)"/g)].map((m) => Number(m[1]));
const get = async (path) => {
  const r = await srv.api('GET', path, null, { raw: true });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.match(r.headers.get('content-type'), /text\/html/);
  return r.text;
};

before(async () => {
  srv = await startServer({ demo: true });
  const mw = (await must(srv.api('GET', '/api/v1/medewerkers?organisatie=GM0590&limiet=1'), 'medewerker'));
  const medewerker = (Array.isArray(mw) ? mw : mw.medewerkers)[0].id;
  for (let i = 0; i < 56; i++)
    await must(srv.api('POST', '/api/v1/proeftuinen/dt2012/aanbod', { organisatie: 'GM0590', medewerker, minuten: 60 * (i + 1),
      van: '2012-02-01', tot: '2012-12-31', toelichting: `Aanbod ${i + 1}` }), 'aanbod');
  ids = (await must(srv.api('GET', '/api/v1/proeftuinen/dt2012/aanbod?paginaGrootte=500'), 'lijst')).map((a) => a.id);
});
after(() => srv?.stop());

test('the offers 50 at a time, newest first as the API lists them; the last page holds the rest', async () => {
  assert.equal(ids.length, 61, 'the demo\'s five and 56 more');
  const first = await get(PAGE);
  assert.deepEqual(rows(first), ids.slice(0, 50));
  assert.match(first, /Aanbod 1 tot en met 50 van 61\./);
  assert.match(first, /href="\/proeftuinen\/dt2012\/aanbod\?pagina=2"/);
  const second = await get(`${PAGE}?pagina=2`);
  assert.deepEqual(rows(second), ids.slice(50));
  assert.match(second, /Aanbod 51 tot en met 61 van 61\./);
  assert.deepEqual(rows(await get(`${PAGE}?pagina=99`)), ids.slice(50), 'past the end: the last page');
  assert.deepEqual(rows(await get(`${PAGE}?pagina=nul`)), ids.slice(0, 50), 'not a number: the first page');
});

test('the form that puts an offer on an opdracht is drawn for the offer asked for, on its page', async () => {
  const first = await get(PAGE);
  assert.doesNotMatch(first, /name="opdracht"/, 'no selects of opdrachten for every offer');
  const links = [...first.matchAll(/href="\/proeftuinen\/dt2012\/aanbod\?inzetten=(\d+)#kop-aanbod-\d+">Op een opdracht inzetten</g)].map((m) => Number(m[1]));
  assert.equal(links.length, 50, 'every open offer on the page links to its form');
  // An offer of the second page: its page, with its form only.
  const older = ids[55];
  const focused = await get(`${PAGE}?inzetten=${older}`);
  assert.deepEqual(rows(focused), ids.slice(50));
  assert.equal((focused.match(/name="opdracht"/g) || []).length, 1);
  const section = focused.slice(focused.indexOf(`id="kop-aanbod-${older}"`));
  assert.match(section.slice(0, section.indexOf('</section>')), /action="\/proeftuinen\/dt2012\/aanbod\/\d+\/inzet"/);
  assert.match(section, new RegExp(`/proeftuinen/dt2012/aanbod/${older}/inzet`));
});
