/*
 * etable_io.c — the entity table's text form, a newsroom's corrections
 * and the entries `newsdex entities --db` lists (nx_etable.h).
 *
 * The text form, stored as the generation's metadata NX_META_ENTITIES:
 *
 *     #newsdex-entities 1
 *     C <computed> <articles>
 *     E <key> <type> <n person> <n org> <n place> <n by> <first> <last>
 *       <display as person> <display as org> <display as place> <why>
 *     R <type> <key> <new type> <new name> <why>      (a decision)
 *     S <surname key> <year> <index of the E line of the full name>
 *     N <surname key> <full names with it>
 *     K <short key> <country> <index of the E line of the long form>
 *     U <key of a sports club's name>   (a city's or a given name's too)
 *     O <a correction line as given>
 *
 * fields separated by tabs, one record a line; names never hold a tab or
 * a newline (both become spaces).  Decisions from corrections are not
 * written as R lines: the O lines make them again when read.
 */
#include "etable_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_buf.h"
#include "nx_hash.h"
#include "nx_names.h"

#define MAGIC "#newsdex-entities 1"
/* Entities kept in the stored table: the most named, up to this many. */
#define ET_MAX_STORED 200000
#define ET_MAX_FIELDS 16

static const char *const TYPE_NAMES[NX_ET_NTYPES] = {"person", "org",
                                                     "place", "misc"};

const char *nx_etable_type_name(int type)
{
    return type >= 0 && type < NX_ET_NTYPES ? TYPE_NAMES[type] : "?";
}

int nx_etable_type_of(const char *word)
{
    for (int i = 0; i < NX_ET_NTYPES; i++)
        if (strcmp(word, TYPE_NAMES[i]) == 0)
            return i;
    return -1;
}

void nx_etable_attach(nx_etable *t, const nx_extractor *x)
{
    if (t)
        t->x = x;
}

int nx_etable_new(nx_etable **out, const nx_extractor *x)
{
    *out = NULL;
    nx_etable *t = calloc(1, sizeof *t);
    if (!t)
        return NX_ENOMEM;
    t->x = x;
    nx_strmap **maps[] = {&t->bykey, &t->sykey, &t->surs, &t->surmap,
                          &t->ext, &t->firsts, &t->shortk, &t->rules,
                          &t->ctryk, &t->shorthas, &t->clubk};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        if (!(*maps[i] = nx_strmap_new())) {
            nx_etable_free(t);
            return NX_ENOMEM;
        }
    *out = t;
    return NX_OK;
}

static void free_entries(nx_etable *t)
{
    for (size_t i = 0; i < t->nentries; i++)
        free(t->entry_strs[i]);
    free(t->entry_strs);
    free(t->entries);
    t->entry_strs = NULL;
    t->entries = NULL;
    t->nentries = 0;
}

void nx_etable_free(nx_etable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nents; i++) {
        free(t->ents[i].key);
        for (int k = 0; k < 3; k++)
            free(t->ents[i].disp[k]);
        free(t->ents[i].why);
    }
    free(t->ents);
    for (size_t i = 0; i < t->nsy; i++)
        free(t->sy[i].sur);
    free(t->sy);
    for (size_t i = 0; i < t->nsmap; i++)
        free(t->smap[i].sur);
    free(t->smap);
    for (size_t i = 0; i < t->nsurlist; i++)
        free(t->surlist[i]);
    free(t->surlist);
    for (size_t i = 0; i < t->nctry; i++) {
        free(t->ctry[i].shortkey);
        free(t->ctry[i].country);
    }
    free(t->ctry);
    for (size_t i = 0; i < t->nrv; i++) {
        free(t->rv[i].key);
        free(t->rv[i].name);
        free(t->rv[i].why);
    }
    free(t->rv);
    for (size_t i = 0; i < t->novr; i++)
        free(t->ovr[i].line);
    free(t->ovr);
    free(t->shorts);
    for (size_t i = 0; i < t->nclubs; i++)
        free(t->clubs[i]);
    free(t->clubs);
    free_entries(t);
    nx_strmap *maps[] = {t->bykey, t->sykey, t->surs, t->surmap,
                         t->ext, t->firsts, t->shortk, t->rules,
                         t->ctryk, t->shorthas, t->clubk};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        nx_strmap_free(maps[i]);
    free(t);
}

/* ---------------------------------------------------------- fields */

/* Splits a line (NUL-terminated, modified) at tabs. */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ')
        k++;
    memmove(s, s + k, strlen(s + k) + 1);
}

/* A name as the text form writes it: no tab, no newline. */
static void add_field(nx_buf *b, const char *s)
{
    nx_buf_add(b, "\t", 1);
    for (const char *p = s ? s : ""; *p; p++)
        nx_buf_add(b, *p == '\t' || *p == '\n' || *p == '\r' ? " " : p, 1);
}

static void add_num(nx_buf *b, unsigned long long v)
{
    char n[24];
    snprintf(n, sizeof n, "\t%llu", v);
    nx_buf_add(b, n, strlen(n));
}

/* ------------------------------------------------------- corrections */

/* One correction line into rules; *why says what is wrong with it. */
static int compile_line(nx_etable *t, const char *line, const char **why)
{
    char buf[1024];
    if (strlen(line) >= sizeof buf) {
        *why = "line too long (at most 1023 bytes)";
        return NX_EINVAL;
    }
    strcpy(buf, line);
    char *f[ET_MAX_FIELDS];
    size_t n = split_tabs(buf, f, ET_MAX_FIELDS);
    for (size_t i = 0; i < n; i++)
        trim(f[i]);
    const char *act = f[0];
    int want = strcmp(act, "drop") == 0 ? 2 : 3;
    if (strcmp(act, "merge") && strcmp(act, "rename") &&
        strcmp(act, "retype") && strcmp(act, "drop")) {
        *why = "unknown action (merge, rename, retype, drop)";
        return NX_EINVAL;
    }
    if (n != (size_t)want) {
        *why = want == 2 ? "drop takes one name: drop<TAB>NAME"
                         : "takes two fields: ACTION<TAB>NAME<TAB>NAME or "
                           "TYPE";
        return NX_EINVAL;
    }
    /* TYPE:NAME limits the correction to one type */
    int only = -1;
    const char *name = f[1];
    const char *colon = strchr(name, ':');
    if (colon) {
        char ty[16];
        size_t tl = (size_t)(colon - name);
        if (tl < sizeof ty) {
            memcpy(ty, name, tl);
            ty[tl] = '\0';
            only = nx_etable_type_of(ty);
            if (only == NX_ET_MISC)
                only = -1;
            if (only >= 0)
                name = colon + 1;
        }
    }
    char *key = nx_name_key(name);
    if (!key)
        return NX_ENOMEM;
    if (!*key) {
        free(key);
        *why = "the name has no letters or digits";
        return NX_EINVAL;
    }
    int newtype = -1;
    const char *newname = NULL;
    if (strcmp(act, "retype") == 0) {
        newtype = nx_etable_type_of(f[2]);
        if (newtype < 0) {
            free(key);
            *why = "unknown type (person, org, place, misc)";
            return NX_EINVAL;
        }
    } else if (strcmp(act, "drop") == 0) {
        newtype = NX_ET_MISC;
    } else {
        newname = f[2];
        char *k2 = nx_name_key(newname);
        int empty = !k2 || !*k2;
        free(k2);
        if (empty) {
            free(key);
            *why = "the new name has no letters or digits";
            return NX_EINVAL;
        }
    }
    int rc = NX_OK;
    char whybuf[64];
    snprintf(whybuf, sizeof whybuf, "correction: %s", act);
    for (int ty = 0; ty < 3 && rc == NX_OK; ty++)
        if (only < 0 || only == ty)
            rc = et_add_rule(t, ty, key, newtype >= 0 ? newtype : ty,
                             newname, whybuf, 1);
    free(key);
    return rc;
}

int nx_etable_add_overrides(nx_etable *t, const char *buf, size_t len,
                            const char *name, char **err)
{
    *err = NULL;
    /* Every line is checked on a scratch table first: a file with a bad
     * line changes nothing. */
    nx_etable *probe = NULL;
    int rc = nx_etable_new(&probe, NULL);
    for (int pass = 0; pass < 2 && rc == NX_OK; pass++) {
        size_t lineno = 0;
        for (size_t i = 0; i < len && rc == NX_OK;) {
            size_t j = i;
            while (j < len && buf[j] != '\n')
                j++;
            lineno++;
            char *line = strndup(buf + i, j - i);
            i = j + 1;
            if (!line) {
                rc = NX_ENOMEM;
                break;
            }
            trim(line);
            if (!*line || *line == '#') {
                free(line);
                continue;
            }
            const char *why = "";
            rc = compile_line(pass ? t : probe, line, &why);
            if (rc == NX_EINVAL)
                *err = nx_errf("%s:%zu: %s", name, lineno, why);
            if (rc == NX_OK && pass)
                rc = et_grow((void **)&t->ovr, &t->capovr, t->novr + 1,
                             sizeof *t->ovr);
            if (rc == NX_OK && pass) {
                t->ovr[t->novr++].line = line;
                line = NULL;
            }
            free(line);
        }
    }
    nx_etable_free(probe);
    if (rc == NX_OK && t->finished)
        rc = et_make_entries(t);
    return rc;
}

/* -------------------------------------------------------- text form */

char *nx_etable_serialize(const nx_etable *t)
{
    nx_buf b = {0};
    b.max = (size_t)1 << 30;
    long *line_of = calloc(t->nents ? t->nents : 1, sizeof *line_of);
    if (!line_of)
        return NULL;
    /* Stored: the entities named in two articles or more (up to
     * ET_MAX_STORED) and every full name a surname maps to; the S lines
     * give an E line's number. */
    long stored = 0;
    for (size_t i = 0; i < t->nents && stored < ET_MAX_STORED; i++) {
        const et_ent *e = &t->ents[i];
        if (e->n[0] + e->n[1] + e->n[2] + e->n[ET_BY] >= 2)
            line_of[i] = ++stored;
    }
    for (size_t i = 0; i < t->nsmap; i++)
        if (!line_of[t->smap[i].ent])
            line_of[t->smap[i].ent] = -1;
    for (size_t i = 0; i < t->nctry; i++)
        if (!line_of[t->ctry[i].ent])
            line_of[t->ctry[i].ent] = -1;
    long lines = 0;
    for (size_t i = 0; i < t->nents; i++)
        if (line_of[i])
            line_of[i] = ++lines;
    nx_buf_add(&b, MAGIC "\nC", strlen(MAGIC) + 2);
    add_field(&b, t->computed);
    add_num(&b, (unsigned long long)t->articles);
    nx_buf_add(&b, "\n", 1);
    for (size_t i = 0; i < t->nents; i++) {
        if (!line_of[i])
            continue;
        const et_ent *e = &t->ents[i];
        nx_buf_add(&b, "E", 1);
        add_field(&b, e->key);
        add_num(&b, (unsigned long long)e->type);
        for (int k = 0; k < 4; k++)
            add_num(&b, e->n[k]);
        add_field(&b, e->first);
        add_field(&b, e->last);
        for (int k = 0; k < 3; k++)
            add_field(&b, e->disp[k]);
        add_field(&b, e->why);
        nx_buf_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < t->nrv; i++) {
        const et_rule *r = &t->rv[i];
        if (r->override)
            continue;
        nx_buf_add(&b, "R", 1);
        add_num(&b, (unsigned long long)r->type);
        add_field(&b, r->key);
        add_num(&b, (unsigned long long)r->newtype);
        add_field(&b, r->name);
        add_field(&b, r->why);
        nx_buf_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < t->nsmap; i++) {
        char y[16];
        snprintf(y, sizeof y, "%d", t->smap[i].year);
        nx_buf_add(&b, "S", 1);
        add_field(&b, t->smap[i].sur);
        add_field(&b, y);
        add_num(&b, (unsigned long long)line_of[t->smap[i].ent]);
        nx_buf_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < t->nctry; i++) {
        nx_buf_add(&b, "K", 1);
        add_field(&b, t->ctry[i].shortkey);
        add_field(&b, t->ctry[i].country);
        add_num(&b, (unsigned long long)line_of[t->ctry[i].ent]);
        nx_buf_add(&b, "\n", 1);
    }
    free(line_of);
    for (size_t i = 0; i < t->nsurlist && i < ET_MAX_STORED; i++) {
        nx_buf_add(&b, "N", 1);
        add_field(&b, t->surlist[i]);
        add_num(&b, (unsigned long long)et_find(t->surs, t->surlist[i],
                                                strlen(t->surlist[i])));
        nx_buf_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < t->nclubs; i++) {
        nx_buf_add(&b, "U", 1);
        add_field(&b, t->clubs[i]);
        nx_buf_add(&b, "\n", 1);
    }
    for (size_t i = 0; i < t->novr; i++) {
        nx_buf_add(&b, "O\t", 2);
        nx_buf_add(&b, t->ovr[i].line, strlen(t->ovr[i].line));
        nx_buf_add(&b, "\n", 1);
    }
    if (b.err) {
        nx_buf_free(&b);
        return NULL;
    }
    return b.p;
}

static int num_field(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end)
        return 0;
    *out = v;
    return 1;
}

static int parse_line(nx_etable *t, char *line, long **ents_by_line,
                      size_t *nlines, size_t *cap, const char **why)
{
    char *f[ET_MAX_FIELDS];
    size_t n = split_tabs(line, f, ET_MAX_FIELDS);
    long v[8];
    *why = "malformed record";
    if (strcmp(f[0], "C") == 0 && n == 3 && num_field(f[2], &v[0])) {
        snprintf(t->computed, sizeof t->computed, "%s", f[1]);
        t->articles = (uint64_t)v[0];
        return NX_OK;
    }
    if (strcmp(f[0], "E") == 0 && n == 13) {
        for (int k = 0; k < 5; k++)
            if (!num_field(f[2 + k], &v[k]) || v[k] < 0)
                return NX_EINVAL;
        if (v[0] >= NX_ET_NTYPES || !*f[1])
            return NX_EINVAL;
        long i = et_ent_of(t, f[1]);
        if (i < 0 || et_grow((void **)ents_by_line, cap, *nlines + 1,
                             sizeof **ents_by_line))
            return NX_ENOMEM;
        (*ents_by_line)[(*nlines)++] = i;
        et_ent *e = &t->ents[i];
        e->type = (int)v[0];
        for (int k = 0; k < 4; k++)
            e->n[k] = (uint32_t)v[1 + k];
        snprintf(e->first, sizeof e->first, "%s", f[7]);
        snprintf(e->last, sizeof e->last, "%s", f[8]);
        for (int k = 0; k < 3; k++) {
            free(e->disp[k]);
            e->disp[k] = *f[9 + k] ? strdup(f[9 + k]) : NULL;
            if (*f[9 + k] && !e->disp[k])
                return NX_ENOMEM;
        }
        free(e->why);
        e->why = *f[12] ? strdup(f[12]) : NULL;
        return NX_OK;
    }
    if (strcmp(f[0], "R") == 0 && n == 6 && num_field(f[1], &v[0]) &&
        num_field(f[3], &v[1]) && v[0] >= 0 && v[0] < 3 && v[1] >= 0 &&
        v[1] < NX_ET_NTYPES && *f[2])
        return et_add_rule(t, (int)v[0], f[2], (int)v[1],
                           *f[4] ? f[4] : NULL, f[5], 0);
    if (strcmp(f[0], "S") == 0 && n == 4 && num_field(f[2], &v[0]) &&
        num_field(f[3], &v[1]) && v[1] >= 1 && (size_t)v[1] <= *nlines &&
        *f[1])
        return et_put_surmap(t, f[1], (int)v[0],
                             (size_t)(*ents_by_line)[v[1] - 1]);
    if (strcmp(f[0], "K") == 0 && n == 4 && *f[1] && *f[2] &&
        num_field(f[3], &v[0]) && v[0] >= 1 && (size_t)v[0] <= *nlines)
        return et_put_ctry(t, f[1], f[2], (size_t)(*ents_by_line)[v[0] - 1]);
    if (strcmp(f[0], "U") == 0 && n == 2 && *f[1])
        return et_put_club(t, f[1]);
    if (strcmp(f[0], "N") == 0 && n == 3 && *f[1] && num_field(f[2], &v[0]))
        return et_put_sur(t, f[1], v[0]);
    if (strcmp(f[0], "O") == 0 && n >= 2) {
        f[1][strlen(f[1])] = '\0';
        /* the fields after O are the correction line, tabs and all */
        for (size_t k = 2; k < n; k++)
            f[k][-1] = '\t';
        int rc = compile_line(t, f[1], why);
        if (rc != NX_OK)
            return rc;
        rc = et_grow((void **)&t->ovr, &t->capovr, t->novr + 1,
                     sizeof *t->ovr);
        if (rc == NX_OK && !(t->ovr[t->novr].line = strdup(f[1])))
            rc = NX_ENOMEM;
        if (rc == NX_OK)
            t->novr++;
        return rc;
    }
    return NX_EINVAL;
}

int nx_etable_parse(nx_etable **out, const char *buf, size_t len,
                    char **err)
{
    *err = NULL;
    *out = NULL;
    size_t ml = strlen(MAGIC);
    if (len < ml || memcmp(buf, MAGIC, ml) != 0 ||
        (len > ml && buf[ml] != '\n')) {
        *err = nx_errf("the entity table: not a table of this format (it "
                       "starts \"%.20s\"); rebuild", buf);
        return NX_EVERSION;
    }
    nx_etable *t = NULL;
    int rc = nx_etable_new(&t, NULL);
    long *by_line = NULL;
    size_t nlines = 0, cap = 0, lineno = 1;
    for (size_t i = ml + 1; i < len && rc == NX_OK;) {
        size_t j = i;
        while (j < len && buf[j] != '\n')
            j++;
        lineno++;
        char *line = strndup(buf + i, j - i);
        i = j + 1;
        if (!line) {
            rc = NX_ENOMEM;
            break;
        }
        const char *why = "";
        if (*line)
            rc = parse_line(t, line, &by_line, &nlines, &cap, &why);
        if (rc == NX_EINVAL)
            *err = nx_errf("the entity table, line %zu: %s", lineno, why);
        free(line);
    }
    free(by_line);
    t->finished = 1;
    if (rc == NX_OK)
        rc = et_make_entries(t);
    if (rc != NX_OK) {
        nx_etable_free(t);
        return rc;
    }
    *out = t;
    return NX_OK;
}

uint64_t nx_etable_hash(const nx_etable *t)
{
    if (!t)
        return 0;
    uint64_t h = NX_FNV64_OFFSET;
    char num[48];
    for (size_t i = 0; i < t->nrv; i++) {
        const et_rule *r = &t->rv[i];
        snprintf(num, sizeof num, "%d %d %d ", r->type, r->newtype,
                 r->override);
        h = nx_fnv1a64(h, num, strlen(num));
        h = nx_fnv1a64(h, r->key, strlen(r->key) + 1);
        if (r->name)
            h = nx_fnv1a64(h, r->name, strlen(r->name) + 1);
    }
    for (size_t i = 0; i < t->nctry; i++) {
        h = nx_fnv1a64(h, t->ctry[i].shortkey, strlen(t->ctry[i].shortkey) + 1);
        h = nx_fnv1a64(h, t->ctry[i].country, strlen(t->ctry[i].country) + 1);
        const char *l = t->ents[t->ctry[i].ent].disp[NX_ET_ORG];
        if (l)
            h = nx_fnv1a64(h, l, strlen(l) + 1);
    }
    for (size_t i = 0; i < t->nclubs; i++)
        h = nx_fnv1a64(h, t->clubs[i], strlen(t->clubs[i]) + 1);
    for (size_t i = 0; i < t->nsmap; i++) {
        const char *full = t->ents[t->smap[i].ent].disp[NX_ET_PERSON];
        snprintf(num, sizeof num, " %d ", t->smap[i].year);
        h = nx_fnv1a64(h, t->smap[i].sur, strlen(t->smap[i].sur));
        h = nx_fnv1a64(h, num, strlen(num));
        if (full)
            h = nx_fnv1a64(h, full, strlen(full) + 1);
    }
    return h;
}

/* ----------------------------------------------------------- entries */

static int cmp_entry(const void *a, const void *b)
{
    const nx_etable_entry *x = a, *y = b;
    if (x->articles != y->articles)
        return x->articles > y->articles ? -1 : 1;
    return strcmp(x->name, y->name);
}

static const char *display_of(const et_ent *e)
{
    const char *d = e->disp[0] ? e->disp[0]
                    : e->disp[1] ? e->disp[1] : e->disp[2];
    return d ? d : e->key;
}

static void add_variant(nx_buf *v, const et_ent *e)
{
    const char *d = display_of(e);
    size_t n = strlen(d);
    for (const char *p = v->p; p && (p = strstr(p, d)) != NULL; p += n)
        if ((p == v->p || p[-1] == ' ') && (p[n] == ';' || !p[n]))
            return;   /* listed already */
    v->max = 1 << 20;
    if (v->n)
        nx_buf_add(v, "; ", 2);
    nx_buf_add(v, d, strlen(d));
}

/* The entity a (type, key) ends as after the rules: its index, or -1. */
static long target_of(const nx_etable *t, int ty, const et_ent *e)
{
    const et_rule *r = et_rule_for(t, ty, e->key);
    if (!r || !r->name)
        return -1;
    char *k = nx_name_key(r->name);
    long i = k ? et_find(t->bykey, k, strlen(k)) : -1;
    free(k);
    return i;
}

int et_make_entries(nx_etable *t)
{
    free_entries(t);
    if (!t->nents)
        return NX_OK;
    nx_buf *var = calloc(t->nents, sizeof *var);
    long *into = calloc(t->nents, sizeof *into);
    int rc = var && into ? NX_OK : NX_ENOMEM;
    /* where each entity goes: a rename or surname map makes it a
     * variant of another */
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        const et_ent *e = &t->ents[i];
        into[i] = -1;
        int ty = e->type < 3 ? e->type : 0;
        long to = target_of(t, ty, e);
        if (to >= 0 && (size_t)to != i)
            into[i] = to;
    }
    /* a surname alone is absorbed by each full name it stands for in
     * some year; it counts with the first */
    for (size_t i = 0; i < t->nsmap && rc == NX_OK; i++) {
        long k = et_find(t->bykey, t->smap[i].sur, strlen(t->smap[i].sur));
        size_t to = t->smap[i].ent;
        if (k < 0 || (size_t)k == to)
            continue;
        if (into[k] < 0)
            into[k] = (long)to;
        else if ((size_t)into[k] != to)
            add_variant(&var[to], &t->ents[k]);
    }
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        if (into[i] < 0)
            continue;
        add_variant(&var[into[i]], &t->ents[i]);
    }
    /* what an entity absorbed counts with it: an article names the two
     * forms once (extraction merges them within it) */
    uint32_t *extra = rc == NX_OK ? calloc(2 * t->nents, sizeof *extra)
                                  : NULL;
    if (!extra)
        rc = NX_ENOMEM;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++)
        if (into[i] >= 0) {
            const et_ent *e = &t->ents[i];
            extra[2 * into[i]] += e->n[0] + e->n[1] + e->n[2];
            extra[2 * into[i] + 1] += e->n[ET_BY];
        }
    t->entries = rc == NX_OK ? calloc(t->nents, sizeof *t->entries) : NULL;
    t->entry_strs = t->entries ? calloc(t->nents, sizeof *t->entry_strs)
                               : NULL;
    if (!t->entry_strs)
        rc = NX_ENOMEM;
    for (size_t i = 0; i < t->nents && rc == NX_OK; i++) {
        const et_ent *e = &t->ents[i];
        if (into[i] >= 0)
            continue;
        int ty = e->type;
        const et_rule *r = ty < 3 ? et_rule_for(t, ty, e->key) : NULL;
        const char *why = e->why ? e->why : "";
        nx_etable_entry *x = &t->entries[t->nentries];
        x->name = NULL;
        if (r && r->override) {
            ty = r->newtype;
            why = r->why;
            if (r->name) {   /* renamed to a name of its own */
                x->name = r->name;
                add_variant(&var[i], e);
            }
        }
        if (!x->name)
            x->name = e->disp[ty < 3 ? ty : 0];
        for (int k = 0; !x->name && k < 3; k++)
            x->name = e->disp[k];
        if (!x->name)
            continue;   /* a speaker only: listed under its own type */
        x->type = ty;
        x->articles = e->n[0] + e->n[1] + e->n[2];
        if (!x->articles)
            x->articles = e->n[ET_BY];
        x->quoted = e->n[ET_BY];
        x->articles += extra[2 * i];
        x->quoted += extra[2 * i + 1];
        x->first = e->first;
        x->last = e->last;
        x->why = why;
        if (var[i].err) {
            rc = NX_ENOMEM;
            break;
        }
        t->entry_strs[t->nentries] = var[i].p;
        var[i].p = NULL;
        x->variants = t->entry_strs[t->nentries] ? t->entry_strs[t->nentries]
                                                 : "";
        t->nentries++;
    }
    for (size_t i = 0; var && i < t->nents; i++)
        nx_buf_free(&var[i]);
    free(var);
    free(into);
    free(extra);
    if (rc == NX_OK && t->nentries)
        qsort(t->entries, t->nentries, sizeof *t->entries, cmp_entry);
    return rc;
}

size_t nx_etable_count(const nx_etable *t)
{
    return t ? t->nentries : 0;
}

const nx_etable_entry *nx_etable_get(const nx_etable *t, size_t i)
{
    return t && i < t->nentries ? &t->entries[i] : NULL;
}

const char *nx_etable_computed(const nx_etable *t)
{
    return t ? t->computed : "";
}

uint64_t nx_etable_articles(const nx_etable *t)
{
    return t ? t->articles : 0;
}
