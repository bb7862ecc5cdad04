package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
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
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/markdown"
	"github.com/broadsheet/broadsheet/render/card"
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
	// output changes outside the articles and this program. Templates
	// given in Serve.Render.Templates are hashed already, and so is
	// Serve.CardTheme (colours, sizes, font family names, the logo's
	// pixels), but not a font swapped for another of the same family
	// name. A new card theme also wants a new Serve.CardVersion, so the
	// cards' hashed URLs change with their pictures.
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

	dirs    dirCache
	journal *journal
	latest  []site.Entry // the newest ListSize articles, for tickers
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
	b := &builder{c: c, opts: opts, base: u.String(), prefix: u.EscapedPath(), out: opts.Out}
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
	b.keyBase = strings.Join([]string{"broadsheet build v2", opts.Engine, opts.Version, b.base, tpl, optionsText(opts.Serve), themeText(opts.Serve.CardTheme)}, "\x00")
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

// themeText is the text of a card theme, for keys: its colours and sizes,
// its fonts' family names and a digest of its logo's pixels. A font
// replaced by another of the same family name is not seen: set
// Options.Version then.
func themeText(t card.Theme) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v|%v|%v|%v|%v|%v|%v|%v|%v|%d|%d|%q|%v|", t.Background, t.Text, t.Muted, t.Accent, t.AccentText,
		t.Breaking, t.BreakingText, t.Rule, t.Scrim, t.Padding, t.Radius, t.Dateline, t.NoSystemFonts)
	family := func(f *card.Font) string {
		if f == nil {
			return "-"
		}
		return f.Family()
	}
	b.WriteString(family(t.Bold) + "|" + family(t.Regular) + "|")
	for _, f := range t.Fallback {
		b.WriteString(family(f) + ",")
	}
	b.WriteString("|")
	for _, f := range t.FallbackBold {
		b.WriteString(family(f) + ",")
	}
	if t.Logo != nil {
		h := sha256.New()
		r := t.Logo.Bounds()
		fmt.Fprintf(h, "%v", r)
		px := make([]byte, 0, 8*r.Dx())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			px = px[:0]
			for x := r.Min.X; x < r.Max.X; x++ {
				cr, cg, cb, ca := t.Logo.At(x, y).RGBA()
				px = append(px, byte(cr>>8), byte(cr), byte(cg>>8), byte(cg), byte(cb>>8), byte(cb), byte(ca>>8), byte(ca))
			}
			h.Write(px)
		}
		b.WriteString("|logo " + hex.EncodeToString(h.Sum(nil)))
	}
	return b.String()
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

// item is one step of the build, in manifest order: an article to build
// (with what the old manifest says of it), or an old manifest line whose
// article is gone.
type item struct {
	seq  int
	e    site.Entry // the article; ID "" for a gone one
	old  *line      // the old manifest's line, if any
	skip bool       // not built: the build stopped, or the article failed its path check
}

// outcome is an item done.
type outcome struct {
	item
	ent      entry
	rendered bool
	written  int
	err      error // nil, or why the unit was not built
}

func (b *builder) run(ctx context.Context) (*Result, error) {
	// A build killed mid-way left its journal: remove the files it wrote
	// that no manifest lists, before anything else.
	jpath := b.path(b.manifestName() + ".journal")
	recovered, err := recoverJournal(b.out, jpath)
	if err != nil {
		return nil, err
	}
	old, err := openManifest(b.path(b.manifestName()))
	if err != nil {
		return nil, err
	}
	defer old.close()
	b.journal = &journal{path: jpath}

	// This shard's articles, in id order (the manifest's).
	var ids []int32
	for i := range b.c.Len() {
		if ShardOf(b.c.Entry(i).ID, b.opts.Shards) == b.opts.Shard {
			ids = append(ids, int32(i))
		}
	}
	slices.SortFunc(ids, func(x, y int32) int { return strings.Compare(b.c.Entry(int(x)).ID, b.c.Entry(int(y)).ID) })
	res := &Result{Articles: len(ids), Removed: recovered}
	bad := b.checkPaths(ids)
	if len(bad) > 0 {
		if !b.opts.KeepGoing {
			return nil, errors.Join(bad...)
		}
		res.Failed = append(res.Failed, bad...)
	}
	badIDs := map[string]bool{}
	for _, err := range bad {
		var ae *articleError
		if errors.As(err, &ae) {
			badIDs[ae.id] = true
		}
	}
	b.latest = nil
	for i := range min(b.listSize(), b.c.Len()) {
		b.latest = append(b.latest, b.c.Entry(i))
	}

	next, err := createManifest(b.path(b.manifestName()))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex // guards res, done, firstErr, progress
		done     int
		firstErr error
	)
	total := len(ids)
	if b.opts.Shard == 0 {
		total++
	}
	report := func(name string, rendered bool) {
		done++
		if b.opts.Progress != nil {
			b.opts.Progress(Progress{Done: done, Total: total, Name: name, Rendered: rendered})
		}
	}
	stop := func(err error) {
		if firstErr == nil {
			firstErr = err
			cancel()
		}
	}

	// The listings build alongside the articles; their line goes last.
	var listings outcome
	var lwg sync.WaitGroup
	if b.opts.Shard == 0 {
		lwg.Go(func() {
			e, rendered, written, err := b.listings(ctx, old.listings)
			mu.Lock()
			defer mu.Unlock()
			listings = outcome{ent: e, rendered: rendered, written: written, err: err}
			if err != nil {
				if ctx.Err() == nil {
					stop(err)
				}
				return
			}
			res.Written += written
			res.Listings = rendered
			report(listingsName, rendered)
		})
	}

	// Articles flow through a bounded window: the producer merges this
	// build's articles with the old manifest in id order, workers build
	// them, and the collector writes the new manifest in the same order,
	// holding at most the window's worth of finished items.
	window := make(chan struct{}, 64*b.opts.Jobs)
	work := make(chan item)
	results := make(chan outcome, b.opts.Jobs)
	var wg sync.WaitGroup
	for range b.opts.Jobs {
		wg.Go(func() {
			for it := range work {
				e, rendered, written, err := b.unit(ctx, it.e, it.old)
				results <- outcome{item: it, ent: e, rendered: rendered, written: written, err: err}
			}
		})
	}
	go func() {
		defer close(work)
		seq := 0
		send := func(it item) {
			it.seq = seq
			seq++
			window <- struct{}{}
			if it.e.ID == "" || it.skip || ctx.Err() != nil {
				it.skip = it.skip || it.e.ID != ""
				results <- outcome{item: it}
				return
			}
			select {
			case work <- it:
			case <-ctx.Done():
				it.skip = true
				results <- outcome{item: it}
			}
		}
		for _, i := range ids {
			e := b.c.Entry(int(i))
			for l := old.peek(); l != nil && l.ID < e.ID; l = old.peek() {
				send(item{old: old.next()})
			}
			it := item{e: e, skip: badIDs[e.ID]}
			if l := old.peek(); l != nil && l.ID == e.ID {
				it.old = old.next()
			}
			send(it)
		}
		for l := old.next(); l != nil; l = old.next() {
			send(item{old: l})
		}
		seq = -seq - 1 // tells the collector the count
		results <- outcome{item: item{seq: seq}}
	}()
	// The collector.
	pending := map[int]outcome{}
	want, count := 0, -1
	for count < 0 || want < count {
		o := <-results
		if o.seq < 0 {
			count = -o.seq - 1
			continue
		}
		pending[o.seq] = o
		for {
			o, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			<-window
			b.collect(ctx, o, next, res, &mu, stop, report)
		}
	}
	wg.Wait()
	lwg.Wait()

	stopped := firstErr != nil || ctx.Err() != nil
	switch {
	case b.opts.Shard != 0:
	case listings.err == nil && listings.ent.Key != "":
		next.put(line{Listings: true, Key: listings.ent.Key, News: listings.ent.News, Files: listings.ent.Files})
		if !stopped {
			n, err := b.remove(minus(old.listings.Files, listings.ent.Files))
			res.Removed += n
			if err != nil {
				stop(err)
			}
		}
	case old.listings.Key != "":
		next.put(line{Listings: true, Key: old.listings.Key, News: old.listings.News, Files: old.listings.Files})
	}
	old.close()
	if err := next.commit(old.sum); err != nil && firstErr == nil {
		firstErr = err
	} else if err == nil {
		if err := b.journal.finish(); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return res, firstErr
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("build: stopped: %w", err)
	}
	return res, nil
}

// collect takes one finished item, in manifest order: it writes its
// manifest line and removes the files it no longer has.
func (b *builder) collect(ctx context.Context, o outcome, next *newManifest, res *Result, mu *sync.Mutex, stop func(error), report func(string, bool)) {
	mu.Lock()
	defer mu.Unlock()
	keepOld := func() {
		if o.old != nil {
			next.put(*o.old)
		}
	}
	switch {
	case o.item.e.ID == "":
		// An article no longer in the site (or in this shard): its files
		// go, unless the build stopped, which keeps everything it did not
		// finish.
		if ctx.Err() != nil {
			keepOld()
			return
		}
		n, err := b.remove(o.old.Files)
		res.Removed += n
		if err != nil {
			stop(err)
			keepOld()
		}
	case o.skip:
		keepOld() // not built: its old files stay
		if ctx.Err() == nil {
			report(o.item.e.ID, false) // failed its path check (KeepGoing)
		}
	case o.err != nil:
		keepOld()
		if !errors.Is(o.err, ErrArticle) && ctx.Err() != nil {
			return // stopped, not failed
		}
		if b.opts.KeepGoing {
			res.Failed = append(res.Failed, o.err)
			report(o.item.e.ID, false)
		} else {
			stop(o.err)
		}
	default:
		next.put(line{ID: o.item.e.ID, Key: o.ent.Key, Files: o.ent.Files})
		res.Written += o.written
		if o.rendered {
			res.Rendered++
		} else {
			res.Unchanged++
		}
		report(o.item.e.ID, o.rendered)
		if o.old != nil {
			n, err := b.remove(minus(o.old.Files, o.ent.Files))
			res.Removed += n
			if err != nil {
				stop(err)
			}
		}
	}
}

// minus returns the files of a not in b.
func minus(a, b []string) []string {
	var out []string
	for _, f := range a {
		if !slices.Contains(b, f) {
			out = append(out, f)
		}
	}
	return out
}

// remove removes files (relative to Out) and the folders they leave
// empty.
func (b *builder) remove(files []string) (int, error) {
	n := 0
	var errs []error
	for _, f := range files {
		if !localPath(f) {
			continue
		}
		err := os.Remove(b.path(f))
		if err == nil {
			n++
		} else if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("build: removing %s: %w", f, err))
		}
		removeEmptyParents(b.out, f)
	}
	return n, errors.Join(errs...)
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

func (b *builder) fail(e site.Entry, err error) error {
	return &articleError{id: e.ID, source: e.Source, err: err}
}

const listingsName = "listings"

// listingFiles are the listings' fixed files.
var listingFiles = []output{
	{"index.html", site.IndexPath},
	{"feed.xml", site.RSSPath},
	{"atom.xml", site.AtomPath},
	{"feed.json", site.JSONFeedPath},
	{"sitemap.xml", site.SitemapPath},
	{"news-sitemap.xml", site.NewsSitemapPath},
}

// checkPaths checks every article's page path before anything is written:
// it must stay inside Out and not collide with another output. Files are
// compared by a 64-bit hash, and by name only when hashes meet, so the
// check holds eight bytes per article rather than every name.
func (b *builder) checkPaths(ids []int32) []error {
	const listings = -1
	first := make(map[uint64]int32, len(ids)+len(listingFiles)) // by file hash: the first article there
	more := map[uint64][]int32{}                                // the rest, when hashes meet
	hash := func(f string) uint64 {
		h := fnv.New64a()
		io.WriteString(h, f)
		return h.Sum64()
	}
	add := func(k uint64, i int32) {
		if _, ok := first[k]; ok {
			more[k] = append(more[k], i)
		} else {
			first[k] = i
		}
	}
	for _, o := range listingFiles {
		add(hash(o.file), listings)
	}
	var errs []error
	for _, i := range ids {
		e := b.c.Entry(int(i))
		p, err := b.pageFile(e.PagePath())
		if err != nil {
			errs = append(errs, b.fail(e, err))
			continue
		}
		k := hash(p)
		var other string
		if j, ok := first[k]; ok {
			for _, j := range append([]int32{j}, more[k]...) {
				if j == listings {
					if slices.ContainsFunc(listingFiles, func(o output) bool { return o.file == p }) {
						other = "the listings"
					}
					continue
				}
				oe := b.c.Entry(int(j))
				if of, _ := b.pageFile(oe.PagePath()); of == p {
					other = "the page of " + strconv.Quote(oe.ID)
					if oe.Source != "" {
						other += " (" + oe.Source + ")"
					}
				}
			}
		}
		if other != "" {
			errs = append(errs, b.fail(e, fmt.Errorf("page file %s is also %s", p, other)))
			continue
		}
		add(k, i)
	}
	return errs
}

// pageFile returns the file of the page at pp, relative to Out,
// slash-separated.
func (b *builder) pageFile(pp string) (string, error) {
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
	if clean == "sitemaps" || strings.HasPrefix(clean, "sitemaps/") {
		return "", fmt.Errorf("url: page path %s is inside the sitemaps folder", pp)
	}
	if strings.HasSuffix(clean, ".html") && !strings.HasSuffix(raw, "/") {
		return clean, nil
	}
	return clean + "/index.html", nil
}

func (b *builder) listSize() int {
	if b.opts.Serve.ListSize > 0 {
		return b.opts.Serve.ListSize
	}
	return serve.DefaultListSize
}

// key returns the key of an article's files: a hash of everything shaping
// them.
func (b *builder) key(e site.Entry) string {
	h := sha256.New()
	io.WriteString(h, b.keyBase)
	io.WriteString(h, "\x00article\x00"+e.Digest)
	if b.opts.Serve.TickerSize >= 0 {
		n := b.opts.Serve.TickerSize
		if n == 0 {
			n = serve.DefaultTickerSize
		}
		// The ticker's stories, as site.Ticker picks them from the
		// newest ListSize articles.
		k := 0
		for _, t := range b.latest {
			if k == n {
				break
			}
			if t.Breaking && t.ID != e.ID {
				io.WriteString(h, "\x00ticker\x00"+t.Digest)
				k++
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// listingsKey is the key of the listings: the collection's version.
func (b *builder) listingsKey() string {
	h := sha256.New()
	io.WriteString(h, b.keyBase)
	io.WriteString(h, "\x00listings\x00"+b.c.Version())
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
	for _, id := range serve.NewsIDs(b.c, now) {
		io.WriteString(h, id+"\x00")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// keyPointCard is the key-point card serve's index links for an article
// with key points (its first point, square).
var keyPointCard = site.CardSpec{Width: 1080, Height: 1080, Layout: "keypoint", Point: 1}

// output is one file to write: its path relative to Out and the URL path
// (relative to the handler) whose response it holds.
type output struct {
	file, route string
}

// outputs lists an article's files. Outputs of one route are adjacent.
func (b *builder) outputs(e site.Entry) ([]output, error) {
	page, err := b.pageFile(e.PagePath())
	if err != nil {
		return nil, err
	}
	at := site.ArticlePrefix + e.ID
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
		card := site.CardPath(e.ID, serve.DefaultCard, site.CardHashOf(e.Digest, serve.DefaultCard, b.opts.Serve.CardVersion))
		outs = append(outs, output{card[1:], card}, output{site.CardAliasPath(e.ID, serve.DefaultCard)[1:], card})
		if e.KeyPoints > 0 {
			// The index links this card (at its stable alias) for every
			// article with key points.
			kp := site.CardAliasPath(e.ID, keyPointCard)
			outs = append(outs, output{kp[1:], kp})
		}
	}
	return outs, nil
}

// unit builds an article's files unless its old manifest line says they
// are up to date. It returns the new entry, whether it rendered, and the
// files written.
func (b *builder) unit(ctx context.Context, e site.Entry, old *line) (entry, bool, int, error) {
	if err := ctx.Err(); err != nil {
		return entry{}, false, 0, err
	}
	ne := entry{Key: b.key(e)}
	outs, err := b.outputs(e)
	if err != nil {
		return entry{}, false, 0, b.fail(e, err)
	}
	for _, o := range outs {
		ne.Files = append(ne.Files, o.file)
	}
	var oldFiles []string
	if old != nil {
		oldFiles = old.Files
		if old.Key == ne.Key && subset(ne.Files, old.Files) && b.allExist(ne.Files) {
			return ne, false, 0, nil
		}
	}
	written, err := b.write(ctx, outs, oldFiles, nil)
	if err != nil {
		var ae *articleError
		if !errors.As(err, &ae) && ctx.Err() == nil {
			err = b.fail(e, err)
		}
		return entry{}, false, written, err
	}
	return ne, true, written, nil
}

// write renders and writes outs, each route rendered once, after
// recording in the journal the files the old manifest does not list.
// Bodies already rendered are in pre, by route. A route's first file is
// written as the handler answers it, the others (the page at /a/ID, the
// card's alias) are hard links to it.
func (b *builder) write(ctx context.Context, outs []output, oldFiles []string, pre map[string][]byte) (int, error) {
	var fresh []string
	for _, o := range outs {
		if !slices.Contains(oldFiles, o.file) {
			fresh = append(fresh, o.file)
		}
	}
	if err := b.journal.intend(fresh); err != nil {
		return 0, err
	}
	written := 0
	for i := 0; i < len(outs); {
		first := outs[i]
		var err error
		if body, ok := pre[first.route]; ok {
			err = b.dirs.writeFile(b.out, first.file, body)
		} else {
			err = b.dirs.writeFrom(b.out, first.file, func(w io.Writer) error { return b.serveTo(ctx, first.route, w) })
		}
		if err != nil {
			return written, fmt.Errorf("%s: %w", first.file, err)
		}
		written++
		for i++; i < len(outs) && outs[i].route == first.route; i++ {
			if err := b.dirs.link(b.out, first.file, outs[i].file); err != nil {
				return written, err
			}
			written++
		}
	}
	return written, nil
}

// listings builds the index, feeds and sitemaps unless the old entry says
// they are up to date.
func (b *builder) listings(ctx context.Context, old entry) (entry, bool, int, error) {
	ne := entry{Key: b.listingsKey(), News: b.newsKey()}
	outs := slices.Clone(listingFiles)
	// A sitemap too long for one file is an index of parts: follow it.
	body, err := b.get(ctx, site.SitemapPath)
	if err != nil {
		return entry{}, false, 0, fmt.Errorf("build: sitemap.xml: %w", err)
	}
	parts, err := sitemapParts(body, b.base)
	if err != nil {
		return entry{}, false, 0, err
	}
	for _, p := range parts {
		outs = append(outs, output{p[1:], p})
	}
	for _, o := range outs {
		ne.Files = append(ne.Files, o.file)
	}
	if old.Key == ne.Key && old.News == ne.News && subset(ne.Files, old.Files) && b.allExist(ne.Files) {
		return ne, false, 0, nil
	}
	written, err := b.write(ctx, outs, old.Files, map[string][]byte{site.SitemapPath: body})
	if err != nil {
		return entry{}, false, written, fmt.Errorf("build: %w", err)
	}
	return ne, true, written, nil
}

// sitemapParts returns the routes of the parts a sitemap index lists
// (none for a plain sitemap).
func sitemapParts(body []byte, base string) ([]string, error) {
	var idx struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	// Read the root element first: a plain sitemap (up to 50,000 URLs)
	// is not decoded.
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("build: sitemap.xml: %w", err)
		}
		if start, ok := tok.(xml.StartElement); ok {
			if start.Name.Local != "sitemapindex" {
				return nil, nil
			}
			if err := dec.DecodeElement(&idx, &start); err != nil {
				return nil, fmt.Errorf("build: sitemap.xml: %w", err)
			}
			break
		}
	}
	var routes []string
	for _, s := range idx.Sitemaps {
		rel, ok := strings.CutPrefix(s.Loc, base)
		if !ok || !strings.HasPrefix("/"+rel, site.SitemapsPrefix) || !localPath(rel) {
			return nil, fmt.Errorf("build: sitemap.xml lists %s, not a part under %s", s.Loc, base+site.SitemapsPrefix[1:])
		}
		routes = append(routes, "/"+rel)
	}
	return routes, nil
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

// serveTo writes the body the handler answers for route to w; a response
// other than 200 is an error, and then nothing is written to w.
func (b *builder) serveTo(ctx context.Context, route string, w io.Writer) error {
	var failure error
	ctx = context.WithValue(ctx, errKey{}, &failure)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.base+strings.TrimPrefix(route, "/"), nil)
	if err != nil {
		return err
	}
	req.URL.Path = route
	req.URL.RawPath = ""
	req.RequestURI = b.prefix + strings.TrimPrefix(route, "/")
	rec := &recorder{header: http.Header{}, dst: w}
	b.h.ServeHTTP(rec, req)
	if rec.err != nil {
		return rec.err
	}
	if failure != nil {
		return failure // a failure after the status was sent (a streamed sitemap)
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.status != http.StatusOK {
		if failure != nil {
			return failure
		}
		return fmt.Errorf("status %d: %s", rec.status, strings.TrimSpace(rec.msg.String()))
	}
	return nil
}

// get returns the body the handler answers for route.
func (b *builder) get(ctx context.Context, route string) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.serveTo(ctx, route, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// recorder is the http.ResponseWriter of an in-process request: a 200's
// body goes straight to dst (a file), any other's into msg.
type recorder struct {
	header http.Header
	status int
	dst    io.Writer
	msg    bytes.Buffer
	err    error // from dst
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
	if r.status != http.StatusOK {
		if r.msg.Len() < 4096 {
			r.msg.Write(p)
		}
		return len(p), nil
	}
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.dst.Write(p)
	r.err = err
	return n, err
}
