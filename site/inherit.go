package site

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"reflect"

	"github.com/broadsheet/broadsheet/article"
)

// ConfigName is the conventional file name of the site configuration.
// Folder walks skip files of this name.
const ConfigName = "site.json"

// LoadConfig reads a site configuration file: one JSON object with the
// members of an article's "site" object (name, url, tagline, locale, logo,
// x, facebook_app_id, facebook_page, bluesky, mastodon, newsletter,
// time_zone),
// decoded as strictly as an article. Unknown members, wrong types and
// invalid values are reported together, each with the file name and its
// path ("site.json: logo.url: …").
func LoadConfig(path string) (*article.Site, error) {
	data, err := readLimited(path, article.DefaultMaxBytes)
	if err != nil {
		return nil, err
	}
	s, err := ParseConfig(data)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return s, nil
}

// ParseConfig decodes a site configuration held in memory; see LoadConfig.
// The returned error, if any, is an *article.ValidationError whose paths
// are relative to the configuration ("logo.url"), or a syntax error.
func ParseConfig(data []byte) (*article.Site, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, fmt.Errorf("site: %w: the configuration must be a JSON object", article.ErrSyntax)
	}
	// Decode it as the "site" member of an otherwise empty article, so the
	// configuration gets exactly the article decoder's strictness, then
	// strip the "site." prefix from the paths.
	doc := make([]byte, 0, len(data)+10)
	doc = append(doc, `{"site":`...)
	doc = append(doc, data...)
	doc = append(doc, '}')
	a, err := article.Decode(bytes.NewReader(doc), article.DecodeOptions{MaxBytes: int64(len(doc)) + 1})
	if a == nil {
		return nil, fmt.Errorf("site: configuration: %w", err)
	}
	var findings []article.Finding
	if ve, ok := err.(*article.ValidationError); ok {
		findings = append(findings, ve.Findings...)
	}
	s := a.Site
	if s == nil {
		s = &article.Site{}
	}
	// Check the configuration alone with the site rules: an article
	// carrying only this site, with its required article fields given, so
	// only the site's findings remain.
	probe := &article.Article{Site: s}
	for _, f := range probe.Check() {
		if len(f.Path) >= 4 && f.Path[:4] == "site" && f.Severity == article.SeverityError {
			findings = append(findings, f)
		}
	}
	seen := map[string]bool{}
	kept := findings[:0]
	for _, f := range findings {
		f.Path = trimSitePrefix(f.Path)
		key := f.Path + "\x00" + f.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		kept = append(kept, f)
	}
	if len(kept) > 0 {
		return s, &article.ValidationError{Findings: kept}
	}
	return s, nil
}

func trimSitePrefix(p string) string {
	switch {
	case p == "site":
		return ""
	case len(p) > 5 && p[:5] == "site.":
		return p[5:]
	}
	return p
}

// Inherit returns the site an article shows: own's members where own sets
// them (non-zero), base's everywhere else. Logo and Newsletter are single
// members: own's logo, if any, replaces base's whole. Either argument may
// be nil; the result is a new value sharing nothing with either (nil when
// both are nil).
func Inherit(base, own *article.Site) *article.Site {
	if base == nil && own == nil {
		return nil
	}
	var out article.Site
	if base != nil {
		out = cloneSite(*base)
	}
	if own == nil {
		return &out
	}
	o := cloneSite(*own)
	dst := reflect.ValueOf(&out).Elem()
	src := reflect.ValueOf(&o).Elem()
	for i := range src.NumField() {
		if f := src.Field(i); !f.IsZero() {
			dst.Field(i).Set(f)
		}
	}
	return &out
}

func cloneSite(s article.Site) article.Site {
	if s.Logo != nil {
		l := *s.Logo
		s.Logo = &l
	}
	if s.Newsletter != nil {
		n := *s.Newsletter
		s.Newsletter = &n
	}
	return s
}

// readLimited reads a file of at most max bytes.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("site: %s: not a regular file", path)
	}
	if st.Size() > max {
		return nil, &FileError{Path: path, Err: fmt.Errorf("site: %w: %d bytes, the limit is %d", article.ErrTooLarge, st.Size(), max)}
	}
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+1))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if int64(buf.Len()) > max {
		return nil, &FileError{Path: path, Err: fmt.Errorf("site: %w: over %d bytes", article.ErrTooLarge, max)}
	}
	return buf.Bytes(), nil
}
