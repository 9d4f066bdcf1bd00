// The matching proposal of the demo (docs/matching.md, "Demo"): proeftuin
// dt2012 has two open dienstverlening opdrachten that ask for competences of
// the kwaliteitskaart (GBA-kwaliteitsslag, opleidingsprogramma KCC). The
// proposal names real demo staff of the members who hold the competence at
// the level asked, never commits more than a member's drawing rights, and is
// accepted whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

const PT = '/api/v1/proeftuinen/dt2012';
const LEDEN = ['GM0505', 'GM0642', 'GM0590', 'GM0531', 'GM0610', 'GM0482'];
let srv;

before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

const must = async (p, what) => {
  const r = await p;
  assert.equal(r.status, 200, `${what}: ${r.text}`);
  return r.json;
};
const saldi = async () => Object.fromEntries((await must(srv.api('GET', `${PT}/saldi`), 'saldi')).map((s) => [s.organisatie, s]));
const rows = (prop) => prop.toewijzingen.map((t) => [t.opdrachtTitel, t.medewerkerNaam, t.competentie, t.minuten]);

test('the demo proposal names staff with the competence, respects the drawing rights and is accepted', async () => {
  const r = await srv.api('POST', `${PT}/matching`, {});
  assert.equal(r.status, 200, r.text);
  const prop = r.json;
  assert.equal(prop.vanaf, '2012-01-01');
  assert.equal(prop.tot, '2012-12-31');
  assert.ok(prop.toewijzingen.length > 0, 'the demo proposal is not empty');

  // The two dienstverlening opdrachten are matched; the policy opdrachten ask for no competences.
  const titles = new Set(prop.toewijzingen.map((t) => t.opdrachtTitel));
  assert.deepEqual([...titles].sort(), ['GBA-kwaliteitsslag Drechtsteden', 'Opleidingsprogramma KCC Hendrik-Ido-Ambacht en Alblasserdam']);
  assert.ok(prop.overgeslagen.some((o) => /rMJP/.test(o.opdrachtTitel) && o.reden === 'de opdracht vraagt geen competenties'));

  // Everything asked is covered, at the exact level, lowest saldo first (Papendrecht, then
  // Sliedrecht); the experienced applicatiebeheerder of Dordrecht before Papendrecht's expert.
  assert.deepEqual(prop.doel.gevraagdMinuten, 36000);
  assert.deepEqual(prop.doel.gedektMinuten, 36000);
  assert.deepEqual(prop.doel.overkwalificatieMinuten, 0);
  assert.deepEqual(prop.ongedekt, []);
  assert.deepEqual(rows(prop), [
    ['GBA-kwaliteitsslag Drechtsteden', 'Johan Verschoor', 'applicatiebeheer', 2452],
    ['GBA-kwaliteitsslag Drechtsteden', 'Arie Baan', 'applicatiebeheer', 12548],
    ['GBA-kwaliteitsslag Drechtsteden', 'Ingrid Hoogvliet', 'gba', 12548],
    ['GBA-kwaliteitsslag Drechtsteden', 'Gerben Vat', 'gba', 2452],
    ['Opleidingsprogramma KCC Hendrik-Ido-Ambacht en Alblasserdam', 'Bas Stam', 'gba', 3000],
    ['Opleidingsprogramma KCC Hendrik-Ido-Ambacht en Alblasserdam', 'Karin Noordegraaf', 'kcc', 3000],
  ]);

  // Each is a real medewerker of a member who holds the competence (kwaliteitskaart) at the level given.
  for (const t of prop.toewijzingen) {
    const m = await must(srv.api('GET', `/api/v1/medewerkers/${t.medewerker}`), `medewerker ${t.medewerker}`);
    assert.equal(m.naam, t.medewerkerNaam);
    assert.equal(m.organisatie, t.organisatie);
    assert.ok(LEDEN.includes(m.organisatie), `${m.naam} works for a member`);
    const niveaus = await must(srv.api('GET', `/api/v1/medewerkers/${t.medewerker}/competenties`), 'competenties');
    const held = niveaus.find((n) => n.competentie === t.competentie);
    assert.ok(held, `${m.naam} has ${t.competentie}`);
    assert.equal(held.niveau, t.niveau);
    assert.ok(t.niveau >= t.vereistNiveau, `${m.naam}: level ${t.niveau} ≥ ${t.vereistNiveau}`);
  }

  // Drawing rights: what accepting commits never exceeds what a member may still draw.
  const before = await saldi();
  assert.deepEqual(prop.trekkingsrechten.map((x) => x.organisatie).sort(), [...LEDEN].sort());
  for (const x of prop.trekkingsrechten) {
    assert.equal(x.beschikbaarMinuten, before[x.organisatie].beschikbaarMinuten);
    assert.ok(x.vastTeLeggenMinuten <= Math.max(0, x.beschikbaarMinuten), `${x.naam}: ${x.vastTeLeggenMinuten} ≤ ${x.beschikbaarMinuten}`);
  }
  assert.ok(prop.trekkingsrechten.some((x) => x.vastTeLeggenMinuten > 0));

  // Accepting: the whole proposal becomes inzet. The only documented refusal (422, drawing
  // rights that changed since the proposal) cannot happen here: nothing changed in between.
  const ok = await srv.api('POST', `${PT}/matching/accepteren`, { toewijzingen: prop.toewijzingen });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.inzet.length, 6);
  assert.equal(ok.json.minuten, 36000);
  const after = await saldi();
  for (const x of prop.trekkingsrechten) {
    assert.equal(after[x.organisatie].vastgelegdMinuten - before[x.organisatie].vastgelegdMinuten, x.vastTeLeggenMinuten, x.naam);
    assert.ok(after[x.organisatie].beschikbaarMinuten >= 0, x.naam);
    assert.equal(after[x.organisatie].saldoMinuten, before[x.organisatie].saldoMinuten, 'inzet moves no saldo');
  }

  // Nothing is left to assign.
  const again = await srv.api('POST', `${PT}/matching`, {});
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json.toewijzingen, []);
  assert.equal(again.json.doel.gevraagdMinuten, 0);
});
