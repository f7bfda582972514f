package doc

import (
	"unicode/utf8"
)

// Version of the JSON output contract (docs/output.md, docs/schema.json).
const WireVersion = "1"

// WireSpan is [start, end) in Unicode code points of Document.Text.
type WireSpan [2]int

// Wire is the JSON form of a document, one per line in `analyze --json`.
type Wire struct {
	Schema         string         `json:"schema"`
	Source         string         `json:"source"`
	ID             string         `json:"id"`
	Lang           string         `json:"lang"`
	LangConfidence float64        `json:"lang_confidence"`
	LangSource     string         `json:"lang_source"`
	Published      *WireDate      `json:"published"`
	Title          string         `json:"title,omitempty"`
	URL            string         `json:"url,omitempty"`
	Outlet         string         `json:"outlet,omitempty"`
	Body           WireSpan       `json:"body"`
	Counts         WireCounts     `json:"counts"`
	Removed        []WireRemoved  `json:"removed"`
	Entities       []WireEntity   `json:"entities"`
	Quotes         []WireQuote    `json:"quotes"`
	Times          []WireTime     `json:"times"`
	Quantities     []WireQuantity `json:"quantities"`
	Events         []WireEvent    `json:"events"`
	Problems       []WireProblem  `json:"problems"`
}

// WireDate is a publication date and its precision.
type WireDate struct {
	Value     string `json:"value"`
	Precision string `json:"precision"`
}

// WireCounts gives the sizes of the segmentation layers.
type WireCounts struct {
	Paragraphs int `json:"paragraphs"`
	Sentences  int `json:"sentences"`
	Tokens     int `json:"tokens"`
}

// WireRemoved is a removed part.
type WireRemoved struct {
	Text   string   `json:"text"`
	Span   WireSpan `json:"span"`
	Kind   string   `json:"kind"`
	Reason string   `json:"reason,omitempty"`
	Stage  string   `json:"stage"`
}

// WireText is a piece of text and its span.
type WireText struct {
	Text string   `json:"text"`
	Span WireSpan `json:"span"`
}

// WireEntity is an entity.
type WireEntity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Names    []string   `json:"names"`
	Type     string     `json:"type"`
	KBID     string     `json:"kb_id,omitempty"`
	Gender   string     `json:"gender,omitempty"`
	Mentions []WireText `json:"mentions"`
	Roles    []WireText `json:"roles"`
	Stage    string     `json:"stage"`
}

// WireSpeaker is the speaker of a quote.
type WireSpeaker struct {
	ID        string    `json:"id,omitempty"`
	Name      string    `json:"name"`
	Text      string    `json:"text,omitempty"`
	Span      *WireSpan `json:"span,omitempty"`
	Anonymous bool      `json:"anonymous"`
}

// WireRelay is an outlet in a relay chain or a recipient.
type WireRelay struct {
	Name string    `json:"name"`
	ID   string    `json:"id,omitempty"`
	Span *WireSpan `json:"span,omitempty"`
}

// WireQuote is a quote.
type WireQuote struct {
	Text       string       `json:"text"`
	Span       WireSpan     `json:"span"`
	Kind       string       `json:"kind"`
	Speaker    *WireSpeaker `json:"speaker"`
	Cue        *WireText    `json:"cue"`
	Via        []WireRelay  `json:"via"`
	To         []WireRelay  `json:"to"`
	Confidence float64      `json:"confidence"`
	Stage      string       `json:"stage"`
}

// WireTime is a time expression.
type WireTime struct {
	Text   string   `json:"text"`
	Span   WireSpan `json:"span"`
	Type   string   `json:"type"`
	Value  *string  `json:"value"`
	Anchor string   `json:"anchor,omitempty"`
	Stage  string   `json:"stage"`
}

// WireSI is an SI conversion.
type WireSI struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// WireQuantity is a quantity.
type WireQuantity struct {
	Text     string   `json:"text"`
	Span     WireSpan `json:"span"`
	Value    float64  `json:"value"`
	ValueMax *float64 `json:"value_max,omitempty"`
	Unit     string   `json:"unit"`
	SI       *WireSI  `json:"si,omitempty"`
	Approx   bool     `json:"approx,omitempty"`
	Measured string   `json:"measured,omitempty"`
	Stage    string   `json:"stage"`
}

// WireEvent is an event.
type WireEvent struct {
	Type         string   `json:"type"`
	Trigger      WireText `json:"trigger"`
	Participants []string `json:"participants"`
	Place        string   `json:"place,omitempty"`
	Origin       string   `json:"origin,omitempty"`
	Time         string   `json:"time,omitempty"`
	Stage        string   `json:"stage"`
}

// WireProblem is an anomaly.
type WireProblem struct {
	Stage   string `json:"stage"`
	Message string `json:"message"`
}

// runeIndex maps byte offsets to code-point offsets.
type runeIndex struct {
	text  string
	cum   []int32 // cum[i] = number of runes before byte i (only if non-ASCII)
	ascii bool
}

func newRuneIndex(text string) *runeIndex {
	ri := &runeIndex{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ri.ascii = false
			break
		}
	}
	if ri.ascii {
		return ri
	}
	ri.cum = make([]int32, len(text)+1)
	// A byte inside a multi-byte rune maps to that rune's index.
	n := int32(0)
	for i := 0; i < len(text); i++ {
		if utf8.RuneStart(text[i]) {
			ri.cum[i] = n
			n++
		} else {
			ri.cum[i] = n - 1
		}
	}
	ri.cum[len(text)] = n
	return ri
}

func (ri *runeIndex) at(b int) int {
	if b < 0 {
		b = 0
	}
	if b > len(ri.text) {
		b = len(ri.text)
	}
	if ri.ascii {
		return b
	}
	return int(ri.cum[b])
}

func (ri *runeIndex) span(s Span) WireSpan { return WireSpan{ri.at(s.Start), ri.at(s.End)} }

func (ri *runeIndex) spanPtr(s Span) *WireSpan {
	if s == (Span{}) {
		return nil
	}
	w := ri.span(s)
	return &w
}

// ToWire converts a document to its JSON form.
func ToWire(d *Document) Wire {
	ri := newRuneIndex(d.Text)
	w := Wire{
		Schema:         WireVersion,
		Source:         d.Source,
		ID:             d.ID,
		Lang:           d.Lang,
		LangConfidence: d.LangConfidence,
		LangSource:     d.LangSource,
		Title:          d.Title,
		URL:            d.URL,
		Outlet:         d.Outlet,
		Body:           ri.span(d.Body),
		Counts:         WireCounts{len(d.Paragraphs), len(d.Sentences), len(d.Tokens)},
		Removed:        []WireRemoved{},
		Entities:       []WireEntity{},
		Quotes:         []WireQuote{},
		Times:          []WireTime{},
		Quantities:     []WireQuantity{},
		Events:         []WireEvent{},
		Problems:       []WireProblem{},
	}
	if d.Published.Known() {
		w.Published = &WireDate{Value: d.Published.String(), Precision: d.Published.Precision.String()}
	}
	for _, r := range d.Removed {
		w.Removed = append(w.Removed, WireRemoved{Text: d.Slice(r.Span), Span: ri.span(r.Span), Kind: r.Kind, Reason: r.Reason, Stage: r.Stage})
	}
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.ID] = e.Name
		we := WireEntity{ID: e.ID, Name: e.Name, Names: e.Names, Type: e.Type, KBID: e.KBID, Gender: e.Gender, Stage: e.Stage,
			Mentions: []WireText{}, Roles: []WireText{}}
		if we.Names == nil {
			we.Names = []string{e.Name}
		}
		for _, m := range e.Mentions {
			t := m.Text
			if t == "" {
				t = d.Slice(m.Span)
			}
			we.Mentions = append(we.Mentions, WireText{Text: t, Span: ri.span(m.Span)})
		}
		for _, r := range e.Roles {
			we.Roles = append(we.Roles, WireText{Text: r.Text, Span: ri.span(r.Span)})
		}
		w.Entities = append(w.Entities, we)
	}
	relays := func(rs []Relay) []WireRelay {
		out := []WireRelay{}
		for _, r := range rs {
			out = append(out, WireRelay{Name: r.Name, ID: r.EntityID, Span: ri.spanPtr(r.Span)})
		}
		return out
	}
	for _, q := range d.Quotes {
		wq := WireQuote{Text: d.Slice(q.Span), Span: ri.span(q.Span), Kind: q.Kind, Confidence: q.Confidence, Stage: q.Stage,
			Via: relays(q.Via), To: relays(q.To)}
		if q.Speaker.Name != "" || q.Speaker.EntityID != "" {
			sp := &WireSpeaker{ID: q.Speaker.EntityID, Name: q.Speaker.Name, Anonymous: q.Speaker.Anonymous, Span: ri.spanPtr(q.Speaker.Span)}
			if sp.Name == "" {
				sp.Name = names[sp.ID]
			}
			if q.Speaker.Span != (Span{}) {
				sp.Text = d.Slice(q.Speaker.Span)
			}
			wq.Speaker = sp
		}
		if q.Cue != (Span{}) {
			wq.Cue = &WireText{Text: d.Slice(q.Cue), Span: ri.span(q.Cue)}
		}
		w.Quotes = append(w.Quotes, wq)
	}
	for _, t := range d.Times {
		wt := WireTime{Text: d.Slice(t.Span), Span: ri.span(t.Span), Type: t.Type, Anchor: t.Anchor, Stage: t.Stage}
		if t.Value != "" {
			v := t.Value
			wt.Value = &v
		}
		w.Times = append(w.Times, wt)
	}
	for _, q := range d.Quantities {
		wq := WireQuantity{Text: d.Slice(q.Span), Span: ri.span(q.Span), Value: q.Value, ValueMax: q.ValueMax, Unit: q.Unit,
			Approx: q.Approx, Measured: q.Measured, Stage: q.Stage}
		if q.SI != nil {
			wq.SI = &WireSI{Value: q.SI.Value, Unit: q.SI.Unit}
		}
		w.Quantities = append(w.Quantities, wq)
	}
	for _, e := range d.Events {
		we := WireEvent{Type: e.Type, Trigger: WireText{Text: d.Slice(e.Span), Span: ri.span(e.Span)}, Participants: []string{},
			Place: names[e.Place], Origin: names[e.Origin], Time: e.Time, Stage: e.Stage}
		for _, p := range e.Participants {
			if n := names[p]; n != "" {
				we.Participants = append(we.Participants, n)
			}
		}
		w.Events = append(w.Events, we)
	}
	for _, p := range d.Problems {
		w.Problems = append(w.Problems, WireProblem{Stage: p.Stage, Message: p.Message})
	}
	return w
}
