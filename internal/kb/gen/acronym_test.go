package main

import "testing"

func TestInitialism(t *testing.T) {
	tests := []struct {
		alias string
		names []string
		want  bool
	}{
		{"RDC", []string{"République démocratique du Congo"}, true},
		{"ROK", []string{"Republic of Korea"}, true},
		{"USA", []string{"United States of America"}, true},
		{"RIA", []string{"République islamique d'Afghanistan"}, true},
		{"FYROM", []string{"Former Yugoslav Republic of Macedonia"}, true},
		{"SE", []string{"Sweden", "Kingdom of Sweden"}, false},
		{"NED", []string{"The Netherlands", "Pays-Bas"}, false},
		{"IN", []string{"India", "Republic of India"}, false},
	}
	for _, tt := range tests {
		if got := isAcronym(tt.alias) && initialism(tt.alias, tt.names); got != tt.want {
			t.Errorf("initialism(%q, %q) = %v, want %v", tt.alias, tt.names, got, tt.want)
		}
	}
	for _, a := range []string{"U.S.", "Suède", "S", "Se"} {
		if isAcronym(a) {
			t.Errorf("isAcronym(%q)", a)
		}
	}
}
