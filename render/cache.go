package render

import (
	"fmt"
	"github.com/broadsheet/broadsheet/sanitize"
	"html/template"
	"sync"

	"github.com/broadsheet/broadsheet/article"
)

// policy names what was done to a piece of HTML; it is part of the cache
// key, so the same string cleaned two ways is two entries.
type policy uint8

const (
	policyBody      policy = iota + 1 // sanitize body policy
	policyInline                      // sanitize inline policy
	policyText                        // plain text of the HTML
	policyExplainer                   // label stripped once, then inline policy
)

type cacheKey struct {
	cl     *cleaner // the policies used (they differ per base URL)
	policy policy
	kind   article.ExplainerKind // the explainer's kind and title, for
	label  string                // policyExplainer
	raw    string
}

// htmlCache holds sanitised HTML and plain text by content. When the bytes
// held pass the limit, the whole cache is dropped and refilled on demand:
// pages of one article keep hitting, and there is no per-entry bookkeeping
// on the hot path. It is safe for concurrent use.
type htmlCache struct {
	mu    sync.RWMutex
	m     map[cacheKey]string
	bytes int
	limit int
}

func newHTMLCache(limit int) *htmlCache {
	if limit < 0 {
		return nil
	}
	if limit == 0 {
		limit = 32 << 20
	}
	return &htmlCache{m: make(map[cacheKey]string), limit: limit}
}

// get returns the cleaned form of k.raw, computing it with clean on a miss.
func (c *htmlCache) get(k cacheKey, clean func(cacheKey) string) string {
	if c == nil {
		return clean(k)
	}
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = clean(k)
	size := len(k.raw) + len(k.label) + len(v)
	c.mu.Lock()
	if c.bytes+size > c.limit {
		clear(c.m)
		c.bytes = 0
	}
	if size <= c.limit {
		c.m[k] = v
		c.bytes += size
	}
	c.mu.Unlock()
	return v
}

// cleaner does the work behind a cache miss: a body and an inline policy,
// built once for one base URL.
type cleaner struct {
	body, inline *sanitize.Policy
}

func newCleaner(opts sanitize.Options) (*cleaner, error) {
	body, err := sanitize.BodyPolicy(opts)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	inline, err := sanitize.InlinePolicy(opts)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return &cleaner{body: body, inline: inline}, nil
}

func (c *cleaner) clean(k cacheKey) string {
	switch k.policy {
	case policyBody:
		return string(c.body.Sanitize(k.raw))
	case policyInline:
		return string(c.inline.Sanitize(k.raw))
	case policyText:
		return sanitize.Text(k.raw)
	case policyExplainer:
		// article.Normalize knows the ways CMSs repeat an explainer's label
		// at the start of its body; run it on a copy holding only this
		// explainer, so the label is shown once, as the heading.
		tmp := article.Article{Explainers: []article.Explainer{{Kind: k.kind, Title: k.label, Body: k.raw}}}
		tmp.Normalize()
		return string(c.inline.Sanitize(tmp.Explainers[0].Body))
	}
	return ""
}

// html returns the sanitised form of raw under p.
func (c *htmlCache) html(cl *cleaner, p policy, raw string) template.HTML {
	return template.HTML(c.get(cacheKey{cl: cl, policy: p, raw: raw}, cl.clean))
}

// text returns the plain text of the HTML raw.
func (c *htmlCache) text(cl *cleaner, raw string) string {
	return c.get(cacheKey{cl: cl, policy: policyText, raw: raw}, cl.clean)
}

// explainer returns the sanitised body of e, its label shown once.
func (c *htmlCache) explainer(cl *cleaner, e article.Explainer) template.HTML {
	return template.HTML(c.get(cacheKey{cl: cl, policy: policyExplainer, kind: e.Kind, label: e.Title, raw: e.Body}, cl.clean))
}

// preparedCache holds Prepared values by the fingerprint of their article.
// Like htmlCache it drops everything when full. It is safe for concurrent
// use.
type preparedCache struct {
	mu    sync.RWMutex
	m     map[fingerprint]*Prepared
	bytes int
	limit int
}

func newPreparedCache(limit int) *preparedCache {
	if limit < 0 {
		return nil
	}
	if limit == 0 {
		limit = 32 << 20
	}
	return &preparedCache{m: make(map[fingerprint]*Prepared), limit: limit}
}

func (c *preparedCache) get(k fingerprint) *Prepared {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	p := c.m[k]
	c.mu.RUnlock()
	return p
}

func (c *preparedCache) put(k fingerprint, p *Prepared) {
	if c == nil || p.size > c.limit {
		return
	}
	c.mu.Lock()
	if c.bytes+p.size > c.limit {
		clear(c.m)
		c.bytes = 0
	}
	if _, ok := c.m[k]; !ok {
		c.m[k] = p
		c.bytes += p.size
	}
	c.mu.Unlock()
}
