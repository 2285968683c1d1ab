/*
 * test_extract_quotes.c — who is quoted: one small text per row, the
 * speakers (`by`) and every quote with its speaker.
 */
#include "nx_test.h"
#include "x_test_util.h"

static const char ALIASES[] =
    "IMF\tInternational Monetary Fund\n"
    "Lavrov\tSergey Lavrov\n";

static const struct {
    const char *text;
    const char *by;       /* speakers, first speech first; those only
                             below the by: threshold after them as ~NAME */
    const char *quotes;   /* "Speaker: text" joined by "||" */
} ROWS[] = {
    /* direct quote, attribution after it */
    {"Sergey Lavrov arrived on Monday. \xe2\x80\x9cWe will respond,\xe2\x80\x9d"
     " said Lavrov.",
     "Sergey Lavrov", "Sergey Lavrov: We will respond"},
    {"Sergey Lavrov arrived on Monday. \"We will respond,\" Lavrov said.",
     "Sergey Lavrov", "Sergey Lavrov: We will respond"},
    {"\xe2\x80\x9cWe are ready. We have always been ready,\xe2\x80\x9d "
     "Volodymyr Zelenskyy said on Friday.",
     "Volodymyr Zelenskyy",
     "Volodymyr Zelenskyy: We are ready. We have always been ready"},
    /* attribution before it */
    {"Sergey Lavrov said: \xe2\x80\x9cWe will respond to any provocation.\xe2\x80\x9d",
     "Sergey Lavrov", "Sergey Lavrov: We will respond to any provocation."},
    {"Sergey Lavrov said that \"the West is playing with fire.\"",
     "Sergey Lavrov", "Sergey Lavrov: the West is playing with fire."},
    {"Sergey Lavrov responded by saying that NATO was \xe2\x80\x9cplaying with "
     "fire\xe2\x80\x9d with its drills.",
     "Sergey Lavrov", "Sergey Lavrov: playing with fire"},
    {"Elon Musk tweeted that the deal was \xe2\x80\x9con hold\xe2\x80\x9d.",
     "Elon Musk", "Elon Musk: on hold"},
    /* reported speech, any tense, no quotation marks */
    {"Angela Merkel says the talks will continue.", "Angela Merkel", ""},
    {"Emmanuel Macron told reporters the deal was close.", "Emmanuel Macron",
     ""},
    {"Jens Stoltenberg warned that Russia would pay a price.",
     "Jens Stoltenberg", ""},
    {"Pedro Sanchez has denied the reports.", "Pedro Sanchez", ""},
    {"Joe Biden promised to make an invasion very costly.", "", ""},
    {"According to Christine Lagarde, inflation will fall.",
     "Christine Lagarde", ""},
    /* pronouns */
    {"Antony Blinken met Sergey Lavrov in Stockholm. He warned that the "
     "allies would \xe2\x80\x9cimpose dire costs and consequences\xe2\x80\x9d "
     "on Moscow.",
     "~Antony Blinken",
     "Antony Blinken: impose dire costs and consequences"},
    {"Christine Lagarde spoke in Frankfurt. \xe2\x80\x9cInflation is too "
     "high,\xe2\x80\x9d she said.",
     "~Christine Lagarde", "Christine Lagarde: Inflation is too high"},
    {"Deutsche Bank raised its forecast. \xe2\x80\x9c" "Demand is strong and "
     "rising,\xe2\x80\x9d it said.",
     "~Deutsche Bank", "Deutsche Bank: Demand is strong and rising"},
    /* titles and appositives between name and verb */
    {"Christine Lagarde, the ECB president, said: \xe2\x80\x9cRates will "
     "rise soon.\xe2\x80\x9d",
     "Christine Lagarde", "Christine Lagarde: Rates will rise soon."},
    {"\xe2\x80\x9cRates will rise soon,\xe2\x80\x9d said Christine Lagarde, "
     "the ECB president.",
     "Christine Lagarde", "Christine Lagarde: Rates will rise soon"},
    {"NATO Secretary General Jens Stoltenberg said the alliance \xe2\x80\x9cwill "
     "not be divided by Moscow\xe2\x80\x9d.",
     "Jens Stoltenberg", "Jens Stoltenberg: will not be divided by Moscow"},
    /* organisations as speakers */
    {"The Kremlin said it had no plans to invade.", "Kremlin", ""},
    {"Growth will slow, the IMF said on Tuesday.",
     "International Monetary Fund", ""},
    /* spokesmen */
    {"Kremlin spokesman Dmitry Peskov told reporters: \xe2\x80\x9cThere is no "
     "threat to anyone.\xe2\x80\x9d",
     "Dmitry Peskov|Kremlin", "Dmitry Peskov: There is no threat to anyone."},
    {"\xe2\x80\x9cWe are ready for talks,\xe2\x80\x9d the Kremlin's spokesman said.",
     "Kremlin", "Kremlin: We are ready for talks"},
    {"\xe2\x80\x9cThe talks will continue,\xe2\x80\x9d said John Kirby, a "
     "spokesman for the Pentagon.",
     "John Kirby|Pentagon", "John Kirby: The talks will continue"},
    /* quotes over several sentences and paragraphs */
    {"NATO chief Jens Stoltenberg spoke on Tuesday. \xe2\x80\x9cOnly Ukraine and "
     "30 NATO allies decide,\xe2\x80\x9d Stoltenberg said. \xe2\x80\x9cRussia has "
     "no veto over that.\n\n\xe2\x80\x9cRussia has no right to create a sphere "
     "of influence.\xe2\x80\x9d",
     "Jens Stoltenberg",
     "Jens Stoltenberg: Only Ukraine and 30 NATO allies decide||"
     "Jens Stoltenberg: Russia has no veto over that.||"
     "Jens Stoltenberg: Russia has no right to create a sphere of influence."},
    {"Christine Lagarde said on Thursday that \xe2\x80\x9cinflation is far too "
     "high\xe2\x80\x9d.\n\n\xe2\x80\x9cWe will act decisively and we will act "
     "soon.\xe2\x80\x9d",
     "Christine Lagarde",
     "Christine Lagarde: inflation is far too high||"
     "Christine Lagarde: We will act decisively and we will act soon."},
    /* a quote split across paragraphs: the first part is left open and
     * the next paragraph reopens it; the attribution comes at the end */
    {"Christine Lagarde spoke in Frankfurt on Thursday.\n\n\xe2\x80\x9cInflation "
     "is far too high. We will not wait.\n\n\xe2\x80\x9cWe will act "
     "decisively,\xe2\x80\x9d Lagarde said.",
     "Christine Lagarde",
     "Christine Lagarde: Inflation is far too high. We will not wait.||"
     "Christine Lagarde: We will act decisively"},
    /* a paragraph wholly in quotes continues the previous speaker, also
     * after a paragraph of narration, and after reported speech */
    {"\xe2\x80\x9cWe will respond,\xe2\x80\x9d Sergey Lavrov said on Monday."
     "\n\nThe talks in Geneva ended without a deal.\n\n\xe2\x80\x9cThe "
     "West is playing with fire.\xe2\x80\x9d",
     "Sergey Lavrov",
     "Sergey Lavrov: We will respond||"
     "Sergey Lavrov: The West is playing with fire."},
    {"Marie Howell says she wants the government to listen.\n\n\xe2\x80\x9c"
     "When my kids come home, they say the toilets are broken.\xe2\x80\x9d",
     "Marie Howell",
     "Marie Howell: When my kids come home, they say the toilets are broken."},
    /* X's spokesman: the organisation, and the spokesman when named */
    {"\xe2\x80\x9cThere is no threat,\xe2\x80\x9d the Kremlin's spokesman "
     "Dmitry Peskov said.",
     "Dmitry Peskov|Kremlin", "Dmitry Peskov: There is no threat"},
    {"The Kremlin's spokesman, Dmitry Peskov, said: \xe2\x80\x9cThere is no "
     "threat to anyone.\xe2\x80\x9d",
     "Dmitry Peskov|Kremlin", "Dmitry Peskov: There is no threat to anyone."},
    {"NATO's spokesman said the alliance was \xe2\x80\x9cready for "
     "dialogue\xe2\x80\x9d.",
     "NATO", "NATO: ready for dialogue"},
    /* he / she: the nearest person of a fitting gender, however far back
     * (a pronoun's antecedent is below the by: threshold: ~NAME) */
    {"Andrew Scheer met Michelle Rempel in Ottawa on Monday. The two spoke "
     "for an hour.\n\n\xe2\x80\x9cWe are stronger together,\xe2\x80\x9d "
     "he said.",
     "~Andrew Scheer", "Andrew Scheer: We are stronger together"},
    {"Dennis Brooks has slept outside for ten years.\n\nHe began to cry "
     "when he talked about it.\n\nThe shelter was full again.\n\n"
     "\xe2\x80\x9cWhere do you draw the line?\xe2\x80\x9d he says.",
     "~Dennis Brooks", "Dennis Brooks: Where do you draw the line?"},
    /* a title abbreviation after the verb; "according to" after a quote;
     * a colon after the subject instead of a speech verb */
    {"\"Breathing can stop,\" says Dr. Matthew Bowes, the chief medical "
     "examiner.",
     "Matthew Bowes", "Matthew Bowes: Breathing can stop"},
    {"\"The system is broken,\" according to Dr. Keith Ahamad, a family "
     "doctor.",
     "Keith Ahamad", "Keith Ahamad: The system is broken"},
    {"Dave Martell, the addictions doctor, is more blunt: \"They are going "
     "to uncover horrifying things.\"",
     "~Dave Martell", "Dave Martell: They are going to uncover horrifying "
     "things."},
    /* abbreviation periods and a parenthesis between quote and verb */
    {"Kevin Barrett is a lawyer.\n\n\"Everybody knew what to expect,\" "
     "Mr. Barrett said.",
     "Kevin Barrett", "Kevin Barrett: Everybody knew what to expect"},
    {"\"He would be a great senator,\" Rep. Elijah E. Cummings (D-Md.) "
     "said in an interview.",
     "Elijah E. Cummings", "Elijah E. Cummings: He would be a great senator"},
    {"\xe2\x80\x9cThe veto will be overridden,\xe2\x80\x9d Senate "
     "Majority Leader Mitch McConnell, R-Ky., said Tuesday.",
     "Mitch McConnell", "Mitch McConnell: The veto will be overridden"},
    /* a question ends the tokenizer's sentence, not the attribution */
    {"\xe2\x80\x9cHow many times do we have to see this?\xe2\x80\x9d "
     "Hillary Clinton said.",
     "Hillary Clinton",
     "Hillary Clinton: How many times do we have to see this?"},
    /* a quote inside a clause: the verb after it is not its attribution */
    {"Michael Flynn said Trump has \xe2\x80\x9c" "enormous "
     "respect\xe2\x80\x9d for the military and his comment was "
     "misread.",
     "Michael Flynn", "Michael Flynn: enormous respect"},
    /* ", saying": the subject of the clause before */
    {"During a speech in Ohio, Donald Trump attacked Hillary Clinton for her "
     "record, saying, \"She's trigger-happy and very unstable.\"",
     "Donald Trump", "Donald Trump: She's trigger-happy and very unstable."},
    /* an organisation yields to the person named with a role in it */
    {"Oilers coach Todd McLellan was not happy after the loss.\n\n"
     "\"We were not good enough tonight,\" the Oilers said.",
     "Oilers|~Todd McLellan",
     "Todd McLellan: We were not good enough tonight"},
    {"RCMP Cpl. Jane Smith said the search continues. \"We ask anyone "
     "with information to call us,\" the RCMP said.",
     "Jane Smith|RCMP",
     "Jane Smith: We ask anyone with information to call us"},
    /* he: the story's main person over one named in passing */
    {"Mark Carney spoke in Ottawa. Mark Carney said the plan works. Carney "
     "thanked staff.\n\nMichael Chong, whom Carney met, was absent. "
     "\"We will deliver,\" he said.",
     "Mark Carney", "Mark Carney: We will deliver"},
    /* a paragraph in quotes continues a speaker three paragraphs back when
     * nobody else is named in between */
    {"\"The budget is balanced,\" said Chrystia Freeland.\n\n"
     "The plan was released on Tuesday.\n\nIt covers five years.\n\n"
     "Debt will fall slowly.\n\n\"We kept our promise.\"",
     "Chrystia Freeland",
     "Chrystia Freeland: The budget is balanced||Chrystia Freeland: We kept "
     "our promise."},
    /* scare quotes are not quotes; unattributed speech is */
    {"Joe Biden wants a \xe2\x80\x9cstable\xe2\x80\x9d and "
     "\xe2\x80\x9cpredictable\xe2\x80\x9d relationship with Russia.", "", ""},
    {"\xe2\x80\x9cThis is the worst crisis in decades,\xe2\x80\x9d the report "
     "concluded.",
     "", "-: This is the worst crisis in decades"},
    /* a role and appositive between name and verb (issue 14) */
    {"Radio 1's controller, Andy Parfitt, said: \"We are delighted with "
     "the survey.\"",
     "Andy Parfitt", "Andy Parfitt: We are delighted with the survey."},
    /* the person named after the verb, not the employer before it */
    {"\"It is a disgrace,\" said Aguilera's agent Meghan Prophet.",
     "Meghan Prophet", "Meghan Prophet: It is a disgrace"},
    /* the listener is never the speaker */
    {"The company, in a statement, told Reuters the deal was off.", "", ""},
    {"Shares fell sharply on Monday, told Reuters an analyst.", "", ""},
    /* a count after "added" is no speech; common nouns never speak */
    {"Stephen Jones added four conversions for Wales.", "", ""},
    {"Prosecutors said the case against him was strong.", "", ""},
    {"Brokers said the market would recover next week.", "", ""},
    {"MPs warned that the plan would fail.", "", ""},
    /* a participle clause with a pronoun subject; a description after
     * the verb (below the by: threshold): the person before */
    {"Jose Mourinho is relishing the tie. But he is not envious, "
     "insisting: \"I have to defend what is mine.\"",
     "~Jose Mourinho", "Jose Mourinho: I have to defend what is mine."},
    {"Ivo Minar played well. \"For me, this was a big success,\" said the "
     "20-year-old.",
     "~Ivo Minar", "Ivo Minar: For me, this was a big success"},
    /* run-on quotes of one paragraph (BBC): each reopened quote goes on
     * with the speaker; the next quote's "I believe" is no attribution */
    {"Ronaldo Silva admitted: \"It is going to be a difficult match. \"I "
     "have seen them on television. \"They pressure very well. \"I "
     "believe they are the strongest teams.",
     "Ronaldo Silva",
     "Ronaldo Silva: It is going to be a difficult match.||Ronaldo Silva: I "
     "have seen them on television.||Ronaldo Silva: They pressure very "
     "well.||Ronaldo Silva: I believe they are the strongest teams."},
    /* reported speech between two quotes of a paragraph: its speaker
     * goes on */
    {"Sarah Teather told researchers: \"It is like an old boys club.\" "
     "Joni Lovenduski said she was shocked. \"We expected a bit of this.\"",
     "Sarah Teather|Joni Lovenduski",
     "Sarah Teather: It is like an old boys club.||Joni Lovenduski: We "
     "expected a bit of this."},
    /* a naming verb with a quote close after it; described: the object
     * after the verb is not the speaker */
    {"Ted Cruz called Donald Trump a \"pathological liar\" on Tuesday.",
     "Ted Cruz", "Ted Cruz: pathological liar"},
    {"Donald Trump was described as a \"con artist\" in the speech.", "", ""},
    /* two role words between the verb and the name */
    {"\"These assets increase our portfolio in Egypt,\" said chief "
     "executive Finian Sullivan.",
     "Finian Sullivan", "Finian Sullivan: These assets increase our "
     "portfolio in Egypt"},
    /* a second verb of the same subject: "..., but insisted that" */
    {"Willy Bach said the delays were regrettable, but insisted that the "
     "agency had \"undertaken a huge amount of work\" on the projects.",
     "Willy Bach", "Willy Bach: undertaken a huge amount of work"},
    /* ", adding that" after a name with its party and state */
    {"\"It is wrong,\" Jason Chaffetz (R-Utah) said in a statement, adding "
     "that the deals were handed out \"like candy and sweets.\"",
     "Jason Chaffetz", "Jason Chaffetz: It is wrong||Jason Chaffetz: like "
     "candy and sweets."},
    /* a preposition's object before the verb is not its subject */
    {"Economists polled by Reuters said the money supply would rise.", "",
     ""},
    /* the title of a work has no speaker */
    {"Yvette Cooper said she was a minister. Some 83 MPs took part in the "
     "study \"Whose Secretary are You, minister\" last year.",
     "Yvette Cooper", "-: Whose Secretary are You, minister"},
    /* reported speech earlier in the paragraph of the quote */
    {"Patriots wanted the UK to be strong abroad, Jack Straw said. \"Our "
     "role in the EU is crucial to that.\"",
     "Jack Straw", "Jack Straw: Our role in the EU is crucial to that."},
    /* he/she: the last person named as a clause's subject in the nearest
     * sentence, not a verb's object, a possessor or the story's main
     * person named in passing (issue 14) */
    {"Lleyton Hewitt criticised the courts. Hewitt said the surface was "
     "slow but Tennis Australia's Geoff Pollard rejected his comments. "
     "\"It is faster than last year,\" he said.",
     "Lleyton Hewitt|~Geoff Pollard",
     "Geoff Pollard: It is faster than last year"},
    {"Tony Blair spoke. Tony Blair said Labour would win. Liam Fox accused "
     "Tony Blair of telling lies. \"It is going to be fear and smear,\" he "
     "told the BBC.",
     "Tony Blair|Liam Fox", "Liam Fox: It is going to be fear and smear"},
    {"Geoff Pollard met Lleyton Hewitt. But he refused to accept Hewitt's "
     "complaints. \"It is fast,\" he said.",
     "~Geoff Pollard", "Geoff Pollard: It is fast"},
    {"The award went to Tom Jones. \"I am delighted,\" he said.",
     "~Tom Jones", "Tom Jones: I am delighted"},
    /* ", adding it would": a participle's subject is the clause's, not
     * the pronoun after it (issue 14) */
    {"Charles Kennedy spoke to BBC Radio. Kennedy said the question was "
     "\"balanced,\" adding it would enable a fair argument.",
     "Charles Kennedy", "Charles Kennedy: balanced"},
    /* she: a given name after a party word glued to the name */
    {"Green MEP Caroline Lucas welcomed Tony Blair's decision. But she "
     "added: \"This treaty is a flawed document.\"",
     "~Green MEP Caroline Lucas",
     "Green MEP Caroline Lucas: This treaty is a flawed document."},
    /* welcomed, attacked: naming verbs with a quote close behind */
    {"Caroline Lucas welcomed the \"courage in keeping his word\" of the "
     "prime minister.",
     "Caroline Lucas", "Caroline Lucas: courage in keeping his word"},
    /* a speech verb's -s form as a noun is no cue: "the pledges" */
    {"Liam Fox attacked Labour's six new pledges as \"vacuous and "
     "empty\".",
     "Liam Fox", "Liam Fox: vacuous and empty"},
    {"\"Many problems remain,\" the report says.", "",
     "-: Many problems remain"},
    /* a definite description before the verb: the person named before
     * (below the by: threshold), of the role's gender; "the spokesman"
     * brings in someone new and stays unnamed (issue 14) */
    {"Bernie Sanders spoke in Ohio on Monday. The former Democratic "
     "senator said that there are still \"some people\" who feel that "
     "way.",
     "~Bernie Sanders", "Bernie Sanders: some people"},
    {"Richard Dunne played well. The defender said: \"We were poor.\"",
     "~Richard Dunne", "Richard Dunne: We were poor."},
    {"Angela Merkel met Donald Trump. The New York businessman said: \"We "
     "need change.\"",
     "~Donald Trump", "Donald Trump: We need change."},
    {"Donald Trump met Mike Pence. \"We need change,\" the spokesman said.",
     "", "-: We need change"},
    /* a preposition's object behind "the" is not the subject either; a
     * person before "of the Y" is, with Y; a passive verb hands the quote
     * to the speech verb before it (issue 14) */
    {"Harriet Harman spoke first. Another member of the Cabinet says she "
     "was told: \"Oh, you have had a very fast rise.\"",
     "", "-: Oh, you have had a very fast rise."},
    {"\"It was the least bad outcome,\" Bruce Morgan of the Sierra Club "
     "said.",
     "Bruce Morgan|Sierra Club", "Bruce Morgan: It was the least bad outcome"},
    /* a scare quote inside the appositive between name and verb */
    {"Barbara Follet, one of the so-called \"Blair Babes\" elected in "
     "1997, told researchers: \"I remember some Conservatives.\"",
     "Barbara Follet", "Barbara Follet: I remember some Conservatives."},
    /* a possessor's speech noun: "Trump's claim that", "his words:";
     * not the object of another's verb (issue 14) */
    {"Politifact checked Donald Trump's claim that there have been "
     "\"thousands of shootings\" in Chicago.",
     "Donald Trump", "Donald Trump: thousands of shootings"},
    {"Minyon Moore called Barack Obama's remarks on Saturday \"a true "
     "wake-up call\" to his coalition.",
     "Minyon Moore", "Minyon Moore: a true wake-up call"},
    /* a participle without a comma: the clause's subject; what follows
     * the participle is never its subject (issue 14) */
    {"Paul Boateng laughed off suggestions that his seat was in danger "
     "saying it was \"one of the safest seats in the country\".",
     "Paul Boateng", "Paul Boateng: one of the safest seats in the country"},
    {"The Labour Party met on Monday. Paul Boateng spoke, saying it was "
     "\"a great day\".",
     "Paul Boateng", "Paul Boateng: a great day"},
    /* the organisation behind "a spokesman for X, ..., said:"; the
     * person before "a fund manager at X said"; not "a member of the X
     * says" (issue 14) */
    {"A spokesman for Unison, Britain's biggest union, said after the "
     "meeting: \"At least we are still talking.\"",
     "Unison", "Unison: At least we are still talking."},
    {"Matt Williams, a fund manager at Perpetual Trustees said taking the "
     "stake \"is definitely a precursor to a takeover\".",
     "Matt Williams|Perpetual Trustees",
     "Matt Williams: is definitely a precursor to a takeover"},
    {"Another current member of the Cabinet says she was told: \"You have "
     "had a very fast rise.\"",
     "", "-: You have had a very fast rise."},
    /* an unnamed subject's verb inside a named speaker's clause: the
     * named speaker reports the words; not across a semicolon (issue 14) */
    {"Carib Chief Charles Williams said talks with the producers revealed "
     "there was \"a strong element of cannibalism in the script\".",
     "Charles Williams",
     "Charles Williams: a strong element of cannibalism in the script"},
    {"Charles Williams spoke; the producers revealed there was \"a strong "
     "element of cannibalism\".",
     "", "-: a strong element of cannibalism"},
    /* a paragraph opening with a whole sentence in quotes continues the
     * quote that ended the paragraph before; not after narration ends
     * that paragraph (issue 14) */
    {"\"We were labelled savages,\" said Charles Williams.\n\n\"This "
     "cannot be perpetuated in movies.\" Shooting begins in April.",
     "Charles Williams",
     "Charles Williams: We were labelled savages||Charles Williams: This "
     "cannot be perpetuated in movies."},
    {"\"We were labelled savages,\" said Charles Williams. The film opens "
     "in May.\n\n\"This cannot be perpetuated.\" Shooting begins in "
     "April.",
     "Charles Williams",
     "Charles Williams: We were labelled savages||-: This cannot be "
     "perpetuated."},
    /* a manner adverb before the verb; a long appositive; "and said"
     * after a preposition's object; scolded, continued: (issue 14) */
    {"Marc Morial, the chief executive of the league, forcefully told a "
     "young woman who suggested otherwise that \"this is not the first "
     "generation to be frustrated\".",
     "Marc Morial",
     "Marc Morial: this is not the first generation to be frustrated"},
    {"Rucker Culpepper, who runs Clinton's get-out-the-vote effort for "
     "military veterans' families, said, \"Trump has been disrespecting our "
     "veterans for decades.\"",
     "Rucker Culpepper",
     "Rucker Culpepper: Trump has been disrespecting our veterans for "
     "decades."},
    {"Hillary Clinton stressed her support at a forum sponsored by NBC News "
     "and said she has the quality for the job: \"Steadiness and "
     "strength.\"",
     "Hillary Clinton", "Hillary Clinton: Steadiness and strength."},
    {"Claire McCaskill scolded him: \"The scientific community is against "
     "you.\"",
     "Claire McCaskill",
     "Claire McCaskill: The scientific community is against you."},
    {"Pat Caddell spoke on the radio. Caddell continued:\n\n\"The health "
     "issue is very much a partisan issue.\"",
     "Pat Caddell",
     "Pat Caddell: The health issue is very much a partisan issue."},
    /* a noun in -ly is no adverb: "the family said" names no one */
    {"John Smith died on Monday. \"He was a kind man,\" the family said.",
     "", "-: He was a kind man"},
    /* coordinated speakers: both speak; not a preposition's object
     * before "and" (issue 14) */
    {"Sarah Smith and John Jones said the plan was \"a disgrace\".",
     "John Jones|Sarah Smith", "John Jones: a disgrace"},
    {"The report was written by Sarah Smith and John Jones said the plan "
     "was \"a disgrace\".",
     "John Jones", "John Jones: a disgrace"},
    /* a correspondent or analyst speaks for himself, not for the outlet
     * or firm named with him; a spokesman speaks for it (issue 14) */
    {"But BBC correspondent Peter Hunt said they are \"not responsible\" "
     "for the money.",
     "Peter Hunt", "Peter Hunt: not responsible"},
    {"\"Nobody wants a strike,\" said BBC labour affairs correspondent "
     "Stephen Cape.",
     "Stephen Cape", "Stephen Cape: Nobody wants a strike"},
    {"\"Nobody wants a strike,\" said Unison spokesman John Smith.",
     "John Smith|Unison", "John Smith: Nobody wants a strike"},
    /* descriptions in hyphenated words, with a party as affiliation;
     * "said the radio station": the organisation named before (issue 14) */
    {"Mary Brown has nine children. \"It is hard,\" said the "
     "mother-of-nine.",
     "~Mary Brown", "Mary Brown: It is hard"},
    {"Mary Brown has nine children. The mother-of-nine said: \"It is "
     "hard.\"",
     "~Mary Brown", "Mary Brown: It is hard."},
    {"Liam Fox refused to comment. The Tory co-chairman attacked the "
     "pledges as \"vacuous and empty\".",
     "~Liam Fox", "Liam Fox: vacuous and empty"},
    {"Capital FM changed its playlist. \"We are pleased,\" said the radio "
     "station.",
     "~Capital FM", "Capital FM: We are pleased"},
    /* a colon after the sentence's subject, not a preposition's object
     * at its start; a quote that closes no clause is the verb's subject,
     * not its words (issue 14) */
    {"With Labour leaders worried about turnout, Barack Obama is rolling "
     "out a new message: \"It is about me.\"",
     "~Barack Obama", "Barack Obama: It is about me."},
    {"Said Mark Ellis: \"I do not get the sense she is interested.\"",
     "~Mark Ellis", "Mark Ellis: I do not get the sense she is interested."},
    {"Brad Holm said in the letter that the advertisement \"unmistakably "
     "and wrongfully\" suggests that Phoenix backs Donald Trump.",
     "Brad Holm", "Brad Holm: unmistakably and wrongfully"},
    /* an adjective before the role ahead of a name: still the subject,
     * over a possessor named after (issue 14) */
    {"Paul Boateng will go to South Africa. Shadow foreign secretary "
     "Michael Ancram said that, if in government, he would refuse Mr "
     "Boateng's appointment. \"It is the latest example of cronyism,\" "
     "he said.",
     "Michael Ancram", "Michael Ancram: It is the latest example of "
     "cronyism"},
    /* a document speaks for the organisation that wrote it; "the report
     * concluded" alone names no one (issue 14) */
    {"The letter, from the Home Office, says: \"I am writing to inform "
     "you.\"",
     "Home Office", "Home Office: I am writing to inform you."},
    {"A National Audit Office report on the 20 biggest projects says there "
     "is \"little evidence\" of progress.",
     "National Audit Office", "National Audit Office: little evidence"},
    /* two appositives, or a party and state before the appositive,
     * between the name and the verb (issue 14) */
    {"\"It is an invasion of the state regulatory domain,\" Scott Pruitt, "
     "the Republican attorney general of Oklahoma, one of the states suing "
     "the agency, said at an event.",
     "Scott Pruitt",
     "Scott Pruitt: It is an invasion of the state regulatory domain"},
    {"\"They would just go get them,\" Rep. Jim Jordan (R-Ohio), an "
     "oversight panel member, said in a phone interview.",
     "Jim Jordan", "Jim Jordan: They would just go get them"},
    /* "pleaded guilty", "snapped up": no speech without a clause (the
     * words must follow: "pleaded: ...", "pleaded that") */
    {"William Trowbridge and Michael Chicoine pleaded guilty to charges "
     "that they infringed copyright.",
     "", ""},
    {"Rival firms snapped up shares in the company.", "", ""},
    /* a person's possessive and a role: someone else, named before */
    {"David Axelrod on Wednesday called on Howard Dean to apologize.\n\n"
     "\xe2\x80\x9cMy reaction, that was outrageous,\xe2\x80\x9d Barack "
     "Obama's former campaign strategist said.",
     "~David Axelrod", "David Axelrod: My reaction, that was outrageous"},
    {"\xe2\x80\x9cIt was outrageous,\xe2\x80\x9d Barack Obama's "
     "strategist said.",
     "", "-: It was outrageous"},
    {"\xe2\x80\x9cIt was outrageous,\xe2\x80\x9d Barack Obama's "
     "spokesman said.",
     "Barack Obama", "Barack Obama: It was outrageous"},
    /* a colon ending a paragraph introduces the quote of the next */
    {"Pat Caddell spoke first. Caddell continued:\n\n\"The health issue is "
     "very much a partisan issue.\"",
     "Pat Caddell", "Pat Caddell: The health issue is very much a partisan "
     "issue."},
    {"The results were as follows:\n\n\"Yes\" 55 percent, \"No\" 45 "
     "percent.",
     "", ""},
    /* a quote inside reported speech, the speaker at the sentence's end */
    {"A cashier who \xe2\x80\x9csteals a handful of dollars\xe2\x80\x9d is "
     "held accountable, Elizabeth Warren said.",
     "Elizabeth Warren", "Elizabeth Warren: steals a handful of dollars"},
    {"A cashier who \xe2\x80\x9csteals a handful of dollars\xe2\x80\x9d is "
     "held accountable, while \xe2\x80\x9cthe bankers walk free\xe2\x80"
     "\x9d, Elizabeth Warren said.",
     "Elizabeth Warren",
     "-: steals a handful of dollars||Elizabeth Warren: the bankers walk "
     "free"},
    /* a pull quote's or a vox pop's byline: the name alone after a dash */
    {"\xe2\x80\x9cTrump must stop portraying Latinos as gangsters.\xe2\x80"
     "\x9d \xe2\x80\x95 Carla Sanchez.\n\n\xe2\x80\x9cHe scares me.\xe2"
     "\x80\x9d \xe2\x80\x94 Esther Tapia, 34.",
     "Carla Sanchez|Esther Tapia",
     "Carla Sanchez: Trump must stop portraying Latinos as gangsters.||"
     "Esther Tapia: He scares me."},
    {"\xe2\x80\x9cHe is ignorant of our culture.\xe2\x80\x9d \xe2\x80\x95 "
     "Pamela Padilla \xe2\x80\x9cI am so ashamed to be an American.\xe2"
     "\x80\x9d \xe2\x80\x95 Jacklyn Ashley",
     "Pamela Padilla|Jacklyn Ashley",
     "Pamela Padilla: He is ignorant of our culture.||"
     "Jacklyn Ashley: I am so ashamed to be an American."},
    {"\"We will win\" \xe2\x80\x94 the slogan of Donald Trump's campaign.",
     "", ""},
    /* "X quoted Y as saying": Y speaks, the outlet that relays it not */
    {"\"It is above all a question of sovereignty,\" Reuters quoted a "
     "central bank official as saying.",
     "", "-: It is above all a question of sovereignty"},
    {"Markets fell. \"We will not raise rates,\" Interfax quoted Sergey "
     "Lavrov as saying.",
     "Sergey Lavrov", "Sergey Lavrov: We will not raise rates"},
    {"Rates could rise, Reuters reported the Federal Reserve as saying.",
     "Federal Reserve", ""},
    {"\"Talks are over,\" Sergey Lavrov was quoted as saying.",
     "Sergey Lavrov", "Sergey Lavrov: Talks are over"},
    /* a legislature is no one's voice: its members and officers speak
     * for themselves */
    {"Edward Leigh, chairman of the Commons public accounts committee, "
     "said Britain had to set an example.",
     "Edward Leigh", ""},
    {"Meanwhile, Commons leader Peter Hain has warned that he has seen "
     "\"dangerous complacency\" among voters.",
     "Peter Hain", "Peter Hain: dangerous complacency"},
    {"\"It will be a tragedy if the government fails,\" said the chairman "
     "of the Commons education select committee, Labour MP Barry Sheerman.",
     "Barry Sheerman", "Barry Sheerman: It will be a tragedy if the "
     "government fails"},
    /* ", said X." after a clause: X speaks, not a name inside the clause */
    {"For the BBC, revenue-generating activity will be of little interest, "
     "said Nigel Whalley.",
     "Nigel Whalley", ""},
};

/* The evidence: how the speaker was found, the cue, and whether the
 * attribution is confident enough for by: (the first quote's). */
static const struct {
    const char *text;
    const char *how;
    const char *cue;          /* NULL: none */
    int confident;
    const char *evidence;     /* the attributing sentence, NULL: none */
} EVIDENCE[] = {
    {"\"We will respond,\" said Sergey Lavrov.", "named", "said", 1,
     "\"We will respond,\" said Sergey Lavrov."},
    {"Kevin Law is a lawyer. Mr Law added: \"The case is closed now.\"",
     "title+surname", "added", 1,
     "Mr Law added: \"The case is closed now.\""},
    {"Kevin Law is a lawyer. He added: \"The case is closed now.\"",
     "pronoun", "added", 0, "He added: \"The case is closed now.\""},
    {"\"The system is broken,\" according to Keith Ahamad.", "according-to",
     "according to", 1, "\"The system is broken,\" according to Keith Ahamad."},
    {"Ivo Minar played well. \"For me, this was a big success,\" said the "
     "20-year-old.",
     "description", "said", 0,
     "\"For me, this was a big success,\" said the 20-year-old."},
    {"\"We will respond,\" Sergey Lavrov said. \"We are not afraid of "
     "anyone at all.\"",
     "named", "said", 1, "\"We will respond,\" Sergey Lavrov said."},
    {"\"This is the worst crisis in decades,\" the report concluded.",
     "unnamed", "concluded", 0,
     "\"This is the worst crisis in decades,\" the report concluded."},
    {"Nobody knew what \"the plan for the whole region\" really meant.",
     "none", NULL, 0, NULL},
};

static void check_evidence(nx_extractor *x)
{
    for (size_t i = 0; i < sizeof EVIDENCE / sizeof EVIDENCE[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, "", EVIDENCE[i].text, &e), 0);
        CHECK_INT(e.nquotes > 0, 1);
        if (e.nquotes == 0) {
            nx_entities_clear(&e);
            continue;
        }
        const nx_quote *q = &e.quotes[0];
        if (strcmp(q->how, EVIDENCE[i].how) != 0)
            fprintf(stderr, "evidence row %zu: %s\n", i, EVIDENCE[i].text);
        CHECK_STR(q->how, EVIDENCE[i].how);
        CHECK_STR(q->cue ? q->cue : "(none)",
                  EVIDENCE[i].cue ? EVIDENCE[i].cue : "(none)");
        CHECK_STR(q->evidence ? q->evidence : "(none)",
                  EVIDENCE[i].evidence ? EVIDENCE[i].evidence : "(none)");
        CHECK_INT(q->speaker && q->confidence >= NX_BY_CONFIDENT,
                  EVIDENCE[i].confident);
        CHECK_INT(e.unattributed, q->speaker ? 0 : 1);
        if (q->cue)
            CHECK_INT(strncmp(EVIDENCE[i].text + q->cue_off, q->cue,
                              strlen(q->cue)), 0);
        /* the offsets point at the quoted words in the body */
        CHECK(q->start >= 0 && q->end > q->start &&
              (size_t)q->end <= strlen(EVIDENCE[i].text));
        if (q->start >= 0 && q->end > q->start)
            CHECK_INT(strncmp(EVIDENCE[i].text + q->start, q->text,
                              (size_t)(q->end - q->start)) == 0 &&
                          strlen(q->text) == (size_t)(q->end - q->start),
                      1);
        nx_entities_clear(&e);
    }
    /* a speaker named only below the threshold goes to by_low, once */
    nx_entities e;
    nx_entities_init(&e);
    CHECK_INT(nx_extract(x, "", EVIDENCE[4].text, &e), 0);
    CHECK_STR(xt_join(&e.by_low, (char[256]){0}, 256), "Ivo Minar");
    CHECK_INT((int)e.by.n, 0);
    nx_entities_clear(&e);
}

/* Each quote's offsets in the body: what body[start, end) holds as
 * written (NULL: no offsets, the quote is not in the body). */
static const struct {
    const char *title, *body, *raw, *text;
} OFFSETS[] = {
    {"", "\"We will respond,\" said Sergey Lavrov.", "We will respond",
     "We will respond"},
    {"", "Lavrov said: \"We are \t  not afraid.\"", "We are \t  not afraid.",
     "We are not afraid."},
    {"", "Ann Lee said: \" Padded  words here \" and left.",
     "Padded  words here", "Padded words here"},
    {"", "Sergey Lavrov said: \u201cThey are playing with fire,\u201d on "
     "Tuesday.",
     "They are playing with fire", "They are playing with fire"},
    {"Lavrov: \"We will not back down at all\"", "He spoke on Tuesday.",
     NULL, "We will not back down at all"},
};

static void check_offsets(nx_extractor *x)
{
    for (size_t i = 0; i < sizeof OFFSETS / sizeof OFFSETS[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, OFFSETS[i].title, OFFSETS[i].body, &e), 0);
        CHECK_INT(e.nquotes, 1);
        if (e.nquotes != 1) {
            fprintf(stderr, "offsets row %zu: %zu quotes\n", i, e.nquotes);
            nx_entities_clear(&e);
            continue;
        }
        const nx_quote *q = &e.quotes[0];
        CHECK_STR(q->text, OFFSETS[i].text);
        if (!OFFSETS[i].raw) {
            CHECK(q->start == -1 && q->end == -1);
        } else {
            size_t n = strlen(OFFSETS[i].body);
            CHECK(q->start >= 0 && q->end >= q->start && (size_t)q->end <= n);
            if (q->start >= 0 && q->end >= q->start && (size_t)q->end <= n) {
                char got[256];
                snprintf(got, sizeof got, "%.*s", (int)(q->end - q->start),
                         OFFSETS[i].body + q->start);
                CHECK_STR(got, OFFSETS[i].raw);
            }
        }
        nx_entities_clear(&e);
    }
}

/* by, then by_low as "~NAME", joined by "|". */
static const char *speakers(const nx_entities *e, char *buf, size_t cap)
{
    xt_join(&e->by, buf, cap);
    size_t n = strlen(buf);
    for (size_t i = 0; i < e->by_low.n; i++)
        n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s~%s",
                              n ? "|" : "", e->by_low.v[i]);
    return buf;
}

int main(void)
{
    nx_aliases *al = nx_aliases_new();
    char *err = NULL;
    CHECK_INT(nx_aliases_add_tsv(al, ALIASES, strlen(ALIASES), "t", &err), 0);
    nx_extractor *x = xt_new(al);
    static char buf[8192];
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        nx_entities e;
        nx_entities_init(&e);
        CHECK_INT(nx_extract(x, "", ROWS[i].text, &e), 0);
        if (strcmp(speakers(&e, buf, sizeof buf), ROWS[i].by) != 0)
            fprintf(stderr, "row %zu: %s\n", i, ROWS[i].text);
        CHECK_STR(speakers(&e, buf, sizeof buf), ROWS[i].by);
        if (strcmp(xt_quotes(&e, buf, sizeof buf), ROWS[i].quotes) != 0)
            fprintf(stderr, "row %zu: %s\n", i, ROWS[i].text);
        CHECK_STR(xt_quotes(&e, buf, sizeof buf), ROWS[i].quotes);
        nx_entities_clear(&e);
    }
    check_evidence(x);
    check_offsets(x);
    nx_extractor_free(x);
    nx_aliases_free(al);
    return nx_test_done();
}
