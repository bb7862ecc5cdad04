package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"sync"
)

// styleCSPs turns a policy and a page's stylesheet hashes into the
// page's policy, keeping each result: a site's pages share their
// stylesheet, so there are few.
type styleCSPs struct {
	base string
	m    sync.Map // hashes joined by a space → []string{policy}
	n    int      // entries, bounded by maxStyleCSPs
	mu   sync.Mutex
}

const maxStyleCSPs = 64

// get returns the header value of base with hashes added.
func (c *styleCSPs) get(hashes []string) []string {
	key := ""
	if len(hashes) == 1 {
		key = hashes[0]
	} else {
		key = strings.Join(hashes, " ")
	}
	if v, ok := c.m.Load(key); ok {
		return v.([]string)
	}
	v := []string{withStyleHashes(c.base, hashes)}
	c.mu.Lock()
	if c.n < maxStyleCSPs {
		c.m.Store(key, v)
		c.n++
	}
	c.mu.Unlock()
	return v
}

// withStyleHashes adds the hash sources to the style-src directive of the
// policy csp (and to style-src-elem when it has one), or adds a style-src
// of them when it has neither. A policy whose directive allows
// 'unsafe-inline' is left as it is: listing a hash would make browsers
// ignore 'unsafe-inline', which its author chose.
func withStyleHashes(csp string, hashes []string) string {
	if len(hashes) == 0 {
		return csp
	}
	dirs := strings.Split(csp, ";")
	found := false
	for i, d := range dirs {
		name, _, _ := strings.Cut(strings.TrimSpace(d), " ")
		if !strings.EqualFold(name, "style-src") && !strings.EqualFold(name, "style-src-elem") {
			continue
		}
		found = true
		if strings.Contains(strings.ToLower(d), "'unsafe-inline'") {
			return csp
		}
		dirs[i] = strings.TrimRight(d, " ") + " " + strings.Join(hashes, " ")
	}
	if !found {
		return strings.TrimRight(csp, " ;") + "; style-src " + strings.Join(hashes, " ")
	}
	return strings.Join(dirs, ";")
}

// indexStyleHashes returns the CSP hash of the index page's stylesheet,
// as the index template writes it.
func indexStyleHashes() []string {
	var b bytes.Buffer
	if err := indexTemplate.Execute(&b, indexData{}); err != nil {
		return nil
	}
	_, css, ok := strings.Cut(b.String(), "<style>")
	css, _, ok2 := strings.Cut(css, "</style>")
	if !ok || !ok2 {
		return nil
	}
	sum := sha256.Sum256([]byte(css))
	return []string{"'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}
}
