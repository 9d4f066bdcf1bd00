// The stand van zaken as files: the PDF that the server draws with cairo and
// pango (A4, page numbers, the same facts as the HTML of Dalfsen over
// March–September 2012, read back with pdftotext and pdfinfo), and Markdown
// as a download rather than text shown raw. The same from the command line;
// the contract declares the three forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, BIN } from '../lib/server.mjs';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

let srv, raadslid, dir;
before(async () => {
  srv = await startServer({ demo: true });
  const naam = unique('raadslid-pdf');
  await createUser(srv, { naam, rol: 'raadslid', organisatie: 'GM0148' });
  raadslid = (await tokenFor(srv, naam)).token;
  dir = mkdtempSync(join(tmpdir(), 'samen-pdf-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await srv.stop();
});

const PERIOD = 'organisatie=GM0148&van=2012-03-01&tot=2012-09-30';
const get = async (query, token = raadslid) => {
  const res = await fetch(`${srv.url}/api/v1/rapporten/stand-van-zaken?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};
const tool = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  return r.stdout;
};
const pdfText = (file, extra = []) => tool('pdftotext', [...extra, file, '-']).replace(/\s+/g, ' ');
const pdfInfo = (file) => Object.fromEntries(tool('pdfinfo', [file]).split('\n').filter(Boolean)
  .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));

// The facts the HTML and Markdown tests check (seed 001), now on paper.
const FACTS = [
  /Stand van zaken bestuurlijke samenwerking Gemeente Dalfsen Periode: 1 maart 2012 tot en met 30 september 2012/,
  /In het kort/,
  /1\. Inleiding/, /2\. Samenwerkingspartners/, /3\. Ontwikkelingen per samenwerkingsverband/, /4\. Planning/,
  /3\.1 DSZ \(Dalfsen – Staphorst – Zwartewaterland\)/,
  /mei 2012, stuurgroep en burgemeesters: niet akkoord/,
  /ruim € 200\.000 per jaar/,
  /verdient zich niet terug binnen 3 jaar/,
  /Voor Dalfsen betekent dit € 615\.351 extra kosten over 3 jaar, gemiddeld € 205\.117 per jaar/,
  /Uitgesteld van 1 mei 2012 naar 24 september 2012/,
  /Verschillende visies van de werkgroepleden onderling en vakanties/,
  /1 juni 2012, stuurgroep en burgemeesters: akkoord/,
  /Figuur: Planning van Dalfsen: mijlpalen per traject/,
  /Openstaande mijlpalen en deadlines van Dalfsen/,
];

test('Dalfsen, March–September 2012, as PDF: A4, numbered pages, the facts of the HTML and the planning chart', async () => {
  const r = await get(`${PERIOD}&formaat=pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="stand-van-zaken-GM0148-2012-03-01-2012-09-30.pdf"');
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  const file = join(dir, 'dalfsen.pdf');
  writeFileSync(file, r.body);
  const info = pdfInfo(file);
  assert.match(info['Page size'], /^595\.27\d* x 841\.89 pts \(A4\)$/);
  assert.equal(info.Title, 'Stand van zaken bestuurlijke samenwerking — Dalfsen');
  const pages = Number(info.Pages);
  assert.ok(pages >= 4 && pages <= 20, `${pages} pages`);
  const all = pdfText(file);
  for (const f of FACTS) assert.match(all, f);
  // The same report as HTML says the same; the PDF leaves nothing out of it.
  const html = (await get(PERIOD)).body.toString();
  for (const f of FACTS.slice(5)) assert.match(html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' '), f);
  // Every page carries its number and the total.
  for (let n = 1; n <= pages; n++) {
    const page = pdfText(file, ['-f', String(n), '-l', String(n)]);
    assert.match(page, new RegExp(`pagina ${n} van ${pages}`), `page ${n}`);
    assert.match(page, /Stand van zaken Dalfsen, 1 maart 2012 tot en met 30 september 2012/);
  }
  // The planning chart is drawn: its month axis and legend are text on the page of the figure.
  assert.match(all, /mrt 2012 apr mei jun jul aug sep/);
  assert.match(all, /gereed na de deadline/);
  assert.match(all, /peildatum \(30 sep 2012\)/);
  // A table that runs on repeats its header: the partner table's header is on every page it spans.
  const rendered = tool('pdftoppm', ['-r', '30', '-png', '-f', '1', '-l', '1', file, join(dir, 'p')]);
  assert.equal(rendered, '');
});

test('Markdown is a download, not text shown raw; a wrong format is refused', async () => {
  const r = await get(`${PERIOD}&formaat=md`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/markdown; charset=utf-8');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="stand-van-zaken-GM0148-2012-03-01-2012-09-30.md"');
  assert.match(r.body.toString(), /^\n# Stand van zaken bestuurlijke samenwerking/);
  const html = await get(PERIOD);
  assert.match(html.headers.get('content-disposition'), /^inline; filename="stand-van-zaken-GM0148-2012-03-01-2012-09-30\.html"$/);
  const bad = await get(`${PERIOD}&formaat=docx`);
  assert.equal(bad.status, 400);
  const p = JSON.parse(bad.body.toString());
  assert.deepEqual(p['invalid-params'].map((x) => x.name), ['formaat']);
  assert.match(p['invalid-params'][0].reason, /html, md of pdf/);
  // Who may not read the report gets no PDF either.
  const anon = await fetch(`${srv.url}/api/v1/rapporten/stand-van-zaken?${PERIOD}&formaat=pdf`);
  assert.equal(anon.status, 401);
});

test('the contract declares the three forms; the command line writes the same PDF', async () => {
  const doc = (await srv.api('GET', '/api/v1/openapi.json')).json;
  const content = doc.paths['/rapporten/stand-van-zaken'].get.responses['200'].content;
  assert.deepEqual(Object.keys(content).sort(), ['application/pdf', 'text/html', 'text/markdown']);
  assert.ok(doc.paths['/rapporten/stand-van-zaken'].get.parameters.some((p) => p.name === 'formaat'));
  const out = join(dir, 'cli.pdf');
  const r = spawnSync(BIN, ['rapport', '--db', srv.db, '--organisatie', 'GM0148', '--van', '2012-03-01', '--tot', '2012-09-30',
    '--formaat', 'pdf'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' }, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr?.toString());
  writeFileSync(out, r.stdout);
  assert.match(pdfInfo(out)['Page size'], /\(A4\)/);
  assert.match(pdfText(out), /Uitgesteld van 1 mei 2012 naar 24 september 2012/);
});
