/* auth.h — sessions: login and logout (POST/DELETE /api/v1/sessies and the
 * login page), the session cookie, CSRF tokens for forms. */
#ifndef SAMEN_AUTH_H
#define SAMEN_AUTH_H
#include "http/http.h"

/* Fills rq->actor from a valid session cookie; leaves it anonymous
 * otherwise. Returns 0. */
int auth_identify_session(struct request *rq);

#endif
