package ingest

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeRecord is the fast path of json.Unmarshal(data, r) for the common
// article object: data is one JSON object (between optional white space)
// whose keys are written exactly as record's field names (or name unknown
// fields), whose record fields hold strings or null (the id also numbers
// and booleans), and whose strings are valid UTF-8 without lone surrogate
// escapes. For such input r ends up exactly as json.Unmarshal leaves it.
// Anything else (a syntax error, a type mismatch, a key that matches a
// field only case-insensitively, deep nesting) reports false, leaving r in
// an unspecified state: the caller then decodes with encoding/json, which
// also produces its error messages.
func decodeRecord(data []byte, r *record) bool {
	p := jsonScanner{data: data}
	p.space()
	if !p.byte('{') {
		return false
	}
	p.space()
	if p.byte('}') {
		p.space()
		return p.i == len(p.data)
	}
	for {
		p.space()
		ks, ke, esc, ok := p.stringSpan()
		if !ok || esc {
			return false // an escaped key may name a field: leave it to encoding/json
		}
		p.space()
		if !p.byte(':') {
			return false
		}
		p.space()
		key := data[ks:ke]
		if f := r.field(key); f != nil {
			switch {
			case p.peek() == '"':
				s, ok := p.stringValue()
				if !ok {
					return false
				}
				*f = &s
			case p.literal("null"):
				*f = nil
			default:
				return false // a type error: encoding/json reports it
			}
		} else if string(key) == "id" {
			v, ok := p.anyScalar()
			if !ok {
				return false
			}
			r.ID = v
		} else {
			if !asciiKey(key) || knownKeyFold(key) {
				return false // may match a field case-insensitively
			}
			if !p.skipValue(0) {
				return false
			}
		}
		p.space()
		if p.byte(',') {
			continue
		}
		if !p.byte('}') {
			return false
		}
		p.space()
		return p.i == len(p.data)
	}
}

// field returns the record field whose JSON name is exactly key, or nil.
func (r *record) field(key []byte) **string {
	switch string(key) {
	case "text":
		return &r.Text
	case "body":
		return &r.Body
	case "content":
		return &r.Content
	case "article":
		return &r.Article
	case "date":
		return &r.Date
	case "published":
		return &r.Published
	case "publishedAt":
		return &r.PublishedAt
	case "published_at":
		return &r.PublishedAtSn
	case "datePublished":
		return &r.DatePublished
	case "title":
		return &r.Title
	case "headline":
		return &r.Headline
	case "url":
		return &r.URL
	case "link":
		return &r.Link
	case "lang":
		return &r.Lang
	case "language":
		return &r.Language
	case "source":
		return &r.Source
	case "outlet":
		return &r.Outlet
	}
	return nil
}

// recordKeys are record's JSON names, lowercase.
var recordKeys = []string{
	"text", "body", "content", "article", "date", "published", "publishedat", "published_at",
	"datepublished", "title", "headline", "url", "link", "lang", "language", "id", "source", "outlet",
}

// knownKeyFold reports whether an ASCII key equals one of record's JSON
// names ignoring case (encoding/json would fill that field).
func knownKeyFold(key []byte) bool {
	for _, k := range recordKeys {
		if len(k) == len(key) && strings.EqualFold(k, string(key)) {
			return true
		}
	}
	return false
}

func asciiKey(key []byte) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// jsonScanner reads JSON from data at i; its methods report false on
// anything they do not accept, without positions (encoding/json gives
// the error).
type jsonScanner struct {
	data []byte
	i    int
}

func (p *jsonScanner) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
			continue
		}
		return
	}
}

func (p *jsonScanner) peek() byte {
	if p.i < len(p.data) {
		return p.data[p.i]
	}
	return 0
}

func (p *jsonScanner) byte(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonScanner) literal(s string) bool {
	if len(p.data)-p.i >= len(s) && string(p.data[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// stringSpan reads a string and returns the span of its contents and
// whether it has escapes. The contents must be valid UTF-8 without control
// characters, and escapes well formed.
func (p *jsonScanner) stringSpan() (start, end int, esc, ok bool) {
	if !p.byte('"') {
		return 0, 0, false, false
	}
	start = p.i
	data := p.data
	i := p.i
	for {
		// The next quote ends the string unless an escape comes first.
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return 0, 0, false, false
		}
		b := bytes.IndexByte(data[i:i+q], '\\')
		if b < 0 {
			i += q
			break
		}
		i += b
		if i+1 >= len(data) {
			return 0, 0, false, false
		}
		switch data[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if _, ok := hex4(data, i+2); !ok {
				return 0, 0, false, false
			}
			i += 6
		default:
			return 0, 0, false, false
		}
		esc = true
	}
	if !validText(data[start:i]) {
		return 0, 0, false, false
	}
	p.i = i + 1
	return start, i, esc, true
}

// validText reports whether b is valid UTF-8 without bytes below 0x20.
// Unlike utf8.Valid, it goes back to reading eight bytes at a time after
// each other rune, which suits accented Latin text: eight bytes without a
// control byte are skipped up to their first non-ASCII byte, if any, and
// a two-byte rune there (é is C3 A9) is stepped over at once.
func validText(b []byte) bool {
	const highs = 0x8080808080808080
	for i := 0; i < len(b); {
		for i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			if hasLess(x, 0x20) {
				break
			}
			h := x & highs
			if h == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(h) >> 3
			if c := b[i]; 0xC2 <= c && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80 {
				i += 2 // a two-byte rune (é is C3 A9) inside the eight bytes
				continue
			}
			break
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c < 0x20:
			return false
		case c < utf8.RuneSelf:
			i++
		case 0xC2 <= c && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			i += 2 // a two-byte rune (é is C3 A9)
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return false
			}
			i += n
		}
	}
	return true
}

// stringValue reads a string and returns its value.
func (p *jsonScanner) stringValue() (string, bool) {
	s, e, esc, ok := p.stringSpan()
	if !ok {
		return "", false
	}
	if !esc {
		return string(p.data[s:e]), true
	}
	return unescape(p.data[s:e])
}

// unescape decodes the contents of a string with escapes, already checked
// by stringSpan. A surrogate escape not part of a valid pair reports false
// (encoding/json turns it into U+FFFD).
func unescape(raw []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(raw))
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\\')
		if i < 0 {
			b.Write(raw)
			break
		}
		b.Write(raw[:i])
		c := raw[i+1]
		raw = raw[i+2:]
		switch c {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, _ := hex4(raw, 0)
			raw = raw[4:]
			if utf16.IsSurrogate(r) {
				if len(raw) < 6 || raw[0] != '\\' || raw[1] != 'u' {
					return "", false
				}
				r2, _ := hex4(raw, 2)
				dec := utf16.DecodeRune(r, r2)
				if dec == utf8.RuneError {
					return "", false
				}
				raw = raw[6:]
				r = dec
			}
			b.WriteRune(r)
		default: // " \ /
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// hex4 reads four hexadecimal digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a number and returns its text.
func (p *jsonScanner) number() ([]byte, bool) {
	data, i := p.data, p.i
	start := i
	digits := func() bool {
		k := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		return i > k
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case !digits():
		return nil, false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	p.i = i
	return data[start:i], true
}

// anyScalar reads a string, number, boolean or null as encoding/json
// decodes it into an interface value; arrays and objects report false.
func (p *jsonScanner) anyScalar() (any, bool) {
	switch c := p.peek(); {
	case c == '"':
		s, ok := p.stringValue()
		return s, ok
	case c == '-' || '0' <= c && c <= '9':
		num, ok := p.number()
		if !ok {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(num), 64)
		return f, err == nil
	case p.literal("null"):
		return nil, true
	case p.literal("true"):
		return true, true
	case p.literal("false"):
		return false, true
	}
	return nil, false
}

// maxSkipDepth bounds the nesting of skipped values (encoding/json allows
// more; deeper input goes to it).
const maxSkipDepth = 64

// skipValue checks and skips any JSON value.
func (p *jsonScanner) skipValue(depth int) bool {
	if depth > maxSkipDepth {
		return false
	}
	switch c := p.peek(); {
	case c == '"':
		_, _, _, ok := p.stringSpan()
		return ok
	case c == '-' || '0' <= c && c <= '9':
		_, ok := p.number()
		return ok
	case c == '{':
		p.i++
		p.space()
		if p.byte('}') {
			return true
		}
		for {
			p.space()
			if _, _, _, ok := p.stringSpan(); !ok {
				return false
			}
			p.space()
			if !p.byte(':') {
				return false
			}
			p.space()
			if !p.skipValue(depth + 1) {
				return false
			}
			p.space()
			if p.byte('}') {
				return true
			}
			if !p.byte(',') {
				return false
			}
		}
	case c == '[':
		p.i++
		p.space()
		if p.byte(']') {
			return true
		}
		for {
			p.space()
			if !p.skipValue(depth + 1) {
				return false
			}
			p.space()
			if p.byte(']') {
				return true
			}
			if !p.byte(',') {
				return false
			}
		}
	}
	return p.literal("null") || p.literal("true") || p.literal("false")
}
