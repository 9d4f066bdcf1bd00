// The authorisation matrix: every state-changing endpoint the server has
// (read from its own OpenAPI document, so a new endpoint is tried the day
// it appears) against an anonymous request and every role, of the own and
// of another organisation and verband.
//   anonymous                      → 401, always
//   a role the policy refuses      → 403 (another organisation, another
//                                    verband, or a role that may not)
//   a role the policy allows       → 2xx on a valid request
// Endpoints listed in EXPECT below are checked role by role. An endpoint
// that is not listed yet still must refuse anonymous requests (401) and
// council members of either organisation (403: a raadslid only reads), and
// must not refuse a beheerder; the test says it should be listed.
// Every refusal must be in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { createUser, tokenFor, auditRecords, unique } from './auth-helpers.mjs';

const OWN_ORG = 'GM0148'; // Dalfsen
const OWN_VERBAND = 'dsz'; // Dalfsen, Staphorst, Zwartewaterland
const OTHER_ORG = 'GM0505'; // Dordrecht
const OTHER_VERBAND = 'drechtsteden';

// Actors: name → account. Tokens are filled in before().
const ACTORS = {
  'raadslid-eigen': { rol: 'raadslid', organisatie: OWN_ORG },
  'raadslid-ander': { rol: 'raadslid', organisatie: OTHER_ORG },
  'medewerker-eigen': { rol: 'medewerker', organisatie: OWN_ORG },
  'medewerker-ander': { rol: 'medewerker', organisatie: OTHER_ORG },
  'manager-eigen': { rol: 'manager', organisatie: OWN_ORG },
  'manager-ander': { rol: 'manager', organisatie: OTHER_ORG },
  'stuurgroep-eigen': { rol: 'stuurgroep', organisatie: OWN_ORG, verband: OWN_VERBAND },
  'stuurgroep-ander': { rol: 'stuurgroep', organisatie: OTHER_ORG, verband: OTHER_VERBAND },
  'procesmanager-eigen': { rol: 'procesmanager', organisatie: OWN_ORG, verband: OWN_VERBAND },
  'procesmanager-ander': { rol: 'procesmanager', organisatie: OTHER_ORG, verband: OTHER_VERBAND },
  'procesmanager-netwerk': { rol: 'procesmanager', organisatie: OTHER_ORG }, // no verband: the whole network
  beheerder: null, // the SAMEN_ADMIN_TOKEN account
};
const tokens = {};

let srv;
let n = 0;
const next = () => ++n;
const admin = (m, p, b) => srv.api(m, p, b);
async function must(r, what) {
  const res = await r;
  if (res.status >= 300) throw new Error(`setup ${what}: ${res.status} ${res.text}`);
  return res.json;
}

// A fresh organisation that is a current member of the own verband.
async function freshMember() {
  const code = `MX-${process.pid}-${next()}`;
  await must(admin('POST', '/api/v1/organisaties', { code, naam: `Proef ${code}`, soort: 'overig' }), 'organisatie');
  await must(admin('POST', `/api/v1/verbanden/${OWN_VERBAND}/leden`, { organisatie: code, rol: 'lid', van: '2020-01-01' }), 'lid');
  return code;
}
async function freshOrg() {
  const code = `MY-${process.pid}-${next()}`;
  await must(admin('POST', '/api/v1/organisaties', { code, naam: `Proef ${code}`, soort: 'overig' }), 'organisatie');
  return code;
}
const freshAccount = async (rol = 'medewerker') =>
  (await createUser(srv, { naam: unique('doel'), rol, organisatie: OWN_ORG })).naam;
const freshStaff = async () => (await must(admin('POST', '/api/v1/medewerkers',
  { naam: `Proef ${next()}`, organisatie: OWN_ORG, functie: 'beleidsmedewerker', uurPerWeek: 36, beschikbaarUurPerWeek: 8 }), 'medewerker')).id;

// A fresh medewerker (of the own organisation, or org) holding code at niveau.
const freshLevel = async (code, niveau, org = OWN_ORG) => {
  const id = (await must(admin('POST', '/api/v1/medewerkers', { naam: `Proef ${next()}`, organisatie: org, uurPerWeek: 36 }), 'medewerker')).id;
  await must(admin('PUT', `/api/v1/medewerkers/${id}/competenties/${code}`, { niveau }), 'niveau');
  return id;
};

// Objects of the own verband to act on, made once by the beheerder.
const once = (f) => { let p; return () => (p ??= f()); };
const scoringBody = () => ({ code: `sc-${next()}`, verband: OWN_VERBAND, criteria: [{ code: 'draagvlak', naam: 'Draagvlak', gewicht: 1 }], taakvelden: ['ict'] });
const proeftuinBody = () => ({
  code: `pt-${next()}`, naam: 'Proeftuin', verband: OWN_VERBAND, van: '2012-01-01', tot: '2012-12-31',
  tariefCenten: 6500, kredietlimietMinuten: 2400, leden: [OWN_ORG, 'GM0180'],
});
const ownSurvey = once(async () => (await must(admin('POST', '/api/v1/verkenningen', { code: `vk-${next()}`, verband: OWN_VERBAND, taakvelden: ['ict'] }), 'verkenning')).code);
const ownScoring = once(async () => (await must(admin('POST', '/api/v1/scoringen', scoringBody()), 'scoring')).code);
const ownProeftuin = once(async () => (await must(admin('POST', '/api/v1/proeftuinen', proeftuinBody()), 'proeftuin')).code);
const sharedOpdracht = once(async () => (await must(admin('POST', `/api/v1/proeftuinen/${await ownProeftuin()}/opdrachten`, {
  soort: 'meervoudig-lokaal', titel: 'Gedeelde opdracht', opdrachtgevers: [{ organisatie: OWN_ORG, aandeel: 1 }, { organisatie: 'GM0180', aandeel: 1 }],
}), 'opdracht')).id);
let entryDay = 0;
const freshEntry = async (approved = false) => {
  const p = await ownProeftuin();
  const e = await must(admin('POST', `/api/v1/proeftuinen/${p}/uren`, { medewerker: await freshStaff(), opdracht: await sharedOpdracht(),
    datum: `2012-04-${String(1 + (entryDay++ % 28)).padStart(2, '0')}`, minuten: 15 }), 'uren');
  if (approved) await must(admin('POST', `/api/v1/proeftuinen/${p}/uren/${e.id}/goedkeuren`), 'goedkeuren');
  return e.id;
};
const freshSurvey = async () => (await must(admin('POST', '/api/v1/verkenningen', { code: `vk-${next()}`, verband: OWN_VERBAND, taakvelden: ['ict'] }), 'verkenning')).code;
const freshMilestone = async () => (await must(admin('POST', `/api/v1/trajecten/${await ownTraject()}/mijlpalen`,
  { titel: `Mijlpaal ${next()}`, deadline: '2012-05-01', verantwoordelijke: 'werkgroep', organisatie: OWN_ORG }), 'mijlpaal')).id;
const ownTraject = once(async () => (await must(admin('GET', `/api/v1/trajecten?verband=${OWN_VERBAND}`), 'trajecten'))[0].id);

// Who may, and a valid request for each attempt (fresh, so that an allowed
// attempt can succeed and a refused one is not a 404 in disguise).
const WRITERS_REGISTER = ['beheerder'];
const WRITERS_OWN_VERBAND = ['beheerder', 'stuurgroep-eigen', 'procesmanager-eigen', 'procesmanager-netwerk'];
const MANAGERS_OWN_ORG = ['beheerder', 'manager-eigen'];
const EVERYONE = Object.keys(ACTORS);
const EXPECT = {
  'POST /organisaties': { allowed: WRITERS_REGISTER, fresh: async () => ({ body: { code: `MZ-${next()}`, naam: 'Nieuw', soort: 'overig' } }) },
  'POST /taakvelden': { allowed: WRITERS_REGISTER, fresh: async () => ({ body: { code: `tv-${next()}`, naam: 'Nieuw', soort: 'beleid' } }) },
  'POST /verbanden': { allowed: WRITERS_REGISTER, fresh: async () => ({ body: { code: `vb-${next()}`, naam: 'Nieuw', doelen: ['kwaliteit'] } }) },
  'POST /verbanden/{code}/leden': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: OWN_VERBAND }, body: { organisatie: await freshOrg(), rol: 'lid', van: '2021-01-01' } }),
  },
  'POST /verbanden/{code}/leden/{organisatie}/uittreding': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: OWN_VERBAND, organisatie: await freshMember() }, body: { datum: '2024-01-01' } }),
  },
  'POST /verbanden/{code}/trajecten': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({
      params: { code: OWN_VERBAND },
      body: { taakveld: 'inkoop', fase: 'verkenning', vorm: 'netwerk', intensiteit: 'afstemming', deelnemers: [OWN_ORG, 'GM0180'], start: '2022-01-01' },
    }),
  },
  'POST /medewerkers': {
    allowed: MANAGERS_OWN_ORG,
    fresh: async () => ({ body: { naam: `Nieuw ${next()}`, organisatie: OWN_ORG, functie: 'adviseur', uurPerWeek: 32, beschikbaarUurPerWeek: 4 } }),
  },
  'PATCH /medewerkers/{id}': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { id: await freshStaff() }, body: { functie: 'teamleider' } }) },
  // Where its employee works is the werkgever's to say (issue 17: shared staff).
  'PUT /medewerkers/{id}/werkt-voor': {
    allowed: MANAGERS_OWN_ORG,
    fresh: async () => ({ params: { id: await freshStaff() }, body: { werktVoor: [{ organisatie: 'GM0180', taakveld: 'inkoop', van: '2012-01-01' }] } }),
  },
  'POST /medewerkers/{id}/pseudonimiseren': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { id: await freshStaff() } }) },
  // Choosing and running cooperation: the verband's stuurgroep and procesmanager.
  'POST /verkenningen': { allowed: WRITERS_OWN_VERBAND, fresh: async () => ({ body: { code: `vk-${next()}`, verband: OWN_VERBAND, taakvelden: ['ict', 'inkoop'] } }) },
  'PUT /verkenningen/{code}/antwoorden': {
    // A partner answers for itself: its manager or its stuurgroep member.
    allowed: ['beheerder', 'manager-eigen', 'stuurgroep-eigen'],
    fresh: async () => ({ params: { code: await ownSurvey() }, body: { organisatie: OWN_ORG, taakveld: 'ict', knelpunt: 4, meerwaarde: 3, snelResultaat: true } }),
  },
  'PUT /verkenningen/{code}/keuze': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: await freshSurvey() }, body: { taakvelden: ['ict'], datum: '2012-06-01' } }),
  },
  'POST /scoringen': { allowed: WRITERS_OWN_VERBAND, fresh: async () => ({ body: scoringBody() }) },
  'PUT /scoringen/{code}/scores': {
    allowed: ['beheerder', 'stuurgroep-eigen'],
    fresh: async () => ({ params: { code: await ownScoring() }, body: { organisatie: OWN_ORG, taakveld: 'ict', criterium: 'draagvlak', score: 4 } }),
  },
  'PUT /scoringen/{code}/eigenaren/{taakveld}': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: await ownScoring(), taakveld: 'ict' }, body: { eigenaren: [{ naam: 'werkgroep ICT', organisatie: OWN_ORG }] } }),
  },
  'POST /trajecten/{id}/mijlpalen/{mid}/gereed': {
    // Also the manager of the organisation responsible for the milestone.
    allowed: [...WRITERS_OWN_VERBAND, 'manager-eigen'],
    fresh: async () => ({ params: { id: await ownTraject(), mid: await freshMilestone() }, body: { datum: '2012-04-18' } }),
  },
  'POST /trajecten/{id}/mijlpalen/{mid}/uitstel': {
    allowed: [...WRITERS_OWN_VERBAND, 'manager-eigen'],
    fresh: async () => ({ params: { id: await ownTraject(), mid: await freshMilestone() }, body: { nieuweDeadline: '2012-06-01', reden: 'wachten op het college' } }),
  },
  'POST /verbanden/{code}/besluiten': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: OWN_VERBAND }, body: { orgaan: 'stuurgroep', datum: '2012-03-08', uitkomst: 'go', onderwerp: 'Samenwerking', toelichting: 'proef' } }),
  },
  'POST /verbanden/{code}/rollen': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { code: OWN_VERBAND }, body: { rol: 'eigenaar', naam: 'A. de Vries', organisatie: OWN_ORG, van: '2012-01-01' } }),
  },
  // A member records its own interests: its manager, or its member of the verband's stuurgroep (issue 17).
  'POST /verbanden/{code}/belangen': {
    allowed: ['beheerder', 'manager-eigen', 'stuurgroep-eigen'],
    fresh: async () => ({ params: { code: OWN_VERBAND }, body: { organisatie: OWN_ORG, datum: '2012-05-30', visieKernwaarden: ['Vertrouwen'] } }),
  },
  'PUT /trajecten/{id}/businesscase': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { id: await ownTraject() }, body: { periodeJaren: 3, posten: [{ organisatie: OWN_ORG, soort: 'kosten', jaar: 1, centen: 100000 }] } }),
  },
  'POST /trajecten/{id}/mijlpalen': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { id: await ownTraject() }, body: { titel: 'Businesscase gereed', deadline: '2012-04-20', verantwoordelijke: 'werkgroep ICT' } }),
  },
  'POST /trajecten/{id}/besluiten': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { id: await ownTraject() }, body: { orgaan: 'stuurgroep', datum: '2012-03-08', uitkomst: 'advies', onderwerp: 'Samenwerking', toelichting: 'proef' } }),
  },
  'POST /trajecten/{id}/rollen': {
    allowed: WRITERS_OWN_VERBAND,
    fresh: async () => ({ params: { id: await ownTraject() }, body: { rol: 'projectleider', naam: 'B. Bakker', organisatie: OWN_ORG, van: '2012-01-01' } }),
  },
  // The hours exchange: a proeftuin of the own verband.
  'POST /proeftuinen': {
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ body: proeftuinBody() }),
  },
  'POST /proeftuinen/{p}/stortingen': {
    allowed: ['beheerder', 'manager-eigen'],
    fresh: async () => ({ params: { p: await ownProeftuin() }, body: { organisatie: OWN_ORG, bedragCenten: 100000 } }),
  },
  'POST /proeftuinen/{p}/opdrachten': {
    // The principal's manager, or the proeftuin's process manager.
    allowed: ['beheerder', 'manager-eigen', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({
      params: { p: await ownProeftuin() },
      body: { soort: 'lokaal', titel: 'Nota jeugdbeleid', opdrachtgevers: [{ organisatie: OWN_ORG, aandeel: 1 }], geraamdeMinuten: 600 },
    }),
  },
  'POST /proeftuinen/{p}/afrekening': {
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { p: (await must(admin('POST', '/api/v1/proeftuinen', proeftuinBody()), 'proeftuin')).code }, body: {} }),
  },
  // A report to the colleges (urenbank-rapport.test.mjs): the proeftuin's process manager adopts it.
  'POST /proeftuinen/{p}/rapporten': {
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { p: await ownProeftuin() },
      body: { soort: 'tussentijds', advies: 'doorgaan', toelichting: 'Het loopt.', van: '2012-01-01', tot: '2012-06-30', datum: '2012-07-05' } }),
  },
  // Hours (urenbank-vier-ogen.test.mjs has the rules and the privacy of booked hours): staff of the
  // own organisation book on an opdracht that the own organisation and Staphorst (GM0180) pay.
  'POST /proeftuinen/{p}/uren': {
    allowed: ['beheerder', 'medewerker-eigen', 'manager-eigen'],
    // A medewerker books only as the person the account is linked to: the fresh one, each time.
    fresh: async () => {
      const medewerker = await freshStaff();
      await must(admin('PUT', `/api/v1/gebruikers/medewerker-eigen-${process.pid}/medewerker`, { medewerker }), 'koppeling');
      return { params: { p: await ownProeftuin() }, body: { medewerker, opdracht: await sharedOpdracht(), datum: '2012-03-05', minuten: 30 } };
    },
  },
  'POST /proeftuinen/{p}/uren/{id}/goedkeuren': {
    // Four eyes: approving credits the own organisation, so its manager may not; Staphorst's may (and the beheerder).
    allowed: ['beheerder'],
    fresh: async () => ({ params: { p: await ownProeftuin(), id: await freshEntry() } }),
  },
  'POST /proeftuinen/{p}/uren/{id}/afkeuren': {
    allowed: ['beheerder', 'manager-eigen'],
    fresh: async () => ({ params: { p: await ownProeftuin(), id: await freshEntry() }, body: { reden: 'niet voor deze opdracht' } }),
  },
  'POST /proeftuinen/{p}/uren/{id}/corrigeren': {
    allowed: ['beheerder', 'manager-eigen', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { p: await ownProeftuin(), id: await freshEntry(true) }, body: {} }),
  },
  'POST /proeftuinen/{p}/opdrachten/{id}/inzet': {
    // The manager of the staff member's organisation, or the proeftuin's process manager.
    allowed: ['beheerder', 'manager-eigen', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { p: await ownProeftuin(), id: await sharedOpdracht() }, body: { medewerker: await freshStaff(), minuten: 30 } }),
  },
  // Matching (matching.test.mjs has the optimum and the drawing rights): the proeftuin's process manager.
  'POST /proeftuinen/{p}/matching': {
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { p: await ownProeftuin() }, body: {} }),
  },
  'POST /proeftuinen/{p}/matching/accepteren': {
    // Own staff on an opdracht of their own organisation: no drawing rights needed.
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => {
      const p = await ownProeftuin();
      const opdracht = (await must(admin('POST', `/api/v1/proeftuinen/${p}/opdrachten`, {
        soort: 'lokaal', titel: `Matching ${next()}`, opdrachtgevers: [{ organisatie: OWN_ORG, aandeel: 1 }], geraamdeMinuten: 600,
      }), 'opdracht')).id;
      return { params: { p }, body: { toewijzingen: [{ opdracht, medewerker: await freshStaff(), minuten: 60 }] } };
    },
  },
  // The kwaliteitskaart (kwaliteitskaart.test.mjs has the medewerker's own record and the rules).
  'POST /competenties': {
    allowed: ['beheerder', 'procesmanager-eigen', 'procesmanager-netwerk'],
    fresh: async () => ({ body: { code: `kc-${next()}`, naam: 'Competentie', verband: OWN_VERBAND } }),
  },
  'PUT /medewerkers/{id}/competenties/{code}': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { id: await freshStaff(), code: 'gis' }, body: { niveau: 2 } }) },
  'DELETE /medewerkers/{id}/competenties/{code}': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { id: await freshLevel('gis', 2), code: 'gis' } }) },
  'POST /afwezigheden': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ body: { medewerker: await freshStaff(), van: '2012-07-02', tot: '2012-07-13' } }) },
  'DELETE /afwezigheden/{id}': {
    allowed: MANAGERS_OWN_ORG,
    fresh: async () => ({ params: { id: (await must(admin('POST', '/api/v1/afwezigheden', { medewerker: await freshStaff(), van: '2012-07-02', tot: '2012-07-13' }), 'afwezigheid')).id } }),
  },
  // Substitution by staff of the own organisation for someone of Staphorst: its manager or any process manager.
  'POST /vervangingen': {
    allowed: ['beheerder', 'manager-eigen', 'procesmanager-eigen', 'procesmanager-ander', 'procesmanager-netwerk'],
    fresh: async () => ({ body: { medewerker: await freshLevel('gis', 2, 'GM0180'), vervanger: await freshLevel('gis', 3), competentie: 'gis' } }),
  },
  'DELETE /vervangingen/{id}': {
    allowed: ['beheerder', 'manager-eigen', 'procesmanager-eigen', 'procesmanager-ander', 'procesmanager-netwerk'],
    fresh: async () => ({ params: { id: (await must(admin('POST', '/api/v1/vervangingen',
      { medewerker: await freshLevel('gis', 2, 'GM0180'), vervanger: await freshLevel('gis', 3), competentie: 'gis' }), 'vervanging')).id } }),
  },
  'PUT /gebruikers/{naam}/medewerker': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { naam: await freshAccount() }, body: { medewerker: await freshStaff() } }) },
  'POST /sessies': { skip: 'signing in is open to everyone (auth.test.mjs)' },
  // Signing out: everyone; a token has no session, so 400 there.
  'DELETE /sessies/huidig': { allowed: EVERYONE, notDenied: true, fresh: async () => ({}) },
  'POST /gebruikers': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ body: { naam: unique('nieuw'), rol: 'medewerker', organisatie: OWN_ORG } }) },
  'PUT /gebruikers/{naam}/rol': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { naam: await freshAccount() }, body: { rol: 'raadslid' } }) },
  'PUT /gebruikers/{naam}/wachtwoord': {
    allowed: MANAGERS_OWN_ORG,
    fresh: async () => ({ params: { naam: await freshAccount() }, body: { wachtwoord: 'een nieuw en lang wachtwoord' } }),
  },
  'POST /gebruikers/{naam}/uitschakeling': { allowed: MANAGERS_OWN_ORG, fresh: async () => ({ params: { naam: await freshAccount('raadslid') } }) },
  'POST /gebruikers/{naam}/tokens': { allowed: ['beheerder'], fresh: async () => ({ params: { naam: await freshAccount() }, body: {} }) },
  'DELETE /tokens/{id}': { allowed: ['beheerder'], fresh: async () => ({ params: { id: (await tokenFor(srv, await freshAccount())).id } }) },
};
// Reads that need rights: anonymous 401, and who may not 403.
const PROTECTED_READS = {
  'GET /audit': ['beheerder'],
  'GET /gebruikers/{naam}/tokens': ['beheerder'],
};

// Path parameters for an endpoint nobody listed yet.
function genericParams(path) {
  const params = {};
  for (const m of path.matchAll(/\{(\w+)\}/g)) {
    const name = m[1];
    if (name === 'code') params.code = path.startsWith('/verbanden') ? OWN_VERBAND : path.startsWith('/organisaties') ? OWN_ORG : 'x';
    else if (name === 'organisatie') params.organisatie = OWN_ORG;
    else if (name === 'naam') params.naam = 'beheerder';
    else params[name] = '1';
  }
  return params;
}
const fill = (path, params = {}) => `/api/v1${path.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k] ?? 'x'))}`;
const as = (actor, method, url, body) =>
  srv.api(method, url, body ?? (['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined), { token: actor ? tokens[actor] : null });

before(async () => {
  srv = await startServer({ demo: true });
  for (const [naam, acc] of Object.entries(ACTORS)) {
    if (!acc) continue;
    await createUser(srv, { naam: `${naam}-${process.pid}`, ...acc });
    tokens[naam] = (await tokenFor(srv, `${naam}-${process.pid}`)).token;
  }
  tokens.beheerder = undefined; // srv.api's default: the SAMEN_ADMIN_TOKEN
});
after(async () => { await srv.stop(); });

// The endpoints are known only once the server runs, so one test walks them
// all and reports every violation at once.
test('every state-changing endpoint: 401 anonymous, 403 outside the rights, 2xx inside', async (t) => {
  const doc = (await srv.api('GET', '/api/v1/openapi.json', null, { token: null })).json;
  const endpoints = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const m of Object.keys(ops))
      if (['post', 'put', 'patch', 'delete'].includes(m)) endpoints.push(`${m.toUpperCase()} ${path}`);
  assert.ok(endpoints.length >= 15, `only ${endpoints.length} mutating endpoints in the OpenAPI document`);
  for (const key of Object.keys(EXPECT))
    assert.ok(endpoints.includes(key), `${key} is in the matrix but no longer in the OpenAPI document`);

  const failures = [];
  const check = (cond, msg) => { if (!cond) failures.push(msg); };
  let tried = 0;
  for (const key of endpoints) {
    const [method, path] = key.split(' ');
    const e = EXPECT[key];
    if (e?.skip) continue;
    // Anonymous: always 401, with a problem body.
    const anon = await as(null, method, fill(path, e ? (await e.fresh()).params : genericParams(path)), e ? undefined : {});
    tried++;
    check(anon.status === 401 && anon.headers.get('content-type') === 'application/problem+json',
      `${key} anonymous → ${anon.status} ${anon.text.slice(0, 160)} (want 401 problem+json)`);
    if (!e) {
      t.diagnostic(`${key} is not in EXPECT yet: only the generic rules were checked`);
      const params = genericParams(path);
      for (const actor of ['raadslid-eigen', 'raadslid-ander']) {
        const r = await as(actor, method, fill(path, params), {});
        tried++;
        check(r.status === 403, `${key} as ${actor} → ${r.status} ${r.text.slice(0, 160)} (a raadslid only reads: want 403)`);
      }
      const r = await as('beheerder', method, fill(path, params), {});
      tried++;
      check(r.status !== 401 && r.status !== 403 && r.status < 500, `${key} as beheerder → ${r.status} ${r.text.slice(0, 160)}`);
      continue;
    }
    for (const actor of EVERYONE) {
      const { params, body } = await e.fresh();
      const r = await as(actor, method, fill(path, params), body);
      tried++;
      const allowed = e.allowed.includes(actor);
      if (!allowed)
        check(r.status === 403 && r.headers.get('content-type') === 'application/problem+json',
          `${key} as ${actor} → ${r.status} ${r.text.slice(0, 160)} (want 403)`);
      else if (e.notDenied)
        check(r.status !== 401 && r.status !== 403 && r.status < 500, `${key} as ${actor} → ${r.status} ${r.text.slice(0, 160)} (may)`);
      else
        check(r.status >= 200 && r.status < 300, `${key} as ${actor} → ${r.status} ${r.text.slice(0, 160)} (want 2xx)`);
    }
  }
  t.diagnostic(`${endpoints.length} endpoints, ${tried} requests`);
  assert.deepEqual(failures, []);
});

test('reads that need rights refuse anonymous (401) and other roles (403)', async () => {
  const failures = [];
  for (const [key, allowed] of Object.entries(PROTECTED_READS)) {
    const [method, path] = key.split(' ');
    const url = fill(path, { naam: `beheerder` });
    const anon = await as(null, method, url);
    if (anon.status !== 401) failures.push(`${key} anonymous → ${anon.status}`);
    for (const actor of EVERYONE) {
      const r = await as(actor, method, url);
      const ok = allowed.includes(actor) ? r.status === 200 : r.status === 403;
      if (!ok) failures.push(`${key} as ${actor} → ${r.status}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the audit log holds the refusals of the matrix, per actor', async () => {
  // The whole log, a thousand at a time (the matrix writes more than one page).
  const recs = [];
  for (let page = await auditRecords(srv); page.length; page = await auditRecords(srv, `&voor=${page[page.length - 1].id}`))
    recs.push(...page);
  for (const actor of ['raadslid-ander', 'manager-ander', 'stuurgroep-ander', 'medewerker-eigen']) {
    const mine = recs.filter((a) => a.actor.startsWith(`${actor}-${process.pid} (`));
    assert.ok(mine.some((a) => a.resultaat === 'geweigerd (403)' && a.object.startsWith('POST /api/v1/organisaties')), `${actor}: register refusal`);
    assert.ok(mine.some((a) => a.resultaat === 'geweigerd (403)' && a.object.startsWith('POST /api/v1/gebruikers')), `${actor}: account refusal`);
    assert.ok(mine.every((a) => a.oorsprong === '127.0.0.1'));
  }
  const anon = recs.filter((a) => a.actor === 'anoniem' && a.resultaat === 'geweigerd (401)');
  for (const path of ['/api/v1/organisaties', '/api/v1/gebruikers', '/api/v1/verbanden/dsz/leden', '/api/v1/tokens/'])
    assert.ok(anon.some((a) => a.object.includes(path)), `anonymous ${path}`);
  const ok = recs.filter((a) => a.actor.startsWith(`stuurgroep-eigen-${process.pid} (`) && a.resultaat.startsWith('gelukt'));
  assert.ok(ok.some((a) => a.actie === 'verband-wijzigen'), 'the allowed change is recorded too');
});
