package site

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

// Entry is what a collection keeps in memory of every article, whether or
// not it keeps the article itself: enough to order it, find it and list
// it (sitemaps, tickers, a static build's plan) without reading its file.
// Collection.Article reads the rest.
type Entry struct {
	// ID is the article's id.
	ID string
	// URL is its canonical URL.
	URL string
	// Published and Modified are the article's times (Modified may be
	// zero).
	Published, Modified time.Time
	// Breaking is the article's breaking flag.
	Breaking bool
	// KeyPoints is how many key points the article has.
	KeyPoints int
	// Image is the URL of the article's own lead image; "" when it has
	// none (its share image is then its card: ShareImageOf).
	Image string
	// Source is the file the article was loaded from; "" for an article
	// given as a value (New).
	Source string
	// Digest is ArticleDigest of the article with its inherited site.
	Digest string
}

// Updated returns the later of Modified and Published: the article's last
// change, as sitemaps and feeds give it.
func (e Entry) Updated() time.Time {
	if e.Modified.IsZero() || e.Modified.Before(e.Published) {
		return e.Published
	}
	return e.Modified
}

// PagePath returns the path of the article's page (see PagePath).
func (e Entry) PagePath() string { return urlPath(e.URL) }

// entry is an Entry packed into one string and a few numbers, so a
// collection of a hundred thousand articles costs a few megabytes: text
// holds the id, URL, image URL and the source's file name one after
// another, and the page path when it is not a part of the URL; the
// source's folder is an index into the collection's folders.
type entry struct {
	text                       string
	idEnd, urlEnd, imgEnd      uint32
	srcEnd, pathStart, pathEnd uint32
	dir                        uint32 // the source's folder, in Collection.dirs
	keyPoints                  int32
	pub, mod                   int64 // Unix nanoseconds
	pubOff, modOff             int32 // UTC offsets in seconds
	sum                        [16]byte
	hasMod, breaking, hasPub   bool
}

// packEntry packs a's entry: its source is the folder dirs[dir] plus the
// file name base, its digest (ArticleDigest) digest.
func packEntry(a *article.Article, dir uint32, base, digest string) entry {
	var b strings.Builder
	img := ""
	if a.Image != nil {
		img = a.Image.URL
	}
	p := PagePath(a)
	b.Grow(len(a.ID) + len(a.URL) + len(img) + len(base) + len(p))
	e := entry{breaking: a.Breaking, keyPoints: int32(len(a.KeyPoints)), dir: dir}
	hex.Decode(e.sum[:], []byte(digest))
	b.WriteString(a.ID)
	e.idEnd = uint32(b.Len())
	b.WriteString(a.URL)
	e.urlEnd = uint32(b.Len())
	b.WriteString(img)
	e.imgEnd = uint32(b.Len())
	b.WriteString(base)
	e.srcEnd = uint32(b.Len())
	if i := strings.Index(a.URL, p); p != "" && i >= 0 && urlPathAt(a.URL, i, p) {
		e.pathStart = e.idEnd + uint32(i)
		e.pathEnd = e.pathStart + uint32(len(p))
	} else {
		e.pathStart = uint32(b.Len())
		b.WriteString(p)
		e.pathEnd = uint32(b.Len())
	}
	e.text = b.String()
	if !a.Published.IsZero() {
		e.hasPub = true
		e.pub = a.Published.UnixNano()
		_, off := a.Published.Zone()
		e.pubOff = int32(off)
	}
	if !a.Modified.IsZero() {
		e.hasMod = true
		e.mod = a.Modified.UnixNano()
		_, off := a.Modified.Zone()
		e.modOff = int32(off)
	}
	return e
}

// urlPathAt reports whether p found at i in raw is its path: it follows
// the host (the first "/" after "//").
func urlPathAt(raw string, i int, p string) bool {
	j := strings.Index(raw, "//")
	if j < 0 {
		return false
	}
	k := strings.IndexByte(raw[j+2:], '/')
	return k >= 0 && j+2+k == i && (i+len(p) == len(raw) || raw[i+len(p)] == '?' || raw[i+len(p)] == '#')
}

func (e *entry) id() string     { return e.text[:e.idEnd] }
func (e *entry) url() string    { return e.text[e.idEnd:e.urlEnd] }
func (e *entry) path() string   { return e.text[e.pathStart:e.pathEnd] }
func (e *entry) digest() string { return hex.EncodeToString(e.sum[:]) }

// source returns the file the article was loaded from, "" for a value.
func (e *entry) source(dirs []string) string {
	base := e.text[e.imgEnd:e.srcEnd]
	if base == "" {
		return ""
	}
	return dirs[e.dir] + base
}

func (e *entry) public(dirs []string) Entry {
	out := Entry{
		ID:        e.id(),
		URL:       e.url(),
		Image:     e.text[e.urlEnd:e.imgEnd],
		Source:    e.source(dirs),
		Digest:    e.digest(),
		Breaking:  e.breaking,
		KeyPoints: int(e.keyPoints),
	}
	if e.hasPub {
		out.Published = unpackTime(e.pub, e.pubOff)
	}
	if e.hasMod {
		out.Modified = unpackTime(e.mod, e.modOff)
	}
	return out
}

func unpackTime(ns int64, off int32) time.Time {
	t := time.Unix(0, ns)
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(off)))
}

// newer orders entries newest first, ties by id.
func newer(x, y *entry) int {
	switch {
	case x.pub > y.pub:
		return -1
	case x.pub < y.pub:
		return 1
	}
	return strings.Compare(x.id(), y.id())
}
