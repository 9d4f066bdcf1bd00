// The council's stand-van-zaken report and the agenda feed through the API:
// the report of Dalfsen over March–September 2012 from the demo holds the
// facts of seed 001 (the ICT decision and its reason, the inkoop and P&O
// delays with their reasons and new date, the approval of belastingen &
// geo) in HTML and in Markdown; who may read it; the iCalendar feed is
// well-formed (CRLF, folded lines, one event per milestone and legal
// deadline, stable UIDs); hour balances appear once Dalfsen is in a
// proeftuin; text from the data is escaped in both formats.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, unique, samen } from './auth-helpers.mjs';
import { expectStatus, params } from './besturing-helpers.mjs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { BIN } from '../lib/server.mjs';

// libical in its strictest mode (tools/icalcheck.c, built by make check).
const ICALCHECK = process.env.SAMEN_ICALCHECK || join(dirname(dirname(BIN)), 'tools', 'icalcheck');
function icalcheck(ics) {
  const r = spawnSync(ICALCHECK, [], { input: ics, encoding: 'utf8' });
  if (r.error) throw new Error(`${ICALCHECK} is niet te starten (${r.error.code}); make check bouwt hem`);
  assert.equal(r.status, 0, `libical (strict) weigert de agenda:\n${r.stderr}`);
}

let srv, raadslidDalfsen, raadslidStaphorst, procesmanager;
before(async () => {
  srv = await startServer({ demo: true, env: { SAMEN_HOST: 'samen.example.nl' } });
  const account = async (rol, organisatie, extra = {}) => {
    const naam = unique(`${rol}-${organisatie}`);
    await createUser(srv, { naam, rol, organisatie, ...extra });
    return (await tokenFor(srv, naam)).token;
  };
  raadslidDalfsen = await account('raadslid', 'GM0148');
  raadslidStaphorst = await account('raadslid', 'GM0180');
  procesmanager = await account('procesmanager', 'GM0505');
});
after(async () => { await srv.stop(); });

const PERIOD = 'organisatie=GM0148&van=2012-03-01&tot=2012-09-30';
const report = (query, token = raadslidDalfsen) =>
  srv.api('GET', `/api/v1/rapporten/stand-van-zaken?${query}`, null, { token, raw: true });

// The visible text of an HTML fragment, entities decoded, whitespace collapsed.
const text = (html) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ').trim();

// The part of the report about one traject (HTML: its <section>; Markdown: its #### heading).
function trajectHtml(html, heading) {
  const part = html.split('<section class="svz-traject">').find((s) => s.includes(`>${heading}</h4>`));
  assert.ok(part, `no section for ${heading}`);
  return text(part.split('</section>')[0]);
}
function trajectMd(md, heading) {
  const part = md.split('\n#### ').find((s) => s.startsWith(`${heading}\n`));
  assert.ok(part, `no section for ${heading}`);
  return part.split(/\n#{2,4} (?!#)/)[0].replace(/\*\*/g, '').replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
}

// The facts seed 001 reports, per traject; each is checked in both formats.
const FACTS = {
  'ICT en informatievoorziening': [
    /mei 2012, stuurgroep en burgemeesters: niet akkoord/,
    /ICT-pool en poolmanager/,
    /te kort om de investeringen terug te verdienen/,
    /ruim € 200\.000 per jaar/,
    /geen ICT-pool .*en geen poolmanager/,
    /verdient zich niet terug binnen 3 jaar/,
    /Voor Dalfsen betekent dit € 615\.351 extra kosten over 3 jaar, gemiddeld € 205\.117 per jaar/,
  ],
  'Inkoop en aanbesteding': [
    /Uitgesteld van 1 mei 2012 naar 24 september 2012/,
    /Contacten met Zwolle, Kampen en Provincie/,
    /vakanties/,
  ],
  'Personeel en organisatie (P&O)': [
    /Uitgesteld van 1 mei 2012 naar 24 september 2012/,
    /Verschillende visies van de werkgroepleden onderling en vakanties/,
    /maandag 24 september 2012 aan de stuurgroep DSZ en de burgemeesters gepresenteerd/,
  ],
  'Belastingen (heffing, invordering en gegevensbeheer)': [
    /1 juni 2012, stuurgroep en burgemeesters: akkoord/,
    /één centrale gegevensbeheereenheid/,
    /Akkoord in juni 2012/,
    /Werkgroep Belastingen & Geo doet verslag: plan.*Gereed op 1 juni 2012/,
  ],
};

test('Dalfsen, March–September 2012, as HTML: a whole printable document with the facts of seed 001', async () => {
  const r = await report(PERIOD);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  const html = r.text;
  assert.match(html, /^<!DOCTYPE html>\n<html lang="nl">/);
  assert.match(html, /<link rel="stylesheet" href="\/static\/rapport\.css">/);
  assert.doesNotMatch(html, /style=|<style|<script/, 'no inline style or script (CSP)');
  const all = text(html);
  assert.match(all, /Stand van zaken bestuurlijke samenwerking Gemeente Dalfsen Periode: 1 maart 2012 tot en met 30 september 2012/);
  for (const h of ['1. Inleiding', '2. Samenwerkingspartners', '3. Ontwikkelingen per samenwerkingsverband', '4. Planning', '5. Kwetsbaarheid'])
    assert.match(html, new RegExp(`<h2 class="svz-h2" id="[^"]+">${h.replace(/[.()]/g, '\\$&')}</h2>`), h);
  assert.match(all, /3\.1 DSZ \(Dalfsen – Staphorst – Zwartewaterland\)/);
  for (const [traject, facts] of Object.entries(FACTS)) {
    const t = trajectHtml(html, traject.replace('&', '&amp;'));
    for (const f of facts) assert.match(t, f, `${traject}: ${f}`);
  }
  // The business case per organisation, euros the Dutch way, Dalfsen's row marked.
  assert.match(html, /<tr class="svz-eigen"><th scope="row">Dalfsen<\/th><td class="svz-getal">€ 50\.000<\/td><td class="svz-getal">€ 685\.351<\/td><td class="svz-getal">€ 120\.000<\/td><td class="svz-getal">−€ 615\.351<\/td><td class="svz-getal">−€ 205\.117<\/td><td>niet binnen 3 jaar<\/td><\/tr>/);
  // The planning: a timeline with the late items marked and the table of what is open.
  const svg = html.match(/<svg[\s\S]*?<\/svg>/)[0];
  assert.match(svg, /role="img" aria-labelledby="svz-planning-titel svz-planning-desc"/);
  assert.match(svg, /<title id="svz-planning-titel">Planning van Dalfsen: mijlpalen per traject<\/title>/);
  assert.equal((svg.match(/samen-plan__mijlpaal--te-laat/g) || []).length, 3, 'inkoop, P&O and facilitair are late');
  assert.equal((svg.match(/stroke-dasharray="4 3"/g) || []).length, 3, 'two postponements and the legend');
  assert.match(all, /24 september 2012 Inkoop en aanbesteding Werkgroep Inkoop doet verslag: businessplan te laat \(6 dagen\)/);
  assert.match(all, /1 januari 2014 Brandweer Wettelijke deadline wettelijke verplichting/);
  assert.match(all, /Gemeld aan de partners, 8 maart 2012: Dalfsen werkt vanaf 2012-03-08 op het taakveld Belastingen/);
});

test('the same report as Markdown holds the same facts', async () => {
  const r = await report(`${PERIOD}&formaat=md`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/markdown; charset=utf-8');
  const md = r.text;
  assert.match(md, /^\n# Stand van zaken bestuurlijke samenwerking\n\nGemeente Dalfsen\n\nPeriode: 1 maart 2012 tot en met 30 september 2012\n/);
  assert.match(md, /\n## 3\. Ontwikkelingen per samenwerkingsverband\n/);
  assert.match(md, /\n### 3\.1 DSZ \(Dalfsen – Staphorst – Zwartewaterland\)\n/);
  for (const [traject, facts] of Object.entries(FACTS)) {
    const t = trajectMd(md, traject);
    for (const f of facts) assert.match(t, f, `${traject}: ${f}`);
  }
  assert.match(md, /\| Organisatie \| Investering \| Kosten \| Besparing \| Netto over 3 jaar \| Gemiddeld per jaar \| Terugverdiend \|\n\| --- \| ---: \| ---: \| ---: \| ---: \| ---: \| --- \|\n\| Dalfsen \| € 50\.000 \| € 685\.351 \| € 120\.000 \| −€ 615\.351 \| −€ 205\.117 \| niet binnen 3 jaar \|/);
  assert.doesNotMatch(md, /<[a-z]/, 'no HTML in the Markdown');
});

test('who may read: the own raadslid, the procesmanager; not another municipality, not anonymous', async () => {
  expectStatus(await srv.api('GET', `/api/v1/rapporten/stand-van-zaken?${PERIOD}`, null, { token: null }), 401);
  expectStatus(await srv.api('GET', '/api/v1/agenda?organisatie=GM0148', null, { token: null }), 401);
  const r = expectStatus(await srv.api('GET', `/api/v1/rapporten/stand-van-zaken?${PERIOD}`, null, { token: raadslidStaphorst }), 403);
  assert.match(r.detail, /^Als raadslid van Staphorst kunt u dit niet doen voor Dalfsen\./);
  expectStatus(await srv.api('GET', '/api/v1/agenda?organisatie=GM0148', null, { token: raadslidStaphorst }), 403);
  // Who may not is refused before anything is checked.
  expectStatus(await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=nooit', null, { token: raadslidStaphorst }), 403);
  assert.equal((await report('organisatie=GM0180&van=2012-03-01&tot=2012-09-30', raadslidStaphorst)).status, 200);
  assert.equal((await report(PERIOD, procesmanager)).status, 200);
  assert.equal((await report(PERIOD, undefined)).status, 200);
  const audit = await srv.api('GET', '/api/v1/audit?limiet=50');
  assert.ok(audit.json.some((a) => /rapport-lezen/.test(a.actie) && /geweigerd \(403\)/.test(a.resultaat)), 'the refusal is audited');
});

test('wrong parameters are problems that say what is wrong', async () => {
  let r = await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?van=2012-01-01&tot=2012-02-01', null, { token: raadslidDalfsen });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['organisatie']);
  r = await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-13-01&tot=2012-02-01', null, { token: raadslidDalfsen });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['van']);
  r = await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM0148&van=2012-03-01&tot=2012-02-01', null, { token: raadslidDalfsen });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['tot']);
  r = await srv.api('GET', `/api/v1/rapporten/stand-van-zaken?${PERIOD}&formaat=docx` /* pdf is a form since issue 9 */, null, { token: raadslidDalfsen });
  expectStatus(r, 400);
  assert.deepEqual(params(r), ['formaat']);
  expectStatus(await srv.api('GET', '/api/v1/rapporten/stand-van-zaken?organisatie=GM9999&van=2012-01-01&tot=2012-02-01'), 404);
  expectStatus(await srv.api('GET', '/api/v1/agenda?organisatie=GM9999'), 404);
});

// Lines of an iCalendar text, unfolded (RFC 5545 3.1).
const unfold = (ics) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const icsText = (v) => v.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

test('the agenda: iCalendar with CRLF, folded lines, one all-day event per milestone and legal deadline, stable UIDs', async () => {
  const get = () => srv.api('GET', '/api/v1/agenda?organisatie=GM0148', null, { token: raadslidDalfsen, raw: true });
  const r = await get();
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const ics = r.text;
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends with CRLF');
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);
  const lines = unfold(ics);
  assert.ok(lines.includes('VERSION:2.0') && lines.some((l) => l.startsWith('PRODID:')));
  const events = ics.split('BEGIN:VEVENT\r\n').slice(1).map((e) => {
    const props = {};
    for (const l of unfold(e.split('END:VEVENT')[0])) {
      const m = l.match(/^([A-Z-]+)(;[^:]*)?:(.*)$/);
      if (m) props[m[1]] = { params: m[2] || '', value: m[3] };
    }
    return props;
  });
  const milestones = expectStatus(await srv.api('GET', '/api/v1/mijlpalen?organisatie=GM0148', null, { token: null }), 200);
  const planning = events.filter((e) => /^(Mijlpaal|Wettelijke deadline)$/.test(e.CATEGORIES?.value));
  assert.equal(planning.length, milestones.length + 2, 'each milestone, and the RUD and brandweer deadlines once each');
  for (const e of events) {
    for (const p of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) assert.ok(e[p], `${p} in every event`);
    assert.equal(e.DTSTART.params, ';VALUE=DATE');
    assert.match(e.DTSTAMP.value, /^\d{8}T\d{6}Z$/);
  }
  const inkoop = events.find((e) => icsText(e.SUMMARY.value).startsWith('Werkgroep Inkoop doet verslag'));
  assert.equal(inkoop.DTSTART.value, '20120924');
  assert.equal(inkoop.DTEND.value, '20120925');
  assert.equal(inkoop.SEQUENCE.value, '1', 'postponed once');
  assert.match(icsText(inkoop.DESCRIPTION.value), /Uitgesteld van 1 mei 2012 naar 24 september 2012\. Reden: Contacten met Zwolle, Kampen en Provincie/);
  const brandweer = events.filter((e) => e.CATEGORIES?.value === 'Wettelijke deadline' && /Brandweer/.test(e.SUMMARY.value));
  assert.equal(brandweer.length, 1);
  assert.equal(brandweer[0].DTSTART.value, '20140101');
  assert.match(icsText(brandweer[0].DESCRIPTION.value), /DSZ.*\n.*Veiligheidsregio IJsselland|Veiligheidsregio IJsselland.*\n.*DSZ/);
  assert.equal(new Set(events.map((e) => e.UID.value)).size, events.length, 'UIDs unique');
  for (const e of events) assert.match(e.UID.value, /^[a-z0-9-]+@samen\.example\.nl$/, 'UIDs end in the public host name');
  assert.ok(!lines.some((l) => l.startsWith('METHOD:')), 'a feed, no iTIP message (RFC 5546 would need ORGANIZER)');
  icalcheck(ics);
  const again = (await get()).text.match(/^UID:.*$/gm);
  assert.deepEqual(again, ics.match(/^UID:.*$/gm), 'the same UIDs on the next fetch');
});

test('an organisation without milestones gets a valid calendar; the old address redirects permanently', async () => {
  // Groningen, added for this: no verband, so no milestone, meeting or evaluation.
  const g = await srv.api('POST', '/api/v1/organisaties', { code: 'GM0014', naam: 'Groningen', soort: 'gemeente' });
  assert.equal(g.status, 201, g.text);
  const r = await srv.api('GET', '/api/v1/agenda?organisatie=GM0014', null, { raw: true });
  assert.equal(r.status, 200, r.text);
  assert.doesNotMatch(r.text, /BEGIN:VEVENT/);
  assert.match(r.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Amsterdam\r\n/);
  icalcheck(r.text);
  const old = await srv.api('GET', '/api/v1/agenda.ics?organisatie=GM0148', null, { token: raadslidDalfsen });
  assert.equal(old.status, 308);
  assert.equal(old.headers.get('location'), '/api/v1/agenda?organisatie=GM0148');
});

test('samen rapport and samen agenda print the same on the command line; wrong use exits 2', () => {
  const md = samen(['rapport', '--db', srv.db, '--organisatie', 'GM0148', '--van', '2012-03-01', '--tot', '2012-09-30', '--formaat', 'md']);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /### 3\.1 DSZ/);
  assert.match(md.stdout, /Uitgesteld van 1 mei 2012 naar \*\*24 september 2012\*\*/);
  const ics = samen(['agenda', '--db', srv.db, '--organisatie', 'GM0148']);
  assert.equal(ics.status, 0, ics.stderr);
  assert.match(ics.stdout, /^BEGIN:VCALENDAR\r\n/);
  icalcheck(ics.stdout);
  assert.equal(samen(['rapport', '--db', srv.db, '--organisatie', 'GM0148']).status, 2);
  const bad = samen(['rapport', '--db', srv.db, '--organisatie', 'GM0148', '--van', '2012-03-01', '--tot', 'gisteren']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /tot: is verplicht, een datum/);
  assert.equal(samen(['agenda', '--db', srv.db, '--organisatie', 'GM9999']).status, 1);
});

test('hour balances appear once Dalfsen exchanges hours in a proeftuin', async () => {
  let md = (await report(`${PERIOD}&formaat=md`)).text;
  assert.doesNotMatch(md, /Urenbank/);
  expectStatus(await srv.api('POST', '/api/v1/proeftuinen', {
    code: 'dsz-uren', naam: 'Urenbank DSZ', van: '2012-01-01', tot: '2012-12-31', tariefCenten: 6500,
    kredietlimietMinuten: 2400, leden: ['GM0148', 'GM0180', 'GM1896'],
  }), 201);
  expectStatus(await srv.api('POST', '/api/v1/proeftuinen/dsz-uren/stortingen',
    { organisatie: 'GM0148', bedragCenten: 65000, datum: '2012-06-01' }), 201);
  md = (await report(`${PERIOD}&formaat=md`)).text;
  assert.match(md, /\n## 5\. Urenbank\n/);
  assert.match(md, /\n## 6\. Kwetsbaarheid\n/);
  assert.match(md, /Saldo van Dalfsen: \*\*10:00 uur\*\*/);
  assert.match(md, /De saldi zijn de stand op 30 september 2012, het einde van de periode/);
  // A period that ended shows the balances then, without today's commitments.
  assert.match(md, /\| Dalfsen \| 0:00 uur \| 0:00 uur \| 10:00 uur \| 10:00 uur \|\n/);
  assert.match(md, /\| Staphorst \| 0:00 uur \| 0:00 uur \| 0:00 uur \| 0:00 uur \|\n/);
  // The first quarter comes before the deposit of June: nothing yet.
  const q1 = (await report('organisatie=GM0148&van=2012-01-01&tot=2012-03-31&formaat=md')).text;
  assert.match(q1, /Saldo van Dalfsen: \*\*0:00 uur\*\*/);
  assert.match(q1, /\| Dalfsen \| 0:00 uur \| 0:00 uur \| 0:00 uur \| 0:00 uur \|\n/);
  // A period up to today: the balance now, with what is still available.
  // Today as samen counts it: the Dutch date (after 23:00 UTC in winter it is already tomorrow).
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const now = (await report(`organisatie=GM0148&van=2012-01-01&tot=${today}&formaat=md`)).text;
  assert.match(now, /\| Dalfsen \| 0:00 uur \| 0:00 uur \| 10:00 uur \| 10:00 uur \| 50:00 uur \|/);
});

test('gaps and één-pitters only for an organisation with a kwaliteitskaart; otherwise "geen kwaliteitskaart"', async () => {
  const tok = await (async () => {
    const naam = unique('raadslid-GM1730');
    await createUser(srv, { naam, rol: 'raadslid', organisatie: 'GM1730' });
    return (await tokenFor(srv, naam)).token;
  })();
  const md = (await report('organisatie=GM1730&van=2012-06-01&tot=2012-09-30&formaat=md', tok)).text;
  assert.match(md, /## \d\. Kwetsbaarheid\n\nTynaarlo houdt geen kwaliteitskaart bij/);
  assert.doesNotMatch(md, /ontbreekt|één-pitter\)/);
  const dalfsen = (await report(`${PERIOD}&formaat=md`)).text;
  assert.match(dalfsen, /Volgens de kwaliteitskaart heeft Dalfsen op 30 september 2012/);
});

test('text from the data is escaped in HTML and in Markdown', async () => {
  const [ict] = expectStatus(await srv.api('GET', '/api/v1/trajecten?verband=dsz&taakveld=ict', null, { token: null }), 200);
  const evil = '<script>alert(1)</script> | *vet* _schuin_ [link](http://x) &amp; # kop';
  expectStatus(await srv.api('POST', `/api/v1/trajecten/${ict.id}/besluiten`,
    { orgaan: 'stuurgroep', datum: '2012-09-01', uitkomst: 'kennisname', onderwerp: 'Test', toelichting: evil }), 201);
  const html = (await report(PERIOD)).text;
  assert.ok(!html.includes('<script>'), 'no markup from the data');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; | *vet* _schuin_ [link](http://x) &amp;amp; # kop'));
  const md = (await report(`${PERIOD}&formaat=md`)).text;
  assert.ok(md.includes('\\<script\\>alert(1)\\</script\\> \\| \\*vet\\* \\_schuin\\_ \\[link\\](http://x) \\&amp; # kop'), 'escaped for Markdown');
});
