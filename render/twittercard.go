package render

import (
	"github.com/broadsheet/broadsheet/sanitize"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// TwitterCard is the X Cards part of Meta
// (https://developer.x.com/en/docs/x-for-websites/cards/overview/markup).
// Title, Description and ImageAlt are cut to X's limits without splitting a
// grapheme; empty fields are not emitted.
type TwitterCard struct {
	// Card is "summary_large_image" when the lead image meets X's minimum
	// for it (300×157, at most 4096×4096, not SVG), else "summary".
	Card string `json:"card"`
	// Site is the site's @handle.
	Site string `json:"site,omitempty"`
	// Creator is the first author's @handle, only from an explicit handle.
	Creator string `json:"creator,omitempty"`
	// Title is the social headline, at most MaxXTitle characters.
	Title string `json:"title"`
	// Description is at most MaxXDescription characters.
	Description string `json:"description"`
	// Image is the lead (or share) image's URL; empty when there is none
	// or it is too small for any card.
	Image string `json:"image,omitempty"`
	// ImageAlt is at most MaxXAlt characters.
	ImageAlt string `json:"image_alt,omitempty"`
	// Labels are the twitter:labelN / twitter:dataN pairs: the byline and
	// the reading time.
	Labels []TwitterLabel `json:"labels,omitempty"`
}

// TwitterLabel is one twitter:labelN / twitter:dataN pair.
type TwitterLabel struct {
	Label string `json:"label"`
	Data  string `json:"data"`
}

func twitterCard(a *article.Article, m *Meta, img *article.Image, l *Labels) TwitterCard {
	tc := TwitterCard{
		Card:        "summary",
		Title:       sanitize.Truncate(a.SocialTitle(), MaxXTitle),
		Description: sanitize.Truncate(m.Description, MaxXDescription),
	}
	if s := a.Site; s != nil && s.X != "" {
		tc.Site = "@" + strings.TrimPrefix(s.X, "@")
	}
	for _, p := range a.Authors {
		if p.X != "" {
			tc.Creator = "@" + strings.TrimPrefix(p.X, "@")
			break
		}
	}
	if img != nil && !isSVG(img) {
		switch {
		case img.Width >= 300 && img.Height >= 157 && img.Width <= 4096 && img.Height <= 4096:
			tc.Card = "summary_large_image"
			tc.Image = img.URL
		case img.Width >= 144 && img.Height >= 144 && img.Width <= 4096 && img.Height <= 4096:
			tc.Image = img.URL
		}
		if tc.Image != "" {
			tc.ImageAlt = sanitize.Truncate(img.Alt, MaxXAlt)
		}
	}
	if m.Author != "" {
		tc.Labels = append(tc.Labels, TwitterLabel{Label: l.WrittenBy, Data: m.Author})
	}
	tc.Labels = append(tc.Labels, TwitterLabel{Label: l.ReadingTime, Data: l.MinutesRead(m.ReadingMinutes)})
	return tc
}

func isSVG(img *article.Image) bool {
	if img.Type == "image/svg+xml" {
		return true
	}
	path, _, _ := strings.Cut(img.URL, "?")
	return strings.HasSuffix(strings.ToLower(path), ".svg")
}
