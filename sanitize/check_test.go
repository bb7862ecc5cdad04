package sanitize

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// vector is one record of testdata/vectors.txt.
type vector struct {
	name, category, html string
}

// loadVectors reads the attack corpus.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	b, err := os.ReadFile("testdata/vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	var cur *vector
	var body []string
	flush := func() {
		if cur != nil {
			cur.html = strings.Join(body, "\n")
			vs = append(vs, *cur)
		}
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "=== "); ok {
			flush()
			f := strings.Fields(rest)
			if len(f) != 2 {
				t.Fatalf("vectors.txt: bad header %q", line)
			}
			cur, body = &vector{name: f[0], category: f[1]}, nil
			continue
		}
		if cur == nil {
			continue // the header comment
		}
		body = append(body, line)
	}
	if cur != nil && len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1] // the file's final newline
	}
	flush()
	return vs
}

// testPage puts a body into a page shaped like render's: the article
// container, then the share bar, newsletter form and footer that a broken
// body could swallow or move.
func testPage(body string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>` +
		`<main id="__main"><article id="__article"><div id="__body">` + body + `</div>` +
		`<aside id="__share"><a id="__sharelink" href="https://share.example/">share</a></aside>` +
		`<form id="__nl" action="https://news.example.com/subscribe"><input id="__email" name="email"></form>` +
		`</article><footer id="__foot">footer</footer></main></body></html>`
}

var divContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

// safetyProblems returns every way out breaks the sanitiser's promises for
// policy p (nil when there is none). It does not check idempotence.
func safetyProblems(p *Policy, out string) []string {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	// Containment, part 1: the output is a fixed point of an HTML5
	// parser, so the parser does nothing to it implicitly.
	nodes, err := html.ParseFragment(strings.NewReader(out), divContext)
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var buf bytes.Buffer
	for _, n := range nodes {
		sortAttrs(n)
		if err := html.Render(&buf, n); err != nil {
			bad("does not render: %v", err)
		}
	}
	if want := sortedTokens(out); buf.String() != want {
		bad("not a parse/render fixed point:\n  out:      %q\n  reparsed: %q", want, buf.String())
	}
	// The tree holds only what the policy allows.
	allowed := allowedElements(p)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.CommentNode || n.Type == html.DoctypeNode {
			bad("%v node in output", n.Type)
		}
		if n.Type == html.ElementNode {
			if n.Namespace != "" {
				bad("foreign element %s:%s", n.Namespace, n.Data)
			}
			if !allowed[n.Data] {
				bad("element %q not allowed by the policy", n.Data)
			}
			for _, a := range n.Attr {
				problemsOfAttr(n, a, p, bad)
			}
			if n.Data == "iframe" {
				if attr(n, "sandbox") != embedSandbox {
					bad("iframe sandbox %q", attr(n, "sandbox"))
				}
				if !reEmbedOut.MatchString(attr(n, "src")) {
					bad("iframe src %q outside the allow-list", attr(n, "src"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	if p.kind == kindText && strings.ContainsAny(out, "<>") {
		bad("text policy output holds markup")
	}
	// Containment, part 2: in a whole page, the template around the body
	// is where it was written.
	probs = append(probs, pageProblems(out)...)
	return probs
}

// sortAttrs sorts every element's attributes by key: x/net/html's parser
// sorts those of formatting elements (for its Noah's Ark search), so the
// fixed-point comparison ignores attribute order.
func sortAttrs(n *html.Node) {
	slices.SortStableFunc(n.Attr, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sortAttrs(c)
	}
}

// sortedTokens re-serialises s token by token (no tree building) with each
// tag's attributes sorted by key.
func sortedTokens(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		if z.Next() == html.ErrorToken {
			return b.String()
		}
		tok := z.Token()
		slices.SortStableFunc(tok.Attr, func(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) })
		b.WriteString(tok.String())
	}
}

var reEmbedOut = regexp.MustCompile(`^https://(www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{11}(\?start=[0-9]+)?|player\.vimeo\.com/video/[0-9]+(\?h=[0-9a-f]+)?)$`)

func allowedElements(p *Policy) map[string]bool {
	m := map[string]bool{}
	if p.kind == kindText {
		return m
	}
	for e := eA; e < nElems; e++ {
		if e == eIframe && !p.embeds {
			continue
		}
		if p.kind == kindInline && !e.is(fInline) {
			continue
		}
		m[elemNames[e]] = true
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// browserURL normalises a URL the way a browser's URL parser sees its
// scheme: leading and trailing C0 controls and spaces stripped, tabs and
// newlines removed anywhere, lower-cased.
func browserURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	return strings.ToLower(s)
}

func dangerousURL(s string) bool {
	u := browserURL(s)
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

func problemsOfAttr(n *html.Node, a html.Attribute, p *Policy, bad func(string, ...any)) {
	key := strings.ToLower(a.Key)
	switch {
	case a.Namespace != "":
		bad("namespaced attribute %s:%s", a.Namespace, a.Key)
	case strings.HasPrefix(key, "on"):
		bad("event handler %s=%q on <%s>", a.Key, a.Val, n.Data)
	case key == "style" || key == "class" || key == "srcdoc" || key == "form" || key == "formaction" || key == "action":
		bad("attribute %s on <%s>", a.Key, n.Data)
	case key == "id" || key == "name":
		if !strings.HasPrefix(a.Val, IDPrefix) {
			bad("%s=%q without the %s prefix", a.Key, a.Val, IDPrefix)
		}
	case key == "href" || key == "src" || key == "cite" || key == "poster" || key == "data" || key == "xlink:href":
		if dangerousURL(a.Val) {
			bad("%s=%q on <%s>", a.Key, a.Val, n.Data)
		}
		if key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1 && !strings.HasPrefix(a.Val[1:], IDPrefix) {
			bad("in-page link %q without the prefix", a.Val)
		}
	case key == "srcset":
		for cand := range strings.SplitSeq(a.Val, ",") {
			if f := strings.Fields(cand); len(f) > 0 && dangerousURL(f[0]) {
				bad("srcset candidate %q", cand)
			}
		}
	}
	if key == "rel" && n.Data == "a" && p.rel != "" && a.Val != p.rel {
		bad("rel=%q, want %q", a.Val, p.rel)
	}
}

// pageProblems parses the whole test page around out and checks that the
// body stayed inside its container and left the template alone.
func pageProblems(out string) []string {
	doc, err := html.Parse(strings.NewReader(testPage(out)))
	if err != nil {
		return []string{"page does not parse: " + err.Error()}
	}
	byID := map[string]*html.Node{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); strings.HasPrefix(id, "__") {
				if byID[id] != nil {
					byID[id+"#dup"] = n
				} else {
					byID[id] = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	var probs []string
	want := []struct{ id, parent string }{
		{"__body", "__article"}, {"__share", "__article"}, {"__nl", "__article"},
		{"__article", "__main"}, {"__foot", "__main"}, {"__sharelink", "__share"}, {"__email", "__nl"},
	}
	for _, w := range want {
		n := byID[w.id]
		if n == nil {
			probs = append(probs, "template element #"+w.id+" is missing")
			continue
		}
		if n.Parent == nil || n.Parent != byID[w.parent] {
			probs = append(probs, "template element #"+w.id+" moved out of #"+w.parent)
		}
	}
	for id := range byID {
		if strings.HasSuffix(id, "#dup") {
			probs = append(probs, "duplicate template id "+id)
		}
	}
	if b, s := byID["__body"], byID["__share"]; b != nil && s != nil && nextElement(b) != s {
		probs = append(probs, "something sits between the body container and the share bar")
	}
	if a := byID["__article"]; a != nil && a.FirstChild != byID["__body"] {
		probs = append(probs, "something sits before the body container")
	}
	return probs
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}
