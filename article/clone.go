package article

import "slices"

// Clone returns a deep copy of a: no slice, pointer or nested value is
// shared, so the copy may be changed (or Normalize'd) while a is read
// elsewhere. A nil article clones to nil; an empty non-nil slice stays
// empty and non-nil.
func (a *Article) Clone() *Article {
	if a == nil {
		return nil
	}
	c := *a
	c.Tags = slices.Clone(a.Tags)
	c.Hashtags = slices.Clone(a.Hashtags)
	c.Authors = slices.Clone(a.Authors)
	c.KeyPoints = slices.Clone(a.KeyPoints)
	c.Explainers = slices.Clone(a.Explainers)
	c.Image = a.Image.clone()
	if a.Site != nil {
		s := *a.Site
		s.Logo = a.Site.Logo.clone()
		if a.Site.Newsletter != nil {
			n := *a.Site.Newsletter
			s.Newsletter = &n
		}
		c.Site = &s
	}
	return &c
}

func (img *Image) clone() *Image {
	if img == nil {
		return nil
	}
	c := *img
	return &c
}
