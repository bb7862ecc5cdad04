package article_test

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeHeadlineRefusedAtOnce is issue 16's item 3: a 6 MB headline of
// combining marks and a 9 MB headline of bidi controls made pages of
// 126 MB and share runs of 2 GB. Now the headline is an error naming the
// field, and checking it costs next to nothing: the bound is asserted by
// counting allocated bytes, not by timing.
func TestHugeHeadlineRefusedAtOnce(t *testing.T) {
	tests := []struct {
		name     string
		headline string
	}{
		{"6 MB of combining marks", "e" + strings.Repeat("\u0301", 3<<20)},     // 2 bytes each
		{"9 MB of bidi controls", strings.Repeat("\u202e\u2066\u202c", 1<<20)}, // 9 bytes a triple
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			a.Headline = tt.headline
			var findings []article.Finding
			n := allocated(func() { findings = a.Check() })
			require.Len(t, findings, 1, "%v", findings)
			f := findings[0]
			assert.Equal(t, "headline", f.Path)
			assert.Equal(t, "too_large", f.Code)
			assert.Equal(t, article.SeverityError, f.Severity)
			assert.ErrorIs(t, f, article.ErrTooLong)
			assert.Contains(t, f.Message, "the limit is 2000")
			if !raceEnabled { // the race detector's own allocations are counted too
				// About 41 KB, what Check costs on any article.
				assert.Less(t, n, uint64(256<<10), "Check allocated %d bytes for a %d-byte headline", n, len(tt.headline))
			}
			assert.Error(t, a.Validate())

			if raceEnabled {
				return
			}
			// Decoding and validating the document costs a small multiple
			// of its size (the read buffer, the JSON decoder's own buffer
			// and the string, each grown by doubling: about 7×), and the
			// document stays under the 10 MiB limit, so no article costs
			// more than about 80 MB to read.
			doc, err := json.Marshal(a)
			require.NoError(t, err)
			require.Less(t, len(doc), article.DefaultMaxBytes)
			var got *article.Article
			n = allocated(func() {
				got, findings, err = article.DecodeAndValidate(bytes.NewReader(doc), article.DecodeOptions{})
			})
			require.NotNil(t, got)
			assert.ErrorIs(t, err, article.ErrTooLong)
			assert.Less(t, n, uint64(8*len(doc)), "decoding and validating %d bytes allocated %d", len(doc), n)
		})
	}
}

// TestEveryPlainTextFieldHasALimit sets each plain-text field to 1 MB and
// expects a too_large error naming that field.
func TestEveryPlainTextFieldHasALimit(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	fields := map[string]func(a *article.Article){
		"id":                     func(a *article.Article) { a.ID = big },
		"headline":               func(a *article.Article) { a.Headline = big },
		"social_headline":        func(a *article.Article) { a.SocialHeadline = big },
		"standfirst":             func(a *article.Article) { a.Standfirst = big },
		"kicker":                 func(a *article.Article) { a.Kicker = big },
		"section":                func(a *article.Article) { a.Section = big },
		"tags[1]":                func(a *article.Article) { a.Tags[1] = big },
		"hashtags[0]":            func(a *article.Article) { a.Hashtags[0] = big },
		"language":               func(a *article.Article) { a.Language = big },
		"authors[1].name":        func(a *article.Article) { a.Authors[1].Name = big },
		"authors[0].url":         func(a *article.Article) { a.Authors[0].URL = "https://x.example/" + big },
		"authors[0].x":           func(a *article.Article) { a.Authors[0].X = big },
		"authors[0].bluesky":     func(a *article.Article) { a.Authors[0].Bluesky = big },
		"authors[0].mastodon":    func(a *article.Article) { a.Authors[0].Mastodon = big },
		"key_points[3]":          func(a *article.Article) { a.KeyPoints[3] = big },
		"explainers[1].title":    func(a *article.Article) { a.Explainers[1].Title = big },
		"explainers[1].body":     func(a *article.Article) { a.Explainers[1].Body = big },
		"image.url":              func(a *article.Article) { a.Image.URL = "https://x.example/" + big },
		"image.alt":              func(a *article.Article) { a.Image.Alt = big },
		"image.caption":          func(a *article.Article) { a.Image.Caption = big },
		"image.credit":           func(a *article.Article) { a.Image.Credit = big },
		"image.type":             func(a *article.Article) { a.Image.Type = big },
		"site.name":              func(a *article.Article) { a.Site.Name = big },
		"site.tagline":           func(a *article.Article) { a.Site.Tagline = big },
		"site.locale":            func(a *article.Article) { a.Site.Locale = big },
		"site.facebook_app_id":   func(a *article.Article) { a.Site.FacebookAppID = big },
		"site.time_zone":         func(a *article.Article) { a.Site.TimeZone = big },
		"site.newsletter.title":  func(a *article.Article) { a.Site.Newsletter.Title = big },
		"site.newsletter.pitch":  func(a *article.Article) { a.Site.Newsletter.Pitch = big },
		"site.newsletter.button": func(a *article.Article) { a.Site.Newsletter.Button = big },
	}
	for path, edit := range fields {
		t.Run(path, func(t *testing.T) {
			a := sample.Article()
			if a.Site.Newsletter == nil {
				a.Site.Newsletter = &article.Newsletter{Title: "t", Action: "https://news.example.com/s"}
			}
			edit(a)
			var found bool
			for _, f := range a.Check() {
				if f.Path == path && f.Code == "too_large" {
					found = true
				}
			}
			assert.True(t, found, "no too_large finding for %s: %v", path, a.Check())
		})
	}
}
