package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is what one walk over the parsed document collects: every source of
// metadata the extractor reads, before any of it is trusted.
type page struct {
	base      *url.URL // the page URL, for resolving relative references
	lang      string   // <html lang>
	title     string   // <title>
	metas     []metaTag
	links     []linkTag
	jsonld    []string
	times     []timeTag
	bylines   []bylineTag
	datelines []dateline
	h1s       []string
	images    []imgTag
	items     []*item // top-level microdata / RDFa items
	sections  []section
}

type metaTag struct {
	key     string // lower-cased name, property or itemprop
	content string
}

type linkTag struct {
	rel, href, title, typ string
}

type timeTag struct {
	datetime string
	text     string
	pubdate  bool   // <time pubdate> or itemprop/class naming publication
	hint     string // class, itemprop and ancestors' classes, lower-cased
	near     bool   // inside <article>/<main> or after the first <h1>
	outside  bool   // inside comments, related stories, sidebars
}

// dateline is visible text that dates something: a "date" element or a
// "Published …" line.
type dateline struct {
	text string
	near bool // inside <article>/<main> or after the first <h1>
}

type bylineTag struct {
	text string
	href string
	how  string // what marked it: rel=author, class=byline, …
	near bool   // inside <article>/<main> or after the first <h1>
}

type imgTag struct {
	src, alt      string
	width, height int
	inArticle     bool
	hint          string // class/id of the image and its parents
}

// section is a heading and the block content that follows it, for key
// points and explainers.
type section struct {
	node    *html.Node // the heading element
	heading string
	list    []*html.Node // <li> elements of the first list after the heading
	blocks  []*html.Node // blocks up to the next heading
}

// item is a microdata (itemscope) or RDFa (typeof) item.
type item struct {
	types []string
	props map[string][]propValue
}

type propValue struct {
	text string
	item *item
}

func (it *item) first(name string) (propValue, bool) {
	for _, v := range it.props[name] {
		return v, true
	}
	return propValue{}, false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textOf returns the text of n with whitespace collapsed, skipping scripts,
// styles and hidden templates.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg:
				return
			case atom.Br, atom.P, atom.Div, atom.Li:
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapse(b.String())
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// walker carries the state of the single pass over the document.
type walker struct {
	p       *page
	inBody  bool
	article int // depth inside <article> or [itemprop=articleBody]-like containers
	heading *section
	classes []string // class and id lists of the open elements that have them
	seenH1  bool
	byLines int // "By …" lines recorded
}

// collect walks the parsed document once.
func collect(doc *html.Node, base *url.URL) *page {
	w := &walker{p: &page{base: base}}
	w.node(doc, nil)
	return w.p
}

// hint returns the class and id lists of the element being walked and its
// nearest ancestors, for telling a byline in an article from one in a
// comment list.
func (w *walker) hint() string {
	from := max(0, len(w.classes)-12)
	return strings.Join(w.classes[from:], " ")
}

func (w *walker) node(n *html.Node, scope *item) {
	if n.Type == html.TextNode && w.inBody {
		w.textLine(n)
		return
	}
	if n.Type != html.ElementNode {
		if n.Type == html.DocumentNode {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.node(c, scope)
			}
		}
		return
	}
	p := w.p
	cls := attr(n, "class")
	if id := attr(n, "id"); id != "" {
		cls += " " + id
	}
	if cls != "" {
		cls = strings.ToLower(cls)
		w.classes = append(w.classes, cls)
		defer func() { w.classes = w.classes[:len(w.classes)-1] }()
	}
	switch n.DataAtom {
	case atom.Html:
		p.lang = strings.TrimSpace(attr(n, "lang"))
		if p.lang == "" {
			p.lang = strings.TrimSpace(attr(n, "xml:lang"))
		}
	case atom.Title:
		if p.title == "" && !w.inBody {
			p.title = textOf(n)
		}
		return
	case atom.Body:
		w.inBody = true
	case atom.Meta:
		w.meta(n, scope)
	case atom.Link:
		if rel := strings.ToLower(strings.TrimSpace(attr(n, "rel"))); rel != "" {
			p.links = append(p.links, linkTag{rel: rel, href: strings.TrimSpace(attr(n, "href")), title: attr(n, "title"), typ: attr(n, "type")})
		}
		if scope != nil {
			w.prop(n, scope)
		}
		return
	case atom.Script:
		if t := strings.ToLower(strings.TrimSpace(attr(n, "type"))); t == "application/ld+json" || t == "application/ld+json; charset=utf-8" {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			p.jsonld = append(p.jsonld, b.String())
		}
		return
	case atom.Style, atom.Template, atom.Noscript, atom.Svg:
		return
	case atom.Time:
		tt := timeTag{datetime: strings.TrimSpace(attr(n, "datetime")), text: textOf(n), pubdate: hasAttr(n, "pubdate"),
			hint: w.hint() + " " + strings.ToLower(attr(n, "itemprop")), near: w.article > 0 || w.seenH1, outside: inHint(w.hint(), "")}
		if tt.datetime == "" {
			tt.datetime = strings.TrimSpace(attr(n, "content"))
		}
		p.times = append(p.times, tt)
	case atom.H1:
		if t := textOf(n); t != "" {
			p.h1s = append(p.h1s, t)
		}
		w.seenH1 = true
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if t := textOf(n); t != "" && len(t) < 80 && w.inBody {
			p.sections = append(p.sections, section{node: n, heading: t})
			w.heading = &p.sections[len(p.sections)-1]
		}
	case atom.Img:
		w.img(n)
	case atom.Article, atom.Main:
		w.article++
		defer func() { w.article-- }()
	}

	if w.heading != nil && w.inBody && n.Parent != nil && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.P) &&
		sectionContent(&p.sections[len(p.sections)-1], n) {
		h := &p.sections[len(p.sections)-1]
		switch n.DataAtom {
		case atom.Ul, atom.Ol:
			if h.list == nil {
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.DataAtom == atom.Li {
						h.list = append(h.list, c)
					}
				}
			}
			h.blocks = append(h.blocks, n)
		case atom.P:
			if len(h.blocks) < 8 {
				h.blocks = append(h.blocks, n)
			}
		}
	}

	if w.inBody {
		w.byline(n, cls)
		if n.DataAtom != atom.Time && (hasToken(cls, "published") || hasToken(cls, "dt-published") || hasToken(cls, "updated") || hasToken(cls, "dt-updated")) {
			// hAtom / h-entry: <abbr class="published" title="2016-12-06T12:06:00-08:00">.
			if v := strings.TrimSpace(attr(n, "title")); v != "" {
				p.times = append(p.times, timeTag{datetime: v, text: textOf(n), hint: w.hint()})
			} else if v := strings.TrimSpace(attr(n, "datetime")); v != "" {
				p.times = append(p.times, timeTag{datetime: v, text: textOf(n), hint: w.hint()})
			}
		}
	}

	// Microdata and RDFa.
	newScope := scope
	isScope := hasAttr(n, "itemscope") || hasAttr(n, "typeof")
	if isScope {
		it := &item{types: itemTypes(n), props: map[string][]propValue{}}
		names := propNames(n)
		if scope != nil && len(names) > 0 {
			for _, name := range names {
				scope.props[name] = append(scope.props[name], propValue{item: it, text: textOf(n)})
			}
		} else {
			p.items = append(p.items, it)
		}
		newScope = it
	} else if scope != nil && len(propNames(n)) > 0 {
		w.prop(n, scope)
	} else if scope == nil && len(propNames(n)) > 0 {
		// A property outside any item still says what it is
		// (itemprop="datePublished" on a bare element): keep it in a
		// loose item.
		if len(p.items) == 0 || p.items[0].types != nil {
			p.items = append([]*item{{props: map[string][]propValue{}}}, p.items...)
		}
		w.prop(n, p.items[0])
	}

	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, newScope)
	}
}

// sectionContent reports whether n belongs to the section under heading h:
// inside the heading's own container (not the page's footer after the
// article), and not inside a block already taken.
func sectionContent(h *section, n *html.Node) bool {
	container := h.node.Parent
	if container == nil {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		for _, b := range h.blocks {
			if a == b {
				return false
			}
		}
		if a == container {
			return true
		}
	}
	return false
}

func itemTypes(n *html.Node) []string {
	var out []string
	for _, t := range strings.Fields(attr(n, "itemtype") + " " + attr(n, "typeof")) {
		out = append(out, schemaName(t))
	}
	return out
}

// schemaName strips a schema.org (or other vocabulary) prefix from a type or
// property name: "http://schema.org/NewsArticle" → "NewsArticle",
// "schema:author" → "author".
func schemaName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, "/#"); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 && i < len(s)-1 {
		prefix := strings.ToLower(s[:i])
		if prefix == "schema" || prefix == "sdo" || prefix == "s" {
			s = s[i+1:]
		}
	}
	return s
}

func propNames(n *html.Node) []string {
	v := attr(n, "itemprop")
	if v == "" && n.DataAtom != atom.Meta {
		v = attr(n, "property")
	}
	if v == "" {
		return nil
	}
	f := strings.Fields(v)
	for i := range f {
		f[i] = schemaName(f[i])
	}
	return f
}

// prop records the value of a microdata or RDFa property on scope.
func (w *walker) prop(n *html.Node, scope *item) {
	var v string
	switch {
	case hasAttr(n, "content"):
		v = attr(n, "content")
	case n.DataAtom == atom.A || n.DataAtom == atom.Link || n.DataAtom == atom.Area:
		v = attr(n, "href")
		if names := propNames(n); len(names) > 0 && !urlProp(names[0]) {
			if t := textOf(n); t != "" {
				v = t
			}
		}
	case n.DataAtom == atom.Img || n.DataAtom == atom.Audio || n.DataAtom == atom.Video || n.DataAtom == atom.Source:
		v = attr(n, "src")
	case n.DataAtom == atom.Time && hasAttr(n, "datetime"):
		v = attr(n, "datetime")
	case n.DataAtom == atom.Data || n.DataAtom == atom.Meter:
		v = attr(n, "value")
	default:
		v = textOf(n)
	}
	v = strings.TrimSpace(v)
	for _, name := range propNames(n) {
		if len(scope.props[name]) < 16 {
			scope.props[name] = append(scope.props[name], propValue{text: v})
		}
	}
}

func urlProp(name string) bool {
	switch name {
	case "url", "image", "thumbnailUrl", "logo", "sameAs", "contentUrl", "mainEntityOfPage":
		return true
	}
	return false
}

func (w *walker) meta(n *html.Node, scope *item) {
	content := attr(n, "content")
	if !hasAttr(n, "content") {
		content = attr(n, "value")
	}
	for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
		key := strings.ToLower(strings.TrimSpace(attr(n, k)))
		if key == "" {
			continue
		}
		// property may hold several space-separated names (RDFa).
		for _, f := range strings.Fields(key) {
			if strings.HasPrefix(f, "dc:") || strings.HasPrefix(f, "dcterms:") {
				f = strings.Replace(f, ":", ".", 1) // RDFa's dc:title is DC.title
			}
			w.p.metas = append(w.p.metas, metaTag{key: f, content: content})
		}
	}
	if scope != nil && hasAttr(n, "itemprop") {
		w.prop(n, scope)
	}
	if cs := attr(n, "charset"); cs != "" {
		w.p.metas = append(w.p.metas, metaTag{key: "charset", content: cs})
	}
}

func (w *walker) img(n *html.Node) {
	src := strings.TrimSpace(attr(n, "src"))
	for _, k := range []string{"data-src", "data-original", "data-lazy-src", "data-hi-res-src"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && (src == "" || strings.HasPrefix(src, "data:")) {
			src = v
		}
	}
	if src == "" {
		return
	}
	it := imgTag{src: src, alt: collapse(attr(n, "alt")), width: atoiPx(attr(n, "width")), height: atoiPx(attr(n, "height")),
		inArticle: w.article > 0}
	if !it.inArticle || it.width >= 300 {
		it.hint = w.hint()
	}
	if len(w.p.images) < 200 {
		w.p.images = append(w.p.images, it)
	}
}

func atoiPx(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
		if n > 100000 {
			return 0
		}
	}
	return n
}

func (p *page) metaAll(key string) []string {
	var out []string
	for _, m := range p.metas {
		if m.key == key {
			if v := strings.TrimSpace(m.content); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

func (p *page) metaFirst(keys ...string) (string, string) {
	for _, k := range keys {
		for _, m := range p.metas {
			if m.key == k {
				if v := collapse(m.content); v != "" {
					return v, k
				}
			}
		}
	}
	return "", ""
}

func (p *page) link(rel string) string {
	for _, l := range p.links {
		for _, r := range strings.Fields(l.rel) {
			if r == rel && l.href != "" {
				return l.href
			}
		}
	}
	return ""
}

// abs resolves ref against the page URL and returns it when it is an
// absolute http(s) URL; otherwise "".
func (p *page) abs(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.ContainsAny(ref, " \t\n<>\"") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if p.base != nil {
		u = p.base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
