package feed

import (
	"encoding/xml"
	"io"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

type atomFeed struct {
	XMLName   xml.Name     `xml:"feed"`
	NS        string       `xml:"xmlns,attr"`
	Lang      string       `xml:"xml:lang,attr,omitempty"`
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Subtitle  string       `xml:"subtitle,omitempty"`
	Updated   string       `xml:"updated"`
	Links     []atomLinkEl `xml:"link"`
	Author    atomPerson   `xml:"author"`
	Generator string       `xml:"generator"`
	Logo      string       `xml:"logo,omitempty"`
	Entries   []atomEntry  `xml:"entry"`
}

type atomLinkEl struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Title  string `xml:"title,attr,omitempty"`
	Length int    `xml:"length,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLinkEl   `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// Atom writes arts as an Atom 1.0 feed (RFC 4287); see the package
// documentation.
func Atom(w io.Writer, arts []*article.Article, o Options) error {
	ch, items, err := resolve(arts, &o, true)
	if err != nil {
		return err
	}
	updated := ch.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	f := atomFeed{
		NS:        "http://www.w3.org/2005/Atom",
		Lang:      ch.Language,
		ID:        ch.SelfURL,
		Title:     ch.Title,
		Subtitle:  ch.Description,
		Updated:   atomTime(updated),
		Author:    atomPerson{Name: ch.siteName, URI: ch.Link},
		Generator: "broadsheet",
	}
	if f.ID == "" {
		f.ID = ch.Link
	}
	if ch.Link != "" {
		f.Links = append(f.Links, atomLinkEl{Href: ch.Link, Rel: "alternate", Type: "text/html"})
	}
	if ch.SelfURL != "" {
		f.Links = append(f.Links, atomLinkEl{Href: ch.SelfURL, Rel: "self", Type: "application/atom+xml"})
	}
	if ch.Logo != nil {
		f.Logo = ch.Logo.URL
	}
	for _, it := range items {
		e := atomEntry{
			ID:        it.url,
			Title:     atomText{Type: "text", Value: it.title},
			Links:     []atomLinkEl{{Href: it.url, Rel: "alternate", Type: "text/html"}},
			Published: atomTime(it.pub),
			Updated:   atomTime(it.updated),
		}
		if e.Updated == "" {
			e.Updated = atomTime(updated)
		}
		for _, p := range it.a.Authors {
			ap := atomPerson{Name: p.Name}
			if _, err := article.CheckURL(p.URL); err == nil {
				ap.URI = p.URL
			}
			e.Authors = append(e.Authors, ap)
		}
		for _, c := range it.cats {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		if it.summary != "" {
			e.Summary = &atomText{Type: "text", Value: it.summary}
		}
		if it.content != "" {
			e.Content = &atomText{Type: "html", Value: it.content}
		}
		if img := it.img; img != nil {
			e.Links = append(e.Links, atomLinkEl{Href: img.URL, Rel: "enclosure", Type: imageType(img), Title: img.Alt})
		}
		f.Entries = append(f.Entries, e)
	}
	return writeXML(w, f)
}
