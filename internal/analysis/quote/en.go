package quote

// enClosed is the English closed-class table. Keys are lowercase with '
// apostrophes.
func enClosed() map[string]int {
	m := map[string]int{}
	set := func(c int, words ...string) {
		for _, w := range words {
			m[w] |= c
		}
	}
	set(cDet|cDef, "the", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your")
	set(cDet|cIndef, "a", "an", "some", "several", "many", "two", "three", "four", "five", "other", "another",
		"various", "numerous", "one", "few", "most", "both", "all", "any", "no")
	set(cPron|cMasc, "he", "him")
	set(cPron|cFem, "she")
	set(cPron|cPlural, "they", "them")
	set(cPron|cNeut, "it")
	set(cPoss, "his", "her", "their", "its", "our", "my", "your")
	set(cPron, "i", "we", "you", "us", "me")
	set(cDet|cIndef, "others", "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "each")
	set(cAux, "cannot", "can't", "won't", "didn't", "doesn't", "don't", "isn't", "wasn't", "hasn't", "haven't",
		"hadn't", "wouldn't", "couldn't", "shouldn't", "can", "aren't", "weren't")
	set(cAdv, "now", "longer", "no", "never", "not", "ever", "once", "widely", "long")
	set(cAux, "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "may", "might",
		"must", "did", "does", "do", "not", "never", "n't", "has", "also", "then", "later", "previously", "repeatedly",
		"again", "further", "recently", "once", "reportedly", "publicly", "privately", "earlier", "already", "just",
		"still", "often", "even", "first", "initially", "simply", "flatly", "quickly", "openly", "separately")
	set(cAdv, "also", "then", "later", "previously", "repeatedly", "again", "further", "recently", "once", "reportedly",
		"publicly", "privately", "earlier", "already", "just", "still", "often", "even", "simply", "flatly",
		"quickly", "openly", "separately", "too", "however", "instead", "only", "bluntly", "firmly", "here")
	set(cPrep, "in", "on", "at", "to", "for", "with", "by", "from", "after", "before", "during", "since", "over", "under",
		"about", "into", "against", "between", "through", "amid", "among", "via", "without", "within", "despite", "per",
		"toward", "towards", "across", "around", "behind", "near", "upon", "onto", "following", "like", "than",
		"according")
	set(cOf, "of")
	set(cClause, "that", "which", "who", "whom", "whose", "when", "while", "although", "though", "because", "if", "as",
		"and", "or", "but", "so", "whether", "where", "until", "unless", "once", "nor", "yet")
	set(cRel, "who", "which", "whom", "whose", "that")
	set(cComp, "that")
	set(cTime, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
		"tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week", "month", "year", "weekend",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
		"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "earlier",
		"later", "recently", "ago", "day", "days", "weeks", "months", "years", "hours", "minutes", "time")
	set(cTimeMod, "last", "next", "this", "earlier", "later", "ago", "past", "previous", "same", "that")
	set(cConn, "however", "meanwhile", "but", "and", "also", "still", "yet", "moreover", "furthermore", "instead",
		"later", "earlier", "separately", "in", "on", "at", "for", "after", "before", "during", "so", "then",
		"now", "again", "indeed", "still", "besides", "nonetheless", "nevertheless", "thus", "similarly", "likewise",
		"according")
	set(cRecip, "to")
	set(cPrepCue, "according")
	set(cPassive, "been", "being", "be", "was", "were", "is", "are", "get", "got")
	return m
}

// enSay lists the English cue forms that may take reported content without
// "that" ("said the talks failed").
var enSay = []string{
	"say", "said", "says", "add", "added", "adds", "argue", "argued", "argues", "claim", "claimed", "claims",
	"insist", "insisted", "insists", "believe", "believed", "believes", "think", "thinks", "noted",
	"warned", "warns", "stated", "explained", "explains", "suggested", "suggests", "predicted", "predicts",
	"acknowledged", "acknowledges", "admitted", "admits", "contended", "contends", "maintained", "maintains",
	"estimated", "recalled", "recalls", "stressed", "stresses", "wrote", "writes", "conceded", "concedes",
	"complained", "complains", "hoped", "feared", "agreed", "agrees", "denied", "denies", "alleged", "alleges",
	"asserted", "asserts", "emphasized", "emphasised", "reiterated", "tweeted", "confirmed", "confirms",
	"announced", "announces", "reported", "told", "tells", "declared", "declares", "vowed", "vows", "promised",
	"indicated", "indicates", "revealed", "reveals", "concluded", "concludes", "worried", "reckoned", "reckons",
}

// strongSay lists the English cue forms whose bare complement is content
// whatever its first word ("said the talks failed"); other say forms need a
// subject pronoun ("announced it has voted").
var strongSay = map[string]bool{
	"say": true, "said": true, "says": true, "add": true, "added": true, "adds": true, "believe": true,
	"believes": true, "believed": true, "think": true, "thinks": true, "insisted": true, "insists": true,
	"contended": true, "contends": true, "hoped": true, "feared": true,
	"told": true, "tells": true, // after their recipient: "told Reuters the contracts were due"
}
