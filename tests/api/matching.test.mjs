// The matching of a proeftuin through the API (docs/api.md "Skills map",
// docs/matching.md): a small proeftuin whose optimum is worked out by hand
// below (exact level first, then the lowest saldo, within every principal's
// drawing rights), accepting it as inzet, refusing beyond drawing rights
// (422, all or nothing), availability from absences and retirement, the
// errors, who may, and Idempotency-Key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN_TOKEN } from '../lib/server.mjs';
import { proeftuin, saldi, must } from './urenbank-helpers.mjs';
import { createUser, tokenFor, unique } from './auth-helpers.mjs';

// The last 14 days of 2012: h hours a week are h·60·14/7 = 120·h minutes.
const VANAF = '2012-12-18';

let srv;
const api = (m, p, b, o) => srv.api(m, p, b, o);
const P = (pt, rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const match = (pt, body = { vanaf: VANAF }, o) => api('POST', P(pt, '/matching'), body, o);

async function person(naam, organisatie, uur, competenties, extra = {}) {
  const m = await must(api('POST', '/api/v1/medewerkers', {
    naam, organisatie, functie: 'beleidsadviseur', uurPerWeek: 36, beschikbaarUurPerWeek: uur, ...extra,
  }), 'medewerker');
  for (const [code, niveau] of Object.entries(competenties))
    await must(api('PUT', `/api/v1/medewerkers/${m.id}/competenties/${code}`, { niveau }), `niveau ${code}`);
  return m.id;
}
const lokaal = async (pt, org, titel, geraamdeMinuten, competenties) => (await must(api('POST', P(pt, '/opdrachten'), {
  soort: 'lokaal', titel, opdrachtgevers: [{ organisatie: org, aandeel: 1 }], geraamdeMinuten, competenties,
}), 'opdracht')).id;

// Fresh organisations for every scenario, so that no staff of another test
// is available in it: { D: code, P: code, Z: code } named after Dordrecht,
// Papendrecht and Zwijndrecht.
let orgCounter = 0;
async function orgs() {
  const out = {};
  for (const [k, naam] of [['D', 'Dordrecht'], ['P', 'Papendrecht'], ['Z', 'Zwijndrecht']]) {
    const code = `${k}X-${process.pid}-${++orgCounter}`;
    await must(api('POST', '/api/v1/organisaties', { code, naam: `${naam} ${orgCounter}`, soort: 'overig' }), 'organisatie');
    out[k] = code;
  }
  return out;
}

before(async () => {
  srv = await startServer();
  for (const [code, naam] of [['jeugdzorg', 'Jeugdzorg'], ['wmo', 'Wmo-beleid'], ['gba', 'GBA']])
    await must(api('POST', '/api/v1/competenties', { code, naam }), 'competentie');
});
after(async () => { await srv.stop(); });

// Four people, two opdrachten:
//   O1 Papendrecht, 600 min jeugdzorg ≥ ervaren; O2 Zwijndrecht, 300 min wmo ≥ basis.
//   P1 Dordrecht 2 h (240 min) jeugdzorg expert + wmo basis; P2 Zwijndrecht 3 h (360) jeugdzorg ervaren;
//   P3 Papendrecht 1 h (120) jeugdzorg ervaren; P4 Papendrecht 2 h (240) wmo basis.
// Dordrecht deposits an hour, so its saldo (60) is the highest: rank 1, the others rank 0.
// All 900 minutes can be covered (P1 must give 120 to O1, over-qualified); then O2 prefers
// P4 (rank 0) for 240 and takes the last 60 from P1 (rank 1). G = (K−1)·U + 1 = 1·900 + 1.
async function smallProeftuin(opts = {}) {
  const { D: DORDRECHT, P: PAPENDRECHT, Z: ZWIJNDRECHT } = await orgs();
  const pt = await proeftuin(srv, { leden: [DORDRECHT, PAPENDRECHT, ZWIJNDRECHT], ...opts });
  const tag = unique('m');
  const p = {
    P1: await person(`P1 ${tag}`, DORDRECHT, 2, { jeugdzorg: 3, wmo: 1 }),
    P2: await person(`P2 ${tag}`, ZWIJNDRECHT, 3, { jeugdzorg: 2 }),
    P3: await person(`P3 ${tag}`, PAPENDRECHT, 1, { jeugdzorg: 2 }),
    P4: await person(`P4 ${tag}`, PAPENDRECHT, 2, { wmo: 1 }),
  };
  const O1 = await lokaal(pt, PAPENDRECHT, 'Nota jeugdhulp Papendrecht', 600, [{ competentie: 'jeugdzorg', niveau: 2 }]);
  const O2 = await lokaal(pt, ZWIJNDRECHT, 'Wmo-verordening Zwijndrecht', 300, [{ competentie: 'wmo', niveau: 1 }]);
  await must(api('POST', P(pt, '/stortingen'), { organisatie: DORDRECHT, bedragCenten: 6500, datum: '2012-02-01' }), 'storting');
  return { pt, p, O1, O2, DORDRECHT, PAPENDRECHT, ZWIJNDRECHT };
}

const rows = (r) => r.json.toewijzingen.map((t) => [t.opdracht, t.medewerker, t.minuten]);

test('the proposal of a small proeftuin is the optimum worked out by hand', async () => {
  const { pt, p, O1, O2, DORDRECHT, PAPENDRECHT, ZWIJNDRECHT } = await smallProeftuin();
  const r = await match(pt);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.vanaf, VANAF);
  assert.equal(r.json.tot, '2012-12-31');
  assert.deepEqual(rows(r), [
    [O1, p.P1, 120], [O1, p.P2, 360], [O1, p.P3, 120],
    [O2, p.P1, 60], [O2, p.P4, 240],
  ]);
  const t = r.json.toewijzingen[0];
  assert.equal(t.organisatie, DORDRECHT);
  assert.equal(t.competentie, 'jeugdzorg');
  assert.equal(t.niveau, 3);
  assert.equal(t.vereistNiveau, 2);
  assert.equal(t.opdrachtTitel, 'Nota jeugdhulp Papendrecht');
  assert.deepEqual(r.json.ongedekt, []);
  assert.deepEqual(r.json.doel, {
    gevraagdMinuten: 900, gedektMinuten: 900, ongedektMinuten: 0, overkwalificatieMinuten: 120,
    saldorangMinuten: 180, kosten: 120 * 902 + 60 * 1, gewichtNiveau: 901, saldoklassen: 2, stroomMinuten: 900,
    afgerondMinuten: 0,
  });
  const rechten = Object.fromEntries(r.json.trekkingsrechten.map((x) => [x.organisatie, x]));
  assert.equal(rechten[DORDRECHT].saldoMinuten, 60);
  assert.equal(rechten[DORDRECHT].saldorang, 1);
  assert.equal(rechten[PAPENDRECHT].saldorang, 0);
  assert.equal(rechten[PAPENDRECHT].vastTeLeggenMinuten, 120 + 360); // P3 is Papendrecht's own
  assert.equal(rechten[ZWIJNDRECHT].vastTeLeggenMinuten, 300);
  assert.equal(rechten[DORDRECHT].vastTeLeggenMinuten, 0);
  // Nothing was written.
  assert.equal((await saldi(srv, pt))[PAPENDRECHT].vastgelegdMinuten, 0);
});

test('accepting creates the inzet; the next proposal has nothing left to assign', async () => {
  const { pt, p, O1, O2, DORDRECHT, PAPENDRECHT, ZWIJNDRECHT } = await smallProeftuin();
  const prop = (await match(pt)).json;
  const r = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: prop.toewijzingen });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.inzet.length, 5);
  assert.equal(r.json.minuten, 900);
  const o1 = await must(api('GET', P(pt, `/opdrachten/${O1}`)), 'opdracht');
  assert.deepEqual(o1.inzet.map((i) => [i.medewerker, i.minuten]), [[p.P1, 120], [p.P2, 360], [p.P3, 120]]);
  const o2 = await must(api('GET', P(pt, `/opdrachten/${O2}`)), 'opdracht');
  assert.deepEqual(o2.inzet.map((i) => [i.medewerker, i.minuten]), [[p.P1, 60], [p.P4, 240]]);
  const s = await saldi(srv, pt);
  assert.equal(s[PAPENDRECHT].vastgelegdMinuten, 480);
  assert.equal(s[ZWIJNDRECHT].vastgelegdMinuten, 300);
  assert.equal(s[DORDRECHT].vastgelegdMinuten, 0);
  const again = await match(pt);
  assert.equal(again.status, 200);
  assert.deepEqual(again.json.toewijzingen, []);
  assert.equal(again.json.doel.gevraagdMinuten, 0);
  // The matching page lists the inzet of the open opdrachten: all five, counted.
  const page = await fetch(`${srv.url}/proeftuinen/${pt}/matching`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Inzet 1 tot en met 5 van 5\./);
  assert.equal((html.split('Inzet op open opdrachten')[1].split('</table>')[0].match(/<tr class="utrecht-table__row">/g) || []).length, 1 + 5, 'the head and five rows');
});

test('a proposal never exceeds a principal\'s drawing rights; accepting beyond them is refused, all or nothing', async () => {
  // Every member may draw 100 minutes (credit limit 100, saldo 0). O1 (Papendrecht) gets P3
  // (its own, 120) and 100 foreign minutes: the exact-level P2 before the expert P1. O2
  // (Zwijndrecht) gets 100 foreign minutes: P4 (rank 0) before P1 (rank 1).
  const { pt, p, O1, O2, PAPENDRECHT, ZWIJNDRECHT } = await smallProeftuin({ kredietlimietMinuten: 100 });
  const r = await match(pt);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(rows(r), [[O1, p.P2, 100], [O1, p.P3, 120], [O2, p.P4, 100]]);
  assert.deepEqual(r.json.ongedekt.map((u) => [u.opdracht, u.competentie, u.niveau, u.minuten]),
    [[O1, 'jeugdzorg', 2, 380], [O2, 'wmo', 1, 200]]);
  const rechten = Object.fromEntries(r.json.trekkingsrechten.map((x) => [x.organisatie, x]));
  assert.equal(rechten[PAPENDRECHT].vastTeLeggenMinuten, 100);
  assert.equal(rechten[ZWIJNDRECHT].vastTeLeggenMinuten, 100);
  assert.equal(r.json.doel.gedektMinuten, 320);

  // By hand: a valid toewijzing on O2 and one on O1 beyond Papendrecht's 100 minutes.
  const bad = await api('POST', P(pt, '/matching/accepteren'), {
    toewijzingen: [{ opdracht: O2, medewerker: p.P4, minuten: 60 }, { opdracht: O1, medewerker: p.P2, minuten: 300 }],
  });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.headers.get('content-type'), 'application/problem+json');
  assert.match(bad.json.detail, /^Toewijzing 2 \(opdracht \d+\): Onvoldoende trekkingsrechten: .*Papendrecht.* 100 minuten beschikbaar .*tekort 200 minuten/);
  assert.ok(bad.json['invalid-params'].some((x) => x.name === 'toewijzingen[1].minuten'), bad.text);
  const o2 = await must(api('GET', P(pt, `/opdrachten/${O2}`)), 'opdracht');
  assert.deepEqual(o2.inzet, [], 'the first toewijzing was not kept');
  assert.equal((await saldi(srv, pt))[ZWIJNDRECHT].vastgelegdMinuten, 0);

  // The proposal itself is accepted whole.
  const ok = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: r.json.toewijzingen });
  assert.equal(ok.status, 201, ok.text);
  assert.equal((await saldi(srv, pt))[PAPENDRECHT].beschikbaarMinuten, 0);
});

test('availability: the period, absences and retirement count', async () => {
  const { D: DORDRECHT, P: PAPENDRECHT } = await orgs();
  const pt = await proeftuin(srv, { leden: [DORDRECHT, PAPENDRECHT], kredietlimietMinuten: 100000 });
  const tag = unique('a');
  const absent = await person(`Afwezig ${tag}`, DORDRECHT, 2, { gba: 2 });
  const retired = await person(`Met pensioen ${tag}`, DORDRECHT, 2, { gba: 2 }, { pensioenjaar: 2011 });
  const leaving = await person(`Laatste jaar ${tag}`, DORDRECHT, 2, { gba: 2 }, { pensioenjaar: 2012 });
  await must(api('POST', '/api/v1/afwezigheden', { medewerker: absent, van: '2012-12-20', tot: '2012-12-26' }), 'afwezigheid');
  const O = await lokaal(pt, PAPENDRECHT, 'GBA-kwaliteit', 20000, [{ competentie: 'gba', niveau: 1 }]);
  const r = await match(pt);
  assert.equal(r.status, 200, r.text);
  // 7 of 14 days absent: 120; the last year still counts whole: 240; retired in 2011: nothing.
  assert.deepEqual(rows(r), [[O, absent, 120], [O, leaving, 240]]);
  assert.ok(!rows(r).some(([, m]) => m === retired));
  assert.deepEqual(r.json.ongedekt.map((u) => u.minuten), [20000 - 360]);
  assert.equal(r.json.doel.overkwalificatieMinuten, 360);
  // Without vanaf the whole year counts: 2 h a week over 366 days.
  const year = await match(pt, {});
  assert.equal(year.json.vanaf, '2012-01-01');
  assert.deepEqual(rows(year), [[O, absent, Math.floor((2 * 60 * (366 - 7)) / 7)], [O, leaving, Math.floor((2 * 60 * 366) / 7)]]);
});

test('opdrachten without competences or estimate are listed as skipped', async () => {
  const { D: DORDRECHT, P: PAPENDRECHT } = await orgs();
  const pt = await proeftuin(srv, { leden: [DORDRECHT, PAPENDRECHT] });
  const a = (await must(api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Zonder competenties', opdrachtgevers: [{ organisatie: DORDRECHT, aandeel: 1 }], geraamdeMinuten: 600,
  }), 'opdracht')).id;
  const b = (await must(api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Zonder raming', opdrachtgevers: [{ organisatie: DORDRECHT, aandeel: 1 }], competenties: [{ competentie: 'wmo', niveau: 1 }],
  }), 'opdracht')).id;
  const r = await match(pt, {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.overgeslagen, [
    { opdracht: a, opdrachtTitel: 'Zonder competenties', reden: 'de opdracht vraagt geen competenties' },
    { opdracht: b, opdrachtTitel: 'Zonder raming', reden: 'de opdracht heeft geen geraamde minuten' },
  ]);
  assert.deepEqual(r.json.toewijzingen, []);
});

test('the matching page lists many skipped opdrachten per reason, with a count and ten titles (not one line each)', async () => {
  const { D: DORDRECHT, P: PAPENDRECHT } = await orgs();
  const pt = await proeftuin(srv, { leden: [DORDRECHT, PAPENDRECHT] });
  await must(api('POST', P(pt, '/opdrachten'), {
    soort: 'lokaal', titel: 'Zonder competenties', opdrachtgevers: [{ organisatie: DORDRECHT, aandeel: 1 }], geraamdeMinuten: 600,
  }), 'opdracht');
  for (let i = 1; i <= 55; i++)
    await must(api('POST', P(pt, '/opdrachten'), {
      soort: 'lokaal', titel: `Zonder raming ${i}`, opdrachtgevers: [{ organisatie: DORDRECHT, aandeel: 1 }], competenties: [{ competentie: 'wmo', niveau: 1 }],
    }), 'opdracht');
  const page = await api('GET', `/proeftuinen/${pt}/matching`, null, { raw: true });
  assert.equal(page.status, 200, page.text.slice(0, 300));
  const text = page.text.replace(/<[^>]+>/g, '');
  assert.match(text, /56 opdrachten zijn niet meegenomen, per reden:/);
  assert.match(text, /de opdracht vraagt geen competenties \(1 opdracht\): Zonder competenties\./);
  assert.match(text, /de opdracht heeft geen geraamde minuten \(55 opdrachten\): Zonder raming 1, Zonder raming 2, .*Zonder raming 10 en 45 andere\./);
  assert.doesNotMatch(text, /Zonder raming 11/);
});

test('errors: unknown proeftuin 404, bad bodies 400, a vanaf outside the period or an unknown opdracht 422', async () => {
  const { pt, p } = await smallProeftuin();
  let r = await match('bestaat-niet');
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  r = await match(pt, { vanaf: '18-12-2012' });
  assert.equal(r.status, 400);
  assert.equal(r.json['invalid-params'][0].name, 'vanaf');
  r = await match(pt, { vanaf: '2013-01-01' });
  assert.equal(r.status, 422);
  assert.match(r.json.detail, /valt buiten het open deel/);
  r = await api('POST', P(pt, '/matching'), '{"vanaf":');
  assert.equal(r.status, 400);
  r = await api('POST', P(pt, '/matching/accepteren'), {});
  assert.equal(r.status, 400);
  assert.equal(r.json['invalid-params'][0].name, 'toewijzingen');
  r = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: [] });
  assert.equal(r.status, 400);
  r = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: [{ opdracht: 'x', medewerker: p.P1, minuten: 0 }, 7] });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json['invalid-params'].map((x) => x.name),
    ['toewijzingen[0].opdracht', 'toewijzingen[0].minuten', 'toewijzingen[1]']);
  r = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: [{ opdracht: 999999, medewerker: p.P1, minuten: 60 }] });
  assert.equal(r.status, 422);
  assert.equal(r.json['invalid-params'].at(-1).name, 'toewijzingen[0].opdracht');
  r = await api('POST', P('bestaat-niet', '/matching/accepteren'), { toewijzingen: [{ opdracht: 1, medewerker: p.P1, minuten: 60 }] });
  assert.equal(r.status, 404);
});

test('who may: the process manager of the proeftuin (or of all) and the beheerder; others 403, anonymous 401', async () => {
  const { pt, DORDRECHT, PAPENDRECHT } = await smallProeftuin();
  const who = {};
  for (const [name, acc] of Object.entries({
    netwerk: { rol: 'procesmanager', organisatie: DORDRECHT },
    eigen: { rol: 'procesmanager', organisatie: DORDRECHT, verband: pt },
    ander: { rol: 'procesmanager', organisatie: DORDRECHT, verband: 'dsz' },
    manager: { rol: 'manager', organisatie: PAPENDRECHT },
    raadslid: { rol: 'raadslid', organisatie: PAPENDRECHT },
  })) {
    const naam = unique(name);
    const r = await api('POST', '/api/v1/gebruikers', { naam, ...acc });
    if (r.status !== 201 && acc.verband) { who[name] = null; continue; } // a verband must exist for the account
    assert.equal(r.status, 201, r.text);
    who[name] = (await tokenFor(srv, naam)).token;
  }
  assert.equal((await match(pt, { vanaf: VANAF }, { token: null })).status, 401);
  assert.equal((await match(pt, { vanaf: VANAF }, { token: who.netwerk })).status, 200);
  if (who.eigen) assert.equal((await match(pt, { vanaf: VANAF }, { token: who.eigen })).status, 200);
  for (const name of ['ander', 'manager', 'raadslid']) {
    if (!who[name]) continue;
    const r = await match(pt, { vanaf: VANAF }, { token: who[name] });
    assert.equal(r.status, 403, `${name}: ${r.text}`);
    const a = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: [{ opdracht: 1, medewerker: 1, minuten: 1 }] }, { token: who[name] });
    assert.equal(a.status, 403, `${name} accepting: ${a.text}`);
  }
  // A role that may never match learns nothing about what exists.
  assert.equal((await match('bestaat-niet', {}, { token: who.manager })).status, 403);
});

test('accepting with an Idempotency-Key is done once and replayed', async () => {
  const { pt, O1 } = await smallProeftuin();
  const prop = (await match(pt)).json;
  const headers = { 'Idempotency-Key': unique('accept') };
  const a = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: prop.toewijzingen }, { headers });
  assert.equal(a.status, 201, a.text);
  const b = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: prop.toewijzingen }, { headers });
  assert.equal(b.status, 201);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(b.json, a.json);
  const o1 = await must(api('GET', P(pt, `/opdrachten/${O1}`)), 'opdracht');
  assert.equal(o1.inzet.length, 3, 'no inzet twice');
  const c = await api('POST', P(pt, '/matching/accepteren'), { toewijzingen: prop.toewijzingen.slice(0, 1) }, { headers });
  assert.equal(c.status, 422, 'the same key for another request');
});
