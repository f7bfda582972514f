package entity

import "testing"

// TestVagueRegions checks that a one-word region named after a point of
// the compass, or shared by regions of several countries, is linked to the
// knowledge base only when the document names the region's country, in
// English and French; the mention stays a place either way.
func TestVagueRegions(t *testing.T) {
	checkLinks(t, []linkCase{
		{"en", "He moved to the North of England in 2010.", "North", "LOC", ""},
		{"en", "Fighting resumed in the North on Monday, Cameroon's army said.", "North", "LOC", "geonames:2223603"},
		{"fr", "Des renforts sont arrivés dans le Nord lundi.", "Nord", "LOC", ""},
		{"fr", "Des renforts sont arrivés dans le Nord. Haïti a demandé de l'aide.", "Nord", "LOC", "geonames:3719543"},
	})
}

// linkCase is a text, a mention in it, the type of its entity ("": any)
// and the knowledge-base entry it should be linked to ("": none).
type linkCase struct{ lang, text, mention, typ, kbid string }

// checkLinks analyses each case with the shipped taggers and checks the
// entity of its mention.
func checkLinks(t *testing.T, cases []linkCase) {
	t.Helper()
	s := withTaggers(t)
	for _, tt := range cases {
		d := analyze(t, s, tt.lang, tt.text)
		e := entityOf(d, tt.mention)
		if e == nil || tt.typ != "" && e.Type != tt.typ || e.KBID != tt.kbid {
			t.Errorf("%s %q: want %q (%s) linked to %q%s", tt.lang, tt.text, tt.mention, tt.typ, tt.kbid, describe(d))
		}
	}
}

// TestSurnameOfSeveralWords checks that a surname of several words ("Le
// Pen", "Van Rompuy") joins the person named in full before, in French and
// English, whatever type the cues gave it, and that two people sharing it
// go to the one named last.
func TestSurnameOfSeveralWords(t *testing.T) {
	s := withTaggers(t)
	tests := []struct{ lang, text, short, full string }{
		{"fr", "Anne Le Guen a parlé lundi à Brest. Pour Le Guen, la réforme est injuste.", "Le Guen", "Anne Le Guen"},
		{"en", "Herman Van Rompuy spoke on Monday. Later Van Rompuy left for Brussels.", "Van Rompuy", "Herman Van Rompuy"},
		{"fr", "Jean-Marie Le Pen et Marine Le Pen étaient là. Selon Le Pen, tout va bien.", "Le Pen", "Marine Le Pen"},
	}
	for _, tt := range tests {
		d := analyze(t, s, tt.lang, tt.text)
		e := entityOf(d, tt.short)
		if e == nil || e.Type != "PER" || entityOf(d, tt.full) != e {
			t.Errorf("%s %q: want %q in the entity of %q%s", tt.lang, tt.text, tt.short, tt.full, describe(d))
		}
	}
}
