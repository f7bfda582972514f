package ner

import (
	"unicode"
	"unicode/utf8"
)

// Hashing: every feature is a 64-bit hash of a template number and the
// hashes of the word forms it looks at. No strings are built at tagging
// time. The hash is FNV-1a over runes with a 64-bit finaliser; it is part of
// the model file format (a model only works with the hashing it was trained
// with), so it must not change without a format version bump.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashRune(h uint64, r rune) uint64 {
	h ^= uint64(uint32(r))
	return h * fnvPrime
}

// mix combines two hashes into a well-spread, non-zero hash.
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	if h == 0 {
		h = 1
	}
	return h
}

// normPunct maps typographic variants of apostrophes, quotes and dashes to
// their ASCII forms so that « Macron » and "Macron", l’ and l' look alike.
func normPunct(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ', '`', '´', '′', '‛':
		return '\''
	case '«', '»', '“', '”', '„', '‟', '‹', '›', '″':
		return '"'
	case '–', '—', '‐', '‑', '‒', '−', '―':
		return '-'
	case '…':
		return '.'
	}
	return r
}

// accentFold maps lower-case Latin letters with diacritics to their base
// letter: é → e, ç → c, ł → l. Others are returned unchanged.
func accentFold(r rune) rune {
	const latin1 = "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y"                                                                                                                                       // U+00E0..U+00FF
	const extA = "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii" + "ii..jjkk.lllllll" + "lllnnnnnnn..oooo" + "oo..rrrrrrssssss" + "sstttttt" + "uuuuuuuu" + "uuuuwwyyyzzzzzzs" // U+0100..U+017F
	switch {
	case r >= 0xE0 && r <= 0xFF:
		if c := latin1[r-0xE0]; c != '.' {
			return rune(c)
		}
	case r >= 0x100 && r <= 0x17F:
		if c := extA[r-0x100]; c != '.' {
			return rune(c)
		}
	}
	return r
}

// toLower is unicode.ToLower with an ASCII fast path.
func toLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

func toUpper(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	}
	return unicode.ToUpper(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// Casing classes of a written word.
const (
	caseNone  = iota // no letter
	caseLower        // all letters lower case
	caseTitle        // first letter upper, the others lower
	caseUpper        // all letters upper, at least two of them
	caseMixed        // anything else (iPhone, McDonald, a single capital)
)

// wordCase returns the casing class of w.
func wordCase(w string) uint8 {
	letters, upper := 0, 0
	firstUpper := false
	for _, r := range w {
		if !isLetter(r) {
			continue
		}
		u := isUpper(r)
		if letters == 0 {
			firstUpper = u
		}
		letters++
		if u {
			upper++
		}
	}
	switch {
	case letters == 0:
		return caseNone
	case upper == 0:
		return caseLower
	case upper == letters && letters >= 2:
		return caseUpper
	case firstUpper && upper == 1:
		return caseTitle
	}
	return caseMixed
}

// FoldKey returns the look-up key of a word or a phrase: lower case,
// diacritics removed, punctuation variants unified. Gazetteer and case
// lexicon entries are matched on it.
func FoldKey(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, accentFold(toLower(normPunct(r))))
	}
	return string(b)
}

// keyHash hashes FoldKey(w) without building it.
func keyHash(w string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range w {
		h = hashRune(h, accentFold(toLower(normPunct(r))))
	}
	return mix(h, 0x6b6579)
}
