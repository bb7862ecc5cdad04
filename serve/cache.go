package serve

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// resource is one response body, made once and served many times.
type resource struct {
	body  []byte
	ctype []string // Content-Type header value
	cache []string // Cache-Control header value
	etag  string   // quoted entity tag, maybe W/
	tagH  []string // etag as a header value
	clen  []string // Content-Length of body
	csp   []string // Content-Security-Policy, when the response sets its own

	compress bool
	gzOnce   sync.Once
	gz       []byte
	gzTag    string
	gzTagH   []string
	gzLen    []string
}

// newResource makes a resource; etag "" means a strong tag from the
// body's SHA-256.
func newResource(body []byte, ctype, cacheControl, etag string) *resource {
	if etag == "" {
		etag = bodyTag(body)
	}
	return &resource{
		body:     body,
		ctype:    []string{ctype},
		cache:    []string{cacheControl},
		etag:     etag,
		tagH:     []string{etag},
		clen:     []string{strconv.Itoa(len(body))},
		compress: len(body) >= 256 && compressible(ctype),
	}
}

func bodyTag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "json") || strings.Contains(ctype, "xml")
}

// size is what the resource costs the cache.
func (r *resource) size() int { return 2*len(r.body) + 256 }

func (r *resource) gzipped() ([]byte, []string, []string) {
	r.gzOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(r.body)
		zw.Close()
		r.gz = b.Bytes()
		r.gzLen = []string{strconv.Itoa(len(r.gz))}
		// A different representation needs a different tag.
		r.gzTag = strings.TrimSuffix(r.etag, `"`) + `-gzip"`
		r.gzTagH = []string{r.gzTag}
	})
	return r.gz, r.gzTagH, r.gzLen
}

var (
	hdrVary    = []string{"Accept-Encoding"}
	hdrGzip    = []string{"gzip"}
	hdrNoStore = []string{"no-store"}
)

// write sends res, or 304 when the request's If-None-Match holds its tag,
// with the body left out for HEAD. Compressible bodies are gzipped when
// the client accepts gzip.
func write(w http.ResponseWriter, r *http.Request, res *resource) { writeCC(w, r, res, res.cache) }

// writeCC is write with another Cache-Control.
func writeCC(w http.ResponseWriter, r *http.Request, res *resource, cacheControl []string) {
	h := w.Header()
	h["Content-Type"] = res.ctype
	h["Cache-Control"] = cacheControl
	if res.csp != nil {
		h["Content-Security-Policy"] = res.csp
	}
	body, tag, clen := res.body, res.tagH, res.clen
	if res.compress {
		h["Vary"] = hdrVary
		if acceptsGzip(r) {
			body, tag, clen = res.gzipped()
			h["Content-Encoding"] = hdrGzip
		}
	}
	h["Etag"] = tag
	if inm := r.Header.Get("If-None-Match"); inm != "" && matchTag(inm, tag[0]) {
		delete(h, "Content-Type")
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = clen
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notModified answers 304 for a tag known before rendering; it reports
// whether it did.
func notModified(w http.ResponseWriter, r *http.Request, tag string, cacheControl string, varies bool) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" || tag == "" {
		return false
	}
	if varies && acceptsGzip(r) {
		tag = strings.TrimSuffix(tag, `"`) + `-gzip"`
	}
	if !matchTag(inm, tag) {
		return false
	}
	h := w.Header()
	h["Etag"] = []string{tag}
	h.Set("Cache-Control", cacheControl)
	if varies {
		h["Vary"] = hdrVary
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// acceptsGzip reports whether Accept-Encoding allows gzip (q=0 refuses).
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header["Accept-Encoding"] {
		for part := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
				continue
			}
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
			return true
		}
	}
	return false
}

// matchTag applies If-None-Match's weak comparison (RFC 9110 §13.1.2).
func matchTag(header, tag string) bool {
	tag = strings.TrimPrefix(tag, "W/")
	for part := range strings.SplitSeq(header, ",") {
		p := strings.TrimSpace(part)
		if p == "*" || strings.TrimPrefix(p, "W/") == tag {
			return true
		}
	}
	return false
}

// lru is a cache of resources bounded by their total size. It is safe for
// concurrent use.
type lru struct {
	mu    sync.Mutex
	max   int
	used  int
	ll    *list.List
	items map[string]*list.Element
}

type lruEntry struct {
	key string
	res *resource
}

func newLRU(max int) *lru {
	return &lru{max: max, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *lru) get(key string) *resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil
	}
	c.ll.MoveToFront(e)
	return e.Value.(*lruEntry).res
}

func (c *lru) put(key string, res *resource) {
	n := res.size() + len(key)
	if n > c.max/4 {
		return // one entry never takes more than a quarter of the cache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		old := e.Value.(*lruEntry)
		c.used -= old.res.size() + len(key)
		old.res = res
		c.used += n
		c.ll.MoveToFront(e)
	} else {
		c.items[key] = c.ll.PushFront(&lruEntry{key, res})
		c.used += n
	}
	for c.used > c.max {
		e := c.ll.Back()
		ent := e.Value.(*lruEntry)
		c.ll.Remove(e)
		delete(c.items, ent.key)
		c.used -= ent.res.size() + len(ent.key)
	}
}

// stats returns the entry count and bytes held.
func (c *lru) stats() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.used
}
