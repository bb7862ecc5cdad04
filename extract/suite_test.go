package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
)

// suiteBase is the address Readability's own test generator gives every
// page; relative links resolve against it.
const suiteBase = "http://fakehost/test/page.html"

// Floors for the truth test. They only ever rise: raise them when the
// extractor gets better, never lower them to make a change pass.
const (
	floorBylines       = 53
	floorDates         = 50
	ceilWrongBylines   = 1
	ceilWrongDates     = 0
	floorBodyKept      = 0.995
	ceilBodyExtra      = 0.005
	floorBoilerDropped = 0.995
)

// readGzFile reads a gzip-compressed test file; a missing or bad file
// panics, which fails the test binary loudly.
func readGzFile(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		panic(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	return b
}

type truthEntry struct {
	Byline        []string `json:"byline"`
	PublishedTime []string `json:"publishedTime"`
	hasByline     bool
	hasDate       bool
}

func loadTruth(t testing.TB) map[string]*truthEntry {
	t.Helper()
	raw, err := os.ReadFile("testdata/suite/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]*truthEntry{}
	for k, v := range m {
		if k == "_about" {
			continue
		}
		var e truthEntry
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(v, &e); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal(v, &keys)
		_, e.hasByline = keys["byline"]
		_, e.hasDate = keys["publishedTime"]
		out[k] = &e
	}
	return out
}

func readGz(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func suiteSource(t testing.TB, name string) []byte {
	return readGz(t, filepath.Join("testdata/suite/pages", name, "source.html.gz"))
}

// verdict is how one value compares with the truth.
type verdict string

const (
	right   verdict = "right"
	wrong   verdict = "WRONG"
	missing verdict = "missing"
	unjudge verdict = "-"
)

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// judgeByline applies truth.json's rule: any variant matches; a variant
// with ';' lists authors who must all be present, and nothing but names of
// that variant may be given.
func judgeByline(e *truthEntry, names []string) verdict {
	if !e.hasByline {
		return unjudge
	}
	if len(e.Byline) == 0 {
		if len(names) == 0 {
			return right
		}
		return wrong
	}
	if len(names) == 0 {
		return missing
	}
	got := map[string]bool{}
	for _, n := range names {
		got[normName(n)] = true
	}
	for _, v := range e.Byline {
		want := map[string]bool{}
		for _, n := range strings.Split(v, ";") {
			want[normName(n)] = true
		}
		if len(want) != len(got) {
			continue
		}
		ok := true
		for n := range want {
			if !got[n] {
				ok = false
			}
		}
		if ok {
			return right
		}
	}
	return wrong
}

// judgeDate: a full timestamp must be the same instant to the second; a
// YYYY-MM-DD value matches any time on that calendar day (in the value's
// own offset).
func judgeDate(e *truthEntry, got time.Time) verdict {
	if !e.hasDate {
		return unjudge
	}
	if len(e.PublishedTime) == 0 {
		if got.IsZero() {
			return right
		}
		return wrong
	}
	if got.IsZero() {
		return missing
	}
	for _, v := range e.PublishedTime {
		if len(v) == 10 {
			if got.Format(time.DateOnly) == v {
				return right
			}
			continue
		}
		want, err := time.Parse(time.RFC3339, v)
		if err == nil && want.Truncate(time.Second).Equal(got.Truncate(time.Second)) {
			return right
		}
	}
	return wrong
}

type tally struct{ right, wrong, missing, judged int }

func (t *tally) add(v verdict) {
	switch v {
	case right:
		t.right++
	case wrong:
		t.wrong++
	case missing:
		t.missing++
	}
	if v != unjudge {
		t.judged++
	}
}

func (t tally) String() string {
	return fmt.Sprintf("%d/%d right, %d wrong, %d missing", t.right, t.judged, t.wrong, t.missing)
}

// readabilityAlone is go-readability's own answer, for the comparison
// column.
func readabilityAlone(src []byte) (names []string, published time.Time) {
	u, _ := url.Parse(suiteBase)
	art, err := readability.FromReader(bytes.NewReader(src), u)
	if err != nil {
		return nil, time.Time{}
	}
	if b := strings.TrimSpace(art.Byline()); b != "" {
		names = []string{b}
	}
	published, _ = art.PublishedTime()
	return names, published
}

// TestSuiteTruth scores the extractor against the hand-checked bylines and
// publication dates and prints the table (go test -run SuiteTruth -v).
func TestSuiteTruth(t *testing.T) {
	truth := loadTruth(t)
	var names []string
	for k := range truth {
		names = append(names, k)
	}
	sort.Strings(names)
	var by, dt, rby, rdt tally
	var table strings.Builder
	fmt.Fprintf(&table, "%-28s %-8s %-8s | %-8s %-8s | byline / published\n", "page", "byline", "date", "gr:byl", "gr:date")
	for _, name := range names {
		e := truth[name]
		src := suiteSource(t, name)
		res, _ := Page(src, suiteBase, Options{})
		if res == nil {
			t.Fatalf("%s: no result", name)
		}
		var got []string
		for _, p := range res.Article.Authors {
			got = append(got, p.Name)
		}
		bv := judgeByline(e, got)
		dv := judgeDate(e, res.Article.Published)
		by.add(bv)
		dt.add(dv)
		rn, rp := readabilityAlone(src)
		rbv, rdv := judgeByline(e, rn), judgeDate(e, rp)
		rby.add(rbv)
		rdt.add(rdv)
		pub := ""
		if !res.Article.Published.IsZero() {
			pub = res.Article.Published.Format(time.RFC3339) + " (" + res.PublishedPrecision.String() + ")"
		}
		fmt.Fprintf(&table, "%-28s %-8s %-8s | %-8s %-8s | %q / %s\n", name, bv, dv, rbv, rdv, strings.Join(got, "; "), pub)
		if bv == wrong {
			fmt.Fprintf(&table, "%28s want byline %q\n", "", e.Byline)
		}
		if dv == wrong || dv == missing {
			fmt.Fprintf(&table, "%28s want date %q\n", "", e.PublishedTime)
		}
	}
	fmt.Fprintf(&table, "\nextract:              bylines %v; dates %v\n", by, dt)
	fmt.Fprintf(&table, "go-readability alone: bylines %v; dates %v\n", rby, rdt)
	t.Log("\n" + table.String())
	if by.right < floorBylines {
		t.Errorf("bylines right %d, below the floor %d", by.right, floorBylines)
	}
	if dt.right < floorDates {
		t.Errorf("dates right %d, below the floor %d", dt.right, floorDates)
	}
	if by.wrong > ceilWrongBylines {
		t.Errorf("wrong bylines %d, above the ceiling %d", by.wrong, ceilWrongBylines)
	}
	if dt.wrong > ceilWrongDates {
		t.Errorf("wrong dates %d, above the ceiling %d", dt.wrong, ceilWrongDates)
	}
}
