package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/feed"
	"github.com/broadsheet/broadsheet/site"
)

// Indexed is an optional interface of a Source: the collection of
// everything it serves, whose entries list every article without reading
// it. With it, the sitemap lists every article, split into sitemaps of at
// most feed.MaxSitemapURLs URLs and feed.MaxSitemapBytes bytes under a
// sitemap index when there are more (/sitemap.xml is then the index, and
// the sitemaps are /sitemaps/1.xml, /sitemaps/2.xml, …), and the news
// sitemap every article of the last two days (the newest
// feed.MaxNewsURLs of them). Without it, the sitemap lists the newest
// 49,999 articles and the news sitemap those of the newest ListSize that
// are in its window. *site.Collection and *site.Live implement it.
type Indexed interface {
	Collection(ctx context.Context) (*site.Collection, error)
}

// sitemapPlan is how the sitemap of one collection, seen from one base
// URL, is split: part i (from 0) lists the entries from starts[i] to
// starts[i+1], the first part also the home page.
type sitemapPlan struct {
	c       *site.Collection
	home    feed.SitemapURL // Loc "" for none
	starts  []int
	lastMod []time.Time // of each part
	size    []int       // of each part, in bytes
}

// parts returns the number of sitemap files; 1 means /sitemap.xml is the
// sitemap itself.
func (p *sitemapPlan) parts() int { return len(p.starts) }

// url returns the sitemap URL of entry e under base.
func (h *Handler) sitemapURL(base string, e site.Entry) feed.SitemapURL {
	u := feed.SitemapURL{Loc: e.URL, LastMod: e.Updated(), Image: e.Image}
	if u.Image == "" && site.ValidID(e.ID) {
		u.Image = strings.TrimSuffix(base, "/") + site.CardPath(e.ID, DefaultCard, h.cardHash(e.Digest, DefaultCard))
	}
	return u
}

// plan returns the split of c's sitemap under base, computed once per
// collection version and base.
func (h *Handler) plan(ctx context.Context, c *site.Collection, base string) (*sitemapPlan, error) {
	key := c.Version() + "\x00" + base
	h.mu.Lock()
	if h.plans != nil && h.plans.key == key {
		p := h.plans.plan
		h.mu.Unlock()
		return p, nil
	}
	h.mu.Unlock()
	p := &sitemapPlan{c: c}
	// The home page heads the first sitemap, dated by the newest change
	// of any article, as feed.Sitemap dates it.
	// Its URL is the site's, as feed.Sitemap finds it for serveList.
	p.home.Loc = base
	if c.Len() > 0 {
		first, err := c.Article(ctx, c.Entry(0).ID)
		if err != nil {
			return nil, err
		}
		if first.Site != nil && first.Site.Name != "" {
			p.home.Loc = first.Site.URL // may be "": no home page
		}
	}
	maxURLs, maxBytes := h.sitemapURLs, h.sitemapBytes
	if maxURLs <= 0 {
		maxURLs = feed.MaxSitemapURLs
	}
	if maxBytes <= 0 {
		maxBytes = feed.MaxSitemapBytes
	}
	budget := maxBytes - emptySitemap - 1
	n, size := 0, 0
	if p.home.Loc != "" {
		n, size = 1, feed.SitemapURLSize(p.home) // the home page, in part 0
	}
	p.starts = []int{0}
	p.lastMod = []time.Time{{}}
	p.size = []int{0}
	for i := range c.Len() {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		u := h.sitemapURL(base, c.Entry(i))
		s := feed.SitemapURLSize(u)
		if n == maxURLs || size+s > budget {
			p.size[len(p.size)-1] = size
			p.starts = append(p.starts, i)
			p.lastMod = append(p.lastMod, time.Time{})
			p.size = append(p.size, 0)
			n, size = 0, 0
		}
		n++
		size += s
		if last := &p.lastMod[len(p.lastMod)-1]; u.LastMod.After(*last) {
			*last = u.LastMod
		}
		if u.LastMod.After(p.home.LastMod) {
			p.home.LastMod = u.LastMod
		}
	}
	p.size[len(p.size)-1] = size
	for i := range p.size {
		p.size[i] += emptySitemap + 1
	}
	h.mu.Lock()
	h.plans = &planSlot{key: key, plan: p}
	h.mu.Unlock()
	return p, nil
}

// planSlot caches the latest sitemap plan.
type planSlot struct {
	key  string
	plan *sitemapPlan
}

// emptySitemap is the size of a sitemap's envelope (feed's sitemap with no
// URLs).
var emptySitemap = func() int {
	var b strings.Builder
	feed.WriteSitemap(&b, slices.Values([]feed.SitemapURL(nil)))
	return b.Len()
}()

// writePart writes sitemap part i (from 0) of p, the URLs made as they
// are written.
func (h *Handler) writePart(w io.Writer, p *sitemapPlan, base string, i int) error {
	end := p.c.Len()
	if i+1 < len(p.starts) {
		end = p.starts[i+1]
	}
	if b, ok := w.(*bytes.Buffer); ok {
		b.Grow(p.size[i])
	}
	return feed.WriteSitemap(w, func(yield func(feed.SitemapURL) bool) {
		if i == 0 && p.home.Loc != "" && !yield(p.home) {
			return
		}
		for k := p.starts[i]; k < end; k++ {
			if !yield(h.sitemapURL(base, p.c.Entry(k))) {
				return
			}
		}
	})
}

// writeSitemap writes /sitemap.xml of an Indexed source: the sitemap, or
// the index of its parts.
func (h *Handler) writeSitemap(ctx context.Context, w io.Writer, c *site.Collection, base string) error {
	p, err := h.plan(ctx, c, base)
	if err != nil {
		return err
	}
	if p.parts() == 1 {
		return h.writePart(w, p, base, 0)
	}
	refs := make([]feed.SitemapURL, p.parts())
	for i := range refs {
		refs[i] = feed.SitemapURL{Loc: base + strings.TrimPrefix(site.SitemapsPrefix, "/") + strconv.Itoa(i+1) + ".xml", LastMod: p.lastMod[i]}
	}
	if !p.home.LastMod.IsZero() && p.home.LastMod.After(refs[0].LastMod) {
		refs[0].LastMod = p.home.LastMod
	}
	return feed.SitemapIndex(w, refs)
}

// newsArticles returns the articles of an Indexed source's news sitemap:
// those published in the two days up to now, newest first, at most
// feed.MaxNewsURLs.
func newsArticles(ctx context.Context, c *site.Collection, now time.Time) ([]*article.Article, error) {
	var out []*article.Article
	for _, id := range NewsIDs(c, now) {
		a, err := c.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// NewsIDs returns the ids of the articles c's news sitemap lists at now:
// those published in the feed.NewsWindow up to now (none dated later),
// newest first, at most feed.MaxNewsURLs. A static build keys the news
// sitemap on them.
func NewsIDs(c *site.Collection, now time.Time) []string {
	var ids []string
	for i := range c.Len() {
		e := c.Entry(i)
		if e.Published.After(now) {
			continue
		}
		if now.Sub(e.Published) > feed.NewsWindow || len(ids) == feed.MaxNewsURLs {
			break
		}
		ids = append(ids, e.ID)
	}
	return ids
}

// serveSitemapPart serves /sitemaps/{n}.xml, part n of a split sitemap.
func (h *Handler) serveSitemapPart(w http.ResponseWriter, r *http.Request) {
	h.dataHeaders(w)
	name, ok := strings.CutSuffix(r.PathValue("file"), ".xml")
	n, err := strconv.Atoi(name)
	if !ok || err != nil || n < 1 || strconv.Itoa(n) != name {
		h.plain(w, http.StatusNotFound, "not found")
		return
	}
	h.serveList(w, r, listPart, n)
}
