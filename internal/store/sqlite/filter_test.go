package sqlite

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestDateTokens(t *testing.T) {
	for _, c := range []struct {
		start, end, want string
	}{
		{"2020-03-14", "2020-03-14", "m202003 y2020"}, // day precision
		{"2020-03-01", "2020-03-31", "m202003 y2020"}, // month
		{"1987-01-01", "1987-12-31", "m198701 m198702 m198703 m198704 " + // year
			"m198705 m198706 m198707 m198708 m198709 m198710 m198711 m198712 y1987"},
		{"", "", ""}, // unknown date
		{"2020-03", "garbage", ""},
	} {
		if got := strings.Join(dateTokens(c.start, c.end), " "); got != c.want {
			t.Errorf("dateTokens(%s, %s) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

// TestDateQueryCovers: every document whose publication range meets the
// query range has one of the query's tokens (the tokens select a superset
// that SQL then narrows).
func TestDateQueryCovers(t *testing.T) {
	docs := [][2]string{{"2019-12-31", "2019-12-31"}, {"2020-01-01", "2020-01-01"}, {"2020-02-01", "2020-02-29"},
		{"2020-01-01", "2020-12-31"}, {"2021-06-15", "2021-06-15"}, {"2022-01-01", "2022-12-31"}}
	overlaps := func(d [2]string, from, to string) bool { return d[1] >= from && d[0] <= to }
	for _, r := range [][2]string{{"2020-01-15", "2020-02-10"}, {"2019-12-31", "2021-06-14"}, {"2020-01-01", "2022-12-31"},
		{"2021-06-15", "2021-06-15"}, {"2023-01-01", "2023-12-31"}, {"2020-02-01", "2020-02-29"}, {"2019-12-01", "2020-01-31"},
		{"2021-06-01", "2021-06-30"}} {
		var mq metaQuery
		exact, err := mq.dates(context.Background(), nil, r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(mq.groups) != 1 {
			t.Fatalf("%v: groups %v", r, mq.groups)
		}
		for _, d := range docs {
			has := false
			for _, tok := range dateTokens(d[0], d[1]) {
				has = has || slices.Contains(mq.groups[0], tok)
			}
			if overlaps(d, r[0], r[1]) && !has {
				t.Errorf("range %v misses document %v (tokens %v)", r, d, mq.groups[0])
			}
			if exact && has && !overlaps(d, r[0], r[1]) {
				t.Errorf("range %v is exact but matches document %v", r, d)
			}
		}
	}
	var mq metaQuery
	if exact, _ := mq.dates(context.Background(), nil, "2020-01-01", "2030-12-31"); !exact {
		t.Error("whole years are exact")
	}
	if exact, _ := (&metaQuery{}).dates(context.Background(), nil, "2020-01-01", "2020-02-28"); exact {
		t.Error("2020-02-28 is not the end of February 2020")
	}
	if len(mq.groups) != 1 || !slices.Contains(mq.groups[0], "y2025") || slices.Contains(mq.groups[0], "m202501") {
		t.Errorf("whole years take one token: %v", mq.groups)
	}
}

func TestMetaQueryExpr(t *testing.T) {
	var mq metaQuery
	if mq.expr() != "" {
		t.Error("no filter, no expression")
	}
	mq.ids("e", []int64{12, 3})
	mq.add([]string{"y2020"})
	if got, want := mq.expr(), "{meta} : ((e12 OR e3) AND (y2020))"; got != want || mq.none {
		t.Errorf("expr %q, want %q", got, want)
	}
	mq.ids("s", nil)
	if !mq.none {
		t.Error("an unknown speaker must match nothing")
	}
}
