// A verband's goals as the seeds name them (issue 17, "Goals as the verband
// names them"): DSZ's 4 K's — kwaliteit, kwetsbaarheid, kosten and the
// future of the staff — with klantperspectief (seed 000), beside STAAN's
// 5 K's; in the API and in words on the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

test('DSZ names its fourth K, toekomstkansen van de medewerkers; STAAN keeps its 5 K\'s', async () => {
  const dsz = (await srv.api('GET', '/api/v1/verbanden/dsz')).json;
  assert.deepEqual(dsz.doelen, ['klant', 'kosten', 'kwetsbaarheid', 'kwaliteit', 'toekomstkansen-medewerkers']);
  const staan = (await srv.api('GET', '/api/v1/verbanden/staan')).json;
  assert.ok(!staan.doelen.includes('toekomstkansen-medewerkers'));
  for (const path of ['/verbanden/dsz', '/']) {
    const html = await (await fetch(srv.url + path)).text();
    assert.match(html, /toekomstkansen van de medewerkers/, `${path} shows the goal in words`);
  }
});

test('a goal outside the list is refused, naming the list; nothing is stored', async () => {
  const body = { code: 'doel-test', naam: 'Doeltest', doelen: ['kosten', 'banaan'],
    leden: [{ organisatie: 'GM0148', van: '2012-01-01' }] };
  const p = assertProblem(await srv.api('POST', '/api/v1/verbanden', body), 400, 'doelen[1]');
  assert.match(p['invalid-params'][0].reason, /toekomstkansen-medewerkers/);
  assert.equal((await srv.api('GET', '/api/v1/verbanden/doel-test')).status, 404);
  const ok = await srv.api('POST', '/api/v1/verbanden', { ...body, doelen: ['toekomstkansen-medewerkers', 'kosten'] });
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.json.doelen, ['kosten', 'toekomstkansen-medewerkers']);
});
