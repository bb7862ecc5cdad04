package render

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
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

// Data is what the templates receive, the same value for every template
// (see the package documentation for what each one reads). Every
// template.HTML in it was made by package sanitize (Body, KeyPoints,
// Explainers) or by executing render's templates (Head, Parts); every
// other string is plain text for html/template to escape.
type Data struct {
	// Meta is the resolved metadata.
	Meta *Meta
	// Article is the article as prepared (a copy, with invalid UTF-8
	// replaced); do not use its HTML fields in a template (they are
	// unsanitised): use Body, KeyPoints and Explainers.
	Article *article.Article
	// Lang is Meta.Lang.
	Lang string
	// Dir is the text direction from the locale ("ltr", "rtl" or "").
	Dir string
	// Labels are the page's words, every field filled.
	Labels *Labels
	// Body is the sanitised body.
	Body template.HTML
	// KeyPoints are the sanitised key points.
	KeyPoints []template.HTML
	// Explainers are the explainers, sanitised, with their labels and ids.
	Explainers []ExplainerData
	// Share are the share bar's links.
	Share []ShareLink
	// Header holds what the article header and figure show besides the
	// article's own fields, worked out once.
	Header Header
	// Parts are the component templates' outputs for this article,
	// executed once by Prepare; a component's own template sees those
	// before it in the order of Parts' fields.
	Parts Parts
	// View is the page view being rendered: zero while preparing, and in
	// every template but "ticker" and "page".
	View View

	locale *Locale
}

// Renderer renders article pages, fragments and head tags with one set of
// options and parsed templates. Create it once with New and share it: it is
// safe for concurrent use.
//
// A Renderer caches by content, within Options.CacheBytes: the sanitised
// form of each piece of HTML, each article's Prepared value (keyed by a
// 128-bit digest of the article, the PrepareOptions and the share image),
// so a page view of an article already seen only runs the "ticker"
// template, and the parts every article of a site shares (site header,
// newsletter, footer), so a new article of a known site does not execute
// them again. Changing any field of an article makes it a different
// article to the cache.
type Renderer struct {
	opts           Options
	tmpl           *template.Template
	split          bool // "page" is the embedded one: prepare it around the ticker
	embeddedTicker bool // "ticker" is the embedded one: no items, no output
	tickers        *cache[tickerKey, string]
	embedded       map[string]bool // template name → still the embedded one
	skeletons      *cache[skeletonKey, *skeleton]
	siteParts      *cache[sitePartKey, string]
	partSkeletons  *cache[skeletonKey, *skeleton] // "key-points", "explainers"
	clean          *cleaner                       // the policies, for Options.Sanitize.BaseURL if set
	cache          *htmlCache
	prepared       *cache[fingerprint, *Prepared]
	seeds          [2]maphash.Seed
	marker         string // stands for the ticker in a prepared page
	bufs           sync.Pool
}

// New parses the embedded templates, then the *.html files of
// opts.Templates, and returns a Renderer. Invalid options or templates are
// an error.
func New(opts Options) (*Renderer, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	t, err := template.New("render").Funcs(funcs).ParseFS(embedded, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("render: embedded templates: %w", err)
	}
	if _, err := t.New("style").Parse(`{{define "style"}}<style>` + "\n" + Stylesheet() + `</style>` + "\n{{end}}"); err != nil {
		return nil, fmt.Errorf("render: embedded stylesheet: %w", err)
	}
	trees := make(map[string]any)
	for _, tt := range t.Templates() {
		trees[tt.Name()] = tt.Tree
	}
	page, ticker := t.Lookup("page").Tree, t.Lookup("ticker").Tree
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
	for _, name := range []string{"page", "ticker"} {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("render: templates: no template named %q", name)
		}
	}
	clean, err := newCleaner(opts.Sanitize)
	if err != nil {
		return nil, err
	}
	limit := opts.CacheBytes
	if limit == 0 {
		limit = 32 << 20
	}
	embeddedNow := make(map[string]bool, len(trees))
	for name, tree := range trees {
		if tt := t.Lookup(name); tt != nil && any(tt.Tree) == tree {
			embeddedNow[name] = true
		}
	}
	r := &Renderer{
		opts:           opts,
		tmpl:           t,
		split:          t.Lookup("page").Tree == page,
		embeddedTicker: t.Lookup("ticker").Tree == ticker,
		tickers:        newCache[tickerKey, string](min(limit/16, 1<<20)),
		embedded:       embeddedNow,
		skeletons:      newCache[skeletonKey, *skeleton](skeletonBytes),
		siteParts:      newCache[sitePartKey, string](min(limit/16, 4<<20)),
		partSkeletons:  newCache[skeletonKey, *skeleton](min(limit/16, 4<<20)),
		clean:          clean,
		cache:          newCache[cacheKey, string](limit / 2),
		prepared:       newCache[fingerprint, *Prepared](limit / 2),
		seeds:          [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
	}
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	r.marker = "<!--bs-ticker-" + hex.EncodeToString(nonce[:]) + "-->"
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r, nil
}

// Prepared is one article made ready to render: checked, its metadata
// resolved, its HTML sanitised, its share links built and its components
// executed. It renders any number of page views, fragments and heads;
// only the View changes between page views. A Prepared is immutable and
// safe for concurrent use.
type Prepared struct {
	r    *Renderer
	data Data
	// The page without its ticker, when "page" is the embedded template:
	// a view writes before, the ticker, after.
	before, after []byte
	size          int

	once sync.Once
	hash string

	// The skeletons the page and the fragment were filled from, or nil.
	pageSkel, articleSkel *skeleton

	styleOnce sync.Once
	styles    []string
}

// Prepare checks a and prepares it for rendering with po; see Prepared.
// An article with error-severity findings is refused with an *Error
// wrapping its *article.ValidationError. Prepare keeps its own copy of a:
// changing a afterwards does not change the Prepared.
//
// Prepare is the one way to render: Renderer.Page, Fragment, Head and
// Meta are shorthands for Prepare(a, PrepareOptions{}) followed by the
// Prepared method of the same name.
func (r *Renderer) Prepare(a *article.Article, po PrepareOptions) (*Prepared, error) {
	if a == nil {
		return nil, ErrNilArticle
	}
	img := r.shareImage(a)
	key := r.fingerprint(a, &po, img)
	if p, ok := r.prepared.get(key); ok {
		return p, nil
	}
	p, err := r.prepare(a, po, img)
	if err != nil {
		return nil, err
	}
	r.prepared.put(key, p, p.size)
	return p, nil
}

// shareImage returns Options.ShareImage's image for a, or nil when it
// does not apply.
func (r *Renderer) shareImage(a *article.Article) *article.Image {
	if r.opts.ShareImage == nil || (a.Image != nil && !r.opts.ShareImageAlways) {
		return nil
	}
	return r.opts.ShareImage(a)
}

func (r *Renderer) prepare(a *article.Article, po PrepareOptions, img *article.Image) (*Prepared, error) {
	// The Prepared keeps its own copy of the article, so a caller changing
	// theirs afterwards cannot change what a cached page shows.
	a = own(a)
	alternates := slices.Clone(po.Alternates)
	findings := a.Check()
	ve := &article.ValidationError{Findings: findings}
	if ve.HasErrors() {
		return nil, &Error{Err: ve}
	}
	img, err := checkShareImage(img)
	if err != nil {
		return nil, err
	}
	cl, err := r.cleaner(a)
	if err != nil {
		return nil, err
	}
	loc := r.opts.locale(a)
	if loc.Dir != "" && loc.Dir != "ltr" && loc.Dir != "rtl" {
		return nil, &Error{Err: fmt.Errorf("locale: dir %q is not ltr or rtl", loc.Dir)}
	}
	m, err := resolve(a, &r.opts, alternates, img, loc, findings, cl.text(r.cache, a.Body), r.cache)
	if err != nil {
		return nil, err
	}
	d := Data{Meta: m, Article: a, Lang: m.Lang, Dir: loc.Dir, Labels: &loc.Labels, locale: loc}
	d.Header = d.header()
	d.Body = cl.html(r.cache, policyBody, a.Body)
	if len(a.KeyPoints) > 0 {
		d.KeyPoints = make([]template.HTML, len(a.KeyPoints))
		for i, kp := range a.KeyPoints {
			d.KeyPoints[i] = cl.html(r.cache, policyInline, kp)
		}
	}
	if len(a.Explainers) > 0 {
		d.Explainers = make([]ExplainerData, len(a.Explainers))
		for i, e := range a.Explainers {
			label := loc.Labels.explainerLabel(e)
			d.Explainers[i] = ExplainerData{
				Kind:  e.Kind.String(),
				Label: label,
				ID:    idPrefix + "explainer-" + itoa(i+1),
				Body:  cl.explainer(r.cache, e, label),
			}
		}
	}
	// Links leaves out a network that lacks an input (Pinterest without an
	// image) and says so in err; the bar shows the others.
	links, err := share.Links(a, r.opts.Share)
	if links == nil && err != nil {
		return nil, &Error{Err: err}
	}
	d.Share = shareLinks(links, &loc.Labels)
	buf := r.getBuf()
	defer r.putBuf(buf)
	size := len(d.Body) + len(m.ld)
	var site *fingerprint // the digest of the site, for the site parts
	for _, c := range components {
		out, err := r.component(buf, c.name, &d, &site)
		if err != nil {
			return nil, err
		}
		*c.part(&d.Parts) = template.HTML(out)
		size += len(out)
	}
	pr := &Prepared{r: r, data: d}
	if r.embedded["article"] {
		pr.articleSkel = r.skeleton("article", &d)
	}
	if r.split {
		if err := pr.splitPage(buf); err != nil {
			return nil, err
		}
	}
	pr.size = 2*size + len(pr.before) + len(pr.after)
	return pr, nil
}

// component returns the output of the component template name for d:
// kept from an earlier article when it is a site part (*siteFP is the
// digest of d's site, worked out on first use), assembled from its
// skeleton for the embedded "article", else executed into buf.
func (r *Renderer) component(buf *bytes.Buffer, name string, d *Data, siteFP **fingerprint) (string, error) {
	var key sitePartKey
	site := r.sitePart(name)
	if site {
		if *siteFP == nil {
			fp := r.siteDigest(d)
			*siteFP = &fp
		}
		key = sitePartKeyOf(name, d, **siteFP)
		if out, ok := r.siteParts.get(key); ok {
			return out, nil
		}
	}
	if s, vals := r.componentSkeleton(name, d); s != nil {
		return s.fillString(vals), nil
	}
	buf.Reset()
	if err := r.tmpl.ExecuteTemplate(buf, name, d); err != nil {
		return "", &Error{Err: fmt.Errorf("template %s: %w", name, err)}
	}
	out := buf.String()
	if site {
		r.siteParts.put(key, out, len(out)+64)
	}
	return out, nil
}

// componentSkeleton returns the skeleton of the embedded component name
// for d and the values of its holes, or nil when it has none: "article"
// always, "key-points" and "explainers" when there are some and the
// Renderer keeps them (CacheBytes; "key-points" also needs the shared
// labels of the catalogue).
func (r *Renderer) componentSkeleton(name string, d *Data) (*skeleton, []template.HTML) {
	if !r.embedded[name] {
		return nil, nil
	}
	switch name {
	case "article":
		if s := r.skeleton("article", d); s != nil {
			v := slotValues(d)
			return s, v[:]
		}
	case "key-points":
		if len(d.KeyPoints) > 0 && r.partSkeletons != nil && r.opts.Locale == nil {
			return r.keyPointsSkeleton(d), d.KeyPoints
		}
	case "explainers":
		if len(d.Explainers) > 0 && r.partSkeletons != nil {
			return r.explainersSkeleton(d), explainerBodies(d)
		}
	}
	return nil, nil
}

// splitPage executes "page" with the marker for the ticker and keeps the
// output around it. The embedded "page" writes the ticker exactly once;
// with the embedded "style" too, it comes from its skeleton.
func (p *Prepared) splitPage(buf *bytes.Buffer) error {
	if p.r.embedded["style"] {
		if s := p.r.skeleton("page", &p.data); s != nil {
			v := slotValues(&p.data)
			all, i := s.fill(make([]byte, 0, s.filledLen(v[:])), v[:], slotTicker)
			if i >= 0 {
				p.before, p.after = all[:i:i], all[i:]
				p.pageSkel = s
				return nil
			}
		}
	}
	d := p.data
	d.Parts.Ticker = template.HTML(p.r.marker)
	buf.Reset()
	if err := p.r.tmpl.ExecuteTemplate(buf, "page", &d); err != nil {
		return &Error{Err: fmt.Errorf("template page: %w", err)}
	}
	out := buf.Bytes()
	i := bytes.Index(out, []byte(p.r.marker))
	if i < 0 || bytes.Contains(out[i+len(p.r.marker):], []byte(p.r.marker)) {
		return &Error{Err: errors.New("template page: the ticker is not written exactly once")}
	}
	all := bytes.Clone(out)
	p.before, p.after = all[:i:i], all[i+len(p.r.marker):]
	return nil
}

// cleaner returns the sanitising policies for a: those of
// Options.Sanitize.BaseURL when it is set, else the same policies judging
// links against the article's own URL. a has passed Check, which refuses
// a missing URL or one that fails article.CheckURL, so it is not checked
// again here (WithBaseURL still refuses one it cannot use).
func (r *Renderer) cleaner(a *article.Article) (*cleaner, error) {
	if r.opts.Sanitize.BaseURL != "" {
		return r.clean, nil
	}
	cl, err := r.clean.withBase(a.URL)
	if err != nil {
		return nil, &Error{Err: err}
	}
	return cl, nil
}

func (r *Renderer) getBuf() *bytes.Buffer {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func (r *Renderer) putBuf(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		r.bufs.Put(buf)
	}
}

// execute runs the template name on d and writes its output to w only if
// it succeeded.
func (r *Renderer) execute(w io.Writer, name string, d *Data) error {
	buf := r.getBuf()
	defer r.putBuf(buf)
	if err := r.tmpl.ExecuteTemplate(buf, name, d); err != nil {
		return &Error{Err: fmt.Errorf("template %s: %w", name, err)}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Meta returns the article's resolved metadata. Do not modify it.
func (p *Prepared) Meta() *Meta { return p.data.Meta }

// Page writes the complete HTML5 page to w: the head with every metadata
// tag, the site header, the ticker of v (none when it has no items), the
// article, the share bar, the newsletter form and the footer. A View that
// fails its checks is refused with an *Error wrapping ErrView; nothing is
// written unless the whole page rendered.
func (p *Prepared) Page(w io.Writer, v View) error {
	if p.before == nil {
		ticker, err := p.viewTicker(v)
		if err != nil {
			return err
		}
		d := p.data
		d.View = v
		d.Parts.Ticker = ticker
		return p.r.execute(w, "page", &d)
	}
	var ticker string
	switch {
	case len(v.Ticker.Items) == 0 && p.r.embeddedTicker:
		if err := v.check(); err != nil {
			return err
		}
	case p.r.embeddedTicker:
		// The embedded ticker reads only the view and the labels: the same
		// view under the same labels is the same markup, kept once checked
		// and executed.
		key := tickerKey{view: p.r.viewKey(&v), labels: p.data.Labels}
		html, ok := p.r.tickers.get(key)
		if !ok {
			t, err := p.viewTicker(v)
			if err != nil {
				return err
			}
			html = string(t)
			p.r.tickers.put(key, html, len(html)+64)
		}
		ticker = html
	default:
		t, err := p.viewTicker(v)
		if err != nil {
			return err
		}
		ticker = string(t)
	}
	if _, err := w.Write(p.before); err != nil {
		return err
	}
	if _, err := io.WriteString(w, ticker); err != nil {
		return err
	}
	_, err := w.Write(p.after)
	return err
}

// tickerKey names the markup of the embedded ticker: the view's content
// and the labels it was written with.
type tickerKey struct {
	view   fingerprint
	labels *Labels
}

// viewKey is the 128-bit digest of v's content.
func (r *Renderer) viewKey(v *View) fingerprint {
	var h hasher
	h.h[0].SetSeed(r.seeds[0])
	h.h[1].SetSeed(r.seeds[1])
	h.str(v.Ticker.Label)
	h.u64(uint64(len(v.Ticker.Items)))
	for i := range v.Ticker.Items {
		it := &v.Ticker.Items[i]
		h.str(it.Headline)
		h.str(it.URL)
		h.str(it.Lang)
	}
	return fingerprint{h.h[0].Sum64(), h.h[1].Sum64()}
}

// ticker executes the "ticker" template for d.View.
// viewTicker checks v and executes the "ticker" template for it.
func (p *Prepared) viewTicker(v View) (template.HTML, error) {
	if err := v.check(); err != nil {
		return "", err
	}
	d := p.data
	d.View = v
	return p.ticker(&d)
}

func (p *Prepared) ticker(d *Data) (template.HTML, error) {
	buf := p.r.getBuf()
	defer p.r.putBuf(buf)
	if err := p.r.tmpl.ExecuteTemplate(buf, "ticker", d); err != nil {
		return "", &Error{Err: fmt.Errorf("template ticker: %w", err)}
	}
	return template.HTML(buf.String()), nil
}

// Fragment writes the article alone (the "article" template: the
// <article> element with its share bar and newsletter form) for a
// publisher's own layout, which supplies the head (Head) and styles
// (Stylesheet).
func (p *Prepared) Fragment(w io.Writer) error {
	_, err := io.WriteString(w, string(p.data.Parts.Article))
	return err
}

// Head writes the head tags alone (the "head" template).
func (p *Prepared) Head(w io.Writer) error {
	_, err := io.WriteString(w, string(p.data.Parts.Head))
	return err
}

// Hash returns the content hash of everything p renders but the view:
// the page without its ticker, the fragment, the head and the metadata. It
// is 32 hexadecimal digits, the same in every process for the same
// article, options and templates, and changes when any output does, so a
// handler can use it (quoted) as an entity tag for the fragment, head and
// metadata, and answer a conditional request without rendering; see ETag
// for a page view.
func (p *Prepared) Hash() string {
	p.build()
	return p.hash
}

// ETag returns the strong entity tag, quoted, of Page(w, v): Hash
// combined with v. It neither renders the page nor checks v (Page does).
func (p *Prepared) ETag(v View) string {
	if len(v.Ticker.Items) == 0 && v.Ticker.Label == "" {
		return `"` + p.Hash() + `"`
	}
	h := sha256.New()
	h.Write([]byte(p.Hash()))
	var n [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	str(v.Ticker.Label)
	for _, it := range v.Ticker.Items {
		str(it.Headline)
		str(it.URL)
		str(it.Lang)
	}
	var sum [sha256.Size]byte
	return `"` + hex.EncodeToString(h.Sum(sum[:0])[:16]) + `"`
}

// build computes the hash, once.
func (p *Prepared) build() {
	p.once.Do(func() {
		h := sha256.New()
		var n [8]byte
		part := func(s string) {
			binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
			h.Write(n[:])
			io.WriteString(h, s)
		}
		part(string(p.before))
		part(string(p.after))
		pt := &p.data.Parts
		for _, c := range components {
			part(string(*c.part(pt)))
		}
		// The metadata as JSON; it cannot fail (Resolve encoded its graph).
		meta, _ := json.Marshal(p.data.Meta)
		part(string(meta))
		var sum [sha256.Size]byte
		p.hash = hex.EncodeToString(h.Sum(sum[:0])[:16])
	})
}

// Page writes the complete HTML5 page of a to w; see Prepared.Page. It is
// Prepare(a, PrepareOptions{}) then Page(w, v).
func (r *Renderer) Page(w io.Writer, a *article.Article, v View) error {
	p, err := r.Prepare(a, PrepareOptions{})
	if err != nil {
		return err
	}
	return p.Page(w, v)
}

// PageString returns the page as a string; see Page.
func (r *Renderer) PageString(a *article.Article, v View) (string, error) {
	var b strings.Builder
	err := r.Page(&b, a, v)
	return b.String(), err
}

// Fragment writes the article alone; see Prepared.Fragment.
func (r *Renderer) Fragment(w io.Writer, a *article.Article) error {
	p, err := r.Prepare(a, PrepareOptions{})
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
func (r *Renderer) Head(w io.Writer, a *article.Article) error {
	p, err := r.Prepare(a, PrepareOptions{})
	if err != nil {
		return err
	}
	return p.Head(w)
}

// Meta checks a and resolves its metadata, like Resolve, using the
// Renderer's options and caches. Do not modify the result.
func (r *Renderer) Meta(a *article.Article) (*Meta, error) {
	p, err := r.Prepare(a, PrepareOptions{})
	if err != nil {
		return nil, err
	}
	return p.data.Meta, nil
}
