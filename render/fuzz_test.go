package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// FuzzPage puts arbitrary text into the article's plain-text fields, HTML
// fields, URLs and the ticker. Invariant: the render either fails (the
// article has an error finding) or produces a page whose head parses back
// to exactly the resolved values, whose only script is the JSON-LD (with no
// '<', parsing back to the same graph), with no event-handler attribute and
// no javascript: URL anywhere, whose <h1> is the headline, and with one
// <main> and one <article>, so nothing broke out of its container.
func FuzzPage(f *testing.F) {
	f.Add("Headline", "Standfirst", "Kicker", "Ada Lovelace", "Alt text", "A ticker item", "<p>Body</p>", "Point", "https://news.example.com/media/a.jpg")
	f.Add(nasty, nasty, nasty, `O'Brien "Q"`, nasty, "</script><script>alert(1)</script>", `</div></article></main><script>alert(1)</script><!--<script>`, `<b>x</li></ul>`, "javascript:alert(1)")
	f.Add("a\u2028b", "&amp;", "<!--", "x & y", "]]>", "<!-- x", `<img src=x onerror=alert(1)>`, `<a href="javascript:alert(1)">x</a>`, "data:text/html,x")
	r, err := New(Options{CacheBytes: 1 << 20})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, headline, standfirst, kicker, author, alt, tick, body, point, imageURL string) {
		a := sample.Article()
		a.Headline, a.Standfirst, a.Kicker = headline, standfirst, kicker
		a.Authors[0].Name = author
		a.Image.Alt, a.Image.Caption, a.Image.URL = alt, alt, imageURL
		a.Body = body
		a.KeyPoints = append(a.KeyPoints, point)
		a.Explainers[0].Body = point
		page, err := r.PageString(a, tickerView([]string{tick, headline}))
		if err != nil {
			var re *Error
			require.ErrorAs(t, err, &re)
			return
		}
		m, err := r.Meta(a)
		require.NoError(t, err)
		// Invalid UTF-8 reads as U+FFFD, as HTML and JSON show it.
		headline = strings.ToValidUTF8(headline, "\uFFFD")
		assertRoundTrip(t, page, m)
		p := parse(t, page)
		require.Equal(t, headline, p.h1)
		scripts := findAll(p.doc, "script")
		require.Len(t, scripts, 1)
		require.Equal(t, "application/ld+json", attr(scripts[0], "type"))
		require.Len(t, findAll(p.doc, "main"), 1)
		require.Len(t, findAll(p.doc, "article"), 1)
		for _, n := range findAll(p.doc, "*") {
			for _, at := range n.Attr {
				require.False(t, strings.HasPrefix(at.Key, "on"), "event handler %s on <%s>", at.Key, n.Data)
				v := strings.ToLower(strings.TrimSpace(at.Val))
				require.False(t, strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:"), "<%s %s=%q>", n.Data, at.Key, at.Val)
			}
		}
		var ld struct {
			Graph []map[string]any `json:"@graph"`
		}
		require.NoError(t, json.Unmarshal(m.JSONLD(), &ld))
		for _, n := range ld.Graph {
			if n["@type"] == "NewsArticle" {
				assert.Equal(t, headline, n["headline"])
			}
		}
	})
}

// FuzzView puts arbitrary text into a ticker item and its label.
// Invariant: Page either refuses the view with ErrView (and writes
// nothing) or writes a page whose ticker parses back to exactly the label,
// the headline, the link and the language given, with the same page around
// it as without a ticker, and nothing breaking out of the ticker.
func FuzzView(f *testing.F) {
	f.Add("Live", "Ferry timetable cut", "https://news.example.com/ferry?a=1&b=2", "en-GB")
	f.Add("", nasty, "", "")
	f.Add("</p><script>", "</li></ul></section><main>", "javascript:alert(1)", `fr" onclick="x`)
	f.Add("x", "a\u0007b", "https://x.example/\"><svg>", "zh-Hant-TW")
	r, err := New(Options{})
	require.NoError(f, err)
	p, err := r.Prepare(sample.Article(), PrepareOptions{})
	require.NoError(f, err)
	var plain strings.Builder
	require.NoError(f, p.Page(&plain, View{}))
	f.Fuzz(func(t *testing.T, label, headline, url, lang string) {
		v := View{Ticker: Ticker{Label: label, Items: []TickerItem{{Headline: headline, URL: url, Lang: lang}}}}
		var b strings.Builder
		err := p.Page(&b, v)
		if err != nil {
			require.ErrorIs(t, err, ErrView)
			require.Zero(t, b.Len())
			return
		}
		page := b.String()
		doc := parse(t, page).doc
		sections := 0
		for _, n := range findAll(doc, "section") {
			if attr(n, "class") != "bs-ticker" {
				continue
			}
			sections++
			lis := findAll(n, "li")
			require.Len(t, lis, 1)
			require.Equal(t, headline, text(lis[0]))
			require.Equal(t, lang, attr(lis[0], "lang"))
			links := findAll(lis[0], "a")
			if url == "" {
				require.Empty(t, links)
			} else {
				require.Len(t, links, 1)
				// html/template percent-encodes non-ASCII bytes in a URL.
				var want strings.Builder
				for i := 0; i < len(url); i++ {
					if c := url[i]; c >= 0x80 {
						fmt.Fprintf(&want, "%%%02x", c)
					} else {
						want.WriteByte(c)
					}
				}
				require.Equal(t, want.String(), attr(links[0], "href"))
			}
			want := label
			if want == "" {
				want = "Breaking"
			}
			require.Equal(t, want, text(findAll(n, "p")[0]))
		}
		require.Equal(t, 1, sections)
		require.Len(t, findAll(doc, "main"), 1)
		require.Len(t, findAll(doc, "script"), 1)
		// The page around the ticker is the page without one.
		start := strings.Index(page, `<section class="bs-ticker"`)
		end := strings.Index(page, "</section>\n") + len("</section>\n")
		require.Equal(t, plain.String(), page[:start]+page[end:])
	})
}
