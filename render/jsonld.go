package render

import (
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// Graph is the schema.org JSON-LD document of an article page: one
// @graph of linked nodes (https://schema.org, Google's Article structured
// data guide), with stable @id values derived from the site and canonical
// URLs:
//
//	Organization   {site}#organization   name, url, logo, sameAs
//	WebSite        {site}#website        url, name, publisher, inLanguage
//	ImageObject    {canonical}#primaryimage
//	WebPage        {canonical}           isPartOf, primaryImageOfPage, breadcrumb, dates
//	NewsArticle    {canonical}#article   headline, authors, dates, publisher, speakable …
//	BreadcrumbList {canonical}#breadcrumb Home › Section
//
// A node whose required inputs are missing is left out together with every
// reference to it, and reported in Meta.Dropped: Organization needs the
// site's name, URL and a logo with its size; WebSite the site's name and
// URL; ImageObject a lead image; NewsArticle at least one
// author; BreadcrumbList the site and a section.
type Graph struct {
	Context string `json:"@context"`
	// Nodes holds *Organization, *WebSite, *ImageObject, *WebPage,
	// *NewsArticle and *BreadcrumbList values, in that order.
	Nodes []any `json:"@graph"`
}

// Ref is a reference to another node of the graph by its @id.
type Ref struct {
	ID string `json:"@id"`
}

// Organization is the publisher.
type Organization struct {
	Type   string       `json:"@type"`
	ID     string       `json:"@id"`
	Name   string       `json:"name"`
	URL    string       `json:"url"`
	Logo   *ImageObject `json:"logo"`
	SameAs []string     `json:"sameAs,omitempty"`
}

// WebSite is the site as a whole.
type WebSite struct {
	Type        string `json:"@type"`
	ID          string `json:"@id"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Publisher   *Ref   `json:"publisher,omitempty"`
	InLanguage  string `json:"inLanguage,omitempty"`
}

// ImageObject is an image with its size.
type ImageObject struct {
	Type       string `json:"@type"`
	ID         string `json:"@id,omitempty"`
	URL        string `json:"url"`
	ContentURL string `json:"contentUrl"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Caption    string `json:"caption,omitempty"`
	CreditText string `json:"creditText,omitempty"`
	InLanguage string `json:"inLanguage,omitempty"`
}

// WebPage is the page the article is on.
type WebPage struct {
	Type               string `json:"@type"`
	ID                 string `json:"@id"`
	URL                string `json:"url"`
	Name               string `json:"name"`
	Description        string `json:"description,omitempty"`
	IsPartOf           *Ref   `json:"isPartOf,omitempty"`
	PrimaryImageOfPage *Ref   `json:"primaryImageOfPage,omitempty"`
	Breadcrumb         *Ref   `json:"breadcrumb,omitempty"`
	DatePublished      string `json:"datePublished"`
	DateModified       string `json:"dateModified,omitempty"`
	InLanguage         string `json:"inLanguage,omitempty"`
}

// NewsArticle is the article.
type NewsArticle struct {
	Type             string     `json:"@type"`
	ID               string     `json:"@id"`
	Headline         string     `json:"headline"`
	Description      string     `json:"description,omitempty"`
	Image            *Ref       `json:"image,omitempty"`
	ThumbnailURL     string     `json:"thumbnailUrl,omitempty"`
	DatePublished    string     `json:"datePublished"`
	DateModified     string     `json:"dateModified,omitempty"`
	Author           []Person   `json:"author"`
	Publisher        *Ref       `json:"publisher,omitempty"`
	MainEntityOfPage *Ref       `json:"mainEntityOfPage"`
	IsPartOf         *Ref       `json:"isPartOf"`
	ArticleSection   string     `json:"articleSection,omitempty"`
	Keywords         []string   `json:"keywords,omitempty"`
	InLanguage       string     `json:"inLanguage,omitempty"`
	WordCount        int        `json:"wordCount"`
	Speakable        *Speakable `json:"speakable,omitempty"`
	CopyrightHolder  *Ref       `json:"copyrightHolder,omitempty"`
	CopyrightYear    int        `json:"copyrightYear,omitempty"`
}

// Person is a byline: a Person, or an Organization when the article marks
// it so explicitly (never guessed from the name).
type Person struct {
	Type   string   `json:"@type"`
	ID     string   `json:"@id,omitempty"`
	Name   string   `json:"name"`
	URL    string   `json:"url,omitempty"`
	SameAs []string `json:"sameAs,omitempty"`
}

// Speakable points text-to-speech at the key points and explainers
// (https://schema.org/speakable).
type Speakable struct {
	Type        string   `json:"@type"`
	CSSSelector []string `json:"cssSelector"`
}

// BreadcrumbList is Home › Section.
type BreadcrumbList struct {
	Type            string     `json:"@type"`
	ID              string     `json:"@id"`
	ItemListElement []ListItem `json:"itemListElement"`
}

// ListItem is one breadcrumb; the last omits Item.
type ListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}

// CSS selectors the speakable specification points at; the page's
// templates put these classes on the key points and explainers.
const (
	classKeyPoints = "bs-keypoints"
	classExplainer = "bs-explainer"
)

func linkedData(a *article.Article, m *Meta, published, modified string) (Graph, []Dropped) {
	g := Graph{Context: "https://schema.org"}
	var dropped []Dropped
	site := a.Site
	lang := m.Lang

	var org, website *Ref
	if site == nil {
		dropped = append(dropped,
			Dropped{Node: "Organization", Reason: "site is missing"},
			Dropped{Node: "WebSite", Reason: "site is missing"})
	} else {
		siteURL := site.URL
		switch {
		case site.Logo == nil || site.Logo.URL == "" || site.Logo.Width <= 0 || site.Logo.Height <= 0:
			dropped = append(dropped, Dropped{Node: "Organization", Reason: "site.logo with url, width and height is missing"})
		default:
			org = &Ref{ID: siteURL + "#organization"}
			g.Nodes = append(g.Nodes, &Organization{
				Type: "Organization", ID: org.ID, Name: site.Name, URL: siteURL,
				Logo: &ImageObject{
					Type: "ImageObject", ID: siteURL + "#logo", URL: site.Logo.URL, ContentURL: site.Logo.URL,
					Width: site.Logo.Width, Height: site.Logo.Height, Caption: site.Name,
				},
				SameAs: profileURLs(site.X, site.Bluesky, site.Mastodon, site.FacebookPage),
			})
		}
		website = &Ref{ID: siteURL + "#website"}
		g.Nodes = append(g.Nodes, &WebSite{
			Type: "WebSite", ID: website.ID, URL: siteURL, Name: site.Name,
			Description: site.Tagline, Publisher: org, InLanguage: lang,
		})
	}

	var image *Ref
	thumb := ""
	if img := a.Image; img == nil {
		dropped = append(dropped, Dropped{Node: "ImageObject", Reason: "image is missing"})
	} else {
		image = &Ref{ID: m.Canonical + "#primaryimage"}
		thumb = img.URL
		g.Nodes = append(g.Nodes, &ImageObject{
			Type: "ImageObject", ID: image.ID, URL: img.URL, ContentURL: img.URL,
			Width: img.Width, Height: img.Height, Caption: img.Caption, CreditText: img.Credit, InLanguage: lang,
		})
	}

	var crumbs *Ref
	if site != nil && a.Section != "" {
		crumbs = &Ref{ID: m.Canonical + "#breadcrumb"}
	} else {
		reason := "section is missing"
		if site == nil {
			reason = "site is missing"
		}
		dropped = append(dropped, Dropped{Node: "BreadcrumbList", Reason: reason})
	}

	page := &Ref{ID: m.Canonical}
	g.Nodes = append(g.Nodes, &WebPage{
		Type: "WebPage", ID: page.ID, URL: m.Canonical, Name: a.Headline, Description: m.Description,
		IsPartOf: website, PrimaryImageOfPage: image, Breadcrumb: crumbs,
		DatePublished: published, DateModified: modified, InLanguage: lang,
	})

	if len(a.Authors) == 0 {
		dropped = append(dropped, Dropped{Node: "NewsArticle", Reason: "authors is empty"})
	} else {
		authors := make([]Person, len(a.Authors))
		for i, p := range a.Authors {
			typ := "Person"
			if p.IsOrganization() {
				typ = "Organization"
			}
			id := ""
			if p.URL != "" {
				id = p.URL + "#" + strings.ToLower(typ)
			}
			authors[i] = Person{Type: typ, ID: id, Name: p.Name, URL: p.URL, SameAs: profileURLs(p.X, p.Bluesky, p.Mastodon, "")}
		}
		na := &NewsArticle{
			Type: "NewsArticle", ID: m.Canonical + "#article", Headline: a.Headline, Description: m.Description,
			Image: image, ThumbnailURL: thumb, DatePublished: published, DateModified: modified,
			Author: authors, Publisher: org, MainEntityOfPage: page, IsPartOf: page,
			ArticleSection: a.Section, Keywords: a.Tags, InLanguage: lang, WordCount: m.WordCount,
		}
		if org != nil {
			na.CopyrightHolder = org
			na.CopyrightYear = a.Published.Year()
		}
		var sel []string
		if len(a.KeyPoints) > 0 {
			sel = append(sel, "."+classKeyPoints)
		}
		if len(a.Explainers) > 0 {
			sel = append(sel, "."+classExplainer)
		}
		if sel != nil {
			na.Speakable = &Speakable{Type: "SpeakableSpecification", CSSSelector: sel}
		}
		g.Nodes = append(g.Nodes, na)
	}

	if crumbs != nil {
		g.Nodes = append(g.Nodes, &BreadcrumbList{
			Type: "BreadcrumbList", ID: crumbs.ID,
			ItemListElement: []ListItem{
				{Type: "ListItem", Position: 1, Name: site.Name, Item: site.URL},
				{Type: "ListItem", Position: 2, Name: a.Section},
			},
		})
	}
	return g, dropped
}
