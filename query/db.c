/*
 * db.c — which database the command line and the CGI open when told none
 * (nx_query.h): written once so the two never disagree.
 */
#include <stdlib.h>

#include "nx_query.h"

const char *nx_query_db_path(const char *given)
{
    if (given && *given)
        return given;
    const char *env = getenv("NEWSDEX_DB");
    return env && *env ? env : NX_QUERY_DB_DEFAULT;
}
