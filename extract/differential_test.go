package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/sanitize"
)

// suiteResults extracts every suite page once per test binary.
var suiteResults = sync.OnceValues(func() (map[string]*Result, error) {
	dirs, err := filepath.Glob("testdata/suite/pages/*")
	if err != nil {
		return nil, err
	}
	out := map[string]*Result{}
	for _, d := range dirs {
		name := filepath.Base(d)
		src := readGzFile(filepath.Join(d, "source.html.gz"))
		res, _ := Page(src, suiteBase, Options{})
		if res == nil {
			return nil, fmt.Errorf("%s: no result", name)
		}
		out[name] = res
	}
	return out, nil
})

func results(t *testing.T) map[string]*Result {
	t.Helper()
	r, err := suiteResults()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type readabilityMeta struct {
	Title    string `json:"title"`
	Byline   string `json:"byline"`
	Excerpt  string `json:"excerpt"`
	SiteName string `json:"siteName"`
}

func normText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘':
			return '\''
		case '“', '”':
			return '"'
		case '\u00a0':
			return ' '
		}
		return r
	}, s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// handJudged are the disagreements no rule above explains, judged by
// reading the page: which answer a publisher would want.
var handJudged = map[string]string{
	"003-metadata-preferred title":                  "by design: Open Graph is trusted before Dublin Core (synthetic page)",
	"004-metadata-space-separated-properties title": "by design: Open Graph is trusted before Dublin Core (synthetic page)",
	"archive-of-our-own title":                      "worse: ours keeps \"| My Hero Academia [Archive of Our Own]\"; the page names no site, so nothing says the tail is not the title",
	"dropbox-blog title":                            "equivalent: og:title and <title> are the publisher's two wordings",
	"title-en-dash title":                           "worse: Readability cuts \"– My website\" on a guess; we cut a site name only when the page names the site",
	"mathjax title":                                 "equivalent: the page's <title> and og:title differ; we follow og:title",
}

// judgeTitle classifies a disagreement between our headline and
// Readability's title. Each class is a judgement of which answer a
// publisher would want as the headline.
func judgeTitle(ours, theirs, site string) string {
	o, t := normText(ours), normText(theirs)
	switch {
	case o == "" && t != "":
		return "WORSE: we found none"
	case t == "":
		return "better: Readability found none"
	case strings.HasPrefix(t, o) || strings.HasSuffix(t, o):
		return "better: Readability keeps a site name, section or author glued to the title"
	case strings.HasPrefix(o, t) || strings.HasSuffix(o, t):
		return "check: ours is longer (Readability cut the title at a separator)"
	case strings.Contains(o, t) || strings.Contains(t, o):
		return "check: one contains the other"
	}
	return "check: different titles"
}

// judgeExcerpt classifies a standfirst disagreement.
func judgeExcerpt(ours, theirs string) string {
	o, t := normText(ours), normText(theirs)
	switch {
	case o == "" && t != "":
		return "WORSE: we found none"
	case t == "":
		return "better: Readability found none"
	case strings.HasPrefix(t, o) || strings.HasPrefix(o, t):
		return "same text, cut at a different length"
	}
	return "different source: ours is the page's stated description (JSON-LD/OG/meta); Readability's is its first choice of meta or first paragraph"
}

func judgeSite(ours, theirs string) string {
	o, t := normText(ours), normText(theirs)
	switch {
	case o == "" && t != "":
		return "WORSE: we found none"
	case t == "":
		return "better: Readability found none"
	case strings.Contains(t, o) || strings.Contains(o, t):
		return "same name, written differently"
	}
	return "check: different names"
}

// TestDifferentialReadability compares headline, standfirst and site name
// with Readability's answers on all 94 pages; every disagreement is
// listed with its judgement in testdata/differential.golden.
func TestDifferentialReadability(t *testing.T) {
	res := results(t)
	var names []string
	for k := range res {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	counts := map[string]int{}
	agree := map[string]int{}
	titled := map[string]bool{} // pages where Readability found a title
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join("testdata/suite/pages", name, "expected-metadata.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m readabilityMeta
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a := res[name].Article
		if m.Title != "" {
			titled[name] = true
		}
		site := ""
		if a.Site != nil {
			site = a.Site.Name
		}
		check := func(field, ours, theirs string, judge func(o, t string) string) {
			if normText(ours) == normText(theirs) {
				agree[field]++
				return
			}
			j := judge(ours, theirs)
			if h, ok := handJudged[name+" "+field]; ok {
				j = h
			}
			counts[field+": "+strings.SplitN(j, ":", 2)[0]]++
			fmt.Fprintf(&b, "%s %s\n  ours:        %q\n  readability: %q\n  judged:      %s\n", name, field, clip(ours), clip(theirs), j)
		}
		check("title", a.Headline, m.Title, func(o, t string) string { return judgeTitle(o, t, site) })
		check("excerpt", a.Standfirst, m.Excerpt, judgeExcerpt)
		check("site", site, m.SiteName, judgeSite)
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "agree: title %d/%d, excerpt %d/%d, site %d/%d\n", agree["title"], len(names), agree["excerpt"], len(names), agree["site"], len(names))
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&sum, "%-32s %d\n", k, counts[k])
	}
	headlines := 0
	for _, name := range names {
		switch {
		case res[name].Article.Headline != "":
			headlines++
		case titled[name]:
			t.Errorf("%s: no headline, though Readability found one", name)
		}
	}
	fmt.Fprintf(&sum, "headline found on %d/%d pages (%d have no title, heading or title metadata at all)\n", headlines, len(names), len(names)-len(titled))
	t.Log("\n" + sum.String())
	golden.Assert(t, "differential.golden", []byte(sum.String()+"\n"+b.String()))
	for k, n := range counts {
		if strings.HasSuffix(k, ": check") {
			t.Errorf("%d %s disagreements not judged: read the page and add a handJudged entry", n, strings.TrimSuffix(k, ": check"))
		}
	}
	if n := counts["title: WORSE"]; n > 0 {
		t.Errorf("%d pages where Readability found a title and we did not", n)
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return s
}

func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

// TestBodyKept compares the words of our sanitised body with Readability's
// expected body: the share of its words we keep, and the share of ours it
// does not have (boilerplate we failed to drop, or text it lost).
func TestBodyKept(t *testing.T) {
	res := results(t)
	var names []string
	for k := range res {
		names = append(names, k)
	}
	sort.Strings(names)
	var keptSum, extraSum, droppedSum float64
	var b strings.Builder
	low := 0
	for _, name := range names {
		exp := sanitize.Text(string(readGzFile(filepath.Join("testdata/suite/pages", name, "expected.html.gz"))))
		ours := sanitize.Text(res[name].Article.Body)
		ew, ow := words(exp), words(ours)
		total, kept, oursTotal, extra := 0, 0, 0, 0
		for w, n := range ew {
			total += n
			kept += min(n, ow[w])
		}
		for w, n := range ow {
			oursTotal += n
			extra += max(0, n-ew[w])
		}
		// Boilerplate: words of the whole page Readability's body does not
		// have; how much of it we dropped too.
		pw := words(sanitize.Text(string(readGzFile(filepath.Join("testdata/suite/pages", name, "source.html.gz")))))
		boiler, dropped := 0, 0
		for w, n := range pw {
			if b := n - ew[w]; b > 0 {
				boiler += b
				dropped += max(0, b-max(0, ow[w]-ew[w]))
			}
		}
		d := 1.0
		if boiler > 0 {
			d = float64(dropped) / float64(boiler)
		}
		droppedSum += d
		k, x := 1.0, 0.0
		if total > 0 {
			k = float64(kept) / float64(total)
		}
		if oursTotal > 0 {
			x = float64(extra) / float64(oursTotal)
		}
		keptSum += k
		extraSum += x
		if k < 0.9 || x > 0.1 {
			low++
			fmt.Fprintf(&b, "%-28s kept %5.1f%% of %5d words, extra %5.1f%% of %5d\n", name, 100*k, total, 100*x, oursTotal)
		}
	}
	n := float64(len(names))
	t.Logf("body words vs Readability's expected.html on %d pages: mean kept %.2f%%, mean extra %.2f%%, mean boilerplate dropped %.2f%%; %d pages under 90%% kept or over 10%% extra:\n%s",
		len(names), 100*keptSum/n, 100*extraSum/n, 100*droppedSum/n, low, b.String())
	if droppedSum/n < floorBoilerDropped {
		t.Errorf("mean share of boilerplate dropped %.3f, below the floor %.3f", droppedSum/n, floorBoilerDropped)
	}
	if keptSum/n < floorBodyKept {
		t.Errorf("mean share of Readability's words kept %.3f, below the floor %.3f", keptSum/n, floorBodyKept)
	}
	if extraSum/n > ceilBodyExtra {
		t.Errorf("mean share of extra words %.3f, above the ceiling %.3f", extraSum/n, ceilBodyExtra)
	}
}
