package segment

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Abbreviations common to French and English news (lowercase, no period).
var commonAbbrev = []string{
	"dr", "pr", "st", "ste", "mt", "jr", "sr", "mr", "mrs", "ms", "no", "vol", "p", "pp",
	"gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt", "cmdr", "adm", "prof", "rev", "hon",
	"inc", "corp", "ltd", "co", "bros", "vs", "etc", "cf", "ca", "approx", "dept", "univ", "ave", "blvd",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}

// commonTitles are the abbreviations among commonAbbrev that precede a
// name, so their period never ends a sentence ("Dr. Martin", "Gen. Le Roy").
var commonTitles = []string{
	"dr", "pr", "ste", "mt", "mr", "mrs", "ms", "gen", "gov", "sen", "rep", "col", "lt",
	"sgt", "capt", "cmdr", "adm", "prof", "rev", "hon",
}

// frRules are the French segmentation tables.
var frRules = Rules{
	Titles: set(append([]string{"m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "gal", "cne"}, commonTitles...)...),
	// Closed-class words that open sentences; after an abbreviation or an
	// initialism that may end a sentence (etc., U.S.), one of them
	// capitalised starts a new sentence.
	Starters: set("le", "la", "les", "l", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "c", "il", "elle", "ils",
		"elles", "on", "nous", "vous", "je", "j", "mais", "et", "or", "donc", "puis", "ensuite", "alors", "selon", "pour",
		"dans", "en", "après", "avant", "lors", "depuis", "quand", "si", "son", "sa", "ses", "leur", "leurs", "cela",
		"ceci", "aucun", "aucune", "tout", "tous", "toutes", "à", "au", "aux", "par", "sur", "chez", "malgré", "pourtant",
		"cependant", "toutefois", "ainsi", "enfin", "d", "qu", "quant"),
	Abbrev: set(append([]string{
		"m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "av", "bd", "boul", "env", "éd", "ex", "fig",
		"janv", "févr", "avr", "juill", "déc", "art", "chap", "coll", "hab", "max", "min", "tél", "vve",
	}, commonAbbrev...)...),
	Elided: set("l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"),
	Clitics: set("il", "ils", "elle", "elles", "on", "je", "tu", "nous", "vous", "ce", "t-il", "t-ils", "t-elle",
		"t-elles", "t-on", "moi", "toi", "lui", "leur", "le", "la", "les", "y", "en"),
}

// enRules are the English segmentation tables.
var enRules = Rules{
	Titles: set(commonTitles...),
	Starters: set("the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i", "you",
		"there", "but", "and", "so", "yet", "however", "in", "on", "at", "for", "as", "after", "before", "when", "while",
		"his", "her", "its", "their", "our", "my", "if", "although", "though", "meanwhile", "then", "now", "what", "who",
		"why", "how", "where", "officials", "police", "authorities", "according", "some", "many", "most", "both",
		"during", "since", "by", "with", "from", "under", "earlier", "later", "last", "this", "each", "one"),
	Abbrev:   set(append([]string{"e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "mass", "calif", "fla", "ill", "pa", "wash", "ariz", "colo", "conn", "del", "ga", "kan", "ky", "la", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "tenn", "tex", "va", "vt", "wis", "wyo"}, commonAbbrev...)...),
	Suffixes: set("s", "re", "ve", "ll", "d", "m"),
}

// undRules is the neutral fallback: common abbreviations and titles only.
var undRules = Rules{Abbrev: set(commonAbbrev...), Titles: set(commonTitles...)}
