// The kwaliteitskaart at national scale (issue 12), with a network just
// large enough to page: the heatmap shows twelve organisations a page with
// the count and the links to the other pages, the network column stays the
// whole selection's; at most fifty names per organisation with a link to
// all of them on /medewerkers, which filters by competence; the form for a
// new account asks for a name when there are too many medewerkers for one
// list; and the counts per organisation and competence the network view
// reads are kept with every change and checked by `samen proeftuin verify`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_TOKEN, sqlDb } from '../lib/server.mjs';
import { samen } from './auth-helpers.mjs';

let srv;
// Fourteen municipalities (real CBS codes), in the order of the heatmap: by name.
const ORGS = [['GM0482', 'Alblasserdam'], ['GM0034', 'Almere'], ['GM0363', 'Amsterdam'], ['GM0148', 'Dalfsen'], ['GM0505', 'Dordrecht'],
  ['GM0014', 'Groningen'], ['GM0523', 'Hardinxveld-Giessendam'], ['GM0531', 'Hendrik-Ido-Ambacht'], ['GM0590', 'Papendrecht'],
  ['GM0599', 'Rotterdam'], ['GM0180', 'Staphorst'], ['GM0344', 'Utrecht'], ['GM0642', 'Zwijndrecht'], ['GM0518', "'s-Gravenhage"]]
  .map(([code, naam]) => ({ code, naam })).sort((a, b) => (a.naam < b.naam ? -1 : 1));
const [A, B, C] = ORGS;
const api = (method, path, body, opts) => srv.api(method, '/api/v1' + path, body, opts);
const page = async (path) => {
  const r = await fetch(srv.url + path, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  return { status: r.status, html: await r.text() };
};
const importCsv = (org, text) => api('POST', `/kwaliteitskaart/import?organisatie=${org}`, text, { headers: { 'Content-Type': 'text/csv' } });
const heads = (html) => [...html.matchAll(/<th scope="col" class="utrecht-table__header-cell samen-kk__org">(.*?)<\/th>/g)]
  .map((m) => m[1].replace(/<[^>]+>/g, ''));
// The text of the row of competence code, cell by cell.
const row = (html, code) => {
  const m = html.match(new RegExp(`<tr class="utrecht-table__row" data-competentie="${code}">(.*?)</tr>`));
  return m && [...m[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
};
const esc = (t) => t.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
const verify = () => samen(['proeftuin', 'verify', '--db', srv.db]);

before(async () => {
  srv = await startServer();
  for (const o of ORGS) assert.equal((await api('POST', '/organisaties', { ...o, soort: 'gemeente' })).status, 201);
  for (const [code, naam] of [['gis', 'GIS'], ['woz', 'WOZ-taxatie']])
    assert.equal((await api('POST', '/competenties', { code, naam })).status, 201);
  // Each organisation two holders of GIS; the first one also 60 people with WOZ, one of them an expert.
  for (const [i, o] of ORGS.entries()) {
    let csv = 'naam;functie;uurPerWeek;gis;woz\r\n' + `Anna ${o.naam};geo-informatie;36;2;\r\nBram ${o.naam};geo-informatie;32;3;\r\n`;
    if (i === 0) for (let k = 0; k < 60; k++) csv += `Taxateur ${String(k).padStart(2, '0')};taxateur;36;;${k === 0 ? 3 : 1}\r\n`;
    const r = await importCsv(o.code, csv);
    assert.equal(r.status, 200, r.text);
  }
});
after(async () => { await srv?.stop(); });

test('the heatmap shows twelve organisations a page, with the count, the pager and the last page', async () => {
  const first = await page('/kwaliteitskaart?jaar=2012');
  assert.equal(first.status, 200);
  assert.match(first.html, /Organisatie 1 tot en met 12 van 14/);
  assert.deepEqual(heads(first.html), [...ORGS.slice(0, 12).map((o) => esc(o.naam)), 'Netwerk samen']);
  assert.match(first.html, /<a class="utrecht-link samen-pager__link" href="\/kwaliteitskaart\?jaar=2012&amp;pagina=2" rel="next">Volgende organisaties<\/a>/);
  assert.doesNotMatch(first.html, /rel="prev"/);
  // The network column counts all fourteen on every page.
  assert.equal(row(first.html, 'gis').at(-1), '28 ✓ gedekt');
  assert.equal(row(first.html, 'gis')[1], '2 ✓ gedekt');

  const last = await page('/kwaliteitskaart?jaar=2012&pagina=2');
  assert.equal(last.status, 200);
  assert.match(last.html, /Organisatie 13 tot en met 14 van 14/);
  assert.deepEqual(heads(last.html), [...ORGS.slice(12).map((o) => esc(o.naam)), 'Netwerk samen']);
  assert.doesNotMatch(last.html, /rel="next"/);
  assert.match(last.html, /href="\/kwaliteitskaart\?jaar=2012" rel="prev">Vorige organisaties/);
  assert.equal(row(last.html, 'gis').at(-1), '28 ✓ gedekt');
  // The staff lists follow the page: the last two organisations only.
  assert.equal([...last.html.matchAll(/<details class="samen-kk-staff">/g)].length, 2);
});

test('filters: one organisation, one competence', async () => {
  const one = await page(`/kwaliteitskaart?jaar=2012&organisatie=${ORGS[13].code}`);
  assert.equal(one.status, 200);
  assert.deepEqual(heads(one.html), [esc(ORGS[13].naam), 'Netwerk samen']);
  assert.doesNotMatch(one.html, /samen-pager/);
  const woz = await page('/kwaliteitskaart?jaar=2012&competentie=woz');
  assert.equal(woz.status, 200);
  assert.equal(row(woz.html, 'gis'), null, 'only the competence asked for');
  assert.equal(row(woz.html, 'woz')[1], '1 ! één-pitter');
  // Only who has WOZ, at most fifty, and a link to all of them.
  assert.ok(woz.html.includes(`${esc(A.naam)} (60 medewerkers met WOZ-taxatie)`));
  assert.ok(woz.html.includes(`<a class="utrecht-link" href="/medewerkers?organisatie=${A.code}&amp;competentie=woz">alle 60 medewerkers van ${esc(A.naam)}</a>`));
  const unknown = await page('/kwaliteitskaart?competentie=bestaat-niet');
  assert.equal(unknown.status, 400);
  assert.match(unknown.html, /Deze competentie bestaat niet/);
});

test('at most fifty names an organisation on the kwaliteitskaart; /medewerkers has them all, by competence too', async () => {
  const { html } = await page('/kwaliteitskaart?jaar=2012');
  const a = html.split('<details class="samen-kk-staff">').find((d) => d.startsWith(`<summary>${esc(A.naam)} (62 medewerkers)</summary>`));
  assert.ok(a, 'the first organisation with its count');
  assert.equal([...a.matchAll(/<li>/g)].length, 50);
  assert.ok(a.includes(`alle 62 medewerkers van ${esc(A.naam)}`));

  let r = await page(`/medewerkers?organisatie=${A.code}&competentie=woz`);
  assert.equal(r.status, 200);
  assert.match(r.html, /Rij 1 tot en met 50 van 60\./);
  assert.match(r.html, /rel="next"/);
  r = await page(`/medewerkers?organisatie=${A.code}&competentie=woz&pagina=2`);
  assert.match(r.html, /Rij 51 tot en met 60 van 60\./);
  assert.doesNotMatch(r.html, /rel="next"/);
  r = await page('/medewerkers?competentie=gis');
  assert.match(r.html, /Rij 1 tot en met 28 van 28\.|28 rijen\./);
  r = await page('/medewerkers?competentie=bestaat-niet');
  assert.equal(r.status, 400);
});

test('a new account: with more medewerkers than one list holds, the page asks for a name and offers the matches', async () => {
  // 300 more in the second organisation: 390 in all.
  let csv = 'naam;functie;uurPerWeek\r\n';
  for (let k = 0; k < 300; k++) csv += `Persoon ${String(k).padStart(3, '0')};medewerker;36\r\n`;
  assert.equal((await importCsv(B.code, csv)).status, 200);
  let r = await page('/beheer/gebruikers/nieuw');
  assert.equal(r.status, 200);
  assert.match(r.html, /id="zoekMedewerker"/);
  assert.match(r.html, /zoek eerst op naam/);
  assert.ok(r.html.length < 100000, 'no select of everyone');
  r = await page('/beheer/gebruikers/nieuw?zoekMedewerker=taxateur%2007');
  assert.match(r.html, /1 treffer/);
  assert.match(r.html, /<option value="\d+">Taxateur 07, taxateur \(/);
  assert.ok(r.html.includes(`Taxateur 07, taxateur (${esc(A.naam)})</option>`));
});

test('the counts per organisation and competence are kept, moved along and checked by proeftuin verify', async () => {
  let v = verify();
  assert.equal(v.status, 0, v.stdout + v.stderr);
  let net = (await api('GET', '/kwetsbaarheid/netwerk?jaar=2012')).json;
  const gisA = () => net.competenties.find((c) => c.competentie === 'gis').perOrganisatie.find((x) => x.organisatie === A.code);
  assert.equal(gisA().houders, 2);
  // A holder moves from the first organisation to the second: the counts move with him.
  const list = (await api('GET', `/medewerkers?organisatie=${A.code}`)).json;
  const anna = list.find((m) => m.naam === `Anna ${A.naam}`);
  assert.equal((await api('PATCH', `/medewerkers/${anna.id}`, { organisatie: B.code })).status, 200);
  net = (await api('GET', '/kwetsbaarheid/netwerk?jaar=2012')).json;
  assert.equal(gisA().houders, 1);
  assert.equal(gisA().status, 'een-pitter');
  // A level lowered to basis: no longer a holder.
  assert.equal((await api('PUT', `/medewerkers/${anna.id}/competenties/gis`, { niveau: 1 })).status, 200);
  v = verify();
  assert.equal(v.status, 0, v.stdout + v.stderr);

  // Tampered with: verify finds it, and says where.
  const tamper = (d) => sqlDb(srv.db, `UPDATE kwaliteitskaart_dekking SET houders = houders + (${d}) WHERE organisatie_id = (SELECT id FROM organisaties WHERE code = '${C.code}') AND competentie_id = (SELECT id FROM competenties WHERE code = 'gis')`);
  assert.equal(tamper(1).status, 0);
  v = verify();
  assert.equal(v.status, 1);
  assert.ok(v.stdout.includes(`${C.code} kwaliteitskaart gis houders: bijgehouden 3, herberekend 2`), v.stdout);
  tamper(-1);
  assert.equal(verify().status, 0);
});
