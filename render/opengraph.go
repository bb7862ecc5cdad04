package render

import (
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// OpenGraph is the Open Graph part of Meta (https://ogp.me): og:, the
// article: namespace (https://ogp.me/ns/article#) and fb:app_id. Empty
// fields are not emitted.
type OpenGraph struct {
	// Type is always "article".
	Type string `json:"type"`
	// Title is the social headline (article.SocialTitle).
	Title string `json:"title"`
	// Description is Meta.Description.
	Description string `json:"description"`
	// URL is Meta.Canonical.
	URL string `json:"url"`
	// SiteName is the site's name.
	SiteName string `json:"site_name,omitempty"`
	// Locale is og:locale in ll_CC form: the article's language when it
	// names a territory ("ar-QA" → ar_QA), else the site's locale.
	Locale string `json:"locale,omitempty"`
	// LocaleAlternates are og:locale:alternate: the ll_CC locales of the
	// article's translations (Meta.Alternates) that name a territory,
	// each once, without Locale itself.
	LocaleAlternates []string `json:"locale_alternates,omitempty"`
	// Image is the lead image, or the share image (Options.ShareImage);
	// nil when there is neither.
	Image *OGImage `json:"image,omitempty"`
	// PublishedTime is RFC 3339 with the offset given.
	PublishedTime string `json:"published_time"`
	// ModifiedTime is set only when the article was modified after it was
	// published.
	ModifiedTime string `json:"modified_time,omitempty"`
	// Authors are the bylines' profile URLs (article:author), for bylines
	// that have one.
	Authors []string `json:"authors,omitempty"`
	// Section is article:section.
	Section string `json:"section,omitempty"`
	// Tags are article:tag, one tag each.
	Tags []string `json:"tags,omitempty"`
	// Publisher is the site's Facebook page (article:publisher).
	Publisher string `json:"publisher,omitempty"`
	// AppID is fb:app_id.
	AppID string `json:"app_id,omitempty"`
}

// OGImage is og:image with its structured properties.
type OGImage struct {
	URL string `json:"url"`
	// SecureURL is og:image:secure_url: set when URL is https.
	SecureURL string `json:"secure_url,omitempty"`
	Type      string `json:"type,omitempty"`
	Width     int    `json:"width,omitempty"`
	Height    int    `json:"height,omitempty"`
	Alt       string `json:"alt,omitempty"`
}

func openGraph(a *article.Article, m *Meta, img *article.Image, locale, published, modified string) OpenGraph {
	og := OpenGraph{
		Type:          "article",
		Title:         a.SocialTitle(),
		Description:   m.Description,
		URL:           m.Canonical,
		Locale:        locale,
		PublishedTime: published,
		ModifiedTime:  modified,
		Section:       a.Section,
		Tags:          a.Tags,
	}
	if s := a.Site; s != nil {
		og.SiteName = s.Name
		og.Publisher = s.FacebookPage
		og.AppID = s.FacebookAppID
	}
	if img != nil {
		oi := &OGImage{URL: img.URL, Type: img.Type, Width: img.Width, Height: img.Height, Alt: img.Alt}
		if strings.HasPrefix(img.URL, "https:") {
			oi.SecureURL = img.URL
		}
		og.Image = oi
	}
	for _, p := range a.Authors {
		if p.URL != "" {
			og.Authors = append(og.Authors, p.URL)
		}
	}
	for _, alt := range m.Alternates {
		l, err := article.OGLocale(alt.Lang)
		if err != nil || l == locale || slices.Contains(og.LocaleAlternates, l) {
			continue
		}
		og.LocaleAlternates = append(og.LocaleAlternates, l)
	}
	return og
}
