/* A batch of imported hour entries (urenbank.h: urenbank_batch_*): inside
 * the importer's one transaction, what no entry of the import changes is
 * read once instead of per entry. The rules are those of
 * urenbank_uren_submit and urenbank_uren_approve, run by the same code
 * (urenbank_uren.c); only where their inputs come from differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/urenbank_intern.h"

/* Ids to the index of their record: open addressing, grown at half full. */
struct idmap {
	long long *keys; /* 0 = empty (ids start at 1) */
	int *vals;
	size_t cap, n;
};

static int idmap_get(const struct idmap *m, long long key)
{
	if (!m->cap)
		return -1;
	for (size_t i = (size_t)(key * 2654435761u) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
		if (!m->keys[i])
			return -1;
	}
}

static int idmap_put(struct idmap *m, long long key, int val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct idmap g = { NULL, NULL, m->cap ? 2 * m->cap : 256, 0 };
		g.keys = calloc(g.cap, sizeof(*g.keys));
		g.vals = calloc(g.cap, sizeof(*g.vals));
		if (!g.keys || !g.vals) {
			free(g.keys);
			free(g.vals);
			return -1;
		}
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				idmap_put(&g, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	size_t i = (size_t)(key * 2654435761u) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	m->n += !m->keys[i];
	m->keys[i] = key;
	m->vals[i] = val;
	return 0;
}

struct batch_opdracht {
	int found;
	char status[24];
	struct principals pr;
};

struct urenbank_batch {
	struct store *s;
	const struct actor *by;
	char code[48];
	int have_pt, have_sight;
	struct pt pt;
	struct urenbank_sight sight;
	struct idmap opdracht_ix, staff, member; /* staff: id → organisation; member: organisation → 0/1 */
	json_t *codes; /* "organisation id" → code */
	struct batch_opdracht *opdrachten;
	size_t nopdrachten, capopdrachten;
};

struct urenbank_batch *urenbank_batch_new(struct store *s, const struct actor *by, const char *pt)
{
	struct urenbank_batch *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->s = s;
	b->by = by;
	snprintf(b->code, sizeof(b->code), "%s", pt ? pt : "");
	b->codes = json_object();
	return b;
}

void urenbank_batch_free(struct urenbank_batch *b)
{
	if (!b)
		return;
	if (b->have_sight)
		urenbank_sight_release(&b->sight);
	free(b->opdracht_ix.keys);
	free(b->opdracht_ix.vals);
	free(b->staff.keys);
	free(b->staff.vals);
	free(b->member.keys);
	free(b->member.vals);
	free(b->opdrachten);
	json_decref(b->codes);
	free(b);
}

int urenbank_batch_import(struct urenbank_batch *b, json_t *in, int approve, long long *id, struct problem *p)
{
	return urenbank_uren_import_in(b->s, b, b->by, b->code, in, approve, id, p);
}

int urenbank_batch_pt(struct urenbank_batch *b, struct store *s, const char *code, struct pt *pt, struct problem *p)
{
	if (!b || strcmp(code, b->code))
		return urenbank_pt_load(s, code, pt, p);
	if (!b->have_pt) {
		if (urenbank_pt_load(s, code, &b->pt, p) < 0)
			return -p->status;
		b->have_pt = 1;
	}
	*pt = b->pt;
	return 0;
}

static struct batch_opdracht *opdracht_of(struct urenbank_batch *b, struct store *s, long long ptid, long long id)
{
	int k = idmap_get(&b->opdracht_ix, id);
	if (k >= 0)
		return &b->opdrachten[k];
	if (b->nopdrachten == b->capopdrachten) {
		size_t cap = b->capopdrachten ? 2 * b->capopdrachten : 64;
		struct batch_opdracht *x = realloc(b->opdrachten, cap * sizeof(*x));
		if (!x)
			return NULL;
		b->opdrachten = x;
		b->capopdrachten = cap;
	}
	struct batch_opdracht *o = &b->opdrachten[b->nopdrachten];
	memset(o, 0, sizeof(*o));
	o->found = urenbank_opdracht_find(s, ptid, id, o->status, sizeof(o->status));
	struct principals *pr = o->found ? urenbank_principals_load(s, id) : NULL;
	if (o->found && !pr)
		return NULL;
	if (pr)
		o->pr = *pr;
	free(pr);
	if (idmap_put(&b->opdracht_ix, id, (int)b->nopdrachten) < 0)
		return NULL;
	b->nopdrachten++;
	return o;
}

int urenbank_batch_opdracht(struct urenbank_batch *b, struct store *s, long long ptid, long long id, char *status, size_t len)
{
	struct batch_opdracht *o = b && ptid == b->pt.id && b->have_pt ? opdracht_of(b, s, ptid, id) : NULL;
	if (!o)
		return urenbank_opdracht_find(s, ptid, id, status, len);
	if (o->found)
		snprintf(status, len, "%s", o->status);
	return o->found;
}

struct principals *urenbank_batch_principals(struct urenbank_batch *b, struct store *s, long long opdracht, int *owned)
{
	struct batch_opdracht *o = b && b->have_pt ? opdracht_of(b, s, b->pt.id, opdracht) : NULL;
	*owned = !o || !o->found;
	return *owned ? urenbank_principals_load(s, opdracht) : &o->pr;
}

void urenbank_batch_org_code(struct urenbank_batch *b, struct store *s, long long org, char *out, size_t len)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", org);
	json_t *c = b ? json_object_get(b->codes, key) : NULL;
	if (c) {
		snprintf(out, len, "%s", json_string_value(c));
		return;
	}
	urenbank_org_code(s, org, out, len);
	if (b)
		json_object_set_new(b->codes, key, json_string(out));
}

long long urenbank_batch_staff_org(struct urenbank_batch *b, struct store *s, long long mw)
{
	int k = b ? idmap_get(&b->staff, mw) : -1;
	if (k >= 0)
		return k;
	long long org = urenbank_medewerkers_org_id(s, mw);
	if (b && org > 0 && org < 0x7fffffff)
		idmap_put(&b->staff, mw, (int)org);
	return org;
}

int urenbank_batch_member(struct urenbank_batch *b, struct store *s, long long ptid, long long org)
{
	if (!b || !b->have_pt || ptid != b->pt.id)
		return urenbank_is_member(s, ptid, org);
	int k = idmap_get(&b->member, org);
	if (k >= 0)
		return k;
	int m = urenbank_is_member(s, ptid, org);
	idmap_put(&b->member, org, m);
	return m;
}

struct urenbank_sight *urenbank_batch_sight(struct urenbank_batch *b, struct store *s, const struct actor *by, const char *pt,
					    struct urenbank_sight *own)
{
	if (b && by == b->by && !strcmp(pt, b->code)) {
		if (!b->have_sight) {
			urenbank_sight_init(&b->sight, s, by, pt);
			b->have_sight = 1;
		}
		return &b->sight;
	}
	urenbank_sight_init(own, s, by, pt);
	return own;
}
