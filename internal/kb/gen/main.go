// Command gen builds newsgraph's built-in knowledge base and the word lists
// the entity stage derives from public data:
//
//	go run ./internal/kb/gen -data /work/shared/data
//
// (or `go generate ./internal/kb` from a checkout next to shared/). It
// reads GeoNames (countries, admin-1 regions, cities), Wikidata country
// aliases, the world-leaders lists, and the hand-written entities.jsonl
// and demonyms.tsv beside this file, and writes
// internal/kb/data/kb.jsonl.gz. With -lexicon DIR it also writes
// DIR/{fr,en}/lowercase.txt, the words that news text writes in lowercase
// (counted in the OrangeSum, Reuters-21578 and CoNLL-2003 corpora), which
// tell a capitalised sentence-initial word from a name. The output is
// deterministic: the same inputs give the same bytes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/kb"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("out", "internal/kb/data/kb.jsonl.gz", "the knowledge base file to write")
	lex := flag.String("lexicon", "", "also write <lang>/lowercase.txt word lists under this folder")
	minPop := flag.Int64("minpop", 80000, "smallest population of a city kept (capitals are always kept)")
	flag.Parse()
	if err := run(*data, *out, *lex, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "kb/gen:", err)
		os.Exit(1)
	}
}

type gen struct {
	data    string
	here    string
	entries []*kb.Entry
	byID    map[string]*kb.Entry
	iso     map[string]*kb.Entry // ISO2 → country
	isoName map[string]string    // English country label (any alias) → ISO2
	langOf  map[string]string    // ISO2 → first language
	corpus  *corpus
}

func run(data, out, lex string, minPop int64) error {
	here, err := sourceDir()
	if err != nil {
		return err
	}
	g := &gen{data: data, here: here, byID: map[string]*kb.Entry{}, iso: map[string]*kb.Entry{}, isoName: map[string]string{}, langOf: map[string]string{}}
	g.corpus, err = readCorpora(data)
	if err != nil {
		return err
	}
	steps := []func() error{g.countries, g.countryAliases, g.acronymAliases, g.demonyms, g.regions, func() error { return g.cities(minPop) }, g.leaders, g.leadersCurrent, g.handWritten}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	if err := g.write(out); err != nil {
		return err
	}
	if lex != "" {
		return g.corpus.writeLexicons(lex)
	}
	return nil
}

// sourceDir finds the folder of this generator (for entities.jsonl and
// demonyms.tsv) whether run from the module root or from internal/kb.
func sourceDir() (string, error) {
	for _, d := range []string{"internal/kb/gen", "gen", "."} {
		if _, err := os.Stat(filepath.Join(d, "demonyms.tsv")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("cannot find demonyms.tsv: run from the module root or internal/kb")
}

func (g *gen) add(e *kb.Entry) {
	if old, ok := g.byID[e.ID]; ok {
		mergeInto(old, e)
		return
	}
	g.byID[e.ID] = e
	g.entries = append(g.entries, e)
}

func mergeInto(dst, src *kb.Entry) {
	if src.Name != dst.Name {
		addAlias(dst, "en", src.Name)
	}
	for l, as := range src.Aliases {
		for _, a := range as {
			addAlias(dst, l, a)
		}
	}
	for l, ds := range src.Demonyms {
		dst.Demonyms = addUnique(dst.Demonyms, l, ds...)
	}
	for l, rs := range src.Roles {
		dst.Roles = addUnique(dst.Roles, l, rs...)
	}
	if dst.QID == "" {
		dst.QID = src.QID
	}
	if dst.Country == "" {
		dst.Country = src.Country
	}
	if dst.Kind == "" {
		dst.Kind = src.Kind
	}
}

func addUnique(m map[string][]string, lang string, vals ...string) map[string][]string {
	if m == nil {
		m = map[string][]string{}
	}
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		dup := false
		for _, x := range m[lang] {
			if x == v {
				dup = true
			}
		}
		if !dup {
			m[lang] = append(m[lang], v)
		}
	}
	return m
}

// addAlias adds a name unless it is the canonical name already.
func addAlias(e *kb.Entry, lang, a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.Name && lang == "en" {
		return
	}
	e.Aliases = addUnique(e.Aliases, lang, a)
}

func readTSV(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows, nil
}

func float(s string) *float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &f
}

// countries reads GeoNames countryInfo and country translations.
func (g *gen) countries() error {
	rows, err := readTSV(filepath.Join(g.data, "geonames-gazetteer/countryInfo.tsv"))
	if err != nil {
		return err
	}
	tb, err := os.ReadFile(filepath.Join(g.data, "geonames-gazetteer/country_translations.json"))
	if err != nil {
		return err
	}
	var trans map[string]map[string]string
	if err := json.Unmarshal(tb, &trans); err != nil {
		return fmt.Errorf("country_translations.json: %w", err)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	for _, r := range rows {
		if len(r) < 17 {
			continue
		}
		iso, name, pop, langs, gid := r[0], r[4], r[7], r[15], r[16]
		p, _ := strconv.ParseInt(pop, 10, 64)
		e := &kb.Entry{ID: "iso:" + iso, Name: name, Type: kb.LOC, Kind: "country", Country: iso, Population: p}
		if t := trans[gid]; t != nil {
			addAlias(e, "en", t["en"])
			addAlias(e, "fr", t["fr"])
		}
		g.add(e)
		g.iso[iso] = e
		g.isoName[strings.ToLower(name)] = iso
		if l, _, _ := strings.Cut(langs, ","); l != "" {
			l, _, _ = strings.Cut(l, "-")
			g.langOf[iso] = l
		}
	}
	return nil
}

var articleRE = regexp.MustCompile(`^(?i)(the|les|le|la|l'|l’)\s`)

// goodAlias filters country aliases: no emoji or codes in lowercase, no
// leading article, at least two letters.
func goodAlias(a string) bool {
	letters := 0
	for _, r := range a {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '-' || r == '.' || r == '\'' || r == '’' || r == ',' || r == '(' || r == ')' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	if letters < 2 || articleRE.MatchString(a) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a)
	return unicode.IsUpper(r)
}

// countryAliases reads the Wikidata country aliases (fr and en).
func (g *gen) countryAliases() error {
	f, err := os.Open(filepath.Join(g.data, "country-aliases-wikidata/country_aliases.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	head := true
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("country_aliases.csv: %w", err)
		}
		if head {
			head = false
			continue
		}
		if len(rec) < 6 {
			continue
		}
		iso2, lang, label := rec[1], rec[2], rec[4]
		if lang != "en" && lang != "fr" {
			continue
		}
		e := g.iso[iso2]
		if e == nil {
			continue
		}
		if lang == "en" {
			g.isoName[strings.ToLower(label)] = iso2
		}
		// Country codes (RU, PRK) are names only where news text uses them
		// (US, USA, UK): seen capitalised in the corpora.
		code := strings.EqualFold(label, iso2) || strings.EqualFold(label, rec[0])
		if goodAlias(label) && (!code || g.corpus.capitalised(label) >= 20) {
			addAlias(e, lang, label)
		}
	}
	return nil
}

// demonyms reads demonyms.tsv and adds French feminine and plural forms and
// English plurals.
func (g *gen) demonyms() error {
	rows, err := readTSV(filepath.Join(g.here, "demonyms.tsv"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) != 3 {
			return fmt.Errorf("demonyms.tsv: want 3 columns, got %q", r)
		}
		e := g.iso[r[0]]
		if e == nil {
			return fmt.Errorf("demonyms.tsv: unknown country %q", r[0])
		}
		for _, en := range splitList(r[1]) {
			e.Demonyms = addUnique(e.Demonyms, "en", en)
			if p := englishPlural(en); p != en {
				e.Demonyms = addUnique(e.Demonyms, "en", p)
			}
		}
		for _, fr := range splitList(r[2]) {
			e.Demonyms = addUnique(e.Demonyms, "fr", frenchForms(fr)...)
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func englishPlural(s string) string {
	switch {
	case strings.HasSuffix(s, "ese"), strings.HasSuffix(s, "sh"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "ss"),
		strings.HasSuffix(s, "man"), strings.HasSuffix(s, "men"), strings.HasSuffix(s, "que"), strings.HasSuffix(s, "ois"),
		strings.HasSuffix(s, "lais"):
		return s
	}
	return s + "s"
}

// frenchForms inflects a masculine adjective of nationality:
// nord-coréen → nord-coréenne, nord-coréens, nord-coréennes.
func frenchForms(s string) []string {
	masc, fem, irregular := strings.Cut(s, "|")
	if !irregular {
		switch {
		case strings.HasSuffix(masc, "e"):
			fem = masc
		case strings.HasSuffix(masc, "en"), strings.HasSuffix(masc, "on"):
			fem = masc + "ne"
		default:
			fem = masc + "e"
		}
	}
	plural := func(w string) string {
		if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") {
			return w
		}
		return w + "s"
	}
	return []string{masc, fem, plural(masc), plural(fem)}
}

// regions reads the GeoNames admin-1 regions.
func (g *gen) regions() error {
	rows, err := readTSV(filepath.Join(g.data, "geonames-gazetteer/regionInfo.tsv"))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if len(r) < 4 || strings.HasPrefix(r[0], "#") {
			continue
		}
		cc, _, _ := strings.Cut(r[0], ".")
		e := &kb.Entry{ID: "geonames:" + r[3], Name: r[1], Type: kb.LOC, Kind: "region", Country: cc}
		if r[2] != r[1] {
			addAlias(e, "und", r[2])
		}
		g.add(e)
	}
	return nil
}

// cities reads GeoNames cities15000: capitals and cities of at least
// minPop people. Big cities (capitals, one million people or more) also
// get those of their alternate names that news text uses (names seen
// capitalised in the French and English corpora: Londres, Moscou, Pékin).
func (g *gen) cities(minPop int64) error {
	f, err := os.Open(filepath.Join(g.data, "geonames-gazetteer/cities15000.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		r := strings.Split(sc.Text(), "\t")
		if len(r) < 15 {
			continue
		}
		code := r[7]
		pop, _ := strconv.ParseInt(r[14], 10, 64)
		capital := code == "PPLC"
		switch code {
		case "PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH":
			continue
		}
		if !capital && pop < minPop {
			continue
		}
		kind := "city"
		if capital {
			kind = "capital"
		}
		e := &kb.Entry{ID: "geonames:" + r[0], Name: r[1], Type: kb.LOC, Kind: kind, Country: r[8], Lat: float(r[4]), Lon: float(r[5]), Population: pop}
		if r[2] != r[1] && goodAlias(r[2]) {
			addAlias(e, "und", r[2])
		}
		if capital || pop >= 1000000 {
			for _, a := range strings.Split(r[3], ",") {
				if a != r[1] && goodAlias(a) && !kb.IsAcronym(a) && g.corpus.capitalised(a) >= 3 {
					addAlias(e, "und", a)
				}
			}
		}
		g.add(e)
	}
	return sc.Err()
}

// leaders reads the Wikidata heads of state and government.
func (g *gen) leaders() error {
	f, err := os.Open(filepath.Join(g.data, "world-leaders/wikidata-world-leaders-2021/wikidata.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		return fmt.Errorf("wikidata.csv: %w", err)
	}
	for i, r := range recs {
		if i == 0 || len(r) < 8 {
			continue
		}
		country, position, qid, name := r[1], r[3], r[4], r[5]
		if !strings.HasPrefix(qid, "Q") || name == "" || name == qid {
			continue
		}
		e := &kb.Entry{ID: qid, QID: qid, Name: name, Type: kb.PER, Kind: "leader", Country: g.isoName[strings.ToLower(country)]}
		e.Roles = addUnique(nil, "en", position)
		g.add(e)
	}
	return nil
}

// leadersCurrent reads the current G20/ASEAN leaders with local names.
func (g *gen) leadersCurrent() error {
	dirs, err := filepath.Glob(filepath.Join(g.data, "world-leaders/world-leaders-current/countries/*/current.json"))
	if err != nil {
		return err
	}
	sort.Strings(dirs)
	type holder struct {
		NameEn    string `json:"name_en"`
		NameLocal string `json:"name_local"`
		QID       string `json:"wikidata_id"`
	}
	type position struct {
		TitleEn string  `json:"title_en"`
		Holder  *holder `json:"current_holder"`
	}
	var doc struct {
		Country struct {
			ISO    string `json:"iso_code"`
			NameEn string `json:"name_en"`
		} `json:"country"`
		Positions map[string]position `json:"positions"`
	}
	for _, path := range dirs {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc.Positions = nil
		if err := json.Unmarshal(b, &doc); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		keys := make([]string, 0, len(doc.Positions))
		for k := range doc.Positions {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := doc.Positions[k]
			h := p.Holder
			if h == nil || !strings.HasPrefix(h.QID, "Q") || h.NameEn == "" {
				continue
			}
			e := &kb.Entry{ID: h.QID, QID: h.QID, Name: h.NameEn, Type: kb.PER, Kind: "leader", Country: doc.Country.ISO}
			if p.TitleEn != "" {
				role := p.TitleEn
				if doc.Country.NameEn != "" && !strings.Contains(role, doc.Country.NameEn) {
					role += " of " + doc.Country.NameEn
				}
				e.Roles = addUnique(nil, "en", role)
			}
			if h.NameLocal != "" && h.NameLocal != h.NameEn && latin(h.NameLocal) {
				lang := g.langOf[doc.Country.ISO]
				if lang == "" {
					lang = "und"
				}
				addAlias(e, lang, h.NameLocal)
			}
			g.add(e)
		}
	}
	return nil
}

func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// handWritten merges entities.jsonl.
func (g *gen) handWritten() error {
	f, err := os.Open(filepath.Join(g.here, "entities.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := kb.Load(f)
	if err != nil {
		return fmt.Errorf("entities.jsonl: %w", err)
	}
	for i := range entries {
		e := &entries[i]
		if strings.HasPrefix(e.ID, "merge:") {
			var target *kb.Entry
		find:
			for _, x := range g.entries {
				if x.Type != e.Type {
					continue
				}
				for _, n := range x.AllNames() {
					if n == e.Name {
						target = x
						break find
					}
				}
			}
			if target == nil {
				return fmt.Errorf("entities.jsonl: %s: no generated entry named %q", e.ID, e.Name)
			}
			mergeInto(target, e)
			continue
		}
		g.add(e)
	}
	return nil
}

const header = `# newsgraph built-in knowledge base. GENERATED by internal/kb/gen; DO NOT EDIT.
# Rebuild: go run ./internal/kb/gen -data ../shared/data -lexicon internal/lexicon/data
# Sources and licences (see internal/kb/data/README.md):
#   GeoNames countryInfo, admin-1 regions, cities15000, country translations — CC BY 4.0, GeoNames (geonames.org)
#   Wikidata country aliases via econandrew/sparql_queries — CC0 data, MIT repository
#   Wikidata heads of state and government (every-politician-scrapers/world-leaders-2021) — Wikidata CC0
#   open-data-archive/world-leaders-current — CC BY-SA 4.0
#   internal/kb/gen/entities.jsonl and demonyms.tsv — newsgraph authors, MIT
`

func (g *gen) write(out string) error {
	var raw bytes.Buffer
	raw.WriteString(header)
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	for _, e := range g.entries {
		for l := range e.Aliases {
			sort.Strings(e.Aliases[l])
		}
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	// Check the result loads.
	if _, err := kb.Load(bytes.NewReader(raw.Bytes())); err != nil {
		return fmt.Errorf("generated base does not load: %w", err)
	}
	var zb bytes.Buffer
	zw, err := gzip.NewWriterLevel(&zb, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "kb/gen: %d entries, %d bytes (%d compressed) → %s\n", len(g.entries), raw.Len(), zb.Len(), out)
	return os.WriteFile(out, zb.Bytes(), 0o644)
}
