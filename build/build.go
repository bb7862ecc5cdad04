package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
	"github.com/broadsheet/broadsheet/markdown"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// Errors callers can branch on with errors.Is.
var (
	// ErrOptions is returned (wrapped) for invalid options.
	ErrOptions = errors.New("build: invalid options")
	// ErrArticle is returned (wrapped, naming the article and its file)
	// for an article that cannot be built: its page path escapes the
	// output folder or collides with another output, or a render failed.
	ErrArticle = errors.New("build: article cannot be built")
)

// ManifestName is the manifest's file name in Options.Out for an unsharded
// build; shard I of N uses ".broadsheet-build.I-of-N.json".
const ManifestName = ".broadsheet-build.json"

// Options configures Build. Out is required; the zero value of every other
// field is useful.
type Options struct {
	// Out is the output folder; it is created if missing.
	Out string
	// PublicURL is the absolute http(s) URL the site will be served from
	// ("https://news.example.com/"): the base of og:image card URLs and
	// feed self links. Empty means the collection's site URL.
	PublicURL string
	// Serve configures the rendering exactly as for package serve (render
	// options, card theme and version, list and ticker sizes). Its
	// PublicURL, CacheBytes and OnError are set by Build.
	Serve serve.Options
	// Jobs bounds the articles rendered at once; zero means GOMAXPROCS.
	Jobs int
	// Shard and Shards select a deterministic part of the articles: those
	// whose id hashes to Shard modulo Shards. Shards zero or one builds
	// everything; the listings are built by shard 0 only.
	Shard, Shards int
	// NoCards leaves out the share card files, the key-point card
	// included (the pages still point og:image at them and the index
	// links them): for a site whose cards are drawn elsewhere, or served
	// by package serve.
	NoCards bool
	// PagesOnly writes each article's page at its canonical path and the
	// listings, nothing else: no /a/ID files (page, fragment, meta.json,
	// share.json) and no cards. The index links to /a/ID (page, fragment,
	// meta.json, share.json) and the cards, and each page's og:image and
	// twitter:image name its card, so on a static host those links then
	// fail; use it where pages and feeds are all that is hosted.
	PagesOnly bool
	// KeepGoing builds every article it can and reports those it could
	// not in Result.Failed; otherwise the first failure stops the build.
	KeepGoing bool
	// Version is part of every key: change it when something shaping the
	// output changes outside the articles and this program (templates
	// given in Serve.Render.Templates are hashed already; a card theme's
	// fonts and logo are not).
	Version string
	// Engine identifies the program; empty means a hash of the running
	// executable (which embeds the default templates and fonts), so a new
	// broadsheet rebuilds everything.
	Engine string
	// Progress, if set, is told after each article (and the listings) is
	// done. Calls are serialised, never concurrent.
	Progress func(Progress)
}

// Progress reports a build's advance.
type Progress struct {
	// Done counts the finished units (articles, and the listings as one
	// unit) out of Total.
	Done, Total int
	// Name is the unit just finished: an article id, or "listings".
	Name string
	// Rendered is false when the unit was up to date and skipped.
	Rendered bool
}

// Result describes a finished build.
type Result struct {
	// Articles is how many articles this build (shard) covers; Rendered
	// how many of them were rendered and Unchanged how many were up to
	// date (a stopped build leaves the rest unfinished).
	Articles, Rendered, Unchanged int
	// Listings reports whether the listings were rendered.
	Listings bool
	// Written and Removed count files.
	Written, Removed int
	// Failed lists the articles that could not be built (with KeepGoing).
	Failed []error
}

// Decoders returns site's default decoders plus ".md" and ".markdown"
// (package markdown), for site.Options.Decoders.
func Decoders() map[string]site.Decoder {
	d := site.DefaultDecoders()
	md := func(name string, data []byte) (*article.Article, error) {
		return markdown.Decode(bytes.NewReader(data), name, markdown.Options{MaxBytes: int64(len(data)) + 1})
	}
	d[".md"] = md
	d[".markdown"] = md
	return d
}

// ShardOf returns the shard (0..shards-1) an article id belongs to.
func ShardOf(id string, shards int) int {
	if shards <= 1 {
		return 0
	}
	h := fnv.New32a()
	io.WriteString(h, id)
	return int(h.Sum32() % uint32(shards))
}

// builder is one run of Build.
type builder struct {
	c       *site.Collection
	opts    Options
	h       *serve.Handler
	base    string // the public URL, ending in "/"
	prefix  string // the public URL's path, ending in "/"
	keyBase string // hashed into every key
	out     string

	dirs dirCache

	digestMu sync.Mutex
	digests  map[string]string // by id, for ticker stories
}

// Build writes the collection c to opts.Out; see the package
// documentation. It stops early when ctx is cancelled, after writing the
// manifest of the work finished, and returns ctx's error.
func Build(ctx context.Context, c *site.Collection, opts Options) (*Result, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil collection", ErrOptions)
	}
	if opts.Out == "" {
		return nil, fmt.Errorf("%w: no output folder", ErrOptions)
	}
	if opts.Shards <= 0 {
		opts.Shards = 1
	}
	if opts.Shard < 0 || opts.Shard >= opts.Shards {
		return nil, fmt.Errorf("%w: shard %d of %d", ErrOptions, opts.Shard, opts.Shards)
	}
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	public := opts.PublicURL
	if public == "" && c.Site() != nil {
		public = c.Site().URL
	}
	if public == "" {
		return nil, fmt.Errorf("%w: no public URL (set one, or the site's url)", ErrOptions)
	}
	u, err := article.CheckURL(public)
	if err != nil {
		return nil, fmt.Errorf("%w: public URL: %v", ErrOptions, err)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%w: public URL %q has a query or fragment", ErrOptions, public)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	if opts.Engine == "" {
		opts.Engine, err = executableHash()
		if err != nil {
			return nil, err
		}
	}
	b := &builder{c: c, opts: opts, base: u.String(), prefix: u.EscapedPath(), out: opts.Out, digests: map[string]string{}}
	so := opts.Serve
	so.PublicURL = b.base
	so.CacheBytes = 1      // nothing is served twice: cache nothing
	so.NoOEmbedLink = true // a static host does not answer /oembed
	if so.Render.CacheBytes == 0 {
		so.Render.CacheBytes = 4 << 20
	}
	so.OnError = func(r *http.Request, err error) {
		if slot, ok := r.Context().Value(errKey{}).(*error); ok {
			*slot = err
		}
	}
	so.RenderTimeout = 24 * time.Hour // a build waits for its renders
	b.h, err = serve.New(c, so)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	tpl, err := hashFS(opts.Serve.Render.Templates)
	if err != nil {
		return nil, fmt.Errorf("%w: templates: %v", ErrOptions, err)
	}
	so.Render.Templates = nil
	b.keyBase = strings.Join([]string{"broadsheet build v1", opts.Engine, opts.Version, b.base, tpl, optionsText(opts.Serve)}, "\x00")
	if err := os.MkdirAll(b.out, 0o755); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	return b.run(ctx)
}

// optionsText is the text of the serve and render options that shape
// output, for keys.
func optionsText(o serve.Options) string {
	r := o.Render
	return fmt.Sprintf("%q|%v|%v|%d|%q|%q|%d|%d|%q|%+v|%+v|%v", r.TitleFormat, r.NoIndex, r.NoFollow, r.WordsPerMinute, r.TimeZone,
		o.CardVersion, o.ListSize, o.TickerSize, o.TickerLabel, r.Share, r.Sanitize, r.ShareImageAlways)
}

// hashFS hashes the *.html files of a template folder ("" when nil).
func hashFS(fsys fs.FS) (string, error) {
	if fsys == nil {
		return "", nil
	}
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// executableHash hashes the running program.
func executableHash() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("build: identifying the program: %w", err)
	}
	f, err := os.Open(p)
	if err != nil {
		return "", fmt.Errorf("build: identifying the program: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("build: identifying the program: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// manifestName is this build's manifest file name.
func (b *builder) manifestName() string {
	if b.opts.Shards <= 1 {
		return ManifestName
	}
	return ".broadsheet-build." + strconv.Itoa(b.opts.Shard) + "-of-" + strconv.Itoa(b.opts.Shards) + ".json"
}

// unit is one group of outputs: an article's files, or the listings.
type unit struct {
	name string // id, or "" for the listings
	a    *article.Article
}

const listingsName = "listings"

func (b *builder) run(ctx context.Context) (*Result, error) {
	old, err := readManifest(b.out, b.manifestName())
	if err != nil {
		return nil, err
	}
	var units []unit
	if b.opts.Shard == 0 {
		units = append(units, unit{name: listingsName})
	}
	for _, a := range b.c.Articles() {
		if ShardOf(a.ID, b.opts.Shards) == b.opts.Shard {
			units = append(units, unit{name: a.ID, a: a})
		}
	}
	res := &Result{Articles: len(units)}
	if b.opts.Shard == 0 {
		res.Articles--
	}
	if bad := b.checkPaths(units); len(bad) > 0 {
		if !b.opts.KeepGoing {
			return nil, errors.Join(bad...)
		}
		res.Failed = append(res.Failed, bad...)
		kept := units[:0]
		for _, u := range units {
			if u.a == nil || !failedID(bad, u.a.ID) {
				kept = append(kept, u)
			}
		}
		units = kept
	}

	next := &manifest{Entries: map[string]entry{}}
	var (
		mu       sync.Mutex
		done     int
		firstErr error
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan unit)
	var wg sync.WaitGroup
	for range min(b.opts.Jobs, max(len(units), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				e, rendered, written, err := b.unit(ctx, u, old.Entries[u.name])
				mu.Lock()
				if err != nil {
					if ctx.Err() != nil {
						// Stopped (cancelled, or another unit failed):
						// this unit is unfinished, not failed.
						mu.Unlock()
						continue
					}
					if b.opts.KeepGoing {
						res.Failed = append(res.Failed, err)
					} else if firstErr == nil {
						firstErr = err
						cancel()
					}
				} else {
					next.Entries[u.name] = e
					res.Written += written
					switch {
					case rendered && u.a == nil:
						res.Listings = true
					case rendered:
						res.Rendered++
					case u.a != nil:
						res.Unchanged++
					}
				}
				done++
				if b.opts.Progress != nil {
					b.opts.Progress(Progress{Done: done, Total: len(units), Name: u.name, Rendered: rendered})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, u := range units {
		select {
		case work <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()

	stopped := firstErr != nil || ctx.Err() != nil
	if stopped {
		// Keep what the old manifest says of units not finished, so their
		// files are neither lost from the manifest nor removed.
		for name, e := range old.Entries {
			if _, ok := next.Entries[name]; !ok {
				next.Entries[name] = e
			}
		}
	} else {
		if b.opts.KeepGoing {
			// A failed article keeps its old files (and entry) rather
			// than losing its page to one bad render.
			for _, err := range res.Failed {
				var ae *articleError
				if errors.As(err, &ae) {
					if e, ok := old.Entries[ae.id]; ok {
						next.Entries[ae.id] = e
					}
				}
			}
		}
		n, err := b.removeStale(old, next)
		res.Removed = n
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := writeManifest(b.out, b.manifestName(), next); err != nil && firstErr == nil {
		firstErr = err
	}
	if firstErr != nil {
		return res, firstErr
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("build: stopped: %w", err)
	}
	return res, nil
}

// articleError is a failure of one article.
type articleError struct {
	id, source string
	err        error
}

func (e *articleError) Error() string {
	src := e.source
	if src == "" {
		src = "article " + strconv.Quote(e.id)
	}
	return src + ": " + e.err.Error()
}

func (e *articleError) Unwrap() []error { return []error{ErrArticle, e.err} }

func (b *builder) fail(a *article.Article, err error) error {
	return &articleError{id: a.ID, source: b.c.Source(a.ID), err: err}
}

// checkPaths checks every article's page path before anything is written:
// it must stay inside Out and not collide with another output.
func (b *builder) checkPaths(units []unit) []error {
	seen := map[string]string{}
	for _, n := range []string{"index.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml", "news-sitemap.xml"} {
		seen[n] = "the listings"
	}
	var errs []error
	for _, u := range units {
		if u.a == nil {
			continue
		}
		p, err := b.pageFile(u.a)
		if err != nil {
			errs = append(errs, b.fail(u.a, err))
			continue
		}
		if other, ok := seen[p]; ok {
			errs = append(errs, b.fail(u.a, fmt.Errorf("page file %s is also %s", p, other)))
			continue
		}
		seen[p] = "the page of " + strconv.Quote(u.a.ID)
	}
	return errs
}

// failedID reports whether errs holds an error of the article id.
func failedID(errs []error, id string) bool {
	for _, err := range errs {
		var ae *articleError
		if errors.As(err, &ae) && ae.id == id {
			return true
		}
	}
	return false
}

// pageFile returns the file of a's page, relative to Out, slash-separated.
func (b *builder) pageFile(a *article.Article) (string, error) {
	pp := site.PagePath(a)
	if pp == "" {
		return "", errors.New("url: no page path")
	}
	rel, ok := strings.CutPrefix(pp, b.prefix)
	if !ok {
		return "", fmt.Errorf("url: page path %s is outside the public URL's path %s", pp, b.prefix)
	}
	raw, err := url.PathUnescape(rel)
	if err != nil {
		return "", fmt.Errorf("url: page path %s: %v", pp, err)
	}
	clean := path.Clean("/" + raw)[1:]
	if clean != strings.TrimSuffix(raw, "/") || clean == "" || strings.ContainsAny(raw, "\\\x00") {
		return "", fmt.Errorf("url: page path %s does not name a file inside the output folder", pp)
	}
	for seg := range strings.SplitSeq(clean, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", fmt.Errorf("url: page path %s has a segment starting with a dot", pp)
		}
	}
	if strings.HasSuffix(clean, ".html") && !strings.HasSuffix(raw, "/") {
		return clean, nil
	}
	return clean + "/index.html", nil
}

// key returns the key of a unit: a hash of everything shaping its files.
func (b *builder) key(u unit) string {
	h := sha256.New()
	io.WriteString(h, b.keyBase)
	if u.a == nil {
		io.WriteString(h, "\x00listings\x00"+b.c.Version())
		return hex.EncodeToString(h.Sum(nil))
	}
	io.WriteString(h, "\x00article\x00"+site.ArticleDigest(u.a))
	if b.opts.Serve.TickerSize >= 0 {
		n := b.opts.Serve.TickerSize
		if n == 0 {
			n = serve.DefaultTickerSize
		}
		ls := b.opts.Serve.ListSize
		if ls <= 0 {
			ls = serve.DefaultListSize
		}
		for _, t := range site.Ticker(b.c.Latest(ls), u.a, n) {
			io.WriteString(h, "\x00ticker\x00"+b.digest(t))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// newsKey is what the news sitemap depends on besides the listings' key:
// which articles are in its two-day window now.
func (b *builder) newsKey() string {
	now := time.Now()
	if b.opts.Serve.Now != nil {
		now = b.opts.Serve.Now()
	}
	h := sha256.New()
	for _, a := range b.c.Articles() {
		if !a.Published.After(now) && now.Sub(a.Published) <= feed.NewsWindow {
			io.WriteString(h, a.ID+"\x00")
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// digest is site.ArticleDigest, kept for the ticker stories.
func (b *builder) digest(a *article.Article) string {
	b.digestMu.Lock()
	defer b.digestMu.Unlock()
	d, ok := b.digests[a.ID]
	if !ok {
		d = site.ArticleDigest(a)
		b.digests[a.ID] = d
	}
	return d
}

// keyPointCard is the key-point card serve's index links for an article
// with key points (its first point, square).
var keyPointCard = site.CardSpec{Width: 1080, Height: 1080, Layout: "keypoint", Point: 1}

// output is one file to write: its path relative to Out and the URL path
// (relative to the handler) whose response it holds.
type output struct {
	file, route string
}

// outputs lists a unit's files.
func (b *builder) outputs(u unit) ([]output, error) {
	if u.a == nil {
		return []output{
			{"index.html", site.IndexPath},
			{"feed.xml", site.RSSPath},
			{"atom.xml", site.AtomPath},
			{"feed.json", site.JSONFeedPath},
			{"sitemap.xml", site.SitemapPath},
			{"news-sitemap.xml", site.NewsSitemapPath},
		}, nil
	}
	a := u.a
	page, err := b.pageFile(a)
	if err != nil {
		return nil, err
	}
	at := site.ArticlePrefix + a.ID
	card := site.CardPath(a.ID, serve.DefaultCard, site.CardHash(a, serve.DefaultCard, b.opts.Serve.CardVersion))
	if b.opts.PagesOnly {
		return []output{{page, at}}, nil
	}
	outs := []output{
		{page, at},
		{at[1:] + "/index.html", at},
		{at[1:] + "/fragment/index.html", at + "/fragment"},
		{at[1:] + "/meta.json", at + "/meta.json"},
		{at[1:] + "/share.json", at + "/share.json"},
	}
	if !b.opts.NoCards {
		outs = append(outs, output{card[1:], card}, output{site.CardAliasPath(a.ID, serve.DefaultCard)[1:], card})
		if len(a.KeyPoints) > 0 {
			// The index links this card (at its stable alias) for every
			// article with key points.
			kp := site.CardAliasPath(a.ID, keyPointCard)
			outs = append(outs, output{kp[1:], kp})
		}
	}
	return outs, nil
}

// unit builds one unit unless its manifest entry says it is up to date.
// It returns the new entry, whether it rendered, and the files written.
func (b *builder) unit(ctx context.Context, u unit, old entry) (entry, bool, int, error) {
	if err := ctx.Err(); err != nil {
		return entry{}, false, 0, err
	}
	e := entry{Key: b.key(u)}
	if u.a == nil {
		e.News = b.newsKey()
	}
	outs, err := b.outputs(u)
	if err != nil {
		return entry{}, false, 0, b.fail(u.a, err)
	}
	for _, o := range outs {
		e.Files = append(e.Files, o.file)
	}
	if old.Key == e.Key && old.News == e.News && subset(e.Files, old.Files) && b.allExist(e.Files) {
		return e, false, 0, nil
	}
	written := 0
	var last output
	var body []byte
	for _, o := range outs {
		// Outputs of one route are adjacent: render it once.
		if o.route != last.route || body == nil {
			body, err = b.get(ctx, o.route)
			if err != nil {
				if u.a == nil {
					return entry{}, false, written, fmt.Errorf("build: %s: %w", o.file, err)
				}
				return entry{}, false, written, b.fail(u.a, fmt.Errorf("%s: %w", o.file, err))
			}
		}
		last = o
		if err := b.dirs.writeFile(b.out, o.file, body); err != nil {
			return entry{}, false, written, err
		}
		written++
	}
	return e, true, written, nil
}

// subset reports whether every file of a is in b: files built from the
// same key are up to date even when fewer are wanted now.
func subset(a, b []string) bool {
	for _, f := range a {
		if !slices.Contains(b, f) {
			return false
		}
	}
	return true
}

func (b *builder) allExist(files []string) bool {
	for _, f := range files {
		if _, err := os.Lstat(b.path(f)); err != nil {
			return false
		}
	}
	return true
}

func (b *builder) path(rel string) string {
	return b.out + string(os.PathSeparator) + fromSlash(rel)
}

func fromSlash(p string) string {
	if os.PathSeparator == '/' {
		return p
	}
	return strings.ReplaceAll(p, "/", string(os.PathSeparator))
}

// errKey is the context key of a request's error slot.
type errKey struct{}

// get returns the body the handler answers for route.
func (b *builder) get(ctx context.Context, route string) ([]byte, error) {
	var failure error
	ctx = context.WithValue(ctx, errKey{}, &failure)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+strings.TrimPrefix(route, "/"), nil)
	if err != nil {
		return nil, err
	}
	req.URL.Path = route
	req.URL.RawPath = ""
	req.RequestURI = b.prefix + strings.TrimPrefix(route, "/")
	w := &recorder{header: http.Header{}}
	b.h.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.status != http.StatusOK {
		if failure != nil {
			return nil, failure
		}
		return nil, fmt.Errorf("status %d: %s", w.status, strings.TrimSpace(w.body.String()))
	}
	return w.body.Bytes(), nil
}

// recorder is the http.ResponseWriter of an in-process request.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(s int) {
	if r.status == 0 {
		r.status = s
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}

// removeStale removes the files old lists and next does not, and the
// folders left empty.
func (b *builder) removeStale(old, next *manifest) (int, error) {
	keep := map[string]bool{}
	for _, e := range next.Entries {
		for _, f := range e.Files {
			keep[f] = true
		}
	}
	var gone []string
	for _, e := range old.Entries {
		for _, f := range e.Files {
			if !keep[f] {
				gone = append(gone, f)
			}
		}
	}
	sort.Strings(gone)
	n := 0
	var errs []error
	dirs := map[string]bool{}
	for _, f := range gone {
		err := os.Remove(b.path(f))
		if err == nil {
			n++
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("build: removing %s: %w", f, err))
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first; a folder that is not empty stays.
	ds := make([]string, 0, len(dirs))
	for d := range dirs {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return strings.Count(ds[i], "/") > strings.Count(ds[j], "/") })
	for _, d := range ds {
		os.Remove(b.path(d)) // fails, harmlessly, when not empty
	}
	return n, errors.Join(errs...)
}
