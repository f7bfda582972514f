package corpus

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/kb"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// Source is a dataset file a model was built from.
type Source struct {
	Path    string // relative to the data folder
	Licence string
}

// altNamePopulation is the population above which a city's alternate
// names (many languages, no language tags) enter the gazetteer.
const altNamePopulation = 100000

// Gazetteer builds the tagger's gazetteer from the shared data folder:
// cities (GeoNames cities15000), countries and capitals (GeoNames
// countryInfo, country names in lang and English, Wikidata country
// aliases), first-level regions (GeoNames), and heads of state and
// government with their parties (world-leaders); and the organisations and
// events of the built-in knowledge base (internal/kb). Missing files are
// skipped; the sources used are returned.
func Gazetteer(dataDir, lang string) ([]ner.GazEntry, []Source, error) {
	var out []ner.GazEntry
	var used []Source
	add := func(name, typ string) {
		name = strings.TrimSpace(name)
		if name != "" && plausibleName(name) {
			out = append(out, ner.GazEntry{Name: name, Type: typ})
			// Romanised given names are written with or without their
			// hyphen: Kim Jong-un, Kim Jong Un; Moon Jae-in, Moon Jae In.
			if typ == "PER" && strings.Contains(name, "-") {
				out = append(out, ner.GazEntry{Name: strings.ReplaceAll(name, "-", " "), Type: typ})
			}
		}
	}
	try := func(rel, licence string, read func(f io.Reader) error) error {
		f, err := os.Open(filepath.Join(dataDir, rel))
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		defer f.Close()
		if err := read(f); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		used = append(used, Source{rel, licence})
		return nil
	}
	langs := map[string]bool{lang: true, "en": true, "fr": true}
	steps := []struct {
		rel, licence string
		read         func(io.Reader) error
	}{
		{"geonames-gazetteer/cities15000.txt", "CC BY 4.0 (GeoNames)", func(f io.Reader) error {
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, maxLine)
			for sc.Scan() {
				c := strings.Split(sc.Text(), "\t")
				if len(c) < 15 {
					continue
				}
				add(c[1], "LOC")
				add(c[2], "LOC")
				if pop, _ := strconv.Atoi(c[14]); pop >= altNamePopulation {
					for _, a := range strings.Split(c[3], ",") {
						if latinName(a) {
							add(a, "LOC")
						}
					}
				}
			}
			return sc.Err()
		}},
		{"geonames-gazetteer/countryInfo.tsv", "CC BY 4.0 (GeoNames)", func(f io.Reader) error {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				c := strings.Split(sc.Text(), "\t")
				if len(c) < 6 || strings.HasPrefix(c[0], "#") {
					continue
				}
				add(c[4], "LOC")
				add(c[5], "LOC")
			}
			return sc.Err()
		}},
		{"geonames-gazetteer/regionInfo.tsv", "CC BY 4.0 (GeoNames)", func(f io.Reader) error {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				c := strings.Split(sc.Text(), "\t")
				if len(c) < 3 || strings.HasPrefix(c[0], "#") {
					continue
				}
				add(c[1], "LOC")
				add(c[2], "LOC")
			}
			return sc.Err()
		}},
		{"geonames-gazetteer/country_translations.json", "CC BY 4.0 (GeoNames)", func(f io.Reader) error {
			var m map[string]map[string]string
			if err := json.NewDecoder(f).Decode(&m); err != nil {
				return err
			}
			for _, names := range m {
				for l, n := range names {
					if langs[l] {
						add(n, "LOC")
					}
				}
			}
			return nil
		}},
		{"country-aliases-wikidata/country_aliases.csv", "MIT (Andrew Whitby), data from Wikidata (CC0)", func(f io.Reader) error {
			r := csv.NewReader(f)
			r.FieldsPerRecord = -1
			for {
				rec, err := r.Read()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				if len(rec) >= 5 && langs[rec[2]] && startsWithUpperLetter(rec[4]) {
					add(rec[4], "LOC")
				}
			}
		}},
		{"world-leaders/wikidata-world-leaders-2021/wikidata.csv", "Wikidata (CC0)", func(f io.Reader) error {
			return csvColumns(f, map[string]string{"officeholderLabel": "PER"}, add)
		}},
		{"world-leaders/wikidata-world-leaders-2021/wikipedia.csv", "Wikipedia (CC BY-SA)", func(f io.Reader) error {
			return csvColumns(f, map[string]string{"officeholderlabel": "PER"}, add)
		}},
		{"world-leaders/world-leaders-current/current/all-leaders.csv", "CC BY-SA 4.0 (open-data-archive)", func(f io.Reader) error {
			return csvColumns(f, map[string]string{"Head of Government": "PER", "Head of State": "PER"}, add)
		}},
	}
	for _, s := range steps {
		if err := try(s.rel, s.licence, s.read); err != nil {
			return nil, nil, err
		}
	}
	// Local-language names and parties of the current leaders.
	paths, _ := filepath.Glob(filepath.Join(dataDir, "world-leaders/world-leaders-current/countries/*/current.json"))
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		var doc struct {
			Positions map[string]struct {
				Holder *struct {
					NameEn     *string `json:"name_en"`
					NameLocal  *string `json:"name_local"`
					Party      *string `json:"party"`
					PartyLocal *string `json:"party_local"`
				} `json:"current_holder"`
			} `json:"positions"`
		}
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		for _, pos := range doc.Positions {
			h := pos.Holder
			if h == nil {
				continue
			}
			for _, n := range []*string{h.NameEn, h.NameLocal} {
				if n != nil && latinName(*n) {
					add(*n, "PER")
				}
			}
			for _, n := range []*string{h.Party, h.PartyLocal} {
				if n != nil && latinName(*n) && !strings.EqualFold(*n, "independent") {
					add(*n, "ORG")
				}
			}
		}
	}
	if len(paths) > 0 {
		used = append(used, Source{"world-leaders/world-leaders-current/countries/*/current.json", "CC BY-SA 4.0 (open-data-archive)"})
	}
	// Organisations and events of the built-in knowledge base, with their
	// French and English names and acronyms (its places and people come
	// from the files above).
	entries, err := kb.BuiltinEntries()
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.Type == kb.ORG || e.Type == kb.MISC {
			for _, n := range e.AllNames() {
				add(n, e.Type)
			}
		}
	}
	used = append(used, Source{"internal/kb/gen/entities.jsonl (organisations and events of the built-in knowledge base)", "MIT (newsgraph authors)"})
	return out, used, nil
}

// csvColumns adds the values of the named columns of a CSV file.
func csvColumns(f io.Reader, cols map[string]string, add func(name, typ string)) error {
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return err
	}
	idx := map[int]string{}
	for i, h := range head {
		if t, ok := cols[h]; ok {
			idx[i] = t
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		for i, t := range idx {
			if i < len(rec) {
				add(stripParen(rec[i]), t)
			}
		}
	}
}

var parenRE = regexp.MustCompile(`\s*\([^)]*\)`)

// stripParen removes Wikipedia disambiguations: "João Lourenço (politician)".
func stripParen(s string) string { return parenRE.ReplaceAllString(s, "") }

// plausibleName rejects names that are mostly not letters or too long.
func plausibleName(s string) bool {
	letters, n := 0, 0
	for _, r := range s {
		n++
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2 && letters*2 > n && n <= 60 && len(strings.Fields(s)) <= 6
}

func startsWithUpperLetter(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// latinName accepts names written in the Latin script that start with a
// capital and have lower-case letters (not codes such as "PAR").
func latinName(s string) bool {
	if !startsWithUpperLetter(s) {
		return false
	}
	lower := false
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
		if unicode.IsDigit(r) {
			return false
		}
		lower = lower || unicode.IsLower(r)
	}
	return lower
}

// EntityNames returns the distinct entities of labelled sentences as
// gazetteer entries (the words of each entity joined by spaces).
func EntityNames(sents []ner.Sentence) []ner.GazEntry {
	seen := map[ner.GazEntry]bool{}
	var out []ner.GazEntry
	for _, s := range sents {
		for _, sp := range ner.Spans(s.Labels) {
			e := ner.GazEntry{Name: strings.Join(s.Words[sp.Start:sp.End], " "), Type: sp.Type}
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}
