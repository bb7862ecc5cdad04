package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/internal/fixture"
)

// parsed is a page or head parsed back with x/net/html.
type parsed struct {
	lang       string
	title      string
	canonical  string
	alternates []Alternate
	oembed     string
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
					if attr(n, "type") == "application/json+oembed" {
						p.oembed = attr(n, "href")
						break
					}
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
	require.Equal(t, m.OEmbed, p.oembed, "oEmbed discovery link")
	require.Equal(t, m.Tags(), p.tags, "meta tags")
	require.NotContains(t, p.jsonld, "<", "JSON-LD script body")
	var got, want any
	require.NoError(t, json.Unmarshal([]byte(p.jsonld), &got), "JSON-LD parses")
	b, err := json.Marshal(m.LinkedData)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &want))
	require.Equal(t, want, got, "JSON-LD round trip")
}

// Shorthands for the fixtures.
const nasty = fixture.Nasty

var (
	hostileArticle = fixture.Hostile
	hostileTicker  = fixture.HostileTicker
)

// tickerView is a View whose ticker holds the headlines, without links.
func tickerView(headlines []string) View {
	var v View
	for _, h := range headlines {
		v.Ticker.Items = append(v.Ticker.Items, TickerItem{Headline: h})
	}
	return v
}
