package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Tokenize appends the tokens of text[span] to out and returns it.
//
// Words keep internal hyphens (Kim Jong-Un, nord-coréen, Poutine-Kim) and
// periods of initialisms (U.S., J.-P.); French elided articles are split
// after the apostrophe (l’, qu’, jusqu’); inverted clitics are split off
// (a-t-il → a, -t-il); numbers keep thousands separators made of spaces
// when followed by exactly three digits (3 500) and decimal commas or
// points (1,5). Every other non-space rune is a punctuation or symbol
// token; "..." is one token.
func Tokenize(text string, span doc.Span, rules *Rules, out []doc.Token) []doc.Token {
	i := span.Start
	end := span.End
	for i < end {
		switch c := text[i]; {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			i++
			continue
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			out = scanWord(text, i, end, rules, out)
			i = out[len(out)-1].Span.End
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case IsSpace(r):
			i += n
		case unicode.IsDigit(r):
			j := scanNumber(text, i, end)
			out = append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Number})
			i = j
		case unicode.IsLetter(r):
			out = scanWord(text, i, end, rules, out)
			i = out[len(out)-1].Span.End
		case r == '.' && strings.HasPrefix(text[i:end], "..."):
			j := i + 3
			for j < end && text[j] == '.' {
				j++
			}
			out = append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Punct})
			i = j
		default:
			kind := doc.Punct
			if unicode.IsSymbol(r) || r == '%' || r == '$' || r == '€' || r == '£' {
				kind = doc.Symbol
			}
			out = append(out, doc.Token{Span: doc.Span{Start: i, End: i + n}, Kind: kind})
			i += n
		}
	}
	return out
}

func digitAt(text string, i, end int) bool { return i < end && text[i] >= '0' && text[i] <= '9' }

// scanNumber returns the end of the number starting at i.
func scanNumber(text string, i, end int) int {
	j := i
	for {
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j >= end {
			return j
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		switch {
		case (r == ',' || r == '.') && digitAt(text, j+n, end):
			j += n
		case numberGroupSpace(r) && threeDigits(text, j+n, end) && groupable(text, i, j):
			j += n
		default:
			return j
		}
	}
}

// groupable reports whether the digits before a space-separated group can
// lead a grouped number: 1 to 3 digits since the last separator.
func groupable(text string, start, j int) bool {
	k := j
	for k > start && text[k-1] >= '0' && text[k-1] <= '9' {
		k--
	}
	return j-k >= 1 && j-k <= 3 && (k == start || !(text[k-1] >= '0' && text[k-1] <= '9'))
}

func threeDigits(text string, i, end int) bool {
	if i+3 > end {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	if i+3 == end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+3 : end])
	return !unicode.IsDigit(r) && !unicode.IsLetter(r)
}

// scanWord appends the token(s) of the word starting at i.
func scanWord(text string, i, end int, rules *Rules, out []doc.Token) []doc.Token {
	// Initialisms: U.S., N.C., J.-P., e.g.
	if j := scanInitialism(text, i, end); j > i {
		return append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Word})
	}
	j := i
	for j < end {
		if c := text[j]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			j += n
			continue
		}
		if isHyphen(r) && j+n < end {
			r2, _ := utf8.DecodeRuneInString(text[j+n : end])
			if isWordRune(r2) {
				// Inverted clitic: dit-il, a-t-il, précise-t-elle.
				if rules != nil && len(rules.Clitics) > 0 {
					if c := cliticEnd(text, j, end, rules); c > 0 {
						out = append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Word})
						return append(out, doc.Token{Span: doc.Span{Start: j, End: c}, Kind: doc.Word})
					}
				}
				j += n
				continue
			}
		}
		if IsApostrophe(r) && j+n < end {
			r2, _ := utf8.DecodeRuneInString(text[j+n : end])
			if unicode.IsLetter(r2) {
				word := strings.ToLower(text[i:j])
				if rules != nil && rules.Elided[word] {
					return append(out, doc.Token{Span: doc.Span{Start: i, End: j + n}, Kind: doc.Word})
				}
				if rules != nil && len(rules.Suffixes) > 0 {
					k := j + n
					for k < end {
						r3, n3 := utf8.DecodeRuneInString(text[k:end])
						if !unicode.IsLetter(r3) {
							break
						}
						k += n3
					}
					if rules.Suffixes[strings.ToLower(text[j+n:k])] {
						out = append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Word})
						return append(out, doc.Token{Span: doc.Span{Start: j, End: k}, Kind: doc.Word})
					}
				}
				j += n
				continue
			}
		}
		break
	}
	return append(out, doc.Token{Span: doc.Span{Start: i, End: j}, Kind: doc.Word})
}

// cliticEnd returns the end of an inverted clitic starting at the hyphen at
// j ("-il", "-t-elle"), or 0. Clitics are written in lowercase: a
// capitalised part is a name (Kim Jong-Il).
func cliticEnd(text string, j, end int, rules *Rules) int {
	_, hn := utf8.DecodeRuneInString(text[j:end])
	if r, _ := utf8.DecodeRuneInString(text[j+hn : end]); !unicode.IsLower(r) {
		return 0
	}
	k := j + hn
	for k < end {
		r, n := utf8.DecodeRuneInString(text[k:end])
		if !unicode.IsLetter(r) && !isHyphen(r) {
			break
		}
		k += n
	}
	word := strings.ToLower(text[j+hn : k])
	if strings.ContainsAny(word, "‐‑") {
		word = strings.NewReplacer("‐", "-", "‑", "-").Replace(word)
	}
	if rules.Clitics[word] {
		return k
	}
	return 0
}

// scanInitialism matches letter-period sequences of two or more letters
// (U.S., N.C., J.-P.) and returns their end, or i.
func scanInitialism(text string, i, end int) int {
	// Fast exit: an initialism has a period right after its first letter.
	if _, n := utf8.DecodeRuneInString(text[i:end]); i+n >= end || text[i+n] != '.' {
		return i
	}
	j := i
	count := 0
	for j < end {
		r, n := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r) || j+n >= end || text[j+n] != '.' {
			break
		}
		// The letter must be alone: next after the period is a letter,
		// a hyphen+letter, or the end of the initialism.
		j += n + 1
		count++
		if j < end && text[j] == '-' {
			j++
		}
		if j >= end {
			break
		}
		r2, _ := utf8.DecodeRuneInString(text[j:end])
		if !unicode.IsLetter(r2) {
			break
		}
		// Stop if the next letter starts a longer word.
		if j+utf8.RuneLen(r2) < end {
			r3, _ := utf8.DecodeRuneInString(text[j+utf8.RuneLen(r2) : end])
			if r3 != '.' {
				break
			}
		}
	}
	if count < 2 {
		return i
	}
	if text[j-1] == '-' {
		j--
	}
	return j
}
