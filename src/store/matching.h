/* store/matching.h — the matching of a proeftuin in the store: reads the
 * open opdrachten with their competences and principals, the members'
 * staff with their levels, availability and absences, and the members'
 * saldi and drawing rights into the plain input of core/matching.h, solves
 * it, and answers in API shape; and accepts a (chosen part of a) proposal
 * by creating the inzet through the hours exchange, all or nothing.
 * docs/matching.md explains the model to users.
 *
 * What is read (the period is vanaf … tot, vanaf the proeftuin's van or
 * the day after its last settlement unless asked otherwise):
 *  - needs: per open opdracht with geraamdeMinuten and competences, the
 *    minutes not yet staffed (geraamd − Σ its inzet) split evenly over its
 *    competences (largest remainder, earlier competence code first), each
 *    at the level the opdracht asks;
 *  - people: staff of the members with beschikbaarUurPerWeek > 0 holding
 *    a needed competence, not retired when the period starts; minutes =
 *    beschikbaarUurPerWeek · 60 · (days in the period, through the end of
 *    their pensioenjaar, not absent) / 7, rounded down, minus what their
 *    open inzet in this proeftuin already holds;
 *  - organisations: the members, with saldoMinuten and beschikbaarMinuten
 *    as GET …/saldi reports them.
 *  - offers (urenbank_aanbod.h) that are open and overlap the period: each
 *    becomes a slice of a person, marked offered (core/matching.h "Offers");
 *    a toewijzing from a slice carries "aanbodMinuten", and doel
 *    "aanbodMinuten" (only when offers were used) their total.
 *
 * Conventions as in urenbank.h: inputs and outputs are jansson objects in
 * API shape (the caller owns outputs), functions return 0 or -status with
 * p filled; the store knows no roles. */
#ifndef SAMEN_STORE_MATCHING_H
#define SAMEN_STORE_MATCHING_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

#define MATCHING_MAX_ACCEPT 10000 /* toewijzingen in one acceptance */

/* in: {"vanaf"?: "YYYY-MM-DD"} (may be NULL). Out:
 * {"proeftuin","vanaf","tot",
 *  "toewijzingen":[{"opdracht","opdrachtTitel","medewerker","medewerkerNaam",
 *                   "organisatie","competentie","niveau","vereistNiveau","minuten"}],
 *  "ongedekt":[{"opdracht","opdrachtTitel","competentie","niveau","minuten"}],
 *  "doel":{"gevraagdMinuten","gedektMinuten","ongedektMinuten",
 *          "overkwalificatieMinuten","saldorangMinuten","kosten",
 *          "gewichtNiveau","saldoklassen","stroomMinuten","afgerondMinuten"},
 *  "trekkingsrechten":[{"organisatie","naam","saldoMinuten","saldorang",
 *                       "beschikbaarMinuten","vastTeLeggenMinuten"}],
 *  "overgeslagen":[{"opdracht","opdrachtTitel","reden"}],
 *  "rekenwerk":{"rondes","fasen","knopen","bogen"}}
 * 404 unknown proeftuin, 400 a bad vanaf, 422 a settled proeftuin or a
 * vanaf outside the open period. */
int matching_propose(struct store *s, const char *pt, json_t *in, json_t **out, struct problem *p);

/* in: {"toewijzingen":[{"opdracht","medewerker","minuten"}, …]} (extra
 * members of each, as a proposal has them, are ignored). Creates one inzet
 * per toewijzing through urenbank_inzet_create(), in one transaction: one
 * refusal (a principal's drawing rights, an opdracht that is no longer
 * open, …) and nothing is created; the problem then names the toewijzing
 * ("toewijzingen[2].minuten"), an unknown opdracht being 422 here.
 * Each inzet takes what it can of the open offers that cover it
 * (urenbank_aanbod_draw: the medewerker's own, then his organisation's for
 * the toewijzing's competentie).
 * Out: {"proeftuin","inzet":[…as POST …/inzet answers…],"minuten"}. */
int matching_accept(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p);

/* The distinct organisation codes of the staff in in's toewijzingen that
 * exist (a new array), for authorisation before accepting. */
json_t *matching_staff_orgs(struct store *s, json_t *in);

#endif
