// One UTF-8 rule at every door (src/core/utf8.h): a byte that can never
// start a character (F5–FF) is refused by the command line and by the API
// alike, so no door stores a name that another cannot show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, startServer } from '../lib/server.mjs';
import { assertProblem } from '../lib/problem.mjs';

test('a name with a byte F5–FF is refused by `samen gebruiker toevoegen` and by POST /api/v1/gebruikers', async () => {
  const srv = await startServer();
  try {
    let r = await srv.api('POST', '/api/v1/organisaties', { code: 'GM0505', naam: 'Dordrecht', soort: 'gemeente', inwoners: 118000 });
    assert.equal(r.status, 201, r.text);
    for (const byte of [0xf5, 0xf8, 0xff]) {
      // The command line: the raw byte in argv, through the shell's printf.
      const cli = spawnSync('/bin/sh', ['-c',
        `exec "$0" gebruiker toevoegen --db "$1" --naam "$(printf 'ab\\${byte.toString(8)}cd')" --organisatie GM0505 --rol medewerker --wachtwoord 'een lang genoeg wachtwoord'`,
        BIN, srv.db], { encoding: 'utf8', timeout: 60000 });
      assert.equal(cli.status, 1, `exit code for byte ${byte.toString(16)}: ${cli.stderr}`);
      assert.match(cli.stderr, /UTF-8/);
      // The API: the same byte inside a JSON string.
      const head = Buffer.from('{"naam":"ab');
      const tail = Buffer.from('cd","rol":"medewerker","organisatie":"GM0505","wachtwoord":"een lang genoeg wachtwoord"}');
      r = await srv.api('POST', '/api/v1/gebruikers', new Uint8Array(Buffer.concat([head, Buffer.from([byte]), tail])));
      assertProblem(r, 400);
      assert.match(r.json.detail, /UTF-8/);
    }
    // Nothing was stored by either door: the list shows only the beheerder.
    r = await srv.api('GET', '/api/v1/gebruikers');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.map((u) => u.naam), ['beheerder']);
    const list = spawnSync(BIN, ['gebruiker', 'lijst', '--db', srv.db, '--json'], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.doesNotMatch(list.stdout, /ab.cd/);
  } finally {
    await srv.stop();
  }
});
