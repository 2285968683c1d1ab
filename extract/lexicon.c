/*
 * lexicon.c — the closed word lists the extraction rules share: function
 * words, calendar words, name joiners, role nouns, speech verbs.  Open
 * lists (names, cues) come from the gazetteer files instead.
 *
 * The lists become one hash map (word → LX_ bits) per extractor; the
 * tokenizer looks each token up once and keeps the bits on the token.
 */
#include <string.h>

#include "nx_status.h"

#include "x_internal.h"

/* Words capitalised only because a sentence (or headline) starts with them. */
static const char *const FUNCTION_WORDS[] = {
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "on", "in",
    "at", "for", "from", "with", "by", "of", "to", "into", "onto", "over",
    "under", "after", "before", "during", "while", "when", "whenever", "as",
    "if", "unless", "because", "since", "until", "though", "although",
    "whether", "it", "its", "this", "that", "these", "those", "there",
    "here", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "my", "your", "him", "them", "us", "me", "what", "who", "whom",
    "whose", "which", "where", "why", "how", "all", "some", "many", "most",
    "more", "much", "no", "not", "only", "also", "both", "each", "every",
    "other", "another", "such", "then", "now", "still", "even", "just",
    "according", "despite", "however", "meanwhile", "moreover", "instead",
    "under", "about", "among", "amid", "between", "against", "within",
    "without", "through", "throughout", "across", "around", "behind",
    "beyond", "near", "last", "next", "first", "second", "third", "one",
    "two", "three", "four", "five", "ten", "today", "yesterday", "tomorrow",
    "earlier", "later", "again", "already", "yes", "well", "asked",
    "speaking", "several", "few", "any", "none", "nothing", "everyone",
    "someone", "nobody", "do", "does", "did", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "shall", "let", "please", "thanks",
    "indeed", "perhaps", "overall", "finally", "further", "furthermore",
    "additionally", "separately", "elsewhere", "nevertheless", "otherwise",
    "sources", "officials", "analysts", "experts", "critics", "police",
    "authorities", "residents", "shares", "prices", "traders", "dealers",
    "reporting", "writing", "editing", "via", "per", "like", "unlike",
    "once", "twice", "whereas", "hence", "thus", "therefore", "neither",
    "either", "up", "down", "out", "off", "above", "below", "toward",
    "towards", "upon", "beside", "besides", "ahead", "outside", "inside",
    "following", "including", "regarding", "concerning", "given",
    "bankers", "economists", "investors", "lawmakers", "diplomats",
    "witnesses", "protesters", "observers", "people", "voters", "workers",
    "industry", "trade", "market", "government", "company", NULL};

static const char *const CALENDAR[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "christmas", "easter", "ramadan", "eid", "spring", "summer", "autumn",
    "winter", "am", "pm", "gmt", "est", "edt", "pst", "bst", "cet", "utc",
    NULL};

/* Lower-case particles inside names: von der Leyen, bin Salman, de Gaulle. */
static const char *const JOINERS[] = {
    "of", "de", "da", "das", "do", "dos", "du", "di", "del", "della", "der",
    "den", "van", "von", "bin", "ibn", "bint", "al", "el", "la", "le", "y",
    "ter", "ten", "zu", "&", NULL};

/* Nouns for an unnamed speaker or a role before or after a name. */
static const char *const ROLE_NOUNS[] = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "official",
    "officials", "assistant", "aide", "adviser", "advisor", "minister",
    "president", "chairman", "chairwoman", "chair", "director", "executive",
    "ceo", "head", "chief", "leader", "secretary", "governor", "mayor",
    "ambassador", "envoy", "analyst", "economist", "strategist", "source",
    "sources", "representative", "negotiator", "diplomat", "commander",
    "general", "lawyer", "attorney", "prosecutor", "judge", "senator",
    "lawmaker", "legislator", "manager", "founder", "owner", "trader",
    "dealer", "expert", "professor", "researcher", "scientist", "doctor",
    "officer", "colonel", "captain", "coach", "premier", "chancellor",
    "deputy", "member", "partner", "banker", "consultant", "activist",
    "campaigner", "candidate", "boss", "veteran", "resident", "witness",
    "student", "worker", "employee", "farmer", "chemist", "engineer",
    "agent", "inspector", "commissioner", "correspondent", "editor",
    "reporter", "columnist", "author", "writer", "controller",
    "producer", "presenter", "publicist", "promoter", "organiser",
    "commentator", "curator", "vice-president", "treasurer", "conductor",
    "singer", "actor", "actress", "striker", "midfielder", "defender",
    "goalkeeper", "captain", "skipper", "mother", "father", "chairperson",
    "spokesmen", "spokeswomen",
    NULL};

static const char *const PLACE_NOUNS[] = {
    "region", "province", "oblast", "state", "county", "district", "city",
    "town", "village", "area", "valley", "river", "island", "islands",
    "peninsula", "border", "capital", "prefecture", "governorate",
    "municipality", "territory", "coast", "port", "basin", "desert",
    "mountains", "sea", "lake", "gulf", "bay", NULL};

/* "the company said": a definite description naming the last org. */
static const char *const ORG_ANAPHORS[] = {
    "company", "firm", "bank", "group", "ministry", "agency", "carrier",
    "airline", "maker", "retailer", "insurer", "utility", "union", "party",
    "department", "corporation", "institute", "fund", "council",
    "commission", "court", "board", "alliance", "organisation",
    "organization", "government", "producer", "lender", "exchange",
    "network", "broadcaster", "newspaper", "paper", "club", "team",
    "regulator", "watchdog", "automaker", "refiner", "operator", "station",
    NULL};

/* Speech verbs in every form.  Class 1 reports speech with any complement;
 * class 2 only with "that", a colon, a quote, or its own complement (accused
 * ... of, urged ... to), because "promised to build" or "warned of rain" is
 * a commitment or a forecast rather than words reported.  "call" is left
 * out: "calls for a guarantee", "called him" are rarely words reported. */
static const char *const SPEECH1[] = {
    "say", "says", "said", "saying", "tell", "tells", "told", "telling",
    "add", "adds", "added", "adding", "state", "states", "stated",
    "declare", "declares", "declared", "write", "writes", "wrote",
    "written", "tweet", "tweets", "tweeted", "tweeting", "note", "notes",
    "noted", "noting", "stress", "stresses", "stressed", "stressing",
    "insist", "insists", "insisted", "insisting", "argue", "argues",
    "argued", "arguing", "claim", "claims", "claimed", "claiming",
    "explain", "explains", "explained", "explaining", "respond", "responds",
    "responded", "reply", "replies", "replied", "acknowledge",
    "acknowledges", "acknowledged", "assert", "asserts", "asserted",
    "confirm", "confirms", "confirmed", "contend", "contends", "contended",
    "concede", "concedes", "conceded", "emphasise", "emphasised",
    "emphasises", "emphasize", "emphasized", "emphasizes", "maintain",
    "maintains", "maintained", "remark", "remarks", "remarked", "reiterate",
    "reiterates", "reiterated", "testify", "testifies", "testified",
    "comment", "comments", "commented", "observe", "observes", "observed",
    "conclude", "concludes", "concluded", "recall", "recalls", "recalled",
    "quip", "quips", "quipped", "joke", "jokes", "joked", "posted",
    "deny", "denies", "denied", "denying", "announce", "announces",
    "announced", "admit", "admits", "admitted", "complain", "complains",
    "complained", "exclaimed", "shouted", "wondered", "mused", "boasted",
    "cautioned", "countered", "retorted", "lamented", "reported", "reports",
    "scolded", "chided", "interjected", "recounted", "whispered", "yelled",
    NULL};
static const char *const SPEECH2[] = {
    "warn", "warns", "warned", "warning", "urge", "urges", "urged",
    "urging", "accuse", "accuses", "accused", "accusing", "promise",
    "promises", "promised", "pledge", "pledges", "pledged", "vow", "vows",
    "vowed", "ask", "asks", "asked", "asking", "suggest", "suggests",
    "suggested", "suggesting", "predict", "predicts", "predicted", "agree",
    "agrees", "agreed", "demand", "demands", "demanded", "describe", "describes", "described", "criticise",
    "criticised", "criticize", "criticized", "reveal", "reveals",
    "revealed", "hint", "hinted", "indicate", "indicated", "indicates",
    "estimate", "estimated", "forecast", "forecasts", "believe", "believes",
    "believed", "think", "thinks", "thought", "expect", "expects",
    "expected", "hope", "hopes", "hoped", "fear", "fears", "feared",
    "blamed", "charged", "alleged", "alleges", "pleaded", "protested",
    "answered", "snapped", NULL};

static const char *const PRONOUNS[] = {"he", "she", "they", "it", NULL};

/* Plural common nouns the tagger may capitalise into a name at the start
 * of a sentence ("Prosecutors said", "MPs warned"): never a speaker. */
static const char *const GROUPS[] = {
    "prosecutors", "mps", "ministers", "organisers", "organizers",
    "scientists", "officials", "police", "critics", "analysts", "experts",
    "residents", "doctors", "researchers", "campaigners", "teachers",
    "parents", "lawyers", "officers", "economists", "investors", "fans",
    "players", "voters", "workers", "unions", "judges", "senators",
    "lawmakers", "republicans", "democrats", "conservatives", "tories",
    "activists", "protesters", "witnesses", "sources", "insiders",
    "executives", "managers", "directors", "members", "leaders", "peers",
    "councillors", "bosses", "users", "customers", "consumers", "critics",
    "supporters", "opponents", "academics", "engineers", "regulators",
    "authorities", "bankers", "traders", "dealers", "observers", "brokers",
    "diplomats", "shareholders", "creditors", "delegates", "exporters",
    "importers", "farmers", "forecasters", "strategists", "negotiators",
    NULL};

/* Verbs that report words only when a quote follows close behind:
 * "Cruz called Trump a “pathological liar”" (not "called a meeting"). */
static const char *const NAMING[] = {
    "call", "calls", "called", "calling", "dub", "dubs", "dubbed",
    "brand", "brands", "branded", "label", "labels", "labelled", "labeled",
    "term", "termed", "compare", "compares", "compared", "dismiss",
    "dismisses", "dismissed", "refer", "refers", "referred", "hail",
    "hailed", "slam", "slams", "slammed", "praise", "praised", "decry",
    "decried", "mock", "mocked", "vowing", "pledging", "welcome",
    "welcomes", "welcomed", "attack", "attacks", "attacked", "condemn",
    "condemns", "condemned", NULL};

/* The verb's object after it is who was told, not who spoke. */
static const char *const TELL[] = {"tell", "tells", "told", "telling", NULL};

static int add_list(nx_strmap *m, const char *const *list, unsigned bit)
{
    for (size_t i = 0; list[i]; i++) {
        long v = 0;
        size_t n = strlen(list[i]);
        nx_strmap_get(m, list[i], n, &v);
        if (nx_strmap_put(m, list[i], n, v | (long)bit) != 0)
            return NX_ENOMEM;
    }
    return NX_OK;
}

int x_lex_new(nx_strmap **out)
{
    nx_strmap *m = nx_strmap_new();
    if (!m || add_list(m, FUNCTION_WORDS, LX_FUNC) ||
        add_list(m, CALENDAR, LX_CAL) || add_list(m, JOINERS, LX_JOIN) ||
        add_list(m, ROLE_NOUNS, LX_ROLE) ||
        add_list(m, PLACE_NOUNS, LX_PLACEN) ||
        add_list(m, ORG_ANAPHORS, LX_ORGANA) ||
        add_list(m, SPEECH1, LX_SAY1) || add_list(m, SPEECH2, LX_SAY2) ||
        add_list(m, PRONOUNS, LX_PRON) || add_list(m, GROUPS, LX_GROUP) ||
        add_list(m, TELL, LX_TELL) || add_list(m, NAMING, LX_NAMING) ||
        add_list(m, x_table_words, LX_TABLE)) {
        nx_strmap_free(m);
        return NX_ENOMEM;
    }
    *out = m;
    return NX_OK;
}

unsigned x_lex(const nx_strmap *lex, const char *w, size_t n)
{
    char low[32];
    if (n && w[n - 1] == '.')
        n--;                       /* "Jan." like "Jan" */
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            return 0;              /* every listed word is ASCII */
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    long v;
    return nx_strmap_get(lex, low, n, &v) ? (unsigned)v : 0;
}
