// samen uren import: hour entries from a time-registration system's CSV
// export (docs/urenbank.md, "Uren inlezen"). All or nothing, an error per
// line with its number, minutes or decimal-comma hours, BOM, CRLF, quotes,
// ';' or ',', Windows-1252; submitted, or approved with --goedgekeurd; the
// actor is whoever runs it, or an account (--als) with that account's
// rights; progress on a terminal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { startServer, BIN } from '../lib/server.mjs';
import { drechtsteden, proeftuin, saldi, must } from './urenbank-helpers.mjs';
import { createUser, samen, auditRecords } from './auth-helpers.mjs';

let srv, staff, n = 0;
const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const PW = 'een lang genoeg wachtwoord';

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  await createUser(srv, { naam: 'import-medewerker-dd', rol: 'medewerker', organisatie: 'GM0505', wachtwoord: PW });
  await createUser(srv, { naam: 'import-manager-ad', rol: 'manager', organisatie: 'GM0482', wachtwoord: PW });
});
after(async () => { await srv.stop(); });

// A proeftuin with a local opdracht of Alblasserdam on which Dordrecht's
// medewerker is committed for 600 minutes, and a regional one.
async function setup() {
  const pt = await proeftuin(srv);
  const apv = await must(srv.api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Herziening APV Alblasserdam', opdrachtgevers: [{ organisatie: 'GM0482', aandeel: 1 }],
  }), 'opdracht');
  await must(srv.api('POST', P(pt, `/opdrachten/${apv.id}/inzet`), { medewerker: staff.GM0505, minuten: 600 }), 'inzet');
  const rmjp = await must(srv.api('POST', P(pt, '/opdrachten'), { soort: 'regionaal', titel: 'Werkprogramma rMJP', verdeelsleutel: 'gelijk' }), 'regionaal');
  return { pt, apv: apv.id, rmjp: rmjp.id };
}

function file(content, name = `uren-${++n}.csv`) {
  const path = join(srv.dir, name);
  writeFileSync(path, content);
  return path;
}

const entries = async (pt, status) => (await must(srv.api('GET', P(pt, `/uren${status ? `?status=${status}` : ''}`)), 'uren'));
const importCsv = (pt, path, extra = []) => samen(['uren', 'import', '--db', srv.db, '--proeftuin', pt, ...extra, path]);
const BOM = '\ufeff';

test('a Dutch Excel export (BOM, CRLF, ";", quoted fields, names and numbers, DD-MM-JJJJ) is submitted, all of it', async () => {
  const { pt, apv, rmjp } = await setup();
  const csv = BOM + [
    'Medewerker;Opdracht;Datum;Minuten;Omschrijving;Kostenplaats',
    'Beleidsadviseur Dordrecht;Herziening APV Alblasserdam;05-03-2012;240;"toets; artikel 2:1 ""openbare orde""";4711',
    `${staff.GM0505};${apv};2012-03-06;120;vervolg;4711`,
    '',
    `Beleidsadviseur Zwijndrecht;${rmjp};7-3-2012;90;;`,
    `Beleidsadviseur Papendrecht;Werkprogramma rMJP;08/03/2012;60`,
  ].join('\r\n') + '\r\n';
  const r = importCsv(pt, file(csv));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /4 urenregels \(8:30 uur\) ingelezen in proeftuin .*, ingediend/);
  const list = await entries(pt);
  assert.equal(list.length, 4);
  assert.deepEqual(list.map((e) => [e.medewerker, e.opdracht, e.datum, e.minuten, e.status]), [
    [staff.GM0505, apv, '2012-03-05', 240, 'ingediend'],
    [staff.GM0505, apv, '2012-03-06', 120, 'ingediend'],
    [staff.GM0642, rmjp, '2012-03-07', 90, 'ingediend'],
    [staff.GM0590, rmjp, '2012-03-08', 60, 'ingediend'],
  ]);
  assert.equal(list[0].omschrijving, 'toets; artikel 2:1 "openbare orde"');
  assert.equal(list[2].omschrijving, null);
  // Submitted hours do not count yet; whoever ran the import submitted them.
  assert.equal((await saldi(srv, pt)).GM0482.gehaaldMinuten, 0);
  assert.equal(list[0].ingediendDoor, `${process.env.SUDO_USER || userInfo().username} (opdrachtregel)`);
  const audit = (await auditRecords(srv)).find((a) => a.object.includes(`in proeftuin ${pt}`));
  assert.ok(audit, 'the import is in the audit log');
  assert.equal(audit.actie, 'uren-boeken');
  assert.match(audit.resultaat, /^gelukt/);
  assert.match(audit.actor, /\(opdrachtregel\)$/);
});

test('hours with a decimal comma in a ","-separated file, approved at once with --goedgekeurd: the balances move exactly', async () => {
  const { pt, apv, rmjp } = await setup();
  const csv = [
    'medewerker,opdracht,datum,uren,omschrijving',
    `${staff.GM0505},${apv},2012-04-02,"7,5",APV`,
    `${staff.GM0505},${apv},2012-04-03,2:15,APV`,
    `${staff.GM0642},${rmjp},2012-04-04,1.5,rMJP`,
  ].join('\n') + '\n';
  const r = importCsv(pt, file(csv), ['--goedgekeurd', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual({ ...summary, fouten: summary.fouten.length }, {
    ingelezen: true, proeftuin: pt, regels: 3, urenregels: 3, minuten: 450 + 135 + 90, status: 'goedgekeurd', fouten: 0,
  });
  assert.ok((await entries(pt)).every((e) => e.status === 'goedgekeurd'));
  const s = await saldi(srv, pt);
  // 585 minutes for Alblasserdam alone; 90 regional minutes split equally over six (15 each).
  assert.equal(s.GM0505.gebrachtMinuten, 585);
  assert.equal(s.GM0482.gehaaldMinuten, 585 + 15);
  assert.equal(s.GM0642.gebrachtMinuten, 75);
  assert.equal(s.GM0482.vastgelegdMinuten, 600 - 585, 'approving released the inzet it used');
  const sum = Object.values(s).reduce((t, x) => t + x.gebrachtMinuten - x.gehaaldMinuten, 0);
  assert.equal(sum, 0);
  const v = spawnSync(BIN, ['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});

test('one bad line and nothing is read; every error names its line and says what is wrong', async () => {
  const { pt, apv, rmjp } = await setup();
  const csv = [
    'medewerker;opdracht;datum;minuten;omschrijving',
    `${staff.GM0505};${apv};2012-03-05;240;goed`,
    `${staff.GM0505};${apv};2012-02-30;60;bestaat niet`,
    `${staff.GM0505};${apv};gisteren;60;geen datum`,
    `${staff.GM0505};${apv};2012-03-07;7,5;minuten met een komma`,
    `Niemand;${apv};2012-03-08;60;onbekende medewerker`,
    `${staff.GM0505};Bestaat niet;2012-03-08;60;onbekende opdracht`,
    `${staff.GM0505};${apv};2012-03-09;0;nul`,
    `${staff.GM0505};${apv};2011-12-31;60;voor de proeftuin`,
    `${staff.GM0505};${apv};2012-03-12;500;boven de inzet`,
    `${staff.GM0642};${apv};2012-03-12;60;niet ingezet`,
    `${staff.GM0505};${apv}`,
  ].join('\r\n');
  const before = (await entries(pt)).length;
  const r = importCsv(pt, file(csv));
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('regel '));
  const byLine = Object.fromEntries(lines.map((l) => [Number(l.match(/^regel (\d+):/)[1]), l]));
  assert.deepEqual(Object.keys(byLine).map(Number), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.match(byLine[3], /^regel 3: datum '2012-02-30' bestaat niet$/);
  assert.match(byLine[4], /datum 'gisteren' is geen datum/);
  assert.match(byLine[5], /minuten '7,5' is geen aantal minuten/);
  assert.match(byLine[6], /medewerker 'Niemand' bestaat niet in proeftuin/);
  assert.match(byLine[7], /opdracht 'Bestaat niet' bestaat niet in proeftuin/);
  assert.match(byLine[8], /een urenregel is 1 minuut tot 24 uur/);
  assert.match(byLine[9], /31 december 2011 valt buiten \S/);
  assert.match(byLine[10], /ingezet op '[^']+' en heeft er al 4:00 uur geboekt; er kan nog 6:00 uur bij, niet 8:20 uur/,
    'a line counts with the lines before it');
  assert.match(byLine[11], /niet ingezet op '[^']+'; .*Vraag uw manager om de inzet/);
  assert.match(byLine[12], /2 velden, de kopregel vraagt er ten minste 4/);
  assert.match(r.stderr, /samen: niets ingelezen: 10 fouten in 11 urenregels/);
  assert.equal((await entries(pt)).length, before, 'all or nothing');
  const audit = (await auditRecords(srv)).find((a) => a.object.includes(`in proeftuin ${pt}`));
  assert.match(audit.resultaat, /^mislukt/);
});

test('the header decides: missing columns, minutes and hours both, an empty file, an unclosed quote', async () => {
  const { pt, apv } = await setup();
  let r = importCsv(pt, file('medewerker;opdracht;minuten\n1;1;60\n'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /regel 1: de kopregel heeft geen kolom 'datum'/);
  r = importCsv(pt, file('medewerker;opdracht;datum;minuten;uren\n1;1;2012-03-05;60;1\n'));
  assert.match(r.stderr, /zowel 'minuten' als 'uren'/);
  r = importCsv(pt, file('medewerker;opdracht;datum;omschrijving\n1;1;2012-03-05;x\n'));
  assert.match(r.stderr, /geen kolom 'minuten' of 'uren'/);
  r = importCsv(pt, file(''));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /het bestand is leeg/);
  r = importCsv(pt, file('medewerker;opdracht;datum;minuten\n'));
  assert.match(r.stderr, /geen urenregels onder de kopregel/);
  r = importCsv(pt, file(`medewerker;opdracht;datum;minuten;omschrijving\n${staff.GM0505};${apv};2012-03-05;60;"niet gesloten\n`));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /regel 2: een aanhalingsteken \(\"\) wordt niet gesloten/);
  assert.equal((await entries(pt)).length, 0);
});

test('Windows-1252 text (Excel\'s "CSV gescheiden door lijstscheidingsteken") arrives as UTF-8', async () => {
  const { pt, apv } = await setup();
  const cp1252 = Buffer.concat([
    Buffer.from(`medewerker;opdracht;datum;minuten;omschrijving\r\n${staff.GM0505};${apv};2012-03-05;60;overleg caf`, 'latin1'),
    Buffer.from([0xe9, 0x20, 0x91]), Buffer.from('de Brug', 'latin1'), Buffer.from([0x92, 0x20, 0x96, 0x20, 0x80]),
    Buffer.from('\r\n', 'latin1'),
  ]);
  const r = importCsv(pt, file(cp1252));
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await entries(pt))[0].omschrijving, 'overleg café ‘de Brug’ – €');
});

test('--als acts as an account with its rights: a medewerker submits for its own organisation only, and approves nothing', async () => {
  const { pt, apv, rmjp } = await setup();
  const own = `medewerker;opdracht;datum;minuten\n${staff.GM0505};${apv};2012-05-01;60\n`;
  let r = importCsv(pt, file(own), ['--als', 'import-medewerker-dd']);
  assert.equal(r.status, 0, r.stderr);
  const e = (await entries(pt)).at(-1);
  assert.equal(e.ingediendDoor, 'import-medewerker-dd');
  const audit = (await auditRecords(srv)).find((a) => a.object.includes(`in proeftuin ${pt}`));
  assert.match(audit.actor, /^import-medewerker-dd via .* \(opdrachtregel\)$/);

  r = importCsv(pt, file(`medewerker;opdracht;datum;minuten\n${staff.GM0642};${rmjp};2012-05-02;60\n`), ['--als', 'import-medewerker-dd']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /regel 2: import-medewerker-dd \(medewerker, GM0505\) mag geen uren boeken voor medewerkers van GM0642/);
  r = importCsv(pt, file(own.replace('2012-05-01', '2012-05-03')), ['--als', 'import-medewerker-dd', '--goedgekeurd']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /mag uren op opdracht \d+ niet goedkeuren: dat doet de manager van de opdrachtgever/);
  // The principal's manager may approve, but books only for its own staff.
  r = importCsv(pt, file(own.replace('2012-05-01', '2012-05-04')), ['--als', 'import-manager-ad', '--goedgekeurd']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /import-manager-ad \(manager, GM0482\) mag geen uren boeken voor medewerkers van GM0505/);
  r = importCsv(pt, file(own), ['--als', 'bestaat-niet']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--als: .*bestaat-niet/);
});

test('wrong use exits 2 with a Dutch message; help exits 0', () => {
  let r = samen(['uren', 'import', '--db', srv.db, 'x.csv']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--proeftuin CODE is verplicht/);
  r = samen(['uren', 'import', '--db', srv.db, '--proeftuin', 'p', '--frobnicate', 'x.csv']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /onbekende optie '--frobnicate'/);
  r = samen(['uren', 'export']);
  assert.equal(r.status, 2);
  r = samen(['uren', 'import', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /decimale komma/);
  r = samen(['uren', 'import', '--db', srv.db, '--proeftuin', 'bestaat-niet', file('medewerker;opdracht;datum;minuten\n')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Proeftuin 'bestaat-niet' bestaat niet/);
  r = samen(['uren', 'import', '--db', srv.db, '--proeftuin', 'p', join(srv.dir, 'nergens.csv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /het bestand bestaat niet/);
});

test('on a terminal the import shows its progress every 1000 lines; in a pipe it does not', async () => {
  const { pt, rmjp } = await setup();
  const rows = ['medewerker;opdracht;datum;minuten'];
  // 2500 entries of 5 minutes over the days of 2012, spread over the six staff members.
  const ids = Object.values(staff);
  for (let i = 0; i < 2500; i++) {
    const d = new Date(Date.UTC(2012, 0, 1 + (i % 360)));
    rows.push(`${ids[i % ids.length]};${rmjp};${d.toISOString().slice(0, 10)};5`);
  }
  const path = file(rows.join('\n') + '\n');
  const cmd = [BIN, 'uren', 'import', '--db', srv.db, '--proeftuin', pt, path].map((a) => `'${a}'`).join(' ');
  const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' }, timeout: 120000,
  });
  assert.equal(tty.status, 0, tty.stdout + tty.stderr);
  assert.match(tty.stdout, /\rsamen: 1000 regels gelezen, 0 fouten/);
  assert.match(tty.stdout, /\rsamen: 2000 regels gelezen, 0 fouten/);
  assert.match(tty.stdout, /2500 urenregels \(208:20 uur\) ingelezen/);
  assert.equal((await must(srv.api('GET', P(pt, '/uren?status=ingediend&limiet=10000')), 'uren')).length, 2500);
  // In a pipe: the same work, no progress lines.
  const other = await setup();
  const piped = importCsv(other.pt, file(rows.join('\n').replaceAll(`;${rmjp};`, `;${other.rmjp};`) + '\n'));
  assert.equal(piped.status, 0, piped.stderr);
  assert.doesNotMatch(piped.stderr, /regels gelezen/);
}, { timeout: 180000 });
