// Shared set-up for the hours exchange tests: the six Drechtsteden
// municipalities, a proeftuin of them and staff per municipality.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN } from '../lib/server.mjs';

export const DRECHTSTEDEN = [
  { code: 'GM0482', naam: 'Alblasserdam', inwoners: 19600 },
  { code: 'GM0505', naam: 'Dordrecht', inwoners: 118800 },
  { code: 'GM0531', naam: 'Hendrik-Ido-Ambacht', inwoners: 29000 },
  { code: 'GM0590', naam: 'Papendrecht', inwoners: 32000 },
  { code: 'GM0610', naam: 'Sliedrecht', inwoners: 24600 },
  { code: 'GM0642', naam: 'Zwijndrecht', inwoners: 44500 },
];
export const CODES = DRECHTSTEDEN.map((o) => o.code);

export async function must(res, what) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}

// Organisations (once per server) and one medewerker per organisation;
// returns { staff: { GM0505: id, … } }.
export async function drechtsteden(srv) {
  const staff = {};
  for (const o of DRECHTSTEDEN) {
    const r = await srv.api('POST', '/api/v1/organisaties', { ...o, soort: 'gemeente' });
    if (r.status !== 201 && r.status !== 409) throw new Error(`organisatie ${o.code}: ${r.status} ${r.text}`);
    staff[o.code] = (await must(srv.api('POST', '/api/v1/medewerkers', {
      naam: `Beleidsadviseur ${o.naam}`, organisatie: o.code, functie: 'beleidsadviseur', uurPerWeek: 36, beschikbaarUurPerWeek: 8,
    }), 'medewerker')).id;
  }
  return { staff };
}

let ptCounter = 0;
// A fresh proeftuin of the given members (default all six).
export async function proeftuin(srv, { leden = CODES, tariefCenten = 6500, kredietlimietMinuten = 2400, van = '2012-01-01', tot = '2012-12-31' } = {}) {
  const code = `pt-${process.pid}-${++ptCounter}`;
  await must(srv.api('POST', '/api/v1/proeftuinen', { code, naam: 'Proeftuin beleid', van, tot, tariefCenten, kredietlimietMinuten, leden }), 'proeftuin');
  return code;
}

export const saldi = async (srv, pt) => Object.fromEntries((await must(srv.api('GET', `/api/v1/proeftuinen/${pt}/saldi`), 'saldi')).map((s) => [s.organisatie, s]));

// Runs the samen binary (for `samen proeftuin verify`).
export function samen(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000, env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs a tool from Debian (hledger, ledger) on input; its output, or the
// test fails with what the tool said.
export function tool(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw new Error(`${cmd} is niet te starten (${r.error.code}); installeer het met scripts/deps.sh check`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
