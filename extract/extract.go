package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/sanitize"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

var (
	// ErrNoHeadline is returned (with the partial result) when the page
	// gave no headline.
	ErrNoHeadline = errors.New("extract: no headline found")
	// ErrNoURL is returned (with the partial result) when neither the page
	// (canonical link, og:url, JSON-LD url) nor Options.URL gave an
	// absolute http(s) URL.
	ErrNoURL = errors.New("extract: no page URL found")
	// ErrInput is returned when the page cannot be read as HTML at all.
	ErrInput = errors.New("extract: unreadable page")
	// ErrOptions is returned when an option is invalid.
	ErrOptions = errors.New("extract: invalid options")
)

// MaxPageBytes is the largest page Page reads: 10 MiB, the fetcher's cap.
const MaxPageBytes = 10 << 20

// Options configures Page. The zero value extracts everything with no
// outside knowledge.
type Options struct {
	// URL is the address the page was fetched from or published at. It
	// resolves relative references and is the article URL when the page
	// names no canonical URL of its own. Empty is allowed.
	URL string
	// Site holds what the caller knows about the publication; each field
	// set here wins over what the page says (a publisher importing their
	// own archive knows their name and logo best).
	Site *article.Site
	// Zone is the publisher's time zone. Times a page writes without an
	// offset are read in it; without it such times are kept as their
	// calendar date alone (midnight, PrecisionDate), never guessed.
	Zone *time.Location
	// KeepIncompleteImage puts the lead image in the article even when the
	// page states no alt text or size for it (article.Validate then
	// reports it). By default such an image is only in Result.Image.
	KeepIncompleteImage bool
	// NoBody skips the readability pass: no body, key points or
	// explainers, but all metadata. Much faster.
	NoBody bool
}

// Result is an extracted article and where each of its values came from.
type Result struct {
	// Article is the extracted article; fields the page did not state
	// are left empty.
	Article *article.Article
	// Report gives each field's source and the extractor's notes.
	Report Report
	// Image is the chosen lead image, complete or not; see
	// Options.KeepIncompleteImage.
	Image *article.Image
	// PublishedPrecision says how much of Article.Published the page
	// stated; ModifiedPrecision likewise.
	PublishedPrecision, ModifiedPrecision Precision
}

// Page extracts an article from one HTML page. src is the page as bytes (its
// charset is read from a BOM or <meta charset>, UTF-8 otherwise); pageURL
// is where it lives ("" if unknown; see Options.URL — pageURL wins over it).
//
// The result is always returned unless the input is unusable. When the
// page gave no headline or no URL, the error wraps ErrNoHeadline and/or
// ErrNoURL and the partial result is still returned.
//
// Page is safe for concurrent use; it never fetches anything (images and
// links stay as URLs).
func Page(src []byte, pageURL string, opts Options) (*Result, error) {
	if pageURL != "" {
		opts.URL = pageURL
	}
	if len(src) > MaxPageBytes {
		return nil, fmt.Errorf("%w: %d bytes is over the %d-byte limit", ErrInput, len(src), MaxPageBytes)
	}
	var base *url.URL
	if opts.URL != "" {
		u, err := url.Parse(opts.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || badHost(u.Host) {
			return nil, fmt.Errorf("%w: URL %q is not an absolute http(s) URL", ErrOptions, opts.URL)
		}
		if _, err := article.CheckURL(opts.URL); err != nil {
			return nil, fmt.Errorf("%w: URL: %w", ErrOptions, err)
		}
		base = u
	}
	src = toUTF8(src)
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return fromDoc(doc, base, opts)
}

// toUTF8 decodes a page in a declared legacy charset.
func toUTF8(src []byte) []byte {
	head := src
	if len(head) > 4096 {
		head = head[:4096]
	}
	enc, name, certain := charset.DetermineEncoding(head, "text/html")
	if name == "utf-8" || (!certain && utf8.Valid(src)) {
		return src
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return src
	}
	return out
}

type extractor struct {
	p    *page
	g    *ldGraph
	main node // the JSON-LD main entity
	web  node // the JSON-LD WebPage
	mi   *item
	opts Options
	a    *article.Article
	r    *Report
	res  *Result
}

func fromDoc(doc *html.Node, base *url.URL, opts Options) (*Result, error) {
	p := collect(doc, base)
	// A <base href> changes how the page's relative references resolve.
	if b := p.link(""); b != "" {
		_ = b
	}
	res := &Result{Article: &article.Article{}}
	x := &extractor{p: p, opts: opts, a: res.Article, r: &res.Report, res: res}
	x.g = parseJSONLD(p.jsonld)
	for _, e := range x.g.errs {
		x.r.note("%s", e)
	}
	x.url()
	og, _ := p.metaFirst("og:title", "twitter:title")
	x.main, x.web = x.g.mainEntity(x.pageURLs(), og)
	x.mi = x.microItem()
	x.headline()
	x.text()
	x.language()
	x.dates()
	x.authors()
	x.site()
	x.image()
	if !opts.NoBody {
		x.body(doc, base)
	}
	x.a.Normalize()

	var errs []error
	if x.a.Headline == "" {
		errs = append(errs, ErrNoHeadline)
	}
	if x.a.URL == "" {
		errs = append(errs, ErrNoURL)
	}
	return res, errors.Join(errs...)
}

func (x *extractor) pageURLs() []string {
	var out []string
	if x.a.URL != "" {
		out = append(out, x.a.URL)
	}
	if x.opts.URL != "" {
		out = append(out, x.opts.URL)
	}
	if v, _ := x.p.metaFirst("og:url"); v != "" {
		out = append(out, v)
	}
	return out
}

// ldName is how the report names a JSON-LD object: "json-ld NewsArticle".
func ldName(n node) string {
	t := ldTypes(n)
	if len(t) == 0 {
		return "json-ld"
	}
	return "json-ld " + t[0]
}

// plainText makes a metadata string plain text: tags dropped, entities
// decoded once, white space collapsed.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = sanitize.Text(s)
	}
	s = collapse(s)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// badHost reports a host name no fetch could use: empty, escaped, or not
// valid UTF-8.
func badHost(h string) bool {
	return h == "" || strings.ContainsAny(h, "%\\ ") || !utf8.ValidString(h)
}

// trackingParam reports query keys article's validation calls tracking.
func trackingParam(k string) bool {
	k = strings.ToLower(k)
	return strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid" || k == "mc_cid" || k == "mc_eid" ||
		k == "igshid" || k == "dclid" || k == "msclkid" || k == "_ga" || k == "yclid" || k == "ref_src" || k == "cmpid"
}

// canonicalURL checks and cleans an article URL: absolute http(s), no
// fragment, no tracking parameters.
func (x *extractor) canonicalURL(raw string) string {
	s := x.p.abs(raw)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.User != nil || badHost(u.Host) {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			if trackingParam(k) {
				q.Del(k)
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	if _, err := article.CheckURL(u.String()); err != nil {
		return ""
	}
	return u.String()
}

func (x *extractor) url() {
	cands := []struct{ v, src string }{
		{x.p.link("canonical"), "link rel=canonical"},
	}
	if v, k := x.p.metaFirst("og:url"); v != "" {
		cands = append(cands, struct{ v, src string }{v, "meta " + k})
	}
	cands = append(cands, struct{ v, src string }{x.opts.URL, "Options.URL"})
	for _, c := range cands {
		if c.v == "" {
			continue
		}
		if u := x.canonicalURL(c.v); u != "" {
			x.a.URL = u
			x.r.add("url", c.src, u)
			if x.p.base == nil {
				x.p.base, _ = url.Parse(u)
			}
			return
		}
		x.r.note("url: %s %q is not an absolute http(s) URL; skipped", c.src, c.v)
	}
}

// microItem returns the microdata/RDFa item of article type, if any.
func (x *extractor) microItem() *item {
	var best *item
	bestScore := 0
	var visit func(it *item, depth int)
	visit = func(it *item, depth int) {
		if depth > 6 {
			return
		}
		for _, t := range it.types {
			if s := articleTypes[t]; s > bestScore {
				best, bestScore = it, s
			}
		}
		for _, vs := range it.props {
			for _, v := range vs {
				if v.item != nil {
					visit(v.item, depth+1)
				}
			}
		}
	}
	for _, it := range x.p.items {
		visit(it, 0)
	}
	if best == nil {
		// Loose properties outside any item (itemprop="datePublished" on
		// a bare element) stand for the page.
		for _, it := range x.p.items {
			if it.types == nil {
				return it
			}
		}
	}
	return best
}

func (it *item) text(name string) string {
	if it == nil {
		return ""
	}
	for _, v := range it.props[name] {
		if v.item != nil {
			if n, ok := v.item.first("name"); ok && n.text != "" {
				return n.text
			}
			continue
		}
		if v.text != "" {
			return v.text
		}
	}
	return ""
}

func normTitle(s string) string {
	return strings.ToLower(collapse(strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(s)))
}

func clipNote(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}

var titleSepRe = regexp.MustCompile(`\s+[|–—:·•»-]\s+`)

// trimSiteName drops a site name glued to a title ("Headline | Site").
func trimSiteName(title, site string) string {
	locs := titleSepRe.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	last := locs[len(locs)-1]
	head, tail := strings.TrimSpace(title[:last[0]]), strings.TrimSpace(title[last[1]:])
	if site != "" && (strings.EqualFold(tail, site) || strings.Contains(strings.ToLower(site), strings.ToLower(tail)) || strings.Contains(strings.ToLower(tail), strings.ToLower(site))) {
		return head
	}
	first := locs[0]
	head0, tail0 := strings.TrimSpace(title[:first[0]]), strings.TrimSpace(title[first[1]:])
	if site != "" && (strings.EqualFold(head0, site)) {
		return tail0
	}
	return title
}

func (x *extractor) siteNameHint() string {
	if v, _ := x.p.metaFirst("og:site_name", "application-name", "al:ios:app_name"); v != "" {
		return v
	}
	if x.main != nil {
		if pub, ok := x.g.resolve(x.main["publisher"]).(node); ok {
			return x.g.str(pub, "name")
		}
	}
	if x.opts.Site != nil {
		return x.opts.Site.Name
	}
	return ""
}

func (x *extractor) headline() {
	type c struct{ v, src string }
	var cs []c
	if x.main != nil {
		cs = append(cs, c{x.g.str(x.main, "headline"), ldName(x.main) + " headline"})
	}
	for _, k := range []string{"og:title", "twitter:title", "parsely-title", "dc.title", "dcterms.title", "sailthru.title", "title"} {
		if v, _ := x.p.metaFirst(k); v != "" {
			cs = append(cs, c{v, "meta " + k})
		}
	}
	if x.mi != nil {
		cs = append(cs, c{x.mi.text("headline"), "microdata headline"})
	}
	if x.main != nil {
		cs = append(cs, c{x.g.str(x.main, "name"), ldName(x.main) + " name"})
	}
	// The page's only <h1>, when the <title> agrees it is the headline
	// (else it is as often the site's logo or a section name).
	if len(x.p.h1s) == 1 && strings.Contains(normTitle(x.p.title), normTitle(x.p.h1s[0])) {
		cs = append(cs, c{x.p.h1s[0], "<h1>"})
	}
	cs = append(cs, c{x.p.title, "<title>"})
	site := x.siteNameHint()
	// A headline another source confirms wins over a more trusted one no
	// other source repeats (Wikipedia puts its short description in the
	// JSON-LD headline).
	refs := []c{{x.p.title, "<title>"}}
	if v, _ := x.p.metaFirst("og:title"); v != "" {
		refs = append(refs, c{v, "meta og:title"})
	}
	for _, h := range x.p.h1s {
		refs = append(refs, c{h, "<h1>"})
	}
	confirmed := func(cand c) bool {
		n := normTitle(plainText(cand.v))
		if n == "" {
			return false
		}
		for _, r := range refs {
			if r.src != cand.src && strings.Contains(normTitle(plainText(r.v)), n) {
				return true
			}
		}
		return false
	}
	for i, cand := range cs {
		if i > 0 && cand.v != "" && confirmed(cand) && !confirmed(cs[0]) && cs[0].v != "" {
			x.r.note("headline: %s %q is not repeated by the page's title or headings; %s, which is, kept", cs[0].src, clipNote(cs[0].v), cand.src)
			cs = append([]c{cand}, cs...)
			break
		}
	}
	for _, cand := range cs {
		v := plainText(cand.v)
		if v == "" || utf8.RuneCountInString(v) > 300 {
			continue
		}
		t := trimSiteName(v, site)
		if t != v {
			cand.src += " (site name removed)"
		}
		if t == "" {
			continue
		}
		x.a.Headline = t
		x.r.add("headline", cand.src, t)
		return
	}
}

func (x *extractor) text() {
	// Standfirst.
	var cands [][2]string
	if x.main != nil {
		cands = append(cands, [2]string{x.g.str(x.main, "description"), ldName(x.main) + " description"})
	}
	for _, k := range []string{"og:description", "twitter:description", "description", "dc.description", "dcterms.description", "sailthru.description"} {
		if v, _ := x.p.metaFirst(k); v != "" {
			cands = append(cands, [2]string{v, "meta " + k})
		}
	}
	if x.mi != nil {
		cands = append(cands, [2]string{x.mi.text("description"), "microdata description"})
	}
	for _, c := range cands {
		if v := plainText(c[0]); v != "" {
			x.a.Standfirst = v
			x.r.add("standfirst", c[1], v)
			break
		}
	}

	// Section.
	var sec [][2]string
	if x.main != nil {
		sec = append(sec, [2]string{x.g.str(x.main, "articleSection"), ldName(x.main) + " articleSection"})
	}
	for _, k := range []string{"article:section", "parsely-section", "section", "dc.subject", "sailthru.section"} {
		if v, _ := x.p.metaFirst(k); v != "" {
			sec = append(sec, [2]string{v, "meta " + k})
		}
	}
	if v := parselyPage(x.p); v != nil {
		if s, ok := v["section"].(string); ok {
			sec = append(sec, [2]string{s, "meta parsely-page section"})
		}
	}
	if x.mi != nil {
		sec = append(sec, [2]string{x.mi.text("articleSection"), "microdata articleSection"})
	}
	for _, c := range sec {
		if v := plainText(c[0]); v != "" && utf8.RuneCountInString(v) <= 60 && !strings.Contains(v, "://") {
			x.a.Section = v
			x.r.add("section", c[1], v)
			break
		}
	}

	// Tags.
	type src struct {
		vals []string
		name string
	}
	var tags []src
	if x.main != nil {
		var kw []string
		for _, k := range x.g.strs(x.main, "keywords") {
			kw = append(kw, strings.Split(k, ",")...)
		}
		tags = append(tags, src{kw, ldName(x.main) + " keywords"})
	}
	tags = append(tags, src{x.p.metaAll("article:tag"), "meta article:tag"})
	if v, _ := x.p.metaFirst("parsely-tags"); v != "" {
		tags = append(tags, src{strings.Split(v, ","), "meta parsely-tags"})
	}
	for _, k := range []string{"news_keywords", "keywords"} {
		if v, _ := x.p.metaFirst(k); v != "" {
			tags = append(tags, src{strings.Split(v, ","), "meta " + k})
		}
	}
	for _, t := range tags {
		var out []string
		seen := map[string]bool{}
		for _, v := range t.vals {
			v = plainText(v)
			if v == "" || utf8.RuneCountInString(v) > 60 || seen[strings.ToLower(v)] || strings.Contains(v, "://") {
				continue
			}
			seen[strings.ToLower(v)] = true
			out = append(out, v)
			if len(out) == 20 {
				break
			}
		}
		if len(out) > 0 {
			x.a.Tags = out
			x.r.add("tags", t.name, strings.Join(out, ", "))
			break
		}
	}

	// Kicker: the page's own label above the headline, when marked.
	if v, k := x.p.metaFirst("kicker", "article:kicker", "parsely-kicker"); v != "" {
		if v = plainText(v); v != "" && utf8.RuneCountInString(v) <= 40 {
			x.a.Kicker = v
			x.r.add("kicker", "meta "+k, v)
		}
	}
}

var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func (x *extractor) language() {
	cands := [][2]string{{x.p.lang, "<html lang>"}}
	if x.main != nil {
		cands = append(cands, [2]string{x.g.str(x.main, "inLanguage"), ldName(x.main) + " inLanguage"})
	}
	for _, k := range []string{"content-language", "language", "dc.language", "dcterms.language"} {
		if v, _ := x.p.metaFirst(k); v != "" {
			cands = append(cands, [2]string{v, "meta " + k})
		}
	}
	if v, _ := x.p.metaFirst("og:locale"); v != "" {
		cands = append(cands, [2]string{v, "meta og:locale"})
	}
	for _, c := range cands {
		v := strings.ReplaceAll(strings.TrimSpace(c[0]), "_", "-")
		if i := strings.IndexByte(v, ','); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		if !langRe.MatchString(v) || strings.EqualFold(v, "und") || strings.EqualFold(v, "xx") {
			continue
		}
		x.a.Language = v
		x.r.add("language", c[1], v)
		return
	}
}

func parselyPage(p *page) map[string]any {
	v, _ := p.metaFirst("parsely-page")
	if v == "" {
		return nil
	}
	var m map[string]any
	if err := jsonUnmarshal(v, &m); err != nil {
		return nil
	}
	return m
}
