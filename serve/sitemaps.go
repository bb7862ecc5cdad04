package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	// The home page is in part 0; its date is known only at the end, so
	// the longest date's room is kept for it.
	n, size := 0, 0
	if p.home.Loc != "" {
		longest := p.home
		longest.LastMod = time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
		n, size = 1, feed.SitemapURLSize(longest)
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
	if p.home.Loc != "" {
		longest := p.home
		longest.LastMod = time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
		p.size[0] += feed.SitemapURLSize(p.home) - feed.SitemapURLSize(longest)
	}
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

// streamBytes is the size from which a sitemap file is streamed to the
// client as it is made, not rendered into the cache: a part of 50,000
// URLs is some 12 MB, which would otherwise be held whole, once per
// request in flight.
const streamBytes = 1 << 20

// streamSitemap answers a large sitemap (/sitemap.xml when it is one file,
// or a part; part 0 means /sitemap.xml) by writing it as it is made. It
// reports whether it answered; a sitemap index, a small sitemap and a
// missing part are left to the cached path. The entity tag comes from the
// collection's version, the base URL and the part, so a conditional
// request is answered before anything is made.
func (h *Handler) streamSitemap(w http.ResponseWriter, r *http.Request, ix Indexed, version, base string, part int) bool {
	ctx := r.Context()
	c, err := ix.Collection(ctx)
	if err != nil {
		return false
	}
	p, err := h.plan(ctx, c, base)
	if err != nil {
		return false
	}
	i := part - 1
	if part == 0 {
		if p.parts() > 1 {
			return false // the index
		}
		i = 0
	} else if p.parts() == 1 || part > p.parts() {
		return false
	}
	if p.size[i] < streamBytes {
		return false
	}
	sum := sha256.Sum256([]byte("sitemap\x00" + version + "\x00" + c.Version() + "\x00" + base + "\x00" + strconv.Itoa(part) + "\x00" + h.opts.CardVersion))
	tag := `"` + hex.EncodeToString(sum[:16]) + `"`
	cc := h.opts.CacheControl
	if notModified(w, r, tag, cc, true) {
		return true
	}
	// Bounded like any render.
	t := time.NewTimer(h.opts.RenderTimeout)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
	case <-t.C:
		h.fail(w, r, errTimeout)
		return true
	case <-ctx.Done():
		return true
	}
	defer func() { <-h.slots }()
	hd := w.Header()
	hd["Content-Type"] = []string{listInfo[listSitemap].ctype}
	hd.Set("Cache-Control", cc)
	hd["Vary"] = hdrVary
	var out io.Writer = w
	var zw *gzip.Writer
	if acceptsGzip(r) {
		hd["Content-Encoding"] = hdrGzip
		hd["Etag"] = []string{strings.TrimSuffix(tag, `"`) + `-gzip"`}
		zw = gzip.NewWriter(w)
		out = zw
	} else {
		hd["Etag"] = []string{tag}
		hd["Content-Length"] = []string{strconv.Itoa(p.size[i])}
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return true
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	err = h.writePart(bw, p, base, i)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if err != nil && h.opts.OnError != nil {
		// The status is sent: the client sees a short body.
		h.opts.OnError(r, fmt.Errorf("serve: sitemap: %w", err))
	}
	return true
}
