package render

import (
	"errors"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// What a new article can reuse from the articles before it. Everything
// here applies only to templates that are still the embedded ones, whose
// inputs are known (see the package documentation): an override may read
// anything in Data, so it is executed for every article.
//
// A skeleton is the output of "page" or "article" executed with a marker
// in place of every template.HTML it inserts (the parts and the body),
// split at the markers. Those templates read nothing else but the
// language and the direction, which key the skeleton, so filling the holes
// with an article's parts writes exactly what executing the template for
// it writes: the markup and every escaped value come from html/template,
// executed once per language and direction instead of once per article.
//
// A site part ("site-header", "newsletter", "site-footer") reads only the
// site, the labels and the year of publication, so its output is kept by
// a digest of those and shared by every article of the site.

// slots are the template.HTML values of Data a skeleton leaves holes for:
// the body, then the parts in the order of Parts' fields.
var slots = []func(*Data) *template.HTML{
	func(d *Data) *template.HTML { return &d.Body },
	func(d *Data) *template.HTML { return &d.Parts.Head },
	func(d *Data) *template.HTML { return &d.Parts.SiteHeader },
	func(d *Data) *template.HTML { return &d.Parts.Ticker },
	func(d *Data) *template.HTML { return &d.Parts.ArticleHeader },
	func(d *Data) *template.HTML { return &d.Parts.Figure },
	func(d *Data) *template.HTML { return &d.Parts.KeyPoints },
	func(d *Data) *template.HTML { return &d.Parts.Explainers },
	func(d *Data) *template.HTML { return &d.Parts.ShareBar },
	func(d *Data) *template.HTML { return &d.Parts.Newsletter },
	func(d *Data) *template.HTML { return &d.Parts.SiteFooter },
	func(d *Data) *template.HTML { return &d.Parts.Article },
}

// slotTicker and slotArticle are the indexes of Parts.Ticker and
// Parts.Article in slots.
const (
	slotTicker  = 3
	slotArticle = 11
)

// skeleton is a template's output with holes: text[0], the slot holes[0],
// text[1], … text[len(holes)].
type skeleton struct {
	text  []string
	holes []int
	size  int

	textOnce   sync.Once
	textStyles []hashList // the style hashes of each text, for StyleHashes
}

// skeletonBytes bounds the skeletons a Renderer keeps, whatever
// Options.CacheBytes says: they are compiled templates, not content (one
// "page" and one "article" per language and direction, the page about
// 7 KB with its stylesheet).
const skeletonBytes = 1 << 20

type skeletonKey struct {
	name      string
	lang, dir string
}

// errNoSkeleton is returned by buildSkeleton when the output does not
// hold each marker it holds exactly once; the template is then executed
// per article.
var errNoSkeleton = errors.New("template does not insert each part once")

// slotMarker is the marker of slot i: an HTML comment with the
// Renderer's random nonce, which no article text can produce (text is
// escaped, sanitised HTML has no comments).
func (r *Renderer) slotMarker(i int) string {
	return r.marker[:len(r.marker)-3] + "-" + strconv.Itoa(i) + "-->"
}

// skeleton returns the skeleton of the embedded template name for the
// language and direction of d, from the cache or built, or nil when it
// cannot be made.
func (r *Renderer) skeleton(name string, d *Data) *skeleton {
	k := skeletonKey{name: name, lang: d.Lang, dir: d.Dir}
	if s, ok := r.skeletons.get(k); ok {
		return s
	}
	s, err := r.buildSkeleton(name, d.Lang, d.Dir)
	if err != nil {
		return nil
	}
	r.skeletons.put(k, s, s.size+len(k.lang)+len(k.dir)+64)
	return s
}

func (r *Renderer) buildSkeleton(name, lang, dir string) (*skeleton, error) {
	d := Data{Lang: lang, Dir: dir}
	for i, s := range slots {
		*s(&d) = template.HTML(r.slotMarker(i))
	}
	buf := r.getBuf()
	defer r.putBuf(buf)
	if err := r.tmpl.ExecuteTemplate(buf, name, &d); err != nil {
		return nil, err
	}
	out := buf.String()
	type hit struct{ at, slot int }
	var hits []hit
	for i := range slots {
		m := r.slotMarker(i)
		at := strings.Index(out, m)
		if at < 0 {
			continue
		}
		if strings.Contains(out[at+len(m):], m) {
			return nil, errNoSkeleton
		}
		hits = append(hits, hit{at, i})
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	s := &skeleton{size: len(out)}
	from := 0
	for _, h := range hits {
		s.text = append(s.text, out[from:h.at])
		s.holes = append(s.holes, h.slot)
		from = h.at + len(r.slotMarker(h.slot))
	}
	s.text = append(s.text, out[from:])
	return s, nil
}

// filledLen returns the length of the skeleton filled with d.
func (s *skeleton) filledLen(d *Data) int {
	n := len(s.text[0])
	for i, slot := range s.holes {
		n += len(*slots[slot](d)) + len(s.text[i+1])
	}
	return n
}

// fill appends the skeleton with d's values in its holes to b, which it
// returns with the length b had when it reached the ticker's hole (-1
// when it has none).
func (s *skeleton) fill(b []byte, d *Data) (out []byte, ticker int) {
	ticker = -1
	b = append(b, s.text[0]...)
	for i, slot := range s.holes {
		if slot == slotTicker {
			ticker = len(b)
		}
		b = append(b, *slots[slot](d)...)
		b = append(b, s.text[i+1]...)
	}
	return b, ticker
}

// fillString returns the skeleton filled with d, written once into a
// string of the exact length.
func (s *skeleton) fillString(d *Data) string {
	var b strings.Builder
	b.Grow(s.filledLen(d))
	b.WriteString(s.text[0])
	for i, slot := range s.holes {
		b.WriteString(string(*slots[slot](d)))
		b.WriteString(s.text[i+1])
	}
	return b.String()
}

// sitePartKey names the output of a site part: the component, the labels
// it was written with, a digest of the site and, for the footer, the
// year.
type sitePartKey struct {
	component string
	labels    *Labels
	site      fingerprint
	year      int
}

// sitePart reports whether the component c reads only the site, the
// labels and the year of publication: an embedded "site-header",
// "newsletter" or "site-footer", on a Renderer whose Labels are shared
// between articles (the catalogue's; Options.Locale makes new ones per
// article).
func (r *Renderer) sitePart(c string) bool {
	switch c {
	case "site-header", "newsletter", "site-footer":
		return r.embedded[c] && r.opts.Locale == nil
	}
	return false
}

// sitePartKeyOf returns the key of the site part c for d; site is the
// digest of d's site (siteDigest), worked out once per article.
func sitePartKeyOf(c string, d *Data, site fingerprint) sitePartKey {
	k := sitePartKey{component: c, labels: d.Labels, site: site}
	if c == "site-footer" {
		k.year = d.Article.Published.Year()
	}
	return k
}

// siteDigest is the 128-bit digest of every field of d's site.
func (r *Renderer) siteDigest(d *Data) fingerprint {
	var h hasher
	h.h[0].SetSeed(r.seeds[0])
	h.h[1].SetSeed(r.seeds[1])
	h.value(reflect.ValueOf(&d.Article.Site).Elem())
	return fingerprint{h.h[0].Sum64(), h.h[1].Sum64()}
}
