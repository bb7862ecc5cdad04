package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/broadsheet/broadsheet/article"
)

// Collection is a set of valid articles with their inherited site
// settings, ordered newest first and indexed by id, canonical URL and
// page path. It keeps an Entry of every article in memory; the articles
// themselves it keeps when they are few (Options.MaxResident) and
// otherwise reads again from their files when asked, so its memory is
// bounded for an archive of any size. It is immutable and safe for
// concurrent use; build a new one to change it (Load, New).
type Collection struct {
	site     *article.Site
	ents     []entry            // newest first
	arts     []*article.Article // in ents' order; nil when the articles are read on demand
	byID     []int32            // indexes into ents, by id
	byPath   []int32            // indexes into ents, by page path
	dirs     []string           // the sources' folders; dirs[0] is ""
	warnings []*FileError
	version  string

	// For reading articles again: the configuration, the decoders and
	// the file size limit, and the articles read lately.
	base     *article.Site
	decoders map[string]Decoder
	limit    int64
	cache    *recent
}

// New builds a collection from articles held in memory (a CMS, a test).
// Each article inherits base (see Inherit) and is checked; an article
// without an id takes the last segment of its canonical URL's path. The
// collection keeps deep copies (article.Clone): the caller's articles are
// never modified, and changing them later changes nothing here. Problems
// are reported as by Load, with "articles[i]" in place of a file name;
// with keepGoing the valid articles are returned next to the *LoadError.
func New(base *article.Site, arts []*article.Article, keepGoing bool) (*Collection, error) {
	ld := newLoading(len(arts), true)
	for i, a := range arts {
		if a == nil {
			ld.fail(i, fmt.Errorf("site: nil article"))
			continue
		}
		ld.prepare(i, base, 0, "", "", a.Clone(), nil)
	}
	return ld.build(base, []string{""}, func(i int) string { return fmt.Sprintf("articles[%d]", i) }, keepGoing)
}

// loading gathers what Load (or New) makes of each file (or value), by
// index: its entry, its article when the collection keeps them, and its
// problems. It is small per file, and the entries become the
// collection's without being copied.
type loading struct {
	ents     []entry
	arts     []*article.Article // nil unless the articles are kept
	mu       sync.Mutex
	problems map[int]*problem // files with warnings or errors
}

// problem is what is wrong with a file: warnings, or an error.
type problem struct {
	findings []article.Finding // warnings of a good article
	err      error             // nil, or every reason the file cannot be used
}

func newLoading(n int, resident bool) *loading {
	ld := &loading{ents: make([]entry, n), problems: map[int]*problem{}}
	if resident {
		ld.arts = make([]*article.Article, n)
	}
	return ld
}

// fail records that file i cannot be used.
func (ld *loading) fail(i int, err error) {
	ld.mu.Lock()
	ld.problems[i] = &problem{err: err}
	ld.mu.Unlock()
}

// prepare inherits the site, fills in the id and checks the article of
// file i (source: folder dirs[dir], file name base). It is safe for
// concurrent use with other indexes.
func (ld *loading) prepare(i int, base *article.Site, dir uint32, name, defID string, a *article.Article, decodeErr error) {
	a = resolveArticle(base, a, defID)
	findings, failed := check(a, decodeErr)
	if failed {
		ld.fail(i, &article.ValidationError{Findings: findings})
		return
	}
	if len(findings) > 0 {
		ld.mu.Lock()
		ld.problems[i] = &problem{findings: findings}
		ld.mu.Unlock()
	}
	ld.ents[i] = packEntry(a, dir, name, ArticleDigest(a))
	if ld.arts != nil {
		ld.arts[i] = a
	}
}

// resolveArticle returns a with its inherited site and its default id:
// what the collection holds, the same when read again.
func resolveArticle(base *article.Site, a *article.Article, defID string) *article.Article {
	own := a.Site
	a.Site = Inherit(base, own)
	if a.ID == "" {
		a.ID = defID
		if a.ID == "" {
			a.ID = lastSegment(a.URL)
		}
	}
	return a
}

// build reports duplicates and makes the collection, the files named by
// names; the files are in a deterministic order (sorted paths) so the
// reports are stable.
func (ld *loading) build(base *article.Site, dirs []string, names func(int) string, keepGoing bool) (*Collection, error) {
	c := &Collection{site: Inherit(base, nil), base: base, dirs: dirs}
	ents := ld.ents
	var bad []*FileError
	var cands []int
	for i := range ents {
		if p := ld.problems[i]; p != nil && p.err != nil {
			bad = append(bad, &FileError{Path: names(i), Err: p.err})
			continue
		}
		cands = append(cands, i)
	}
	// Two articles claiming one id, canonical URL or page path: neither is
	// loaded (which one is right is the publisher's call), and each names
	// the others. Duplicates are found by sorting, so no map of every key
	// is held.
	dups := map[int][]article.Finding{}
	group := func(key func(*entry) string, report func(members []int)) {
		order := slices.Clone(cands)
		slices.SortStableFunc(order, func(x, y int) int { return strings.Compare(key(&ents[x]), key(&ents[y])) })
		for i := 0; i < len(order); {
			j := i + 1
			for j < len(order) && key(&ents[order[j]]) == key(&ents[order[i]]) {
				j++
			}
			if j-i > 1 {
				report(order[i:j])
			}
			i = j
		}
	}
	others := func(members []int, self int, same func(int) bool) string {
		var others []string
		for _, m := range members {
			if m != self && same(m) {
				others = append(others, names(m))
			}
		}
		return strings.Join(others, ", ")
	}
	group((*entry).id, func(members []int) {
		for _, m := range members {
			dups[m] = append(dups[m], dupFinding("id", "id", ents[m].id(), others(members, m, func(int) bool { return true })))
		}
	})
	group((*entry).path, func(members []int) {
		// The same canonical URL always has the same path: report a
		// shared URL as such, a shared path of different URLs as a path.
		for _, m := range members {
			u := normURL(ents[m].url())
			if o := others(members, m, func(k int) bool { return normURL(ents[k].url()) == u }); o != "" {
				dups[m] = append(dups[m], dupFinding("url", "canonical URL", u, o))
			} else {
				dups[m] = append(dups[m], dupFinding("url", "page path", ents[m].path(), others(members, m, func(int) bool { return true })))
			}
		}
	})
	// Keep the good entries, in place.
	k := 0
	for _, i := range cands {
		var findings []article.Finding
		if p := ld.problems[i]; p != nil {
			findings = p.findings
		}
		if d := dups[i]; len(d) > 0 {
			bad = append(bad, &FileError{Path: names(i), Err: &article.ValidationError{Findings: append(findings, d...)}})
			continue
		}
		if len(findings) > 0 {
			c.warnings = append(c.warnings, &FileError{Path: names(i), Err: &article.ValidationError{Findings: findings}})
		}
		ents[k] = ents[i]
		if ld.arts != nil {
			ld.arts[k] = ld.arts[i]
		}
		k++
	}
	clear(ents[k:])
	c.ents = ents[:k:k]
	if ld.arts != nil {
		clear(ld.arts[k:])
		c.arts = ld.arts[:k:k]
	}
	ld.ents, ld.arts = nil, nil
	// Newest first; ties by id so the order never depends on load order.
	sort.Sort(byNewest{c})
	h := sha256.New()
	if c.site != nil {
		b, _ := json.Marshal(c.site)
		h.Write(b)
	}
	for i := range c.ents {
		h.Write(c.ents[i].sum[:])
		h.Write([]byte{0})
	}
	c.version = hex.EncodeToString(h.Sum(nil)[:16])
	c.byID = c.sortedBy((*entry).id)
	c.byPath = c.sortedBy((*entry).path)
	if c.arts == nil {
		c.cache = newRecent(recentSize)
	}
	if len(bad) > 0 {
		slices.SortStableFunc(bad, func(a, b *FileError) int { return strings.Compare(a.Path, b.Path) })
		le := &LoadError{Files: bad}
		if keepGoing {
			return c, le
		}
		return nil, le
	}
	return c, nil
}

// byNewest sorts a collection's entries (and articles) newest first.
type byNewest struct{ c *Collection }

func (s byNewest) Len() int           { return len(s.c.ents) }
func (s byNewest) Less(i, j int) bool { return newer(&s.c.ents[i], &s.c.ents[j]) < 0 }
func (s byNewest) Swap(i, j int) {
	s.c.ents[i], s.c.ents[j] = s.c.ents[j], s.c.ents[i]
	if s.c.arts != nil {
		s.c.arts[i], s.c.arts[j] = s.c.arts[j], s.c.arts[i]
	}
}

func dupFinding(field, what, key, others string) article.Finding {
	return article.Finding{Path: field, Code: "duplicate", Severity: article.SeverityError,
		Message: fmt.Sprintf("%s %q is also that of %s", what, key, others), Err: article.ErrDuplicate}
}

// sortedBy returns the indexes of the entries ordered by key.
func (c *Collection) sortedBy(key func(*entry) string) []int32 {
	idx := make([]int32, len(c.ents))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(x, y int32) int { return strings.Compare(key(&c.ents[x]), key(&c.ents[y])) })
	return idx
}

// find returns the index of the entry whose key is k, or -1.
func (c *Collection) find(idx []int32, key func(*entry) string, k string) int {
	i, ok := slices.BinarySearchFunc(idx, k, func(x int32, k string) int { return strings.Compare(key(&c.ents[x]), k) })
	if !ok {
		return -1
	}
	return int(idx[i])
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
func (c *Collection) Len() int { return len(c.ents) }

// Entry returns the entry of the i-th newest article (by published time,
// then id), 0 <= i < Len. It reads no file.
func (c *Collection) Entry(i int) Entry { return c.ents[i].public(c.dirs) }

// Lookup returns the entry of the article with this id. It reads no file.
func (c *Collection) Lookup(id string) (Entry, bool) {
	i := c.find(c.byID, (*entry).id, id)
	if i < 0 {
		return Entry{}, false
	}
	return c.ents[i].public(c.dirs), true
}

// Resident reports whether the collection keeps its articles in memory
// (see Options.MaxResident); otherwise Article and LatestContext read
// them from their files.
func (c *Collection) Resident() bool { return c.arts != nil || len(c.ents) == 0 }

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
// ErrNotFound. A collection that does not keep its articles reads the
// article's file again (see Options.MaxResident): that fails, wrapping
// ErrChanged, when the file no longer holds the article that was loaded.
// The article is shared: do not modify it.
func (c *Collection) Article(_ context.Context, id string) (*article.Article, error) {
	i := c.find(c.byID, (*entry).id, id)
	if i < 0 {
		return nil, fmt.Errorf("%w: id %q", ErrNotFound, id)
	}
	return c.at(i)
}

// ArticleByURL returns the article whose canonical URL is raw (scheme and
// host compared without case), or, when raw is a path alone
// ("/local/story"), whose page is at that path; else an error wrapping
// ErrNotFound. It reads the file as Article does.
func (c *Collection) ArticleByURL(_ context.Context, raw string) (*article.Article, error) {
	if strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") {
		if i := c.find(c.byPath, (*entry).path, raw); i >= 0 {
			return c.at(i)
		}
	} else if p := urlPath(raw); p != "" {
		// Page paths are unique, so the URL's path finds the only
		// candidate.
		if i := c.find(c.byPath, (*entry).path, p); i >= 0 && normURL(c.ents[i].url()) == normURL(raw) {
			return c.at(i)
		}
	}
	return nil, fmt.Errorf("%w: URL %q", ErrNotFound, raw)
}

// LatestContext returns up to n articles, newest first (all of them when
// n <= 0), reading them as Article does. The slice is the caller's; the
// articles are shared: do not modify them.
func (c *Collection) LatestContext(ctx context.Context, n int) ([]*article.Article, error) {
	if n <= 0 || n > len(c.ents) {
		n = len(c.ents)
	}
	out := make([]*article.Article, n)
	for i := range out {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := c.at(i)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// at returns the i-th article, kept or read again.
func (c *Collection) at(i int) (*article.Article, error) {
	if c.arts != nil {
		return c.arts[i], nil
	}
	if a := c.cache.get(i); a != nil {
		return a, nil
	}
	e := &c.ents[i]
	src := e.source(c.dirs)
	it := decodeFile(src, c.decoders, c.limit)
	if it.art == nil {
		return nil, &FileError{Path: src, Err: fmt.Errorf("%w: %w", ErrChanged, it.err)}
	}
	a := resolveArticle(c.base, it.art, it.defID)
	if ArticleDigest(a) != e.digest() {
		return nil, &FileError{Path: src, Err: fmt.Errorf("%w: article %q", ErrChanged, e.id())}
	}
	c.cache.put(i, a)
	return a, nil
}

// recentSize is how many articles a collection that reads them on demand
// keeps of those read lately: enough for a page's several routes (page,
// fragment, metadata, card) rendered at once by every core.
const recentSize = 256

// recent is a small cache of articles by index, evicting the oldest put.
// It is safe for concurrent use.
type recent struct {
	mu    sync.Mutex
	max   int
	items map[int]*article.Article
	order []int // a ring of the keys, oldest at next
	next  int
}

func newRecent(max int) *recent {
	return &recent{max: max, items: make(map[int]*article.Article, max)}
}

func (r *recent) get(i int) *article.Article {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.items[i]
}

func (r *recent) put(i int, a *article.Article) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.items[i]; ok {
		return
	}
	if len(r.order) < r.max {
		r.order = append(r.order, i)
	} else {
		delete(r.items, r.order[r.next])
		r.order[r.next] = i
		r.next = (r.next + 1) % r.max
	}
	r.items[i] = a
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

var empty = &Collection{version: "empty"}

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

// Collection returns the current collection; with it, package serve lists
// every article in its sitemaps.
func (l *Live) Collection(context.Context) (*Collection, error) { return l.Load(), nil }

// Collection returns c itself: the method lets package serve list every
// article of c in its sitemaps (serve.Indexed).
func (c *Collection) Collection(context.Context) (*Collection, error) { return c, nil }
