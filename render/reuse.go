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
// "key-points" and "explainers" insert their sanitised HTML the same way
// and read besides only the labels and the number of key points, and each
// explainer's kind, id and heading: they have skeletons by those.
//
// A site part ("site-header", "newsletter", "site-footer") reads only the
// site, the labels and the year of publication, so its output is kept by
// a digest of those and shared by every article of the site.

// slots are the template.HTML values of Data the skeletons of "page" and
// "article" leave holes for: the body, then the parts in the order of
// Parts' fields.
var slots = [nSlots]func(*Data) *template.HTML{
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

// nSlots is len(slots); slotTicker and slotArticle are the indexes of
// Parts.Ticker and Parts.Article in it.
const (
	nSlots      = 12
	slotTicker  = 3
	slotArticle = 11
)

// slotValues returns d's values for slots.
func slotValues(d *Data) (v [nSlots]template.HTML) {
	for i, s := range slots {
		v[i] = *s(d)
	}
	return v
}

// skeleton is a template's output with holes: text[0], the value
// holes[0], text[1], … text[len(holes)]. The values are slotValues for
// "page" and "article", the key points for "key-points" and the
// explainers' bodies for "explainers".
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

// skeletonKey names a skeleton: the template and what it reads besides
// its holes ("page", "article": the language and direction;
// "key-points": the labels and the number of key points; "explainers": a
// digest of each explainer's kind, id and label).
type skeletonKey struct {
	name      string
	lang, dir string
	labels    *Labels
	n         int
	digest    fingerprint
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

// skeleton returns the skeleton of the embedded "page" or "article" for
// the language and direction of d, from the cache or built, or nil when it
// cannot be made.
func (r *Renderer) skeleton(name string, d *Data) *skeleton {
	k := skeletonKey{name: name, lang: d.Lang, dir: d.Dir}
	if s, ok := r.skeletons.get(k); ok {
		return s
	}
	m := Data{Lang: d.Lang, Dir: d.Dir}
	for i, s := range slots {
		*s(&m) = template.HTML(r.slotMarker(i))
	}
	return r.keepSkeleton(r.skeletons, k, &m, nSlots)
}

// keepSkeleton builds the skeleton of k.name from m, whose n holes hold
// markers, and keeps it in c under k; nil when it cannot be made. A
// key-point or explainer skeleton must have all n holes.
func (r *Renderer) keepSkeleton(c *cache[skeletonKey, *skeleton], k skeletonKey, m *Data, n int) *skeleton {
	s, err := r.buildSkeleton(k.name, m, n)
	if err != nil || k.name != "page" && k.name != "article" && len(s.holes) != n {
		return nil
	}
	c.put(k, s, s.size+len(k.lang)+len(k.dir)+64)
	return s
}

// keyPointsSkeleton returns the skeleton of the embedded "key-points"
// for d's labels and number of key points, or nil.
func (r *Renderer) keyPointsSkeleton(d *Data) *skeleton {
	k := skeletonKey{name: "key-points", labels: d.Labels, n: len(d.KeyPoints)}
	if s, ok := r.partSkeletons.get(k); ok {
		return s
	}
	m := Data{Labels: d.Labels, KeyPoints: make([]template.HTML, len(d.KeyPoints))}
	for i := range m.KeyPoints {
		m.KeyPoints[i] = template.HTML(r.slotMarker(i))
	}
	return r.keepSkeleton(r.partSkeletons, k, &m, len(m.KeyPoints))
}

// explainersSkeleton returns the skeleton of the embedded "explainers" for
// d's explainers' kinds, ids and labels, or nil.
func (r *Renderer) explainersSkeleton(d *Data) *skeleton {
	var h hasher
	h.h[0].SetSeed(r.seeds[0])
	h.h[1].SetSeed(r.seeds[1])
	for _, e := range d.Explainers {
		h.str(e.Kind)
		h.str(e.ID)
		h.str(e.Label)
	}
	k := skeletonKey{name: "explainers", n: len(d.Explainers), digest: fingerprint{h.h[0].Sum64(), h.h[1].Sum64()}}
	if s, ok := r.partSkeletons.get(k); ok {
		return s
	}
	m := Data{Explainers: slices.Clone(d.Explainers)}
	for i := range m.Explainers {
		m.Explainers[i].Body = template.HTML(r.slotMarker(i))
	}
	return r.keepSkeleton(r.partSkeletons, k, &m, len(m.Explainers))
}

// explainerBodies returns the bodies of d's explainers, the values of the
// "explainers" skeleton.
func explainerBodies(d *Data) []template.HTML {
	v := make([]template.HTML, len(d.Explainers))
	for i, e := range d.Explainers {
		v[i] = e.Body
	}
	return v
}

// buildSkeleton executes the template name on m, whose holes 0..n-1 hold
// their markers, and splits the output at them.
func (r *Renderer) buildSkeleton(name string, m *Data, n int) (*skeleton, error) {
	buf := r.getBuf()
	defer r.putBuf(buf)
	if err := r.tmpl.ExecuteTemplate(buf, name, m); err != nil {
		return nil, err
	}
	out := buf.String()
	type hit struct{ at, hole int }
	var hits []hit
	for i := range n {
		mk := r.slotMarker(i)
		at := strings.Index(out, mk)
		if at < 0 {
			continue
		}
		if strings.Contains(out[at+len(mk):], mk) {
			return nil, errNoSkeleton
		}
		hits = append(hits, hit{at, i})
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	s := &skeleton{size: len(out)}
	from := 0
	for _, h := range hits {
		s.text = append(s.text, out[from:h.at])
		s.holes = append(s.holes, h.hole)
		from = h.at + len(r.slotMarker(h.hole))
	}
	s.text = append(s.text, out[from:])
	return s, nil
}

// filledLen returns the length of the skeleton filled with vals.
func (s *skeleton) filledLen(vals []template.HTML) int {
	n := len(s.text[0])
	for i, h := range s.holes {
		n += len(vals[h]) + len(s.text[i+1])
	}
	return n
}

// fill appends the skeleton with vals in its holes to b, which it returns
// with the length b had when it reached the hole of value mark (-1 when
// it has none).
func (s *skeleton) fill(b []byte, vals []template.HTML, mark int) (out []byte, at int) {
	at = -1
	b = append(b, s.text[0]...)
	for i, h := range s.holes {
		if h == mark {
			at = len(b)
		}
		b = append(b, vals[h]...)
		b = append(b, s.text[i+1]...)
	}
	return b, at
}

// fillString returns the skeleton filled with vals, written once into a
// string of the exact length.
func (s *skeleton) fillString(vals []template.HTML) string {
	var b strings.Builder
	b.Grow(s.filledLen(vals))
	b.WriteString(s.text[0])
	for i, h := range s.holes {
		b.WriteString(string(vals[h]))
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
