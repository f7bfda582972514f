package quantity

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/numeral"
)

// unitDef is a unit as written after a number, with its normalised name
// and, for units outside the metric system, the conversion to one.
type unitDef struct {
	unit   string
	siUnit string
	factor float64 // SI value = value × factor (+ offset)
	offset float64
	money  bool
}

func u(name string) unitDef { return unitDef{unit: name} }
func conv(name, si string, f float64) unitDef {
	return unitDef{unit: name, siUnit: si, factor: f}
}
func cur(code string) unitDef { return unitDef{unit: code, money: true} }

// units maps unit words and phrases (as folded tokens joined by spaces) to
// their definition. Both languages share the table: a French reader meets
// "mph" and an English one "km/h".
var units = map[string]unitDef{
	// length
	"km": u("km"), "kilomètre": u("km"), "kilomètres": u("km"), "kilometre": u("km"), "kilometres": u("km"),
	"kilometer": u("km"), "kilometers": u("km"), "m": u("m"), "mètre": u("m"), "mètres": u("m"), "metre": u("m"),
	"metres": u("m"), "meter": u("m"), "meters": u("m"), "cm": u("cm"), "centimètre": u("cm"), "centimètres": u("cm"),
	"centimetre": u("cm"), "centimetres": u("cm"), "centimeter": u("cm"), "centimeters": u("cm"), "mm": u("mm"),
	"millimètre": u("mm"), "millimètres": u("mm"), "millimeter": u("mm"), "millimeters": u("mm"), "millimetre": u("mm"), "millimetres": u("mm"),
	"mile": conv("mi", "km", 1.609344), "miles": conv("mi", "km", 1.609344), "milles": conv("mi", "km", 1.609344),
	"mi":            conv("mi", "km", 1.609344),
	"milles marins": conv("nmi", "km", 1.852), "milles nautiques": conv("nmi", "km", 1.852), "nautical miles": conv("nmi", "km", 1.852),
	"nautical mile": conv("nmi", "km", 1.852), "mille marin": conv("nmi", "km", 1.852), "mille nautique": conv("nmi", "km", 1.852),
	"ft": conv("ft", "m", 0.3048), "feet": conv("ft", "m", 0.3048), "foot": conv("ft", "m", 0.3048), "pieds": conv("ft", "m", 0.3048),
	"inch": conv("in", "cm", 2.54), "inches": conv("in", "cm", 2.54), "pouces": conv("in", "cm", 2.54),
	"yard": conv("yd", "m", 0.9144), "yards": conv("yd", "m", 0.9144),
	// speed
	"km/h": u("km/h"), "kmh": u("km/h"), "km / h": u("km/h"), "kilomètres à l'heure": u("km/h"), "kilomètres par heure": u("km/h"),
	"kilomètres-heure": u("km/h"), "kilometres per hour": u("km/h"), "kilometers per hour": u("km/h"), "kph": u("km/h"),
	"mph": conv("mi/h", "km/h", 1.609344), "miles per hour": conv("mi/h", "km/h", 1.609344), "miles an hour": conv("mi/h", "km/h", 1.609344),
	"milles à l'heure": conv("mi/h", "km/h", 1.609344), "milles par heure": conv("mi/h", "km/h", 1.609344), "mi/h": conv("mi/h", "km/h", 1.609344),
	"nœuds": conv("kn", "km/h", 1.852), "noeuds": conv("kn", "km/h", 1.852), "knots": conv("kn", "km/h", 1.852), "m/s": u("m/s"),
	// mass
	"kg": u("kg"), "kilo": u("kg"), "kilos": u("kg"), "kilogramme": u("kg"), "kilogrammes": u("kg"), "kilogram": u("kg"),
	"kilograms": u("kg"), "g": u("g"), "gramme": u("g"), "grammes": u("g"), "gram": u("g"), "grams": u("g"), "mg": u("mg"),
	"t": u("t"), "tonne": u("t"), "tonnes": u("t"), "metric tons": u("t"), "tons": conv("ton", "t", 0.90718474),
	"lb": conv("lb", "kg", 0.45359237), "lbs": conv("lb", "kg", 0.45359237), "ounces": conv("oz", "g", 28.349523),
	"oz": conv("oz", "g", 28.349523),
	// area
	"km²": u("km²"), "km2": u("km²"), "m²": u("m²"), "m2": u("m²"), "ha": u("ha"), "hectare": u("ha"), "hectares": u("ha"),
	"kilomètres carrés": u("km²"), "square kilometres": u("km²"), "square kilometers": u("km²"), "mètres carrés": u("m²"),
	"square metres": u("m²"), "square meters": u("m²"), "acre": conv("acre", "ha", 0.40468564), "acres": conv("acre", "ha", 0.40468564),
	"square miles": conv("mi²", "km²", 2.58998811), "square feet": conv("ft²", "m²", 0.09290304),
	// volume
	"l": u("L"), "litre": u("L"), "litres": u("L"), "liter": u("L"), "liters": u("L"), "ml": u("mL"), "cl": u("cL"),
	"hl": u("hL"), "hectolitres": u("hL"), "m³": u("m³"), "m3": u("m³"), "mètres cubes": u("m³"), "cubic metres": u("m³"),
	"cubic meters": u("m³"), "gallon": conv("gal", "L", 3.78541178), "gallons": conv("gal", "L", 3.78541178),
	"barils": conv("bbl", "L", 158.987295), "barrels": conv("bbl", "L", 158.987295), "baril": conv("bbl", "L", 158.987295), "barrel": conv("bbl", "L", 158.987295),
	// temperature
	"°c": u("°C"), "° c": u("°C"), "degrés": u("°C"), "degrés celsius": u("°C"), "degré": u("°C"), "degrees celsius": u("°C"),
	"°f": {unit: "°F", siUnit: "°C", factor: 5.0 / 9, offset: -32 * 5.0 / 9}, "degrees fahrenheit": {unit: "°F", siUnit: "°C", factor: 5.0 / 9, offset: -32 * 5.0 / 9},
	"degrés fahrenheit": {unit: "°F", siUnit: "°C", factor: 5.0 / 9, offset: -32 * 5.0 / 9},
	// energy and power
	"kwh": u("kWh"), "mwh": u("MWh"), "gwh": u("GWh"), "twh": u("TWh"), "kw": u("kW"), "mw": u("MW"), "gw": u("GW"),
	"mégawatts": u("MW"), "megawatts": u("MW"), "gigawatts": u("GW"), "kilowatts": u("kW"), "watts": u("W"),
	"térawattheures": u("TWh"), "kilowattheures": u("kWh"), "joules": u("J"), "calories": u("kcal"), "kcal": u("kcal"),
	// frequency
	"hz": u("Hz"), "hertz": u("Hz"), "khz": u("kHz"), "kilohertz": u("kHz"), "mhz": u("MHz"), "mégahertz": u("MHz"),
	"megahertz": u("MHz"), "ghz": u("GHz"), "gigahertz": u("GHz"),
	// percent and points
	"%": u("%"), "pour cent": u("%"), "pourcent": u("%"), "percent": u("%"), "per cent": u("%"), "pct": u("%"),
	"points de pourcentage": u("pp"), "percentage points": u("pp"), "percentage point": u("pp"), "point de pourcentage": u("pp"),
	"points": u("point"), "point": u("point"), "pts": u("point"),
	// money
	"€": cur("EUR"), "euro": cur("EUR"), "euros": cur("EUR"), "eur": cur("EUR"),
	"$": cur("USD"), "dollar": cur("USD"), "dollars": cur("USD"), "usd": cur("USD"), "us$": cur("USD"),
	"dollars américains": cur("USD"), "us dollars": cur("USD"), "dollars us": cur("USD"),
	"dollars canadiens": cur("CAD"), "canadian dollars": cur("CAD"), "dollars australiens": cur("AUD"), "australian dollars": cur("AUD"),
	"£": cur("GBP"), "livres": cur("GBP"), "livre sterling": cur("GBP"), "livres sterling": cur("GBP"), "pounds sterling": cur("GBP"), "gbp": cur("GBP"),
	"francs suisses": cur("CHF"), "chf": cur("CHF"), "swiss francs": cur("CHF"), "francs cfa": cur("XOF"), "fcfa": cur("XOF"),
	"yens": cur("JPY"), "yen": cur("JPY"), "¥": cur("JPY"), "yuans": cur("CNY"), "yuan": cur("CNY"), "roubles": cur("RUB"),
	"rubles": cur("RUB"), "roupies": cur("INR"), "rupees": cur("INR"), "dirhams": cur("MAD"), "hryvnias": cur("UAH"),
	"dlrs": cur("USD"), "dlr": cur("USD"), "cts": u("cent"),
	"wons": cur("KRW"), "won": cur("KRW"), "bitcoins": cur("BTC"),
}

// prefixCurrencies are written before the number ($5, €20, US$ 3).
var prefixCurrencies = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "us$": "USD", "c$": "CAD", "a$": "AUD", "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF"}

// maxUnitWords is the longest unit phrase in tokens.
const maxUnitWords = 4

// unitByTokens indexes the table by its phrases' tokens joined by spaces.
var unitByTokens = func() map[string]unitDef {
	out := make(map[string]unitDef, len(units))
	for k, d := range units {
		out[strings.Join(splitUnit(k), " ")] = d
	}
	return out
}()

// unitPhrases lists the table's phrases as tokens by first token, longest
// first.
var unitPhrases = func() map[string][][]string {
	out := map[string][][]string{}
	seen := map[string]bool{}
	for k := range units {
		toks := splitUnit(k)
		key := strings.Join(toks, " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		out[toks[0]] = append(out[toks[0]], toks)
	}
	for _, l := range out {
		for i := 1; i < len(l); i++ {
			for j := i; j > 0 && len(l[j]) > len(l[j-1]); j-- {
				l[j], l[j-1] = l[j-1], l[j]
			}
		}
	}
	return out
}()

// splitUnit cuts a unit phrase as the segmenter does: words, the elided
// "l'", and "/" as its own token (km/h → km / h).
func splitUnit(p string) []string {
	var out []string
	for _, w := range strings.Fields(p) {
		if strings.HasPrefix(w, "l'") && len(w) > 2 {
			out = append(out, "l'", w[2:])
			continue
		}
		if k := strings.IndexByte(w, '/'); k > 0 && k < len(w)-1 {
			out = append(out, w[:k], "/", w[k+1:])
			continue
		}
		if strings.HasSuffix(w, "²") || strings.HasSuffix(w, "³") {
			base := strings.TrimSuffix(strings.TrimSuffix(w, "²"), "³")
			if base != "" && base != w {
				out = append(out, base, w[len(base):])
				continue
			}
		}
		if strings.HasPrefix(w, "°") && len(w) > len("°") {
			out = append(out, "°", w[len("°"):])
			continue
		}
		out = append(out, w)
	}
	return out
}

// words describes one language's count and context vocabulary.
type words struct {
	// approx modifiers before a number (environ, about).
	approx [][]string
	// other modifiers skipped before a number (plus de, more than).
	mods [][]string
	// range openers and joiners: entre N et M, de N à M, between, from.
	rangeOpen, rangeJoin map[string]bool
	// determiners that make "deux" mean "both" (les deux pays).
	both map[string]bool
	// function words that cannot be a counted noun.
	stop map[string]bool
	// prenominal adjectives allowed between a number and its noun.
	adjs map[string]bool
	// irregular plural nouns (people, men).
	plurals map[string]bool
	// "autres" / "other": "quatre autres des accusés"
	other map[string]bool
	// age cues before the number, and the year word after it.
	ageBefore   [][]string
	yearWords   map[string]bool
	personNouns map[string]bool
	// "de"/"of" between a scale word or number and a unit or noun.
	of map[string]bool
	// first holds the first words of approx, mods and range openers.
	first map[string]bool
	// cand holds every word that may open a quantity: first, number
	// words, articles, prefix currencies.
	cand map[string]bool
	lang string
}

// index fills first.
func (w *words) index() *words {
	w.first = map[string]bool{}
	for _, l := range [][][]string{w.approx, w.mods} {
		for _, p := range l {
			w.first[p[0]] = true
		}
	}
	for x := range w.rangeOpen {
		w.first[x] = true
	}
	w.cand = map[string]bool{"quelque": true}
	for x := range w.first {
		w.cand[x] = true
	}
	for x := range prefixCurrencies {
		w.cand[x] = true
	}
	for _, x := range numeral.Words(w.lang) {
		w.cand[x] = true
	}
	for _, x := range []string{"un", "une", "a", "an"} {
		if numeral.IsArticleOne(x, w.lang) {
			w.cand[x] = true
		}
	}
	return w
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func seqs(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = splitUnit(p)
	}
	return out
}

var frWords = (&words{
	lang:      "fr",
	approx:    seqs("environ", "près de", "près d'", "quelque", "presque", "quasiment", "autour de", "autour d'", "approximativement", "à peu près", "grosso modo"),
	mods:      seqs("plus de", "plus d'", "moins de", "moins d'", "au moins", "jusqu'à", "pas moins de", "pas moins d'", "au total", "seulement", "à peine", "+ de", "+ d'"),
	rangeOpen: set("entre", "de", "d'"),
	rangeJoin: set("et", "à", "-", "–"),
	both:      set("les", "ces", "des", "nos", "vos", "leurs", "ses", "mes", "tes", "aux"),
	stop: set("de", "d'", "des", "du", "la", "le", "les", "l'", "un", "une", "et", "ou", "à", "au", "aux", "en", "par", "pour",
		"sur", "sous", "dans", "avec", "sans", "contre", "entre", "que", "qu'", "qui", "dont", "où", "ne", "n'", "pas", "plus",
		"moins", "fois", "autres", "mêmes", "tiers", "quarts", "quart", "moitié", "demi", "demie", "ans", "an", "années", "mois",
		"jours", "semaines", "heures", "minutes", "secondes", "siècles", "décennies", "millions", "milliards", "milliers", "se",
		"s'", "il", "ils", "elle", "elles", "on", "nous", "vous", "leur", "leurs", "y", "ont", "sont", "est", "a", "sera", "seront",
		"étaient", "avaient", "fut", "furent", "ici", "là", "aussi", "déjà", "encore", "tous", "toutes", "chacun", "chacune",
		"premiers", "derniers", "précédents", "suivants", "prochains", "seuls", "seules", "fois-ci", "reprises", "contre-", "voix"),
	adjs: set("autres", "nouveaux", "nouvelles", "grands", "grandes", "petits", "petites", "jeunes", "anciens", "anciennes",
		"principaux", "principales", "gros", "grosses", "hauts", "hautes", "vrais", "véritables", "simples"),
	plurals:   set("gens"),
	other:     set("autres"),
	ageBefore: seqs("âgé de", "âgée de", "âgés de", "âgées de", "l'âge de", "âge de", "âgé d'", "âgée d'", "âgés d'", "âgées d'", "l'âge d'"),
	yearWords: set("ans"),
	personNouns: set("homme", "femme", "garçon", "fille", "fillette", "enfant", "adolescent", "adolescente", "jeune",
		"bébé", "nourrisson", "retraité", "retraitée", "victime", "suspect", "suspecte", "mère", "père", "fils", "étudiant",
		"étudiante", "lycéen", "lycéenne", "collégien", "collégienne", "élève", "patient", "patiente", "conducteur",
		"conductrice", "militant", "militante", "individu", "personne", "policier", "gendarme", "soldat", "joueur", "joueuse",
		"athlète", "pilote", "migrant", "migrante", "touriste", "randonneur", "agriculteur", "frère", "sœur", "épouse", "mari",
		"compagnon", "compagne", "ami", "amie", "auteur", "chanteur", "chanteuse", "acteur", "actrice", "hommes", "femmes",
		"garçons", "filles", "enfants", "adolescents", "jeunes", "victimes", "suspects"),
	of: set("de", "d'"),
}).index()

var enWords = (&words{
	lang:      "en",
	approx:    seqs("about", "around", "roughly", "nearly", "almost", "approximately", "some", "an estimated", "close to", "~"),
	mods:      seqs("more than", "less than", "fewer than", "at least", "up to", "over", "under", "only", "just", "as many as", "as much as"),
	rangeOpen: set("between", "from"),
	rangeJoin: set("and", "to", "-", "–"),
	both:      set("the", "these", "those", "our", "your", "their", "his", "her", "its", "my"),
	stop: set("of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as", "than", "that",
		"which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
		"could", "times", "other", "others", "more", "less", "years", "year", "months", "days", "weeks", "hours", "minutes",
		"seconds", "decades", "centuries", "millions", "billions", "thousands", "hundreds", "dozens", "percent", "it", "its",
		"they", "them", "he", "she", "we", "you", "i", "but", "not", "no", "all", "each", "both", "against", "into", "out",
		"up", "down", "thirds", "quarters", "halves", "half", "votes", "seats", "am", "pm", "a.m.", "p.m."),
	adjs: set("other", "new", "more", "young", "old", "former", "big", "small", "major", "senior", "top", "extra", "additional"),
	plurals: set("people", "men", "women", "children", "police", "staff", "personnel", "mice", "geese", "feet", "teeth",
		"troops", "cattle", "sheep", "fish", "deer", "aircraft", "crew", "guys"),
	other:       set("other"),
	ageBefore:   seqs("aged", "age", "ages", "the age of"),
	yearWords:   set("years"),
	personNouns: set(),
	of:          set("of"),
}).index()
