package render

import (
	"bytes"
	"embed"
	"fmt"
	"hash/maphash"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share"
)

//go:embed templates/*.html templates/style.css
var embedded embed.FS

// Stylesheet returns the embedded stylesheet the page inlines: light and
// dark (prefers-color-scheme), responsive, with a print style. Publishers
// who embed the fragment in their own layout can serve it or adapt it.
func Stylesheet() string {
	b, _ := embedded.ReadFile("templates/style.css")
	return string(b)
}

// Input is what one page view adds to the article.
type Input struct {
	// Ticker holds the breaking-news headlines (plain text) shown above
	// the article; with none, there is no ticker at all.
	Ticker []string
	// Alternates are the article's translations (hreflang).
	Alternates []Alternate
}

// Data is what the templates receive. Every template.HTML in it was made by
// package sanitize (Body, KeyPoints, Explainers) or by render's own writer
// (Head, Parts); every other string is plain text for html/template to
// escape.
type Data struct {
	// Meta is the resolved metadata.
	Meta *Meta
	// Article is the article as given; do not use its HTML fields in a
	// template (they are unsanitised): use Body, KeyPoints and Explainers.
	Article *article.Article
	// Lang is Meta.Lang.
	Lang string
	// Ticker is Input.Ticker.
	Ticker []string
	// Head is Meta.HeadHTML().
	Head template.HTML
	// Body is the sanitised body.
	Body template.HTML
	// KeyPoints are the sanitised key points.
	KeyPoints []template.HTML
	// Explainers are the explainers, sanitised, with their labels and ids.
	Explainers []Explainer
	// Share are the share bar's links, from package share.
	Share []share.Link
	// Parts are the default components.
	Parts Parts
}

// Renderer renders article pages, fragments and head tags with one set of
// options and parsed templates. Create it once with New and share it: it is
// safe for concurrent use.
//
// A Renderer caches by content, within Options.CacheBytes: the sanitised
// form of each piece of HTML, and each article's Prepared value (keyed by a
// 128-bit digest of every field of the article), so a page view of an
// article already seen only runs the templates. Changing any field of an
// article makes it a different article to the cache.
type Renderer struct {
	opts     Options
	tmpl     *template.Template
	clean    *cleaner // policies for Options.Sanitize.BaseURL, if set
	mu       sync.Mutex
	cleaners map[string]*cleaner // otherwise, policies by site origin
	cache    *htmlCache
	prepared *preparedCache
	seeds    [2]maphash.Seed
	bufs     sync.Pool
}

// New parses the embedded templates, then the *.html files of
// opts.Templates, and returns a Renderer. Invalid options or templates are
// an error.
func New(opts Options) (*Renderer, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	t, err := template.New("render").ParseFS(embedded, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("render: embedded templates: %w", err)
	}
	if _, err := t.New("style").Parse(`{{define "style"}}<style>` + "\n" + Stylesheet() + `</style>` + "\n{{end}}"); err != nil {
		return nil, fmt.Errorf("render: embedded stylesheet: %w", err)
	}
	if opts.Templates != nil {
		matches, err := fs.Glob(opts.Templates, "*.html")
		if err != nil {
			return nil, fmt.Errorf("render: templates: %w", err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("render: templates: no *.html file in Options.Templates")
		}
		if t, err = t.ParseFS(opts.Templates, "*.html"); err != nil {
			return nil, fmt.Errorf("render: templates: %w", err)
		}
	}
	for _, name := range []string{"page", "article", "head"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("render: templates: no template named %q", name)
		}
	}
	// Build the policies now even when they will be built per site, so
	// invalid sanitize options fail here.
	fixed, err := newCleaner(opts.Sanitize)
	if err != nil {
		return nil, err
	}
	if opts.Sanitize.BaseURL == "" {
		fixed = nil
	}
	r := &Renderer{
		opts:     opts,
		tmpl:     t,
		clean:    fixed,
		cleaners: make(map[string]*cleaner),
		cache:    newHTMLCache(opts.CacheBytes),
		prepared: newPreparedCache(opts.CacheBytes),
		seeds:    [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
	}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r, nil
}

// Meta checks a and resolves its metadata, like Resolve, using the
// Renderer's options and caches.
func (r *Renderer) Meta(a *article.Article, alternates ...Alternate) (*Meta, error) {
	p, err := r.Prepare(a, alternates...)
	if err != nil {
		return nil, err
	}
	return p.data.Meta, nil
}

// Prepared is one article made ready to render: checked, its metadata
// resolved and its head tags written, its HTML sanitised, its share links
// and components built. It renders any number of page views; only the
// ticker changes between them. A Prepared is immutable and safe for
// concurrent use.
type Prepared struct {
	r    *Renderer
	data Data // Ticker and Parts.Ticker are filled per view
	size int
}

// Meta returns the article's resolved metadata.
func (p *Prepared) Meta() *Meta { return p.data.Meta }

// Prepare checks a and prepares it for rendering; see Prepared. An article
// with error-severity findings is refused with an *Error wrapping its
// *article.ValidationError.
func (r *Renderer) Prepare(a *article.Article, alternates ...Alternate) (*Prepared, error) {
	if a == nil {
		return nil, ErrNilArticle
	}
	key := r.fingerprint(a, alternates)
	if p := r.prepared.get(key); p != nil {
		return p, nil
	}
	p, err := r.prepare(a, alternates)
	if err != nil {
		return nil, err
	}
	r.prepared.put(key, p)
	return p, nil
}

func (r *Renderer) prepare(a *article.Article, alternates []Alternate) (*Prepared, error) {
	// The Prepared keeps its own copy of the article, so a caller changing
	// theirs afterwards cannot change what a cached page shows.
	a = clone(a)
	alternates = slices.Clone(alternates)
	findings := a.Check()
	ve := &article.ValidationError{Findings: findings}
	if ve.HasErrors() {
		return nil, &Error{Err: ve}
	}
	cl, err := r.cleaner(a)
	if err != nil {
		return nil, err
	}
	m, err := resolve(a, &r.opts, alternates, findings, r.cache.text(cl, a.Body))
	if err != nil {
		return nil, err
	}
	d := Data{Meta: m, Article: a, Lang: m.Lang, Head: m.HeadHTML()}
	d.Body = r.cache.html(cl, policyBody, a.Body)
	if len(a.KeyPoints) > 0 {
		d.KeyPoints = make([]template.HTML, len(a.KeyPoints))
		for i, kp := range a.KeyPoints {
			d.KeyPoints[i] = r.cache.html(cl, policyInline, kp)
		}
	}
	if len(a.Explainers) > 0 {
		d.Explainers = make([]Explainer, len(a.Explainers))
		for i, e := range a.Explainers {
			d.Explainers[i] = Explainer{
				Kind:  e.Kind.String(),
				Label: e.Label(),
				ID:    idPrefix + "explainer-" + itoa(i+1),
				Body:  r.cache.explainer(cl, e),
			}
		}
	}
	// Links leaves out a network that lacks an input (Pinterest without an
	// image) and says so in err; the bar shows the others.
	links, err := share.Links(a, r.opts.Share)
	if links == nil && err != nil {
		return nil, &Error{Err: err}
	}
	d.Share = links
	p := &d.Parts
	p.SiteHeader = siteHeader(a)
	p.ArticleHeader = articleHeader(a)
	p.Figure = figure(a.Image)
	p.KeyPoints = keyPoints(d.KeyPoints)
	p.Explainers = explainers(d.Explainers)
	p.ShareBar = shareBar(links)
	p.Newsletter = newsletter(a.Site)
	p.SiteFooter = siteFooter(a)
	size := len(d.Head) + len(d.Body) + len(p.SiteHeader) + len(p.ArticleHeader) + len(p.Figure) +
		len(p.KeyPoints) + len(p.Explainers) + len(p.ShareBar) + len(p.Newsletter) + len(p.SiteFooter) + len(m.ld)
	return &Prepared{r: r, data: d, size: 2 * size}, nil
}

// cleaner returns the sanitising policies for a: those of
// Options.Sanitize.BaseURL when it is set, else those of the origin of the
// article's URL (built once per origin), so links within the site are not
// marked foreign and root-relative links resolve.
func (r *Renderer) cleaner(a *article.Article) (*cleaner, error) {
	if r.clean != nil {
		return r.clean, nil
	}
	u, err := article.CheckURL(a.URL)
	if err != nil {
		return nil, &Error{Err: err}
	}
	origin := u.Scheme + "://" + strings.ToLower(u.Host) + "/"
	r.mu.Lock()
	defer r.mu.Unlock()
	if cl := r.cleaners[origin]; cl != nil {
		return cl, nil
	}
	opts := r.opts.Sanitize
	opts.BaseURL = origin
	cl, err := newCleaner(opts)
	if err != nil {
		return nil, err
	}
	if len(r.cleaners) >= maxOrigins {
		clear(r.cleaners)
	}
	r.cleaners[origin] = cl
	return cl, nil
}

// maxOrigins bounds the per-origin policies a Renderer keeps (each costs
// about a millisecond to build and some kilobytes).
const maxOrigins = 64

func (r *Renderer) execute(w io.Writer, name string, d any) error {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			r.bufs.Put(buf)
		}
	}()
	if err := r.tmpl.ExecuteTemplate(buf, name, d); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Page writes the complete HTML5 page to w: the head with every metadata
// tag, the site header, the ticker (none when ticker is empty), the
// article, the share bar, the newsletter form and the footer. Nothing is
// written unless the whole page rendered.
func (p *Prepared) Page(w io.Writer, ticker []string) error {
	d := p.data
	d.Ticker = ticker
	d.Parts.Ticker = tickerHTML(ticker)
	return p.r.execute(w, "page", &d)
}

// Fragment writes the article alone (the <article> element, with its
// share bar and newsletter form) for a publisher's own layout, which
// supplies the head (Head) and styles (Stylesheet).
func (p *Prepared) Fragment(w io.Writer) error { return p.r.execute(w, "article", &p.data) }

// Head writes the head tags alone (Meta.HeadHTML) through the "head"
// template.
func (p *Prepared) Head(w io.Writer) error { return p.r.execute(w, "head", &p.data) }

// Page writes the complete HTML5 page of a to w; see Prepared.Page. An
// article with error-severity findings is refused with an *Error naming
// them; nothing is written unless the whole page rendered.
func (r *Renderer) Page(w io.Writer, a *article.Article, in Input) error {
	p, err := r.Prepare(a, in.Alternates...)
	if err != nil {
		return err
	}
	return p.Page(w, in.Ticker)
}

// PageString returns the page as a string; see Page.
func (r *Renderer) PageString(a *article.Article, in Input) (string, error) {
	var b strings.Builder
	err := r.Page(&b, a, in)
	return b.String(), err
}

// Fragment writes the article alone; see Prepared.Fragment.
func (r *Renderer) Fragment(w io.Writer, a *article.Article) error {
	p, err := r.Prepare(a)
	if err != nil {
		return err
	}
	return p.Fragment(w)
}

// FragmentString returns the fragment as a string; see Fragment.
func (r *Renderer) FragmentString(a *article.Article) (string, error) {
	var b strings.Builder
	err := r.Fragment(&b, a)
	return b.String(), err
}

// Head writes the head tags alone; see Prepared.Head.
func (r *Renderer) Head(w io.Writer, a *article.Article, alternates ...Alternate) error {
	p, err := r.Prepare(a, alternates...)
	if err != nil {
		return err
	}
	return p.Head(w)
}
