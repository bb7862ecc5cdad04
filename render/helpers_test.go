package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// nasty is plain text that passes validation yet needs escaping in every
// context: quotes, ampersands (and a literal "&amp;" that must stay
// literal), angle brackets that are not tags, U+2028, a ZWJ family, a flag,
// a combining mark, and the JSON and CDATA closers.
const nasty = `Tom & Jerry's "big" day: 3 > 2 < 4, &amp; C++ ` + "\u2028" + ` ]]> --> 👨‍👩‍👧 🇬🇧 café`

// hostileText returns the sample article with nasty text in every
// plain-text field and hostile markup in every HTML field: an article that
// must render with every value escaped.
func hostileArticle() *article.Article {
	a := sample.Article()
	a.Headline = "Headline " + nasty
	a.SocialHeadline = "Social 👨‍👩‍👧 \"x\" & 'y' " + "\u2028"
	a.Standfirst = "Standfirst " + nasty
	a.Kicker = "Kicker " + nasty
	a.Section = "Section " + nasty
	a.Tags = []string{"tag " + nasty, "second & 'tag'"}
	for i := range a.Authors {
		a.Authors[i].Name = "Ada O'Brien-" + string(rune('A'+i)) + " \"Q\" 🇬🇧"
	}
	hostileHTML := `<p>Body</p></div></article></main><script>alert(1)</script><!--<script>--><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><p>` + "\u2028" + `&amp;amp; 👨‍👩‍👧</p>`
	a.Body = hostileHTML + a.Body
	a.KeyPoints = append(a.KeyPoints, `Point <b>bold</b></li></ul><script>alert(2)</script>`)
	a.Explainers = append(a.Explainers, article.Explainer{Kind: article.KindCustom, Title: "Custom " + nasty, Body: `Custom </section><script>alert(3)</script> body`})
	a.Image.Alt = "Alt " + nasty
	a.Image.Caption = "Caption " + nasty
	a.Image.Credit = "Credit " + nasty
	a.Site.Name = "Site " + nasty
	a.Site.Tagline = "Tagline " + nasty
	a.Site.Newsletter.Title = "Letter " + nasty
	a.Site.Newsletter.Pitch = "Pitch " + nasty
	a.Site.Newsletter.Button = "Go & 'join'"
	a.Image.URL = "https://news.example.com/media/lead.jpg?a=1&b=%22x%22&c='y'"
	a.Published = time.Date(2026, 11, 26, 9, 30, 0, 0, time.FixedZone("", 5*3600+30*60))
	a.Modified = time.Time{}
	return a
}

// hostileTicker are ticker headlines with markup, which the ticker shows as
// text.
func hostileTicker() []string {
	return []string{"</script><script>alert(4)</script>", nasty, "<!-- <b>x</b>"}
}

// parsed is a page or head parsed back with x/net/html.
type parsed struct {
	lang       string
	title      string
	canonical  string
	alternates []Alternate
	tags       []Tag
	jsonld     string
	h1         string
	doc        *html.Node
}

func parse(t *testing.T, page string) parsed {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var p parsed
	p.doc = doc
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				p.lang = attr(n, "lang")
			case "title":
				p.title = text(n)
			case "h1":
				p.h1 = text(n)
			case "link":
				switch attr(n, "rel") {
				case "canonical":
					p.canonical = attr(n, "href")
				case "alternate":
					p.alternates = append(p.alternates, Alternate{Lang: attr(n, "hreflang"), URL: attr(n, "href")})
				}
			case "meta":
				for _, k := range []string{"name", "property"} {
					if v := attr(n, k); v != "" && v != "viewport" && v != "color-scheme" {
						p.tags = append(p.tags, Tag{Attr: k, Key: v, Content: attr(n, "content")})
					}
				}
			case "script":
				if attr(n, "type") == "application/ld+json" {
					p.jsonld = text(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// findAll returns the elements named name.
func findAll(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (name == "*" || n.Data == name) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// assertRoundTrip checks that the page's head, parsed back, holds exactly
// the resolved values, and that the JSON-LD decodes to the same graph.
func assertRoundTrip(t *testing.T, page string, m *Meta) {
	t.Helper()
	p := parse(t, page)
	require.Equal(t, m.Title, p.title, "title")
	require.Equal(t, m.Canonical, p.canonical, "canonical")
	require.Equal(t, m.Alternates, p.alternates, "alternates")
	require.Equal(t, m.Tags(), p.tags, "meta tags")
	require.NotContains(t, p.jsonld, "<", "JSON-LD script body")
	var got, want any
	require.NoError(t, json.Unmarshal([]byte(p.jsonld), &got), "JSON-LD parses")
	b, err := json.Marshal(m.LinkedData)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &want))
	require.Equal(t, want, got, "JSON-LD round trip")
}
