#include "store/gedeeld.h"
#include "store/inzage.h"
#include "store/kwaliteitskaart.h"
#include "store/medewerkers.h"

int inzage_medewerker(struct store *s, long long id, json_t **out, struct problem *p)
{
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "inzage");
	int r = medewerkers_inzage(s, id, out, p);
	if (r == 0) /* competences, absences, substitutions */
		json_object_set_new(*out, "kwaliteitskaart", kwaliteitskaart_inzage(s, id));
	if (r == 0) /* for whom the person works besides the werkgever */
		json_object_set_new(*out, "werktVoor", gedeeld_werkt_voor(s, id, NULL));
	db_commit(s->db);
	return r;
}
