package render

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
)

// clone returns a deep copy of a in which every string is valid UTF-8
// (each run of invalid bytes becomes U+FFFD, as HTML and JSON would show
// it), so the resolved metadata holds exactly the text the page shows.
func clone(a *article.Article) *article.Article {
	c := *a
	c.Tags = validAll(a.Tags)
	c.Hashtags = validAll(a.Hashtags)
	c.KeyPoints = validAll(a.KeyPoints)
	c.Authors = slices.Clone(a.Authors)
	for i := range c.Authors {
		p := &c.Authors[i]
		valid(&p.Name, &p.URL, &p.X, &p.Bluesky, &p.Mastodon)
	}
	c.Explainers = slices.Clone(a.Explainers)
	for i := range c.Explainers {
		e := &c.Explainers[i]
		valid(&e.Title, &e.Body)
	}
	valid(&c.ID, &c.URL, &c.Headline, &c.SocialHeadline, &c.Standfirst, &c.Kicker, &c.Section, &c.Language, &c.Body)
	c.Image = cloneImage(a.Image)
	if a.Site != nil {
		s := *a.Site
		valid(&s.Name, &s.URL, &s.Tagline, &s.Locale, &s.X, &s.FacebookAppID, &s.FacebookPage, &s.Bluesky, &s.Mastodon)
		s.Logo = cloneImage(s.Logo)
		if s.Newsletter != nil {
			n := *s.Newsletter
			valid(&n.Title, &n.Pitch, &n.Action, &n.Button)
			s.Newsletter = &n
		}
		c.Site = &s
	}
	return &c
}

func cloneImage(img *article.Image) *article.Image {
	if img == nil {
		return nil
	}
	c := *img
	valid(&c.URL, &c.Alt, &c.Caption, &c.Credit, &c.Type)
	return &c
}

func valid(ss ...*string) {
	for _, s := range ss {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
	}
}

func validAll(ss []string) []string {
	c := slices.Clone(ss)
	for i := range c {
		valid(&c[i])
	}
	return c
}
