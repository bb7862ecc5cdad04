package render

import (
	"slices"

	"github.com/broadsheet/broadsheet/article"
)

// clone returns a deep copy of a.
func clone(a *article.Article) *article.Article {
	c := *a
	c.Tags = slices.Clone(a.Tags)
	c.Hashtags = slices.Clone(a.Hashtags)
	c.Authors = slices.Clone(a.Authors)
	c.KeyPoints = slices.Clone(a.KeyPoints)
	c.Explainers = slices.Clone(a.Explainers)
	if a.Image != nil {
		img := *a.Image
		c.Image = &img
	}
	if a.Site != nil {
		s := *a.Site
		if s.Logo != nil {
			logo := *s.Logo
			s.Logo = &logo
		}
		if s.Newsletter != nil {
			n := *s.Newsletter
			s.Newsletter = &n
		}
		c.Site = &s
	}
	return &c
}
