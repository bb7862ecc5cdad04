package extract

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
)

// node is one JSON-LD object.
type node = map[string]any

// ldGraph holds every JSON-LD object of the page, with @id references
// indexed so that {"@id": "…"} can be followed.
type ldGraph struct {
	top   []node          // objects at the top of a block or in its @graph
	byID  map[string]node // every object with an @id and more than an @id
	errs  []string        // blocks that did not parse
	count int
}

const maxLDNodes = 5000

// parseJSONLD decodes every <script type="application/ld+json"> block.
func parseJSONLD(blocks []string) *ldGraph {
	g := &ldGraph{byID: map[string]node{}}
	for i, b := range blocks {
		b = strings.TrimSpace(b)
		b = strings.TrimPrefix(b, "<!--")
		b = strings.TrimSuffix(b, "-->")
		b = strings.TrimSpace(b)
		b = strings.TrimPrefix(b, "//<![CDATA[")
		b = strings.TrimPrefix(b, "<![CDATA[")
		b = strings.TrimSuffix(b, "//]]>")
		b = strings.TrimSuffix(b, "]]>")
		b = strings.TrimSpace(b)
		b = strings.TrimSuffix(b, ";")
		if b == "" {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			// Two common publishing slips, each tried once: raw line
			// breaks inside strings, and the whole block HTML-escaped.
			fixed := strings.Map(func(r rune) rune {
				if r < 0x20 {
					return ' '
				}
				return r
			}, b)
			if err2 := json.Unmarshal([]byte(fixed), &v); err2 == nil {
				g.errs = append(g.errs, "json-ld block "+itoa(i+1)+": control characters inside strings read as spaces")
			} else if err3 := json.Unmarshal([]byte(html.UnescapeString(fixed)), &v); err3 == nil {
				g.errs = append(g.errs, "json-ld block "+itoa(i+1)+": HTML-escaped; read after unescaping")
			} else {
				g.errs = append(g.errs, "json-ld block "+itoa(i+1)+": "+strings.TrimPrefix(err.Error(), "json: ")+"; block skipped")
				continue
			}
		}
		g.addTop(v, 0)
	}
	return g
}

func (g *ldGraph) addTop(v any, depth int) {
	if depth > 4 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			g.addTop(x, depth+1)
		}
	case node:
		if gr, ok := v["@graph"]; ok {
			g.addTop(gr, depth+1)
			if len(ldTypes(v)) == 0 {
				return
			}
		}
		g.top = append(g.top, v)
		g.index(v, 0)
	}
}

// index records every object with an @id, however deep.
func (g *ldGraph) index(v any, depth int) {
	if depth > 32 || g.count > maxLDNodes {
		return
	}
	g.count++
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			g.index(x, depth+1)
		}
	case node:
		if id, ok := v["@id"].(string); ok && len(v) > 1 {
			if old, dup := g.byID[id]; !dup || len(v) > len(old) {
				g.byID[id] = v
			}
		}
		for k, x := range v {
			if k != "@context" {
				g.index(x, depth+1)
			}
		}
	}
}

// resolve follows an {"@id": …} reference to the object it names.
func (g *ldGraph) resolve(v any) any {
	if n, ok := v.(node); ok {
		if id, ok := n["@id"].(string); ok && len(n) == 1 {
			if full, ok := g.byID[id]; ok {
				return full
			}
		}
	}
	return v
}

// all returns v as a list of values with references followed.
func (g *ldGraph) all(v any) []any {
	var out []any
	switch v := v.(type) {
	case nil:
	case []any:
		for _, x := range v {
			if x != nil {
				out = append(out, g.resolve(x))
			}
		}
	default:
		out = append(out, g.resolve(v))
	}
	return out
}

// str returns the first string value of key, reading {"@value": …} and
// {"name": …} objects.
func (g *ldGraph) str(n node, key string) string {
	for _, v := range g.all(n[key]) {
		switch v := v.(type) {
		case string:
			if s := strings.TrimSpace(v); s != "" {
				return s
			}
		case float64:
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(jsonNum(v), "0"), "."))
		case node:
			if s, ok := v["@value"].(string); ok {
				return strings.TrimSpace(s)
			}
			if s, ok := v["name"].(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

func jsonNum(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func (g *ldGraph) strs(n node, key string) []string {
	var out []string
	for _, v := range g.all(n[key]) {
		switch v := v.(type) {
		case string:
			if s := strings.TrimSpace(v); s != "" {
				out = append(out, s)
			}
		case node:
			if s, ok := v["name"].(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// ldTypes returns the object's @type values without a vocabulary prefix.
func ldTypes(n node) []string {
	var out []string
	switch t := n["@type"].(type) {
	case string:
		out = append(out, schemaName(t))
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, schemaName(s))
			}
		}
	}
	return out
}

// articleTypes are the schema.org types of a written article.
var articleTypes = map[string]int{
	"NewsArticle": 10, "ReportageNewsArticle": 10, "AnalysisNewsArticle": 10, "OpinionNewsArticle": 10,
	"ReviewNewsArticle": 10, "BackgroundNewsArticle": 10, "AskPublicNewsArticle": 10, "Article": 9,
	"BlogPosting": 9, "LiveBlogPosting": 8, "SatiricalArticle": 9, "ScholarlyArticle": 8, "TechArticle": 8,
	"Report": 7, "SocialMediaPosting": 6, "DiscussionForumPosting": 6, "Review": 5, "Recipe": 5,
	"HowTo": 4, "CreativeWork": 3, "Chapter": 3, "Book": 2,
}

// pageTypes are types that describe the page rather than its article.
var pageTypes = map[string]bool{
	"WebPage": true, "ItemPage": true, "AboutPage": true, "FAQPage": true, "QAPage": true,
	"ProfilePage": true, "CollectionPage": true, "MedicalWebPage": true, "RealEstateListing": true,
}

func typeScore(n node) (article int, isPage bool) {
	for _, t := range ldTypes(n) {
		if s := articleTypes[t]; s > article {
			article = s
		}
		if pageTypes[t] {
			isPage = true
		}
	}
	return article, isPage
}

// mainEntity picks the object the page is about: the article-typed object
// that names this page as its own (url, @id, mainEntityOfPage), or that a
// WebPage names as its mainEntity, rather than a related story, a video or
// a list entry. It also returns the page's WebPage object, if any.
func (g *ldGraph) mainEntity(pageURLs []string, headline string) (main, webpage node) {
	best, bestScore := node(nil), -1
	samePage := func(v string) bool {
		v = normURL(v)
		for _, u := range pageURLs {
			if v != "" && v == normURL(u) {
				return true
			}
		}
		return false
	}
	mainOf := map[string]bool{}
	for _, n := range g.top {
		if _, isPage := typeScore(n); isPage {
			if webpage == nil || samePage(g.str(n, "url")) || samePage(idOf(n)) {
				webpage = n
			}
			for _, m := range g.all(n["mainEntity"]) {
				if mn, ok := m.(node); ok {
					mainOf[idOf(mn)] = true
					if mn["@type"] != nil {
						mainOf[ptrKey(mn)] = true
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	consider := func(n node, top bool) {
		a, _ := typeScore(n)
		if a == 0 {
			return
		}
		score := a
		if top {
			score += 5
		}
		if samePage(g.str(n, "url")) || samePage(idOf(n)) {
			score += 40
		}
		for _, m := range g.all(n["mainEntityOfPage"]) {
			switch m := m.(type) {
			case string:
				if samePage(m) {
					score += 40
				}
			case node:
				if samePage(idOf(m)) || samePage(g.str(m, "url")) {
					score += 40
				}
			}
		}
		if id := idOf(n); id != "" && mainOf[id] || mainOf[ptrKey(n)] {
			score += 30
		}
		if headline != "" {
			h := g.str(n, "headline")
			if h == "" {
				h = g.str(n, "name")
			}
			if h != "" && (strings.EqualFold(collapse(h), headline) || strings.Contains(strings.ToLower(headline), strings.ToLower(collapse(h)))) {
				score += 20
			}
		}
		if n["author"] != nil {
			score += 3
		}
		if n["datePublished"] != nil {
			score += 3
		}
		if score > bestScore {
			best, bestScore = n, score
		}
	}
	for _, n := range g.top {
		consider(n, true)
		seen[ptrKey(n)] = true
	}
	// Articles nested as a WebPage's mainEntity.
	for _, n := range g.top {
		for _, m := range g.all(n["mainEntity"]) {
			if mn, ok := m.(node); ok && !seen[ptrKey(mn)] {
				consider(mn, false)
				seen[ptrKey(mn)] = true
			}
		}
	}
	return best, webpage
}

func idOf(n node) string {
	s, _ := n["@id"].(string)
	return s
}

// ptrKey identifies an object by the address of its map.
func ptrKey(n node) string {
	if n == nil {
		return ""
	}
	return "ptr:" + mapAddr(n)
}

func normURL(s string) string {
	s = strings.TrimSpace(strings.ToLower(s))
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimPrefix(s, "https://")
	s = strings.TrimPrefix(s, "http://")
	s = strings.TrimPrefix(s, "www.")
	return strings.TrimSuffix(s, "/")
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func mapAddr(n node) string { return fmt.Sprintf("%p", n) }
