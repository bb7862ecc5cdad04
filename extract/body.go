package extract

import (
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/sanitize"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	keyPointsRe  = regexp.MustCompile(`(?i)^(key (points|takeaways|facts)|summary|at a glance|in brief|in short|the big picture|highlights|story highlights|tl;?dr|the essentials|what you need to know|quick read)\W*$`)
	explainerRes = []struct {
		re   *regexp.Regexp
		kind article.ExplainerKind
	}{
		{regexp.MustCompile(`(?i)^why (it|this|that) matters\W*$`), article.KindWhyItMatters},
		{regexp.MustCompile(`(?i)^what (it|this) means for (you|readers|me)\W*$`), article.KindWhatItMeansForYou},
		{regexp.MustCompile(`(?i)^(the )?(background|context|backstory)\W*$`), article.KindBackground},
		{regexp.MustCompile(`(?i)^what('s| is| comes| happens) next\W*$`), article.KindWhatHappensNext},
	}
)

// body runs readability on the document (which it changes) and sanitises
// what it keeps; key points and explainer sections are read first.
func (x *extractor) body(doc *html.Node, base *url.URL) {
	baseURL := x.a.URL
	if baseURL == "" && base != nil {
		baseURL = base.String()
	}
	pol, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: baseURL})
	if err != nil {
		x.r.note("body: %v", err)
		return
	}
	inline, err := sanitize.InlinePolicy(sanitize.Options{BaseURL: baseURL})
	if err != nil {
		x.r.note("body: %v", err)
		return
	}
	for _, n := range x.sections(pol, inline) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n) // shown as key points or explainers, not twice in the body
		}
	}

	docURL := base
	if docURL == nil && x.a.URL != "" {
		docURL, _ = url.Parse(x.a.URL)
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, docURL)
	if err != nil {
		x.r.note("body: readability: %v", err)
		return
	}
	if art.Node != nil {
		var b strings.Builder
		if err := html.Render(&b, art.Node); err == nil {
			if body := strings.TrimSpace(string(pol.Sanitize(b.String()))); body != "" {
				if txt := sanitize.Text(body); txt != "" {
					x.a.Body = body
					x.r.add("body", "readability, sanitised", txt)
				}
			}
		}
	}
	// Readability's own metadata fills what nothing better gave.
	if x.a.Headline == "" {
		if t := plainText(art.Title()); t != "" {
			x.a.Headline = t
			x.r.add("headline", "readability title", t)
		}
	}
	if len(x.a.Authors) == 0 {
		if names := cleanNames(art.Byline()); len(names) > 0 {
			x.a.Authors = namesToPeople(names)
			for i, n := range names {
				x.r.add("authors["+itoa(i)+"].name", "readability byline", n)
			}
		}
	}
	if x.a.Standfirst == "" {
		if t := plainText(art.Excerpt()); t != "" {
			x.a.Standfirst = sanitize.Truncate(t, article.MaxStandfirst)
			x.r.add("standfirst", "readability excerpt (the body's first paragraph)", x.a.Standfirst)
		}
	}
}

// sections reads key points and explainers from headed sections and
// returns the nodes it used (headings, lists, paragraphs), for the body to
// leave out.
func (x *extractor) sections(pol, inline *sanitize.Policy) []*html.Node {
	var used []*html.Node
	for _, s := range x.p.sections {
		h := strings.TrimSpace(s.heading)
		if keyPointsRe.MatchString(h) && len(x.a.KeyPoints) == 0 && len(s.list) >= 2 && len(s.list) <= 12 {
			var kps []string
			for _, li := range s.list {
				if kp := strings.TrimSpace(string(inline.Sanitize(innerHTML(li)))); kp != "" && len(sanitize.Text(kp)) <= 600 {
					kps = append(kps, kp)
				}
			}
			if len(kps) >= 2 {
				x.a.KeyPoints = kps
				x.r.add("key_points", "list under the heading \""+h+"\"", itoa(len(kps))+" points")
				used = append(used, s.node, s.list[0].Parent)
			}
			continue
		}
		for _, e := range explainerRes {
			if !e.re.MatchString(h) || hasKind(x.a.Explainers, e.kind) || len(s.blocks) == 0 {
				continue
			}
			var b strings.Builder
			for _, n := range s.blocks {
				_ = html.Render(&b, n)
			}
			body := strings.TrimSpace(string(pol.Sanitize(b.String())))
			txt := sanitize.Text(body)
			if txt == "" || len(txt) > 2000 {
				continue
			}
			ex := article.Explainer{Kind: e.kind, Body: body}
			if !strings.EqualFold(strings.TrimRight(h, ":. "), e.kind.DefaultTitle()) {
				ex.Title = plainText(strings.TrimRight(h, ": "))
			}
			x.a.Explainers = append(x.a.Explainers, ex)
			x.r.add("explainers["+itoa(len(x.a.Explainers)-1)+"]", "section under the heading \""+h+"\"", txt)
			used = append(used, s.node)
			used = append(used, s.blocks...)
		}
	}
	return used
}

func hasKind(es []article.Explainer, k article.ExplainerKind) bool {
	for _, e := range es {
		if e.Kind == k {
			return true
		}
	}
	return false
}

func innerHTML(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
			continue
		}
		_ = html.Render(&b, c)
	}
	return b.String()
}
