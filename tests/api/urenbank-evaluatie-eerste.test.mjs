// The first inzet and the first booked hours of each opdracht, kept with it
// (issue 12, migration 108) for the evaluation's lead times: a new inzet or
// entry sets them, a rejected first entry hands "first" to the next one not
// rejected, a later entry changes nothing; proeftuin verify recomputes both
// and finds each one that was changed behind samen's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlDb } from '../lib/server.mjs';
import { drechtsteden, proeftuin, must, samen } from './urenbank-helpers.mjs';

let srv, staff, pt, op;
const D = 'GM0505', Z = 'GM0642';
const P = (rest = '') => `/api/v1/proeftuinen/${pt}${rest}`;
const verify = () => samen(['proeftuin', 'verify', '--db', srv.db, '--proeftuin', pt]);
const sql = (q) => {
  const r = sqlDb(srv.db, q);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
const kept = () => sql(`SELECT coalesce(eerste_inzet, '-') || ' ' || coalesce(eerste_uren, '-') FROM opdrachten WHERE id = ${op}`).split(' ');
const fasen = async () => Object.fromEntries((await must(srv.api('GET', P('/evaluatie')), 'evaluatie')).doorlooptijden.map((d) => [d.fase, d]));
// The moment days after the opdracht was submitted (days later in the Netherlands too).
const later = (days) => new Date(Date.parse(sql(`SELECT aangemaakt FROM opdrachten WHERE id = ${op}`)) + days * 86400000)
  .toISOString().replace(/\.\d{3}Z$/, 'Z');
const uren = async (datum, minuten) =>
  must(srv.api('POST', P('/uren'), { medewerker: staff[D], opdracht: op, datum, minuten }), `uren ${datum}`);

before(async () => {
  srv = await startServer();
  ({ staff } = await drechtsteden(srv));
  pt = await proeftuin(srv, { leden: [D, Z], kredietlimietMinuten: 100000 });
  op = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Eerste uren', geraamdeMinuten: 600,
    opdrachtgevers: [{ organisatie: D, aandeel: 1 }] }), 'opdracht')).id;
});
after(() => srv?.stop());

test('a new opdracht has neither; the first inzet and the first entry set them', async () => {
  assert.deepEqual(kept(), ['-', '-']);
  let f = await fasen();
  assert.equal(f['ingediend-bemand'].aantal, 0);
  const inzet = await must(srv.api('POST', P(`/opdrachten/${op}/inzet`), { medewerker: staff[Z], minuten: 600 }), 'inzet');
  const a = await uren('2012-05-01', 60);
  const [inzetAt, urenAt] = kept();
  assert.equal(inzetAt, sql(`SELECT aangemaakt FROM inzet WHERE id = ${inzet.id}`));
  assert.equal(urenAt, sql(`SELECT ingediend FROM uren WHERE id = ${a.id}`));
  f = await fasen();
  assert.equal(f['ingediend-bemand'].aantal, 1);
  assert.equal(f['ingediend-eerste-uren'].aantal, 1);
  assert.equal(f['ingediend-eerste-uren'].maximumDagen, 0);
  assert.equal(verify().status, 0, verify().stdout);
});

test('rejecting the first entry makes the next one not rejected the first; a new earlier one takes over', async () => {
  // Behind samen's back but consistent: the entry so far was submitted
  // with the opdracht, a second one three days after it (verify agrees).
  const b = await uren('2012-05-02', 30);
  sql(`UPDATE uren SET ingediend = '${later(3)}' WHERE id = ${b.id}`);
  // and the entries submitted per day (migration 110) moved with it
  const ptid = `(SELECT id FROM proeftuinen WHERE code = '${pt}')`;
  sql(`DELETE FROM urenbank_dag_stand WHERE proeftuin_id = ${ptid};
    INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten) SELECT proeftuin_id, substr(ingediend, 1, 10),
      'ingediend', count(*), sum(minuten) FROM uren WHERE proeftuin_id = ${ptid} GROUP BY proeftuin_id, substr(ingediend, 1, 10);
    INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten) SELECT proeftuin_id, substr(beoordeeld, 1, 10),
      'beoordeeld', count(*), sum(minuten) FROM uren WHERE proeftuin_id = ${ptid} AND beoordeeld IS NOT NULL
      GROUP BY proeftuin_id, substr(beoordeeld, 1, 10);`);
  assert.equal(verify().status, 0, verify().stdout);
  const first = sql(`SELECT id FROM uren WHERE opdracht_id = ${op} AND id <> ${b.id}`);
  await must(srv.api('POST', P(`/uren/${first}/afkeuren`), { reden: 'niet voor deze opdracht' }), 'afkeuren');
  assert.equal(kept()[1], later(3));
  let f = await fasen();
  assert.equal(f['ingediend-eerste-uren'].maximumDagen, 3);
  assert.equal(verify().status, 0, verify().stdout);
  // Rejecting one that is not the first leaves it; a new entry (submitted now) is earlier.
  const c = await uren('2012-05-03', 15);
  assert.equal(kept()[1], sql(`SELECT ingediend FROM uren WHERE id = ${c.id}`));
  f = await fasen();
  assert.equal(f['ingediend-eerste-uren'].maximumDagen, 0);
  await must(srv.api('POST', P(`/uren/${b.id}/afkeuren`), { reden: 'dubbel' }), 'afkeuren');
  assert.equal(kept()[1], sql(`SELECT ingediend FROM uren WHERE id = ${c.id}`));
  // Approving and correcting leave an entry among those not rejected.
  await must(srv.api('POST', P(`/uren/${c.id}/goedkeuren`)), 'goedkeuren');
  await must(srv.api('POST', P(`/uren/${c.id}/corrigeren`), { reden: 'te veel' }), 'corrigeren');
  assert.equal(kept()[1], sql(`SELECT ingediend FROM uren WHERE id = ${c.id}`));
  assert.equal(verify().status, 0, verify().stdout);
  // An opdracht whose every entry was rejected has no first hours.
  const other = (await must(srv.api('POST', P('/opdrachten'), { soort: 'lokaal', titel: 'Alles afgekeurd',
    opdrachtgevers: [{ organisatie: D, aandeel: 1 }] }), 'opdracht')).id;
  const d = await must(srv.api('POST', P('/uren'), { medewerker: staff[D], opdracht: other, datum: '2012-05-04', minuten: 15 }), 'uren');
  assert.notEqual(sql(`SELECT coalesce(eerste_uren, '-') FROM opdrachten WHERE id = ${other}`), '-');
  await must(srv.api('POST', P(`/uren/${d.id}/afkeuren`), { reden: 'niet gewerkt' }), 'afkeuren');
  assert.equal(sql(`SELECT coalesce(eerste_uren, '-') FROM opdrachten WHERE id = ${other}`), '-');
  assert.equal(verify().status, 0, verify().stdout);
});

test('proeftuin verify recomputes the first inzet and the first hours and finds one that was changed', async () => {
  const cases = [
    ['eerste_inzet', "'2000-01-01T00:00:00Z'", new RegExp(`${pt} opdracht ${op} eerste inzet: bijgehouden 2000-01-01T00:00:00Z, herberekend 20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z\n`)],
    // none kept: verify says so, and the moment it recomputed
    ['eerste_uren', 'NULL', new RegExp(`${pt} opdracht ${op} eerste uren: bijgehouden geen, herberekend 20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z\n`)],
  ];
  for (const [col, value, message] of cases) {
    const was = sql(`SELECT ${col} FROM opdrachten WHERE id = ${op}`);
    sql(`UPDATE opdrachten SET ${col} = ${value} WHERE id = ${op}`);
    const v = verify();
    sql(`UPDATE opdrachten SET ${col} = '${was}' WHERE id = ${op}`);
    assert.equal(v.status, 1, `${col}: ${v.stdout}`);
    assert.match(v.stdout, message);
  }
  assert.equal(verify().status, 0);
});
