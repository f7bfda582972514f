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

// frRules are the French segmentation tables.
var frRules = Rules{
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
	Abbrev:   set(append([]string{"e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "mass", "calif", "fla", "ill", "pa", "wash", "ariz", "colo", "conn", "del", "ga", "kan", "ky", "la", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "tenn", "tex", "va", "vt", "wis", "wyo"}, commonAbbrev...)...),
	Suffixes: set("s", "re", "ve", "ll", "d", "m"),
}

// undRules is the neutral fallback: common abbreviations only.
var undRules = Rules{Abbrev: set(commonAbbrev...)}
