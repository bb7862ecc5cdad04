package render

import (
	"html/template"
	"strings"
	"sync"
)

// Tag is one <meta> element of the head: <meta Attr="Key" content="Content">,
// where Attr is "name" (description, robots, author, twitter:…,
// fediverse:creator) or "property" (og:…, article:…, fb:app_id).
type Tag struct {
	Attr    string `json:"attr"`
	Key     string `json:"key"`
	Content string `json:"content"`
}

// Tags returns the head's <meta> elements in document order: description,
// robots, author, Open Graph (image properties right after og:image, as the
// protocol requires), article:, fb:app_id, X Cards, fediverse:creator.
// Empty values are left out.
func (m *Meta) Tags() []Tag {
	tags := make([]Tag, 0, 48)
	m.eachTag(func(attr, key, content string) {
		tags = append(tags, Tag{Attr: attr, Key: key, Content: content})
	})
	return tags
}

func (m *Meta) eachTag(f func(attr, key, content string)) {
	name := func(k, v string) {
		if v != "" {
			f("name", k, v)
		}
	}
	prop := func(k, v string) {
		if v != "" {
			f("property", k, v)
		}
	}
	name("description", m.Description)
	name("robots", m.Robots)
	name("author", m.Author)

	og := &m.OpenGraph
	prop("og:type", og.Type)
	prop("og:title", og.Title)
	prop("og:description", og.Description)
	prop("og:url", og.URL)
	prop("og:site_name", og.SiteName)
	prop("og:locale", og.Locale)
	for _, l := range og.LocaleAlternates {
		prop("og:locale:alternate", l)
	}
	if img := og.Image; img != nil {
		prop("og:image", img.URL)
		prop("og:image:secure_url", img.SecureURL)
		prop("og:image:type", img.Type)
		if img.Width > 0 && img.Height > 0 {
			prop("og:image:width", itoa(img.Width))
			prop("og:image:height", itoa(img.Height))
		}
		prop("og:image:alt", img.Alt)
	}
	prop("article:published_time", og.PublishedTime)
	prop("article:modified_time", og.ModifiedTime)
	for _, u := range og.Authors {
		prop("article:author", u)
	}
	prop("article:section", og.Section)
	for _, t := range og.Tags {
		prop("article:tag", t)
	}
	prop("article:publisher", og.Publisher)
	prop("fb:app_id", og.AppID)

	tc := &m.Twitter
	name("twitter:card", tc.Card)
	name("twitter:site", tc.Site)
	name("twitter:creator", tc.Creator)
	name("twitter:title", tc.Title)
	name("twitter:description", tc.Description)
	name("twitter:image", tc.Image)
	name("twitter:image:alt", tc.ImageAlt)
	for i, l := range tc.Labels {
		n := itoa(i + 1)
		name("twitter:label"+n, l.Label)
		name("twitter:data"+n, l.Data)
	}
	for _, c := range m.FediverseCreators {
		name("fediverse:creator", c)
	}
}

// HeadHTML returns the head elements: <title>, <link rel=canonical>, the
// hreflang alternates, every Tag and the JSON-LD script, one per line, as
// the embedded "head" template writes them. It leaves out <meta charset>
// and the viewport, which belong to the page. Every value is escaped once,
// by html/template, for its context (see Meta).
func (m *Meta) HeadHTML() template.HTML {
	t, err := headTemplate()
	if err != nil {
		// The embedded template parses (TestGolden); an error here is a
		// broken build, not bad input.
		return ""
	}
	var b strings.Builder
	b.Grow(4096 + len(m.ld))
	if err := t.ExecuteTemplate(&b, "head", &Data{Meta: m}); err != nil {
		return ""
	}
	return template.HTML(b.String())
}

// JSONLDScript returns JSONLD typed for the "head" template's
// <script type="application/ld+json">: encoding/json escaped every '<',
// '>' and '&', so html/template may insert it as it is.
func (m *Meta) JSONLDScript() template.JS { return template.JS(m.ld) }

// headTemplate is the embedded components parsed once, for HeadHTML.
var headTemplate = sync.OnceValues(func() (*template.Template, error) {
	return template.New("head").Funcs(funcs).ParseFS(embedded, "templates/components.html")
})
