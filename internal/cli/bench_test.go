package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBench(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":   "date 2023-09-11\nLe président a déclaré lundi à Paris : « Nous agirons. »",
		"b.jsonl": `{"text":"The mayor said on Monday that the budget had passed.","date":"2023-05-22"}` + "\n" + `{"text":"Second story."}`,
		"c.bin":   "\x00\x01binary",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, errs := run(t, "bench", "--corpus", dir, "--workers", "1", "--cpuprofile", prof)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if fi, err := os.Stat(prof); err != nil || fi.Size() == 0 {
		t.Errorf("no CPU profile written: %v", err)
	}
	for _, want := range []string{
		`(?m)^inputs +3 `, `(?m)^articles +3 \(1 input errors\)`, `(?m)^throughput +[0-9.]+ MB/s, [0-9.]+ articles/s`,
		`(?m)^allocations +[0-9]+ allocs/article`, `(?m)^CPU time +`, `(?m)^segment +[0-9.]+s`, `(?m)^\(read\) `, `(?m)^\(lang\) `,
		`(?m)^tagger en +[0-9.]+s +[0-9.]+ MB, [0-9]+ words: [0-9.]+ MB/s per core$`, `(?m)^tagger fr +[0-9.]+s`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "bench: 3 inputs") {
		t.Errorf("no progress on stderr: %q", errs)
	}
	if code, _, _ := run(t, "bench", "--corpus", filepath.Join(dir, "missing")); code != ExitError {
		t.Errorf("missing corpus: exit %d", code)
	}
	if code, _, _ := run(t, "bench", "extra"); code != ExitError {
		t.Errorf("stray argument: exit %d", code)
	}
}

func TestReutersStories(t *testing.T) {
	sgm := `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week &lt;in> the Bahia cocoa zone.
Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>NO BODY HERE</TITLE>
&#3;</TEXT>
</REUTERS>`
	path := filepath.Join(t.TempDir(), "reut2-000.sgm")
	if err := os.WriteFile(path, []byte(sgm), 0o644); err != nil {
		t.Fatal(err)
	}
	stories, err := reutersStories(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	var r map[string]string
	if err := json.Unmarshal(stories[0].data, &r); err != nil {
		t.Fatal(err)
	}
	if r["date"] != "1987-02-26" || r["title"] != "BAHIA COCOA REVIEW" || r["text"] != "Showers continued throughout the week <in> the Bahia cocoa zone.\nReuter" {
		t.Errorf("story %q", r)
	}
}
