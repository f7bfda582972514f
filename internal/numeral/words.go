package numeral

// The number vocabularies. French follows the 1990 spelling reform too
// (hyphens everywhere: deux-cent-mille) and the Belgian/Swiss tens
// (septante, huitante, octante, nonante).

var frTable = table{
	atoms: map[string]float64{
		"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
		"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
		"quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
		"soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
	},
	hundred: map[string]bool{"cent": true, "cents": true},
	scales: map[string]float64{
		"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
		"billion": 1e12, "billions": 1e12,
	},
	approx: map[string]float64{
		"huitaine": 8, "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
		"quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
	},
	joiners: map[string]bool{"et": true},
	ordinals: map[string]int{
		"premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxième": 2, "second": 2, "seconde": 2,
		"troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
		"neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
		"quinzième": 15, "seizième": 16, "dix-septième": 17, "dix-huitième": 18, "dix-neuvième": 19,
		"vingtième": 20, "vingt-et-unième": 21, "trentième": 30, "centième": 100, "millième": 1000,
	},
	ordSuffixes:  []string{"er", "re", "ère", "e", "ème", "eme", "è", "nd", "nde", "d", "de"},
	one:          map[string]bool{"un": true, "une": true},
	decimalComma: true,
}

var enTable = table{
	atoms: map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
		"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
		"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
		"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
		"a": 1, "an": 1,
	},
	hundred: map[string]bool{"hundred": true},
	scales: map[string]float64{
		"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	},
	approx:  map[string]float64{"dozen": 12},
	joiners: map[string]bool{"and": true},
	ordinals: map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
		"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
		"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
		"twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "thirtieth": 30,
		"thirty-first": 31, "hundredth": 100, "thousandth": 1000,
	},
	ordSuffixes: []string{"st", "nd", "rd", "th"},
	one:         map[string]bool{"a": true, "an": true},
}

// undTable reads digits only, with the English conventions.
var undTable = table{
	atoms: map[string]float64{}, hundred: map[string]bool{}, scales: map[string]float64{},
	approx: map[string]float64{}, joiners: map[string]bool{}, ordinals: map[string]int{},
	ordSuffixes: []string{"st", "nd", "rd", "th", "er", "e"}, one: map[string]bool{},
}
