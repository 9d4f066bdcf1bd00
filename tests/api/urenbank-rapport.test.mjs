// The proeftuin's reports to the colleges (issue 11, point 4) on the demo
// year of the Drechtsteden proeftuin beleid: the tussentijdse rapportage of
// July 2012 and the eindevaluatie of January 2013, read in HTML, Markdown and
// PDF (pdftotext); every figure is the evaluation's of the same period and
// names the list it comes from; the advice computes who takes more than it
// brings and whether the figures carry a taakstelling. Adopting a report is
// the process manager's; refusals write nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, sqlDb, BIN } from '../lib/server.mjs';
import { createUser, tokenFor } from './auth-helpers.mjs';
import { must, proeftuin } from './urenbank-helpers.mjs';

let srv, dir;
const P = (rest = '') => `/api/v1/proeftuinen/dt2012${rest}`;
const tokens = {};
const ACTORS = {
  procesmanager: { rol: 'procesmanager', organisatie: 'GM0505' },
  manager: { rol: 'manager', organisatie: 'GM0505' },
  raadslid: { rol: 'raadslid', organisatie: 'GM0482' },
};
const as = (who, method, path, body) => srv.api(method, path, body, { token: tokens[who] });
const doc = async (id, formaat, who = 'raadslid') => {
  const res = await fetch(`${srv.url}${P(`/rapporten/${id}/document`)}${formaat ? `?formaat=${formaat}` : ''}`,
    { headers: { Authorization: `Bearer ${tokens[who]}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};
// "12:30 uur" as core/nl.h writes it, to compare the report with the API's minutes.
const uur = (m) => `${m < 0 ? '−' : ''}${Math.floor(Math.abs(m) / 60).toLocaleString('nl-NL')}:${String(Math.abs(m) % 60).padStart(2, '0')} uur`;
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

before(async () => {
  srv = await startServer({ demo: true });
  for (const [naam, acc] of Object.entries(ACTORS)) {
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  dir = mkdtempSync(join(tmpdir(), 'samen-ubr-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await srv?.stop();
});

test('the demo year: an interim report in July and the final evaluation in January, with realistic lead times', async () => {
  const list = await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten');
  assert.deepEqual(list.map((r) => [r.soort, r.van, r.tot, r.datum, r.advies, r.door]), [
    ['tussentijds', '2012-01-01', '2012-06-30', '2012-07-05', 'doorgaan', 'procesmanager-drechtsteden'],
    ['eind', '2012-01-01', '2012-12-31', '2013-01-10', 'bijstellen', 'procesmanager-drechtsteden'],
  ]);
  assert.equal(list[1].aangemaakt, '2013-01-10T14:00:00Z');
  const one = await must(as('raadslid', 'GET', P(`/rapporten/${list[0].id}`)), 'rapport');
  assert.deepEqual(one, list[0]);
  // The demo's moments are the year's, not the moment it was loaded.
  const ev = await must(srv.api('GET', P('/evaluatie')), 'evaluatie');
  const lt = Object.fromEntries(ev.doorlooptijden.map((d) => [d.fase, d]));
  assert.ok(lt['ingediend-bemand'].mediaanDagen > 0, JSON.stringify(lt));
  assert.ok(lt['ingediend-afgerond'].mediaanDagen > 30, JSON.stringify(lt));
  assert.ok(lt['boeking-goedkeuring'].mediaanDagen > 0 && lt['boeking-goedkeuring'].maximumDagen <= 14, JSON.stringify(lt));
  assert.equal(ev.samenvoegingen.length, 2);
});

test('the final evaluation in HTML and Markdown: the figures of the evaluation, their sources, the lessons and the advice', async () => {
  const [, eind] = await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten');
  const ev = await must(srv.api('GET', P('/evaluatie?van=2012-01-01&tot=2012-12-31')), 'evaluatie');
  const r = await doc(eind.id);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = r.body.toString();
  assert.doesNotMatch(html, /style=|<script/);
  const md = (await doc(eind.id, 'md')).body.toString();
  assert.match((await doc(eind.id, 'md')).headers.get('content-disposition'), /attachment; filename="eindevaluatie-dt2012-2012-12-31\.md"/);
  const t = text(html);
  const mdt = md.replace(/\\/g, '').replace(/\*\*/g, '');
  for (const s of [t, mdt]) {
    assert.match(s, /Eindevaluatie en adviesrapportage Proeftuin beleid Drechtsteden 2012/);
    assert.match(s, /Aan de colleges van Dordrecht, Zwijndrecht, Papendrecht, Hendrik-Ido-Ambacht, Sliedrecht en Alblasserdam/);
    assert.match(s, /Periode: 1 januari 2012 tot en met 31 december 2012\. Vastgesteld op 10 januari 2013/);
    // Every member's row is the evaluation's.
    for (const l of ev.leden)
      assert.ok(s.includes(`${l.naam}`) && s.includes(uur(l.gebrachtMinuten)) && s.includes(uur(l.gehaaldMinuten)), l.naam);
    assert.ok(s.includes(`${uur(ev.totaal.gebrachtMinuten)} werk gingen over een gemeentegrens: 73,7%`), 'in het kort');
    assert.ok(s.includes(`tussen ${uur(ev.potentieel.ondergrensMinuten)} en ${uur(ev.potentieel.bovengrensMinuten)}`), 'potentieel');
    assert.match(s, /Verordening maatschappelijke ondersteuning Papendrecht–Sliedrecht/);
    assert.match(s, /31 december 2012/);
    assert.match(s, /17 september 2012, bijsturing — Goedkeuren/);
    assert.match(s, /10 december 2012, bijsturing — Dienstverleningsovereenkomst/);
    assert.match(s, /Het proeftuin-MT adviseert de colleges: doorgaan met aanpassingen/);
    assert.match(s, /Vastgesteld op 10 januari 2013 door procesmanager-drechtsteden/);
    // The DVO follows from the balances: who, by how much, over which period.
    assert.match(s, /van 1 januari 2012 tot en met 31 december 2012 haalden 4 gemeenten meer uren dan zij brachten/);
    assert.match(s, /Alblasserdam haalde 153:41 uur meer dan zij bracht \(gehaald 395:41 uur, gebracht 242:00 uur\)/);
    assert.doesNotMatch(s, /Zwijndrecht haalde/);
    assert.match(s, /De cijfers dragen een taakstelling van hoogstens 29:00 uur per jaar/);
  }
  // The sources, as links in HTML and Markdown.
  assert.match(html, /href="\/proeftuinen\/dt2012\/uren\?status=goedgekeurd&amp;organisatie=GM0482&amp;van=2012-01-01&amp;tot=2012-12-31"/);
  assert.match(html, /href="\/proeftuinen\/dt2012\/journaal"/);
  assert.match(html, /<svg[^>]*role="img"/);
  assert.match(md, /\]\(<\/proeftuinen\/dt2012\/leerervaringen>\)/);
  assert.doesNotMatch(md, /<svg/);
});

test('the interim report: the work stock at 30 June, lead times so far, a taakstelling left to the final evaluation; and as PDF', async () => {
  const [tussen] = await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten');
  const t = text((await doc(tussen.id, 'html')).body.toString());
  assert.match(t, /Tussentijdse rapportage Proeftuin beleid Drechtsteden 2012/);
  assert.match(t, /Planning &amp; control-cyclus Alblasserdam 14 februari 2012 137 dagen|Planning & control-cyclus Alblasserdam 14 februari 2012 137 dagen/);
  assert.match(t, /31 maart 2012 13 1 0 0 \d+ 30 juni 2012 13 1 0 0 \d+/);
  assert.match(t, /Het advies over een taakstelling volgt in de eindevaluatie/);
  assert.doesNotMatch(t, /17 september 2012/);
  assert.match(t, /14 mei 2012, leerervaring — Bemensing/);
  const pdf = await doc(tussen.id, 'pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const file = join(dir, 'tussentijds.pdf');
  writeFileSync(file, pdf.body);
  const out = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const p = out.stdout.replace(/\s+/g, ' ');
  for (const re of [/Tussentijdse rapportage Proeftuin beleid Drechtsteden 2012/, /In het kort/, /1\. Uren gebracht en gehaald/,
    /Wacht op bemensing/, /Planning & control-cyclus Alblasserdam/, /9\. Advies en bijsturing/, /Is een dienstverleningsovereenkomst nodig\?/,
    /Bron: het journaal van de proeftuin \(elke boeking, per gemeente\) \(\/proeftuinen\/ ?dt2012\/journaal\)/, /pagina 1 van \d+/])
    assert.match(p, re);
});

// The work stock on a report's end date comes from kept counts (submitted
// and reviewed per day, migration 110; each opdracht's first inzet and first
// hours, 108) instead of from every entry: it must say what the entries say.
test('the work stock at the end of each report equals what the entries themselves say, and verify recounts the days', async () => {
  const one = (sql) => { const r = sqlDb(srv.db, sql); assert.equal(r.status, 0, r.stderr); return r.stdout.trim(); };
  const pt = "(SELECT id FROM proeftuinen WHERE code = 'dt2012')";
  const next = (d) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  for (const r of await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten')) {
    const n = next(r.tot);
    const [aantal, minuten] = one(`SELECT count(*) || '|' || coalesce(sum(minuten), 0) FROM uren WHERE proeftuin_id = ${pt}
      AND ingediend < '${n}' AND (beoordeeld IS NULL OR beoordeeld >= '${n}')`).split('|').map(Number);
    const wachten = Number(one(`SELECT count(*) FROM opdrachten o WHERE o.proeftuin_id = ${pt} AND o.aangemaakt < '${n}'
      AND (o.afgerond IS NULL OR o.afgerond >= '${n}')
      AND (o.samengevoegd_in IS NULL OR (SELECT m.aangemaakt FROM opdrachten m WHERE m.id = o.samengevoegd_in) >= '${n}')
      AND NOT EXISTS (SELECT 1 FROM inzet i WHERE i.opdracht_id = o.id AND i.aangemaakt < '${n}')
      AND NOT EXISTS (SELECT 1 FROM uren u WHERE u.opdracht_id = o.id AND u.ingediend < '${n}')`));
    const md = (await doc(r.id, 'md')).body.toString();
    assert.ok(aantal > 0, `${r.tot}: the demo has entries awaiting review then`);
    assert.match(md, new RegExp(`- ${aantal} urenregels? \\(${uur(minuten).replace(' uur', '')} uur\\) wachtend op goedkeuring`), r.tot);
    assert.match(md, new RegExp(`- ${wachten} opdrachte?n? zonder medewerker en zonder uren`), r.tot);
  }
  const dag = `proeftuin_id = ${pt} AND dag = (SELECT min(dag) FROM urenbank_dag_stand WHERE proeftuin_id = ${pt}) AND soort = 'ingediend'`;
  const d = one(`SELECT dag FROM urenbank_dag_stand WHERE ${dag}`);
  one(`UPDATE urenbank_dag_stand SET aantal = aantal + 2, minuten = minuten + 45 WHERE ${dag}`);
  const v = spawnSync(BIN, ['proeftuin', 'verify', '--db', srv.db, '--proeftuin', 'dt2012'], { encoding: 'utf8' });
  one(`UPDATE urenbank_dag_stand SET aantal = aantal - 2, minuten = minuten - 45 WHERE ${dag}`);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, new RegExp(`dt2012 urenregels op ${d} \\(ingediend\\): bijgehouden \\d+, herberekend \\d+ \\(verschil -2\\)`));
  assert.match(v.stdout, new RegExp(`dt2012 minuten op ${d} \\(ingediend\\): bijgehouden \\d+, herberekend \\d+ \\(verschil -45\\)`));
  assert.equal(spawnSync(BIN, ['proeftuin', 'verify', '--db', srv.db, '--proeftuin', 'dt2012']).status, 0);
});

test('the process manager adopts a report; a short period carries no taakstelling; refusals write nothing', async () => {
  const count = async () => (await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten')).length;
  const before = await count();
  const body = { soort: 'tussentijds', van: '2012-01-01', tot: '2012-03-31', datum: '2012-04-05', advies: 'doorgaan',
    toelichting: 'Het eerste kwartaal loopt volgens plan.' };
  for (const who of ['manager', 'raadslid']) {
    const r = await as(who, 'POST', P('/rapporten'), body);
    assert.equal(r.status, 403, `${who}: ${r.text}`);
  }
  assert.equal((await srv.api('POST', P('/rapporten'), body, { token: null })).status, 401);
  let r = await as('procesmanager', 'POST', P('/rapporten'), { soort: 'half', advies: 'misschien', toelichting: '', van: '2012-13-01' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name).sort(), ['advies', 'soort', 'toelichting', 'van']);
  r = await as('procesmanager', 'POST', P('/rapporten'), { ...body, toelichting: '' });
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name), ['toelichting']);
  r = await as('procesmanager', 'POST', P('/rapporten'), { ...body, tot: '2011-12-31' });
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name), ['tot']);
  r = await as('procesmanager', 'POST', P('/rapporten'), { ...body, tot: '2013-03-31' });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /buiten de looptijd/);
  assert.equal((await as('procesmanager', 'POST', '/api/v1/proeftuinen/bestaat-niet/rapporten', body)).status, 404);
  assert.equal(await count(), before);
  r = await as('procesmanager', 'POST', P('/rapporten'), body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.door, `procesmanager-${process.pid}`);
  assert.equal(r.json.datum, '2012-04-05');
  assert.equal(await count(), before + 1);
  const t = text((await doc(r.json.id)).body.toString());
  assert.match(t, /De cijfers dragen geen taakstelling\. De periode is korter dan een half jaar/);
  assert.equal((await doc(r.json.id, 'xls')).status, 400);
  assert.equal((await doc(999999)).status, 404);
  assert.equal((await as('raadslid', 'GET', P('/rapporten/999999'))).status, 404);
  assert.equal((await srv.api('GET', P('/rapporten'), null, { token: null })).status, 401);
});

// A national proeftuin has thousands of opdrachten; the report to the
// colleges lists the 50 that matter most (the largest difference between
// estimate and spending, then those without an estimate by spending) and
// sends the reader to the list of all of them. (A proeftuin of this year:
// an opdracht is in a report's period by when it was submitted.)
test('with more than 50 opdrachten the report lists the 50 with the largest difference, and links to all', async () => {
  const year = new Date().getUTCFullYear();
  const pt = await proeftuin(srv, { van: `${year}-01-01`, tot: `${year}-12-31` });
  const Q = (rest) => `/api/v1/proeftuinen/${pt}${rest}`;
  for (let i = 0; i < 56; i++)
    await must(srv.api('POST', Q('/opdrachten'), { soort: 'lokaal', titel: `Beleidsnotitie ${i + 1}`,
      opdrachtgevers: [{ organisatie: 'GM0505', aandeel: 1 }], ...(i % 3 ? {} : { geraamdeMinuten: 600 * ((i * 7) % 11 + 1) }) }), 'opdracht');
  const rapport = await must(srv.api('POST', Q('/rapporten'), { soort: 'tussentijds', advies: 'doorgaan',
    toelichting: 'Doorgaan: de opdrachten komen binnen.' }), 'rapport');
  const ev = await must(srv.api('GET', Q(`/evaluatie?van=${rapport.van}&tot=${rapport.tot}`)), 'evaluatie');
  assert.equal(ev.opdrachten.length, 56);
  const weight = (o) => Math.abs(o.verschilMinuten ?? o.besteedMinuten);
  const ranked = ev.opdrachten.map((o, at) => ({ o, at })).sort((a, b) =>
    ('verschilMinuten' in b.o) - ('verschilMinuten' in a.o) || weight(b.o) - weight(a.o) || a.at - b.at);
  const r = await srv.api('GET', Q(`/rapporten/${rapport.id}/document`), null, { raw: true });
  assert.equal(r.status, 200);
  const from = r.text.indexOf('id="ubr-raming"'), to = r.text.indexOf('<h2', from + 10);
  const section = r.text.slice(from, to);
  const table = section.slice(section.indexOf('<table'), section.indexOf('</table>'));
  const ids = [...table.matchAll(new RegExp(`/proeftuinen/${pt}/opdrachten/(\\d+)"`, 'g'))].map((m) => Number(m[1]));
  assert.deepEqual(ids, ranked.slice(0, 50).map((x) => x.o.id));
  assert.ok(ranked.slice(0, 19).every((x) => 'verschilMinuten' in x.o), 'the 19 with an estimate first');
  assert.match(text(section), /De proeftuin heeft 56 opdrachten; de tabel toont de 50 met het grootste verschil/);
  assert.match(section, new RegExp(`Bron: <a[^>]*href="[^"]*/proeftuinen/${pt}/opdrachten"[^>]*>alle opdrachten van de proeftuin</a>`));
  // The demo's reports (fewer opdrachten) list them all, without the sentence.
  const [tussen] = await must(as('raadslid', 'GET', P('/rapporten')), 'rapporten');
  assert.doesNotMatch((await doc(tussen.id)).body.toString(), /de tabel toont de 50/);
});
