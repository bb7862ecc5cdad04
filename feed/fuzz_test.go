package feed_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
)

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// FuzzFeeds writes articles with arbitrary plain text and HTML: every
// XML output parses, the RSS title and Atom author come back as the text
// given (with characters XML cannot hold replaced), the JSON Feed parses,
// and no body ever carries a script element.
func FuzzFeeds(f *testing.F) {
	f.Add("Ferry timetable cut", "Mara & <Tobin>", "<p>Body</p><script>alert(1)</script>", "Local")
	f.Add("]]> </title><script>", "\x00\x01\uFFFE", "<![CDATA[<script>x</script>]]>", "a\x0bb")
	f.Add("\u2028\u2029", "", "<img src=x onerror=alert(1)>", "")
	f.Fuzz(func(t *testing.T, headline, author, body, section string) {
		for _, s := range []string{headline, author, body, section} {
			if !utf8.ValidString(s) {
				return // articles hold valid UTF-8: article.Decode refuses the rest
			}
		}
		a := &article.Article{
			ID: "x", URL: "https://news.example.com/x", Headline: headline, Standfirst: headline, Section: section,
			Published: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Body: body,
			Authors: []article.Person{{Name: author}},
			Site:    &article.Site{Name: "Gazette", URL: "https://news.example.com/"},
		}
		clean := strings.Map(func(r rune) rune {
			if xmlChar(r) {
				return r
			}
			return '\uFFFD'
		}, headline)
		o := feed.Options{Now: a.Published}
		var b bytes.Buffer
		if err := feed.RSS(&b, []*article.Article{a}, o); err != nil {
			t.Fatal(err)
		}
		var rss struct {
			Items []struct {
				Title   string `xml:"title"`
				Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal(b.Bytes(), &rss); err != nil {
			t.Fatalf("RSS does not parse: %v\n%s", err, b.String())
		}
		// Line breaks survive too: encoding/xml writes \r as &#xD;.
		if len(rss.Items) != 1 || rss.Items[0].Title != clean {
			t.Fatalf("RSS title = %q, want %q", rss.Items, clean)
		}
		if strings.Contains(strings.ToLower(rss.Items[0].Content), "<script") {
			t.Fatalf("a script in the content: %q", rss.Items[0].Content)
		}
		for name, write := range map[string]func(*bytes.Buffer) error{
			"atom":    func(w *bytes.Buffer) error { return feed.Atom(w, []*article.Article{a}, o) },
			"sitemap": func(w *bytes.Buffer) error { return feed.Sitemap(w, []*article.Article{a}, o) },
			"news":    func(w *bytes.Buffer) error { return feed.NewsSitemap(w, []*article.Article{a}, o) },
		} {
			b.Reset()
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
			for {
				_, err := dec.Token()
				if err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("%s does not parse: %v\n%s", name, err, b.String())
					}
					break
				}
			}
		}
		b.Reset()
		if err := feed.JSON(&b, []*article.Article{a}, o); err != nil {
			t.Fatal(err)
		}
		var jf struct {
			Items []struct {
				Title string `json:"title"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b.Bytes(), &jf); err != nil || len(jf.Items) != 1 || jf.Items[0].Title != headline {
			t.Fatalf("JSON Feed = %v, %v", jf, err)
		}
	})
}
