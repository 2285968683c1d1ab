/*
 * x_subject.h — the subject of a speech verb (subject.c, subject_right.c,
 * subject_org.c), for the quote stage (quotes.c).  Results are mention
 * indexes, or one of the two codes below.
 */
#ifndef NX_X_SUBJECT_H
#define NX_X_SUBJECT_H

#include "x_internal.h"

#define SUBJ_NONE -2         /* no subject found: not an attribution */
#define SUBJ_UNNAMED -1      /* a speaker with no name ("the assistant") */

/* A word token in lower case. */
int x_subj_lower_word(const x_doc *d, uint32_t t);
/* A speech verb (LX_SAY1 or LX_SAY2) in lower case. */
int x_subj_is_say(const x_doc *d, uint32_t t);
int x_subj_first_of_sentence(const x_doc *d, uint32_t t);
/* A role whose holder speaks for himself, not for the organisation named
 * with it ("BBC correspondent Peter Hunt"): t is such a role noun. */
int x_subj_own_voice(const x_doc *d, uint32_t t);
/* ", a spokesman for Y" at t (the comma) after a speaker: Y, or -1. */
int x_subj_spokesman_for(const x_doc *d, uint32_t t);
/* A role word or title between an organisation and a person's name
 * ("RCMP Cpl. Jane Smith", "Oilers head coach"): t is one. */
int x_subj_role_word(const x_doc *d, uint32_t t);
/* The subject of speech verb v walking left, not before `bound`; *also
 * gets a second speaker (the org behind a named spokesman) or -1. */
int x_subj_left(const x_doc *d, uint32_t v, uint32_t bound, int *also);
/* The subject after speech verb v: `said Lavrov`, `said the Kremlin`. */
int x_subj_right(const x_doc *d, uint32_t v, int *also);
/* "reported BaFin as saying" at t: a verb that relays the words of the
 * one named after it, whose speech verb is the participle after "as". */
int x_subj_relays(const x_doc *d, uint32_t t);
/* Organisation mention o as a named person's affiliation that speaks
 * with him ("Kremlin spokesman Dmitry Peskov"): o, or -1 for a
 * legislature, whose members and officers speak for themselves. */
int x_subj_affiliation(const x_doc *d, int o);
/* "according to (the) X" at t: X, or an unnamed source; SUBJ_NONE when
 * t does not start the phrase. */
int x_subj_according_to(const x_doc *d, uint32_t t);
/* "Trump's claim that", "his comments": the possessor of a speech noun
 * at t, or SUBJ_NONE. */
int x_subj_possessed_speech(const x_doc *d, uint32_t t);
/* The first person or organisation named as a clause's subject in the
 * sentence from `first` to `end`, or -1. */
int x_subj_sentence_subject(const x_doc *d, uint32_t first, uint32_t end);
/* A preposition in any case ("With", "in"). */
int x_subj_preposition(const x_doc *d, uint32_t t);
/* A person named near token `at` with a role in organisation mention
 * org ("Oilers coach Todd McLellan"), or -1. */
int x_subj_person_for_org(const x_doc *d, int org, uint32_t at);

/* antecedent.c: what a pronoun or a description points back to. */
/* A mention that can be a speaker: a group noun ("Prosecutors") or a
 * place is SUBJ_UNNAMED; codes pass through. */
int x_subj_speaker_ok(const x_doc *d, int m);
/* he/she (a person of that gender), they/it (an organisation) at t. */
int x_subj_pronoun(const x_doc *d, uint32_t t);
/* The person (want XM_PER, of `gender` XG_MALE/XG_FEMALE or 0) or
 * organisation a reference at t points back to, or SUBJ_UNNAMED. */
int x_subj_antecedent(const x_doc *d, uint32_t t, int want, unsigned gender);
/* "the former Democratic senator" ending at t: the person meant, or
 * SUBJ_NONE when t ends no such description. */
int x_subj_description(const x_doc *d, uint32_t t);
/* "mother-of-nine" / "20-year-old": at its last token t (or its first,
 * `forward`); *start gets the first. */
int x_subj_hyphen_person(const x_doc *d, uint32_t t, int forward,
                         uint32_t *start);
/* Mention m is a clause's subject, not an object or a possessor. */
int x_subj_subject_position(const x_doc *d, const x_mention *m);

#endif
