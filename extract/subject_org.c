/*
 * subject_org.c — who speaks for an organisation: a person named with a
 * role in it speaks for it ("Oilers coach Todd McLellan ... the Oilers
 * said"), and a legislature is no member's voice ("Commons leader Peter
 * Hain" speaks for himself).
 */
#include <stdlib.h>
#include <string.h>

#include "nx_status.h"
#include "x_internal.h"
#include "x_subject.h"

/* A legislature is no one's voice: "Commons leader Peter Hain",
 * "chairman of the Commons public accounts committee" speak for
 * themselves (or their committee), not for the House. */
int x_subj_affiliation(const x_doc *d, int o)
{
    static const char *const L[] = {"commons", "lords", "senate", "congress",
                                    "parliament", "representatives",
                                    "bundestag", "duma", "knesset", "diet",
                                    "legislature", "assembly", NULL};
    if (o < 0 || !d->ments[o].key)
        return o;
    const char *k = d->ments[o].key;
    const char *w = strrchr(k, ' ');
    w = w ? w + 1 : k;
    if (strcmp(k, "house") == 0)
        return -1;
    for (size_t i = 0; L[i]; i++)
        if (strcmp(w, L[i]) == 0)
            return -1;
    return o;
}

/* A role word or title between an organisation and a person's name:
 * "RCMP Cpl. Jane Smith", "Oilers head coach Todd McLellan". */
int x_subj_role_word(const x_doc *d, uint32_t t)
{
    return x_tok_is(d, t, ".") ||
           (d->toks[t].kind == XT_WORD &&
            ((x_subj_lower_word(d, t) && (d->toks[t].lex & LX_ROLE)) ||
             nx_name_is_title(x_tok_s(d, t), d->toks[t].len) ||
             x_tok_is(d, t, "head") || x_tok_is(d, t, "assistant")));
}

/* Two organisation keys name one organisation: equal, or one is the
 * other's first or last words ("oilers", "edmonton oilers"). */
static int same_org(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb) {
        const char *t = a;
        a = b;
        b = t;
        size_t l = la;
        la = lb;
        lb = l;
    }
    if (la == 0)
        return 0;
    if (la == lb)
        return memcmp(a, b, la) == 0;
    return (memcmp(b, a, la) == 0 && b[la] == ' ') ||
           (memcmp(b + lb - la, a, la) == 0 && b[lb - la - 1] == ' ');
}

/* Person mention p holds a role in organisation o (same key): "O role P"
 * or "P, (a|the) ... role (of|for|at|with) (the) O". */
static int role_in(const x_doc *d, const x_mention *p, const char *okey)
{
    uint32_t t = p->tok;
    int n = 0;
    while (t > 0 && n < 4 && x_subj_role_word(d, t - 1)) {
        t--;
        n++;
    }
    if (n > 0 && t > 0) {
        uint32_t x = t - 1;
        if (d->toks[x].kind == XT_POSS && x > 0)
            x--;
        int o = x_doc_mention_ending(d, x);
        if (o >= 0 && d->ments[o].type == XM_ORG && d->ments[o].key)
            return same_org(d->ments[o].key, okey);
        if (o < 0 && (d->toks[x].flags & XF_UPPER)) {
            /* "RCMP Cpl.": a name the stages left unsure there */
            char *k = x_span_key(d, x, 1);
            int hit = k && same_org(k, okey);
            free(k);
            return hit;
        }
    }
    uint32_t e = p->tok + p->ntok;
    if (!x_tok_is(d, e, ","))
        return 0;
    for (uint32_t u = e + 1; u < d->ntok && u < e + 9; u++) {
        if (!x_subj_lower_word(d, u))
            return 0;
        if (x_tok_is(d, u, "of") || x_tok_is(d, u, "for") ||
            x_tok_is(d, u, "at") || x_tok_is(d, u, "with")) {
            uint32_t v = u + 1 + x_tok_is(d, u + 1, "the");
            int o = x_doc_mention_starting(d, v);
            return o >= 0 && d->ments[o].type == XM_ORG && d->ments[o].key &&
                   same_org(d->ments[o].key, okey);
        }
    }
    return 0;
}

/* An organisation found as the speaker, with a person who holds a role in
 * it named in the same sentence or the two before ("Oilers coach Todd
 * McLellan ... “…,” the Oilers said"): the person spoke, for it.  The
 * nearest such person before the quote, or -1. */
int x_subj_person_for_org(const x_doc *d, int org, uint32_t at)
{
    const char *okey = d->ments[org].key;
    uint32_t s = d->toks[at].sent;
    uint32_t from = d->sents[s >= 2 ? s - 2 : 0].first;
    int best = -1;
    uint32_t in[X_RANGE_CAP];
    size_t nin = x_doc_mentions_in(d, from, d->sents[s].end, in, X_RANGE_CAP);
    size_t n = nin == SIZE_MAX ? d->nment : nin;
    for (size_t k = 0; k < n && okey; k++) {
        size_t i = nin == SIZE_MAX ? k : in[k];
        const x_mention *m = &d->ments[i];
        if ((m->flags & XMF_DROPPED) || m->type != XM_PER || m->tok < from ||
            m->tok >= d->sents[s].end || d->toks[m->tok].quote >= 0 ||
            (best >= 0 && m->tok < d->ments[best].tok) || !role_in(d, m, okey))
            continue;
        best = (int)i;
    }
    return best;
}
