/*
 * article.c — nx_article and nx_strlist lifetimes (nx_article.h).
 */
#include "nx_article.h"

#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_status.h"

void nx_article_init(nx_article *a)
{
    memset(a, 0, sizeof *a);
    a->date = NX_DATE_NONE;
}

void nx_strlist_clear(nx_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

int nx_strlist_push(nx_strlist *l, const char *s)
{
    int rc = nx_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v,
                     NX_STRLIST_MAX);
    if (rc != NX_OK)
        return rc;
    char *copy = strdup(s);
    if (!copy)
        return NX_ENOMEM;
    l->v[l->n++] = copy;
    return NX_OK;
}

void nx_article_clear(nx_article *a)
{
    free(a->id);
    free(a->title);
    free(a->body);
    free(a->url);
    free(a->dateline);
    free(a->source);
    free(a->date_raw);
    nx_strlist_clear(&a->authors);
    nx_strlist_clear(&a->categories);
    nx_strlist_clear(&a->people);
    nx_strlist_clear(&a->orgs);
    nx_strlist_clear(&a->places);
    nx_article_init(a);
}
