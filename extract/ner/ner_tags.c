/*
 * ner_tags.c — the two tag sets (IOB2 outside, BILOU inside), conversions
 * between them, parsing of CoNLL tag columns, and the BILOU transition
 * constraints the decoder enforces.
 */
#include "ner_internal.h"

#include <string.h>

static const char *const iob2_names[NX_TAG_COUNT] = {
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG",
    "B-LOC", "I-LOC", "B-MISC", "I-MISC",
};

static const char *const bilou_names[NER_NT] = {
    "O",
    "B-PER", "I-PER", "L-PER", "U-PER",
    "B-ORG", "I-ORG", "L-ORG", "U-ORG",
    "B-LOC", "I-LOC", "L-LOC", "U-LOC",
    "B-MISC", "I-MISC", "L-MISC", "U-MISC",
};

static const char *const type_names[NX_NER_NTYPES] = {
    "PER", "ORG", "LOC", "MISC",
};

const char *nx_tagger_tag_name(int tag)
{
    return tag >= 0 && tag < NX_TAG_COUNT ? iob2_names[tag] : NULL;
}

const char *ner_bilou_name(int tag)
{
    return tag >= 0 && tag < NER_NT ? bilou_names[tag] : NULL;
}

const char *nx_ner_type_name(int type)
{
    return type >= 0 && type < NX_NER_NTYPES ? type_names[type] : NULL;
}

/* IOB2 ids are 1 + 2*type for B, 2 + 2*type for I. */
int ner_bilou_to_iob2(int tag)
{
    if (tag <= 0 || tag >= NER_NT)
        return NX_TAG_O;
    int type = NER_TYPE_OF(tag), pos = NER_POS_OF(tag);
    return (pos == 0 || pos == 3) ? 1 + 2 * type : 2 + 2 * type;
}

static int iob2_type(int tag) { return tag > 0 ? (tag - 1) / 2 : -1; }
static int iob2_is_b(int tag) { return tag > 0 && (tag - 1) % 2 == 0; }

/* conlleval's rule: a chunk starts at B-X, or at I-X whose predecessor is
 * not of type X.  It ends before a token that starts a chunk or is not X. */
static int chunk_starts(int prev, int cur)
{
    if (cur <= 0)
        return 0;
    return iob2_is_b(cur) || iob2_type(prev) != iob2_type(cur);
}

void ner_iob2_to_bilou(const int *iob2, size_t n, int *bilou)
{
    for (size_t i = 0; i < n; i++) {
        int cur = iob2[i];
        if (cur <= 0 || cur >= NX_TAG_COUNT) {
            bilou[i] = NER_T_O;
            continue;
        }
        int prev = i ? iob2[i - 1] : NX_TAG_O;
        int next = i + 1 < n ? iob2[i + 1] : NX_TAG_O;
        int type = iob2_type(cur);
        int begins = chunk_starts(prev, cur);
        int ends = !(next > 0 && next < NX_TAG_COUNT &&
                     iob2_type(next) == type && !chunk_starts(cur, next));
        bilou[i] = begins ? (ends ? NER_T_U(type) : NER_T_B(type))
                          : (ends ? NER_T_L(type) : NER_T_I(type));
    }
}

int nx_ner_tag_parse(const char *s, size_t len, int prev)
{
    if (len == 1 && s[0] == 'O')
        return NX_TAG_O;
    if (len < 3 || s[1] != '-')
        return -1;
    int type = -1;
    for (int k = 0; k < NX_NER_NTYPES; k++)
        if (strlen(type_names[k]) == len - 2 &&
            memcmp(type_names[k], s + 2, len - 2) == 0)
            type = k;
    if (type < 0)
        return -1;
    int b = 1 + 2 * type, in = 2 + 2 * type;
    switch (s[0]) {
    case 'B':
        return b;
    case 'I':
        /* IOB1: I-X continues an X chunk, else it starts one. */
        return iob2_type(prev) == type ? in : b;
    default:
        return -1;
    }
}

int ner_transition_ok(int a, int b)
{
    int a_open = a > 0 && (NER_POS_OF(a) == 0 || NER_POS_OF(a) == 1);
    if (b < 0)
        return !a_open;
    int b_cont = b > 0 && (NER_POS_OF(b) == 1 || NER_POS_OF(b) == 2);
    if (!a_open)
        return !b_cont;
    return b_cont && NER_TYPE_OF(a) == NER_TYPE_OF(b);
}
