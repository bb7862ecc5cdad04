package site

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/broadsheet/broadsheet/article"
)

// Collection is a set of valid articles with their inherited site
// settings, indexed by id, canonical URL and page path, ordered newest
// first. It is immutable and safe for concurrent use; build a new one to
// change it (Load, New).
type Collection struct {
	site     *article.Site
	arts     []*article.Article // newest first
	sources  []string           // file of each article; "" for values
	byID     map[string]int
	byURL    map[string]int
	byPath   map[string]int
	warnings []*FileError
	version  string
}

// New builds a collection from articles held in memory (a CMS, a test).
// Each article inherits base (see Inherit) and is checked; an article
// without an id takes the last segment of its canonical URL's path. The
// collection keeps deep copies (article.Clone): the caller's articles are
// never modified, and changing them later changes nothing here. Problems
// are reported as by Load,
// with "articles[i]" in place of a file name; with keepGoing the valid
// articles are returned next to the *LoadError.
func New(base *article.Site, arts []*article.Article, keepGoing bool) (*Collection, error) {
	items := make([]loaded, len(arts))
	for i, a := range arts {
		items[i] = loaded{name: fmt.Sprintf("articles[%d]", i)}
		if a == nil {
			items[i].err = fmt.Errorf("site: nil article")
			continue
		}
		items[i].art = a.Clone()
	}
	return build(base, items, keepGoing)
}

// loaded is one decoded file (or value) before checking.
type loaded struct {
	name   string // file path, or articles[i]
	source string // file path, or ""
	art    *article.Article
	err    error // decoding findings (non-fatal) or a fatal error with art nil
	defID  string
}

// build checks and indexes the items in order; items are in a
// deterministic order (sorted paths) so duplicate reports are stable.
func build(base *article.Site, items []loaded, keepGoing bool) (*Collection, error) {
	c := &Collection{
		site:   Inherit(base, nil),
		byID:   make(map[string]int, len(items)),
		byURL:  make(map[string]int, len(items)),
		byPath: make(map[string]int, len(items)),
	}
	var bad []*FileError
	type good struct {
		art      *article.Article
		source   string
		name     string
		findings []article.Finding
		keys     [3]string // id, canonical URL, page path
	}
	var cands []good
	for _, it := range items {
		if it.art == nil {
			bad = append(bad, &FileError{Path: it.name, Err: it.err})
			continue
		}
		a := *it.art
		a.Site = Inherit(base, it.art.Site)
		if a.ID == "" {
			a.ID = it.defID
			if a.ID == "" {
				a.ID = lastSegment(a.URL)
			}
		}
		findings, failed := check(&a, it.err)
		if failed {
			bad = append(bad, &FileError{Path: it.name, Err: &article.ValidationError{Findings: findings}})
			continue
		}
		cands = append(cands, good{art: &a, source: it.source, name: it.name, findings: findings,
			keys: [3]string{a.ID, normURL(a.URL), PagePath(&a)}})
	}
	// Two articles claiming one id, canonical URL or page path: neither is
	// loaded (which one is right is the publisher's call), and each names
	// the others.
	var owners [3]map[string][]string
	for k := range owners {
		owners[k] = map[string][]string{}
		for _, g := range cands {
			owners[k][g.keys[k]] = append(owners[k][g.keys[k]], g.name)
		}
	}
	fields := [3]string{"id", "url", "url"}
	what := [3]string{"id", "canonical URL", "page path"}
	var goods []good
	for _, g := range cands {
		var dups []article.Finding
		for k := range owners {
			names := owners[k][g.keys[k]]
			if len(names) < 2 {
				continue
			}
			others := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == g.name })
			dups = append(dups, article.Finding{Path: fields[k], Code: "duplicate", Severity: article.SeverityError,
				Message: fmt.Sprintf("%s %q is also that of %s", what[k], g.keys[k], strings.Join(others, ", ")), Err: article.ErrDuplicate})
			if k == 1 {
				break // the same URL always has the same path
			}
		}
		if len(dups) > 0 {
			bad = append(bad, &FileError{Path: g.name, Err: &article.ValidationError{Findings: append(g.findings, dups...)}})
			continue
		}
		if len(g.findings) > 0 {
			c.warnings = append(c.warnings, &FileError{Path: g.name, Err: &article.ValidationError{Findings: g.findings}})
		}
		goods = append(goods, g)
	}
	// Newest first; ties by id so the order never depends on load order.
	slices.SortStableFunc(goods, func(x, y good) int {
		if c := y.art.Published.Compare(x.art.Published); c != 0 {
			return c
		}
		return cmp.Compare(x.art.ID, y.art.ID)
	})
	h := sha256.New()
	if c.site != nil {
		b, _ := json.Marshal(c.site)
		h.Write(b)
	}
	for i, g := range goods {
		c.arts = append(c.arts, g.art)
		c.sources = append(c.sources, g.source)
		c.byID[g.art.ID] = i
		c.byURL[normURL(g.art.URL)] = i
		c.byPath[PagePath(g.art)] = i
		b, err := json.Marshal(g.art)
		if err != nil {
			return nil, fmt.Errorf("site: %s: encoding: %w", g.name, err)
		}
		h.Write(b)
		h.Write([]byte{0})
	}
	c.version = hex.EncodeToString(h.Sum(nil)[:16])
	if len(bad) > 0 {
		le := &LoadError{Files: bad}
		if keepGoing {
			return c, le
		}
		return nil, le
	}
	return c, nil
}

// check merges the decoding findings with article.Check's (a field that
// failed to decode is not reported twice), adds the layout's own rules,
// and reports whether any finding is an error.
func check(a *article.Article, decodeErr error) ([]article.Finding, bool) {
	var findings []article.Finding
	bad := map[string]bool{}
	if ve, ok := decodeErr.(*article.ValidationError); ok {
		findings = append(findings, ve.Findings...)
		for _, f := range ve.Findings {
			bad[f.Path] = true
		}
	}
	for _, f := range a.Check() {
		if !bad[f.Path] {
			findings = append(findings, f)
		}
	}
	if !ValidID(a.ID) && !bad["id"] {
		findings = append(findings, article.Finding{Path: "id", Code: "invalid_id", Severity: article.SeverityError,
			Message: fmt.Sprintf("%q is not a valid id: use letters, digits, '-', '_' and '.', at most %d, not starting with '.'", a.ID, MaxIDLength),
			Err:     ErrInvalidID})
	}
	urlBad := false
	for _, f := range findings {
		urlBad = urlBad || f.Path == "url"
	}
	if a.URL != "" && !urlBad {
		if p := PagePath(a); p != "" && reserved(p) {
			findings = append(findings, article.Finding{Path: "url", Code: "reserved_path", Severity: article.SeverityError,
				Message: fmt.Sprintf("the path %q is reserved for the site's own pages and feeds", p), Err: ErrReservedPath})
		}
	}
	failed := false
	for _, f := range findings {
		if f.Severity == article.SeverityError {
			failed = true
		}
	}
	return findings, failed
}

func lastSegment(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return path.Base(strings.TrimSuffix(u.Path, "/"))
}

// normURL is the key canonical URLs are compared by: scheme and host in
// lower case, the rest as written.
func normURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

// Site returns the collection's site configuration (nil when none was
// given). Do not modify it.
func (c *Collection) Site() *article.Site { return c.site }

// Len returns the number of articles.
func (c *Collection) Len() int { return len(c.arts) }

// Articles returns every article, newest first (by published time, then
// id). The slice is the caller's; the articles are shared: do not modify
// them.
func (c *Collection) Articles() []*article.Article { return slices.Clone(c.arts) }

// Latest returns up to n articles, newest first (all of them when n <= 0).
func (c *Collection) Latest(n int) []*article.Article {
	if n <= 0 || n > len(c.arts) {
		n = len(c.arts)
	}
	return slices.Clone(c.arts[:n])
}

// ByID returns the article with the given id.
func (c *Collection) ByID(id string) (*article.Article, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return c.arts[i], true
}

// ByURL returns the article whose canonical URL is raw (scheme and host
// compared without case).
func (c *Collection) ByURL(raw string) (*article.Article, bool) {
	i, ok := c.byURL[normURL(raw)]
	if !ok {
		return nil, false
	}
	return c.arts[i], true
}

// ByPath returns the article whose page is at p (see PagePath).
func (c *Collection) ByPath(p string) (*article.Article, bool) {
	i, ok := c.byPath[p]
	if !ok {
		return nil, false
	}
	return c.arts[i], true
}

// Source returns the file the article with this id was loaded from, or
// "" for an article given as a value or not in the collection.
func (c *Collection) Source(id string) string {
	i, ok := c.byID[id]
	if !ok {
		return ""
	}
	return c.sources[i]
}

// Breaking returns up to n breaking articles (Breaking set), newest first:
// the stories for a ticker. n <= 0 means all.
func (c *Collection) Breaking(n int) []*article.Article {
	var out []*article.Article
	for _, a := range c.arts {
		if n > 0 && len(out) == n {
			break
		}
		if a.Breaking {
			out = append(out, a)
		}
	}
	return out
}

// Warnings returns the warnings of the loaded articles, one *FileError per
// file that has any.
func (c *Collection) Warnings() []*FileError { return slices.Clone(c.warnings) }

// Version returns a digest of everything in the collection (the site and
// every article, in order): equal collections have equal versions, and any
// change gives a new one. Caches key on it.
func (c *Collection) Version() string { return c.version }

// The methods below let a *Collection serve as package serve's Source.

// VersionContext returns Version; it never fails.
func (c *Collection) VersionContext(context.Context) (string, error) { return c.version, nil }

// Article returns the article with this id, or an error wrapping
// ErrNotFound.
func (c *Collection) Article(_ context.Context, id string) (*article.Article, error) {
	if a, ok := c.ByID(id); ok {
		return a, nil
	}
	return nil, fmt.Errorf("%w: id %q", ErrNotFound, id)
}

// ArticleByURL returns the article whose canonical URL is raw, or, when
// raw is a path alone ("/local/story"), whose page is at that path; else
// an error wrapping ErrNotFound.
func (c *Collection) ArticleByURL(_ context.Context, raw string) (*article.Article, error) {
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") {
		if a, ok := c.ByPath(raw); ok {
			return a, nil
		}
	} else if a, ok := c.ByURL(raw); ok {
		return a, nil
	}
	return nil, fmt.Errorf("%w: URL %q", ErrNotFound, raw)
}

// LatestContext returns Latest(n); it never fails.
func (c *Collection) LatestContext(_ context.Context, n int) ([]*article.Article, error) {
	return c.Latest(n), nil
}

// Live holds the current collection of a site that reloads: readers call
// Load (or use Live as package serve's Source) while a reloader calls
// Store with a new collection. It is safe for concurrent use. The zero
// Live holds an empty collection.
type Live struct {
	p atomic.Pointer[Collection]
}

// NewLive returns a Live holding c.
func NewLive(c *Collection) *Live {
	l := &Live{}
	l.Store(c)
	return l
}

var empty = &Collection{byID: map[string]int{}, byURL: map[string]int{}, byPath: map[string]int{}, version: "empty"}

// Load returns the current collection.
func (l *Live) Load() *Collection {
	if c := l.p.Load(); c != nil {
		return c
	}
	return empty
}

// Store makes c the current collection; nil stores an empty one.
func (l *Live) Store(c *Collection) {
	if c == nil {
		c = empty
	}
	l.p.Store(c)
}

// VersionContext returns the current collection's Version.
func (l *Live) VersionContext(ctx context.Context) (string, error) {
	return l.Load().VersionContext(ctx)
}

// Article looks id up in the current collection; see Collection.Article.
func (l *Live) Article(ctx context.Context, id string) (*article.Article, error) {
	return l.Load().Article(ctx, id)
}

// ArticleByURL looks raw up in the current collection; see
// Collection.ArticleByURL.
func (l *Live) ArticleByURL(ctx context.Context, raw string) (*article.Article, error) {
	return l.Load().ArticleByURL(ctx, raw)
}

// LatestContext returns the current collection's newest n articles.
func (l *Live) LatestContext(ctx context.Context, n int) ([]*article.Article, error) {
	return l.Load().LatestContext(ctx, n)
}
