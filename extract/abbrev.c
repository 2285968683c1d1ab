/*
 * abbrev.c — the standard abbreviations of US states as place names take
 * ("SAN DIEGO, Calif., Feb 26 -", "Stamford, Conn.", "Dallas, TX"): the
 * AP style forms and the postal codes.  Many are also words or names
 * ("Mass", "Miss", "Ind", "La", "Del", "Wash", "ME"), so combine.c reads
 * one as a state only where a place name takes a state: in a dateline, or
 * right after "<place>,".
 */
#include <string.h>

#include "x_internal.h"

static const char *const STATES[][2] = {
    {"ala", "Alabama"}, {"al", "Alabama"}, {"ak", "Alaska"},
    {"ariz", "Arizona"}, {"az", "Arizona"}, {"ark", "Arkansas"},
    {"ar", "Arkansas"}, {"calif", "California"}, {"cal", "California"},
    {"ca", "California"}, {"colo", "Colorado"}, {"co", "Colorado"},
    {"conn", "Connecticut"}, {"ct", "Connecticut"}, {"del", "Delaware"},
    {"de", "Delaware"}, {"dc", "Washington"}, {"fla", "Florida"},
    {"fl", "Florida"}, {"ga", "Georgia"}, {"hi", "Hawaii"},
    {"ida", "Idaho"}, {"id", "Idaho"}, {"ill", "Illinois"},
    {"il", "Illinois"}, {"ind", "Indiana"}, {"in", "Indiana"},
    {"ia", "Iowa"}, {"kan", "Kansas"}, {"kans", "Kansas"},
    {"ks", "Kansas"}, {"ky", "Kentucky"}, {"la", "Louisiana"},
    {"me", "Maine"}, {"md", "Maryland"}, {"mass", "Massachusetts"},
    {"ma", "Massachusetts"}, {"mich", "Michigan"}, {"mi", "Michigan"},
    {"minn", "Minnesota"}, {"mn", "Minnesota"}, {"miss", "Mississippi"},
    {"ms", "Mississippi"}, {"mo", "Missouri"}, {"mont", "Montana"},
    {"mt", "Montana"}, {"neb", "Nebraska"}, {"nebr", "Nebraska"},
    {"ne", "Nebraska"}, {"nev", "Nevada"}, {"nv", "Nevada"},
    {"nh", "New Hampshire"}, {"nj", "New Jersey"}, {"nm", "New Mexico"},
    {"ny", "New York"}, {"nc", "North Carolina"}, {"nd", "North Dakota"},
    {"okla", "Oklahoma"}, {"ok", "Oklahoma"}, {"ore", "Oregon"},
    {"oreg", "Oregon"}, {"or", "Oregon"}, {"pa", "Pennsylvania"},
    {"penn", "Pennsylvania"}, {"penna", "Pennsylvania"},
    {"ri", "Rhode Island"}, {"sc", "South Carolina"},
    {"sd", "South Dakota"}, {"tenn", "Tennessee"}, {"tn", "Tennessee"},
    {"tex", "Texas"}, {"tx", "Texas"}, {"ut", "Utah"}, {"vt", "Vermont"},
    {"va", "Virginia"}, {"wash", "Washington"}, {"wa", "Washington"},
    {"wva", "West Virginia"}, {"wv", "West Virginia"},
    {"wis", "Wisconsin"}, {"wisc", "Wisconsin"}, {"wi", "Wisconsin"},
    {"wyo", "Wyoming"}, {"wy", "Wyoming"}};

const char *x_state_abbrev(const char *key)
{
    for (size_t i = 0; i < sizeof STATES / sizeof STATES[0]; i++)
        if (strcmp(STATES[i][0], key) == 0)
            return STATES[i][1];
    return NULL;
}
