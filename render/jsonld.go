package render

import (
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/render/jsonld"
)

// CSS selectors the speakable specification points at; the page's
// templates put these classes on the key points and explainers.
const (
	classKeyPoints = "bs-keypoints"
	classExplainer = "bs-explainer"
)

func linkedData(a *article.Article, m *Meta, img *article.Image, published, modified string) (jsonld.Graph, []Dropped) {
	g := jsonld.Graph{Context: "https://schema.org"}
	var dropped []Dropped
	site := a.Site
	lang := m.Lang

	var org, website *jsonld.Ref
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
			org = &jsonld.Ref{ID: siteURL + "#organization"}
			g.Nodes = append(g.Nodes, &jsonld.Organization{
				Type: "Organization", ID: org.ID, Name: site.Name, URL: siteURL,
				Logo: &jsonld.ImageObject{
					Type: "ImageObject", ID: siteURL + "#logo", URL: site.Logo.URL, ContentURL: site.Logo.URL,
					Width: site.Logo.Width, Height: site.Logo.Height, Caption: site.Name,
				},
				SameAs: profileURLs(site.X, site.Bluesky, site.Mastodon, site.FacebookPage),
			})
		}
		website = &jsonld.Ref{ID: siteURL + "#website"}
		g.Nodes = append(g.Nodes, &jsonld.WebSite{
			Type: "WebSite", ID: website.ID, URL: siteURL, Name: site.Name,
			Description: site.Tagline, Publisher: org, InLanguage: lang,
		})
	}

	var image *jsonld.Ref
	thumb := ""
	if img == nil {
		dropped = append(dropped, Dropped{Node: "ImageObject", Reason: "image is missing"})
	} else {
		image = &jsonld.Ref{ID: m.Canonical + "#primaryimage"}
		thumb = img.URL
		g.Nodes = append(g.Nodes, &jsonld.ImageObject{
			Type: "ImageObject", ID: image.ID, URL: img.URL, ContentURL: img.URL,
			Width: img.Width, Height: img.Height, Caption: img.Caption, CreditText: img.Credit, InLanguage: lang,
		})
	}

	var crumbs *jsonld.Ref
	if site != nil && a.Section != "" {
		crumbs = &jsonld.Ref{ID: m.Canonical + "#breadcrumb"}
	} else {
		reason := "section is missing"
		if site == nil {
			reason = "site is missing"
		}
		dropped = append(dropped, Dropped{Node: "BreadcrumbList", Reason: reason})
	}

	page := &jsonld.Ref{ID: m.Canonical}
	g.Nodes = append(g.Nodes, &jsonld.WebPage{
		Type: "WebPage", ID: page.ID, URL: m.Canonical, Name: a.Headline, Description: m.Description,
		IsPartOf: website, PrimaryImageOfPage: image, Breadcrumb: crumbs,
		DatePublished: published, DateModified: modified, InLanguage: lang,
	})

	if len(a.Authors) == 0 {
		dropped = append(dropped, Dropped{Node: "NewsArticle", Reason: "authors is empty"})
	} else {
		authors := make([]jsonld.Person, len(a.Authors))
		for i, p := range a.Authors {
			typ := "Person"
			if p.IsOrganization() {
				typ = "Organization"
			}
			id := ""
			if p.URL != "" {
				id = p.URL + "#" + strings.ToLower(typ)
			}
			authors[i] = jsonld.Person{Type: typ, ID: id, Name: p.Name, URL: p.URL, SameAs: profileURLs(p.X, p.Bluesky, p.Mastodon, "")}
		}
		na := &jsonld.NewsArticle{
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
			na.Speakable = &jsonld.Speakable{Type: "SpeakableSpecification", CSSSelector: sel}
		}
		g.Nodes = append(g.Nodes, na)
	}

	if crumbs != nil {
		g.Nodes = append(g.Nodes, &jsonld.BreadcrumbList{
			Type: "BreadcrumbList", ID: crumbs.ID,
			ItemListElement: []jsonld.ListItem{
				{Type: "ListItem", Position: 1, Name: site.Name, Item: site.URL},
				{Type: "ListItem", Position: 2, Name: a.Section},
			},
		})
	}
	return g, dropped
}
