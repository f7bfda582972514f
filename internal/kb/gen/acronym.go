package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// acronymAliases drops the all-capitals aliases of the countries that are
// not the initials of one of the country's names: Wikidata lists sports,
// vehicle and ISO codes among a country's aliases (SE, IN, AT, JA, NED,
// ALG), and in running text those letters are mostly something else ("les
// candidats PS et SE": sans étiquette; "IN BRIEF"). Initials keep US, USA,
// UK, UAE, PRC, DRC, RDC, KSA.
func (g *gen) acronymAliases() error {
	for _, e := range g.entries {
		if e.Kind != "country" {
			continue
		}
		names := []string{e.Name}
		for _, as := range e.Aliases {
			names = append(names, as...)
		}
		for l, as := range e.Aliases {
			kept := as[:0]
			for _, a := range as {
				if !isAcronym(a) || initialism(a, names) {
					kept = append(kept, a)
				}
			}
			e.Aliases[l] = kept
		}
	}
	return nil
}

// isAcronym reports whether a is two or more capital letters and nothing
// else.
func isAcronym(a string) bool {
	if utf8.RuneCountInString(a) < 2 {
		return false
	}
	for _, r := range a {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// initialism reports whether a is the initials of one of names, with or
// without its connectors (ROK, Republic of Korea; RDC, République
// démocratique du Congo).
func initialism(a string, names []string) bool {
	for _, n := range names {
		if n != a && (initials(n, true) == a || initials(n, false) == a) {
			return true
		}
	}
	return false
}

// connectors are the words initials skip.
var connectors = map[string]bool{"of": true, "the": true, "and": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "les": true, "et": true, "d": true, "l": true}

// initials returns the capitalised first letters of the words of name
// (split at spaces and hyphens; elided articles skipped, and connectors
// when skip is set): "République démocratique du Congo" → "RDC" (skip) or
// "RDDC".
func initials(name string, skip bool) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		for _, el := range []string{"d'", "d’", "l'", "l’", "D'", "D’", "L'", "L’"} {
			w = strings.TrimPrefix(w, el)
		}
		if w == "" || skip && connectors[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
