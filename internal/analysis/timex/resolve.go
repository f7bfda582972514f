package timex

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Dateline years outside this range are treated as errors.
const (
	minYear = 1800
	maxYear = 2100
)

// resolver turns expressions into TIMEX3 values for one document.
type resolver struct {
	d      *doc.Document
	anchor doc.Date   // the usable dateline (zero when none)
	day    time.Time  // the dateline as a day, when it has one
	ref    *time.Time // the last full date mentioned
	lead   *time.Time // the first full date mentioned (the lead event)
	// dated holds the days written out in full so far ("samedi 29 mai"): a
	// later bare weekday of that week names the same day.
	dated  []time.Time
	quotes map[int][]doc.Span
	// the last year written out in the text, and its paragraph
	year, yearPar int
	par           int // the paragraph being resolved
}

func newResolver(d *doc.Document) *resolver {
	r := &resolver{d: d}
	p := d.Published
	if !p.Known() {
		return r
	}
	bad := ""
	switch {
	case p.Year < minYear || p.Year > maxYear:
		bad = "year out of range"
	case p.Precision >= doc.PrecMonth && (p.Month < 1 || p.Month > 12):
		bad = "no such month"
	case p.Precision >= doc.PrecDay && (p.Day < 1 || p.Day > daysIn(p.Year, p.Month)):
		bad = "no such day"
	case p.Precision > doc.PrecDay:
		bad = "unknown precision"
	}
	if bad != "" {
		d.Problem(Name, "dateline %04d-%02d-%02d not used (%s): time expressions are left unresolved", p.Year, p.Month, p.Day, bad)
		return r
	}
	r.anchor = p
	if p.Precision == doc.PrecDay {
		r.day = time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC)
	}
	return r
}

// setAnchor anchors the resolver on a day found in the text.
func (r *resolver) setAnchor(p doc.Date) {
	r.anchor = p
	r.day = time.Date(p.Year, time.Month(p.Month), p.Day, 0, 0, 0, 0, time.UTC)
}

func ymd(t time.Time) string { return t.Format("2006-01-02") }

func isoWeekday(t time.Time) int { return (int(t.Weekday())+6)%7 + 1 }

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func withPod(v, pod string) string {
	if pod == "" {
		return v
	}
	return v + "T" + pod
}

// resolve returns the value of e, the anchor it used, and the full date it
// denotes when it denotes one.
func (r *resolver) resolve(e expr, tense int, quoted bool) (string, string, *time.Time) {
	switch e.kind {
	case kLit:
		return e.lit, "", nil
	case kRel:
		return r.relative(e, tense, quoted)
	case kWeekday:
		return r.weekday(e, tense)
	}
	return r.calendar(e, tense)
}

func (r *resolver) remember(t time.Time, lead bool) *time.Time {
	tt := t
	r.ref = &tt
	if lead && r.lead == nil {
		r.lead = &tt
	}
	return &tt
}

func (r *resolver) relative(e expr, tense int, quoted bool) (string, string, *time.Time) {
	prec := r.anchor.Precision
	base := r.day
	anchor := r.anchor.String()
	if e.ana && r.ref != nil && !(quoted && e.pod != "") {
		base, prec, anchor = *r.ref, doc.PrecDay, ymd(*r.ref)
	}
	if e.today && quoted && r.lead != nil && prec == doc.PrecDay && r.lead.Before(base) {
		base, anchor = *r.lead, ymd(*r.lead)
	}
	y, m := r.anchor.Year, r.anchor.Month
	if prec == doc.PrecDay {
		y, m = base.Year(), int(base.Month())
	}
	switch e.unit {
	case 'D':
		switch prec {
		case doc.PrecDay:
			t := base.AddDate(0, 0, e.n)
			return withPod(ymd(t), e.pod), anchor, r.remember(t, !e.today && !e.ana)
		case doc.PrecMonth:
			return withPod(fmt.Sprintf("%04d-%02d", y, m), e.pod), anchor, nil
		case doc.PrecYear:
			return fmt.Sprintf("%04d", y), anchor, nil
		}
		return withPod("XXXX-XX-XX", e.pod), "", nil
	case 'W', 'E':
		suffix := ""
		if e.unit == 'E' {
			suffix = "-WE"
			// "ce week-end" told in the past on a weekday is the last one.
			if e.n == 0 && tense < 0 && prec == doc.PrecDay && isoWeekday(base) <= 5 {
				e.n = -1
			}
		}
		switch prec {
		case doc.PrecDay:
			return weekValue(base.AddDate(0, 0, 7*e.n)) + suffix, anchor, nil
		case doc.PrecMonth:
			return fmt.Sprintf("%04d-%02d", y, m), anchor, nil
		case doc.PrecYear:
			return fmt.Sprintf("%04d", y), anchor, nil
		}
		return "XXXX-WXX" + suffix, "", nil
	case 'M':
		switch prec {
		case doc.PrecDay, doc.PrecMonth:
			t := time.Date(y, time.Month(m)+time.Month(e.n), 1, 0, 0, 0, 0, time.UTC)
			return t.Format("2006-01"), anchor, nil
		case doc.PrecYear:
			return fmt.Sprintf("%04d", y), anchor, nil
		}
		return "XXXX-XX", "", nil
	case 'Q':
		if prec >= doc.PrecMonth {
			q := (m-1)/3 + e.n
			yy := y + floorDiv(q, 4)
			q = q - 4*floorDiv(q, 4)
			return fmt.Sprintf("%04d-Q%d", yy, q+1), anchor, nil
		}
		if prec == doc.PrecYear {
			return fmt.Sprintf("%04d", y), anchor, nil
		}
		return "XXXX-QX", "", nil
	case 'Y':
		if prec > doc.PrecNone {
			return fmt.Sprintf("%04d", y+e.n), anchor, nil
		}
		return "XXXX", "", nil
	}
	return "", "", nil
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func (r *resolver) weekday(e expr, tense int) (string, string, *time.Time) {
	switch r.anchor.Precision {
	case doc.PrecDay:
		dw := isoWeekday(r.day)
		back := (dw - e.wd + 7) % 7
		fwd := (e.wd - dw + 7) % 7
		var delta int
		switch {
		case e.dir < 0:
			delta = -back
			if back == 0 {
				delta = -7
			}
		case e.dir > 0:
			delta = fwd
			if fwd == 0 {
				delta = 7
			}
		case back == 0:
			delta = 0
		case r.wasDated(r.day.AddDate(0, 0, fwd)) != r.wasDated(r.day.AddDate(0, 0, -back)):
			// the article already gave the date of one of the two
			delta = -back
			if r.wasDated(r.day.AddDate(0, 0, fwd)) {
				delta = fwd
			}
		case tense > 0:
			delta = fwd
		default:
			delta = -back
		}
		t := r.day.AddDate(0, 0, delta)
		return withPod(ymd(t), e.pod), r.anchor.String(), r.remember(t, true)
	case doc.PrecMonth:
		return withPod(fmt.Sprintf("%04d-%02d", r.anchor.Year, r.anchor.Month), e.pod), r.anchor.String(), nil
	case doc.PrecYear:
		return fmt.Sprintf("%04d", r.anchor.Year), r.anchor.String(), nil
	}
	return withPod("XXXX-WXX-"+strconv.Itoa(e.wd), e.pod), "", nil
}

// wasDated reports whether day t was written out in full earlier in the
// document.
func (r *resolver) wasDated(t time.Time) bool {
	for _, d := range r.dated {
		if d.Equal(t) {
			return true
		}
	}
	return false
}

var seasonMonth = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

func (r *resolver) calendar(e expr, tense int) (string, string, *time.Time) {
	y := e.y
	anchor := ""
	switch {
	case y > 0:
		if !e.span {
			r.year, r.yearPar = y, r.par
		}
	case r.year > 0 && r.yearPar == r.par && (e.m > 0 || e.season != "") && r.year != r.anchor.Year && (e.dir == 0 || e.ana):
		// "en 1997 ... en janvier": the year the paragraph is about (but
		// "mai prochain", "last March" count from the dateline)
		y, anchor = r.year, strconv.Itoa(r.year)
	case r.anchor.Known():
		anchor = r.anchor.String()
		y = r.inferYear(e, tense)
	}
	ys := "XXXX"
	if y > 0 {
		ys = fmt.Sprintf("%04d", y)
	}
	var v string
	var day *time.Time
	switch {
	case e.d > 0:
		v = fmt.Sprintf("%s-%02d-%02d", ys, e.m, e.d)
		if y > 0 {
			day = r.remember(time.Date(y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC), true)
			r.dated = append(r.dated, *day)
		}
	case e.m > 0:
		v = fmt.Sprintf("%s-%02d", ys, e.m)
	case e.season != "":
		v = ys + "-" + e.season
	case e.quarter > 0:
		v = fmt.Sprintf("%s-Q%d", ys, e.quarter)
	default:
		v = ys
	}
	if e.clock {
		v += fmt.Sprintf("T%02d:%02d", e.hh, e.mm)
	} else {
		v = withPod(v, e.pod)
	}
	return v, anchor, day
}

// inferYear gives a year to a date written without one.
func (r *resolver) inferYear(e expr, tense int) int {
	a := r.anchor
	if a.Precision < doc.PrecMonth {
		return a.Year
	}
	am := a.Month
	m := e.m
	if m == 0 && e.season != "" {
		m = seasonMonth[e.season]
	}
	if e.d > 0 {
		ref := r.day
		if a.Precision == doc.PrecMonth {
			ref = time.Date(a.Year, time.Month(a.Month), 15, 0, 0, 0, 0, time.UTC)
		}
		best, bestDist := a.Year, 1<<62
		for _, y := range []int{a.Year - 1, a.Year, a.Year + 1} {
			if e.d > daysIn(y, m) {
				continue
			}
			t := time.Date(y, time.Month(m), e.d, 0, 0, 0, 0, time.UTC)
			dist := int(t.Sub(ref).Hours() / 24)
			switch {
			case e.dir < 0 && dist > 0, e.dir > 0 && dist < 0:
				continue
			case e.wd > 0 && isoWeekday(t) != e.wd:
				continue
			}
			ad := dist
			if ad < 0 {
				ad = -ad
			}
			if y == a.Year && ad <= 183 && e.wd == 0 && e.dir == 0 {
				return y
			}
			if ad < bestDist {
				best, bestDist = y, ad
			}
		}
		return best
	}
	dir := e.dir
	strict := dir != 0
	if dir == 0 {
		dir = tense
		if e.lean != 0 {
			dir = e.lean
		}
	}
	switch {
	case dir < 0 && (m > am || (strict && m == am)):
		return a.Year - 1
	case dir > 0 && (m < am || (strict && m == am)):
		return a.Year + 1
	}
	return a.Year
}

// clockValue resolves a clock time on the sentence's date, else the last
// date mentioned, else the dateline.
func (r *resolver) clockValue(e expr, sentDay *time.Time) (string, string) {
	t := fmt.Sprintf("T%02d:%02d", e.hh, e.mm)
	switch {
	case sentDay != nil:
		return ymd(*sentDay) + t, ymd(*sentDay)
	case r.ref != nil:
		return ymd(*r.ref) + t, ymd(*r.ref)
	case r.anchor.Precision == doc.PrecDay:
		return ymd(r.day) + t, r.anchor.String()
	case r.anchor.Precision == doc.PrecMonth:
		return fmt.Sprintf("%04d-%02d-XX", r.anchor.Year, r.anchor.Month) + t, r.anchor.String()
	case r.anchor.Precision == doc.PrecYear:
		return fmt.Sprintf("%04d-XX-XX", r.anchor.Year) + t, r.anchor.String()
	}
	return "XXXX-XX-XX" + t, ""
}

// inQuote reports whether sp lies inside quotation marks in its paragraph.
func (r *resolver) inQuote(par int, sp doc.Span) bool {
	if par < 0 || par >= len(r.d.Paragraphs) {
		return false
	}
	if r.quotes == nil {
		r.quotes = map[int][]doc.Span{}
	}
	qs, ok := r.quotes[par]
	if !ok {
		qs = quoteSpans(r.d.Text, r.d.Paragraphs[par].Span)
		r.quotes[par] = qs
	}
	for _, q := range qs {
		if q.Contains(sp) {
			return true
		}
	}
	return false
}

// quoteSpans returns the stretches between quotation marks in a paragraph;
// an unclosed quote runs to the paragraph's end.
func quoteSpans(text string, p doc.Span) []doc.Span {
	var out []doc.Span
	open := -1
	for i := p.Start; i < p.End; {
		c, n := utf8.DecodeRuneInString(text[i:p.End])
		switch c {
		case '«', '“', '„':
			if open < 0 {
				open = i + n
			}
		case '»', '”':
			if open >= 0 {
				out = append(out, doc.Span{Start: open, End: i})
				open = -1
			}
		case '"':
			if open < 0 {
				open = i + n
			} else {
				out = append(out, doc.Span{Start: open, End: i})
				open = -1
			}
		}
		i += n
	}
	if open >= 0 {
		out = append(out, doc.Span{Start: open, End: p.End})
	}
	return out
}
