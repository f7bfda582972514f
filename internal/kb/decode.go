package kb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// decodeEntry decodes one JSON Lines record. The common shape (the fields
// of Entry spelled exactly, strings without escapes, no null) is read by a
// small scanner whose strings share the memory of line; anything else goes
// to encoding/json, which gives the same Entry or the error. FuzzDecode
// checks that both agree.
func decodeEntry(line string) (Entry, error) {
	if e, ok := fastEntry(line); ok {
		return e, nil
	}
	return jsonEntry([]byte(line))
}

// jsonEntry decodes a record with encoding/json: unknown fields and data
// after the object are errors.
func jsonEntry(b []byte) (Entry, error) {
	var e Entry
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Entry{}, err
	}
	if dec.More() {
		return Entry{}, fmt.Errorf("trailing data after the object")
	}
	return e, nil
}

// scanner reads the JSON subset of fastEntry; ok turns false at the first
// thing it does not handle.
type scanner struct {
	s  string
	i  int
	ok bool
}

func (p *scanner) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte consumes c after optional whitespace.
func (p *scanner) byte(c byte) bool {
	p.space()
	if p.ok && p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// peek returns the next byte after whitespace, or 0.
func (p *scanner) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// str reads a string without escapes, control characters or invalid
// UTF-8; it returns a substring of the input.
func (p *scanner) str() string {
	if !p.byte('"') {
		p.ok = false
		return ""
	}
	start := p.i
	ascii := true
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			v := p.s[start:p.i]
			p.i++
			if !ascii && !utf8.ValidString(v) {
				p.ok = false
			}
			return v
		case c == '\\' || c < 0x20:
			p.ok = false
			return ""
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	p.ok = false
	return ""
}

// number reads a JSON number literal.
func (p *scanner) number() string {
	p.space()
	s, start := p.s, p.i
	i := start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	default:
		p.ok = false
		return ""
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			p.ok = false
			return ""
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			p.ok = false
			return ""
		}
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	}
	p.i = i
	return s[start:i]
}

func (p *scanner) float() *float64 {
	f, err := strconv.ParseFloat(p.number(), 64)
	if err != nil {
		p.ok = false
		return nil
	}
	return &f
}

// lists reads {"lang": ["a", "b"], ...}.
func (p *scanner) lists() map[string][]string {
	if !p.byte('{') {
		p.ok = false
		return nil
	}
	m := make(map[string][]string, 2)
	if p.byte('}') {
		return m
	}
	for p.ok {
		k := p.str()
		if _, dup := m[k]; dup || !p.byte(':') || !p.byte('[') {
			p.ok = false
			return nil
		}
		vs := []string{}
		if !p.byte(']') {
			for p.ok {
				vs = append(vs, p.str())
				if p.byte(']') {
					break
				}
				if !p.byte(',') {
					p.ok = false
				}
			}
		}
		m[k] = vs
		if p.byte('}') {
			return m
		}
		if !p.byte(',') {
			p.ok = false
		}
	}
	return nil
}

// fastEntry decodes the common shape of a record; ok is false when the
// line needs encoding/json (escapes, null, other spellings, errors).
func fastEntry(line string) (e Entry, ok bool) {
	p := &scanner{s: line, ok: true}
	if !p.byte('{') {
		return Entry{}, false
	}
	var seen uint16
	if !p.byte('}') {
		for p.ok {
			key := p.str()
			if !p.byte(':') {
				return Entry{}, false
			}
			var bit uint16
			switch key {
			case "id":
				bit, e.ID = 1<<0, p.str()
			case "name":
				bit, e.Name = 1<<1, p.str()
			case "type":
				bit, e.Type = 1<<2, p.str()
			case "kind":
				bit, e.Kind = 1<<3, p.str()
			case "qid":
				bit, e.QID = 1<<4, p.str()
			case "aliases":
				bit, e.Aliases = 1<<5, p.lists()
			case "lat":
				bit, e.Lat = 1<<6, p.float()
			case "lon":
				bit, e.Lon = 1<<7, p.float()
			case "country":
				bit, e.Country = 1<<8, p.str()
			case "demonyms":
				bit, e.Demonyms = 1<<9, p.lists()
			case "roles":
				bit, e.Roles = 1<<10, p.lists()
			case "population":
				bit = 1 << 11
				n, err := strconv.ParseInt(p.number(), 10, 64)
				if err != nil {
					return Entry{}, false
				}
				e.Population = n
			default:
				return Entry{}, false
			}
			if seen&bit != 0 || !p.ok {
				return Entry{}, false
			}
			seen |= bit
			if p.byte('}') {
				break
			}
			if !p.byte(',') {
				return Entry{}, false
			}
		}
	}
	if p.space(); !p.ok || p.i != len(p.s) {
		return Entry{}, false
	}
	return e, true
}
