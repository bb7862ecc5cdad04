package feed

import (
	"encoding/xml"
	"html"
	"io"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Media   string     `xml:"xmlns:media,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Generator     string    `xml:"generator"`
	Self          *atomLink `xml:"atom:link"`
	Image         *rssImage `xml:"image"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type rssImage struct {
	URL   string `xml:"url"`
	Title string `xml:"title"`
	Link  string `xml:"link"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	Description string        `xml:"description"`
	Content     string        `xml:"content:encoded,omitempty"`
	PubDate     string        `xml:"pubDate,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Media       *mediaContent `xml:"media:content"`
}

type rssGUID struct {
	PermaLink string `xml:"isPermaLink,attr"`
	Value     string `xml:",chardata"`
}

type mediaContent struct {
	URL         string     `xml:"url,attr"`
	Type        string     `xml:"type,attr,omitempty"`
	Medium      string     `xml:"medium,attr"`
	Width       int        `xml:"width,attr,omitempty"`
	Height      int        `xml:"height,attr,omitempty"`
	Description *mediaText `xml:"media:description"`
	Credit      string     `xml:"media:credit,omitempty"`
}

type mediaText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

func rssTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC1123Z)
}

// RSS writes arts as an RSS 2.0 feed; see the package documentation for
// what each item carries.
func RSS(w io.Writer, arts []*article.Article, o Options) error {
	ch, items, err := resolve(arts, &o, true)
	if err != nil {
		return err
	}
	doc := rssDoc{
		Version: "2.0",
		Atom:    "http://www.w3.org/2005/Atom",
		DC:      "http://purl.org/dc/elements/1.1/",
		Content: "http://purl.org/rss/1.0/modules/content/",
		Media:   "http://search.yahoo.com/mrss/",
		Channel: rssChannel{
			Title:         ch.Title,
			Link:          ch.Link,
			Description:   html.EscapeString(ch.Description),
			Language:      ch.Language,
			LastBuildDate: rssTime(ch.Updated),
			Generator:     "broadsheet",
		},
	}
	if ch.SelfURL != "" {
		doc.Channel.Self = &atomLink{Href: ch.SelfURL, Rel: "self", Type: "application/rss+xml"}
	}
	if ch.Logo != nil && ch.Link != "" {
		doc.Channel.Image = &rssImage{URL: ch.Logo.URL, Title: ch.Title, Link: ch.Link}
	}
	for _, it := range items {
		ri := rssItem{
			Title:       it.title,
			Link:        it.url,
			GUID:        rssGUID{PermaLink: "true", Value: it.url},
			Description: html.EscapeString(it.summary), // RSS descriptions are HTML
			Content:     it.content,
			PubDate:     rssTime(it.pub),
			Categories:  it.cats,
		}
		for _, p := range it.a.Authors {
			ri.Creators = append(ri.Creators, p.Name)
		}
		if img := it.img; img != nil {
			m := &mediaContent{URL: img.URL, Type: imageType(img), Medium: "image", Width: img.Width, Height: img.Height, Credit: img.Credit}
			if img.Alt != "" {
				m.Description = &mediaText{Type: "plain", Value: img.Alt}
			}
			ri.Media = m
		}
		doc.Channel.Items = append(doc.Channel.Items, ri)
	}
	return writeXML(w, doc)
}
