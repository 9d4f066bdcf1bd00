// The journal page (issue 12): /proeftuinen/{p}/journaal is a page that
// offers the journal per month, quarter and year (the most recent month
// with transactions chosen) and the whole journal on request; each download
// is a journal that `hledger check --strict` accepts, the months together
// are the whole journal, and the whole one still adds up to /saldi.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { CODES, drechtsteden, proeftuin, saldi, must, tool } from './urenbank-helpers.mjs';

let srv, staff, pt;
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const page = (q = '') => srv.api('GET', `/proeftuinen/${pt}/journaal${q}`, null, { raw: true });

// Per member, the minutes of `hledger balance` of a journal.
function totals(journal) {
  const out = {};
  for (const line of tool('hledger', ['-f', '-', '--strict', 'balance', '--flat'], journal).split('\n')) {
    const m = /^\s*(-?\d+) min\s+leden:(\S+)\s*$/.exec(line);
    if (m) out[m[2]] = Number(m[1]);
  }
  return out;
}
const txns = (text) => text.split('\n\n').filter((b) => /^\d{4}-\d\d-\d\d \* \(\d+\)/.test(b.trim())).map((b) => b.trim());
async function download(periode) {
  const r = await page(`?periode=${periode}`);
  assert.equal(r.status, 200, `${periode}: ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get('content-type'), /^text\/plain; charset=utf-8/);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="${pt}${periode === 'alles' ? '' : '-' + periode}.journal"`);
  assert.match(r.text, new RegExp(`^; samen — journaal van de urenbank van proeftuin ${pt}`));
  tool('hledger', ['-f', '-', 'check', '--strict', 'ordereddates'], r.text);
  return r.text;
}

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { kredietlimietMinuten: 5000 });
  const lokaal = await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Jeugdzorg', opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'lokaal');
  const rmjp = await must(srv.api('POST', P('/opdrachten'), { soort: 'regionaal', titel: 'rMJP', verdeelsleutel: 'inwoners' }), 'regionaal');
  await must(srv.api('POST', P(`/opdrachten/${lokaal.id}/inzet`), { medewerker: staff.GM0642, minuten: 3000 }), 'inzet');
  const ids = [];
  for (const [medewerker, opdracht, minuten, datum] of [
    [staff.GM0642, lokaal.id, 390, '2012-02-01'], [staff.GM0642, lokaal.id, 125, '2012-02-29'],
    [staff.GM0531, rmjp.id, 457, '2012-03-01'], [staff.GM0505, rmjp.id, 61, '2012-05-31'],
    [staff.GM0642, lokaal.id, 77, '2012-11-30'],
  ]) {
    const e = await must(srv.api('POST', P('/uren'), { medewerker, opdracht, minuten, datum }), 'uren');
    await must(srv.api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
    ids.push(e.id);
  }
  await must(srv.api('POST', P(`/uren/${ids[1]}/corrigeren`), { reden: 'verkeerde opdracht' }), 'corrigeren');
  await must(srv.api('POST', P('/stortingen'), { organisatie: 'GM0610', bedragCenten: 12345, datum: '2012-06-01' }), 'storting');
  await must(srv.api('POST', P('/afrekening'), { tot: '2012-06-30' }), 'afrekening');
});
after(async () => { await srv.stop(); });

test('the page offers the months with transactions, their quarters and years, the most recent month chosen, and the whole journal', async () => {
  const r = await page();
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<form class="samen-filter" method="get" action="\/proeftuinen\/[^"]+\/journaal">/);
  const options = [...r.text.matchAll(/<option( selected)? value="([^"]+)">([^<]+)<\/option>/g)].map((m) => [m[2], m[3], !!m[1]]);
  // Transactions are dated in February, March, May, June (deposit, settlement) and November.
  assert.deepEqual(options.map((o) => o[0]), ['2012-11', '2012-06', '2012-05', '2012-03', '2012-02',
    '2012-K4', '2012-K2', '2012-K1', '2012']);
  assert.deepEqual(options.filter((o) => o[2]).map((o) => o[0]), ['2012-11'], 'the most recent month is chosen');
  assert.deepEqual(options.find((o) => o[0] === '2012-K2').slice(0, 2), ['2012-K2', 'tweede kwartaal 2012']);
  assert.deepEqual(options[0].slice(0, 2), ['2012-11', 'november 2012']);
  assert.match(r.text, new RegExp(`href="/proeftuinen/${pt}/journaal\\?periode=alles">Het hele journaal downloaden</a>`));
  // The tab of every proeftuin page leads here.
  assert.match((await srv.api('GET', `/proeftuinen/${pt}/saldi`, null, { raw: true })).text,
    new RegExp(`<a class="utrecht-link samen-ub-tabs__link" href="/proeftuinen/${pt}/journaal">Journaal</a>`));
});

test('each month, quarter and year is a journal of its own; the months together are the whole journal, which adds up to /saldi', async () => {
  const whole = await download('alles');
  const s = await saldi(srv, pt);
  const all = totals(whole);
  for (const c of CODES) assert.equal(all[c] ?? 0, s[c].saldoMinuten, `whole journal: ${c}`);
  const months = ['2012-02', '2012-03', '2012-05', '2012-06', '2012-11'];
  const parts = [];
  for (const m of months) {
    const j = await download(m);
    const t = txns(j);
    assert.ok(t.length > 0, `${m} has transactions`);
    for (const x of t) assert.ok(x.startsWith(m + '-'), `${m}: ${x.slice(0, 40)}`);
    parts.push(...t);
  }
  assert.deepEqual(parts, txns(whole), 'the months in order are the whole journal');
  // A quarter is its months; a year its quarters; a month without transactions an empty journal.
  assert.deepEqual(txns(await download('2012-K1')), [...txns(await download('2012-02')), ...txns(await download('2012-03'))]);
  assert.deepEqual(txns(await download('2012')), txns(whole));
  assert.deepEqual(txns(await download('2012-04')), []);
  // The balance of a period is what moved in it: February's hours and the correction of one of them.
  const feb = totals(await download('2012-02'));
  assert.equal(feb.GM0642, 390, 'brought 390 + 125, 125 reversed');
  assert.equal(feb.GM0505, -390);
});

test('a period that is none is 400 with the page and a Dutch message; anonymous is 401', async () => {
  for (const bad of ['2012-13', '2012-K5', '12', 'gisteren', '2012-1']) {
    const r = await page(`?periode=${encodeURIComponent(bad)}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.text, /Kies een periode uit de lijst/);
    assert.match(r.text, /aria-invalid="true"/);
  }
  assert.equal((await srv.api('GET', `/proeftuinen/${pt}/journaal?periode=2012-02`, null, { token: null, raw: true })).status, 401);
  assert.equal((await srv.api('GET', '/proeftuinen/bestaat-niet/journaal?periode=2012-02', null, { raw: true })).status, 404);
});
