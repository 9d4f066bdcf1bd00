// The journal checked by tools no one here wrote: `hledger -f - balance`
// and `ledger -f - balance` read GET /proeftuinen/{p}/journaal (and accept
// it under `hledger check --strict ordereddates` and `ledger --pedantic`), and their
// per-organisation totals must equal saldoMinuten of /saldi — through
// hours (local, shared, regional), a reversal, deposits, an intermediate
// settlement and the period after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { CODES, drechtsteden, proeftuin, saldi, must, samen, tool } from './urenbank-helpers.mjs';

let srv, staff, pt;
const api = (m, p, b, o) => srv.api(m, p, b, o);
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;

// Per account leaf, the minutes of a balance report (flat or tree): lines
// like "   533 min  leden:GM0505" or "   533 min    GM0505".
function totals(report) {
  const out = {};
  for (const line of report.split('\n')) {
    const m = /^\s*(-?\d+) min\s+(\S.*?)\s*$/.exec(line);
    if (m) out[m[2].split(':').pop()] = Number(m[1]);
  }
  return out;
}

async function compare(what) {
  const journal = (await api('GET', P('/journaal'))).text;
  const s = await saldi(srv, pt);
  // The strict checks of both tools: accounts, the commodity and the tags
  // declared, every transaction balanced, the dates in order.
  tool('hledger', ['-f', '-', 'check', '--strict', 'ordereddates'], journal);
  const h = totals(tool('hledger', ['-f', '-', '--strict', 'balance'], journal));
  const l = totals(tool('ledger', ['-f', '-', '--pedantic', 'balance'], journal));
  for (const c of CODES) {
    assert.equal(h[c] ?? 0, s[c].saldoMinuten, `${what}: hledger, ${c}`);
    assert.equal(l[c] ?? 0, s[c].saldoMinuten, `${what}: ledger, ${c}`);
  }
  // The pot holds what was deposited and not yet settled.
  const deposited = CODES.reduce((a, c) => a + s[c].gestortMinuten, 0);
  assert.equal(h.stortingen ?? 0, deposited ? -deposited : 0, `${what}: pot`);
  // Per kind, through the posting tags: gebracht and gehaald of the open period.
  const geb = totals(tool('hledger', ['-f', '-', 'balance', 'tag:soort=gebracht'], journal));
  const geh = totals(tool('ledger', ['-f', '-', 'balance', '%soort=gehaald'], journal));
  for (const c of CODES) {
    assert.equal(geb[c] ?? 0, s[c].gebrachtMinuten, `${what}: gebracht ${c}`);
    assert.equal(geh[c] ?? 0, s[c].gehaaldMinuten ? -s[c].gehaaldMinuten : 0, `${what}: gehaald ${c}`);
  }
  return { journal, s };
}

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { kredietlimietMinuten: 5000 });
});
after(async () => { await srv.stop(); });

test('hledger and ledger agree with /saldi through every kind of transaction and a settlement', async () => {
  const lokaal = await must(api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Jeugdzorg; "transitie"\nregel twee',
    opdrachtgevers: [{ organisatie: 'GM0505' }] }), 'lokaal');
  const gedeeld = await must(api('POST', P('/opdrachten'), { soort: 'meervoudig-lokaal', titel: 'Wmo',
    opdrachtgevers: [{ organisatie: 'GM0590', aandeel: 2 }, { organisatie: 'GM0610', aandeel: 1 }] }), 'gedeeld');
  const rmjp = await must(api('POST', P('/opdrachten'), { soort: 'regionaal', titel: 'rMJP', verdeelsleutel: 'inwoners' }), 'regionaal');
  await must(api('POST', P(`/opdrachten/${lokaal.id}/inzet`), { medewerker: staff.GM0642, minuten: 2000 }), 'inzet');
  await must(api('POST', P(`/opdrachten/${gedeeld.id}/inzet`), { medewerker: staff.GM0482, minuten: 2000 }), 'inzet');
  const entries = [
    [staff.GM0642, lokaal.id, 390, '2012-02-01'],
    [staff.GM0642, lokaal.id, 125, '2012-02-02'],
    [staff.GM0482, gedeeld.id, 301, '2012-03-01'],
    [staff.GM0531, rmjp.id, 457, '2012-04-01'],
    [staff.GM0505, rmjp.id, 61, '2012-05-01'],
    [staff.GM0505, lokaal.id, 480, '2012-05-02'], // own work: nothing posted
  ];
  const ids = [];
  for (const [medewerker, opdracht, minuten, datum] of entries) {
    const e = await must(api('POST', P('/uren'), { medewerker, opdracht, minuten, datum, omschrijving: 'notitie; met ; en\nnieuwe regel' }), 'uren');
    await must(api('POST', P(`/uren/${e.id}/goedkeuren`)), 'goedkeuren');
    ids.push(e.id);
  }
  await must(api('POST', P(`/uren/${ids[1]}/corrigeren`), { reden: 'verkeerde opdracht' }), 'corrigeren');
  await must(api('POST', P('/stortingen'), { organisatie: 'GM0505', bedragCenten: 100000, datum: '2012-05-15' }), 'storting');
  await must(api('POST', P('/stortingen'), { organisatie: 'GM0610', bedragCenten: 12345, datum: '2012-06-01' }), 'storting');
  let { journal, s } = await compare('voor de afrekening');
  assert.equal(CODES.reduce((a, c) => a + s[c].gebrachtMinuten - s[c].gehaaldMinuten, 0), 0);
  assert.match(journal, /^; leden:GM0505 is Dordrecht\naccount leden:GM0505$/m);
  assert.doesNotMatch(journal, /\nnieuwe regel|\nregel twee/);
  assert.match(journal, /; omschrijving: notitie, met , en nieuwe regel\n/);

  // Settle the first half year; the second half starts at zero.
  await must(api('POST', P('/afrekening'), { tot: '2012-06-30' }), 'afrekening');
  ({ s } = await compare('na de tussentijdse afrekening'));
  for (const c of CODES) assert.equal(s[c].saldoMinuten, 0, c);
  const later = await must(api('POST', P('/uren'), { medewerker: staff.GM0642, opdracht: lokaal.id, minuten: 77, datum: '2012-09-01' }), 'uren');
  await must(api('POST', P(`/uren/${later.id}/goedkeuren`)), 'goedkeuren');
  await must(api('POST', P('/stortingen'), { organisatie: 'GM0531', bedragCenten: 6500, datum: '2012-09-02' }), 'storting');
  ({ s } = await compare('in de tweede periode'));
  assert.equal(s.GM0642.saldoMinuten, 77);
  assert.equal(s.GM0531.saldoMinuten, 60);

  await must(api('POST', P('/afrekening')), 'slotafrekening');
  ({ journal } = await compare('na de slotafrekening'));
  const h = tool('hledger', ['-f', '-', 'balance'], journal);
  assert.match(h, /^\s*0\s*$/m); // everything closed: the grand total and no account left
  assert.equal(Object.keys(totals(h)).length, 0);
  const v = samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('the CLI writes the same journal as the API', async () => {
  const api1 = (await api('GET', P('/journaal'))).text;
  const cli = samen(['proeftuin', 'journaal', '--db', srv.db, '--proeftuin', pt]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(cli.stdout, api1);
  const r = await api('GET', P('/journaal'));
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  assert.equal((await api('GET', '/api/v1/proeftuinen/bestaat-niet/journaal')).status, 404);
});

// The journal of a national proeftuin is a million transactions: the API
// gives it in pages of transactions, each page a journal of its own.
test('the journal in pages: Link and X-Total-Count, each page a journal hledger accepts, together the whole in order', async () => {
  const first = await api('GET', P('/journaal'));
  assert.match(first.headers.get('link'), /pagina=1&paginaGrootte=100>; rel="first"/, 'the default page: 100 transactions');
  const whole = first.text;
  const txns = (text) => text.split('\n\n').filter((b) => /^\d{4}-\d\d-\d\d \* \(\d+\)/.test(b.trim())).map((b) => b.trim());
  const all = txns(whole);
  assert.ok(all.length >= 7, `${all.length} transactions`);
  const size = 3, last = Math.ceil(all.length / size);
  const seen = [];
  for (let page = 1; page <= last; page++) {
    const r = await api('GET', P(`/journaal?pagina=${page}&paginaGrootte=${size}`));
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    assert.equal(Number(r.headers.get('x-total-count')), all.length);
    const links = Object.fromEntries(r.headers.get('link').split(', ').map((l) => {
      const m = /^<([^>]+)>; rel="(\w+)"$/.exec(l);
      return [m[2], m[1]];
    }));
    assert.equal(links.first, P(`/journaal?pagina=1&paginaGrootte=${size}`));
    assert.equal(links.last, P(`/journaal?pagina=${last}&paginaGrootte=${size}`));
    assert.equal(links.next, page < last ? P(`/journaal?pagina=${page + 1}&paginaGrootte=${size}`) : undefined);
    assert.equal(links.prev, page > 1 ? P(`/journaal?pagina=${page - 1}&paginaGrootte=${size}`) : undefined);
    const part = txns(r.text);
    assert.equal(part.length, page < last ? size : all.length - size * (last - 1), `page ${page}`);
    // A page declares its accounts and unit itself, so the strict check holds.
    tool('hledger', ['-f', '-', 'check', '--strict', 'ordereddates'], r.text);
    seen.push(...part);
  }
  assert.deepEqual(seen, all, 'the pages in order are the whole journal');
  const beyond = await api('GET', P(`/journaal?pagina=${last + 1}&paginaGrootte=${size}`));
  assert.equal(beyond.status, 200);
  assert.equal(txns(beyond.text).length, 0);
  assert.match(beyond.headers.get('link'), new RegExp(`pagina=${last}&paginaGrootte=${size}>; rel="prev"`));
  assert.equal((await api('GET', P('/journaal?paginaGrootte=0'))).status, 400);
});
