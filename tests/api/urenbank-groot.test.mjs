// A proeftuin too big to show whole on its overview page: more than 15
// members and more than 25 opdrachten of a kind. The page stays small and
// readable — the largest flows of hours instead of a table of everyone
// with everyone, the first 25 opdrachten of a kind with a link to all —
// as it must at national scale (342 members: 11.8 MB and 21 s before).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ADMIN_TOKEN, sqlDb } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must, CODES } from './urenbank-helpers.mjs';
import { samen } from './auth-helpers.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('the overview of a proeftuin of 18 members: the largest flows, 25 opdrachten of a kind and a link to all', async () => {
  const { staff } = await drechtsteden(srv);
  // Twelve more municipalities, real CBS codes that existed in 2012.
  const more = readFileSync(new URL('../../data/gemeenten.csv', import.meta.url), 'utf8').split('\n')
    .filter((l) => /^GM\d{4};/.test(l)).map((l) => l.split(';'))
    .filter(([code, , , van, tot]) => !CODES.includes(code) && (!van || van <= '2012-01-01') && (!tot || tot > '2012-12-31'))
    .slice(0, 12);
  for (const [code, naam] of more)
    await must(srv.api('POST', '/api/v1/organisaties', { code, naam, soort: 'gemeente', inwoners: 20000, geldigVan: '2012-01-01' }), code);
  const pt = await proeftuin(srv, { leden: [...CODES, ...more.map(([c]) => c)], kredietlimietMinuten: 100000 });
  for (let i = 1; i <= 26; i++)
    await must(srv.api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, {
      soort: 'lokaal', titel: `Lokale opdracht ${i}`, opdrachtgevers: [{ organisatie: 'GM0482', aandeel: 1 }],
    }), 'opdracht');
  const rmjp = await must(srv.api('POST', `/api/v1/proeftuinen/${pt}/opdrachten`, { soort: 'regionaal', titel: 'Regionaal programma', verdeelsleutel: 'gelijk' }), 'regionaal');
  // Two medewerkers work on the regional programme, shared by all 18: approved hours flow to 17 others each.
  const csv = join(srv.dir, 'groot.csv');
  writeFileSync(csv, `Medewerker;Opdracht;Datum;Minuten\n${staff.GM0505};${rmjp.id};2012-03-05;1080\n${staff.GM0642};${rmjp.id};2012-03-06;540\n`);
  const r = samen(['uren', 'import', '--db', srv.db, '--proeftuin', pt, '--goedgekeurd', csv]);
  assert.equal(r.status, 0, r.stderr);

  const res = await fetch(`${srv.url}/proeftuinen/${pt}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(!html.includes('samen-ub-matrix'), 'no table of everyone with everyone');
  assert.match(html, /Met 18 leden is een tabel van ieder met ieder niet te lezen\. Hieronder de 34 grootste van de 34 stromen/);
  const flows = html.slice(html.indexOf('leden is een tabel'), html.indexOf('id="kop-uren"'));
  const rows = [...flows.matchAll(/<tr class="utrecht-table__row"><th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]+)<\/td>/g)];
  assert.equal(rows.length, 34);
  // Largest first: Dordrecht's 1080 minutes over 18 shares (60 each) before Zwijndrecht's 540 (30).
  assert.deepEqual(rows[0].slice(1, 2), ['Dordrecht']);
  assert.match(rows[0][3], /^1:00(&nbsp;| )uur$/);
  assert.equal(rows.at(-1)[1], 'Zwijndrecht');
  assert.match(rows.at(-1)[3], /^0:30(&nbsp;| )uur$/);
  assert.match(flows, new RegExp(`href="/proeftuinen/${pt}/saldi">Saldi</a>`));
  // The local opdrachten: the first 25 of 26, and a link to the list of all of that kind.
  assert.match(html, new RegExp(`Hierboven de eerste 25 van 26; ze staan allemaal, te zoeken en te sorteren, bij <a class="utrecht-link" href="/proeftuinen/${pt}/opdrachten\\?soort=lokaal">Lokale opdrachten</a>`));
  assert.ok(html.includes('Lokale opdracht 25') && !html.includes('Lokale opdracht 26<'), 'the 26th is on the list, not here');
  const list = await fetch(`${srv.url}/proeftuinen/${pt}/opdrachten?soort=lokaal`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.match(await list.text(), /Lokale opdracht 26/);

  // The flows are kept as they are booked; verify recomputes them from the journal.
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
  const flow = `proeftuin_id = (SELECT id FROM proeftuinen WHERE code = '${pt}')
    AND organisatie_id = (SELECT id FROM organisaties WHERE code = 'GM0505') AND opdrachtgever_id = (SELECT id FROM organisaties WHERE code = 'GM0482')`;
  assert.equal(sqlDb(srv.db, `UPDATE urenbank_stromen SET minuten = minuten + 7 WHERE ${flow}`).status, 0);
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`${pt} GM0505 gewerkt voor GM0482: bijgehouden 67, herberekend 60 \\(verschil -7\\)`));
  sqlDb(srv.db, `UPDATE urenbank_stromen SET minuten = minuten - 7 WHERE ${flow}`);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
  // So are each opdracht's booked and approved minutes (1080 + 540 on the regional programme).
  const opd = (await must(srv.api('GET', `/api/v1/proeftuinen/${pt}/opdrachten/${rmjp.id}`), 'opdracht'));
  assert.deepEqual([opd.geboektMinuten, opd.goedgekeurdMinuten], [1620, 1620]);
  assert.equal(sqlDb(srv.db, `UPDATE opdrachten SET goedgekeurd_minuten = 1600 WHERE id = ${rmjp.id}`).status, 0);
  const w = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(w.status, 1);
  assert.match(w.stdout, new RegExp(`${pt} opdracht ${rmjp.id} goedgekeurd: bijgehouden 1600, herberekend 1620 \\(verschil 20\\)`));
  sqlDb(srv.db, `UPDATE opdrachten SET goedgekeurd_minuten = 1620 WHERE id = ${rmjp.id}`);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
  // And the entries per status (the overview's table, the lists' totals).
  const uren = await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?paginaGrootte=1`);
  assert.equal(uren.headers.get('x-total-count'), '2');
  assert.equal((await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?status=goedgekeurd&paginaGrootte=1`)).headers.get('x-total-count'), '2');
  assert.equal((await srv.api('GET', `/api/v1/proeftuinen/${pt}/uren?status=ingediend`)).headers.get('x-total-count'), '0');
  const stand = `proeftuin_id = (SELECT id FROM proeftuinen WHERE code = '${pt}') AND status = 'goedgekeurd'`;
  assert.equal(sqlDb(srv.db, `UPDATE urenbank_uren_stand SET aantal = aantal + 1, minuten = minuten + 5 WHERE ${stand}`).status, 0);
  const x = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(x.status, 1);
  assert.match(x.stdout, new RegExp(`${pt} urenregels goedgekeurd: bijgehouden 3, herberekend 2 \\(verschil -1\\)`));
  assert.match(x.stdout, new RegExp(`${pt} minuten goedgekeurd: bijgehouden 1625, herberekend 1620 \\(verschil -5\\)`));
  sqlDb(srv.db, `UPDATE urenbank_uren_stand SET aantal = aantal - 1, minuten = minuten - 5 WHERE ${stand}`);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
  // And the journal's transactions, the journal API's total: kept as they are
  // posted (here by the import), not counted per request.
  const ptid = `(SELECT id FROM proeftuinen WHERE code = '${pt}')`;
  const counted = sqlDb(srv.db, `SELECT count(*) FROM journaal WHERE proeftuin_id = ${ptid}`).stdout.trim();
  assert.ok(Number(counted) >= 2, counted);
  const journaal = await srv.api('GET', `/api/v1/proeftuinen/${pt}/journaal?paginaGrootte=1`);
  assert.equal(journaal.status, 200);
  assert.equal(journaal.headers.get('x-total-count'), counted);
  assert.equal(sqlDb(srv.db, `UPDATE urenbank_journaal_stand SET transacties = transacties + 3 WHERE proeftuin_id = ${ptid}`).status, 0);
  const y = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(y.status, 1);
  assert.match(y.stdout, new RegExp(`${pt} journaaltransacties: bijgehouden ${Number(counted) + 3}, herberekend ${counted} \\(verschil -3\\)`));
  sqlDb(srv.db, `UPDATE urenbank_journaal_stand SET transacties = transacties - 3 WHERE proeftuin_id = ${ptid}`);
  assert.equal(samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]).status, 0);
});
