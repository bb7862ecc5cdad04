package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/sanitize"
)

// policy names what was done to a piece of HTML; it is part of the cache
// key, so the same string cleaned two ways is two entries.
type policy uint8

const (
	policyBody      policy = iota + 1 // sanitize body policy
	policyInline                      // sanitize inline policy
	policyText                        // plain text of the HTML
	policyExplainer                   // label stripped once, then inline policy
	policySwallowed                   // sanitize.Swallowed's description, "" for none
)

type cacheKey struct {
	base   string // the URL links are judged against
	policy policy
	kind   article.ExplainerKind // the explainer's kind and heading, for
	label  string                // policyExplainer
	raw    string
}

// cache is a byte-bounded map, safe for concurrent use. When the bytes held
// would pass the limit, the whole map is dropped and refilled on demand:
// the pages in demand keep hitting, and there is no per-entry bookkeeping
// on the hot path. A nil *cache holds nothing.
type cache[K comparable, V any] struct {
	mu    sync.RWMutex
	m     map[K]V
	bytes int
	limit int
}

// newCache returns a cache of at most limit bytes, or nil when limit is
// not positive.
func newCache[K comparable, V any](limit int) *cache[K, V] {
	if limit <= 0 {
		return nil
	}
	return &cache[K, V]{m: make(map[K]V), limit: limit}
}

func (c *cache[K, V]) get(k K) (V, bool) {
	if c == nil {
		var zero V
		return zero, false
	}
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// put stores v under k, counting size bytes for it; a value larger than
// the whole cache is not stored.
func (c *cache[K, V]) put(k K, v V, size int) {
	if c == nil || size > c.limit {
		return
	}
	c.mu.Lock()
	if _, ok := c.m[k]; !ok {
		if c.bytes+size > c.limit {
			clear(c.m)
			c.bytes = 0
		}
		c.m[k] = v
		c.bytes += size
	}
	c.mu.Unlock()
}

// size returns the bytes held.
func (c *cache[K, V]) size() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.bytes
}

// htmlCache holds sanitised HTML and plain text by content.
type htmlCache = cache[cacheKey, string]

// cached returns the cleaned form of k.raw under cl, from c or computed.
func cached(c *htmlCache, cl *cleaner, k cacheKey) string {
	if v, ok := c.get(k); ok {
		return v
	}
	v := cl.clean(k)
	c.put(k, v, len(k.raw)+len(k.label)+len(v))
	return v
}

// cleaner does the work behind a cache miss: a body and an inline policy
// for one base URL.
type cleaner struct {
	base         string
	body, inline *sanitize.Policy
}

// withBase returns the policies of c judging links against base.
func (c *cleaner) withBase(base string) (*cleaner, error) {
	body, err := c.body.WithBaseURL(base)
	if err != nil {
		return nil, err
	}
	inline, err := c.inline.WithBaseURL(base)
	if err != nil {
		return nil, err
	}
	return &cleaner{base: base, body: body, inline: inline}, nil
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
	return &cleaner{base: opts.BaseURL, body: body, inline: inline}, nil
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
func (cl *cleaner) html(c *htmlCache, p policy, raw string) template.HTML {
	return template.HTML(cached(c, cl, cacheKey{base: cl.base, policy: p, raw: raw}))
}

// text returns the plain text of the HTML raw.
func (cl *cleaner) text(c *htmlCache, raw string) string {
	return cached(c, cl, cacheKey{base: cl.base, policy: policyText, raw: raw})
}

// explainer returns the sanitised body of e, its label (the heading shown,
// or any of the English ones for its kind) removed from its start.
func (cl *cleaner) explainer(c *htmlCache, e article.Explainer, label string) template.HTML {
	return template.HTML(cached(c, cl, cacheKey{base: cl.base, policy: policyExplainer, kind: e.Kind, label: label, raw: e.Body}))
}

// swallowed returns the description of what raw leaves open at its end
// (sanitize.Swallowed), or "" when nothing is, from c or computed. It
// depends on raw alone, so the key has no base URL.
func swallowed(c *htmlCache, raw string) string {
	if strings.IndexByte(raw, '<') < 0 {
		// No tag, comment or doctype starts without '<', so nothing is
		// left open (TestSwallowedWithoutTags).
		return ""
	}
	k := cacheKey{policy: policySwallowed, raw: raw}
	if v, ok := c.get(k); ok {
		return v
	}
	v := ""
	if sw, ok := sanitize.Swallowed(raw); ok {
		v = sw.String()
	}
	c.put(k, v, len(raw)+len(v))
	return v
}
