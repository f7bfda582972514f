package kb

import (
	"errors"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     string
	}{
		{"bad json", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"PER\"}\n{\"id\": \n", "line 2:"},
		{"missing id", "# comment\n\n{\"name\":\"A\",\"type\":\"PER\"}\n", "line 3:"},
		{"missing name", "{\"id\":\"a\",\"type\":\"PER\"}\n", "line 1:"},
		{"bad type", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"PERSON\"}\n", "line 1:"},
		{"unknown field", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\",\"alias\":[\"x\"]}\n", "line 1:"},
		{"duplicate id", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\"}\n{\"id\":\"a\",\"name\":\"B\",\"type\":\"LOC\"}\n", "line 2:"},
		{"lat without lon", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\",\"lat\":1}\n", "line 1:"},
		{"coordinates out of range", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\",\"lat\":100,\"lon\":0}\n", "line 1:"},
		{"trailing data", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\"} {}\n", "line 1:"},
		{"aliases of the wrong shape", "{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\",\"aliases\":[\"x\"]}\n", "line 1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := Load(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error, got %d entries", len(es))
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("error %v does not wrap ErrFormat", err)
			}
			if !strings.HasPrefix(err.Error(), tt.line) {
				t.Errorf("error %q does not start with %q", err, tt.line)
			}
		})
	}
}

func TestLoadAndMerge(t *testing.T) {
	base, err := Load(strings.NewReader(`# base
{"id":"org:x","name":"Example Agency","type":"ORG","aliases":{"fr":["Agence exemple","AEX"]}}
{"id":"iso:ZZ","name":"Zedland","type":"LOC","kind":"country","country":"ZZ","demonyms":{"en":["Zedlander"],"fr":["zedlandais","zedlandaise"]},"lat":1.5,"lon":-2}
`))
	if err != nil {
		t.Fatal(err)
	}
	user, err := Load(strings.NewReader(`{"id":"org:x","name":"Example Agency International","type":"ORG"}
{"id":"per:y","name":"Ynes Why","type":"PER","aliases":{"fr":["Inès Why"]}}
`))
	if err != nil {
		t.Fatal(err)
	}
	k := New(Merge(base, user))
	if k.Len() != 3 {
		t.Fatalf("%d entries, want 3", k.Len())
	}
	if e := k.ByID("org:x"); e == nil || e.Name != "Example Agency International" {
		t.Errorf("user entry did not replace the base one: %+v", e)
	}
	if as := k.Lookup(Key("Agence exemple")); len(as) != 0 {
		t.Errorf("aliases of the replaced entry are still indexed: %v", as)
	}
	if as := k.Lookup(Key("INES WHY")); len(as) != 1 || as[0].Entry.ID != "per:y" || as[0].Lang != "fr" {
		t.Errorf("lookup by folded key: %v", as)
	}
	if es := k.Demonym(Key("Zedlandaise")); len(es) != 1 || es[0].ID != "iso:ZZ" {
		t.Errorf("demonym: %v", es)
	}
	if n := k.MaxWords("example"); n != 3 {
		t.Errorf("MaxWords(example) = %d, want 3", n)
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kim Jong-Un", "kim jong un"},
		{"KIM JONG UN", "kim jong un"},
		{"  Kim   Jong Un ", "kim jong un"},
		{"États-Unis", "etats unis"},
		{"Etats-Unis", "etats unis"},
		{"cour d’assises", "cour d assises"},
		{"U.S.", "u s"},
		{"Œuvre", "oeuvre"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Erdoğan", "erdogan"},
		{"COVID-19", "covid 19"},
		{"« Poutine »", "poutine"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	for s, want := range map[string]bool{"NSC": true, "U.S.": true, "G7": true, "AT&T": true, "Nato": false, "A": false, "États": false, "ÉU": true, "C-SPAN": true} {
		if IsAcronym(s) != want {
			t.Errorf("IsAcronym(%q) = %v", s, !want)
		}
	}
}

func TestBuiltin(t *testing.T) {
	k, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if k.Len() < 5000 {
		t.Errorf("only %d entries", k.Len())
	}
	tests := []struct {
		alias, id, typ string
	}{
		{"Corée du Nord", "iso:KP", LOC},
		{"North Korea", "iso:KP", LOC},
		{"RPDC", "iso:KP", LOC},
		{"Allemagne", "iso:DE", LOC},
		{"Germany", "iso:DE", LOC},
		{"États-Unis", "iso:US", LOC},
		{"Vladimir Poutine", "Q7747", PER},
		{"Kim Jong Un", "Q56226", PER},
		{"OTAN", "org:nato", ORG},
		{"agence de presse centrale coréenne", "org:kcna", ORG},
		{"KCNA", "org:kcna", ORG},
		{"Maison Blanche", "org:whitehouse", ORG},
		{"Conseil de sécurité nationale", "org:nsc", ORG},
		{"Reuters", "org:reuters", ORG},
	}
	for _, tt := range tests {
		as := k.Lookup(Key(tt.alias))
		if len(as) == 0 || as[0].Entry.ID != tt.id || as[0].Entry.Type != tt.typ {
			t.Errorf("%q: got %v, want %s %s", tt.alias, first(as), tt.id, tt.typ)
		}
	}
	// Capitals with coordinates and country; French exonyms of big cities.
	for alias, cc := range map[string]string{"Paris": "FR", "Pyongyang": "KP", "Moscou": "RU", "Londres": "GB", "Washington": "US"} {
		as := k.Lookup(Key(alias))
		if len(as) == 0 {
			t.Errorf("%q: not found", alias)
			continue
		}
		e := as[0].Entry
		if e.Type != LOC || e.Country != cc || e.Lat == nil || e.Lon == nil {
			t.Errorf("%q: %+v", alias, e)
		}
	}
	for _, d := range []struct{ word, iso string }{{"nord-coréenne", "KP"}, {"russes", "RU"}, {"American", "US"}, {"Britons", "GB"}} {
		es := k.Demonym(Key(d.word))
		if len(es) == 0 || es[0].Country != d.iso {
			t.Errorf("demonym %q: %v", d.word, es)
		}
	}
	for _, e := range k.Entries() {
		if err := e.check(); err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
	}
}

func first(as []Alias) any {
	if len(as) == 0 {
		return nil
	}
	return as[0].Entry
}

func FuzzLoad(f *testing.F) {
	f.Add(`{"id":"a","name":"A","type":"PER","aliases":{"fr":["B"]}}`)
	f.Add("# x\n\n{\"id\":\"a\",\"name\":\"A\",\"type\":\"LOC\",\"lat\":1,\"lon\":2}\n{")
	f.Add(`{"id":"a","name":"A","type":"LOC","demonyms":{"fr":["é"]}}`)
	f.Fuzz(func(t *testing.T, in string) {
		es, err := Load(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") && !strings.HasPrefix(err.Error(), "kb: line ") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		k := New(es)
		for _, e := range es {
			if k.ByID(e.ID) == nil {
				t.Fatalf("entry %q not indexed", e.ID)
			}
			for _, n := range e.AllNames() {
				if Key(n) != "" && len(k.Lookup(Key(n))) == 0 {
					t.Fatalf("name %q not found", n)
				}
			}
		}
	})
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Kim Jong-Un", "États-Unis", "\x00\xff", "ǅ", "İstanbul", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key is not idempotent: %q → %q → %q", s, k, Key(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("bad spacing in %q", k)
		}
	})
}

// BenchmarkBuiltin measures loading the built-in base: decompressing,
// decoding and indexing. As the machine may be shared, it also reports the
// CPU time per load ("cpu-ms/op"), and the live heap the base holds.
func BenchmarkBuiltin(b *testing.B) {
	b.SetBytes(int64(len(builtin)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	k, _ := Builtin()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(k)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "heap-MB")
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkKey(b *testing.B) {
	s := "le porte-parole du Conseil de sécurité nationale américain, John Kirby, a déclaré"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Key(s)
	}
}
